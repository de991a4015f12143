"""The library as the CLI and the GUI see it: open a data folder, ask, change, import, back up."""

from __future__ import annotations

import codecs
import contextlib
import gc
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from readinglist.library import activity as reading
from readinglist.library import attachments, commands, importer, integrity, journal, queries
from readinglist.library import backup as backups
from readinglist.library.db import DB_FILENAME, close_after_write, make_engine
from readinglist.library.errors import CorruptDatabaseError, LibraryError, NotFoundError
from readinglist.library.query import Query, QueryError, parse
from readinglist.library.schema import check_restorable, ensure_current, refuse_newer
from readinglist.library.types import (
    BackupInfo,
    Facets,
    ImportReport,
    PaperDetail,
    PaperFilter,
    PaperRow,
    PaperSummary,
    PreviewEntry,
    SortField,
)
from readinglist.listing import (
    Listing,
    ListingEntry,
    ListingError,
    ListingStream,
    blocks,
    read_listing,
    worker,
)
from readinglist.listing.reader import listing_from

if TYPE_CHECKING:
    # Only for annotations: start-up does not import the format readers.
    from readinglist.formats.record import ReadResult, Record

AUTO_BACKUP_DAYS = 1.0


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Hold off the cyclic garbage collector while a listing is read or imported.

    Those make hundreds of thousands of small objects and no cycles; a
    collection over them holds the GIL for ~100 ms, which freezes the window
    while a worker thread reads. What is alive at the end is frozen out of
    later collections too (reference counting still frees it); the GUI calls
    ``gc.unfreeze()`` once it has let go of the listing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


IMPORT_CACHE_KIB = 256 * 1024
# A result with more papers than this is ordered from the cached sort orders.
# Measured at 100k: SQLite sorts 1,000 ids in 7 ms and 3,000 in 19 ms, where
# filtering the cached order costs 7-12 ms whatever the result's size.
LARGE_RESULT = 1500


ORDER_SLICE = 100_000


def _in_order(ordered: list[int], matched: list[int], top: int) -> list[int]:
    """The ids of ``matched`` in the order of ``ordered``; ``top`` bounds both.

    A byte per id marks the matched ones (a Python loop over the matches),
    then the ordered list is filtered by those marks in C. Half a million ids
    out of a million take ~60 ms, where a set and a comprehension took twice
    that.
    """
    marks = bytearray(top + 1)
    for pid in matched:
        marks[pid] = 1
    # By slices: one C call over a million ids holds the interpreter lock for
    # ~50 ms, which a window waiting on a worker would feel.
    found: list[int] = []
    for start in range(0, len(ordered), ORDER_SLICE):
        part = ordered[start : start + ORDER_SLICE]
        found.extend(compress(part, map(marks.__getitem__, part)))
    return found


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# Changes that move no paper in any order but their own field's.
_ORDER_NEUTRAL = frozenset(
    {"tags", "note", "attach", "detach", "relocate", "saved", "setting", "not-duplicates"}
)
# ...and the sort fields each of the others leaves alone.
_ORDER_KEEPS: dict[str, frozenset[SortField]] = {
    "status": frozenset(SortField) - {SortField.STATUS, SortField.QUEUE},
    "rating": frozenset(SortField) - {SortField.RATING},
    "queue": frozenset(SortField) - {SortField.QUEUE},
}


def _order_kept(
    conn: Connection, field: SortField, seen: tuple[int, int], now: tuple[int, int]
) -> bool:
    """Whether every change since ``seen`` (journal marker) leaves the ``field`` order as it was.

    An undo or redo (the count of undone entries moves) or a change outside
    the journal's kinds above makes the order be read again.
    """
    if now[1] != seen[1] or now[0] < seen[0]:
        return False
    if now[0] == seen[0]:
        return False  # changed, but not by a new entry: an undo, or a burst folded in
    kinds = {
        str(k)
        for (k,) in conn.exec_driver_sql(
            "SELECT DISTINCT kind FROM journal WHERE id > ?", (seen[0],)
        )
    }
    return all(k in _ORDER_NEUTRAL or field in _ORDER_KEEPS.get(k, frozenset()) for k in kinds)


def _short(title: str, width: int = 50) -> str:
    title = " ".join(title.split())
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _reason(exc: DBAPIError) -> str:
    text = str(exc.orig).strip() if exc.orig is not None else str(exc)
    lowered = text.lower()
    if "full" in lowered:
        return "the disk is full; free some space and try again"
    if "readonly" in lowered or "read-only" in lowered:
        return "the library folder is read-only; check its permissions"
    if "locked" in lowered or "busy" in lowered:
        return "another program is writing to the library; try again in a moment"
    return text


@dataclass(slots=True)
class _Tail:
    """What a re-import reads of a file whose first blocks it skips."""

    source: importer.SkipSource
    rows: list[importer.Prepared]


def _marking(
    rows: Iterable[importer.Prepared], marks: list[blocks.Mark]
) -> Iterator[importer.Prepared]:
    """``rows``, noting what the file's blocks need of each."""
    for row in rows:
        marks.append(importer.mark_of(row))
        yield row


