"""Helpers for the robustness tests: run the real CLI in a subprocess, read a library file raw."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


def peak_rss_mb(
    args: list[str], timeout: float = 600
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``args`` and return its result and peak resident memory in MB (Linux and macOS).

    A fresh Python runs the command, so RUSAGE_CHILDREN covers that one process only.
    """
    wrapper = (
        "import resource, subprocess, sys, json\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "sys.stderr.write(r.stderr)\n"
        "print(json.dumps([r.returncode, r.stdout, peak]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(),
        cwd=ROOT,
    )
    rc, out, peak = json.loads(done.stdout)
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    return subprocess.CompletedProcess(args, rc, out, done.stderr), mb


class Hang(Exception):
    """The reader ran past its time limit."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: SIGALRM interrupts a reader stuck in a loop."""
    if sys.platform == "win32":
        yield
        return

    def _alarm(_signum: int, _frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
