"""`lab:read` and `lab:reading` in the search language, and the Lab sort, over the lab's counts.

The counts are what a sync stores in ``lab_paper`` (the lab tests fill them
through a real server); here they are written as a pull would.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from readinglist.library import Library, SortField
from readinglist.library.query import QueryError
from tests.conftest import SEED_EN


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "library")
    library.import_files([SEED_EN])
    ids = library.paper_ids(sort=SortField.ADDED)
    db = sqlite3.connect(library.db_path)
    # The first paper read by two members, the second by one; the third linked, read by nobody.
    db.executemany(
        "INSERT INTO lab_paper (paper_id, uuid, read_by) VALUES (?, ?, ?)",
        [(ids[0], "u0", 2), (ids[1], "u1", 1), (ids[2], "u2", 0)],
    )
    db.commit()
    db.close()
    library.ids = ids  # type: ignore[attr-defined]
    yield library
    library.close()


def test_lab_read_finds_what_someone_in_the_lab_has_read(lib: Library) -> None:
    ids = lib.ids  # type: ignore[attr-defined]
    read = set(lib.paper_ids(lib.parse_query("lab:read")))
    assert read == {ids[0], ids[1]}
    assert set(lib.paper_ids(lib.parse_query("labo:lu"))) == read
    assert set(lib.paper_ids(lib.parse_query("-lab:read"))) == set(ids) - read
    assert lib.count(lib.parse_query("lab:read or -lab:read")) == len(ids)
    with pytest.raises(QueryError, match="lab: takes read or reading"):
        lib.parse_query("lab:soon")


def test_lab_reading_finds_what_someone_in_the_lab_is_reading(lib: Library) -> None:
    ids = lib.ids  # type: ignore[attr-defined]
    assert lib.count(lib.parse_query("lab:reading")) == 0
    db = sqlite3.connect(lib.db_path)
    # As the sync keeps them (readinglist.lab.sync.READERS_KEY + the lab paper's uuid).
    db.executemany(
        "INSERT INTO library_setting (key, value) VALUES (?, ?)",
        [
            ("lab_readers:u1", '{"read": ["ann"], "reading": ["ben"]}'),
            ("lab_readers:u2", '{"read": [], "reading": []}'),
        ],
    )
    db.commit()
    db.close()
    assert lib.paper_ids(lib.parse_query("lab:reading")) == [ids[1]]
    assert lib.paper_ids(lib.parse_query("labo:en-cours -lab:read")) == []
    assert lib.count(lib.parse_query("lab:read or lab:reading")) == 2
    # Sorted by the lab: read by more first, then being read.
    db = sqlite3.connect(lib.db_path)
    db.execute(
        "UPDATE library_setting SET value = ? WHERE key = 'lab_readers:u2'",
        ('{"read": [], "reading": ["ann", "ben"]}',),
    )
    db.commit()
    db.close()
    assert lib.paper_ids(sort=SortField.LAB, descending=True)[:3] == [ids[0], ids[1], ids[2]]


def test_sorting_by_the_lab_puts_the_most_read_first(lib: Library) -> None:
    ids = lib.ids  # type: ignore[attr-defined]
    ordered = lib.paper_ids(sort=SortField.LAB, descending=True)
    assert ordered[0] == ids[0] and ordered[1] == ids[1]
    assert lib.paper_ids(sort=SortField.LAB)[-2:] == [ids[1], ids[0]]
