"""The journal: every change with the rows it touched, in its own transaction; undo and redo.

A command opens ``Recorder`` over its write transaction, says which rows it is
about to touch (``watch``), writes them with plain SQL, and the recorder
stores their images before and after as one journal entry, in the same
transaction: the change and its entry are both there or both absent.

Undoing an entry writes the images from before; redoing it, those from
after. Only the columns the entry changed are written back, and only where
they still hold what the entry left: a later change to the same field
(from the CLI, the app or another window) is never clobbered, the undo is
refused with a message that names it.

Imports, which can add a million papers, do not store their new rows: the
entry keeps the id ranges they took, and the rows are copied into the entry
only if it is undone (so that it can be redone).

Undo, redo and the history read and update their entries through the
``JournalEntry`` model. Plain SQL stays where speed is at stake: the row
images (read by every command, written back by undo: any table, 100k rows
for a status change of a whole library, a statement per table), the entry
every command writes (``record``: a short CLI command would spend most of
its time importing the ORM), and ``newest`` (the Edit menu reads it while
the window is built).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from readinglist.library.errors import LibraryError
from readinglist.library.status import utcnow

if TYPE_CHECKING:
    from readinglist.library.models import JournalEntry

# Tables whose rows belong to one paper, by the column naming it.
PAPER_TABLES: dict[str, str] = {
    "paper": "id",
    "paper_abstract": "paper_id",
    "paper_author": "paper_id",
    "paper_source": "paper_id",
    "paper_tag": "paper_id",
    "note": "paper_id",
    "reading_event": "paper_id",
    "attachment": "paper_id",
    "paper_field": "paper_id",
}
# Rows several papers share: removed on undo only when nothing refers to
# them any more, and put back on redo only where missing.
SHARED: dict[str, tuple[tuple[str, str], ...]] = {
    "author": (("paper_author", "author_id"),),
    "tag": (("paper_tag", "tag_id"),),
    "source_listing": (("paper_source", "listing_id"),),
}
# The order rows are written in: parents before their children (deletes go
# the other way round).
TABLE_ORDER: tuple[str, ...] = (
    "source_listing",
    "author",
    "tag",
    "paper",
    "paper_abstract",
    "paper_author",
    "paper_source",
    "paper_tag",
    "note",
    "reading_event",
    "attachment",
    "paper_field",
    "not_duplicate",
    "saved_search",
    "library_setting",
)
# Columns that follow every change; a later change to them alone is no conflict.
BOOKKEEPING = frozenset({"updated_at"})
# What a column is called in a message.
FIELD_NAMES: dict[tuple[str, str], str] = {
    ("paper", "status"): "status",
    ("paper", "rating"): "rating",
    ("paper", "title"): "title",
    ("paper", "authors_text"): "authors",
    ("paper", "trashed_at"): "place in the Trash",
    ("paper", "queue_position"): "place in the queue",
    ("paper_abstract", "text"): "abstract",
    ("note", "body"): "note",
}
TABLE_NAMES: dict[str, str] = {
    "paper_tag": "tags",
    "paper_author": "authors",
    "paper_source": "listings",
    "attachment": "attachments",
    "reading_event": "status history",
    "note": "note",
    "paper_abstract": "abstract",
    "saved_search": "saved searches",
}
# A note typed in bursts: edits this close together are one entry.
BURST_GAP = timedelta(minutes=5)
# The journal keeps at least this many entries, and all of this long.
KEEP_ENTRIES = 1000
KEEP_DAYS = 90

Row = dict[str, Any]
Key = tuple[Any, ...]


class UndoConflict(LibraryError):
    """An undo or redo that would overwrite a later change; nothing was changed."""


class NothingToUndo(LibraryError):
    """There is no change to undo (or to redo)."""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change as the history lists it."""

    id: int
    uuid: str
    at: datetime
    kind: str
    label: str
    papers: tuple[int, ...]
    state: str


