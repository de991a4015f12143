"""Plain values the library hands to the CLI and the GUI: no ORM objects leave the library."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from readinglist.library.query import Query


class SortField(StrEnum):
    """What the paper list can be sorted by; each is done in SQL."""

    TITLE = "title"
    AUTHORS = "authors"
    STATUS = "status"
    RATING = "rating"
    ADDED = "added"
    SOURCE = "source"
    # The read-next queue's order (papers not queued last).
    QUEUE = "queue"
    # Year of publication (papers without one last).
    YEAR = "year"
    VENUE = "venue"
    # How many in the lab have read it (then are reading it); papers not in a lab count 0.
    LAB = "lab"


@dataclass(frozen=True, slots=True)
class PaperFilter:
    """Which papers to show; empty fields do not filter, and the fields combine (AND)."""

    text: str = ""
    statuses: frozenset[str] = frozenset()
    author: str | None = None
    listing: str | None = None
    tag: str | None = None
    rating: int | None = None
    min_rating: int | None = None
    # The Trash instead of the library (trashed papers are left out otherwise).
    trash: bool = False
    # The read-next queue (To read papers in queue order).
    queue: bool = False
    # Published from, to (inclusive; None leaves that end open).
    years: tuple[int | None, int | None] = (None, None)
    # A parsed search-language query (library.query), combined with the fields above;
    # one that asks for ``in:trash`` looks in the Trash.
    query: Query | None = None

    def __post_init__(self) -> None:
        if self.query is not None and self.query.includes_trash and not self.trash:
            object.__setattr__(self, "trash", True)

    @property
    def is_empty(self) -> bool:
        return self.without_query == PaperFilter() and (self.query is None or self.query.is_empty)

    @property
    def without_query(self) -> PaperFilter:
        return replace(self, query=None)

    @classmethod
    def of(cls, flt: PaperFilter | Query | None) -> PaperFilter:
        """``flt`` as a filter: a bare query is wrapped, None filters nothing."""
        if flt is None:
            return cls()
        return cls(query=flt) if isinstance(flt, Query) else flt


@dataclass(frozen=True, slots=True)
class PaperRow:
    """What one line of the paper table shows."""

    id: int
    title: str
    authors: str
    status: str
    rating: int
    added_at: datetime
    sources: str
    year: int | None = None
    venue: str | None = None


@dataclass(frozen=True, slots=True)
class PaperSummary:
    """A paper with its lists (authors, tags, sources), as ``readinglist list --json`` gives it."""

    id: int
    title: str
    authors: tuple[str, ...]
    abstract: str | None
    status: str
    rating: int
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    added_at: datetime
    queue_position: int | None = None
    trashed: bool = False


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of a paper's reading history."""

    at: datetime
    old_status: str | None
    new_status: str


@dataclass(frozen=True, slots=True)
class PaperDetail:
    """Everything the library holds on one paper."""

    id: int
    title: str
    authors: tuple[str, ...]
    abstract: str | None
    status: str
    rating: int
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    note: str
    note_updated_at: datetime | None
    added_at: datetime
    history: tuple[StatusChange, ...]
    trashed: bool = False
    # Place in the read-next queue (1 is next), or None.
    queue_position: int | None = None
    # The fields the user edited by hand.
    edited: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts for the sidebar: per status, listing, tag and most frequent authors."""

    total: int
    statuses: dict[str, int]
    listings: list[tuple[str, int]]
    tags: list[tuple[str, int]]
    authors: list[tuple[str, int]]
    trashed: int = 0


@dataclass(frozen=True, slots=True)
class FlaggedEntry:
    """An entry the reader was not sure of, for the user to check."""

    line: int
    title: str
    confidence: float
    truncated: bool


@dataclass(slots=True)
class ImportReport:
    """What importing one listing did."""

    listing: str
    language: str
    entries: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    flagged: list[FlaggedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Papers the listing carries that are in the Trash: left there, listed
    # so that the user can restore them.
    trashed: list[int] = field(default_factory=list)
    # The id of the first paper this import added (the rest follow in order).
    first_new_id: int | None = None
    # Bibliographic imports (schema 0004): the fields filled in on papers the
    # library already had, by paper id; and the statuses an import would have
    # lowered, left as they were: (paper id, status kept, status the file gives).
    filled: dict[int, list[str]] = field(default_factory=dict)
    status_kept: list[tuple[int, str, str]] = field(default_factory=list)
    format: str = "listing"
    # Saved searches the file carried: the names added to the library, and
    # those left alone because the library has its own under that name.
    saved_searches: list[str] = field(default_factory=list)
    saved_searches_kept: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PreviewEntry:
    """One entry of an import preview: what the reader found and what importing would do."""

    index: int
    line: int
    title: str
    authors: tuple[str, ...]
    abstract: str | None
    confidence: float
    truncated: bool
    # "new" | "update" | "unchanged" | "duplicate" (twice in the same listing)
    # | "trashed" (the paper is in the Trash)
    state: str
    paper_id: int | None


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup file and what it holds."""

    path: str
    created_at: datetime
    papers: int
    size: int
