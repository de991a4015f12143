"""Hostile listings: refused with the reader's own error or imported clean; no crash, no hang."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from readinglist.library import Library
from readinglist.listing import ListingError, read_listing
from tests.conftest import dump_database
from tests.fixtures.make_hostile import HERE as CORPUS
from tests.fixtures.make_hostile import corpus
from tests.robustness.support import cli_args, deadline, integrity, peak_rss_mb

REFUSED = {
    "empty.txt",
    "blank-lines.txt",
    "binary.bin",
    "random-bytes.txt",
    "nul-at-start.txt",
    "html-page.txt",
    "only-header.txt",
}
# Characters that must never reach the library: C0 controls but tab and
# newline, zero-width and bidi controls (they reorder or hide text on screen).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
SECONDS = 10


def test_the_committed_corpus_is_what_its_script_writes() -> None:
    on_disk = {p.name: p.read_bytes() for p in CORPUS.iterdir()}
    assert on_disk == corpus()


@pytest.mark.parametrize("name", sorted(corpus()))
def test_hostile_file_is_refused_or_imported_clean(name: str, library: Library) -> None:
    path = CORPUS / name
    before = dump_database(library.db_path)
    with deadline(SECONDS):
        if name in REFUSED:
            with pytest.raises(ListingError) as err:
                library.import_files([path])
            message = str(err.value)
            assert name in message and "\n" not in message
            assert dump_database(library.db_path) == before
            return
        library.import_files([path])
    assert integrity(library.db_path) == ["ok"]
    ids = library.paper_ids()
    assert ids
    for paper in library.summaries(ids):
        for text in (paper.title, *paper.authors, paper.abstract or ""):
            assert not FORBIDDEN.search(text), (name, text)


def test_ten_thousand_authors_on_one_entry_are_all_kept(library: Library) -> None:
    library.import_files([CORPUS / "ten-thousand-authors.txt"])
    [pid] = [s.id for s in library.summaries(library.paper_ids()) if "Ten Thousand" in s.title]
    authors = library.paper(pid).authors
    assert len(authors) == 10000 and authors[0] == "Ada Kakakaka"


def test_markup_in_a_listing_is_kept_as_plain_text(library: Library) -> None:
    library.import_files([CORPUS / "html-in-entries.txt"])
    titles = {s.title for s in library.summaries(library.paper_ids())}
    assert "<script>alert('x')</script> Deep <b>Sets</b>" in titles
    assert "Robert'); DROP TABLE paper;--" in titles
    assert library.count() == len(titles)


def test_a_30_mb_single_line_is_refused_quickly_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Publications\n\n")
        for _ in range(30):
            fh.write("Deep Sets and more " * 55188)  # ~1 MB, no newline
    assert path.stat().st_size > 30_000_000
    start = time.monotonic()
    result, peak = peak_rss_mb(cli_args(tmp_path / "library", "import", str(path)))
    seconds = time.monotonic() - start
    assert result.returncode == 1
    assert "longer than" in result.stderr and "one-line.txt" in result.stderr
    assert seconds < 20
    # The line is never held whole, let alone parsed: memory stays far below it.
    assert peak < 150, f"peak RSS {peak:.0f} MB"
    with deadline(SECONDS), pytest.raises(ListingError):
        read_listing(path)
