"""Run inside a private mount namespace: the CLI on a tiny tmpfs that fills up, then goes read-only.

Usage: disk_driver.py MOUNTPOINT LISTING OUT.json. Each step's exit status,
message and the library's state are written to OUT.json for the test to judge.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    mount, listing, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    data = mount / "library"
    db = data / "library.sqlite3"
    steps: dict[str, Any] = {}

    def cli(name: str, *args: str) -> None:
        r = subprocess.run(
            [sys.executable, "-m", "readinglist", "--data-dir", str(data), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        steps[name] = {"rc": r.returncode, "out": r.stdout.strip(), "err": r.stderr.strip()}

    def state(name: str) -> None:
        backups = data / "backups"
        conn = sqlite3.connect(db)
        try:
            steps[name] = {
                "integrity": [r[0] for r in conn.execute("PRAGMA integrity_check")],
                "papers": conn.execute("SELECT count(*) FROM paper").fetchone()[0],
                "authors": conn.execute("SELECT count(*) FROM author").fetchone()[0],
                "note": conn.execute("SELECT body FROM note WHERE paper_id = 1").fetchone(),
                "backups": sorted(p.name for p in backups.iterdir()) if backups.is_dir() else [],
            }
        finally:
            conn.close()

    cli("import_seed", "import", str(ROOT / "seeds" / "publications-en.txt"))
    cli("note_before", "note", "1", "--set", "written before the disk filled")
    state("before")
    cli("import_big", "import", str(listing))
    state("after_import")

    filler = mount / "filler"
    with filler.open("wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    cli("note_full", "note", "1", "--set", "typed when the disk was full")
    cli("backup_full", "backup")
    cli("list_full", "list")
    folder = data / "backups"
    partial = [p.name for p in folder.iterdir() if "partial" in p.name] if folder.is_dir() else []
    steps["partial_backups"] = partial
    filler.unlink()
    state("after_full")
    cli("note_freed", "note", "1", "--set", "written once space was freed")

    before_ro = hashlib.sha256(db.read_bytes()).hexdigest()
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    cli("list_ro", "list")
    cli("note_ro", "note", "1", "--set", "typed on a read-only disk")
    cli("backup_ro", "backup")
    steps["unchanged_ro"] = hashlib.sha256(db.read_bytes()).hexdigest() == before_ro
    subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
    state("final")
    out.write_text(json.dumps(steps, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