@dataclass(slots=True)
class RowChange:
    """One row's image before and after a change (None: the row did not exist)."""

    table: str
    key: Key
    before: Row | None
    after: Row | None

    def to_json(self) -> list[Any]:
        return [self.table, list(self.key), self.before, self.after]

    @classmethod
    def from_json(cls, data: list[Any]) -> RowChange:
        return cls(data[0], tuple(data[1]), data[2], data[3])

    def changed_columns(self) -> set[str]:
        if self.before is None or self.after is None:
            row = self.before or self.after or {}
            return set(row)
        return {c for c in self.after if self.before.get(c) != self.after.get(c)}


_PK_CACHE: dict[str, tuple[str, ...]] = {}


def primary_key(conn: Connection, table: str) -> tuple[str, ...]:
    """The primary-key columns of ``table``, in key order."""
    found = _PK_CACHE.get(table)
    if found is None:
        info = conn.exec_driver_sql(f'PRAGMA table_info("{table}")').all()
        found = tuple(name for _, name, *_rest, pk in sorted(info, key=lambda r: r[5]) if pk)
        _PK_CACHE[table] = found
    return found


def select_rows(
    conn: Connection,
    table: str,
    column: str,
    values: Sequence[Any],
    columns: Sequence[str] | None = None,
) -> list[Row]:
    """Every row of ``table`` whose ``column`` is one of ``values``, as dicts.

    ``columns``: only these (and the primary key), not the whole row.
    """
    out: list[Row] = []
    values = list(dict.fromkeys(values))
    wanted = "*"
    if columns is not None:
        picked = dict.fromkeys([*primary_key(conn, table), *columns])
        wanted = ", ".join(f'"{c}"' for c in picked)
    # Straight to the driver: an import watches hundreds of thousands of
    # rows, and SQLAlchemy's Row objects cost more than the query itself.
    driver: Any = conn.connection.dbapi_connection
    for start in range(0, len(values), 5000):
        chunk = values[start : start + 5000]
        marks = ",".join("?" * len(chunk))
        cursor = driver.execute(
            f'SELECT {wanted} FROM "{table}" WHERE "{column}" IN ({marks})', tuple(chunk)
        )
        names = [d[0] for d in cursor.description]
        out.extend(dict(zip(names, row, strict=True)) for row in cursor)
    return out


def _key(row: Row, pk: Sequence[str]) -> Key:
    return tuple(row[c] for c in pk)


