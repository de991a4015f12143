"""The database file: schema version checks, WAL and foreign keys, backups and restore."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from readinglist.library import (
    CorruptDatabaseError,
    Library,
    NewerSchemaError,
    restore_backup,
)
from readinglist.library.schema import HEAD
from tests.conftest import SEED_EN, SEED_FR


def test_new_library_is_at_head_with_wal_and_foreign_keys(library: Library) -> None:
    conn = sqlite3.connect(library.db_path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert {"paper", "author", "paper_author", "note", "reading_event", "paper_fts"} <= tables
    with library.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_newer_database_is_refused_untouched(data_dir: Path) -> None:
    Library.open(data_dir).close()
    db = data_dir / "library.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0042'")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NewerSchemaError) as err:
        Library.open(data_dir)
    message = str(err.value)
    assert "0042" in message and HEAD in message and "newer" in message
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_unreadable_file_gives_a_clear_error(data_dir: Path, content: bytes) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "library.sqlite3").write_bytes(content)
    with pytest.raises(CorruptDatabaseError, match=r"library\.sqlite3"):
        Library.open(data_dir)
    assert (data_dir / "library.sqlite3").read_bytes() == content


def test_foreign_sqlite_file_is_not_taken_for_a_library(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / "library.sqlite3")
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    with pytest.raises(CorruptDatabaseError, match="not a readinglist library"):
        Library.open(data_dir)


def test_backup_restore_round_trip(seeded: Library, data_dir: Path) -> None:
    pid = seeded.paper_ids()[0]
    seeded.set_note(pid, "kept in the backup")
    first = seeded.backup()
    seeded.set_note(pid, "written after the backup")
    infos = seeded.backups()
    assert infos[0].path == str(first) and infos[0].papers == 16
    seeded.close()

    restored = restore_backup(data_dir, first.name)
    assert restored == first
    with Library.open(data_dir) as lib:
        assert lib.paper(pid).note == "kept in the backup"
        # The library from before the restore was itself backed up.
        assert any("before-restore" in b.path for b in lib.backups())


def test_backups_are_pruned_to_the_newest(seeded: Library) -> None:
    seeded.backup_keep = 3
    made = [seeded.backup() for _ in range(5)]
    kept = [Path(b.path) for b in seeded.backups()]
    assert kept == list(reversed(made))[:3]


def test_daily_backup_is_taken_when_none_is_recent(data_dir: Path) -> None:
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_FR, SEED_EN])
        assert lib.backups() == []
    with Library.open(data_dir) as lib:
        [daily] = lib.backups()
        assert "daily" in daily.path and daily.papers == 16
    with Library.open(data_dir) as lib:
        assert len(lib.backups()) == 1  # not again the same day


def test_migrations_build_the_tables_the_models_declare(library: Library) -> None:
    from sqlalchemy import inspect
    from sqlmodel import SQLModel

    import readinglist.library.models  # noqa: F401 - registers the tables

    inspector = inspect(library.engine)
    declared = SQLModel.metadata.tables
    assert set(declared) <= set(inspector.get_table_names())
    for name, table in declared.items():
        built = {c["name"]: c for c in inspector.get_columns(name)}
        assert set(built) == {c.name for c in table.columns}, name
        for column in table.columns:
            assert built[column.name]["nullable"] == column.nullable, (name, column.name)
        built_pk = set(inspector.get_pk_constraint(name)["constrained_columns"])
        assert built_pk == {c.name for c in table.primary_key.columns}, name


def test_start_up_does_not_import_the_orm() -> None:
    import subprocess
    import sys

    code = (
        "import sys, readinglist.library, readinglist.gui;"
        " print('sqlmodel' in sys.modules, 'readinglist.library.models' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
