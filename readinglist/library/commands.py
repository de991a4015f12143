"""The library's one write path: each command changes rows inside a journal ``Recorder``.

Every function here runs inside ``Library.journaled()`` (one write
transaction), watches the rows it is about to change and writes them; the
journal entry is made from what it watched. Nothing else in the project
writes to a library (imports are journaled by ``core``).

Adding and editing a paper, attachments, saved searches and settings write
through the SQLModel models (``models.session_in(rec.conn)``, in the same
transaction). The commands that may touch a whole library at once (status,
rating, tags, the Trash, merge, the queue) keep plain SQL, in statements
over many rows: per-object ORM writes of 100k papers would take seconds.
The models are imported inside the functions, so that start-up and the
commands in plain SQL never pay for importing them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func

from readinglist.library.errors import LibraryError, NotFoundError
from readinglist.library.journal import PAPER_TABLES, Recorder
from readinglist.library.status import STATUSES, Status, utcnow
from readinglist.listing import name_key, normalize_title

if TYPE_CHECKING:
    from sqlmodel import Session

    from readinglist.library.models import Author

CHUNK = 5000
EDITABLE = ("title", "authors", "abstract")
# The bibliographic columns (schema 0004) a paper can be given or edited by hand.
BIB_COLUMNS = (
    "entry_type",
    "year",
    "date",
    "venue",
    "volume",
    "number",
    "pages",
    "doi",
    "url",
    "arxiv",
    "cite_key",
    "language",
    "keywords",
)
# Where a paper that becomes To read joins the queue (a library setting).
QUEUE_END_SETTING = "queue.new_at"
PAPERS_FOLDER_SETTING = "attachments.papers_folder"
OPEN_SETS_READING_SETTING = "attachments.open_sets_reading"
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _now() -> str:
    return utcnow().isoformat(sep=" ", timespec="microseconds")


def _marks(n: int) -> str:
    return ",".join("?" * n)


def existing(conn: Connection, ids: Sequence[int]) -> None:
    """Raise NotFoundError unless every id is a paper."""
    found: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = tuple(ids[start : start + CHUNK])
        found.update(
            int(r[0])
            for r in conn.exec_driver_sql(
                f"SELECT id FROM paper WHERE id IN ({_marks(len(chunk))})", chunk
            )
        )
    missing = sorted(set(ids) - found)
    if missing:
        raise NotFoundError(f"There is no paper with id {missing[0]}.")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _scope(ids: Sequence[int]) -> str:
    return "" if len(ids) == 1 else f" ({_plural(len(ids), 'paper')})"


def status_label(status: str) -> str:
    return {"new": "New", "to-read": "To read", "reading": "Reading", "read": "Read"}.get(
        status, "Not reading"
    )


def get_setting(conn: Connection, key: str, default: str = "") -> str:
    """The library setting ``key`` (``default`` when it was never set).

    Plain SQL, not the model: the window reads the papers folder as it
    starts (for the selected paper's attachments), on its own thread, and
    the bulk status commands read where the queue grows.
    """
    value = conn.exec_driver_sql("SELECT value FROM library_setting WHERE key = ?", (key,)).scalar()
    return default if value is None else str(value)


# -- reading state ---------------------------------------------------------------


def _queue_positions(conn: Connection, count: int) -> list[int]:
    """Positions for ``count`` papers joining the queue, where the setting puts them."""
    if get_setting(conn, QUEUE_END_SETTING, "end") == "top":
        low = conn.exec_driver_sql(
            "SELECT coalesce(min(queue_position), 1) FROM paper WHERE queue_position IS NOT NULL"
        ).scalar_one()
        return list(range(int(low) - count, int(low)))
    high = conn.exec_driver_sql(
        "SELECT coalesce(max(queue_position), 0) FROM paper WHERE queue_position IS NOT NULL"
    ).scalar_one()
    return list(range(int(high) + 1, int(high) + 1 + count))


def set_status(rec: Recorder, ids: Sequence[int], status: str) -> int:
    """Set the reading status; each paper whose status changes gets a history event."""
    if status not in STATUSES:
        raise LibraryError(
            f"'{status}' is not a reading status; use one of: {', '.join(STATUSES)}."
        )
    conn = rec.conn
    existing(conn, ids)
    changing: list[tuple[int, str]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = tuple(ids[start : start + CHUNK])
        changing.extend(
            (int(pid), str(old))
            for pid, old in conn.exec_driver_sql(
                f"SELECT id, status FROM paper WHERE id IN ({_marks(len(chunk))}) AND status != ?",
                (*chunk, status),
            )
        )
    if not changing:
        return 0
    # In the order asked for, so that papers join the queue in that order.
    order = {pid: i for i, pid in enumerate(ids)}
    changing.sort(key=lambda c: order[c[0]])
    pids = [pid for pid, _ in changing]
    rec.watch("paper", "id", pids, columns=("status", "updated_at", "queue_position"))
    now = _now()
    conn.exec_driver_sql(
        "UPDATE paper SET status = ?, updated_at = ?, queue_position = NULL WHERE id = ?",
        [(status, now, pid) for pid in pids],
    )
    if status == Status.TO_READ:
        conn.exec_driver_sql(
            "UPDATE paper SET queue_position = ? WHERE id = ?",
            list(zip(_queue_positions(conn, len(pids)), pids, strict=True)),
        )
    last = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM reading_event").scalar_one()
    conn.exec_driver_sql(
        "INSERT INTO reading_event (paper_id, old_status, new_status, at) VALUES (?, ?, ?, ?)",
        [(pid, old, status, now) for pid, old in changing],
    )
    new_events = [
        int(r[0])
        for r in conn.exec_driver_sql("SELECT id FROM reading_event WHERE id > ?", (last,))
    ]
    rec.watch("reading_event", "id", new_events, new=True)
    return len(changing)


def set_rating(rec: Recorder, ids: Sequence[int], rating: int) -> None:
    if not 0 <= rating <= 5:
        raise LibraryError(f"A rating is 0 to 5 stars, not {rating}.")
    existing(rec.conn, ids)
    rec.watch("paper", "id", ids, columns=("rating", "updated_at"))
    rec.conn.exec_driver_sql(
        "UPDATE paper SET rating = ?, updated_at = ? WHERE id = ? AND rating != ?",
        [(rating, _now(), pid, rating) for pid in ids],
    )


def change_tags(
    rec: Recorder, ids: Sequence[int], add: Sequence[str], remove: Sequence[str]
) -> None:
    """Add and remove tags; a tag no paper carries any more is forgotten."""
    conn = rec.conn
    existing(conn, ids)
    rec.watch("paper_tag", "paper_id", ids)
    rec.watch("tag", "name", [*add, *remove])
    for name in add:
        conn.exec_driver_sql("INSERT OR IGNORE INTO tag (name) VALUES (?)", (name,))
        tag_id = conn.exec_driver_sql("SELECT id FROM tag WHERE name = ?", (name,)).scalar_one()
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO paper_tag (paper_id, tag_id) VALUES (?, ?)",
            [(pid, tag_id) for pid in ids],
        )
    for name in remove:
        conn.exec_driver_sql(
            "DELETE FROM paper_tag WHERE paper_id = ?"
            " AND tag_id = (SELECT id FROM tag WHERE name = ?)",
            [(pid, name) for pid in ids],
        )
    if remove:
        conn.exec_driver_sql(
            f"DELETE FROM tag WHERE name IN ({_marks(len(remove))})"
            " AND id NOT IN (SELECT tag_id FROM paper_tag)",
            tuple(remove),
        )


def set_note(rec: Recorder, paper_id: int, body: str) -> None:
    """Replace a paper's note (Markdown); it is searchable at once."""
    conn = rec.conn
    existing(conn, [paper_id])
    rec.watch("note", "paper_id", [paper_id])
    current = conn.exec_driver_sql("SELECT body FROM note WHERE paper_id = ?", (paper_id,)).scalar()
    if current == body or (current is None and body == ""):
        return
    conn.exec_driver_sql(
        "INSERT INTO note (paper_id, body, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(paper_id) DO UPDATE SET body = excluded.body,"
        " updated_at = excluded.updated_at",
        (paper_id, body, _now()),
    )


# -- papers ---------------------------------------------------------------------


def clean_authors(authors: Iterable[str]) -> list[str]:
    return [" ".join(a.split()) for a in authors if a and a.strip()]


def _authors(rec: Recorder, session: Session, names: Sequence[str]) -> list[Author]:
    """The authors of ``names`` (in order, one per distinct person), creating new ones.

    A known person keeps the name they were first stored under, and the
    paper's author text shows that one.
    """
    from sqlmodel import select

    from readinglist.library.models import Author

    found: dict[int, Author] = {}
    for name in names:
        key = name_key(name)
        if not key:
            continue
        author = session.exec(select(Author).where(Author.name_key == key)).first()
        if author is None:
            author = Author(name=name, name_key=key)
            session.add(author)
            session.flush()
            rec.watch("author", "id", [author.id], new=True)
        assert author.id is not None
        found.setdefault(author.id, author)
    return list(found.values())


def _paper_authors(session: Session, paper_id: int) -> list[str]:
    """The names of a paper's authors, in order."""
    from sqlmodel import col, select

    from readinglist.library.models import Author, PaperAuthor

    return list(
        session.exec(
            select(Author.name)
            .join(PaperAuthor, col(PaperAuthor.author_id) == col(Author.id))
            .where(PaperAuthor.paper_id == paper_id)
            .order_by(col(PaperAuthor.position))
        )
    )


def _link_authors(session: Session, paper_id: int, authors: Sequence[Author]) -> None:
    from readinglist.library.models import PaperAuthor

    for position, author in enumerate(authors):
        assert author.id is not None
        session.add(PaperAuthor(paper_id=paper_id, position=position, author_id=author.id))


def _check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise LibraryError("A paper needs a title; nothing was changed.")
    return title


def _bib_values(fields: dict[str, Any] | None) -> dict[str, Any]:
    """Bibliographic fields given by hand, checked: known columns, a year that is a year."""
    values: dict[str, Any] = {}
    for name, value in (fields or {}).items():
        if name not in BIB_COLUMNS:
            raise LibraryError(f"'{name}' is not a field a paper has; nothing was changed.")
        text = None if value is None else str(value).strip()
        if name == "year" and text:
            if not re.fullmatch(r"-?\d{1,4}", text):
                raise LibraryError(f"The year '{text}' is not a year; nothing was changed.")
            values[name] = int(text)
        else:
            values[name] = text or None
    return values


def add_paper(
    rec: Recorder,
    title: str,
    authors: Sequence[str],
    abstract: str | None = None,
    fields: dict[str, Any] | None = None,
) -> int:
    """Add a paper by hand; returns its id."""
    from sqlmodel import select

    from readinglist.library.models import Paper, PaperAbstract, session_in

    bib = _bib_values(fields)
    title = _check_title(title)
    names = clean_authors(authors)
    if list(authors) and not names:
        raise LibraryError("The author list has no name in it; nothing was changed.")
    key = normalize_title(title)
    if not key:
        raise LibraryError(f"'{title}' has no letters or digits to make a title of.")
    with session_in(rec.conn) as session:
        same = session.exec(select(Paper.id).where(Paper.title_key == key)).first()
        if same is not None:
            raise LibraryError(
                f"The library already has this paper (id {same}); edit that one instead."
            )
        people = _authors(rec, session, names)
        now = utcnow()
        paper = Paper(
            title=title,
            title_key=key,
            authors_text=", ".join(a.name for a in people),
            status=Status.NEW.value,
            added_at=now,
            updated_at=now,
            **bib,
        )
        session.add(paper)
        session.flush()
        assert paper.id is not None
        paper_id = paper.id
        # New rows are watched once they have their ids: before, there was none.
        rec.watch_papers([paper_id], new=True)
        if abstract and abstract.strip():
            session.add(PaperAbstract(paper_id=paper_id, text=abstract.strip()))
        _link_authors(session, paper_id, people)
    return paper_id


def edit_paper(
    rec: Recorder,
    paper_id: int,
    *,
    title: str | None = None,
    authors: Sequence[str] | None = None,
    abstract: str | None = None,
    fields: dict[str, Any] | None = None,
) -> list[str]:
    """Change fields of a paper by hand; returns the fields that changed.

    The paper keeps its title key, so a listing that carries it still finds
    it; the fields edited here are never overwritten by an import.
    """
    from sqlmodel import col, delete

    from readinglist.library.models import Paper, PaperAbstract, PaperAuthor, session_in

    existing(rec.conn, [paper_id])
    bib = _bib_values(fields)
    rec.watch_papers([paper_id], tables=("paper", "paper_abstract", "paper_author"))
    with session_in(rec.conn) as session:
        paper = session.get(Paper, paper_id)
        assert paper is not None
        summary = session.get(PaperAbstract, paper_id)
        changed: list[str] = []
        if title is not None:
            title = _check_title(title)
            if title != paper.title:
                paper.title = title
                changed.append("title")
        if authors is not None:
            names = clean_authors(authors)
            if not names:
                raise LibraryError("The author list has no name in it; nothing was changed.")
            if names != _paper_authors(session, paper_id):
                session.exec(delete(PaperAuthor).where(col(PaperAuthor.paper_id) == paper_id))
                people = _authors(rec, session, names)
                _link_authors(session, paper_id, people)
                paper.authors_text = ", ".join(a.name for a in people)
                changed.append("authors")
        if abstract is not None:
            text = abstract.strip()
            if text != (summary.text if summary is not None else ""):
                if summary is None:
                    session.add(PaperAbstract(paper_id=paper_id, text=text))
                elif text:
                    summary.text = text
                else:
                    session.delete(summary)
                changed.append("abstract")
        for name, value in bib.items():
            if value != getattr(paper, name):
                setattr(paper, name, value)
                changed.append(name)
        if changed:
            paper.edited = ",".join(sorted({*filter(None, paper.edited.split(",")), *changed}))
            paper.updated_at = utcnow()
    return changed


def trash(rec: Recorder, ids: Sequence[int]) -> int:
    """Move papers to the Trash (they keep everything); returns how many moved."""
    conn = rec.conn
    existing(conn, ids)
    rec.watch("paper", "id", ids, columns=("trashed_at", "queue_position"))
    now = _now()
    result = conn.exec_driver_sql(
        "UPDATE paper SET trashed_at = ?, queue_position = NULL WHERE id = ?"
        " AND trashed_at IS NULL",
        [(now, pid) for pid in ids],
    )
    return int(result.rowcount or 0)


def restore(rec: Recorder, ids: Sequence[int]) -> int:
    """Bring papers back from the Trash; a To read paper rejoins the end of the queue."""
    conn = rec.conn
    existing(conn, ids)
    rec.watch("paper", "id", ids, columns=("trashed_at", "queue_position"))
    back = [
        (int(pid), str(status))
        for pid, status in conn.exec_driver_sql(
            f"SELECT id, status FROM paper WHERE id IN ({_marks(len(ids))})"
            " AND trashed_at IS NOT NULL",
            tuple(ids),
        )
    ]
    if back:
        conn.exec_driver_sql(
            "UPDATE paper SET trashed_at = NULL WHERE id = ?", [(pid,) for pid, _ in back]
        )
    queued = [pid for pid, status in back if status == Status.TO_READ]
    if queued:
        conn.exec_driver_sql(
            "UPDATE paper SET queue_position = ? WHERE id = ?",
            list(zip(_queue_positions(conn, len(queued)), queued, strict=True)),
        )
    return len(back)


def _forget_orphans(conn: Connection) -> None:
    conn.exec_driver_sql("DELETE FROM tag WHERE id NOT IN (SELECT tag_id FROM paper_tag)")


def delete_for_good(rec: Recorder, ids: Sequence[int]) -> int:
    """Delete papers and all they hold (the Trash's Empty); undoable through the journal."""
    conn = rec.conn
    if not ids:
        return 0
    rec.watch_papers(ids)
    rec.watch("not_duplicate", "paper_a", ids)
    rec.watch("not_duplicate", "paper_b", ids)
    # A paper's link to its lab (schema 0005; cascades with the paper): kept in
    # the entry so that the lab sync knows which lab paper left, and an undo relinks it.
    rec.watch("lab_paper", "paper_id", ids, columns=("uuid", "version", "base", "note_version"))
    tags = [
        int(r[0])
        for r in conn.exec_driver_sql(
            f"SELECT DISTINCT tag_id FROM paper_tag WHERE paper_id IN ({_marks(len(ids))})",
            tuple(ids),
        )
    ]
    rec.watch("tag", "id", tags)
    for start in range(0, len(ids), CHUNK):
        chunk = tuple(ids[start : start + CHUNK])
        for table, column in PAPER_TABLES.items():
            if table != "paper":
                conn.exec_driver_sql(
                    f"DELETE FROM {table} WHERE {column} IN ({_marks(len(chunk))})", chunk
                )
        conn.exec_driver_sql(
            f"DELETE FROM not_duplicate WHERE paper_a IN ({_marks(len(chunk))})"
            f" OR paper_b IN ({_marks(len(chunk))})",
            chunk + chunk,
        )
        conn.exec_driver_sql(f"DELETE FROM paper WHERE id IN ({_marks(len(chunk))})", chunk)
    if tags:
        conn.exec_driver_sql(
            f"DELETE FROM tag WHERE id IN ({_marks(len(tags))})"
            " AND id NOT IN (SELECT tag_id FROM paper_tag)",
            tuple(tags),
        )
    return len(ids)


# -- merge -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergeChoice:
    """Which paper each kept field of a merge comes from (the kept paper by default)."""

    keep: int
    title_from: int | None = None
    authors_from: int | None = None
    abstract_from: int | None = None


def merge(rec: Recorder, ids: Sequence[int], choice: MergeChoice) -> int:
    """Merge papers into ``choice.keep``; the others are deleted. Returns the kept id.

    Histories are joined in time order, tags and listings are the union,
    notes are joined under a line naming where each came from, the higher
    rating wins, and the status is the one changed last.
    """
    conn = rec.conn
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        raise LibraryError("Merging takes two papers or more.")
    if choice.keep not in ids:
        raise LibraryError(f"The paper to keep ({choice.keep}) is not among those merged.")
    existing(conn, ids)
    keep = choice.keep
    others = [pid for pid in ids if pid != keep]
    rec.watch_papers(ids)
    rec.watch("not_duplicate", "paper_a", ids)
    rec.watch("not_duplicate", "paper_b", ids)
    info = {
        int(r[0]): r
        for r in conn.exec_driver_sql(
            "SELECT p.id, p.title, p.rating, p.status, p.queue_position, a.text, n.body"
            " FROM paper p LEFT JOIN paper_abstract a ON a.paper_id = p.id"
            " LEFT JOIN note n ON n.paper_id = p.id"
            f" WHERE p.id IN ({_marks(len(ids))})",
            tuple(ids),
        )
    }
    edits: dict[str, Any] = {}
    if choice.title_from and choice.title_from != keep:
        edits["title"] = info[choice.title_from][1]
    if choice.abstract_from and choice.abstract_from != keep:
        edits["abstract"] = info[choice.abstract_from][5] or ""
    if choice.authors_from and choice.authors_from != keep:
        edits["authors"] = [
            str(r[0])
            for r in conn.exec_driver_sql(
                "SELECT a.name FROM paper_author pa JOIN author a ON a.id = pa.author_id"
                " WHERE pa.paper_id = ? ORDER BY pa.position",
                (choice.authors_from,),
            )
        ]
    # Notes first, while every paper's title is there to name its part.
    parts = [(pid, info[pid][6]) for pid in ids if (info[pid][6] or "").strip()]
    if len(parts) > 1 or (parts and parts[0][0] != keep):
        body = "\n\n".join(
            f"---\n*From “{info[pid][1]}” (merged)*\n\n{text.strip()}"
            if pid != keep
            else text.strip()
            for pid, text in sorted(parts, key=lambda p: p[0] != keep)
        )
        conn.exec_driver_sql(
            "INSERT INTO note (paper_id, body, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(paper_id) DO UPDATE SET body = excluded.body,"
            " updated_at = excluded.updated_at",
            (keep, body, _now()),
        )
    marks = _marks(len(others))
    conn.exec_driver_sql(
        f"UPDATE reading_event SET paper_id = ? WHERE paper_id IN ({marks})", (keep, *others)
    )
    conn.exec_driver_sql(
        f"INSERT OR IGNORE INTO paper_tag (paper_id, tag_id) SELECT ?, tag_id FROM paper_tag"
        f" WHERE paper_id IN ({marks})",
        (keep, *others),
    )
    conn.exec_driver_sql(
        f"INSERT OR IGNORE INTO paper_source (paper_id, listing_id, line)"
        f" SELECT ?, listing_id, line FROM paper_source WHERE paper_id IN ({marks})",
        (keep, *others),
    )
    start = conn.exec_driver_sql(
        "SELECT coalesce(max(position), -1) + 1 FROM attachment WHERE paper_id = ?", (keep,)
    ).scalar_one()
    for offset, (aid,) in enumerate(
        conn.exec_driver_sql(
            f"SELECT id FROM attachment WHERE paper_id IN ({marks}) ORDER BY paper_id, position",
            tuple(others),
        ).all()
    ):
        conn.exec_driver_sql(
            "UPDATE attachment SET paper_id = ?, position = ? WHERE id = ?",
            (keep, int(start) + offset, aid),
        )
    # The status changed last wins, with its place in the queue.
    last = conn.exec_driver_sql(
        "SELECT new_status FROM reading_event WHERE paper_id = ? ORDER BY at DESC, id DESC LIMIT 1",
        (keep,),
    ).scalar()
    status = str(last) if last is not None else str(info[keep][3])
    rating = max(int(info[pid][2]) for pid in ids)
    queue = None
    if status == Status.TO_READ:
        queued = [info[pid][4] for pid in ids if info[pid][4] is not None]
        queue = min(queued) if queued else _queue_positions(conn, 1)[0]
    conn.exec_driver_sql(
        "UPDATE paper SET status = ?, rating = ?, queue_position = ?, updated_at = ? WHERE id = ?",
        (status, rating, queue, _now(), keep),
    )
    delete_for_good(rec, others)
    if edits:
        edit_paper(rec, keep, **edits)
    conn.exec_driver_sql(
        "UPDATE paper SET sources_text = (SELECT coalesce(group_concat(name, ', '), '') FROM"
        " (SELECT l.name FROM paper_source ps JOIN source_listing l ON l.id = ps.listing_id"
        "  WHERE ps.paper_id = ? ORDER BY l.name)) WHERE id = ?",
        (keep, keep),
    )
    return keep


def not_duplicates(rec: Recorder, ids: Sequence[int]) -> None:
    """Remember that these papers are not the same (every pair of them)."""
    conn = rec.conn
    existing(conn, ids)
    ids = sorted(set(ids))
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    rec.watch("not_duplicate", "paper_a", ids)
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO not_duplicate (paper_a, paper_b) VALUES (?, ?)", pairs
    )


