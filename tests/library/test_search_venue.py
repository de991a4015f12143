"""The full-text search covers the venue and the source's keywords (schema 0006)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from readinglist.formats import read_path
from readinglist.library import Library, PaperFilter


def _sound(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO paper_fts (paper_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_venue_and_keywords_are_searched_and_kept_in_step(library: Library, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@inproceedings{lan2023,\n"
        "  title = {Bootstrapped Representations},\n"
        "  author = {Le Lan, Charline and Tu, Stephen},\n"
        "  booktitle = {Proceedings of ICML},\n"
        "  keywords = {successor features, zebrafish},\n"
        "  year = {2023}\n}\n",
        encoding="utf-8",
    )
    library.import_records([read_path(bib)])
    [pid] = library.paper_ids()
    assert library.paper_ids(PaperFilter(text="ICML")) == [pid]
    assert library.paper_ids(PaperFilter(text="zebrafish")) == [pid]
    assert library.count(library.parse_query("zebrafish rating:0")) == 1
    library.edit_paper(pid, fields={"venue": "NeurIPS workshop"})
    assert library.paper_ids(PaperFilter(text="ICML")) == []
    assert library.paper_ids(PaperFilter(text="NeurIPS")) == [pid]
    _sound(library.db_path)
    library.undo()
    assert library.paper_ids(PaperFilter(text="ICML")) == [pid]
    library.trash([pid])
    library.empty_trash()
    assert library.paper_ids(PaperFilter(text="zebrafish", trash=True)) == []
    _sound(library.db_path)
    library.undo()
    assert library.paper_ids(PaperFilter(text="zebrafish", trash=True)) == [pid]
    _sound(library.db_path)
