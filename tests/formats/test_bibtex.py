"""BibTeX and BibLaTeX: every hard case of the issue, each in its own small file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from readinglist import formats
from readinglist.formats import Record, WriteOptions, bibtex
from tests.formats.common import DATA, FormatSuite


def read(name: str) -> formats.ReadResult:
    return formats.read_path(DATA / name)


def one(name: str) -> formats.Record:
    (record,) = read(name).records
    return record


def export(records: list[formats.Record], **options: bool) -> str:
    out = io.StringIO()
    bibtex.write(records, out, WriteOptions(**options))
    return out.getvalue()


class TestBibtexSuite(FormatSuite):
    name = "bibtex"
    sample = "strings.bib"
    count = 2
    entry_start = "@"
    kept = (*FormatSuite.kept, "pages", "date", "language", "keywords")


def test_accents_in_every_form() -> None:
    r = one("accents.bib")
    assert r.title == "Études naïve à la ångström: Straße and ß"
    assert r.authors == ("Jörg Müller", "Ayşe Ünal", "Paul Erdős", "Hans Ørsted", "Emil Škoda")
    assert r.venue == "Revue d'études"


def test_case_braces_go_from_the_display_and_stay_on_export() -> None:
    r = one("case_braces.bib")
    assert r.title == "The DNA of E. coli under Bayesian MCMC"
    assert r.venue == "Proceedings of ICML"
    assert r.pages == "12–34"
    text = export([r])
    assert "title = {The {DNA} of {\\emph{E. coli}} under {B}ayesian {MCMC}}" in text
    assert "pages = {12--34}" in text


def test_strings_concatenation_and_months() -> None:
    first, second = read("strings.bib").records
    assert first.title == "Strings Labs and Second edition"
    assert first.venue == "Journal of Geophysical Research: Oceans"
    assert first.date == "2004-09"
    assert first.volume == "12"
    assert second.date == "2005-06"
    text = export([first])
    assert "month = sep" in text
    assert "jgr" not in text


def test_crossref_and_xdata_fill_what_the_entry_lacks() -> None:
    child, data, procs = read("crossref.bib").records
    assert child.venue == "Proceedings of the Conference on Things"
    assert child.year == 2010
    assert child.pages == "1–9"
    assert "publisher" not in child.extra  # inherited, not the entry's own
    assert data.venue == "Journal of Shared Fields" and data.year == 2011
    assert procs.type == "proceedings"


def test_names_in_every_form() -> None:
    r = one("names.bib")
    assert r.authors == (
        "Donald E. Knuth",
        "Ludwig van Beethoven",
        "Jean de la Fontaine",
        "Piet van der Berg Jr",
        "World Health Organization",
        "Barnes and Noble",
    )
    # "and others" is not a person, and export gives it back.
    assert "and others" in export([r])


def test_comments_preamble_and_jabref_meta_are_not_entries() -> None:
    result = read("comments.bib")
    assert [r.title for r in result.records] == ["After comments"]
    assert result.bad == []


def test_empty_and_duplicate_keys_keep_every_entry_and_export_unique_keys() -> None:
    result = read("keys.bib")
    assert [r.key for r in result.records] == [None, "same", "same"]
    assert any("used twice" in w for w in result.warnings)
    text = export(result.records)
    assert "@article{Nokey2002Entry," in text
    assert "@article{same," in text and "@article{samea," in text


def test_biblatex_date_ranges_journaltitle_eprint() -> None:
    ranged, web = read("biblatex.bib").records
    assert ranged.year == 2019 and ranged.date == "2019-03-01/2019-03-05"
    assert ranged.venue == "Journal Title Field"
    assert ranged.doi == "10.1000/XYZ_1"
    assert ranged.arxiv == "1901.00001"
    assert ranged.language == "english"
    assert ranged.keywords == ("alpha", "beta")
    assert web.type == "online" and web.url == "https://example.org/a_b?c=d%20e"
    assert web.year == 2020 and web.date == "2020-05"


def test_malformed_entries_are_reported_with_their_lines() -> None:
    result = read("malformed.bib")
    assert [r.title for r in result.records] == [
        "The first good one",
        "The second good one",
        "The third good one",
    ]
    lines = {b.line: b.message for b in result.bad}
    assert set(lines) == {7, 17, 21}, result.bad
    assert "comma" in lines[17]
    assert "notatype" in lines[21]
    assert all(b.file == "malformed.bib" for b in result.bad)


def test_jabref_reading_state_is_read_back() -> None:
    read_one, skimmed = read("jabref.bib").records
    assert read_one.status == "read" and read_one.rating == 4
    assert read_one.tags == ("method", "survey")
    assert read_one.note == "Good survey; see section 3."
    assert skimmed.status == "reading" and skimmed.rating == 2


def test_reading_state_is_written_as_jabref_and_zotero_fields_only_on_request() -> None:
    r = read("jabref.bib").records[0]
    plain = export([r])
    assert "readstatus" not in plain and "ranking" not in plain and "annote" not in plain
    state = export([r], with_state=True)
    assert "readstatus = {read}" in state and "ranking = {rank4}" in state
    assert "Read_Status: Read" in state and "annote = {Good survey; see section 3.}" in state


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-16", b""),
        ("utf-16-le", b""),
        ("cp1252", b""),
        ("cp1252", b"% Encoding: windows-1252\n"),
        ("latin-1", b"% Encoding: ISO8859_1\n"),
        ("utf-8", b"\xef\xbb\xbf"),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "@article{enc,\n  author = {Müller, Zoë},\n  title = {Café crème},\n}\n"
    path = tmp_path / "enc.bib"
    path.write_bytes(prefix + text.encode(encoding))
    result = formats.read_path(path)
    (r,) = result.records
    assert r.title == "Café crème" and r.authors == ("Zoë Müller",)
    if encoding == "cp1252" and not prefix:
        assert any("Windows-1252" in w for w in result.warnings)


def test_export_escapes_what_bibtex_would_misread() -> None:
    r = formats.Record(title="50% of R&D costs $5 #1 a_b {x}", authors=("Ann Bee",), year=2000)
    text = export([r])
    assert r"50\% of R\&D costs \$5 \#1 a\_b \textbraceleft{}x\textbraceright{}" in text
    assert formats.read_text(text, "x.bib").records[0].title == r.title


def test_ascii_export_writes_latex_accents() -> None:
    r = one("accents.bib")
    r.extra.clear()
    text = export([r], ascii=True)
    assert text.isascii()
    back = formats.read_text(text, "x.bib").records[0]
    assert back.title == r.title and back.authors == r.authors


def test_biblatex_writer_uses_date_and_journaltitle() -> None:
    r = formats.Record(
        title="T", authors=("Ann Bee",), year=2019, date="2019-03-01/2019-03-05", venue="J"
    )
    out = io.StringIO()
    bibtex.write_biblatex([r], out)
    assert "journaltitle = {J}" in out.getvalue()
    assert "date = {2019-03-01/2019-03-05}" in out.getvalue()


def test_bib_import_then_export_keeps_every_field(tmp_path: Path) -> None:
    """Each field of each entry comes back, values compared after whitespace only."""
    from bibtexparser.entrypoint import parse_string

    for name in ("accents.bib", "case_braces.bib", "strings.bib", "biblatex.bib", "jabref.bib"):
        result = read(name)
        text = export(result.records, with_state=True)
        before = {e.key: e for e in parse_string((DATA / name).read_text(), parse_stack=[]).entries}
        after = {e.key: e for e in parse_string(text, parse_stack=[]).entries}
        macros = dict(bibtex.MONTH_MACROS)
        macros.update({"jgr": "Journal of Geophysical Research", "lab": "Lab"})
        macros["ed"] = "Second edition"
        for key, entry in before.items():
            for f in entry.fields:
                got = after[key].fields_dict.get(f.key.lower()) or after[key].fields_dict.get(f.key)
                assert got is not None, (name, key, f.key)
                old = " ".join(bibtex.evaluate(str(f.value), macros, set()).split())
                new = " ".join(bibtex.evaluate(str(got.value), macros, set()).split())
                if f.key == "month":
                    # "jun" in quotes and the macro jun are one month.
                    old, new = str(bibtex._month(old)), str(bibtex._month(new))
                assert new == old, (name, key, f.key)


def test_an_ascii_note_with_a_letter_latex_nests_deeply_comes_back() -> None:
    # Found by the round-trip property test: "𝔄" is \ensuremath{\mathfrak{A}}, two groups
    # deep, which the note reader does not decode; it stays UTF-8 instead.
    r = Record(title="0", status="new", rating=0, note="𝔄 and é\n\n- item")
    out = io.StringIO()
    bibtex.write([r], out, WriteOptions(with_state=True, ascii=True))
    assert "{\\'e}" in out.getvalue()
    [back] = formats.read_text(out.getvalue(), "x", "bibtex").records
    assert back.note == r.note
