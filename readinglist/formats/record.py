"""The value a reader gives and a writer takes: one bibliographic record with its reading state."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from readinglist.listing import ListingError

#: Our reading statuses, as the library names them (``readinglist.library.STATUSES``).
STATUSES = ("new", "to-read", "reading", "read", "not-reading")
#: The Zotero Reading List plugin's names for them, one for one.
ZOTERO_STATUS = {
    "new": "New",
    "to-read": "To Read",
    "reading": "In Progress",
    "read": "Read",
    "not-reading": "Not Reading",
}
ZOTERO_STATUS_BACK = {v.lower(): k for k, v in ZOTERO_STATUS.items()}
# The plugin's lines in Zotero's "extra" (CSL-JSON "note"); the rating line is ours,
# written in the same block so that a round trip keeps the stars.
_STATE_LINE = re.compile(
    r"^\s*(Read_Status|Read_Status_Date|Rating|Tags)\s*:\s*(.*?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


class FormatError(ListingError):
    """A file no reader accepts, or a write that cannot be done: one line, naming the file.

    A ``ListingError`` too, so that every place that reports a bad listing reports this.
    """


@dataclass(frozen=True, slots=True)
class BadEntry:
    """An entry a reader could not take, with where it starts."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.file else f"line {self.line}"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class Record:
    """One paper as a file describes it, whatever the format.

    ``authors`` are display names ("Given Family"); ``extra`` holds every field of the
    source that has no place here, verbatim, under the source's name for it (BibTeX
    field names as they are; ``ris:XX`` and ``csl:name`` for the others), and the
    source's own text of the mapped fields where the writer needs it to give back what
    it read (BibTeX's LaTeX, case-protecting braces and all).
    """

    title: str
    authors: tuple[str, ...] = ()
    abstract: str | None = None
    type: str = "article"
    year: int | None = None
    date: str | None = None
    venue: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    arxiv: str | None = None
    key: str | None = None
    language: str | None = None
    keywords: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)
    # Reading state (None: the file says nothing about it).
    status: str | None = None
    status_date: str | None = None
    rating: int | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    # Where it came from, for the preview.
    line: int = 0
    file: str = ""
    format: str = ""
    confidence: float = 1.0
    truncated: bool = False
    flagged: bool = False
    # The library's own, when a record is made from a paper for export.
    id: int | None = None
    sources: tuple[str, ...] = ()
    added_at: datetime | None = None
    queue_position: int | None = None

    @property
    def has_state(self) -> bool:
        return self.status is not None or bool(self.rating) or bool(self.note)


@dataclass(slots=True)
class ReadResult:
    """What a reader found in one file (or pasted text)."""

    name: str
    format: str
    records: list[Record]
    bad: list[BadEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    language: str = "unknown"
    content_hash: str = ""
    #: Saved searches (name, query) the file carries (a BibTeX export of ours).
    saved_searches: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """How to write: with the reading state (off: citation files are often shared), ASCII only."""

    with_state: bool = False
    ascii: bool = False
    #: The library's saved searches (name, query), written with the reading
    #: state where the format has a place for them (BibTeX, BibLaTeX, Markdown).
    saved_searches: tuple[tuple[str, str], ...] = ()


#: The default: no reading state, UTF-8.
PLAIN = WriteOptions()


class State(NamedTuple):
    """The reading state found in a note, and the note without it."""

    status: str | None = None
    date: str | None = None
    rating: int | None = None
    #: Our own line, written only when the keywords alone would not give the tags back.
    tags: tuple[str, ...] | None = None
    rest: str | None = None


def split_state(text: str | None) -> State:
    """Take Zotero Reading List lines (and ours) out of a note."""
    if not text or ("ead_" not in text and "ating" not in text and "ags" not in text):
        return State(rest=text)
    status = date = None
    rating: int | None = None
    tags: tuple[str, ...] | None = None
    kept: list[str] = []
    for line in text.split("\n"):
        m = _STATE_LINE.match(line)
        if m is None:
            kept.append(line)
            continue
        what, value = m.group(1).lower(), m.group(2)
        if what == "read_status" and value.lower() in ZOTERO_STATUS_BACK:
            status = ZOTERO_STATUS_BACK[value.lower()]
        elif what == "read_status_date":
            date = value
        elif what == "rating" and re.fullmatch(r"[0-5](?:\s*/\s*5)?", value):
            rating = int(value[0])
        elif what == "tags" and (found := _tag_list(value)) is not None:
            tags = found
        else:
            kept.append(line)
    rest = "\n".join(kept).strip("\n")
    return State(status, date, rating, tags, rest or None)


def _tag_list(value: str) -> tuple[str, ...] | None:
    try:
        found = json.loads(value)
    except ValueError:
        return None
    if not isinstance(found, list) or not all(isinstance(t, str) for t in found):
        return None
    return tuple(found)


def tags_and_keywords(
    keywords: tuple[str, ...], state: State, has_state: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tags, keywords) of an entry: JabRef and Zotero keep tags as keywords, so a file
    that carries reading state gives its keywords back as tags, unless our own line
    says which of them are tags."""
    if state.tags is not None:
        chosen = set(state.tags)
        return state.tags, tuple(k for k in keywords if k not in chosen)
    return (keywords if has_state else ()), keywords


# json.dumps builds an encoder per call when given an option.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def state_lines(record: Record) -> list[str]:
    """The Zotero Reading List lines (and our rating line) for a record's state."""
    lines = []
    if record.status:
        lines.append(f"Read_Status: {ZOTERO_STATUS[record.status]}")
        if record.status_date:
            lines.append(f"Read_Status_Date: {record.status_date}")
    if record.rating:
        lines.append(f"Rating: {record.rating}/5")
    if not set(record.keywords) <= set(record.tags):
        # Read back, the keywords would all become tags: say which ones are.
        lines.append("Tags: " + (_to_json(list(record.tags)) if record.tags else "[]"))
    return lines


def with_state_note(record: Record) -> str | None:
    """The note with the state lines on top, as written to Zotero's extra / CSL note / RIS N1."""
    lines = state_lines(record)
    if record.note:
        lines += ["", record.note] if lines else [record.note]
    return "\n".join(lines) or None