class Recorder:
    """Collects the rows a command touches, before and after, for its journal entry.

    Use through ``Library.journaled()``; ``watch`` a row before changing it.
    """

    def __init__(self, conn: Connection, kind: str, label: str, papers: Iterable[int]) -> None:
        self.conn = conn
        self.kind = kind
        self.label = label
        self.papers: list[int] = list(dict.fromkeys(papers))
        self._before: dict[str, dict[Key, Row | None]] = {}
        self._selectors: list[tuple[str, str, list[Any], tuple[str, ...] | None]] = []
        self.ranges: dict[str, list[int]] = {}
        self.burst: str | None = None
        # Set by an import: how many papers it added (for its label).
        self.papers_added = 0
        # The id of the entry made, once the change is recorded.
        self.entry_id: int | None = None

    def watch(
        self,
        table: str,
        column: str,
        values: Iterable[Any],
        *,
        new: bool = False,
        columns: Sequence[str] | None = None,
    ) -> None:
        """Remember the rows of ``table`` whose ``column`` is in ``values`` as they are now.

        ``new``: the rows were just inserted by this command (they did not exist
        before). ``columns``: the only columns the command changes in rows that
        stay (a status change of a million papers keeps the status, not the
        whole rows); rows it inserts or deletes are watched whole.
        """
        values = list(values)
        if not values:
            return
        pk = primary_key(self.conn, table)
        seen = self._before.setdefault(table, {})
        for row in select_rows(self.conn, table, column, values, None if new else columns):
            key = _key(row, pk)
            if new:
                seen.setdefault(key, None)
            elif key not in seen:
                seen[key] = row
            elif seen[key] is not None:
                # Watched again, maybe with more columns: the earliest value counts.
                for name, value in row.items():
                    seen[key].setdefault(name, value)  # type: ignore[union-attr]
        self._selectors.append((table, column, values, None if columns is None else tuple(columns)))

    def watch_papers(
        self, ids: Iterable[int], *, new: bool = False, tables: Iterable[str] | None = None
    ) -> None:
        """Watch every row that belongs to these papers (paper, abstract, authors, note...).

        ``tables`` narrows it to the paper tables the command can change.
        """
        ids = list(ids)
        known = set(self.papers)
        self.papers.extend(pid for pid in ids if pid not in known)
        for table in PAPER_TABLES if tables is None else tables:
            self.watch(table, PAPER_TABLES[table], ids, new=new)

    def changes(self) -> list[RowChange]:
        """The rows that differ now from when they were watched."""
        after: dict[str, dict[Key, Row]] = {}
        for table, column, values, columns in self._selectors:
            pk = primary_key(self.conn, table)
            into = after.setdefault(table, {})
            for row in select_rows(self.conn, table, column, values, columns):
                into.setdefault(_key(row, pk), {}).update(row)
        out: list[RowChange] = []
        for table in _ordered_tables(set(self._before) | set(after)):
            pk = primary_key(self.conn, table)
            before_rows = self._before.get(table, {})
            after_rows = after.get(table, {})
            for key in dict.fromkeys([*before_rows, *after_rows]):
                old, new = before_rows.get(key), after_rows.get(key)
                if old is not None and new is not None:
                    # A row that stays: only the columns that changed (and its key).
                    changed = [c for c in old if c in new and old[c] != new[c]]
                    if not changed:
                        continue
                    keep = [*pk, *changed]
                    old = {c: old[c] for c in keep}
                    new = {c: new[c] for c in keep}
                if old != new:
                    out.append(RowChange(table, key, old, new))
        return out


def _ordered_tables(tables: Iterable[str]) -> list[str]:
    rank = {t: i for i, t in enumerate(TABLE_ORDER)}
    return sorted(tables, key=lambda t: (rank.get(t, len(rank)), t))


def _encode(changes: Sequence[RowChange], ranges: dict[str, list[int]] | None = None) -> str:
    data: dict[str, Any] = {"rows": [c.to_json() for c in changes]}
    if ranges:
        data["ranges"] = ranges
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def _decode(text: str) -> tuple[list[RowChange], dict[str, list[int]]]:
    data = json.loads(text or "{}")
    rows = [RowChange.from_json(r) for r in data.get("rows", [])]
    return rows, dict(data.get("ranges", {}))


def _now_text() -> str:
    return utcnow().isoformat(sep=" ", timespec="microseconds")


def record(conn: Connection, rec: Recorder) -> int | None:
    """Write ``rec``'s entry (or fold it into the burst it continues); return its id.

    A command that changed nothing leaves no entry. A new entry makes the
    undone ones no longer redoable.

    Plain SQL, not the model: every command of every process ends here, and
    a CLI ``rate`` that imported the ORM for it took 1.66x as long (the
    import is most of a short command's time; tests/benchmarks/orm.py).
    """
    changes = rec.changes()
    if not changes and not rec.ranges:
        return None
    if rec.burst is not None:
        folded = _fold_into_burst(conn, rec, changes)
        if folded is not None:
            return folded
    conn.exec_driver_sql("UPDATE journal SET state = 'dropped' WHERE state = 'undone'")
    cursor = conn.exec_driver_sql(
        "INSERT INTO journal (uuid, at, kind, label, papers, changes, state, burst)"
        " VALUES (?, ?, ?, ?, ?, ?, 'done', ?)",
        (
            str(uuid.uuid4()),
            _now_text(),
            rec.kind,
            rec.label,
            json.dumps(rec.papers),
            _encode(changes, rec.ranges),
            rec.burst,
        ),
    )
    entry_id = int(cursor.lastrowid or 0)
    if entry_id % 100 == 0:
        prune(conn)
    return entry_id


