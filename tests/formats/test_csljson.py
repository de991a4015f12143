"""CSL-JSON: names with particles and suffixes, literal names, issued in every form, notes."""

from __future__ import annotations

import io
import json

import pytest

from readinglist import formats
from readinglist.formats import FormatError, WriteOptions, csljson
from tests.formats.common import DATA, FormatSuite


class TestCslJsonSuite(FormatSuite):
    name = "csljson"
    sample = "items.json"
    count = 4
    entry_start = "{"
    kept = (*FormatSuite.kept, "pages", "date", "language", "keywords")


def test_fields_and_names() -> None:
    first, raw, literal, ranged = formats.read_path(DATA / "items.json").records
    assert first.authors == (
        "Jean de la Fontaine",
        "Ludwig van Beethoven",
        "Martin Luther King Jr.",
        "World Health Organization",
    )
    assert (first.year, first.date, first.venue) == (2020, "2020-03-01", "Journal of CSL")
    assert (first.volume, first.number, first.pages) == ("7", "3", "100-110")
    assert first.doi == "10.1000/csl.1" and first.keywords == ("csl", "json")
    assert json.loads(first.extra["csl:publisher"]) == "Publisher Kept Verbatim"
    assert (raw.year, raw.date) == (2018, "2018-06")
    assert (literal.year, literal.date) == (2015, None)
    assert (ranged.year, ranged.date) == (2019, "2019-01/2019-02")


def test_unmapped_fields_are_written_back() -> None:
    first = formats.read_path(DATA / "items.json").records[0]
    out = io.StringIO()
    csljson.write([first], out, WriteOptions())
    (item,) = json.loads(out.getvalue())
    assert item["publisher"] == "Publisher Kept Verbatim"
    assert item["author"][0] == {
        "family": "Fontaine",
        "given": "Jean",
        "non-dropping-particle": "de la",
    }


def test_zotero_note_gives_the_status_and_its_uri_stays_an_id() -> None:
    (r,) = formats.read_path(DATA / "zotero.json").records
    assert r.status == "reading" and r.tags == ("tagged",) and r.note is None
    assert r.key is None
    out = io.StringIO()
    csljson.write([r], out, WriteOptions())
    assert json.loads(out.getvalue())[0]["id"] == "http://zotero.org/users/1/items/ABCD"


def test_bad_json_names_its_line() -> None:
    result = formats.read_text('[\n {"title": "ok"},\n {"title": oops}\n]', "x.json", "csljson")
    assert [r.title for r in result.records] == ["ok"]
    assert [b.line for b in result.bad] == [3]
    with pytest.raises(FormatError, match="line 1"):
        formats.read_text('{"title": }', "y.json", "csljson")
