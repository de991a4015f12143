"""Helpers for the robustness tests: run the real CLI in a subprocess, read a library file raw."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLES = (
    "paper",
    "author",
    "paper_author",
    "source_listing",
    "paper_source",
    "tag",
    "paper_tag",
    "note",
    "reading_event",
    "paper_fts",
)


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "READINGLIST_DATA_DIR"}
    env["PYTHONPATH"] = str(ROOT)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def cli_args(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "readinglist", "--data-dir", str(data_dir), *args]


def run_cli(
    data_dir: Path, *args: str, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_args(data_dir, *args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(**env),
        cwd=ROOT,
    )


def integrity(db: Path) -> list[str]:
    """PRAGMA integrity_check of the file as SQLite finds it (replaying any -wal)."""
    conn = sqlite3.connect(db)
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def table_counts(db: Path) -> dict[str, int]:
    """Rows per table: two libraries with equal counts everywhere hold the same import."""
    conn = sqlite3.connect(db)
    try:
        return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}
    finally:
        conn.close()


def status_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT status, count(*) FROM paper GROUP BY status").fetchall())
    finally:
        conn.close()