def _fold_into_burst(conn: Connection, rec: Recorder, changes: list[RowChange]) -> int | None:
    """Extend the newest entry with ``changes`` if it is the same burst, still fresh."""
    last = conn.exec_driver_sql(
        "SELECT id, at, changes, burst, state, kind, papers FROM journal ORDER BY id DESC LIMIT 1"
    ).first()
    if last is None or last[3] != rec.burst or last[4] != "done" or last[5] != rec.kind:
        return None
    if json.loads(last[6]) != rec.papers:
        return None
    if utcnow() - _as_datetime(last[1]) > BURST_GAP:
        return None
    old, ranges = _decode(last[2])
    merged: dict[tuple[str, Key], RowChange] = {(c.table, c.key): c for c in old}
    for change in changes:
        prior = merged.get((change.table, change.key))
        if prior is None:
            merged[(change.table, change.key)] = change
        elif prior.before is not None and change.before is not None and prior.after is not None:
            # Images of a row that stays hold only the columns that changed.
            prior.before = {**change.before, **prior.before}
            prior.after = {**prior.after, **(change.after or {})}
        else:
            prior.after = change.after
    kept = [c for c in merged.values() if c.before != c.after]
    conn.exec_driver_sql(
        "UPDATE journal SET at = ?, changes = ? WHERE id = ?",
        (_now_text(), _encode(kept, ranges), last[0]),
    )
    return int(last[0])


def prune(conn: Connection) -> int:
    """Forget entries beyond the newest KEEP_ENTRIES that are also over KEEP_DAYS old.

    The status history lives in its own table, so pruning never touches it.
    """
    cutoff = (utcnow() - timedelta(days=KEEP_DAYS)).isoformat(sep=" ")
    floor = conn.exec_driver_sql(
        "SELECT id FROM journal ORDER BY id DESC LIMIT 1 OFFSET ?", (KEEP_ENTRIES - 1,)
    ).scalar()
    if floor is None:
        return 0
    result = conn.exec_driver_sql(
        "DELETE FROM journal WHERE id < ? AND at < ?", (int(floor), cutoff)
    )
    return int(result.rowcount or 0)


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _history_entry(entry: JournalEntry) -> HistoryEntry:
    assert entry.id is not None
    return HistoryEntry(
        entry.id,
        entry.uuid,
        entry.at,
        entry.kind,
        entry.label,
        tuple(json.loads(entry.papers)),
        entry.state,
    )


def history(conn: Connection, limit: int = 200, include_undone: bool = True) -> list[HistoryEntry]:
    """The newest entries first."""
    from sqlalchemy.orm import defer
    from sqlmodel import col, select

    from readinglist.library.models import JournalEntry, session_in

    # Not the changes: an entry's can be megabytes.
    query = (
        select(JournalEntry)
        .options(defer(JournalEntry.changes))  # type: ignore[arg-type]  # an ORM attribute
        .order_by(col(JournalEntry.id).desc())
        .limit(limit)
    )
    if not include_undone:
        query = query.where(JournalEntry.state == "done")
    with session_in(conn) as session:
        return [_history_entry(entry) for entry in session.exec(query)]


def newest(conn: Connection, state: str) -> HistoryEntry | None:
    """The entry undo (state 'done': the newest) or redo ('undone': the oldest undone) takes.

    Plain SQL, not the model: the window reads this for its Edit menu while
    it is being built, and start-up does not import the ORM.
    """
    order = "DESC" if state == "done" else "ASC"
    row = conn.exec_driver_sql(
        "SELECT id, uuid, at, kind, label, papers, state FROM journal WHERE state = ?"
        f" ORDER BY id {order} LIMIT 1",
        (state,),
    ).first()
    if row is None:
        return None
    i, u, at, k, lbl, p, st = row
    return HistoryEntry(
        int(i), str(u), _as_datetime(at), str(k), str(lbl), tuple(json.loads(p)), st
    )


