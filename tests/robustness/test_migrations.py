"""Every released schema's library opens, upgrades and keeps every paper, note, status and event."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from readinglist import __version__
from readinglist.library import Library, NewerSchemaError, PaperFilter, restore_backup
from readinglist.library.schema import HEAD, REVISIONS
from tests.fixtures.make_fixtures import fixture_path, manifest_path, snapshot
from tests.robustness.support import integrity, run_cli

FIXTURES = sorted(Path(fixture_path("x")).parent.glob("schema-*.sqlite3"))


def _revision(path: Path) -> str:
    return path.stem.removeprefix("schema-")


def test_every_released_schema_has_a_fixture() -> None:
    assert sorted(_revision(p) for p in FIXTURES) == sorted(REVISIONS)


@pytest.mark.parametrize("fixture", FIXTURES, ids=_revision)
def test_old_library_upgrades_with_everything_intact(fixture: Path, tmp_path: Path) -> None:
    revision = _revision(fixture)
    expected = json.loads(manifest_path(revision).read_text(encoding="utf-8"))
    expected.pop("made_by")
    data_dir = tmp_path / "library"
    data_dir.mkdir()
    db = data_dir / "library.sqlite3"
    shutil.copyfile(fixture, db)

    with Library.open(data_dir) as lib:
        assert snapshot(lib) == expected
        backups = lib.backups()
        # The search index came through too: every note is found by its words.
        for paper in expected["papers"]:
            words = re.findall(r"[^\W\d_]{5,}", paper["note"])
            if words:
                found = lib.paper_ids(PaperFilter(text=max(words, key=len)))
                assert paper["id"] in found
        # Two letters are a prefix search (served by the prefix index since 0002).
        starts_le = {p["id"] for p in expected["papers"] if re.search(r"(?i)\ble", p["title"])}
        assert starts_le and starts_le <= set(lib.paper_ids(PaperFilter(text="le")))
    assert integrity(db) == ["ok"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    # FTS5's own check: the rebuilt index holds exactly the papers' text.
    conn.execute("INSERT INTO paper_fts (paper_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()
    # The notes, statuses and history the fixture was made with are really there.
    assert any(p["note"] for p in expected["papers"])
    assert any(len(p["history"]) >= 3 for p in expected["papers"])
    assert any(p["tags"] for p in expected["papers"])

    migration_backups = [b for b in backups if "before-schema" in b.path]
    if revision != HEAD:
        # Upgraded: a backup of the old file was taken first, and it is listed.
        [before] = migration_backups
        assert before.papers == len(expected["papers"])
        conn = sqlite3.connect(before.path)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
        conn.close()
    else:
        assert migration_backups == []


def test_migration_backup_names_are_listed_and_restorable(tmp_path: Path) -> None:
    # Migration backups carry the schema number in their name.
    data_dir = tmp_path / "library"
    data_dir.mkdir()
    shutil.copyfile(FIXTURES[0], data_dir / "library.sqlite3")
    with Library.open(data_dir, auto_backup=False) as lib:
        [made] = lib.backups()
        assert made.path.endswith(f"-before-schema-{HEAD}.sqlite3")
        count = lib.count()
    # Restoring it brings back the old schema's file, which opens (and
    # upgrades again) with every paper.
    restore_backup(data_dir, Path(made.path).name)
    with Library.open(data_dir, auto_backup=False) as lib:
        assert lib.count() == count


def test_newer_library_is_refused_by_the_cli_naming_both_versions(tmp_path: Path) -> None:
    data_dir = tmp_path / "library"
    data_dir.mkdir()
    db = data_dir / "library.sqlite3"
    shutil.copyfile(FIXTURES[-1], db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = db.read_bytes()

    result = run_cli(data_dir, "list")
    assert result.returncode == 1
    message = result.stderr.strip()
    assert "0099" in message and f"schema {HEAD}" in message and __version__ in message
    assert "Traceback" not in result.stderr and len(message.splitlines()) == 1
    assert db.read_bytes() == before
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())


def test_a_backup_from_a_newer_version_is_not_restored(tmp_path: Path) -> None:
    data_dir = tmp_path / "library"
    with Library.open(data_dir) as lib:
        lib.import_files([Path(__file__).parents[2] / "seeds" / "publications-en.txt"])
        made = lib.backup()
    conn = sqlite3.connect(made)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = (data_dir / "library.sqlite3").read_bytes()
    from readinglist.library import restore_backup

    with pytest.raises(NewerSchemaError, match="0099"):
        restore_backup(data_dir, made.name)
    assert (data_dir / "library.sqlite3").read_bytes() == before
