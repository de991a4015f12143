"""Shared fixtures: an offscreen Qt platform and fresh libraries built by the real migrations."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from readinglist.library import Library

# Set before anything imports Qt, so that no test ever needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("READINGLIST_DATA_DIR", None)
# The command line starts the daily backup in a process of its own; tests that
# count backups start it themselves (tests/robustness/test_backups.py).
os.environ["READINGLIST_NO_BACKGROUND_BACKUP"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SEED_FR = ROOT / "seeds" / "publications-fr.txt"
SEED_EN = ROOT / "seeds" / "publications-en.txt"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty library folder of its own for each test."""
    return tmp_path / "library"


@pytest.fixture
def library(data_dir: Path) -> Iterator[Library]:
    """A fresh library built by the real migrations in a temporary folder."""
    lib = Library.open(data_dir)
    yield lib
    lib.close()


@pytest.fixture
def seeded(library: Library) -> Library:
    """The library with both bundled listings imported (16 papers)."""
    library.import_files([SEED_FR, SEED_EN])
    return library


def dump_database(db_path: Path) -> list[str]:
    """Every row and schema statement of a database: equal dumps mean an unchanged library."""
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
