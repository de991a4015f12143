"""Offline-first sync of a local library with its lab server, through the journal.

Push: the journal entries not yet pushed (past the ``lab.pushed`` mark, or
changed since: ``lab_repush``) name the papers and what of them changed; the
papers' current state goes to the server in one server transaction, and the
mark moves in one local transaction after it. Every push is idempotent (UUIDs
are derived from the library's id, events merge by UUID, shared fields and
notes compare values), so a sync cut off between the two writes it again
harmlessly.

Pull: rows changed on the server since ``lab.cursor``, in batches; each
batch is applied in one journaled transaction (kind ``sync``) together with
the new cursor, so it is applied once or not at all.

Conflicts: status, rating, queue, Trash and tags are last-writer-wins by a
hybrid logical clock (``hlc``: microseconds, never below one more than the
newest clock pulled); status history is a union; a note changed on two
machines keeps both versions (``lab_conflict``); a shared field changed by
two members keeps the second writer's value locally, as a conflict.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import URL

from readinglist.lab import password as passwords
from readinglist.lab import server as srv
from readinglist.lab import urls
from readinglist.lab.errors import LabError
from readinglist.library import Library, commands
from readinglist.library.journal import Recorder
from readinglist.library.records_import import family_key, normalize_doi
from readinglist.library.status import utcnow
from readinglist.listing import normalize_title

NAMESPACE = uuidlib.UUID("0b0e5d1c-3a52-4c1e-9a8e-4c2d7f4b6a10")
# Paper columns shared with the lab, besides title, authors and abstract:
# the bibliographic ones but the citation key, which stays each member's own.
BIB_COLUMNS = tuple(c for c in commands.BIB_COLUMNS if c != "cite_key")
SHARED_PAPER_COLUMNS = frozenset({"title", "authors_text", *BIB_COLUMNS})
STATE_COLUMNS = frozenset({"status", "rating"})
PRIVATE_COLUMNS = frozenset({"queue_position", "trashed_at"})
TABLE_KINDS = {
    "attachment": {"shared"},
    "paper_abstract": {"shared"},
    "paper_author": {"shared"},
    "paper_source": {"shared"},
    # Personal tags go with the private rows; the lab's (shared tags) with the paper.
    "paper_tag": {"private", "tags"},
    "note": {"note"},
    "reading_event": {"events"},
}
ALL_KINDS = frozenset({"shared", "state", "private", "note", "events", "tags"})
# A library setting per paper (keyed by its lab UUID) holds who in the lab has
# read it or is reading it, as of the last pull: {"read": [...], "reading": [...]}.
READERS_KEY = "lab_readers:"
SHARED_TAGS = "lab.shared_tags"
# Set when some lab_paper row has a ``force`` (resolve, a switch of shared tags...).
FORCED = "lab.forced"
ENTRY_BATCH = 200
PAPER_BATCH = 2000
PULL_BATCH = 2000
# New lab papers in one pulled batch from which they are added through the importer.
BULK_ADOPT = 50

SETTINGS = (
    "lab.server",
    "lab.member",
    "lab.library_id",
    "lab.pushed",
    "lab.cursor",
    "lab.hlc",
    "lab.last_sync",
    "lab.share",
    SHARED_TAGS,
    FORCED,
)


@dataclass(slots=True)
class SyncReport:
    pushed_entries: int = 0
    pushed_papers: int = 0
    pulled: int = 0
    new_papers: int = 0
    # Lab papers this library could not take in (a local paper of the same
    # title is already linked to another lab paper).
    skipped: int = 0
    conflicts: list[str] = field(default_factory=list)
    # The shared-field clashes this sync found (for the app's merge prompt).
    field_conflicts: list[Conflict] = field(default_factory=list)
    # Papers deleted here because this member deleted them for good on another machine.
    deleted: int = 0


@dataclass(slots=True)
class LabStatus:
    server: str | None
    member: str | None
    last_sync: str | None
    pending: int
    conflicts: int
    share: bool
    # The lab shares tags (as this library last heard from it).
    shared_tags: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "member": self.member,
            "last_sync": self.last_sync,
            "pending": self.pending,
            "conflicts": self.conflicts,
        }


# -- local bookkeeping ----------------------------------------------------------


def _settings(conn: Connection) -> dict[str, str]:
    return {
        str(k): str(v)
        for k, v in conn.exec_driver_sql(
            "SELECT key, value FROM library_setting WHERE key LIKE 'lab.%'"
        )
    }


def _put(conn: Connection, values: dict[str, str]) -> None:
    # Sync positions are bookkeeping, not the user's data: written in the
    # journaled transaction but not watched, so undo never moves them.
    conn.exec_driver_sql(
        "INSERT INTO library_setting (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )


def _now_us() -> int:
    return int(utcnow().timestamp() * 1_000_000)


def _at_us(value: Any) -> int:
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    # Naive UTC times, as the library stores them.
    return int((at - datetime(1970, 1, 1)).total_seconds() * 1_000_000)


def _chunks(values: Sequence[Any], size: int = 5000) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _pending_entries(
    conn: Connection, pushed: int, limit: int | None
) -> list[tuple[int, str, str, Any]]:
    sql = (
        "SELECT id, papers, changes, at FROM journal"
        " WHERE (id > ? AND NOT (kind = 'sync' AND state = 'done'))"
        " OR id IN (SELECT entry_id FROM lab_repush) ORDER BY id"
    )
    params: tuple[Any, ...] = (pushed,)
    if limit is not None:
        sql += " LIMIT ?"
        params += (limit,)
    return [(int(i), str(p), str(c), at) for i, p, c, at in conn.exec_driver_sql(sql, params)]


def _kinds_of(changes: str, gone: dict[str, int] | None = None) -> dict[int, set[str]]:
    """The papers an entry changed, and what of them (shared, state, private, note, events).

    ``gone`` collects the lab papers whose link the entry deleted (a paper
    deleted for good, or merged into another): UUID -> local id.
    """
    data = json.loads(changes or "{}")
    out: dict[int, set[str]] = {}
    for table, _key, before, after in data.get("rows", []):
        row = after or before or {}
        if table == "lab_paper":
            if after is None and before is not None and gone is not None:
                gone[str(before["uuid"])] = int(before["paper_id"])
            # Deleted, or back (its deletion undone): all of it goes to the lab.
            out.setdefault(int(row["paper_id"]), set()).update(ALL_KINDS)
        elif table == "paper":
            if after is None:
                continue
            pid = int(row["id"])
            columns = (
                set(after) if before is None else {c for c in after if before.get(c) != after[c]}
            )
            kinds = out.setdefault(pid, set())
            if columns & SHARED_PAPER_COLUMNS:
                kinds.add("shared")
            if columns & STATE_COLUMNS:
                kinds.add("state")
            if columns & PRIVATE_COLUMNS:
                kinds.add("private")
        elif table in TABLE_KINDS and row.get("paper_id") is not None:
            out.setdefault(int(row["paper_id"]), set()).update(TABLE_KINDS[table])
    lo, hi = data.get("ranges", {}).get("paper", [0, 0])
    for pid in range(int(lo), int(hi)):
        out.setdefault(pid, set()).update(ALL_KINDS)
    return out


def _touched(
    entries: Sequence[tuple[int, str, str, Any]],
    gone: dict[str, tuple[int, int]] | None = None,
) -> dict[int, tuple[set[str], int]]:
    """The papers the entries changed, what of them and when; ``gone``: deleted links."""
    found: dict[int, tuple[set[str], int]] = {}
    for _id, _papers, changes, at in entries:
        stamp = _at_us(at)
        links: dict[str, int] = {}
        for pid, kinds in _kinds_of(changes, links).items():
            old = found.get(pid)
            if old is None:
                found[pid] = (set(kinds), stamp)
            else:
                old[0].update(kinds)
                found[pid] = (old[0], max(old[1], stamp))
        if gone is not None:
            for u, pid in links.items():
                gone[u] = (pid, max(stamp, gone.get(u, (0, 0))[1]))
    return found


def _forced(conn: Connection) -> dict[int, set[str]]:
    """Papers to push whatever the journal says (``lab_paper.force``), and what of them.

    Looked for only when the ``lab.forced`` mark says some may be: a scan of
    lab_paper (its rows carry each paper's base) takes 0.1 s at 100k papers,
    and a sync asks twice.
    """
    if not _settings(conn).get(FORCED):
        return {}
    return {
        int(pid): set(str(force).split(","))
        for pid, force in conn.exec_driver_sql(
            "SELECT paper_id, force FROM lab_paper WHERE force != ''"
        )
    }


def _pending_papers(
    conn: Connection, pushed: int, gone: dict[str, tuple[int, int]] | None = None
) -> dict[int, set[str]]:
    """Papers with local changes not yet on the server, and what of them changed."""
    entries = _pending_entries(conn, pushed, None)
    out = {pid: kinds for pid, (kinds, _) in _touched(entries, gone).items()}
    for pid, kinds in _forced(conn).items():
        out.setdefault(pid, set()).update(kinds)
    return out


def _shared_tags(conn: Connection) -> bool:
    return (
        conn.exec_driver_sql(
            "SELECT value FROM library_setting WHERE key = ?", (SHARED_TAGS,)
        ).scalar()
        == "on"
    )


def _rows(conn: Connection, sql: str, params: Sequence[Any]) -> list[Any]:
    """All rows of a read, straight from the driver (SQLAlchemy's rows cost ~10x more here)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return list(cursor.execute(sql, tuple(params)).fetchall())
    finally:
        cursor.close()


def local_fields(
    conn: Connection, pids: Sequence[int], tags: bool | None = None
) -> dict[int, dict[str, Any]]:
    """The shared fields of these papers as the lab holds them (title, authors, abstract...).

    Listings (their names) and links are always shared; tags when the lab
    shares tags (``tags``; by default, as this library last heard from the lab).
    """
    if tags is None:
        tags = _shared_tags(conn)
    out: dict[int, dict[str, Any]] = {}
    cols = ", ".join(f"p.{c}" for c in BIB_COLUMNS)
    for chunk in _chunks(list(pids)):
        for row in _rows(
            conn,
            f"SELECT p.id, p.title, a.text, {cols} FROM paper p"
            " LEFT JOIN paper_abstract a ON a.paper_id = p.id"
            f" WHERE p.id IN ({_marks(len(chunk))})",
            chunk,
        ):
            fields: dict[str, Any] = {"title": row[1], "authors": [], "abstract": row[2] or None}
            fields.update(zip(BIB_COLUMNS, row[3:], strict=True))
            out[int(row[0])] = fields
        for pid, name in _rows(
            conn,
            "SELECT pa.paper_id, a.name FROM paper_author pa JOIN author a ON a.id = pa.author_id"
            f" WHERE pa.paper_id IN ({_marks(len(chunk))}) ORDER BY pa.paper_id, pa.position",
            chunk,
        ):
            out[int(pid)]["authors"].append(str(name))
        # Links are shared with the lab; files stay on this machine.
        sets = ("links", "listings", "tags") if tags else ("links", "listings")
        for pid in chunk:
            if pid in out:
                for name in sets:
                    out[pid][name] = []
        queries = [
            (
                "links",
                "SELECT paper_id, target FROM attachment WHERE kind = 'link'"
                f" AND paper_id IN ({_marks(len(chunk))})",
            ),
            (
                "listings",
                "SELECT ps.paper_id, l.name FROM paper_source ps"
                " JOIN source_listing l ON l.id = ps.listing_id"
                f" WHERE ps.paper_id IN ({_marks(len(chunk))})",
            ),
        ]
        if tags:
            queries.append(
                (
                    "tags",
                    "SELECT pt.paper_id, t.name FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id"
                    f" WHERE pt.paper_id IN ({_marks(len(chunk))})",
                )
            )
        for name, sql in queries:
            for pid, value in _rows(conn, sql, chunk):
                out[int(pid)][name].append(str(value))
        for pid in chunk:
            if pid in out:
                for name in sets:
                    out[pid][name] = srv.normalize_set(out[pid][name])
    return out


def _links(
    conn: Connection, pids: Sequence[int]
) -> dict[int, tuple[str, int, dict[str, Any], int]]:
    out = {}
    for chunk in _chunks(list(pids)):
        for pid, u, version, base, note_version in conn.exec_driver_sql(
            "SELECT paper_id, uuid, version, base, note_version FROM lab_paper"
            f" WHERE paper_id IN ({_marks(len(chunk))})",
            tuple(chunk),
        ):
            out[int(pid)] = (str(u), int(version), json.loads(base), int(note_version))
    return out


def _title_key(fields: dict[str, Any]) -> str:
    return normalize_title(str(fields.get("title") or ""))


# -- the sync itself ---------------------------------------------------------------


class LabSync:
    """Syncs one library with the lab server it joined (or is joining)."""

    def __init__(
        self,
        library: Library,
        url: URL | None = None,
        password: str | None = None,
        *,
        ask: bool = True,
    ):
        self.library = library
        with library.engine.connect() as conn:
            self.settings = _settings(conn)
        if url is None:
            if "lab.server" not in self.settings:
                raise LabError(
                    "This library is not in a lab; join one with `readinglist lab join URL`."
                )
            url = urls.parse(self.settings["lab.server"])
            if self.settings.get("lab.member"):
                url = url.set(username=self.settings["lab.member"])
        self.url = url
        self.password = password if password is not None else passwords.require(url, ask=ask)
        self.server = srv.LabServer(url, self.password)

    def close(self) -> None:
        self.server.close()

    def __enter__(self) -> LabSync:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- joining -----------------------------------------------------------------

    def join(self) -> SyncReport:
        """Join the lab: upload or match every local paper, then pull the lab's."""
        current = self.settings.get("lab.server")
        if current and current != urls.shown(self.url):
            raise LabError(
                f"This library is already in the lab at {current}; run `readinglist lab leave`"
                " first."
            )
        member = self.server.hello()
        library_id = self.settings.get("lab.library_id") or str(uuidlib.uuid4())
        shared_tags = self.server.settings.get("shared_tags", "off")
        with self.library.journaled("sync", "Join the lab") as rec:
            conn = rec.conn
            top = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM journal").scalar_one()
            conn.exec_driver_sql("DELETE FROM lab_repush")
            for table in ("lab_paper", "lab_event", "lab_conflict"):
                conn.exec_driver_sql(f"DELETE FROM {table}")
            values = {
                "lab.server": urls.shown(self.url),
                "lab.member": member,
                "lab.library_id": library_id,
                "lab.pushed": str(top),
                "lab.cursor": "0",
                "lab.hlc": "0",
                SHARED_TAGS: shared_tags,
            }
            _put(conn, values)
            conn.exec_driver_sql(
                "DELETE FROM library_setting WHERE key LIKE ?", (READERS_KEY + "%",)
            )
        self.settings.update(values)
        report = SyncReport()
        with self.library.engine.connect() as conn:
            pids = [int(r[0]) for r in conn.exec_driver_sql("SELECT id FROM paper ORDER BY id")]
            stamps = {
                int(pid): _at_us(at)
                for pid, at in conn.exec_driver_sql("SELECT id, updated_at FROM paper")
            }
            # A paper never touched (New, no stars, tags, queue, Trash or history)
            # has no state to upload: the lab reads a missing row as just that.
            pristine = {
                int(r[0])
                for r in conn.exec_driver_sql(
                    "SELECT id FROM paper p WHERE status = 'new' AND rating = 0"
                    " AND queue_position IS NULL AND trashed_at IS NULL"
                    " AND NOT EXISTS (SELECT 1 FROM paper_tag t WHERE t.paper_id = p.id)"
                    " AND NOT EXISTS (SELECT 1 FROM reading_event e WHERE e.paper_id = p.id)"
                )
            }
        for chunk in _chunks(pids, PAPER_BATCH):
            touched = {
                pid: (
                    set(ALL_KINDS) - ({"state", "private"} if pid in pristine else set()),
                    stamps[pid],
                )
                for pid in chunk
            }
            self._push_papers(touched, [], report)
        self._pull(report)
        return report

    def leave(self) -> None:
        """Detach the library from the lab; nothing is deleted, here or on the server."""
        leave(self.library)

    # -- sync ----------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Push what is pending, then pull what changed; each batch a transaction each side."""
        report = SyncReport()
        with self.library.engine.connect() as conn:
            server = _settings(conn).get("lab.server")
        if server is None or server != self.settings.get("lab.server"):
            # Left (or joined elsewhere) since this sync was set up, from the CLI.
            raise LabError("This library is no longer in this lab; nothing was synced.")
        self.server.hello()
        self._follow_lab_settings()
        self._catch_up_pruned(report)
        while True:
            with self.library.engine.connect() as conn:
                pushed = int(_settings(conn).get("lab.pushed", "0"))
                entries = _pending_entries(conn, pushed, ENTRY_BATCH)
                forced = _forced(conn)
            if not entries and not forced:
                break
            gone: dict[str, tuple[int, int]] = {}
            touched = _touched(entries, gone)
            now = _now_us()
            for pid, kinds in forced.items():
                old = touched.get(pid)
                touched[pid] = (kinds | (old[0] if old else set()), old[1] if old else now)
            self._push_papers(touched, [e[0] for e in entries], report, gone)
            report.pushed_entries += len(entries)
        self._pull(report)
        return report

    def _follow_lab_settings(self) -> None:
        """The lab's settings as hello() found them; a switch of shared tags is taken in.

        Shared tags on: every paper's tags go to the lab (joined with the lab's,
        as at a join) and the lab's come back (the whole lab is pulled again).
        Off: the tags each member has become their own, private again.
        """
        wanted = self.server.settings.get("shared_tags", "off")
        with self.library.engine.connect() as conn:
            current = _settings(conn).get(SHARED_TAGS, "off")
        if wanted == current:
            return
        with self.library.journaled("sync", "Sync with the lab") as rec:
            conn = rec.conn
            _put(conn, {SHARED_TAGS: wanted})
            kind = "shared" if wanted == "on" else "private"
            _put(conn, {FORCED: "1"})
            conn.exec_driver_sql(
                "UPDATE lab_paper SET force = CASE WHEN force = '' THEN ? ELSE force || ',' || ?"
                " END WHERE paper_id IN (SELECT paper_id FROM paper_tag)",
                (kind, kind),
            )
            if wanted == "on":
                conn.exec_driver_sql(
                    "UPDATE lab_paper SET base = json_remove(base, '$.tags'), version = 0"
                )
                _put(conn, {"lab.cursor": "0"})
        self.settings[SHARED_TAGS] = wanted

    def _catch_up_pruned(self, report: SyncReport) -> None:
        """Entries pruned from the journal before they were pushed: push every paper."""
        with self.library.engine.connect() as conn:
            pushed = int(_settings(conn).get("lab.pushed", "0"))
            oldest = conn.exec_driver_sql("SELECT min(id) FROM journal").scalar()
            if oldest is None or int(oldest) <= pushed + 1:
                return
            pids = [int(r[0]) for r in conn.exec_driver_sql("SELECT id FROM paper ORDER BY id")]
        now = _now_us()
        for chunk in _chunks(pids, PAPER_BATCH):
            self._push_papers({pid: (set(ALL_KINDS), now) for pid in chunk}, [], report)
        with self.library.journaled("sync", "Sync with the lab") as rec:
            _put(rec.conn, {"lab.pushed": str(int(oldest) - 1)})

    def _push_papers(
        self,
        touched: dict[int, tuple[set[str], int]],
        entry_ids: Sequence[int],
        report: SyncReport,
        gone: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        library_id = self.settings["lab.library_id"]
        with self.library.engine.connect() as conn:
            settings = _settings(conn)
            seen_hlc = int(settings.get("lab.hlc", "0"))
            shared_tags = settings.get(SHARED_TAGS) == "on"
            added = {
                int(r[0]): str(r[1])
                for chunk in _chunks(sorted(touched))
                for r in conn.exec_driver_sql(
                    f"SELECT id, added_at FROM paper WHERE id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                )
            }
            pids = sorted(added)
            links = _links(conn, pids)
            fields = local_fields(conn, pids, shared_tags)
            batch = srv.PushBatch()
            # Lab papers deleted here for good (still gone, and not linked again).
            if gone:
                linked = {u for u, *_ in links.values()}
                batch.deleted = [
                    (u, max(stamp, seen_hlc + 1))
                    for u, (_pid, stamp) in gone.items()
                    if u not in linked and not _uuid_linked(conn, u)
                ]
            for pid in pids:
                kinds, _ = touched[pid]
                link = links.get(pid)
                if link is None or "shared" in kinds or (shared_tags and "tags" in kinds):
                    f = fields[pid]
                    batch.papers.append(
                        srv.PaperPush(
                            pid=pid,
                            # Derived, so that a push cut off is matched again; with
                            # the time added, as SQLite may give a deleted paper's id
                            # to the next one.
                            uuid=link[0]
                            if link
                            else str(
                                uuidlib.uuid5(NAMESPACE, f"{library_id}/paper/{pid}/{added[pid]}")
                            ),
                            linked=link is not None,
                            version=link[1] if link else 0,
                            base=link[2] if link else {},
                            fields=f,
                            title_key=_title_key(f),
                            first_author_key=family_key(f["authors"]),
                            doi=normalize_doi(f.get("doi")),
                        )
                    )
            result_uuid: dict[int, str] = {pid: link[0] for pid, link in links.items()}
            state_rows = self._state_rows(conn, pids)
            events = self._events(conn, [pid for pid in pids if "events" in touched[pid][0]])
            notes = {
                int(pid): str(body)
                for chunk in _chunks([p for p in pids if "note" in touched[p][0]])
                for pid, body in conn.exec_driver_sql(
                    f"SELECT paper_id, body FROM note WHERE paper_id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                )
            }
        # The UUID a paper will have: its link, or the one the server gives it
        # (the lab's own when it matches one). New papers go first, in a server
        # transaction of their own; cut off after it, the next push matches
        # them again by their derived UUID, so nothing is doubled.
        unlinked = [p for p in batch.papers if not p.linked]
        if unlinked:
            first = self.server.push(srv.PushBatch(papers=unlinked))
            for pid, res in first.papers.items():
                result_uuid[pid] = res.uuid
            batch.papers = [p for p in batch.papers if p.linked]
            # Already on the server; what was learned is recorded with the rest.
            matched = first.papers
        else:
            matched = {}
        for pid in pids:
            kinds, stamp = touched[pid]
            u = result_uuid.get(pid)
            if u is None:
                continue
            hlc = max(stamp, seen_hlc + 1)
            status, rating, queue, trashed, tags = state_rows[pid]
            if "state" in kinds:
                batch.states.append((u, status, rating, hlc))
            if "private" in kinds:
                batch.privates.append((u, queue, trashed, tags, hlc))
            if "note" in kinds and pid in notes:
                seen = links[pid][3] if pid in links else 0
                batch.notes.append((u, notes[pid], seen))
        for eid, pid, old, new, at, event_uuid in events:
            u = result_uuid.get(pid)
            if u is not None:
                batch.events.append(
                    (
                        event_uuid or str(uuidlib.uuid5(NAMESPACE, f"{library_id}/event/{eid}")),
                        u,
                        old,
                        new,
                        at,
                    )
                )
        result = self.server.push(batch)
        if batch.deleted:
            report.pushed_papers += len(batch.deleted)
        result.papers.update({pid: res for pid, res in matched.items() if pid not in result.papers})
        self._record_push(result, events, entry_ids, touched, report, library_id)
        report.pushed_papers += len(pids)

    @staticmethod
    def _state_rows(
        conn: Connection, pids: Sequence[int]
    ) -> dict[int, tuple[str, int, int | None, bool, list[str]]]:
        out: dict[int, tuple[str, int, int | None, bool, list[str]]] = {}
        tags: dict[int, list[str]] = {}
        for chunk in _chunks(list(pids)):
            marks = _marks(len(chunk))
            for pid, name in conn.exec_driver_sql(
                "SELECT pt.paper_id, t.name FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id"
                f" WHERE pt.paper_id IN ({marks})",
                tuple(chunk),
            ):
                tags.setdefault(int(pid), []).append(str(name))
            for pid, status, rating, queue, trashed in conn.exec_driver_sql(
                "SELECT id, status, rating, queue_position, trashed_at IS NOT NULL FROM paper"
                f" WHERE id IN ({marks})",
                tuple(chunk),
            ):
                out[int(pid)] = (
                    str(status),
                    int(rating),
                    queue,
                    bool(trashed),
                    sorted(tags.get(int(pid), []), key=str.casefold),
                )
        return out

    @staticmethod
    def _events(
        conn: Connection, pids: Sequence[int]
    ) -> list[tuple[int, int, str | None, str, Any, str | None]]:
        out = []
        for chunk in _chunks(list(pids)):
            for eid, pid, old, new, at, u in conn.exec_driver_sql(
                "SELECT e.id, e.paper_id, e.old_status, e.new_status, e.at, l.uuid"
                " FROM reading_event e LEFT JOIN lab_event l ON l.event_id = e.id"
                f" WHERE e.paper_id IN ({_marks(len(chunk))})",
                tuple(chunk),
            ):
                out.append((int(eid), int(pid), old, str(new), at, u))
        return out

    def _record_push(
        self,
        result: srv.PushResult,
        events: Sequence[tuple[int, int, str | None, str, Any, str | None]],
        entry_ids: Sequence[int],
        touched: dict[int, tuple[set[str], int]],
        report: SyncReport,
        library_id: str,
    ) -> None:
        """The local side of a push: links, versions, conflicts and the pushed mark, at once."""
        with self.library.journaled("sync", "Sync with the lab") as rec:
            conn = rec.conn
            by_uuid = {res.uuid: pid for pid, res in result.papers.items()}
            links: list[tuple[int, str, int, str]] = []
            old_bases = {
                int(pid): json.loads(base)
                for chunk in _chunks(sorted(result.papers))
                for pid, base in conn.exec_driver_sql(
                    "SELECT paper_id, base FROM lab_paper"
                    f" WHERE paper_id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                )
            }
            # Read in bulk (a paper at a time is most of a 100k join's time).
            current = local_fields(
                conn,
                sorted(
                    pid for pid, res in result.papers.items() if res.matched or pid in old_bases
                ),
            )
            for pid, res in result.papers.items():
                if res.matched:
                    _apply_fields(
                        rec, pid, res.fields, {}, conflicts_ok=False, mine=current.get(pid)
                    )
                    base = dict(res.fields)
                elif pid in old_bases:
                    # What others changed in fields this machine did not touch comes
                    # in now (the pull skips a version it has seen); a clash keeps
                    # its old base, so it stays a clash.
                    base = _apply_fields(
                        rec,
                        pid,
                        res.fields,
                        old_bases[pid],
                        conflicts_ok=True,
                        mine=current.get(pid),
                    )
                else:
                    base = dict(res.fields)
                for name, theirs in res.conflicts:
                    mine = local_fields(conn, [pid])[pid].get(name)
                    base[name] = old_bases.get(pid, {}).get(name)
                    report.field_conflicts.append(
                        _conflict(conn, pid, "field", name, mine, theirs, res.version)
                    )
                    report.conflicts.append(
                        f"The {name} of “{_short(local_fields(conn, [pid])[pid]['title'])}” was"
                        f" changed by another lab member since you last synced; yours is kept"
                        f" here only. See `readinglist lab conflicts`."
                    )
                links.append((pid, res.uuid, res.version, json.dumps(base, default=str)))
            if links:
                conn.exec_driver_sql(
                    "INSERT INTO lab_paper (paper_id, uuid, version, base) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT(paper_id) DO UPDATE SET uuid = excluded.uuid,"
                    " version = excluded.version, base = excluded.base",
                    links,
                )
            event_pids = sorted({e[1] for e in events})
            uuids = {
                int(pid): str(u)
                for chunk in _chunks(event_pids)
                for pid, u in conn.exec_driver_sql(
                    "SELECT paper_id, uuid FROM lab_paper"
                    f" WHERE paper_id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                )
            }
            for eid, pid, _old, _new, _at, u in events:
                if u is None and pid in uuids:
                    conn.exec_driver_sql(
                        "INSERT OR IGNORE INTO lab_event (event_id, uuid) VALUES (?, ?)",
                        (eid, str(uuidlib.uuid5(NAMESPACE, f"{library_id}/event/{eid}"))),
                    )
            for paper_uuid, note in result.notes.items():
                found = (
                    by_uuid.get(paper_uuid)
                    or conn.exec_driver_sql(
                        "SELECT paper_id FROM lab_paper WHERE uuid = ?", (paper_uuid,)
                    ).scalar()
                )
                if found is None:
                    continue
                pid = int(found)
                if note.theirs is None:
                    conn.exec_driver_sql(
                        "UPDATE lab_paper SET note_version = ? WHERE paper_id = ?",
                        (note.version, pid),
                    )
                    conn.exec_driver_sql(
                        "DELETE FROM lab_conflict WHERE paper_id = ? AND kind = 'note'", (pid,)
                    )
                else:
                    mine = conn.exec_driver_sql(
                        "SELECT body FROM note WHERE paper_id = ?", (pid,)
                    ).scalar()
                    _conflict(conn, int(pid), "note", "", mine, note.theirs, note.version)
                    title = conn.exec_driver_sql(
                        "SELECT title FROM paper WHERE id = ?", (pid,)
                    ).scalar()
                    report.conflicts.append(
                        f"Your note on “{_short(str(title))}” was also edited on another machine;"
                        " both versions are kept. See `readinglist lab conflicts`."
                    )
            if touched and _settings(conn).get(FORCED):
                conn.exec_driver_sql("UPDATE lab_paper SET force = '' WHERE force != ''")
                conn.exec_driver_sql("DELETE FROM library_setting WHERE key = ?", (FORCED,))
            if entry_ids:
                top = max(entry_ids)
                pushed = int(_settings(conn).get("lab.pushed", "0"))
                _put(conn, {"lab.pushed": str(max(pushed, top))})
                conn.exec_driver_sql("DELETE FROM lab_repush WHERE entry_id <= ?", (top,))

    # -- pull ----------------------------------------------------------------------

    def _pull(self, report: SyncReport) -> None:
        while True:
            with self.library.engine.connect() as conn:
                settings = _settings(conn)
            since = int(settings.get("lab.cursor", "0"))
            batch = self.server.pull(since, PULL_BATCH)
            alive = {p[0] for p in batch.privates if not p[5]} - {p[0] for p in batch.papers}
            if alive:
                with self.library.engine.connect() as conn:
                    unknown = alive - _uuids_linked(conn, sorted(alive))
                if unknown:
                    self.server.revive(batch, sorted(unknown))
            self._apply(batch, report)
            if not batch.more:
                break
        with self.library.journaled("sync", "Sync with the lab") as rec:
            _put(rec.conn, {"lab.last_sync": utcnow().isoformat(timespec="seconds") + "Z"})

    def _apply(self, batch: srv.PullBatch, report: SyncReport) -> None:
        """Apply one pulled batch and move the cursor, in one journaled transaction."""
        with self.library.journaled("sync", "Sync with the lab") as rec:
            conn = rec.conn
            settings = _settings(conn)
            if int(settings.get("lab.cursor", "0")) != batch.since:
                # Another sync of this library got there first.
                return
            gone: dict[str, tuple[int, int]] = {}
            pending = _pending_papers(conn, int(settings.get("lab.pushed", "0")), gone)
            shared_tags = settings.get(SHARED_TAGS) == "on"
            uuids: dict[str, int] = {}
            versions: dict[int, int] = {}
            wanted = sorted(
                {str(r[0]) for r in [*batch.papers, *batch.states, *batch.privates, *batch.notes]}
                | {str(e[1]) for e in batch.events}
            )
            for chunk in _chunks(wanted):
                for pid, u, version in conn.exec_driver_sql(
                    "SELECT paper_id, uuid, version FROM lab_paper"
                    f" WHERE uuid IN ({_marks(len(chunk))})",
                    tuple(chunk),
                ):
                    uuids[str(u)] = int(pid)
                    versions[int(pid)] = int(version)
            dois: dict[str, int] | None = None
            fresh = [p for p in batch.papers if p[0] not in uuids and p[0] not in gone]
            adopted: set[str] = set()
            if len(fresh) >= BULK_ADOPT:
                dois = _local_dois(conn)
                for u, pid in _adopt_bulk(rec, fresh, dois).items():
                    uuids[u] = pid
                    adopted.add(u)
                    report.new_papers += 1
                    report.pulled += 1
            for u, theirs, version in batch.papers:
                if u in adopted:
                    continue
                found = uuids.get(u)
                if found is None:
                    if u in gone:
                        # Deleted here for good, not pushed yet: it stays deleted.
                        continue
                    if dois is None:
                        dois = _local_dois(conn)
                    found = _adopt(rec, u, theirs, version, dois)
                    if found is None:
                        report.skipped += 1
                        continue
                    report.new_papers += 1
                    uuids[u] = found
                elif versions.get(found, 0) < version:
                    _pull_fields(rec, found, theirs, version)
                else:
                    continue
                report.pulled += 1
            # What this library holds already (its own pushes come back) is skipped
            # without a write: compared in bulk first.
            involved = [
                uuids[r[0]] for r in [*batch.states, *batch.privates, *batch.notes] if r[0] in uuids
            ]
            mine = LabSync._state_rows(conn, involved)
            hlc = int(settings.get("lab.hlc", "0"))
            for u, status, rating, stamp in batch.states:
                hlc = max(hlc, stamp)
                pid = uuids.get(u)
                if pid is None or "state" in pending.get(pid, ()) or pid not in mine:
                    continue
                if mine[pid][:2] == (status, rating):
                    continue
                rec.watch("paper", "id", [pid])
                conn.exec_driver_sql(
                    "UPDATE paper SET status = ?, rating = ? WHERE id = ?", (status, rating, pid)
                )
                report.pulled += 1
            deleted: list[int] = []
            for u, queue, trashed, tags, stamp, gone_there in batch.privates:
                hlc = max(hlc, stamp)
                pid = uuids.get(u)
                if pid is None or "private" in pending.get(pid, ()) or pid not in mine:
                    continue
                if gone_there:
                    # Deleted for good on another of this member's machines.
                    deleted.append(pid)
                    continue
                if shared_tags:
                    # The lab's tags come with the paper; the private copy is not used.
                    tags = mine[pid][4]
                if mine[pid][2:] == (queue, trashed, sorted(tags, key=str.casefold)):
                    continue
                _pull_private(rec, pid, queue, trashed, tags)
                report.pulled += 1
            if deleted:
                commands.delete_for_good(rec, deleted)
                report.deleted += len(deleted)
                report.pulled += len(deleted)
                dead = set(deleted)
                uuids = {k: v for k, v in uuids.items() if v not in dead}
            known = {
                str(r[0])
                for chunk in _chunks([e[0] for e in batch.events])
                for r in conn.exec_driver_sql(
                    f"SELECT uuid FROM lab_event WHERE uuid IN ({_marks(len(chunk))})",
                    tuple(chunk),
                )
            }
            for event_uuid, u, old, new, at in batch.events:
                pid = uuids.get(u)
                if pid is None or event_uuid in known:
                    continue
                eid = conn.exec_driver_sql(
                    "INSERT INTO reading_event (paper_id, old_status, new_status, at)"
                    " VALUES (?, ?, ?, ?)",
                    (pid, old, new, at),
                ).lastrowid
                rec.watch("reading_event", "id", [eid], new=True)
                conn.exec_driver_sql(
                    "INSERT INTO lab_event (event_id, uuid) VALUES (?, ?)", (eid, event_uuid)
                )
                report.pulled += 1
            notes_here = {
                int(pid): str(body)
                for chunk in _chunks([uuids[n[0]] for n in batch.notes if n[0] in uuids])
                for pid, body in conn.exec_driver_sql(
                    f"SELECT paper_id, body FROM note WHERE paper_id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                )
            }
            note_conflicts = {
                int(r[0])
                for r in conn.exec_driver_sql(
                    "SELECT paper_id FROM lab_conflict WHERE kind = 'note'"
                )
            }
            for u, body, version in batch.notes:
                pid = uuids.get(u)
                if pid is None:
                    continue
                if pid in note_conflicts:
                    conn.exec_driver_sql(
                        "UPDATE lab_conflict SET theirs = ?, theirs_version = ?"
                        " WHERE paper_id = ? AND kind = 'note'",
                        (body, version, pid),
                    )
                    continue
                if "note" in pending.get(pid, ()):
                    continue
                if notes_here.get(pid) != body:
                    commands.set_note(rec, pid, body)
                conn.exec_driver_sql(
                    "UPDATE lab_paper SET note_version = ? WHERE paper_id = ?", (version, pid)
                )
                report.pulled += 1
            if batch.read_by_all:
                conn.exec_driver_sql("UPDATE lab_paper SET read_by = 0")
                conn.exec_driver_sql(
                    "DELETE FROM library_setting WHERE key LIKE ?", (READERS_KEY + "%",)
                )
            if batch.read_by:
                conn.exec_driver_sql(
                    "UPDATE lab_paper SET read_by = ? WHERE uuid = ?",
                    [(n, u) for u, n in batch.read_by.items()],
                )
            _put_readers(conn, batch.readers)
            _put(conn, {"lab.cursor": str(batch.cursor), "lab.hlc": str(hlc)})


def _short(title: str, width: int = 50) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"


def _conflict(
    conn: Connection, pid: int, kind: str, name: str, mine: Any, theirs: Any, version: int
) -> Conflict:
    def text(value: Any) -> str | None:
        return None if value is None else value if isinstance(value, str) else json.dumps(value)

    conn.exec_driver_sql(
        "INSERT INTO lab_conflict (paper_id, kind, field, mine, theirs, theirs_version, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(paper_id, kind, field) DO UPDATE SET"
        " mine = excluded.mine, theirs = excluded.theirs,"
        " theirs_version = excluded.theirs_version, at = excluded.at",
        (pid, kind, name, text(mine), text(theirs), version, utcnow().isoformat(sep=" ")),
    )
    row = conn.exec_driver_sql(
        "SELECT c.id, p.title FROM lab_conflict c JOIN paper p ON p.id = c.paper_id"
        " WHERE c.paper_id = ? AND c.kind = ? AND c.field = ?",
        (pid, kind, name),
    ).one()
    return Conflict(int(row[0]), pid, str(row[1]), kind, name, text(mine), text(theirs))


def _apply_fields(
    rec: Recorder,
    pid: int,
    theirs: dict[str, Any],
    base: dict[str, Any],
    *,
    conflicts_ok: bool,
    mine: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write the lab's fields into a local paper where it has not changed them itself.

    ``mine``: the paper's fields as they are now, when already read (in bulk).
    Returns the base to remember: the lab's value where the paper now agrees
    with it, the old base where a local change is still to be pushed.
    """
    conn = rec.conn
    if mine is None:
        mine = local_fields(conn, [pid])[pid]
    new_base = dict(base)
    edits: dict[str, Any] = {}
    for name, value in theirs.items():
        if name not in mine:
            continue
        if name in srv.SET_FIELDS:
            # Sets merge item by item, both ways: what the lab added or removed
            # since the base comes in, what this library did stays to be pushed.
            joined = srv.merge_set(mine[name], base.get(name), value)
            if joined != mine[name]:
                edits[name] = joined
            new_base[name] = value
            continue
        if mine[name] == value:
            new_base[name] = value
        elif not conflicts_ok or mine[name] == base.get(name):
            if value is None and name in ("title", "authors"):
                continue
            edits[name] = value
            new_base[name] = value
    if edits:
        rec.watch_papers([pid], tables=("paper", "paper_abstract", "paper_author"))
        if any(k in edits for k in ("title", "authors", "abstract")):
            commands.edit_paper(
                rec,
                pid,
                title=edits.get("title"),
                authors=edits.get("authors"),
                abstract=(edits.get("abstract") or "") if "abstract" in edits else None,
            )
        if "links" in edits:
            _write_links(rec, pid, list(edits["links"] or []))
        if "listings" in edits:
            _write_listings(rec, pid, list(edits["listings"] or []))
        if "tags" in edits:
            have = {t.casefold(): t for t in mine.get("tags") or []}
            want = {str(t).casefold(): str(t) for t in edits["tags"] or []}
            add = [t for k, t in want.items() if k not in have]
            remove = [t for k, t in have.items() if k not in want]
            if add or remove:
                commands.change_tags(rec, [pid], add, remove)
        bib = {k: v for k, v in edits.items() if k in BIB_COLUMNS}
        if bib:
            sets = ", ".join(f"{k} = ?" for k in bib)
            conn.exec_driver_sql(f"UPDATE paper SET {sets} WHERE id = ?", (*bib.values(), pid))
    return new_base


def _write_links(rec: Recorder, pid: int, links: Sequence[str]) -> None:
    """Make the paper's links the lab's: add the missing ones, remove the others."""
    have = {
        str(target): int(aid)
        for aid, target in rec.conn.exec_driver_sql(
            "SELECT id, target FROM attachment WHERE paper_id = ? AND kind = 'link'", (pid,)
        )
    }
    for target in links:
        if target not in have:
            commands.attach(rec, pid, target)
    for target, aid in have.items():
        if target not in links:
            commands.detach(rec, aid)


def _write_listings(rec: Recorder, pid: int, names: Sequence[str]) -> None:
    """Make the paper's listings the lab's (by name): a listing unknown here is created."""
    conn = rec.conn
    have = {
        str(name).casefold(): (int(lid), str(name))
        for lid, name in conn.exec_driver_sql(
            "SELECT l.id, l.name FROM paper_source ps JOIN source_listing l ON l.id = ps.listing_id"
            " WHERE ps.paper_id = ?",
            (pid,),
        )
    }
    want = {str(n).casefold(): str(n) for n in names}
    add = [n for k, n in want.items() if k not in have]
    remove = [lid for k, (lid, _n) in have.items() if k not in want]
    rec.watch("paper_source", "paper_id", [pid])
    rec.watch("paper", "id", [pid], columns=("sources_text",))
    if add:
        rec.watch("source_listing", "name", add)
        now = utcnow().isoformat(sep=" ")
        for name in add:
            found = conn.exec_driver_sql(
                "SELECT id FROM source_listing WHERE name = ?", (name,)
            ).scalar()
            if found is None:
                # Known from the lab only: no file was imported here (no hash, no entries).
                found = conn.exec_driver_sql(
                    "INSERT INTO source_listing (name, language, content_hash, entry_count,"
                    " first_imported_at, imported_at) VALUES (?, 'unknown', '', 0, ?, ?)",
                    (name, now, now),
                ).lastrowid
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO paper_source (paper_id, listing_id, line) VALUES (?, ?, 0)",
                (pid, found),
            )
    if remove:
        rec.watch("source_listing", "id", remove)
        conn.exec_driver_sql(
            "DELETE FROM paper_source WHERE paper_id = ?"
            f" AND listing_id IN ({_marks(len(remove))})",
            (pid, *remove),
        )
        # A listing known from the lab only, on no paper any more, goes.
        conn.exec_driver_sql(
            f"DELETE FROM source_listing WHERE id IN ({_marks(len(remove))}) AND content_hash = ''"
            " AND id NOT IN (SELECT listing_id FROM paper_source)",
            tuple(remove),
        )
    conn.exec_driver_sql(
        "UPDATE paper SET sources_text = (SELECT coalesce(group_concat(name, ', '), '') FROM"
        " (SELECT l.name FROM paper_source ps JOIN source_listing l ON l.id = ps.listing_id"
        "  WHERE ps.paper_id = ? ORDER BY l.name)) WHERE id = ?",
        (pid, pid),
    )


def _put_readers(conn: Connection, readers: dict[str, tuple[list[str], list[str]]]) -> None:
    """Keep who has read / is reading each paper (a setting per paper that has any)."""
    if not readers:
        return
    keys = [(READERS_KEY + u,) for u in readers]
    conn.exec_driver_sql("DELETE FROM library_setting WHERE key = ?", keys)
    rows = [
        (READERS_KEY + u, json.dumps({"read": read, "reading": reading}))
        for u, (read, reading) in readers.items()
        if read or reading
    ]
    if rows:
        _put(conn, dict(rows))


def _pull_fields(rec: Recorder, pid: int, theirs: dict[str, Any], version: int) -> None:
    conn = rec.conn
    row = conn.exec_driver_sql(
        "SELECT version, base FROM lab_paper WHERE paper_id = ?", (pid,)
    ).one()
    if int(row[0]) >= version:
        return
    base = _apply_fields(rec, pid, theirs, json.loads(row[1]), conflicts_ok=True)
    conn.exec_driver_sql(
        "UPDATE lab_paper SET version = ?, base = ? WHERE paper_id = ?",
        (version, json.dumps(base, default=str), pid),
    )
    # An open clash on a field follows the lab's latest value.
    for (name,) in conn.exec_driver_sql(
        "SELECT field FROM lab_conflict WHERE paper_id = ? AND kind = 'field'", (pid,)
    ).all():
        if name in theirs:
            value = theirs[name]
            text = value if isinstance(value, str) or value is None else json.dumps(value)
            conn.exec_driver_sql(
                "UPDATE lab_conflict SET theirs = ?, theirs_version = ?"
                " WHERE paper_id = ? AND kind = 'field' AND field = ?",
                (text, version, pid, name),
            )


def _local_dois(conn: Connection) -> dict[str, int]:
    """The library's papers not linked to the lab yet, by normalized DOI."""
    out: dict[str, int] = {}
    for pid, doi in conn.exec_driver_sql(
        "SELECT id, doi FROM paper WHERE doi IS NOT NULL AND doi != ''"
        " AND id NOT IN (SELECT paper_id FROM lab_paper)"
    ):
        key = normalize_doi(str(doi))
        if key:
            out.setdefault(key, int(pid))
    return out


def _uuids_linked(conn: Connection, uuids: Sequence[str]) -> set[str]:
    """Those of these lab papers this library has."""
    return {
        str(r[0])
        for chunk in _chunks(list(uuids))
        for r in _rows(
            conn, f"SELECT uuid FROM lab_paper WHERE uuid IN ({_marks(len(chunk))})", chunk
        )
    }


def _uuid_linked(conn: Connection, u: str) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM lab_paper WHERE uuid = ?", (u,)).first() is not None


def _linked(conn: Connection, pid: int) -> bool:
    return (
        conn.exec_driver_sql("SELECT 1 FROM lab_paper WHERE paper_id = ?", (pid,)).first()
        is not None
    )


def _adopt(
    rec: Recorder, u: str, theirs: dict[str, Any], version: int, dois: dict[str, int]
) -> int | None:
    """The local paper for a lab paper seen for the first time: matched, or added."""
    conn = rec.conn
    doi = normalize_doi(theirs.get("doi"))
    pid: int | None = None
    if doi and doi in dois and not _linked(conn, dois[doi]):
        pid = dois.pop(doi)
    if pid is None:
        found = conn.exec_driver_sql(
            "SELECT id FROM paper WHERE title_key = ?", (_title_key(theirs),)
        ).scalar()
        if found is not None:
            if _linked(conn, int(found)):
                return None
            pid = int(found)
    if pid is None:
        try:
            pid = commands.add_paper(
                rec,
                str(theirs.get("title") or ""),
                list(theirs.get("authors") or []),
                theirs.get("abstract"),
            )
        except Exception:
            return None
        existed = False
    else:
        existed = True
    _apply_fields(rec, pid, theirs, {}, conflicts_ok=False)
    # A paper of this library matched to the lab's: listings, links (and
    # shared tags) it has beyond the lab's go to the lab.
    ahead = existed and any(
        value != (theirs.get(name) or [])
        for name, value in local_fields(conn, [pid])[pid].items()
        if name in srv.SET_FIELDS
    )
    conn.exec_driver_sql(
        "INSERT INTO lab_paper (paper_id, uuid, version, base, force) VALUES (?, ?, ?, ?, ?)",
        (pid, u, version, json.dumps(theirs, default=str), "shared" if ahead else ""),
    )
    if ahead:
        _put(conn, {FORCED: "1"})
    return pid


def _adopt_bulk(
    rec: Recorder, fresh: Sequence[tuple[str, dict[str, Any], int]], dois: dict[str, int]
) -> dict[str, int]:
    """Add many lab papers at once, through the importer (a paper at a time: ~5 ms each).

    Only papers that nothing here matches and whose first listing this library
    has not imported from a file itself (an import would mark that listing as
    the lab's); the others are left to ``_adopt``. Returns the local id of
    each paper added, by UUID.
    """
    from readinglist.formats.record import ReadResult, Record
    from readinglist.library import records_import

    conn = rec.conn
    keys = {u: _title_key(theirs) for u, theirs, _v in fresh}
    taken = {
        str(r[0])
        for chunk in _chunks(sorted(set(keys.values())))
        for r in _rows(
            conn, f"SELECT title_key FROM paper WHERE title_key IN ({_marks(len(chunk))})", chunk
        )
    }
    # Listings imported here from a file (those known from the lab only have no hash).
    known_listings = {
        str(r[0])
        for r in _rows(conn, "SELECT name FROM source_listing WHERE content_hash != ''", ())
    }
    groups: dict[str, list[tuple[str, dict[str, Any], int]]] = {}
    for u, theirs, version in fresh:
        names = list(theirs.get("listings") or [])
        doi = normalize_doi(theirs.get("doi"))
        key = keys[u]
        if not names or not key or key in taken or (doi and doi in dois):
            continue
        if names[0] in known_listings or not str(theirs.get("title") or "").strip():
            continue
        taken.add(key)
        groups.setdefault(names[0], []).append((u, theirs, version))
    out: dict[str, int] = {}
    links: list[tuple[int, str, int, str]] = []
    for name, items in groups.items():
        records = [
            Record(
                title=str(theirs["title"]),
                authors=tuple(theirs.get("authors") or ()),
                abstract=theirs.get("abstract") or None,
                type=theirs.get("entry_type") or "",
                year=theirs.get("year"),
                date=theirs.get("date"),
                venue=theirs.get("venue"),
                volume=theirs.get("volume"),
                number=theirs.get("number"),
                pages=theirs.get("pages"),
                doi=theirs.get("doi"),
                url=theirs.get("url"),
                arxiv=theirs.get("arxiv"),
                language=theirs.get("language"),
                keywords=tuple(k for k in str(theirs.get("keywords") or "").split(", ") if k),
            )
            for _u, theirs, _v in items
        ]
        records_import.import_result(rec, ReadResult(name=name, format="lab", records=records))
        wanted = [keys[u] for u, _t, _v in items]
        by_key = {
            str(k): int(pid)
            for chunk in _chunks(wanted)
            for pid, k in _rows(
                conn,
                f"SELECT id, title_key FROM paper WHERE title_key IN ({_marks(len(chunk))})",
                chunk,
            )
        }
        added = {u: by_key[keys[u]] for u, _t, _v in items if keys[u] in by_key}
        # What the importer could not write as the lab has it (more listings,
        # links, a value it normalizes) is written the ordinary way.
        mine = local_fields(conn, sorted(added.values()))
        for u, theirs, version in items:
            pid = added.get(u)
            if pid is None:
                continue
            here = mine[pid]
            if any(here.get(k) != v for k, v in theirs.items() if k in here):
                _apply_fields(rec, pid, theirs, {}, conflicts_ok=False, mine=here)
            links.append((pid, u, version, json.dumps(theirs, default=str)))
            out[u] = pid
    if links:
        conn.exec_driver_sql(
            "INSERT INTO lab_paper (paper_id, uuid, version, base) VALUES (?, ?, ?, ?)", links
        )
    return out


def _pull_private(
    rec: Recorder, pid: int, queue: int | None, trashed: bool, tags: Sequence[str]
) -> None:
    conn = rec.conn
    rec.watch("paper", "id", [pid])
    conn.exec_driver_sql(
        "UPDATE paper SET queue_position = ?,"
        " trashed_at = CASE WHEN ? THEN coalesce(trashed_at, ?) ELSE NULL END WHERE id = ?",
        (queue, trashed, utcnow().isoformat(sep=" "), pid),
    )
    current = {
        str(r[0]).casefold(): str(r[0])
        for r in conn.exec_driver_sql(
            "SELECT t.name FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.paper_id = ?",
            (pid,),
        )
    }
    wanted = {t.casefold(): t for t in tags}
    add = [t for k, t in wanted.items() if k not in current]
    remove = [t for k, t in current.items() if k not in wanted]
    if add or remove:
        commands.change_tags(rec, [pid], add, remove)


# -- status, leave, conflicts ---------------------------------------------------------


def status(library: Library) -> LabStatus:
    with library.engine.connect() as conn:
        settings = _settings(conn)
        if "lab.server" not in settings:
            return LabStatus(None, None, None, 0, 0, False)
        pushed = int(settings.get("lab.pushed", "0"))
        pending = len(_pending_entries(conn, pushed, None)) + len(_forced(conn))
        conflicts = int(conn.exec_driver_sql("SELECT count(*) FROM lab_conflict").scalar_one())
    return LabStatus(
        settings["lab.server"],
        settings.get("lab.member"),
        settings.get("lab.last_sync"),
        pending,
        conflicts,
        settings.get("lab.share") == "on",
        settings.get(SHARED_TAGS) == "on",
    )


def leave(library: Library) -> None:
    """Detach from the lab: the lab settings go; papers, notes and the server stay."""
    with library.journaled("sync", "Leave the lab") as rec:
        rec.conn.exec_driver_sql(
            f"DELETE FROM library_setting WHERE key IN ({_marks(len(SETTINGS))})"
            " AND key != 'lab.library_id'",
            SETTINGS,
        )
        for table in ("lab_paper", "lab_event", "lab_conflict", "lab_repush"):
            rec.conn.exec_driver_sql(f"DELETE FROM {table}")
        rec.conn.exec_driver_sql(
            "DELETE FROM library_setting WHERE key LIKE ?", (READERS_KEY + "%",)
        )


def set_share(library: Library, share: bool, *, ask: bool = False) -> None:
    """Show (or hide) this member's status and rating to the lab: on the server, then here.

    Raises ServerUnreachable when the server cannot be reached (nothing changed).
    """
    with LabSync(library, ask=ask) as lab:
        lab.server.hello()
        lab.server.set_share(share)
    set_share_setting(library, share)


def set_share_setting(library: Library, share: bool) -> None:
    with library.journaled("sync", "Lab sharing") as rec:
        _put(rec.conn, {"lab.share": "on" if share else "off"})


def read_by(library: Library, pids: Sequence[int]) -> dict[int, int | None]:
    """How many in the lab have read each paper (None for all when not in a lab)."""
    with library.engine.connect() as conn:
        if "lab.server" not in _settings(conn):
            return dict.fromkeys(pids)
        found: dict[int, int | None] = dict.fromkeys(pids, 0)
        for chunk in _chunks(list(pids)):
            for pid, n in conn.exec_driver_sql(
                f"SELECT paper_id, coalesce(read_by, 0) FROM lab_paper"
                f" WHERE paper_id IN ({_marks(len(chunk))})",
                tuple(chunk),
            ):
                found[int(pid)] = int(n)
        return found


@dataclass(frozen=True, slots=True)
class Readers:
    """Who in the lab (of the members who share) has read, or is reading, a paper."""

    read: tuple[str, ...] = ()
    reading: tuple[str, ...] = ()


def readers(library: Library, pids: Sequence[int]) -> dict[int, Readers] | None:
    """Who has read / is reading each paper, as of the last sync (None: not in a lab).

    Local only (the last pull keeps it); members who do not share are never named.
    """
    with library.engine.connect() as conn:
        if "lab.server" not in _settings(conn):
            return None
        found = {int(pid): Readers() for pid in pids}
        for chunk in _chunks(list(found)):
            for pid, value in conn.exec_driver_sql(
                "SELECT lp.paper_id, s.value FROM lab_paper lp"
                " JOIN library_setting s ON s.key = ? || lp.uuid"
                f" WHERE lp.paper_id IN ({_marks(len(chunk))})",
                (READERS_KEY, *chunk),
            ):
                data = json.loads(value)
                found[int(pid)] = Readers(tuple(data["read"]), tuple(data["reading"]))
        return found


def lab_member(library: Library) -> str | None:
    """This library's member name in its lab (None: not in a lab)."""
    with library.engine.connect() as conn:
        settings = _settings(conn)
    return settings.get("lab.member") if "lab.server" in settings else None


def shared_tags(library: Library) -> bool:
    """Whether the lab shares tags (as this library last heard from it)."""
    with library.engine.connect() as conn:
        settings = _settings(conn)
    return "lab.server" in settings and settings.get(SHARED_TAGS) == "on"


@dataclass(frozen=True, slots=True)
class Conflict:
    """A note or a shared field changed in two places; ``mine``/``theirs`` as text."""

    id: int
    paper_id: int
    title: str
    kind: str
    field: str
    mine: str | None
    theirs: str | None

    @property
    def mine_value(self) -> Any:
        """This library's value, decoded (a list of names for authors, an int for year)."""
        return self.mine if self.kind == "note" else _decode_field(self.field, self.mine)

    @property
    def theirs_value(self) -> Any:
        """The lab's value (or the other machine's note), decoded."""
        return self.theirs if self.kind == "note" else _decode_field(self.field, self.theirs)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "paper_id": self.paper_id,
            "title": self.title,
            "kind": self.kind,
            "field": self.field,
            "mine": self.mine,
            "theirs": self.theirs,
        }


def conflicts(library: Library) -> list[Conflict]:
    with library.engine.connect() as conn:
        return [
            Conflict(int(i), int(p), str(t), str(k), str(f), m, th)
            for i, p, t, k, f, m, th in conn.exec_driver_sql(
                "SELECT c.id, c.paper_id, p.title, c.kind, c.field, c.mine, c.theirs"
                " FROM lab_conflict c JOIN paper p ON p.id = c.paper_id ORDER BY c.id"
            )
        ]


def field_conflicts(library: Library) -> list[Conflict]:
    """The open conflicts on shared fields (a title corrected by two members)."""
    return [c for c in conflicts(library) if c.kind == "field"]


def resolve(library: Library, conflict_id: int, keep: str, value: Any = None) -> None:
    """Settle a conflict: keep ``mine`` or ``theirs``, or a ``merged`` value of both.

    Mine and merged go to the lab at the next sync. One journal entry (undoable).
    """
    if keep not in ("mine", "theirs", "merged"):
        raise LabError(f"Keep 'mine', 'theirs' or 'merged', not '{keep}'.")
    found = [c for c in conflicts(library) if c.id == conflict_id]
    if not found:
        raise LabError(f"There is no lab conflict {conflict_id} (see `readinglist lab conflicts`).")
    c = found[0]
    if keep == "merged":
        _check_merged(c, value)
    label = f"Resolve the lab conflict on “{_short(c.title)}”"
    with library.journaled("lab", label, [c.paper_id]) as rec:
        conn = rec.conn
        version = conn.exec_driver_sql(
            "SELECT theirs_version FROM lab_conflict WHERE id = ?", (c.id,)
        ).scalar_one()
        if c.kind == "note":
            if keep == "theirs":
                commands.set_note(rec, c.paper_id, c.theirs or "")
            elif keep == "merged":
                commands.set_note(rec, c.paper_id, str(value))
            conn.exec_driver_sql(
                "UPDATE lab_paper SET note_version = ?,"
                " force = CASE WHEN ? THEN 'note' ELSE force END WHERE paper_id = ?",
                (version, keep != "theirs", c.paper_id),
            )
            _put(conn, {FORCED: "1"})
        else:
            theirs = _decode_field(c.field, c.theirs)
            row = conn.exec_driver_sql(
                "SELECT base FROM lab_paper WHERE paper_id = ?", (c.paper_id,)
            ).scalar_one()
            base = json.loads(row)
            base[c.field] = theirs
            if keep != "mine":
                wanted = theirs if keep == "theirs" else value
                _apply_fields(rec, c.paper_id, {c.field: wanted}, {}, conflicts_ok=False)
            conn.exec_driver_sql(
                "UPDATE lab_paper SET base = ?, version = max(version, ?),"
                " force = CASE WHEN ? THEN 'shared' ELSE force END WHERE paper_id = ?",
                (json.dumps(base, default=str), version, keep != "theirs", c.paper_id),
            )
            _put(conn, {FORCED: "1"})
        conn.exec_driver_sql("DELETE FROM lab_conflict WHERE id = ?", (c.id,))


def _check_merged(c: Conflict, value: Any) -> None:
    """A merged value must be of the field's kind; a title cannot be empty."""
    if c.kind == "note" or c.field not in ("authors", "year"):
        ok = isinstance(value, str) and (c.field != "title" or bool(value.strip()))
    elif c.field == "authors":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value) and bool(value)
    else:
        ok = value is None or isinstance(value, int)
    if not ok:
        raise LabError(f"{value!r} cannot be the {c.field or 'note'} of a paper.")


def _decode_field(name: str, text: str | None) -> Any:
    if text is None:
        return None
    if name in ("authors", "year", *srv.SET_FIELDS):
        return json.loads(text)
    return text
