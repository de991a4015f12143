"""Importing BibTeX, RIS and CSL-JSON into a real library: dedup, filling in, reading state."""

from __future__ import annotations

from pathlib import Path

import pytest

from readinglist import formats
from readinglist.formats import ReadResult, Record
from readinglist.library import Library
from tests.conftest import dump_database
from tests.formats.common import DATA


def result(*records: Record, name: str = "test.bib") -> ReadResult:
    for r in records:
        r.file = name
    return ReadResult(name=name, format="bibtex", records=list(records))


def by_title(library: Library) -> dict[str, int]:
    ids = library.paper_ids()
    return {s.title: s.id for s in library.summaries(ids)}


def test_jabref_state_comes_in_and_fields_are_stored(library: Library) -> None:
    [report] = library.import_records([formats.read_path(DATA / "jabref.bib")])
    assert (report.new, report.format) == (2, "bibtex")
    ids = by_title(library)
    read = library.paper(ids["A paper read in full"])
    skimmed = library.paper(ids["A paper skimmed"])
    assert (read.status, read.rating, sorted(read.tags)) == ("read", 4, ["method", "survey"])
    assert read.note == "Good survey; see section 3."
    assert (skimmed.status, skimmed.rating) == ("reading", 2)
    fields = library.bib_fields([read.id])[read.id]
    assert fields == {
        "year": 2019,
        "venue": "Journal of Reading",
        "doi": None,
        "url": None,
        "key": "Read2019",
        "type": "article",
    }


def test_importing_again_changes_nothing(library: Library) -> None:
    path = DATA / "jabref.bib"
    library.import_records([formats.read_path(path)])
    before = dump_database(library.db_path)
    [report] = library.import_records([formats.read_path(path)])
    assert (report.new, report.updated) == (0, 0)
    # Only the journal and the file's import time differ.
    skip = ("journal", "source_listing")
    after = [x for x in dump_database(library.db_path) if not any(k in x for k in skip)]
    assert after == [x for x in before if not any(k in x for k in skip)]


def test_same_doi_is_the_same_paper_and_fills_what_it_lacks(library: Library) -> None:
    library.import_records([result(Record(title="Deep nets", authors=("Ann Bee",), doi="10.1/X"))])
    [report] = library.import_records(
        [
            result(
                Record(
                    title="Deep networks (extended version)",
                    authors=("Ann Bee",),
                    doi="https://doi.org/10.1/x",
                    year=2020,
                    venue="JMLR",
                )
            )
        ]
    )
    assert report.new == 0
    [pid] = library.paper_ids()
    assert library.bib_fields([pid])[pid]["year"] == 2020
    assert sorted(report.filled[pid]) == ["venue", "year"]


def test_existing_fields_are_never_overwritten(library: Library) -> None:
    library.import_records([result(Record(title="T", doi="10.1/a", venue="First", year=2001))])
    library.import_records([result(Record(title="T", doi="10.1/a", venue="Second", year=2002))])
    [pid] = library.paper_ids()
    assert library.bib_fields([pid])[pid]["venue"] == "First"
    assert library.bib_fields([pid])[pid]["year"] == 2001


def test_a_title_match_with_other_authors_and_year_is_another_paper(library: Library) -> None:
    library.import_records([result(Record(title="Attention", authors=("Ann Bee",), year=2017))])
    library.import_records([result(Record(title="attention!", authors=("Ann Bee",), year=2018))])
    assert len(library.paper_ids()) == 1  # same first author: the same paper
    library.import_records([result(Record(title="Attention", authors=("Cy Dee",), year=1990))])
    assert len(library.paper_ids()) == 2
    # Shown side by side in the duplicates view, not merged silently.
    assert sorted(library.paper_ids()) in [sorted(g) for g in library.duplicates()]


def test_an_import_never_lowers_a_status(library: Library) -> None:
    library.import_records([result(Record(title="Skimmed", authors=("Sam Skimmer",)))])
    [pid] = library.paper_ids()
    library.set_status([pid], "read")
    [report] = library.import_records(
        [result(Record(title="Skimmed", authors=("Sam Skimmer",), status="reading", rating=2))]
    )
    paper = library.paper(pid)
    assert paper.status == "read" and paper.rating == 2
    assert report.status_kept == [(pid, "read", "reading")]


