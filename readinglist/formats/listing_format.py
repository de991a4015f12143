"""The publication-listing format as a registry entry: the listing reader's entries as records."""

from __future__ import annotations

import os
import re

from readinglist.formats.record import ReadResult, Record
from readinglist.listing import Listing, parse_text, read_listing


def from_listing(listing: Listing) -> ReadResult:
    records = [
        Record(
            title=e.title,
            authors=e.authors,
            abstract=e.abstract,
            type="",
            line=e.line,
            file=listing.name,
            format="listing",
            confidence=e.confidence,
            truncated=e.truncated,
            flagged=e.flagged,
        )
        for e in listing.entries
    ]
    return ReadResult(
        name=listing.name,
        format="listing",
        records=records,
        warnings=list(listing.warnings),
        encoding=listing.encoding,
        language=listing.language,
        content_hash=listing.content_hash,
    )


def read_text(text: str, name: str = "") -> ReadResult:
    return from_listing(parse_text(text, name=name))


def read_path(path: str | os.PathLike[str]) -> ReadResult:
    return from_listing(read_listing(path))


def sniff(head: str) -> float:
    """A listing starts with its header; any other plain text may still be one (headerless)."""
    first = next((line.strip() for line in head.lstrip("\ufeff").splitlines() if line.strip()), "")
    if first == "Publications":
        return 0.9
    if not first or first[0] in "@{[<" or re.match(r"^[A-Z][A-Z0-9]  - ", first):
        return 0.0
    return 0.2
