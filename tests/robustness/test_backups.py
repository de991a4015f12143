"""Backups: daily at start-up, a configurable number kept, and restored from the command line."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

from readinglist.library import Library
from tests.conftest import SEED_EN, SEED_FR
from tests.robustness.support import integrity, run_cli


def _age(backup: Path, days: float) -> Path:
    """Rename a backup as if it had been taken ``days`` ago (the name carries its date)."""
    stamp = (datetime.now() - timedelta(days=days)).strftime("%Y%m%d-%H%M%S-%f")
    older = backup.with_name(f"library-{stamp}-daily.sqlite3")
    backup.rename(older)
    return older


def test_a_backup_is_taken_at_start_up_only_when_the_newest_is_over_a_day_old(
    data_dir: Path,
) -> None:
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_FR, SEED_EN])
        first = _age(lib.backup(), 0.5)
    with Library.open(data_dir) as lib:
        assert [b.path for b in lib.backups()] == [str(first)]  # half a day: not yet
    _age(first, 1.5)
    with Library.open(data_dir) as lib:
        newest, previous = lib.backups()
        assert "daily" in newest.path and newest.papers == 16
        assert newest.created_at > datetime.now() - timedelta(minutes=5)
        assert previous.created_at < datetime.now() - timedelta(days=1)


def test_the_number_kept_is_configurable(data_dir: Path) -> None:
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_FR])
        for n in range(6):
            _age(lib.backup(), 10 - n)
        assert len(lib.backups()) == 6
    # Opening with keep=3 takes today's backup and keeps the newest three.
    with Library.open(data_dir, backup_keep=3) as lib:
        kept = lib.backups()
    assert len(kept) == 3
    assert kept[0].created_at > datetime.now() - timedelta(minutes=5)
    assert [round((datetime.now() - b.created_at).days) for b in kept[1:]] == [5, 6]
    # The default keeps seven.
    with Library.open(data_dir) as lib:
        for _ in range(9):
            lib.backup()
        assert len(lib.backups()) == 7


def test_a_backup_stands_alone_and_is_sound(seeded: Library) -> None:
    seeded.set_note(seeded.paper_ids()[0], "in the backup")
    made = seeded.backup()
    assert not made.with_name(made.name + "-wal").exists()
    assert integrity(made) == ["ok"]
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert conn.execute("SELECT body FROM note").fetchall() == [("in the backup",)]
    conn.close()
    assert not list(made.parent.glob("*.partial"))


def test_backup_and_restore_from_the_command_line(data_dir: Path) -> None:
    assert run_cli(data_dir, "import", str(SEED_EN)).returncode == 0
    assert run_cli(data_dir, "note", "1", "--set", "version one").returncode == 0
    made = run_cli(data_dir, "backup")
    assert made.returncode == 0 and "Backed up" in made.stdout
    assert run_cli(data_dir, "note", "1", "--set", "version two").returncode == 0
    assert run_cli(data_dir, "status", "1", "read").returncode == 0

    listed = json.loads(run_cli(data_dir, "backup", "--list", "--json").stdout)
    assert [b["papers"] for b in listed] == [12]
    assert str(Path(listed[0]["path"]).name) in made.stdout
    text = run_cli(data_dir, "backup", "--list").stdout
    assert "12 papers" in text and datetime.now().strftime("%Y-%m-%d") in text

    restored = run_cli(data_dir, "restore")
    assert restored.returncode == 0, restored.stderr
    assert "12 papers" in restored.stdout
    assert run_cli(data_dir, "note", "1").stdout.strip() == "version one"
    assert json.loads(run_cli(data_dir, "show", "1", "--json").stdout)["status"] == "new"

    # The restore backed up what it replaced, so it can itself be undone.
    listed = json.loads(run_cli(data_dir, "backup", "--list", "--json").stdout)
    undo = next(Path(b["path"]).name for b in listed if "before-restore" in b["path"])
    assert run_cli(data_dir, "restore", undo).returncode == 0
    assert run_cli(data_dir, "note", "1").stdout.strip() == "version two"


def test_restore_with_no_backup_says_so(data_dir: Path) -> None:
    assert run_cli(data_dir, "import", str(SEED_EN)).returncode == 0
    result = run_cli(data_dir, "restore")
    assert result.returncode == 1 and "no backups" in result.stderr
    assert run_cli(data_dir, "list").returncode == 0


def test_the_first_command_of_the_day_leaves_the_daily_backup_to_a_process_of_its_own(
    data_dir: Path,
) -> None:
    assert run_cli(data_dir, "import", str(SEED_EN)).returncode == 0
    assert not (data_dir / "backups").exists()
    # Without the tests' switch: the command returns, the backup follows.
    done = run_cli(data_dir, "list", READINGLIST_NO_BACKGROUND_BACKUP="0")
    assert done.returncode == 0
    folder = data_dir / "backups"
    deadline = datetime.now() + timedelta(seconds=60)
    while datetime.now() < deadline and not list(folder.glob("*-daily.sqlite3.gz.json")):
        time.sleep(0.2)
    [daily] = list(folder.glob("*-daily.sqlite3.gz"))
    with Library.open(data_dir, auto_backup=False) as lib:
        [info] = lib.backups()
        assert info.papers == 12 and info.path == str(daily)
    # Not again the same day.
    assert run_cli(data_dir, "list", READINGLIST_NO_BACKGROUND_BACKUP="0").returncode == 0
    time.sleep(3)
    assert len(list(folder.glob("*.sqlite3*"))) == 2  # the backup and its count


def test_a_compressed_daily_backup_is_small_and_restores_with_its_search(data_dir: Path) -> None:
    from readinglist.library import PaperFilter, restore_backup

    with Library.open(data_dir) as lib:
        lib.import_files([SEED_FR, SEED_EN])
        lib.set_note(1, "a memorable phrase about zebras")
        daily = lib.backup("daily")
        size = (data_dir / "library.sqlite3").stat().st_size
        assert daily.name.endswith("-daily.sqlite3.gz")
        assert daily.stat().st_size * 7 <= 1.5 * size
        [info] = lib.backups()
        assert info.papers == 16
        lib.set_note(1, "changed after the backup")
    restore_backup(data_dir, daily.name)
    with Library.open(data_dir, auto_backup=False) as lib:
        assert lib.count() == 16 and lib.paper(1).note == "a memorable phrase about zebras"
        assert lib.paper_ids(PaperFilter(text="zebras")) == [1]
    assert integrity(data_dir / "library.sqlite3") == ["ok"]
    conn = sqlite3.connect(data_dir / "library.sqlite3")
    conn.execute("INSERT INTO paper_fts (paper_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()


def test_a_broken_compressed_backup_is_refused_and_the_library_kept(data_dir: Path) -> None:
    from readinglist.library import LibraryError, restore_backup

    with Library.open(data_dir) as lib:
        lib.import_files([SEED_EN])
        daily = lib.backup("daily")
    daily.write_bytes(daily.read_bytes()[:200])
    before = (data_dir / "library.sqlite3").read_bytes()
    try:
        restore_backup(data_dir, daily.name)
    except LibraryError as exc:
        assert "cannot be read" in str(exc)
    else:
        raise AssertionError("a truncated backup was restored")
    assert (data_dir / "library.sqlite3").read_bytes() == before
