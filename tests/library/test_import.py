"""Importing listings: one paper per title, idempotent, never touching user data."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from readinglist.library import ImportCancelled, Library, PaperFilter, importer
from readinglist.listing import parse_text, read_listing
from tests.conftest import SEED_EN, SEED_FR, dump_database


def test_both_seeds_give_sixteen_papers(library: Library) -> None:
    fr, en = library.import_files([SEED_FR, SEED_EN])
    assert (fr.entries, fr.new, fr.updated, fr.unchanged) == (12, 12, 0, 0)
    assert (en.entries, en.new, en.unchanged) == (12, 4, 8)
    assert library.count() == 16
    assert fr.language == "fr" and en.language == "en"


def test_reimport_changes_nothing(seeded: Library) -> None:
    before = dump_database(seeded.db_path)
    again = seeded.import_files([SEED_EN, SEED_FR])
    assert seeded.count() == 16
    assert [(r.new, r.updated, r.unchanged) for r in again] == [(0, 0, 12), (0, 0, 12)]
    after = dump_database(seeded.db_path)
    # Only the listings' "last imported" times move, and the journal has one
    # more entry for the import (which undo would take back).
    changed = set(before) ^ set(after)
    assert all(
        line.startswith(('INSERT INTO "source_listing"', 'INSERT INTO "journal"'))
        for line in changed
    )
    assert seeded.history()[0].label == (
        "Import publications-en.txt, publications-fr.txt (0 new papers)"
    )


def test_shared_paper_lists_both_sources(seeded: Library) -> None:
    [pid] = seeded.paper_ids(PaperFilter(text="Bootstrapped Representations"))
    paper = seeded.paper(pid)
    assert paper.sources == ("publications-en.txt", "publications-fr.txt")
    assert seeded.rows([pid])[pid].sources == "publications-en.txt, publications-fr.txt"
    assert paper.authors[:2] == ("Charline Le Lan", "Stephen Tu")


def test_user_data_survives_reimport(seeded: Library) -> None:
    [pid] = seeded.paper_ids(PaperFilter(text="CrossSplit"))
    seeded.set_status([pid], "reading")
    seeded.set_rating([pid], 4)
    seeded.change_tags([pid], add=["noise"])
    seeded.set_note(pid, "Read section 3 again.")
    seeded.import_files([SEED_FR, SEED_EN])
    paper = seeded.paper(pid)
    assert (paper.status, paper.rating, paper.tags) == ("reading", 4, ("noise",))
    assert paper.note == "Read section 3 again."
    assert [h.new_status for h in paper.history] == ["reading"]


def test_later_copy_fills_in_missing_abstract_and_authors(library: Library) -> None:
    bare = "Publications\n\nA Study of Things\nA Second Paper on Stuff\n"
    first = parse_text(bare, name="lab.txt")
    library.import_listing(first, entries=[replace(e, authors=()) for e in first.entries])
    [pid] = library.paper_ids(PaperFilter(text="Study Things"))
    library.set_status([pid], "to-read")
    assert library.paper(pid).authors == ()

    fuller = parse_text(
        "Publications\n\nA Study of Things\nAda Lovelace\nCharles Babbage\n"
        "We study things at length and find several of them.\n",
        name="lab-full.txt",
    )
    report = library.import_listing(fuller)
    assert (report.new, report.updated) == (0, 1)
    paper = library.paper(pid)
    assert paper.authors == ("Ada Lovelace", "Charles Babbage")
    assert paper.abstract == "We study things at length and find several of them."
    assert paper.status == "to-read"
    # The filled-in text is searchable at once.
    assert library.paper_ids(PaperFilter(text="lovelace")) == [pid]
    assert library.paper_ids(PaperFilter(text="length")) == [pid]


@pytest.mark.parametrize("indexed_early", [False, True])
def test_a_paper_listed_twice_in_one_file_gets_the_fuller_copy_indexed(
    library: Library, indexed_early: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first copy is bare; the second, further down the same file (and in
    # a later batch), has authors and an abstract. Both must end up searchable,
    # also when the first copy was indexed before the second was read.
    if indexed_early:
        monkeypatch.setattr(importer, "FILL_CHUNK", 1000)
    listing = parse_text(
        "Publications\n\nA Study of Things\nA Second Paper on Stuff\n", name="lab.txt"
    )
    first = listing.entries
    fuller = parse_text(
        "Publications\n\nA Study of Things\nAda Lovelace\nCharles Babbage\n"
        "We study things at length and find several of them.\n",
        name="lab.txt",
    ).entries[0]
    filler = [replace(first[1], title=f"Filler paper {i}") for i in range(6000)]
    entries = [replace(first[0], authors=()), *filler, fuller]
    report = library.import_listing(listing, entries)
    assert (report.new, report.updated) == (6001, 1)
    [pid] = library.paper_ids(PaperFilter(text="lovelace length"))
    paper = library.paper(pid)
    assert paper.title == "A Study of Things"
    assert paper.authors == ("Ada Lovelace", "Charles Babbage")
    assert library.rows([pid])[pid].authors == "Ada Lovelace, Charles Babbage"
    assert len(library.paper_ids(PaperFilter(text="filler"))) == 6000
    with library.engine.connect() as conn:
        # FTS5's own check: the index holds exactly the text of every paper.
        conn.exec_driver_sql(
            "INSERT INTO paper_fts (paper_fts, rank) VALUES ('integrity-check', 1)"
        )


def test_title_matching_ignores_case_accents_punctuation(library: Library) -> None:
    library.import_listing(parse_text("Publications\n\nÉtude des Réseaux: Une Approche\nA B\n"))
    report = library.import_listing(
        parse_text("Publications\n\netude des reseaux -- une   approche\nA B\n", name="b.txt")
    )
    assert report.new == 0 and library.count() == 1


def test_cancelled_import_writes_nothing(library: Library) -> None:
    listing = read_listing(SEED_EN)
    many = [replace(listing.entries[0], title=f"Paper number {i}") for i in range(12000)]
    before = dump_database(library.db_path)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1  # after the first batch has been written

    with pytest.raises(ImportCancelled):
        library.import_listing(listing, entries=many, cancel=cancel)
    assert library.count() == 0
    assert dump_database(library.db_path) == before


def test_progress_is_reported(library: Library) -> None:
    listing = read_listing(SEED_EN)
    seen: list[tuple[int, int | None]] = []
    library.import_listing(listing, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (12, 12)


def test_flagged_entries_name_their_lines(library: Library) -> None:
    [report] = library.import_files([SEED_FR])
    assert any(f.truncated and f.title == "Discrete Key-Value Bottleneck" for f in report.flagged)
    assert all(f.line > 0 for f in report.flagged)


def test_preview_says_what_import_would_do(library: Library) -> None:
    library.import_files([SEED_FR])
    en = read_listing(SEED_EN)
    preview = library.preview(en.entries)
    states = [p.state for p in preview]
    assert states.count("new") == 4 and states.count("unchanged") == 8
    assert library.count() == 12  # nothing written


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("header.txt", b"Publications\n\n"),
        ("binary.bin", bytes(range(256)) * 64),
        ("page.html", b"<!DOCTYPE html><html><body><p>Publications</p></body></html>"),
        ("refs.bib", b"@article{key,\n  title={A Paper},\n  author={Doe, J.}\n}\n"),
        ("nul.txt", b"Publications\n\nA title\x00\nSomeone\n"),
        ("oneline.txt", b"x" * (30 * 1024 * 1024)),
    ],
)
def test_bad_files_are_refused_and_change_nothing(
    seeded: Library, tmp_path: Path, name: str, content: bytes
) -> None:
    from readinglist.listing import ListingError

    bad = tmp_path / name
    bad.write_bytes(content)
    before = dump_database(seeded.db_path)
    with pytest.raises(ListingError) as err:
        seeded.import_files([SEED_EN, bad])
    message = str(err.value)
    assert name in message and "\n" not in message
    assert dump_database(seeded.db_path) == before


def test_missing_path_and_folder_are_refused(seeded: Library, tmp_path: Path) -> None:
    from readinglist.listing import ListingError

    before = dump_database(seeded.db_path)
    for target in (tmp_path / "nope.txt", tmp_path):
        with pytest.raises(ListingError):
            seeded.import_files([target])
    assert dump_database(seeded.db_path) == before


def _big_listing(path: Path, entries: int) -> None:
    from tests.support.synth import iter_entries, write_listing

    write_listing(path, iter_entries(entries, 5), "en")


def test_file_found_bad_part_way_rolls_back_everything(seeded: Library, tmp_path: Path) -> None:
    from readinglist.listing import ListingError

    good = tmp_path / "good.txt"
    _big_listing(good, 300)
    bad = tmp_path / "bad-later.txt"
    _big_listing(bad, 12000)
    with bad.open("a", encoding="utf-8") as fh:
        fh.write("y" * 200_000 + "\n")  # a line no listing has, far past the first block
    before = dump_database(seeded.db_path)
    with pytest.raises(ListingError, match=r"bad-later\.txt"):
        seeded.import_files([good, bad])
    assert dump_database(seeded.db_path) == before


def test_cancel_while_streaming_rolls_back(library: Library, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    _big_listing(big, 12000)
    seen: list[int] = []
    with pytest.raises(ImportCancelled):
        library.import_files(
            [big], progress=lambda _n, done, _t: seen.append(done), cancel=lambda: bool(seen)
        )
    assert seen and library.count() == 0


def _indexes(db_path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            " ORDER BY name"
        ).fetchall()
    finally:
        conn.close()


def test_a_big_import_builds_the_sort_indexes_afterwards_exactly_as_they_were(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readinglist.library import importer

    monkeypatch.setattr(importer, "LATE_INDEXES_MIN", 100)
    dropped: list[str] = []
    real = importer._late_indexes

    def spy(conn, expected):  # type: ignore[no-untyped-def]
        statements = real(conn, expected)
        dropped.extend(statements)
        return statements

    monkeypatch.setattr(importer, "_late_indexes", spy)
    schema = _indexes(library.db_path)
    listing = read_listing(SEED_EN)
    many = [replace(listing.entries[0], title=f"Paper number {i}") for i in range(3000)]

    # Cancelled half-way: the rollback puts the dropped indexes back.
    calls = iter(range(100))
    with pytest.raises(ImportCancelled):
        library.import_listing(listing, many, cancel=lambda: next(calls) == 1)
    assert len(dropped) == len(importer.LATE_INDEXES) == 5
    assert _indexes(library.db_path) == schema

    library.import_listing(listing, many)
    assert _indexes(library.db_path) == schema
    ids = library.paper_ids(sort="title")
    assert library.rows(ids[:2])[ids[0]].title == "Paper number 0"
    # The same listing again is not big next to the library: nothing dropped.
    dropped.clear()
    library.import_listing(listing, many)
    assert dropped == []


def test_a_cut_off_abstract_is_completed_by_a_later_copy_but_never_replaced(
    library: Library,
) -> None:
    listing = parse_text(
        "Publications\n\nA Study of Things\nAda Lovelace\nWe study things at length.\n",
        name="lab.txt",
    )
    first = listing.entries[0]
    whole = "We study things at length and find several of them."
    library.import_listing(listing, [replace(first, abstract="We study things at")])
    [pid] = library.paper_ids()
    # A different, longer text is another page's wording: the first one stays.
    report = library.import_listing(listing, [replace(first, abstract="Other words, longer.")])
    assert (report.updated, library.paper(pid).abstract) == (0, "We study things at")
    # The whole of the cut-off text: it completes it, and the preview says so first.
    [seen] = library.preview([replace(first, abstract=whole)])
    assert seen.state == "update"
    report = library.import_listing(listing, [replace(first, abstract=whole)])
    assert (report.updated, library.paper(pid).abstract) == (1, whole)
    assert library.paper_ids(PaperFilter(text="several")) == [pid]
    # Shorter copies change nothing.
    report = library.import_listing(listing, [replace(first, abstract="We study")])
    assert (report.updated, library.paper(pid).abstract) == (0, whole)