# -- the queue -------------------------------------------------------------------


def queue_ids(conn: Connection) -> list[int]:
    return [
        int(r[0])
        for r in conn.exec_driver_sql(
            "SELECT id FROM paper WHERE queue_position IS NOT NULL AND trashed_at IS NULL"
            " ORDER BY queue_position, id"
        )
    ]


def queue_move(rec: Recorder, paper_id: int, position: int) -> int:
    """Put a To read paper at ``position`` (1 is next) of the queue; returns where it went."""
    conn = rec.conn
    existing(conn, [paper_id])
    order = queue_ids(conn)
    if paper_id not in order:
        raise LibraryError(
            f"Paper {paper_id} is not in the queue; only To read papers are (set its status first)."
        )
    order.remove(paper_id)
    place = max(1, min(position, len(order) + 1))
    order.insert(place - 1, paper_id)
    rec.watch("paper", "id", order, columns=("queue_position",))
    current: dict[int, int | None] = dict(
        conn.exec_driver_sql(
            f"SELECT id, queue_position FROM paper WHERE id IN ({_marks(len(order))})",
            tuple(order),
        ).all()
    )
    conn.exec_driver_sql(
        "UPDATE paper SET queue_position = ? WHERE id = ?",
        [(pos, pid) for pos, pid in enumerate(order, start=1) if current.get(pid) != pos],
    )
    return place