@dataclass(slots=True)
class _Plan:
    deletes: list[RowChange] = field(default_factory=list)
    writes: list[RowChange] = field(default_factory=list)


def _title(conn: Connection, change: RowChange) -> str:
    row = change.after or change.before or {}
    pid = row.get("paper_id", row.get("id") if change.table == "paper" else None)
    if pid is None:
        return ""
    title = conn.exec_driver_sql("SELECT title FROM paper WHERE id = ?", (pid,)).scalar()
    if title is None and change.table == "paper":
        title = row.get("title")
    return f" of “{title}”" if title else ""


def _later_entry(conn: Connection, entry_id: int, table: str, key: Key) -> str | None:
    """The label of the newest applied entry after ``entry_id`` that touched this row."""
    from sqlmodel import col, select

    from readinglist.library.models import JournalEntry, session_in

    with session_in(conn) as session:
        for label, changes in session.exec(
            select(JournalEntry.label, JournalEntry.changes)
            .where(col(JournalEntry.id) > entry_id, JournalEntry.state == "done")
            .order_by(col(JournalEntry.id).desc())
        ):
            rows, _ = _decode(changes)
            if any(c.table == table and c.key == key for c in rows):
                return label
    return None


def _conflict_message(
    conn: Connection, verb: str, label: str, entry_id: int, change: RowChange, columns: set[str]
) -> str:
    names = sorted({FIELD_NAMES.get((change.table, c), "") for c in columns} - {""}) or [
        TABLE_NAMES.get(change.table, change.table.replace("_", " "))
    ]
    what = " and ".join(names)
    later = _later_entry(conn, entry_id, change.table, change.key)
    by = f" by “{later}”" if later else " elsewhere"
    if verb == "redo":
        return (
            f"Cannot redo “{label}”: the {what}{_title(conn, change)} was changed since{by}. "
            "Nothing was changed."
        )
    return (
        f"Cannot {verb} “{label}”: the {what}{_title(conn, change)} was changed afterwards{by}. "
        "Nothing was changed; undo that change first if you want this one undone."
    )


def _referenced(conn: Connection, table: str, key: Key) -> bool:
    for child, column in SHARED.get(table, ()):
        if conn.exec_driver_sql(
            f'SELECT 1 FROM "{child}" WHERE "{column}" = ? LIMIT 1', (key[0],)
        ).first():
            return True
    return False


def _current_rows(conn: Connection, changes: Sequence[RowChange]) -> dict[tuple[str, Key], Row]:
    """The rows the changes are about, as they are now: a query per table (not per row).

    Rows are found by the first column of their key, then kept by the whole key.
    """
    wanted: dict[str, set[Key]] = {}
    for change in changes:
        wanted.setdefault(change.table, set()).add(change.key)
    found: dict[tuple[str, Key], Row] = {}
    for table, keys in wanted.items():
        pk = primary_key(conn, table)
        for row in select_rows(conn, table, pk[0], sorted({k[0] for k in keys}, key=repr)):
            key = _key(row, pk)
            if key in keys:
                found[(table, key)] = row
    return found


def _plan(
    conn: Connection,
    changes: Sequence[RowChange],
    *,
    reverse: bool,
    verb: str,
    label: str,
    entry_id: int,
) -> _Plan:
    """Check every row still holds what the entry left, and sort the writes to make."""
    plan = _Plan()
    now = _current_rows(conn, changes)
    for change in changes:
        target = change.before if reverse else change.after
        expected = change.after if reverse else change.before
        current = now.get((change.table, change.key))
        shared = change.table in SHARED
        columns = change.changed_columns() - BOOKKEEPING
        if expected is None:
            ok = current is None or (shared and current == target)
        elif current is None:
            ok = target is None and shared
        else:
            ok = all(current.get(c) == expected.get(c) for c in columns)
        if not ok:
            raise UndoConflict(_conflict_message(conn, verb, label, entry_id, change, columns))
        step = RowChange(change.table, change.key, current, target)
        (plan.deletes if target is None else plan.writes).append(step)
    rank = {t: i for i, t in enumerate(TABLE_ORDER)}
    plan.deletes.sort(key=lambda c: -rank.get(c.table, len(rank)))
    plan.writes.sort(key=lambda c: rank.get(c.table, len(rank)))
    return plan


