"""Where the library lives: platformdirs, or ``--data-dir`` / READINGLIST_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "readinglist"
ENV_DATA_DIR = "READINGLIST_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the database and its backups; nothing is created here."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def log_dir() -> Path:
    """The folder for log files (created by the caller that writes one)."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
