"""The library's tables, declared once with SQLModel; migrations create them in the database.

The hot paths (bulk import, search, sort, the table's pages, the journal's
row images, the bulk commands) speak SQL to these tables directly, and so
does what the window reads as it starts. The ordinary writes (adding and
editing a paper, attachments, saved searches, settings) and reads (the saved
searches, the history, undo's entries) go through these models, in a session
joined to the caller's connection and transaction (``session_in``). Tests
check that the migrations build exactly these tables.

Timestamps are naive UTC (``status.utcnow``), in the migrations' DATETIME
columns: each says ``sa_type=DateTime``, as SQLModel would otherwise make it
a column that wants aware datetimes and returns them.

Importing this module costs a few hundred milliseconds (pydantic, the ORM):
the rest of ``library`` imports it inside the functions that use it, never
at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Connection, DateTime, ForeignKey, Integer, Text
from sqlmodel import Field, Session, SQLModel

from readinglist.library.status import Status, utcnow


def _fk(target: str, *, primary_key: bool = False, index: bool = False) -> Column[int]:
    return Column(
        Integer,
        ForeignKey(target, ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
        index=index,
    )


class Paper(SQLModel, table=True):
    """One paper, whichever listings and languages it was imported from."""

    __tablename__ = "paper"
    # The migrations also add NOCASE indexes on title and authors_text,
    # which the table view sorts by, and one over the reading state
    # (status, rating, added_at, year, queue_position) for the search's terms.
    __table_args__ = (CheckConstraint("rating BETWEEN 0 AND 5", name="ck_paper_rating"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str
    # The normalized title (case, accents, punctuation, spacing) that decides
    # whether two listing entries are the same paper.
    title_key: str = Field(unique=True)
    # Author and source names joined for display and sorting; the normalized
    # truth is in PaperAuthor / PaperSource, these are kept in step by the
    # importer so that a 100k-row table sorts and pages without joins.
    authors_text: str = ""
    sources_text: str = ""
    status: str = Field(default=Status.NEW.value)
    rating: int = Field(default=0)
    added_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)
    # In the Trash since then (None: not trashed); the paper keeps everything.
    trashed_at: datetime | None = Field(default=None, sa_type=DateTime)
    # Place in the read-next queue (1 is next), only while the status is to-read.
    queue_position: int | None = None
    # Comma-separated fields the user edited by hand; imports leave them alone.
    edited: str = ""
    # Bibliographic fields (schema 0004), from BibTeX, RIS or CSL-JSON; None: unknown.
    entry_type: str | None = None
    year: int | None = None
    date: str | None = None
    venue: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    arxiv: str | None = None
    cite_key: str | None = None
    language: str | None = None
    # The source's keywords, comma-separated (tags are the user's own).
    keywords: str | None = None


class PaperField(SQLModel, table=True):
    """A field of an imported entry with no column of its own, kept as the source wrote it."""

    __tablename__ = "paper_field"

    paper_id: int = Field(sa_column=_fk("paper.id", primary_key=True))
    # The source's name: a BibTeX field name, "ris:XX" or "csl:name".
    name: str = Field(primary_key=True)
    value: str


class PaperAbstract(SQLModel, table=True):
    """A paper's abstract, kept apart so that the paper rows every list reads stay small."""

    __tablename__ = "paper_abstract"

    paper_id: int = Field(sa_column=_fk("paper.id", primary_key=True))
    text: str


class Author(SQLModel, table=True):
    """A person, matched across papers by a normalized name."""

    __tablename__ = "author"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)


class PaperAuthor(SQLModel, table=True):
    """An author's place in a paper's author list."""

    __tablename__ = "paper_author"

    paper_id: int = Field(sa_column=_fk("paper.id", primary_key=True))
    position: int = Field(primary_key=True)
    author_id: int = Field(sa_column=_fk("author.id", index=True))


class SourceListing(SQLModel, table=True):
    """A listing file the user imported, known by its file name."""

    __tablename__ = "source_listing"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    language: str = "unknown"
    content_hash: str = ""
    entry_count: int = 0
    first_imported_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)
    imported_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)