# -- attachments -----------------------------------------------------------------


def attachment_kind(target: str) -> str:
    return "link" if _URL.match(target.strip()) else "file"


def attach(rec: Recorder, paper_id: int, target: str, label: str = "") -> int:
    """Attach a file path (stored as given: the caller makes it relative) or a URL."""
    from sqlmodel import select

    from readinglist.library.models import Attachment, session_in

    existing(rec.conn, [paper_id])
    target = target.strip()
    if not target:
        raise LibraryError("Nothing to attach: give a file or a link.")
    with session_in(rec.conn) as session:
        position = session.exec(
            select(func.coalesce(func.max(Attachment.position), -1) + 1).where(
                Attachment.paper_id == paper_id
            )
        ).one()
        attachment = Attachment(
            paper_id=paper_id,
            position=position,
            kind=attachment_kind(target),
            target=target,
            label=label,
            added_at=utcnow(),
        )
        session.add(attachment)
        session.flush()
        assert attachment.id is not None
        rec.watch("attachment", "id", [attachment.id], new=True)
        return attachment.id


def detach(rec: Recorder, attachment_id: int) -> int:
    """Remove an attachment (the file itself is left alone); returns its paper's id."""
    from readinglist.library.models import Attachment, session_in

    with session_in(rec.conn) as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None:
            raise NotFoundError(f"There is no attachment with id {attachment_id}.")
        rec.watch("attachment", "id", [attachment_id])
        session.delete(attachment)
        return attachment.paper_id