class Library:
    """A readinglist library in a data folder: the database file and its backups."""

    def __init__(self, data_dir: Path, engine: Engine) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / DB_FILENAME
        self.engine = engine
        self.backup_keep = backups.DEFAULT_KEEP
        self._session: integrity.Session | None = None
        # The whole library's ids in each sort order, for filtering a large
        # result by walking them (see paper_ids); valid while the database's
        # data_version, seen from one connection of our own, stays the same.
        # Per sort field: (data_version, ids, largest id, journal marker).
        self._orders: dict[SortField, tuple[int, list[int], int, tuple[int, int]]] = {}
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self._schema: frozenset[str] | None = None

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str],
        *,
        auto_backup: bool = True,
        backup_keep: int = backups.DEFAULT_KEEP,
        set_aside_damaged: bool = False,
    ) -> Library:
        """Open (creating if need be) the library in ``data_dir``, migrated to this version.

        After an unclean shutdown the file is checked first. A damaged file
        raises ``integrity.DamagedLibraryError`` (a ``CorruptDatabaseError``)
        naming the newest good backup; with ``set_aside_damaged`` the file is
        first moved aside (never deleted) and the error says where to.
        """
        folder = Path(data_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(
                f"Could not create the library folder {folder}: {exc.strerror}."
            ) from exc
        refuse_newer(folder / DB_FILENAME)
        session = integrity.Session.start(folder)
        engine = make_engine(folder / DB_FILENAME)
        library = cls(folder, engine)
        library.backup_keep = backup_keep
        library._session = session
        try:
            if session.unclean:
                integrity.check_after_crash(library.db_path)
            migrated = ensure_current(engine, library.db_path, folder, keep=backup_keep)
            session.forget_stale()
            if auto_backup and not migrated:
                library.backup_if_due()
        except CorruptDatabaseError as exc:
            library.close()
            raise integrity.damaged(folder, exc, move=set_aside_damaged) from exc
        except DBAPIError as exc:
            library.close()
            if integrity.is_corruption(exc):
                raise integrity.damaged(
                    folder,
                    CorruptDatabaseError(f"{library.db_path} is damaged ({exc.orig})"),
                    move=set_aside_damaged,
                ) from exc
            why = integrity.write_trouble(folder) or _reason(exc)
            raise LibraryError(f"Could not open the library in {folder}: {why}.") from exc
        except BaseException:
            library.close()
            raise
        return library

    def close(self) -> None:
        """Close the library; the next start knows it was closed cleanly."""
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        self._orders.clear()
        self.engine.dispose()
        if self._session is not None:
            self._session.end()
            self._session = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- connections -------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: all of it is saved, or none of it."""
        try:
            with self.engine.connect() as conn:
                conn.info["write"] = True
                try:
                    with conn.begin():
                        yield conn
                finally:
                    close_after_write(conn)
        except DBAPIError as exc:
            # Near a full disk SQLite may say only "disk I/O error"; the
            # folder itself tells the user more.
            why = integrity.write_trouble(self.data_dir) or _reason(exc)
            raise LibraryError(f"Nothing was saved: {why}.") from exc

    # -- reading -----------------------------------------------------------

    def paper_ids(
        self,
        flt: PaperFilter | Query | None = None,
        sort: SortField | str = SortField.TITLE,
        descending: bool = False,
        limit: int | None = None,
    ) -> list[int]:
        """Ids of the papers that pass ``flt``, in display order; all filtering is in SQL.

        A large result (a common word as the user types) is ordered by walking
        the whole library's ids in that order, cached, instead of having
        SQLite sort tens of thousands of rows on every keystroke.
        """
        flt = PaperFilter.of(flt)
        field = SortField(sort)
        with self._read() as conn:
            if flt.is_empty or limit is not None:
                return queries.paper_ids(conn, flt, field, descending, limit)
            matched = queries.matching_ids(conn, flt)
            if len(matched) <= LARGE_RESULT or flt.trash:
                return queries.order_ids(conn, matched, field, descending)
            ordered, top = self._ordered(conn, field)
        found = _in_order(ordered, matched, max(top, max(matched)))
        return found[::-1] if descending else found

    def _data_version(self) -> int:
        with self._watch_lock:
            if self._watch is None:
                self._watch = sqlite3.connect(self.db_path, check_same_thread=False)
            return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def _ordered(self, conn: Connection, field: SortField) -> tuple[list[int], int]:
        """The whole library's ids in ``field`` order, and the largest id.

        Kept while the database is unchanged, and also across changes that
        cannot move a paper in this order: after a status change, the next
        search at a million papers costs what the one before it did.
        """
        version = self._data_version()
        cached = self._orders.get(field)
        if cached is not None and cached[0] != version:
            marker = self._journal_marker(conn)
            if _order_kept(conn, field, cached[3], marker):
                cached = (version, cached[1], cached[2], marker)
                self._orders[field] = cached
        if cached is None or cached[0] != version:
            marker = self._journal_marker(conn)
            ids = queries.paper_ids(conn, PaperFilter(), field)
            cached = (version, ids, max(ids, default=0), marker)
            self._orders[field] = cached
        return cached[1], cached[2]

    @staticmethod
    def _journal_marker(conn: Connection) -> tuple[int, int]:
        row = conn.exec_driver_sql(
            "SELECT coalesce(max(id), 0), (SELECT count(*) FROM journal WHERE state != 'done')"
            " FROM journal"
        ).one()
        return int(row[0]), int(row[1])

    def count(self, flt: PaperFilter | Query | None = None) -> int:
        with self._read() as conn:
            return queries.count(conn, PaperFilter.of(flt))

    def parse_query(self, text: str) -> Query:
        """Read a search-language query against this library (``query.QueryError`` if bad)."""
        if self._schema is None:
            with self._read() as conn:
                self._schema = frozenset(queries.schema_names(conn))
        return parse(text, self._schema)

    def rows(self, ids: Sequence[int]) -> dict[int, PaperRow]:
        with self._read() as conn:
            return queries.rows(conn, ids)

    def summaries(self, ids: Sequence[int]) -> list[PaperSummary]:
        with self._read() as conn:
            return queries.summaries(conn, ids)

    def notes(self, ids: Sequence[int]) -> dict[int, str]:
        """The notes of these papers (papers without one are left out)."""
        with self._read() as conn:
            rows = importer.lookup(
                conn, "SELECT paper_id, body FROM note WHERE paper_id IN ({marks})", [*ids]
            )
        return {int(pid): str(body) for pid, body in rows}

    def paper(self, paper_id: int) -> PaperDetail:
        with self._read() as conn:
            found = queries.detail(conn, paper_id)
        if found is None:
            raise NotFoundError(f"There is no paper with id {paper_id}.")
        return found

    def facets(self, top_authors: int = 15) -> Facets:
        with self._read() as conn:
            return queries.facets(conn, top_authors)

    def tags(self) -> list[str]:
        with self._read() as conn:
            return queries.all_tags(conn)

    def reading_report(self, since: date | None = None, by: str = "month") -> reading.ReadingReport:
        """Reading statistics from ``since`` to today (see ``library.activity``)."""
        with self._read() as conn:
            return reading.report(conn, since, by)

    def activity(
        self, since: datetime | None = None, limit: int | None = 1000
    ) -> list[reading.ActivityEntry]:
        """Status changes across the library, newest first."""
        with self._read() as conn:
            return reading.activity(conn, since, limit)

    def stats(self, since: date | None = None, by: str = "month") -> dict[str, Any]:
        """Figures for ``readinglist stats``: counts, ratings, notes and reading activity."""
        report = self.reading_report(since, by)
        with self._read() as conn:
            facets = queries.facets(conn, top_authors=10)
            ratings = dict.fromkeys(range(6), 0)
            for rating, n in conn.exec_driver_sql(
                "SELECT rating, count(*) FROM paper GROUP BY rating"
            ):
                ratings[int(rating)] = n
            notes = conn.exec_driver_sql("SELECT count(*) FROM note WHERE body != ''").scalar()
            authors = conn.exec_driver_sql("SELECT count(*) FROM author").scalar()
            finished = [
                (str(month), n)
                for month, n in conn.exec_driver_sql(
                    "SELECT strftime('%Y-%m', at) AS month, count(*) FROM reading_event"
                    " WHERE new_status = 'read' GROUP BY month ORDER BY month DESC LIMIT 12"
                )
            ]
        return {
            "papers": facets.total,
            "authors": authors,
            "statuses": facets.statuses,
            "ratings": ratings,
            "notes": notes,
            "listings": facets.listings,
            "tags": facets.tags,
            "top_authors": facets.authors,
            "read_per_month": finished,
            **report.as_json(),
        }

    # -- changing: every write is a journaled command ------------------------

    @contextmanager
    def journaled(
        self, kind: str, label: str, papers: Iterable[int] = (), *, burst: str | None = None
    ) -> Iterator[journal.Recorder]:
        """One change: a write transaction whose rows, before and after, make a journal entry.

        Write with ``rec.conn``, after ``rec.watch...`` of the rows you change;
        the change and its entry are saved together or not at all.
        ``burst`` folds consecutive changes of one burst (typing a note) into
        one entry.
        """
        with self._write() as conn:
            rec = journal.Recorder(conn, kind, label, papers)
            rec.burst = burst
            yield rec
            if len(rec.papers) == 1 and "“" not in rec.label:
                title = self._title(conn, rec.papers[0])
                if title:
                    rec.label += f": {_short(title)}"
            rec.entry_id = journal.record(conn, rec)

    def _ids(self, ids: Iterable[int]) -> list[int]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            raise LibraryError("No paper given; nothing was changed.")
        return wanted

    def set_status(self, ids: Iterable[int], status: str) -> int:
        """Set the reading status; each paper whose status changes gets a history entry."""
        wanted = self._ids(ids)
        label = f"Set status to {commands.status_label(status)}{commands._scope(wanted)}"
        with self.journaled("status", label, wanted) as rec:
            return commands.set_status(rec, wanted, status)

    def set_rating(self, ids: Iterable[int], rating: int) -> None:
        wanted = self._ids(ids)
        stars = "no stars" if rating == 0 else commands._plural(rating, "star")
        with self.journaled("rating", f"Rate {stars}{commands._scope(wanted)}", wanted) as rec:
            commands.set_rating(rec, wanted, rating)

    def change_tags(
        self, ids: Iterable[int], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> None:
        """Add and remove tags on papers; a tag no paper carries any more is forgotten."""
        wanted = self._ids(ids)
        to_add = [t.strip() for t in add if t.strip()]
        to_remove = [t.strip() for t in remove if t.strip()]
        parts = []
        if to_add:
            parts.append("Tag " + ", ".join(to_add))
        if to_remove:
            parts.append("Untag " + ", ".join(to_remove))
        label = "; ".join(parts or ["Change tags"]) + commands._scope(wanted)
        with self.journaled("tags", label, wanted) as rec:
            commands.change_tags(rec, wanted, to_add, to_remove)

    def set_note(self, paper_id: int, body: str, *, burst: str | None = None) -> None:
        """Replace a paper's note (Markdown); it is searchable at once.

        Calls with the same ``burst`` (an editing session) close together
        are one journal entry, so undo takes back a burst of typing at once.
        """
        with self.journaled("note", "Edit note", [paper_id], burst=burst) as rec:
            commands.set_note(rec, paper_id, body)

    def append_note(self, paper_id: int, text: str) -> None:
        current = self.paper(paper_id).note
        joined = f"{current.rstrip()}\n\n{text}" if current.strip() else text
        self.set_note(paper_id, joined)

    def add_paper(
        self,
        title: str,
        authors: Sequence[str] = (),
        abstract: str | None = None,
        fields: dict[str, Any] | None = None,
    ) -> int:
        """Add a paper by hand; returns its id. ``fields``: year, venue, doi... (BIB_COLUMNS)."""
        with self.journaled("add", f"Add “{_short(title)}”") as rec:
            return commands.add_paper(rec, title, authors, abstract, fields)

    def edit_paper(
        self,
        paper_id: int,
        *,
        title: str | None = None,
        authors: Sequence[str] | None = None,
        abstract: str | None = None,
        fields: dict[str, Any] | None = None,
    ) -> list[str]:
        """Edit fields by hand (never overwritten by imports); returns those that changed."""
        with self.journaled("edit", "Edit paper", [paper_id]) as rec:
            changed = commands.edit_paper(
                rec, paper_id, title=title, authors=authors, abstract=abstract, fields=fields
            )
            title = _short(self._title(rec.conn, paper_id))
            rec.label = f"Edit {' and '.join(changed) or 'paper'} of “{title}”"
            return changed

    @staticmethod
    def _title(conn: Connection, paper_id: int) -> str:
        return str(
            conn.exec_driver_sql("SELECT title FROM paper WHERE id = ?", (paper_id,)).scalar() or ""
        )

    def trash(self, ids: Iterable[int]) -> int:
        """Move papers to the Trash, with everything they hold; returns how many moved."""
        wanted = self._ids(ids)
        with self.journaled("delete", f"Move to Trash{commands._scope(wanted)}", wanted) as rec:
            return commands.trash(rec, wanted)

    def restore_from_trash(self, ids: Iterable[int]) -> int:
        wanted = self._ids(ids)
        with self.journaled(
            "restore", f"Restore from Trash{commands._scope(wanted)}", wanted
        ) as rec:
            return commands.restore(rec, wanted)

    def trashed_ids(self) -> list[int]:
        with self._read() as conn:
            return [
                int(r[0])
                for r in conn.exec_driver_sql(
                    "SELECT id FROM paper WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC, id"
                )
            ]

    def empty_trash(self, ids: Iterable[int] | None = None) -> int:
        """Delete the papers in the Trash for good (undoable like any change).

        ``ids``: only these of them (papers not in the Trash are left alone).
        """
        trashed = self.trashed_ids()
        if ids is not None:
            chosen = set(ids)
            trashed = [pid for pid in trashed if pid in chosen]
        ids = trashed
        if not ids:
            return 0
        label = f"Empty the Trash ({commands._plural(len(ids), 'paper')})"
        with self.journaled("empty-trash", label, ids) as rec:
            return commands.delete_for_good(rec, ids)

    def merge(self, ids: Iterable[int], choice: commands.MergeChoice | None = None) -> int:
        """Merge papers into one (the first, or ``choice.keep``); returns the kept id."""
        wanted = list(dict.fromkeys(ids))
        choice = choice or commands.MergeChoice(keep=wanted[0] if wanted else 0)
        label = f"Merge {commands._plural(len(wanted), 'paper')}"
        with self.journaled("merge", label, wanted) as rec:
            return commands.merge(rec, wanted, choice)

    def not_duplicates(self, ids: Iterable[int]) -> None:
        wanted = self._ids(ids)
        with self.journaled("not-duplicates", "Mark as not duplicates", wanted) as rec:
            commands.not_duplicates(rec, wanted)

    def duplicates(self) -> list[list[int]]:
        """Groups of papers that are probably the same (see ``dedupe``)."""
        from readinglist.library import dedupe

        with self._read() as conn:
            return dedupe.find_groups(conn)

    # -- the queue -------------------------------------------------------------

    def queue(self) -> list[int]:
        """The To read papers in reading order (the first is next)."""
        with self._read() as conn:
            return commands.queue_ids(conn)

    def queue_move(self, paper_id: int, position: int) -> int:
        """Move a paper to ``position`` in the queue (1 is next); returns where it went."""
        with self.journaled("queue", f"Move to place {position} in the queue", [paper_id]) as rec:
            place = commands.queue_move(rec, paper_id, position)
            rec.label = (
                f"Move “{_short(self._title(rec.conn, paper_id))}” to place {place} in the queue"
            )
            return place

    # -- attachments -----------------------------------------------------------

    def papers_folder(self) -> Path | None:
        with self._read() as conn:
            value = commands.get_setting(conn, commands.PAPERS_FOLDER_SETTING)
        return Path(value) if value else None

    def setting(self, key: str, default: str = "") -> str:
        with self._read() as conn:
            return commands.get_setting(conn, key, default)

    def set_setting(self, key: str, value: str, label: str | None = None) -> None:
        with self.journaled("setting", label or f"Change setting {key}") as rec:
            commands.set_setting(rec, key, value)

    def attach(self, paper_id: int, target: str | os.PathLike[str], label: str = "") -> int:
        """Attach a file (kept relative to the papers folder when inside it) or a link."""
        text = str(target)
        if commands.attachment_kind(text) == "file":
            text = attachments.store_path(Path(text).expanduser(), self.papers_folder())
        with self.journaled("attach", "Attach", [paper_id]) as rec:
            aid = commands.attach(rec, paper_id, text, label)
            rec.label = (
                f"Attach {Path(text).name if commands.attachment_kind(text) == 'file' else text}"
            )
            return aid

    def detach(self, attachment_id: int) -> None:
        with self.journaled("detach", "Remove attachment") as rec:
            pid = commands.detach(rec, attachment_id)
            rec.papers.append(pid)

    def relocate(self, attachment_id: int, target: str | os.PathLike[str]) -> None:
        """Point a missing file attachment at where the file is now."""
        text = attachments.store_path(Path(target).expanduser(), self.papers_folder())
        with self.journaled("relocate", f"Locate {Path(text).name}") as rec:
            pid = commands.relocate(rec, attachment_id, text)
            rec.papers.append(pid)

    def attachments(self, paper_id: int) -> list[attachments.AttachmentInfo]:
        with self._read() as conn:
            return attachments.list_for(conn, paper_id, self.papers_folder_in(conn))

    @staticmethod
    def papers_folder_in(conn: Connection) -> Path | None:
        value = commands.get_setting(conn, commands.PAPERS_FOLDER_SETTING)
        return Path(value) if value else None

    def opened(self, paper_id: int) -> None:
        """Note that the user opened the paper's attachment (may move it to Reading)."""
        if self.setting(commands.OPEN_SETS_READING_SETTING, "0") != "1":
            return
        if self.paper(paper_id).status in ("new", "to-read"):
            self.set_status([paper_id], "reading")

    # -- saved searches --------------------------------------------------------

    def saved_searches(self) -> list[tuple[str, str]]:
        """The saved searches as (name, query), in the sidebar's order."""
        from sqlmodel import col, select

        from readinglist.library.models import SavedSearch, session_in

        with self._read() as conn, session_in(conn) as session:
            return [
                (name, query)
                for name, query in session.exec(
                    select(SavedSearch.name, SavedSearch.query).order_by(
                        col(SavedSearch.position), col(SavedSearch.name)
                    )
                )
            ]

    def save_search(self, name: str, query: str) -> None:
        """Save ``query`` under ``name`` (replacing the query of that name); it must read."""
        self.parse_query(query)
        with self.journaled("saved", f"Save search “{name.strip()}”") as rec:
            commands.save_search(rec, name, query)

    def saved_query(self, name: str) -> str:
        """The query saved under ``name`` (case does not matter)."""
        for saved, query in self.saved_searches():
            if saved.casefold() == name.strip().casefold():
                return query
        raise NotFoundError(f"There is no saved search named '{name}'.")

    def count_query(self, text: str) -> int:
        """How many papers a search-language query finds."""
        return self.count(self.parse_query(text))

    def remove_search(self, name: str) -> None:
        with self.journaled("saved", f"Delete saved search “{name}”") as rec:
            commands.remove_search(rec, name)

    def rename_search(self, old: str, new: str) -> None:
        with self.journaled("saved", f"Rename saved search “{old}” to “{new}”") as rec:
            commands.rename_search(rec, old, new)

    # -- undo, redo, history ---------------------------------------------------

    def undo(self) -> journal.HistoryEntry:
        """Revert the newest change; raises NothingToUndo, or UndoConflict naming the clash."""
        with self._write() as conn:
            entry = journal.newest(conn, "done")
            if entry is None:
                raise journal.NothingToUndo("There is nothing to undo.")
            return journal.revert(conn, entry.id)

    def redo(self) -> journal.HistoryEntry:
        """Apply again the change undone last."""
        with self._write() as conn:
            entry = journal.newest(conn, "undone")
            if entry is None:
                raise journal.NothingToUndo("There is nothing to redo.")
            return journal.revert(conn, entry.id, redo=True)

    def undo_label(self) -> str | None:
        with self._read() as conn:
            entry = journal.newest(conn, "done")
        return entry.label if entry else None

    def redo_label(self) -> str | None:
        with self._read() as conn:
            entry = journal.newest(conn, "undone")
        return entry.label if entry else None

    def history(self, limit: int = 200) -> list[journal.HistoryEntry]:
        """Recent changes, newest first (undone ones too, with their state)."""
        with self._read() as conn:
            return journal.history(conn, limit)

    def revert(self, entry_id: int) -> int | None:
        """Revert an older change as a new change of its own (which can itself be undone)."""
        with self._write() as conn:
            label, changes = journal.inverse_changes(conn, entry_id)
            rec = journal.Recorder(conn, "revert", f"Revert “{label}”", [])
            for change in changes:
                pk = journal.primary_key(conn, change.table)
                column = pk[0]
                rec.watch(change.table, column, [change.key[0]])
            journal.apply_inverse(conn, entry_id, label, changes)
            for change in changes:
                row = change.before or change.after or {}
                pid = row.get("paper_id", row.get("id") if change.table == "paper" else None)
                if pid is not None and pid not in rec.papers:
                    rec.papers.append(int(pid))
            return journal.record(conn, rec)

    def journal_version(self) -> tuple[int, int]:
        """(Newest entry id, how many are undone): changes when anyone changes the library."""
        with self._read() as conn:
            row = conn.exec_driver_sql(
                "SELECT coalesce(max(id), 0), (SELECT count(*) FROM journal WHERE state = 'undone')"
                " FROM journal"
            ).one()
        return int(row[0]), int(row[1])

    def data_version(self) -> int:
        """SQLite's data_version: changes whenever another connection commits a change."""
        return self._data_version()

    # -- importing ---------------------------------------------------------

    def read(self, path: str | os.PathLike[str]) -> Listing:
        """Read a listing file in full (for the import preview)."""
        # The reader is not given the library's known names: a listing must
        # read the same whatever the library holds, or importing it again
        # could split an entry differently and add papers.
        with _no_gc_pauses():
            if not worker.worth_a_process(path):
                return read_listing(path)
            # A big file is parsed in another process, so that a window
            # waiting on this (in a worker thread) keeps its interpreter lock.
            return listing_from(worker.ProcessReader(ListingStream(path)))

    def preview(self, entries: Sequence[ListingEntry]) -> list[PreviewEntry]:
        with _no_gc_pauses(), self._read() as conn:
            return importer.preview(conn, entries)

    def import_listing(
        self,
        listing: Listing,
        entries: Sequence[importer.EntryLike] | None = None,
        *,
        progress: importer.ProgressFn | None = None,
        cancel: importer.CancelFn | None = None,
    ) -> ImportReport:
        """Import a listing read in full, in one transaction.

        ``entries`` replaces the reader's entries (as corrected in the import preview).
        """
        chosen = listing.entries if entries is None else entries
        with _no_gc_pauses(), self.journaled("import", "Import") as rec:
            report = importer.import_entries(
                rec.conn,
                listing,
                importer.prepare(chosen),
                total=len(chosen),
                progress=progress,
                cancel=cancel,
                recorder=rec,
            )
            rec.label = _import_label([report])
        report.warnings.extend(listing.warnings)
        return report

    def import_files(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        progress: Callable[[str, int, int | None], None] | None = None,
        cancel: importer.CancelFn | None = None,
        started: Mapping[str, worker.ProcessReader] | None = None,
    ) -> list[ImportReport]:
        """Import listing files, streamed, all in one transaction.

        Every file is checked before anything is written; a file found bad
        part-way, an error or a cancel rolls the whole import back.
        ``started`` holds readers from ``worker.start_early(paths)``; the ones
        used are closed here, the others are the caller's to close.
        """
        streams = [ListingStream(p) for p in paths]
        # A big listing is parsed in a second process, beside SQLite's writes
        # instead of taking turns with them for the one GIL. The first starts
        # reading at once, while the transaction gets under way.
        early: dict[str, worker.ProcessReader | None] = dict(started or {})
        readers = {
            index: early.pop(worker.reader_key(stream.path), None) or worker.ProcessReader(stream)
            for index, stream in enumerate(streams)
            if worker.worth_a_process(stream.path)
        }
        for index, reader in readers.items():
            reader.encoding = streams[index].encoding
        if readers:
            readers[min(readers)].start()
        reports = []
        try:
            with _no_gc_pauses(), self.journaled("import", "Import") as rec:
                conn = rec.conn
                # A big import touches indexes all over; a larger page cache for
                # this one connection saves re-reading them (it goes with it).
                conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
                known_blocks = importer.any_blocks(conn)
                records: list[tuple[importer.BlockRecord, importer.Skip | None]] = []
                changed: set[int] = set()
                for index, stream in enumerate(streams):
                    step = None
                    if progress is not None:

                        def step(done: int, total: int | None, name: str = stream.name) -> None:
                            progress(name, done, total)

                    size = _size_of(stream.path)
                    cut = blocks.wanted(stream.encoding, size)
                    data = stream.path.read_bytes() if cut and known_blocks else None
                    skip = self._skip(conn, stream, data) if data is not None else None
                    source: importer.SourceLike
                    rows: Iterator[importer.Prepared]
                    marks: list[blocks.Mark] = []
                    if skip is not None:
                        skipped, tail = skip
                        if index in readers:
                            readers.pop(index).close()
                        source = tail.source
                        rows = iter(tail.rows)
                    elif index in readers:
                        skipped = None
                        source = reader = readers[index]
                        rows = map(importer.Prepared._make, reader.rows())
                    else:
                        skipped = None
                        source = stream
                        rows = importer.read_ahead(importer.prepare(stream.entries()))
                        if cut:
                            rows = _marking(rows, marks)
                    report = importer.import_entries(
                        conn,
                        source,
                        rows,
                        expected=size // importer.BYTES_PER_ENTRY,
                        progress=step,
                        cancel=cancel,
                        recorder=rec,
                        skip=skipped,
                        changed=changed,
                    )
                    report.warnings.extend(source.warnings)
                    reports.append(report)
                    if cut:
                        record = self._blocks_of(stream, source, data, skip, marks)
                        if record is not None:
                            records.append((record, skipped))
                # Kept once every listing is in: a later one may complete the
                # papers of an earlier one, which changes their state.
                for record, done in records:
                    if done is None:
                        importer.save_blocks(conn, record)
                    else:
                        importer.save_blocks(conn, record, len(done.blocks), done.rows, changed)
                rec.label = _import_label(reports)
        finally:
            for reader in readers.values():
                reader.close()
        return reports

    @staticmethod
    def _skip(
        conn: Connection, stream: ListingStream, data: bytes
    ) -> tuple[importer.Skip, _Tail] | None:
        """The blocks of ``stream``'s file a re-import skips, and the rest read, if any."""
        if not blocks.cuttable(data):
            return None
        skip = importer.plan_skip(conn, stream.name, data)
        if skip is None:
            return None
        entries: list[ListingEntry] = []
        language = "unknown"
        if skip.tail is not None:
            assert skip.context is not None
            try:
                entries, language = blocks.read_from(
                    stream.name, data, skip.context.offset, skip.context.line, skip.tail.line
                )
            except (ListingError, UnicodeDecodeError):
                return None  # read whole, as if nothing were known
        start = 3 if data.startswith(codecs.BOM_UTF8) else 0
        if skip.tail is None and skip.record.listing == stream.name:
            digest = skip.record.content_hash
        else:
            digest = hashlib.sha256(memoryview(data)[start:]).hexdigest()
        source = importer.SkipSource(stream.name, skip, language, digest)
        return skip, _Tail(source, list(importer.prepare(entries)))

    @staticmethod
    def _blocks_of(
        stream: ListingStream,
        source: importer.SourceLike,
        data: bytes | None,
        skip: tuple[importer.Skip, _Tail] | None,
        marks: list[blocks.Mark],
    ) -> importer.BlockRecord | None:
        """The file's blocks as this import read them, to be kept for the next one."""
        cut: list[blocks.Block] | None
        if skip is not None:
            skipped, tail = skip
            assert data is not None
            if skipped.tail is None and skipped.record.listing == stream.name:
                return None  # nothing read, nothing written: the blocks kept still hold
            cut = list(skipped.blocks)
            if skipped.tail is not None:
                cut += blocks.cut(
                    data,
                    [importer.mark_of(row) for row in tail.rows],
                    start=skipped.tail.offset,
                    start_line=skipped.tail.line,
                    seen={row[1] for row in skipped.rows},
                )
        elif isinstance(source, worker.ProcessReader):
            cut = source.blocks
        else:
            data = stream.path.read_bytes() if data is None else data
            cut = blocks.cut(data, marks) if blocks.cuttable(data) else None
        if not cut:
            return None
        return importer.BlockRecord(
            stream.name,
            cut[-1].end,
            source.language,
            list(source.warnings),
            source.content_hash,
            cut,
        )

    # -- other formats (BibTeX, RIS, CSL-JSON): readinglist.formats ---------

    def import_records(
        self,
        results: Sequence[ReadResult],
        *,
        progress: Callable[[str, int, int | None], None] | None = None,
        cancel: importer.CancelFn | None = None,
    ) -> list[ImportReport]:
        """Import files read by ``readinglist.formats`` (any format), all in one transaction."""
        from readinglist.library import records_import

        with _no_gc_pauses(), self.journaled("import", "Import") as rec:
            reports = []
            for result in results:
                step = None
                if progress is not None:

                    def step(done: int, total: int | None, name: str = result.name) -> None:
                        progress(name, done, total)

                reports.append(
                    records_import.import_result(rec, result, progress=step, cancel=cancel)
                )
                _import_saved_searches(rec, result.saved_searches, reports[-1])
            rec.label = _import_label(reports)
        return reports

    def export_records(self, ids: Sequence[int], *, keys: bool = True) -> list[Record]:
        """The papers as records for a writer; ``keys`` first gives keyless papers a lasting one."""
        from readinglist.library import records_export

        if keys:
            with self._read() as conn:
                missing = records_export.missing_keys(conn, ids)
            if missing:
                label = f"Give citation keys to {commands._plural(len(missing), 'paper')}"
                with self.journaled("keys", label, [pid for _, pid in missing]) as rec:
                    rec.watch("paper", "id", [pid for _, pid in missing])
                    rec.conn.exec_driver_sql(
                        "UPDATE paper SET cite_key = ? WHERE id = ? AND cite_key IS NULL", missing
                    )
        with self._read() as conn:
            return list(records_export.records(conn, ids))

    def preview_records(self, results: Sequence[ReadResult]) -> list[PreviewEntry]:
        """What importing these files would do, entry by entry (papers matched by DOI too)."""
        from readinglist.library import records_import

        with _no_gc_pauses(), self._read() as conn:
            records = [r for result in results for r in result.records]
            keys = records_import.preview_keys(conn, results)
            return importer.preview(conn, records, keys)

    def bib_fields(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Year, venue, DOI, URL, citation key and entry type of these papers."""
        from readinglist.library import records_export

        with self._read() as conn:
            return records_export.bib_fields(conn, ids)

    # -- backups -----------------------------------------------------------

    def backup(self, reason: str = "manual") -> Path:
        return backups.make_backup(self.db_path, self.data_dir, reason, self.backup_keep)

    def backups(self) -> list[BackupInfo]:
        return backups.list_backups(self.data_dir)

    def backup_if_due(self) -> Path | None:
        """Take the daily backup if the newest is over a day old; return it, if one was made.

        ``open`` does this itself unless told not to; the app calls it from a
        worker once its window is up, as copying a big library takes seconds.
        """
        age = backups.latest_backup_age_days(self.data_dir)
        has_papers = self.count() > 0
        if has_papers and (age is None or age > AUTO_BACKUP_DAYS):
            # A backup that cannot be written must not keep the user out of
            # their library; the next start tries again.
            with contextlib.suppress(LibraryError):
                return self.backup("daily")
        return None


def _import_label(reports: Sequence[ImportReport]) -> str:
    names = ", ".join(r.listing for r in reports[:3]) + (" …" if len(reports) > 3 else "")
    new = sum(r.new for r in reports)
    return f"Import {names} ({commands._plural(new, 'new paper')})"


def restore_backup(
    data_dir: str | os.PathLike[str], name: str | None = None, *, keep: int = backups.DEFAULT_KEEP
) -> Path:
    """Put a backup (the newest, or ``name``) in place of the library; no Library may be open.

    The backup is copied and checked before anything is touched. The library
    as it was is backed up first (or, if damaged, moved aside), so a restore
    can itself be undone.
    """
    folder = Path(data_dir)
    source = backups.find_backup(folder, name)
    db_path = folder / DB_FILENAME
    if integrity.live_sessions(folder):
        raise LibraryError(
            f"The library in {folder} is open in readinglist; close it, then restore."
        )
    staged = db_path.with_name(DB_FILENAME + ".restoring")
    backups.restore_copy(source, staged)
    try:
        check_restorable(staged, source.name)
        if db_path.exists():
            try:
                damage = integrity.quick_check(db_path)
            except sqlite3.Error as exc:
                raise LibraryError(
                    f"Could not read the library to back it up before restoring ({exc}); "
                    "nothing was changed."
                ) from exc
            if damage:
                integrity.set_aside(db_path)
            else:
                backups.make_backup(db_path, folder, "before-restore", keep=keep + 1)
        # The old write-ahead log belongs to the old file: left beside the new
        # one it would be replayed into it. Its content is in the backup above.
        for suffix in integrity.WAL_SUFFIXES:
            db_path.with_name(DB_FILENAME + suffix).unlink(missing_ok=True)
        staged.replace(db_path)
    finally:
        staged.unlink(missing_ok=True)
    return source


def _import_saved_searches(
    rec: journal.Recorder, found: Sequence[tuple[str, str]], report: ImportReport
) -> None:
    """Add the saved searches a file carries; one the library already names stays as it is."""
    if not found:
        return
    have = {
        str(n).casefold(): str(q)
        for n, q in rec.conn.exec_driver_sql("SELECT name, query FROM saved_search")
    }
    for name, query in found:
        known = have.get(name.casefold())
        if known is None:
            try:
                parse(query)
            except QueryError as exc:
                report.warnings.append(f"saved search '{name}' left out: {exc.describe()}")
                continue
            commands.save_search(rec, name, query)
            have[name.casefold()] = query
            report.saved_searches.append(name)
        elif known != query:
            report.saved_searches_kept.append(name)