def test_a_full_abstract_replaces_a_truncated_one(library: Library) -> None:
    full = "A full abstract that goes on. " * 10
    library.import_records([result(Record(title="Cut", abstract=full[:80]))])
    library.import_records([result(Record(title="Cut", abstract=full.strip()))])
    [pid] = library.paper_ids()
    assert library.paper(pid).abstract == full.strip()


def test_undo_takes_the_whole_import_back(library: Library) -> None:
    before = dump_database(library.db_path)
    library.import_records([formats.read_path(DATA / "jabref.bib")])
    library.undo()
    after = dump_database(library.db_path)
    keep = ("journal", "sqlite_sequence", "paper_fts", "source_listing")
    assert [x for x in after if not any(k in x for k in keep)] == [
        x for x in before if not any(k in x for k in keep)
    ]


def test_files_are_all_or_nothing(library: Library, tmp_path: Path) -> None:
    good = formats.read_path(DATA / "jabref.bib")
    bad = result(Record(title="x" * 10, rating=9))  # a rating the library refuses
    with pytest.raises(Exception, match="0 to 5"):
        library.import_records([good, bad])
    assert library.paper_ids() == []


def test_year_filter_and_sort(library: Library) -> None:
    from readinglist.library import PaperFilter

    library.import_records(
        [result(*(Record(title=f"P{y}", year=y) for y in (2003, 2001, 2002)), Record(title="P"))]
    )
    titles = {v: k for k, v in by_title(library).items()}
    ordered = [titles[i] for i in library.paper_ids(sort="year")]
    assert ordered == ["P2001", "P2002", "P2003", "P"]
    found = library.paper_ids(PaperFilter(years=(2002, None)), sort="year")
    assert [titles[i] for i in found] == ["P2002", "P2003"]


def test_generated_keys_are_stored_and_stay(library: Library) -> None:
    library.import_records([result(Record(title="Same words", authors=("Ann Bee",), year=2000))])
    [first] = library.paper_ids()
    [rec] = library.export_records([first])
    assert rec.key == "Bee2000Same"
    library.import_records(
        [result(Record(title="Same words again", authors=("Ann Bee",), year=2000))]
    )
    ids = library.paper_ids()
    keys = {r.id: r.key for r in library.export_records(ids)}
    assert keys[first] == "Bee2000Same"
    assert sorted(keys.values()) == ["Bee2000Same", "Bee2000Samea"]


def test_the_preview_matches_by_doi_as_the_import_does(library: Library) -> None:
    library.import_records([result(Record(title="Deep nets", doi="10.1/x"))])
    [entry] = library.preview_records(
        [result(Record(title="Deep networks, extended", doi="10.1/X", year=2020))]
    )
    assert entry.paper_id == library.paper_ids()[0]
    assert entry.state in ("update", "unchanged")


def test_the_field_store_leaves_out_only_what_the_writer_gives_back(library: Library) -> None:
    """An export writes the same fields whether the store kept a source field or not."""
    import dataclasses

    from readinglist.formats import WriteOptions, bibtex

    names = ("accents.bib", "case_braces.bib", "strings.bib", "biblatex.bib", "jabref.bib")
    results = [formats.read_path(DATA / name) for name in (*names, "names.bib", "crossref.bib")]
    library.import_records(results)
    source = {r.title: r for res in results for r in res.records}
    exported = library.export_records(library.paper_ids())
    assert sum(len(r.extra) for r in exported) < sum(len(source[r.title].extra) for r in exported)
    edits = ({}, {"title": "A {DNA} title, edited", "abstract": "50% shorter", "url": "x_y"})
    for r in exported:
        whole = source[r.title].extra
        assert set(r.extra) <= set(whole)
        for edit in edits:
            stored = dataclasses.replace(r, **edit)
            kept_all = dataclasses.replace(stored, extra=dict(whole))
            for dialect in ("bibtex", "biblatex"):
                for options in (WriteOptions(), WriteOptions(True, True)):
                    kind = bibtex._entry_type(stored, dialect)
                    assert bibtex.entry_fields(stored, kind, dialect, options) == (
                        bibtex.entry_fields(kept_all, kind, dialect, options)
                    ), (r.title, dialect, options)
