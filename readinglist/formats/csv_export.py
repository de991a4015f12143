"""CSV export of papers that a spreadsheet opens as plain text: no formula injection."""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol, TextIO

from readinglist.formats.record import PLAIN, Record, WriteOptions

COLUMNS = (
    "id",
    "title",
    "authors",
    "abstract",
    "status",
    "rating",
    "tags",
    "sources",
    "added",
    "note",
)
# A cell starting with one of these is run as a formula by Excel, LibreOffice
# or Google Sheets (=HYPERLINK(...) can send data out; =cmd|... ran programs
# in old Excel). Full-width forms count too: some locales read them as the
# ASCII ones. Tab and carriage return hide a leading sign from a glance.
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
LIST_SEPARATOR = "; "


class PaperLike(Protocol):
    """What the export needs of a paper: ``readinglist.library.PaperSummary`` fits."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def authors(self) -> Sequence[str]: ...
    @property
    def abstract(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def rating(self) -> int: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def sources(self) -> Sequence[str]: ...
    @property
    def added_at(self) -> datetime: ...


def neutralize(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate: a leading quote when it could be a formula.

    Spaces before the sign do not help (spreadsheets skip them), so they are looked past.
    """
    stripped = cell.lstrip(" ")
    if stripped and stripped[0] in FORMULA_START:
        return "'" + cell
    return cell


def _row(paper: PaperLike, note: str) -> list[str | int]:
    texts = [
        paper.title,
        LIST_SEPARATOR.join(paper.authors),
        paper.abstract or "",
        paper.status,
    ]
    after = [
        LIST_SEPARATOR.join(paper.tags),
        LIST_SEPARATOR.join(paper.sources),
        paper.added_at.strftime("%Y-%m-%d %H:%M:%S"),
        note,
    ]
    # The id and rating are our own integers, written as numbers.
    return [
        paper.id,
        *(neutralize(t) for t in texts),
        paper.rating,
        *(neutralize(t) for t in after),
    ]


def write_papers_csv(
    out: TextIO, papers: Iterable[PaperLike], notes: Mapping[int, str] | None = None
) -> int:
    """Write a header and one row per paper to ``out`` (opened with ``newline=''``)."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for paper in papers:
        writer.writerow(_row(paper, (notes or {}).get(paper.id, "")))
        count += 1
    return count


def export_csv(
    path: str | os.PathLike[str],
    papers: Iterable[PaperLike],
    notes: Mapping[int, str] | None = None,
) -> int:
    """Write the CSV file at ``path`` whole or not at all; returns the number of papers.

    The file is written beside its target and renamed into place, so a full
    disk or an error leaves either the old file or none, never half of one.
    UTF-8 with a byte-order mark, which Excel needs to read accents right.
    """
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as fh:
            count = write_papers_csv(fh, papers, notes)
            fh.flush()
            os.fsync(fh.fileno())
        partial.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return count


def write_records_csv(records: Iterable[Record], out: TextIO, options: WriteOptions = PLAIN) -> int:
    """The registry's CSV writer: the same columns as ``write_papers_csv``, from records."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for r in records:
        added = r.added_at.strftime("%Y-%m-%d %H:%M:%S") if r.added_at else ""
        texts = [r.title, LIST_SEPARATOR.join(r.authors), r.abstract or "", r.status or "new"]
        after = [LIST_SEPARATOR.join(r.tags), LIST_SEPARATOR.join(r.sources), added, r.note or ""]
        writer.writerow(
            [
                r.id if r.id is not None else "",
                *(neutralize(t) for t in texts),
                r.rating or 0,
                *(neutralize(t) for t in after),
            ]
        )
        count += 1
    return count