def _apply(conn: Connection, plan: _Plan, changes_by_key: dict[tuple[str, Key], RowChange]) -> None:
    def delete(step: RowChange) -> None:
        pk = primary_key(conn, step.table)
        where = " AND ".join(f'"{c}" = ?' for c in pk)
        conn.exec_driver_sql(f'DELETE FROM "{step.table}" WHERE {where}', step.key)

    def delete_all(steps: list[RowChange]) -> None:
        """The non-shared rows, a statement per table (they come grouped by table)."""
        for table, group in groupby(steps, key=lambda c: c.table):
            pk = primary_key(conn, table)
            where = " AND ".join(f'"{c}" = ?' for c in pk)
            conn.exec_driver_sql(
                f'DELETE FROM "{table}" WHERE {where}', [step.key for step in group]
            )

    # Rows written first (parents before children), so that a row moving to
    # another paper (a merge) is moved before its old paper goes, which would
    # take it along; then deletes, children before parents; shared rows (an
    # author, a tag) last, once nothing written points at them.
    _write_rows(conn, plan, changes_by_key)
    delete_all([s for s in plan.deletes if s.before is not None and s.table not in SHARED])
    for step in plan.deletes:
        shared = step.before is not None and step.table in SHARED
        if shared and not _referenced(conn, step.table, step.key):
            delete(step)


def _write_rows(
    conn: Connection, plan: _Plan, changes_by_key: dict[tuple[str, Key], RowChange]
) -> None:
    """Insert and update, parents first; rows of one shape go in one statement."""
    statements: list[tuple[str, tuple[Any, ...]]] = []
    for step in plan.writes:
        target = step.after
        assert target is not None
        if step.before is None:
            names = list(target)
            cols = ", ".join(f'"{c}"' for c in names)
            marks = ", ".join("?" * len(names))
            statements.append(
                (
                    f'INSERT INTO "{step.table}" ({cols}) VALUES ({marks})',
                    tuple(target[c] for c in names),
                )
            )
            continue
        original = changes_by_key[(step.table, step.key)]
        columns = original.changed_columns() | (BOOKKEEPING & set(target))
        columns = {c for c in columns if step.before.get(c) != target.get(c)}
        if not columns:
            continue
        pk = primary_key(conn, step.table)
        sets = ", ".join(f'"{c}" = ?' for c in sorted(columns))
        where = " AND ".join(f'"{c}" = ?' for c in pk)
        statements.append(
            (
                f'UPDATE "{step.table}" SET {sets} WHERE {where}',
                (*(target[c] for c in sorted(columns)), *step.key),
            )
        )
    # Consecutive statements of the same text run as one executemany, in order.
    for sql, group in groupby(statements, key=lambda item: item[0]):
        conn.exec_driver_sql(sql, [params for _, params in group])