def relocate(rec: Recorder, attachment_id: int, target: str) -> int:
    """Point an attachment at ``target`` (where its file is now); returns its paper's id."""
    from readinglist.library.models import Attachment, session_in

    with session_in(rec.conn) as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None:
            raise NotFoundError(f"There is no attachment with id {attachment_id}.")
        rec.watch("attachment", "id", [attachment_id])
        attachment.target = target
        attachment.kind = attachment_kind(target)
        return attachment.paper_id


# -- saved searches and settings ------------------------------------------------------


def save_search(rec: Recorder, name: str, query: str) -> None:
    """Save ``query`` under ``name``; a search of that name (any case) gets the new query."""
    from sqlmodel import select

    from readinglist.library.models import SavedSearch, session_in

    name = " ".join(name.split())
    if not name:
        raise LibraryError("A saved search needs a name.")
    rec.watch("saved_search", "name", [name])
    with session_in(rec.conn) as session:
        # Names compare without regard to case (the column's NOCASE collation).
        found = session.exec(select(SavedSearch).where(SavedSearch.name == name)).first()
        if found is not None:
            found.query = query
            return
        last = session.exec(select(func.coalesce(func.max(SavedSearch.position), 0))).one()
        session.add(SavedSearch(name=name, query=query, position=last + 1))


