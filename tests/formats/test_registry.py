"""The registry: names, detection by content, refusal naming what we read, atomic writes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from readinglist import formats
from readinglist.formats import FormatError, Record, WriteOptions, markdown
from readinglist.formats.csv_export import COLUMNS
from readinglist.formats.keys import KeyMaker, base_key
from tests.formats.common import DATA, sample_records

SEEDS = Path(__file__).parents[2] / "seeds"


def test_every_format_has_a_unique_name_and_the_export_names_resolve() -> None:
    names = [f.name for f in formats.FORMATS]
    assert len(names) == len(set(names))
    for name in ("bib", "biblatex", "ris", "csljson", "csv", "md"):
        assert formats.get(name).write is not None
    assert {f.name for f in formats.readers()} == {"listing", "bibtex", "ris", "csljson"}


def test_listing_is_an_entry_and_reads_the_seeds() -> None:
    for seed in SEEDS.glob("*.txt"):
        result = formats.read_path(seed)
        assert result.format == "listing" and result.records
        assert all(r.format == "listing" for r in result.records)


def test_a_file_of_no_format_is_refused_naming_the_formats() -> None:
    with pytest.raises(FormatError, match=r"BibTeX.*RIS.*CSL-JSON"):
        formats.guess("<html><body>hi</body></html>", "page.html")


def test_export_format_by_extension_or_name(tmp_path: Path) -> None:
    assert formats.export_format(tmp_path / "a.bib").name == "bibtex"
    assert formats.export_format(tmp_path / "a.ris").name == "ris"
    assert formats.export_format(tmp_path / "a.json").name == "csljson"
    assert formats.export_format(tmp_path / "a.md").name == "md"
    assert formats.export_format(tmp_path / "a.txt", "biblatex").name == "biblatex"
    with pytest.raises(FormatError, match="--format"):
        formats.export_format(tmp_path / "a.xyz")


def test_write_path_is_whole_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.bib"
    target.write_text("old")

    class Boom:
        def __iter__(self) -> object:
            yield sample_records()[0]
            raise OSError("disk full")

    with pytest.raises(OSError):
        formats.write_path(target, Boom(), formats.get("bib"))  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert not list(tmp_path.glob("*.partial"))
    assert formats.write_path(target, sample_records(), formats.get("bib")) == 3


def test_keys_are_ascii_family_year_word_and_unique() -> None:
    assert base_key(["Jörg Müller"], 2020, "The DNA of things") == "Muller2020DNA"
    assert base_key(["Jean de la Fontaine"], None, "Fables") == "Fontaine"[0:8] + "Fables"
    maker = KeyMaker()
    keys = [maker.key(None, ["Ann Bee"], 2000, "Same title") for _ in range(3)]
    assert keys == ["Bee2000Same", "Bee2000Samea", "Bee2000Sameb"]
    assert maker.key("kept:key", [], None, "x") == "kept:key"


def test_markdown_report_groups_by_status_queue_first_in_order() -> None:
    records = sample_records()
    records.append(Record(title="Queued second", status="to-read", queue_position=2))
    records.append(Record(title="Queued first", status="to-read", queue_position=1))
    out = io.StringIO()
    markdown.write(records, out, WriteOptions())
    text = out.getvalue()
    assert text.index("## To read") < text.index("## Read")
    assert text.index("Queued first") < text.index("Queued second")
    assert "★★★★☆" in text and "`queue`" in text and "> - point one" in text
    assert "\\_scores" in text  # Markdown in a title is shown, not run
    assert "[doi:10.1000/abc\\_1](https://doi.org/10.1000/abc_1)" in text


def test_csv_writer_has_the_csv_export_columns() -> None:
    out = io.StringIO()
    formats.get("csv").write(sample_records(), out, WriteOptions())  # type: ignore[misc]
    assert out.getvalue().splitlines()[0] == ",".join(COLUMNS)


def test_bib_in_a_txt_file_is_read_as_bibtex(tmp_path: Path) -> None:
    path = tmp_path / "refs.txt"
    path.write_bytes((DATA / "accents.bib").read_bytes())
    assert formats.read_path(path).format == "bibtex"
