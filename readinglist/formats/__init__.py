"""File formats in one registry: each declares its name, extensions, a sniffer, a reader, a writer.

Import (CLI, dialog, drag and drop, paste) and export go through here: detection is
by content, with the extension as a hint, so a ``.txt`` holding BibTeX is read as
BibTeX. Adding a format is one module and one entry in ``FORMATS``. Pure: no Qt,
no database.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from readinglist.formats import bibtex, csljson, listing_format, markdown, ris
from readinglist.formats.csv_export import write_records_csv
from readinglist.formats.record import (
    PLAIN,
    BadEntry,
    FormatError,
    ReadResult,
    Record,
    WriteOptions,
)
from readinglist.formats.textio import decode
from readinglist.listing import ListingError

SNIFF_BYTES = 65536
Reader = Callable[[str, str], ReadResult]
Writer = Callable[[Iterable[Record], TextIO, WriteOptions], int]


@dataclass(frozen=True, slots=True)
class Format:
    """One file format: what it is called, its extensions, and what we can do with it."""

    name: str
    label: str
    extensions: tuple[str, ...]
    sniff: Callable[[str], float] | None = None
    read_text: Reader | None = None
    write: Writer | None = None
    #: How the writer's file is opened (CSV wants its own newlines and a BOM for Excel).
    encoding: str = "utf-8"
    newline: str | None = "\n"


FORMATS: tuple[Format, ...] = (
    Format(
        "listing",
        "publication listing",
        (".txt",),
        listing_format.sniff,
        listing_format.read_text,
    ),
    Format("bibtex", "BibTeX", (".bib", ".bibtex"), bibtex.sniff, bibtex.read_text, bibtex.write),
    Format("biblatex", "BibLaTeX", (".bib",), None, None, bibtex.write_biblatex),
    Format("ris", "RIS", (".ris",), ris.sniff, ris.read_text, ris.write),
    Format("csljson", "CSL-JSON", (".json",), csljson.sniff, csljson.read_text, csljson.write),
    Format("csv", "CSV", (".csv",), None, None, write_records_csv, "utf-8-sig", ""),
    Format("md", "Markdown", (".md", ".markdown"), None, None, markdown.write),
)
ALIASES = {"bib": "bibtex", "json": "csljson", "csl": "csljson", "markdown": "md"}
#: For messages: what the import reads.
READ_NAMES = "publication listings, BibTeX/BibLaTeX (.bib), RIS (.ris) and CSL-JSON (.json)"


def get(name: str) -> Format:
    """The format called ``name`` (or one of its aliases: bib, json, markdown)."""
    wanted = ALIASES.get(name.lower(), name.lower())
    for fmt in FORMATS:
        if fmt.name == wanted:
            return fmt
    raise FormatError(f"'{name}' is not a format readinglist knows.")


def readers() -> list[Format]:
    return [f for f in FORMATS if f.read_text is not None]


def writers() -> list[Format]:
    return [f for f in FORMATS if f.write is not None]


def guess(head: str, filename: str = "") -> Format:
    """The reader for text starting with ``head``: by content, the extension breaking ties."""
    suffix = Path(filename).suffix.lower()
    best: tuple[float, Format] | None = None
    for fmt in readers():
        assert fmt.sniff is not None
        score = fmt.sniff(head)
        if score > 0 and suffix in fmt.extensions:
            score += 0.05
        if score > 0 and (best is None or score > best[0]):
            best = (score, fmt)
    if best is None:
        label = f"'{filename}'" if filename else "the text"
        raise FormatError(
            f"Cannot import {label}: it is none of the formats readinglist reads ({READ_NAMES})."
        )
    return best[1]


def _head(path: Path) -> tuple[bytes, str]:
    try:
        with path.open("rb") as fh:
            data = fh.read(SNIFF_BYTES)
    except FileNotFoundError:
        raise FormatError(f"Cannot import '{path}': there is no such file.") from None
    except IsADirectoryError:
        raise FormatError(f"Cannot import '{path}': it is a folder, not a file.") from None
    except OSError as exc:
        raise FormatError(f"Cannot import '{path}': {exc.strerror}.") from None
    text, _, _ = decode(data, path.name) if data else ("", "utf-8", [])
    return data, text


def detect(path: str | os.PathLike[str]) -> Format:
    """The format of the file at ``path``, from its first kilobytes."""
    p = Path(path)
    data, text = _head(p)
    if not data:
        # An empty file: the listing reader says so, as it always has.
        return get("listing")
    return guess(text, p.name)


def read_text(text: str, name: str = "", format: str | None = None) -> ReadResult:
    """Read text in memory (a paste, say) in whatever format it is."""
    fmt = get(format) if format else guess(text[:SNIFF_BYTES], name)
    assert fmt.read_text is not None
    return fmt.read_text(text, name)


def read_path(path: str | os.PathLike[str], format: str | None = None) -> ReadResult:
    """Read a file in whatever format it is; raises FormatError (a ListingError) for bad files."""
    p = Path(path)
    fmt = get(format) if format else detect(p)
    if fmt.name == "listing":
        # The listing reader streams and checks files its own way.
        return listing_format.read_path(p)
    assert fmt.read_text is not None
    data = p.read_bytes()
    text, encoding, warnings = decode(data, p.name)
    result = fmt.read_text(text, p.name)
    result.encoding = encoding
    result.warnings[:0] = warnings
    return result


def export_format(path: str | os.PathLike[str], name: str | None = None) -> Format:
    """The writer for ``path``: ``name`` if given, else by the file's extension."""
    if name:
        fmt = get(name)
    else:
        suffix = Path(path).suffix.lower()
        found = [f for f in writers() if suffix in f.extensions]
        if not found:
            names = ", ".join(f.name for f in writers())
            raise FormatError(
                f"Cannot tell the format of '{path}' from its extension; give --format ({names})."
            )
        fmt = found[0]
    if fmt.write is None:
        raise FormatError(f"readinglist reads {fmt.label} but does not write it.")
    return fmt


def write_path(
    path: str | os.PathLike[str],
    records: Iterable[Record],
    fmt: Format,
    options: WriteOptions = PLAIN,
) -> int:
    """Write the file whole or not at all (beside it, then renamed); returns the count."""
    assert fmt.write is not None
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding=fmt.encoding, newline=fmt.newline) as fh:
            count = fmt.write(records, fh, options)
            fh.flush()
            os.fsync(fh.fileno())
        partial.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return count


__all__ = [
    "FORMATS",
    "READ_NAMES",
    "BadEntry",
    "Format",
    "FormatError",
    "ListingError",
    "ReadResult",
    "Record",
    "WriteOptions",
    "detect",
    "export_format",
    "get",
    "guess",
    "read_path",
    "read_text",
    "readers",
    "write_path",
    "writers",
]
