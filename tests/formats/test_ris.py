"""RIS: the tags the issue lists, repeated tags, wrapped lines, a missing ER, CRLF and BOM."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from readinglist import formats
from readinglist.formats import WriteOptions, ris
from tests.formats.common import DATA, FormatSuite


class TestRisSuite(FormatSuite):
    name = "ris"
    sample = "tags.ris"
    count = 3
    entry_start = "TY"
    kept = (*FormatSuite.kept, "pages", "date", "language", "keywords")


def test_tags_repeats_continuations_and_a_missing_er() -> None:
    result = formats.read_path(DATA / "tags.ris")
    first, conf, last = result.records
    assert first.title == "A long title that goes on over two lines"
    # AU and A1 in the order they come.
    assert first.authors == ("John Smith", "Jane Doe", "World Health Organization")
    assert first.abstract == "The abstract."
    assert first.keywords == ("one", "two")
    assert (first.year, first.date, first.venue) == (2020, "2020-03-15", "Nature")
    assert (first.volume, first.number, first.pages) == ("5", "2", "10-20")
    assert first.doi == "10.1000/ris.1" and first.url == "https://example.org/ris"
    assert first.note == "A note."
    assert first.extra == {"ris:SN": "1234-5678"}
    assert (conf.type, conf.title, conf.year) == ("inproceedings", "The conference paper", 2018)
    assert conf.venue == "Proceedings of RIS" and conf.abstract == "Second abstract."
    assert (last.title, last.year, last.date, last.type) == (
        "A last entry without ER",
        2017,
        "2017-01-02",
        "book",
    )
    assert any("without ER" in w for w in result.warnings) or result.warnings == []


def test_bom_crlf_file_reads_like_the_plain_one() -> None:
    a = formats.read_path(DATA / "bom.ris").records
    b = formats.read_path(DATA / "tags.ris").records
    assert [(r.title, r.authors, r.line) for r in a] == [(r.title, r.authors, r.line) for r in b]


def test_zotero_reading_list_lines_give_the_status() -> None:
    queued, dropped = formats.read_path(DATA / "zotero.ris").records
    assert queued.status == "to-read" and queued.status_date == "2024-01-02T03:04:05Z"
    assert queued.tags == ("queue",) and queued.note is None
    assert dropped.status == "not-reading"


def test_lines_outside_an_entry_are_reported() -> None:
    result = formats.read_path(DATA / "malformed.ris")
    assert [r.title for r in result.records] == ["A good one"]
    assert [(b.line, b.file) for b in result.bad] == [(1, "malformed.ris")]


def test_writer_round_trips_unknown_tags_and_type() -> None:
    first = formats.read_path(DATA / "tags.ris").records[0]
    out = io.StringIO()
    ris.write([first], out, WriteOptions())
    assert "SN  - 1234-5678" in out.getvalue()
    back = formats.read_text(out.getvalue(), "x.ris").records[0]
    assert back.extra == first.extra and back.type == first.type


@given(
    st.text(alphabet=st.sampled_from(["a", " ", "\t", "\n", "\r", "\xa0", "\u2003", "\x1c", "é"]))
)
def test_a_value_goes_on_one_line_as_split_and_join_would(value: str) -> None:
    assert ris._one_line(value) == " ".join(value.split())