def _capture_ranges(
    conn: Connection, entry_id: int, ranges: dict[str, list[int]]
) -> list[RowChange]:
    """The rows an import added (its id ranges), as row changes, refusing if changed since."""
    from sqlmodel import col, select

    from readinglist.library.models import JournalEntry, session_in

    out: list[RowChange] = []
    lo, hi = ranges.get("paper", [0, 0])
    if hi > lo:
        with session_in(conn) as session:
            later = session.exec(
                select(JournalEntry.label, JournalEntry.papers)
                .where(col(JournalEntry.id) > entry_id, JournalEntry.state == "done")
                .order_by(col(JournalEntry.id))
            ).all()
        for label, papers in later:
            if any(lo <= p < hi for p in json.loads(papers)):
                raise UndoConflict(
                    f"Cannot undo the import: papers it added were changed afterwards by"
                    f" “{label}”. Nothing was changed; undo that change first."
                )
        ids = [
            int(r[0])
            for r in conn.exec_driver_sql("SELECT id FROM paper WHERE id >= ? AND id < ?", (lo, hi))
        ]
        for table, column in PAPER_TABLES.items():
            pk = primary_key(conn, table)
            for row in select_rows(conn, table, column, ids):
                out.append(RowChange(table, _key(row, pk), None, row))
    alo, ahi = ranges.get("author", [0, 0])
    if ahi > alo:
        pk = primary_key(conn, "author")
        for mapping in conn.exec_driver_sql(
            "SELECT * FROM author WHERE id >= ? AND id < ?", (alo, ahi)
        ).mappings():
            found = dict(mapping)
            out.append(RowChange("author", _key(found, pk), None, found))
    return out


def _with_ranges(changes: list[RowChange], added: list[RowChange]) -> list[RowChange]:
    """An import's changes with the rows it added; a row it added did not exist before it.

    (A listing imported after another in the same import finds the first's
    papers known, and watched them as if they had been there before.)
    """
    merged = {(c.table, c.key): c for c in changes}
    for change in added:
        merged[(change.table, change.key)] = change
    return list(merged.values())


def revert(conn: Connection, entry_id: int, *, redo: bool = False) -> HistoryEntry:
    """Undo (or redo) one entry in place; its state becomes 'undone' (or 'done')."""
    from readinglist.library.models import JournalEntry, session_in

    with session_in(conn) as session:
        entry = session.get(JournalEntry, entry_id)
        if entry is None:
            raise NothingToUndo(f"There is no change {entry_id} in the history.")
        if entry.state != ("undone" if redo else "done"):
            raise NothingToUndo(f"“{entry.label}” is {'not undone' if redo else 'already undone'}.")
        changes, ranges = _decode(entry.changes)
        if ranges and not redo:
            changes = _with_ranges(changes, _capture_ranges(conn, entry_id, ranges))
            ranges = {}
        verb = "redo" if redo else "undo"
        plan = _plan(
            conn, changes, reverse=not redo, verb=verb, label=entry.label, entry_id=entry_id
        )
        # The rows go back in plain SQL, on the same connection and transaction.
        _apply(conn, plan, {(c.table, c.key): c for c in changes})
        entry.state = "done" if redo else "undone"
        entry.changes = _encode(changes, ranges)
        session.flush()
        return _history_entry(entry)


def inverse_changes(conn: Connection, entry_id: int) -> tuple[str, list[RowChange]]:
    """An applied entry's changes turned around, checked against the library as it is now.

    For reverting an older entry from the history as a new change of its own.
    """
    from readinglist.library.models import JournalEntry, session_in

    with session_in(conn) as session:
        entry = session.get(JournalEntry, entry_id)
        if entry is None:
            raise NothingToUndo(f"There is no change {entry_id} in the history.")
        label, encoded, state = entry.label, entry.changes, entry.state
    if state != "done":
        raise NothingToUndo(f"“{label}” is already undone.")
    changes, ranges = _decode(encoded)
    if ranges:
        changes = _with_ranges(changes, _capture_ranges(conn, entry_id, ranges))
    return label, changes


def apply_inverse(
    conn: Connection, entry_id: int, label: str, changes: Sequence[RowChange]
) -> None:
    plan = _plan(conn, changes, reverse=True, verb="revert", label=label, entry_id=entry_id)
    _apply(conn, plan, {(c.table, c.key): c for c in changes})


def iter_changes(conn: Connection, entry_id: int) -> Iterator[RowChange]:
    """The row changes of one entry (none if there is no such entry)."""
    from sqlmodel import select

    from readinglist.library.models import JournalEntry, session_in

    with session_in(conn) as session:
        encoded = session.exec(
            select(JournalEntry.changes).where(JournalEntry.id == entry_id)
        ).first()
    if encoded is not None:
        yield from _decode(encoded)[0]