def remove_search(rec: Recorder, name: str) -> None:
    from sqlmodel import select

    from readinglist.library.models import SavedSearch, session_in

    rec.watch("saved_search", "name", [name])
    with session_in(rec.conn) as session:
        found = session.exec(select(SavedSearch).where(SavedSearch.name == name)).first()
        if found is None:
            raise NotFoundError(f"There is no saved search named '{name}'.")
        session.delete(found)


def rename_search(rec: Recorder, old: str, new: str) -> None:
    from sqlmodel import select

    from readinglist.library.models import SavedSearch, session_in

    new = " ".join(new.split())
    if not new:
        raise LibraryError("A saved search needs a name.")
    rec.watch("saved_search", "name", [old, new])
    with session_in(rec.conn) as session:
        clash = session.exec(
            select(SavedSearch.name).where(SavedSearch.name == new, SavedSearch.name != old)
        ).first()
        if clash is not None:
            raise LibraryError(f"There is already a saved search named '{clash}'.")
        found = session.exec(select(SavedSearch).where(SavedSearch.name == old)).first()
        if found is None:
            raise NotFoundError(f"There is no saved search named '{old}'.")
        found.name = new


def set_setting(rec: Recorder, key: str, value: str) -> None:
    from readinglist.library.models import LibrarySetting, session_in

    rec.watch("library_setting", "key", [key])
    with session_in(rec.conn) as session:
        found = session.get(LibrarySetting, key)
        if found is None:
            session.add(LibrarySetting(key=key, value=value))
        else:
            found.value = value


def as_json_list(values: Iterable[Any]) -> str:
    return json.dumps(list(values))


def parse_time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
