"""Damaged and unreadable library files: checked after a crash, set aside, a backup offered."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from readinglist.library import (
    CorruptDatabaseError,
    Library,
    LibraryError,
    integrity,
    restore_backup,
)
from readinglist.library.integrity import DamagedLibraryError
from tests.conftest import SEED_EN, SEED_FR
from tests.robustness.support import ROOT, cli_env, run_cli
from tests.robustness.support import integrity as integrity_check

NOTE = "the note that must survive"


def _make_library(data_dir: Path) -> int:
    """A closed library of 16 papers with a note and a backup; returns the noted paper's id."""
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_FR, SEED_EN])
        pid = lib.paper_ids()[0]
        lib.set_note(pid, NOTE)
        lib.set_status([pid], "reading")
        lib.backup()
    return pid


def _kill_while_open(data_dir: Path) -> None:
    """Open the library in another process and SIGKILL it: an unclean shutdown."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from readinglist.library import Library
        lib = Library.open({str(data_dir)!r}, auto_backup=False)
        print("open", flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=cli_env(), cwd=ROOT
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "open"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()


def _damage_table(db: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage, as a bad sector or a stray write would."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    assert not db.with_name(db.name + "-wal").exists(), "damage the main file, not the log"
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d\xff\xff\xff\xff\x00\x10" + b"\xa5" * (page_size - 7))


def test_clean_close_leaves_no_trace_and_a_kill_is_noticed(data_dir: Path) -> None:
    _make_library(data_dir)
    probe = integrity.Session.start(data_dir)
    assert not probe.unclean  # every Library above was closed
    probe.end()
    _kill_while_open(data_dir)
    probe = integrity.Session.start(data_dir)
    assert probe.unclean
    probe.end()
    # The check passes on a sound file; the library opens and forgets the crash.
    with Library.open(data_dir) as lib:
        assert lib.count() == 16
    probe = integrity.Session.start(data_dir)
    assert not probe.unclean
    probe.end()


def test_a_library_open_elsewhere_is_not_taken_for_a_crash(data_dir: Path) -> None:
    with Library.open(data_dir), Library.open(data_dir) as second:
        assert second.count() == 0
        probe = integrity.Session.start(data_dir)
        assert not probe.unclean and probe.others_alive
        probe.end()
        assert integrity.live_sessions(data_dir) == 2


def test_damage_found_by_quick_check_after_a_crash_sets_the_file_aside(data_dir: Path) -> None:
    pid = _make_library(data_dir)
    db = data_dir / "library.sqlite3"
    _kill_while_open(data_dir)
    # A page that opening alone never reads: only the check can find it.
    _damage_table(db, "reading_event")
    damaged_bytes = db.read_bytes()

    with pytest.raises(DamagedLibraryError) as err:
        Library.open(data_dir, set_aside_damaged=True)
    error = err.value
    assert isinstance(error, CorruptDatabaseError)
    assert "not closed properly" in str(error)
    # Moved aside, byte for byte, never deleted; the newest backup is offered.
    assert error.moved_to is not None and error.moved_to.name.startswith("library.sqlite3.corrupt-")
    assert error.moved_to.read_bytes() == damaged_bytes
    assert not db.exists()
    assert error.backup is not None and error.backup.papers == 16
    assert str(error.moved_to) in str(error) and Path(error.backup.path).name in str(error)

    restore_backup(data_dir)
    with Library.open(data_dir) as lib:
        assert lib.count() == 16
        assert lib.paper(pid).note == NOTE
        assert [h.new_status for h in lib.paper(pid).history] == ["reading"]
    assert integrity_check(db) == ["ok"]


def test_without_a_crash_an_unread_damaged_page_does_not_stop_opening(data_dir: Path) -> None:
    # The control for the test above: the check runs after a crash, not at every start.
    _make_library(data_dir)
    _damage_table(data_dir / "library.sqlite3", "reading_event")
    with Library.open(data_dir, auto_backup=False) as lib:
        assert lib.count() == 16


@pytest.mark.parametrize("damage", ["header", "truncated"])
def test_a_damaged_file_is_reported_never_crashes_and_is_kept(data_dir: Path, damage: str) -> None:
    _make_library(data_dir)
    db = data_dir / "library.sqlite3"
    if damage == "header":
        db.write_bytes(b"\x00" * 100 + db.read_bytes()[100:])
    else:
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    damaged_bytes = db.read_bytes()

    with pytest.raises(DamagedLibraryError) as err:
        Library.open(data_dir)
    # Not moved unless asked: the CLI reports, the restore moves it aside.
    assert err.value.moved_to is None and db.read_bytes() == damaged_bytes
    assert err.value.backup is not None and err.value.backup.papers == 16

    result = run_cli(data_dir, "list")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "readinglist restore" in result.stderr and "library.sqlite3" in result.stderr

    result = run_cli(data_dir, "restore")
    assert result.returncode == 0, result.stderr
    assert "16 papers" in result.stdout
    kept = [p for p in data_dir.iterdir() if p.is_file() and p.read_bytes() == damaged_bytes]
    assert [p.name.split("-")[0] for p in kept] == ["library.sqlite3.corrupt"]


def test_the_newest_unreadable_backup_is_not_offered(data_dir: Path) -> None:
    _make_library(data_dir)
    with Library.open(data_dir, auto_backup=False) as lib:
        newest = lib.backup()
    newest.write_bytes(b"garbage" * 1000)
    good = integrity.latest_good_backup(data_dir)
    assert good is not None and Path(good.path) != newest and good.papers == 16


def test_a_damaged_backup_is_not_restored_and_nothing_changes(data_dir: Path) -> None:
    _make_library(data_dir)
    with Library.open(data_dir, auto_backup=False) as lib:
        bad = lib.backup()
        lib.set_note(lib.paper_ids()[1], "written after the backup")
    _damage_table(bad, "paper")
    db = data_dir / "library.sqlite3"
    before = db.read_bytes()
    backups_before = sorted(p.name for p in (data_dir / "backups").iterdir())
    with pytest.raises(LibraryError, match="cannot be restored"):
        restore_backup(data_dir, bad.name)
    assert db.read_bytes() == before
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == backups_before
    assert not db.with_name("library.sqlite3.restoring").exists()


def test_restore_is_refused_while_the_library_is_open(data_dir: Path) -> None:
    _make_library(data_dir)
    with Library.open(data_dir) as lib, pytest.raises(LibraryError, match="close it"):
        restore_backup(data_dir)
    with Library.open(data_dir) as lib:
        assert lib.paper(lib.paper_ids()[0]).note == NOTE


def test_a_locked_library_is_not_called_damaged(data_dir: Path) -> None:
    _make_library(data_dir)
    holder = sqlite3.connect(data_dir / "library.sqlite3")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        other = sqlite3.connect(data_dir / "library.sqlite3", timeout=0)
        with pytest.raises(sqlite3.OperationalError) as err:
            other.execute("BEGIN IMMEDIATE")
        other.close()
    finally:
        holder.rollback()
        holder.close()
    assert "locked" in str(err.value)
    assert not integrity.is_corruption(err.value)


def test_set_aside_moves_the_write_ahead_log_too(data_dir: Path) -> None:
    data_dir.mkdir()
    db = data_dir / "library.sqlite3"
    for name, content in [("", b"main"), ("-wal", b"log"), ("-shm", b"index")]:
        db.with_name(db.name + name).write_bytes(content)
    first = integrity.set_aside(db)
    db.write_bytes(b"second")
    second = integrity.set_aside(db)
    assert first != second and sorted(p.name for p in data_dir.iterdir()) == sorted(
        [first.name, first.name + "-wal", first.name + "-shm", second.name]
    )
    assert first.with_name(first.name + "-wal").read_bytes() == b"log"
