"""A polite kill (SIGTERM) closes the app as the user would: the note kept, the library closed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readinglist.library import Library
from tests.conftest import ROOT, SEED_EN


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_closes_the_library_cleanly(data_dir: Path, tmp_path: Path) -> None:
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_EN])
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    sessions = data_dir / ".sessions"
    log = tmp_path / "app.log"
    with (
        log.open("wb") as out,
        subprocess.Popen(
            [sys.executable, "-m", "readinglist", "--data-dir", str(data_dir)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        ) as app,
    ):
        deadline = time.monotonic() + 30
        while not (sessions.is_dir() and any(sessions.iterdir())):
            assert app.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "the app did not open the library"
            time.sleep(0.1)
        time.sleep(0.5)
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0, log.read_text(errors="replace")
    # A clean close leaves no session marker, so the next start skips the crash check.
    assert list(sessions.iterdir()) == []