class PaperSource(SQLModel, table=True):
    """That a paper appears in a listing, and on which line."""

    __tablename__ = "paper_source"

    paper_id: int = Field(sa_column=_fk("paper.id", primary_key=True))
    listing_id: int = Field(sa_column=_fk("source_listing.id", primary_key=True, index=True))
    line: int = 0


class Tag(SQLModel, table=True):
    """A user's label; names compare without regard to case."""

    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(Text(collation="NOCASE"), unique=True, nullable=False))


class PaperTag(SQLModel, table=True):
    """A tag on a paper."""

    __tablename__ = "paper_tag"

    paper_id: int = Field(sa_column=_fk("paper.id", primary_key=True))
    tag_id: int = Field(sa_column=_fk("tag.id", primary_key=True, index=True))


class Note(SQLModel, table=True):
    """The user's Markdown note on a paper (one per paper)."""

    __tablename__ = "note"

    paper_id: int = Field(sa_column=_fk("paper.id", primary_key=True))
    body: str = ""
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)


class ReadingEvent(SQLModel, table=True):
    """One change of a paper's reading status: the history statistics are drawn from."""

    __tablename__ = "reading_event"

    id: int | None = Field(default=None, primary_key=True)
    paper_id: int = Field(sa_column=_fk("paper.id", index=True))
    old_status: str | None = None
    new_status: str
    at: datetime = Field(default_factory=utcnow, index=True, sa_type=DateTime)


class JournalEntry(SQLModel, table=True):
    """One change to the library, with the rows it touched before and after (JSON)."""

    __tablename__ = "journal"
    __table_args__ = (
        CheckConstraint("state IN ('done', 'undone', 'dropped')", name="ck_journal_state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    at: datetime = Field(default_factory=utcnow, index=True, sa_type=DateTime)
    kind: str
    label: str
    papers: str = "[]"
    changes: str = "{}"
    # done: applied; undone: reverted and redoable; dropped: reverted, then
    # replaced by a new change, so no longer redoable.
    state: str = "done"
    # Consecutive edits of one burst (typing in a note) share one entry.
    burst: str | None = None


class Attachment(SQLModel, table=True):
    """A file (a saved PDF) or a link attached to a paper."""

    __tablename__ = "attachment"
    __table_args__ = (CheckConstraint("kind IN ('file', 'link')", name="ck_attachment_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    paper_id: int = Field(sa_column=_fk("paper.id", index=True))
    position: int = 0
    kind: str
    # A URL, an absolute path, or a path relative to the papers folder.
    target: str
    label: str = ""
    added_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)


class SavedSearch(SQLModel, table=True):
    """A query the user saved under a name, shown in the sidebar."""

    __tablename__ = "saved_search"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(Text(collation="NOCASE"), unique=True, nullable=False))
    query: str
    position: int = 0


class NotDuplicate(SQLModel, table=True):
    """Two papers the user said are not the same (paper_a < paper_b)."""

    __tablename__ = "not_duplicate"
    __table_args__ = (CheckConstraint("paper_a < paper_b", name="ck_not_duplicate_order"),)

    paper_a: int = Field(sa_column=_fk("paper.id", primary_key=True))
    paper_b: int = Field(sa_column=_fk("paper.id", primary_key=True))


class LibrarySetting(SQLModel, table=True):
    """A setting that belongs to the library file (not to one machine's preferences)."""

    __tablename__ = "library_setting"

    key: str = Field(primary_key=True)
    value: str


@contextmanager
def session_in(conn: Connection) -> Iterator[Session]:
    """An ORM session over ``conn``, inside the transaction ``conn`` is in.

    A command's writes go in the transaction of its journal entry, so the
    recorder reads their after-images and both are saved or neither is.
    ``rollback_only``: the session never commits or ends that transaction
    (the command's caller does); a flush that fails rolls it back. On a
    connection that is not in a transaction (a read), the session begins one
    and ends it when it closes. What is pending is flushed on leaving.
    """
    with Session(bind=conn, join_transaction_mode="rollback_only") as session:
        yield session
        session.flush()
