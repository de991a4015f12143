"""The lab server: the one module that speaks PostgreSQL (psycopg 3 under SQLAlchemy).

Everything a library asks of the server is a method of ``LabServer`` that runs
in one server transaction: ``push`` (a batch of local changes), ``pull``
(what changed since a position), ``read_by`` counts, sharing, listening.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from readinglist.lab import urls
from readinglist.lab.errors import LabError, ServerUnreachable

SERVER_HEAD = "l0002"
OLDER_REVISIONS = ("l0001",)
MEMBER_ROLE = "readinglist_lab_member"
CHANNEL = "readinglist_lab"
CONNECT_TIMEOUT = 5
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

Fields = dict[str, Any]
# Shared fields that are sets (links, listings, the lab's tags): merged item by
# item, so two members adding different ones both keep theirs, never a conflict.
SET_FIELDS = frozenset({"links", "listings", "tags"})
# The lab's settings (table lab_setting, schema l0002) and their values.
LAB_SETTINGS = {"shared_tags": ("on", "off")}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def _jsonb(value: Any) -> Any:
    from psycopg.types.json import Jsonb

    return Jsonb(value)


@dataclass(slots=True)
class PaperPush:
    """A local paper's shared fields, with those last seen on the server (``base``)."""

    pid: int
    uuid: str
    linked: bool
    version: int
    base: Fields
    fields: Fields
    title_key: str
    first_author_key: str
    doi: str | None


@dataclass(slots=True)
class PaperResult:
    pid: int
    uuid: str
    version: int
    fields: Fields
    matched: bool = False
    # Fields the server holds another change of: (name, theirs).
    conflicts: list[tuple[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class NoteResult:
    uuid: str
    version: int
    # The server's body when it differs and was changed since this machine saw it.
    theirs: str | None = None


@dataclass(slots=True)
class PushBatch:
    papers: list[PaperPush] = field(default_factory=list)
    # uuid, status, rating, hlc
    states: list[tuple[str, str, int, int]] = field(default_factory=list)
    # uuid, queue_position, trashed, tags, hlc
    privates: list[tuple[str, int | None, bool, list[str], int]] = field(default_factory=list)
    # event uuid, paper uuid, old status, new status, at
    events: list[tuple[str, str, str | None, str, Any]] = field(default_factory=list)
    # paper uuid, body, version seen
    notes: list[tuple[str, str, int]] = field(default_factory=list)
    # Papers this member deleted for good: uuid, hlc.
    deleted: list[tuple[str, int]] = field(default_factory=list)


@dataclass(slots=True)
class PushResult:
    papers: dict[int, PaperResult] = field(default_factory=dict)
    notes: dict[str, NoteResult] = field(default_factory=dict)


@dataclass(slots=True)
class PullBatch:
    """What changed after ``since`` up to ``cursor``, in one consistent snapshot."""

    since: int
    cursor: int
    more: bool
    papers: list[tuple[str, Fields, int]] = field(default_factory=list)
    states: list[tuple[str, str, int, int]] = field(default_factory=list)
    # uuid, queue_position, trashed, tags, hlc, deleted
    privates: list[tuple[str, int | None, bool, list[str], int, bool]] = field(default_factory=list)
    events: list[tuple[str, str, str | None, str, Any]] = field(default_factory=list)
    notes: list[tuple[str, str, int]] = field(default_factory=list)
    read_by: dict[str, int] = field(default_factory=dict)
    # Who (of the members who share) has read / is reading each paper of read_by.
    readers: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    # The lab's sharing changed: every count was recomputed (papers left out have 0).
    read_by_all: bool = False


def make_engine(url: URL, password: str | None, *, pooled: bool = False) -> Engine:
    """An engine for the lab server; ``pooled`` keeps one connection for the next sync.

    A sync opens two or three server transactions; a new connection each
    (with its password exchange) was a good part of an idle sync. A kept
    connection is checked before use, so a server restarted meanwhile costs
    a reconnection, not an error.
    """
    # psycopg logs a warning of its own when a connection drops in the middle
    # of a batch; the error that follows is what the user is told, in one line.
    logging.getLogger("psycopg").setLevel(logging.ERROR)
    args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT, "application_name": "readinglist"}
    if not pooled:
        return create_engine(
            urls.for_sqlalchemy(url, password), poolclass=NullPool, connect_args=args
        )
    return create_engine(
        urls.for_sqlalchemy(url, password),
        pool_size=1,
        max_overflow=2,
        pool_pre_ping=True,
        pool_recycle=300,
        connect_args=args,
    )


def _migrate(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("readinglist.lab").joinpath("migrations"))
    )
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def server_revision(conn: Connection) -> str | None:
    if conn.exec_driver_sql("SELECT to_regclass('lab_schema_version')").scalar() is None:
        return None
    return conn.exec_driver_sql("SELECT version_num FROM lab_schema_version").scalar()


def init_schema(admin_url: URL, password: str | None) -> tuple[str | None, str]:
    """Create or upgrade the lab's schema; returns the revisions before and after."""
    engine = make_engine(admin_url, password)
    try:
        with _connected(engine, admin_url) as conn:
            before = server_revision(conn)
            _migrate(conn)
            conn.commit()
            after = server_revision(conn) or SERVER_HEAD
        return before, after
    finally:
        engine.dispose()


def add_member(admin_url: URL, admin_password: str | None, name: str, password: str) -> None:
    """Create the login role ``name`` in the lab's member group."""
    if not _ROLE_NAME.match(name):
        raise LabError(
            f"'{name}' cannot be a member name: use lower-case letters, digits and _"
            " (starting with a letter), at most 63."
        )
    engine = make_engine(admin_url, admin_password)
    try:
        with _connected(engine, admin_url) as conn:
            if server_revision(conn) is None:
                raise LabError("This database has no lab yet; run `readinglist lab init` first.")
            exists = conn.exec_driver_sql(
                "SELECT 1 FROM pg_roles WHERE rolname = %(n)s", {"n": name}
            ).first()
            if exists:
                raise LabError(f"There is already a role named '{name}' on this server.")
            quoted = conn.exec_driver_sql(
                "SELECT quote_ident(%(n)s), quote_literal(%(p)s), quote_ident(current_database())",
                {"n": name, "p": password},
            ).one()
            conn.exec_driver_sql(
                f"CREATE ROLE {quoted[0]} LOGIN PASSWORD {quoted[1]} IN ROLE {MEMBER_ROLE}"
            )
            conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {quoted[2]} TO {quoted[0]}")
            conn.commit()
    finally:
        engine.dispose()


def new_password() -> str:
    return secrets.token_urlsafe(18)


@contextmanager
def _connected(engine: Engine, url: URL) -> Iterator[Connection]:
    try:
        conn = engine.connect()
    except OperationalError as exc:
        if "no password supplied" in _reason(exc):
            raise LabError(
                f"The lab server {urls.shown(url)} asks for a password: put it in the URL,"
                " in $READINGLIST_LAB_PASSWORD or in the keyring (lab join from a terminal)."
            ) from exc
        if "authentication failed" in _reason(exc):
            raise LabError(
                f"The lab server {urls.shown(url)} refused the login: wrong member name or"
                " password."
            ) from exc
        raise ServerUnreachable(
            f"Cannot reach the lab server {urls.shown(url)}: {_reason(exc)}."
        ) from exc
    try:
        yield conn
    except OperationalError as exc:
        raise ServerUnreachable(
            f"The lab server {urls.shown(url)} went away: {_reason(exc)}."
        ) from exc
    except DBAPIError as exc:
        raise LabError(f"The lab server refused: {_reason(exc)}.") from exc
    finally:
        conn.close()


class LabServer:
    """A member's connection to the lab server; each method is one server transaction."""

    def __init__(self, url: URL, password: str | None) -> None:
        self.url = url
        self.engine = make_engine(url, password, pooled=True)
        # Listening holds a connection for as long as it runs: one of its own.
        self._listen_engine = make_engine(url, password)
        # The lab's settings as of the last hello().
        self.settings: dict[str, str] = {}
        # A server dropped without close() (a window closed) still closes its connection.
        weakref.finalize(self, self.engine.dispose)
        weakref.finalize(self, self._listen_engine.dispose)

    def close(self) -> None:
        self.engine.dispose()
        self._listen_engine.dispose()

    @contextmanager
    def _tx(self, *, readonly: bool = False) -> Iterator[Connection]:
        with _connected(self.engine, self.url) as conn:
            if readonly:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                if readonly:
                    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                yield conn

    def hello(self) -> str:
        """Check the schema and membership; join the lab's member list; returns the role name."""
        with self._tx() as conn:
            revision = server_revision(conn)
            if revision is None:
                raise LabError(
                    f"{urls.shown(self.url)} holds no lab (ask its admin to run"
                    " `readinglist lab init`)."
                )
            if revision in OLDER_REVISIONS:
                raise LabError(
                    f"The lab server's schema is {revision}, older than this readinglist's"
                    f" {SERVER_HEAD}: ask the lab's admin to run `readinglist lab init` again"
                    " (it upgrades the lab and keeps everything)."
                )
            if revision != SERVER_HEAD:
                raise LabError(
                    f"The lab server's schema is {revision}; this readinglist knows"
                    f" {SERVER_HEAD}. Update readinglist (or ask the admin to run"
                    " `readinglist lab init` again)."
                )
            member = str(conn.exec_driver_sql("SELECT current_user").scalar_one())
            self.settings = _lab_settings(conn)
            known = conn.exec_driver_sql(
                "SELECT 1 FROM lab_member WHERE member = current_user"
            ).first()
            if known is None:
                # Only once: a write here on every sync would wake every listener.
                conn.exec_driver_sql("INSERT INTO lab_member DEFAULT VALUES ON CONFLICT DO NOTHING")
            return member

    def set_share(self, share: bool) -> None:
        with self._tx() as conn:
            conn.exec_driver_sql(
                "INSERT INTO lab_member (share) VALUES (%(s)s)"
                " ON CONFLICT (member) DO UPDATE SET share = excluded.share",
                {"s": share},
            )

    def head(self) -> int:
        """The newest position a pull can reach now."""
        with self._tx(readonly=True) as conn:
            return int(
                conn.exec_driver_sql(
                    "SELECT greatest((SELECT max(seq) FROM lab_paper),"
                    " (SELECT max(seq) FROM member_state), (SELECT max(seq) FROM member_private),"
                    " (SELECT max(seq) FROM member_event), (SELECT max(seq) FROM member_note),"
                    " (SELECT max(seq) FROM lab_member), (SELECT max(seq) FROM lab_setting), 0)"
                ).scalar_one()
            )

    # -- push ------------------------------------------------------------------

    def push(self, batch: PushBatch) -> PushResult:
        """Write a batch of local changes in one transaction; nothing is written twice.

        Papers are matched to the lab's by UUID, then DOI, then normalized title
        and first author; shared fields are written only where the server still
        holds what this machine last saw (or already holds the new value).
        """
        result = PushResult()
        with self._tx() as conn:
            if batch.papers:
                self._push_papers(conn, batch.papers, result)
            if batch.states:
                conn.exec_driver_sql(
                    "INSERT INTO member_state (paper, status, rating, hlc)"
                    " VALUES (%s, %s, %s, %s) ON CONFLICT (member, paper) DO UPDATE SET"
                    " status = excluded.status, rating = excluded.rating, hlc = excluded.hlc"
                    " WHERE member_state.hlc < excluded.hlc",
                    batch.states,
                )
                # A paper deleted for good on one machine and changed later on
                # another: the later change wins, the paper comes back.
                conn.exec_driver_sql(
                    "UPDATE member_private p SET deleted = false, hlc = s.hlc"
                    " FROM member_state s WHERE p.member = current_user"
                    " AND s.member = current_user AND s.paper = p.paper AND p.deleted"
                    " AND s.hlc > p.hlc AND p.paper = ANY(%(u)s::uuid[])",
                    {"u": [u for u, *_ in batch.states]},
                )
            if batch.privates:
                conn.exec_driver_sql(
                    "INSERT INTO member_private (paper, queue_position, trashed, tags, hlc)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (member, paper) DO UPDATE SET"
                    " queue_position = excluded.queue_position, trashed = excluded.trashed,"
                    " tags = excluded.tags, hlc = excluded.hlc, deleted = false"
                    " WHERE member_private.hlc < excluded.hlc",
                    [(u, q, t, _jsonb(tags), h) for u, q, t, tags, h in batch.privates],
                )
            if batch.deleted:
                # The rest of the row stays as it was: an undo brings it all back.
                conn.exec_driver_sql(
                    "INSERT INTO member_private (paper, hlc, deleted)"
                    " VALUES (%s, %s, true) ON CONFLICT (member, paper) DO UPDATE SET"
                    " deleted = true, queue_position = NULL, hlc = excluded.hlc"
                    " WHERE member_private.hlc < excluded.hlc",
                    batch.deleted,
                )
            if batch.events:
                conn.exec_driver_sql(
                    "INSERT INTO member_event (uuid, paper, old_status, new_status, at)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (uuid) DO NOTHING",
                    batch.events,
                )
            for paper, body, seen in batch.notes:
                result.notes[paper] = self._push_note(conn, paper, body, seen)
        return result

    def _push_papers(self, conn: Connection, papers: Sequence[PaperPush], out: PushResult) -> None:
        rows = {
            str(u): (dict(f), int(v))
            for u, f, v in conn.exec_driver_sql(
                "SELECT uuid::text, fields, version FROM lab_paper WHERE uuid = ANY(%(u)s::uuid[])"
                " ORDER BY uuid FOR UPDATE",
                {"u": [p.uuid for p in papers]},
            )
        }
        unlinked = [p for p in papers if p.uuid not in rows]
        by_doi: dict[str, tuple[str, Fields, int]] = {}
        by_title: dict[str, list[tuple[str, str, Fields, int]]] = {}
        if unlinked:
            for u, doi, key, author, f, v in conn.exec_driver_sql(
                "SELECT uuid::text, doi, title_key, first_author_key, fields, version"
                " FROM lab_paper WHERE doi = ANY(%(d)s) OR title_key = ANY(%(t)s)"
                " ORDER BY seq FOR UPDATE",
                {
                    "d": [p.doi for p in unlinked if p.doi],
                    "t": [p.title_key for p in unlinked],
                },
            ):
                if doi:
                    by_doi.setdefault(doi, (u, dict(f), int(v)))
                by_title.setdefault(key, []).append((u, author, dict(f), int(v)))
        inserts: list[PaperPush] = []
        updates: list[tuple[Any, int, str]] = []
        for paper in papers:
            found = rows.get(paper.uuid)
            matched = False
            if found is None:
                match = _match(paper, by_doi, by_title)
                if match is None:
                    inserts.append(paper)
                    out.papers[paper.pid] = PaperResult(paper.pid, paper.uuid, 1, paper.fields)
                    # A second local paper with the same keys matches this one.
                    by_title.setdefault(paper.title_key, []).append(
                        (paper.uuid, paper.first_author_key, paper.fields, 1)
                    )
                    continue
                uuid, theirs, version = match
                matched = True
                # Joining: the lab's values stand; the lab learns what it lacked,
                # and sets (links, listings, tags) are joined.
                base = {k: [] for k in SET_FIELDS} | {
                    k: v for k, v in theirs.items() if k not in SET_FIELDS
                }
                wanted = {
                    k: v
                    for k, v in paper.fields.items()
                    if k in SET_FIELDS or _empty(theirs.get(k))
                }
            else:
                uuid = paper.uuid
                theirs, version = found
                base = paper.base
                wanted = paper.fields
            merged, conflicts = _merge(theirs, base, wanted)
            if merged != theirs:
                version += 1
                updates.append((_jsonb(merged), version, uuid))
            out.papers[paper.pid] = PaperResult(
                paper.pid, uuid, version, merged, matched=matched, conflicts=conflicts
            )
        if inserts:
            # One statement over one JSON document: a join's 2,000 new papers a
            # batch in one statement and one parameter.
            new_rows = [
                {
                    "uuid": p.uuid,
                    "title_key": p.title_key,
                    "first_author_key": p.first_author_key,
                    "doi": p.doi,
                    "fields": p.fields,
                }
                for p in inserts
            ]
            conn.exec_driver_sql(
                "INSERT INTO lab_paper (uuid, title_key, first_author_key, doi, fields)"
                " SELECT uuid, title_key, first_author_key, doi, fields"
                " FROM jsonb_to_recordset(%(rows)s::jsonb) AS n(uuid uuid, title_key text,"
                " first_author_key text, doi text, fields jsonb)",
                {"rows": json.dumps(new_rows, default=str)},
            )
        if updates:
            conn.exec_driver_sql(
                "UPDATE lab_paper SET fields = %s, version = %s, updated_by = current_user,"
                " updated_at = now(), doi = coalesce(lower(%s::jsonb ->> 'doi'), doi)"
                " WHERE uuid = %s",
                [(f, v, f, u) for f, v, u in updates],
            )

    def _push_note(self, conn: Connection, paper: str, body: str, seen: int) -> NoteResult:
        row = conn.exec_driver_sql(
            "SELECT body, version FROM member_note WHERE member = current_user AND paper = %s"
            " FOR UPDATE",
            (paper,),
        ).first()
        if row is None:
            conn.exec_driver_sql(
                "INSERT INTO member_note (paper, body) VALUES (%s, %s)", (paper, body)
            )
            return NoteResult(paper, 1)
        theirs, version = str(row[0]), int(row[1])
        if theirs == body:
            return NoteResult(paper, version)
        if version != seen:
            return NoteResult(paper, version, theirs=theirs)
        conn.exec_driver_sql(
            "UPDATE member_note SET body = %s, version = version + 1"
            " WHERE member = current_user AND paper = %s",
            (body, paper),
        )
        return NoteResult(paper, version + 1)

    # -- pull ------------------------------------------------------------------

    def pull(self, since: int, limit: int = 2000) -> PullBatch:
        """What changed after position ``since``, at most ``limit`` rows a kind, consistently.

        Writers commit in ``seq`` order (see the server schema), so every row
        at or below the highest position this snapshot sees is in it.
        """
        with self._tx(readonly=True) as conn:
            queries = {
                # Papers this member deleted for good are not sent again.
                "papers": (
                    "SELECT uuid::text, fields, version, seq FROM lab_paper",
                    "NOT EXISTS (SELECT 1 FROM member_private d WHERE d.member = current_user"
                    " AND d.paper = lab_paper.uuid AND d.deleted)",
                ),
                "states": (
                    "SELECT paper::text, status, rating, hlc, seq FROM member_state",
                    "member = current_user",
                ),
                "privates": (
                    "SELECT paper::text, queue_position, trashed, tags, hlc, deleted, seq"
                    " FROM member_private",
                    "member = current_user",
                ),
                "events": (
                    "SELECT uuid::text, paper::text, old_status, new_status, at, seq"
                    " FROM member_event",
                    "member = current_user",
                ),
                "notes": (
                    "SELECT paper::text, body, version, seq FROM member_note",
                    "member = current_user",
                ),
                "others": ("SELECT paper::text, seq FROM member_state", "member <> current_user"),
                "members": ("SELECT member, seq FROM lab_member", "true"),
            }
            found: dict[str, list[Any]] = {}
            cursor: int | None = None
            top = since
            for name, (select, where) in queries.items():
                rows = conn.exec_driver_sql(
                    f"{select} WHERE {where} AND seq > %(s)s ORDER BY seq LIMIT %(n)s",
                    {"s": since, "n": limit},
                ).all()
                found[name] = list(rows)
                if rows:
                    top = max(top, int(rows[-1][-1]))
                if len(rows) == limit:
                    last = int(rows[-1][-1])
                    cursor = last if cursor is None else min(cursor, last)
            more = cursor is not None
            end = top if cursor is None else cursor
            batch = PullBatch(since, end, more)

            def upto(rows: list[Any]) -> list[Any]:
                return [r[:-1] for r in rows if int(r[-1]) <= end]

            batch.papers = [(u, dict(f), int(v)) for u, f, v in upto(found["papers"])]
            batch.states = [(u, s, int(r), int(h)) for u, s, r, h in upto(found["states"])]
            batch.privates = [
                (u, q, bool(t), list(tags), int(h), bool(d))
                for u, q, t, tags, h, d in upto(found["privates"])
            ]
            batch.events = [(e, u, o, n, at) for e, u, o, n, at in upto(found["events"])]
            batch.notes = [(u, str(b), int(v)) for u, b, v in upto(found["notes"])]
            batch.read_by_all = bool(upto(found["members"]))
            changed = {r[0] for r in upto(found["others"])} | {r[0] for r in batch.states}
            if batch.read_by_all or changed:
                batch.readers = self._readers(conn, None if batch.read_by_all else changed)
                for uuid in changed:
                    batch.readers.setdefault(uuid, ([], []))
                batch.read_by = {u: len(r[0]) for u, r in batch.readers.items()}
            return batch

    def revive(self, batch: PullBatch, revived: Sequence[str]) -> None:
        """Add these papers to a pulled batch, with this member's own rows on them.

        For papers a library does not have although the member's private row
        says they are not deleted: deleted for good here, then brought back on
        another machine (an undo, a later change). They come back whole,
        whatever the positions of their rows; what the batch has already stays.
        """
        with self._tx(readonly=True) as conn:
            self._revive(conn, batch, list(revived))

    @staticmethod
    def _revive(conn: Connection, batch: PullBatch, revived: list[str]) -> None:
        params = {"u": revived}
        batch.papers += [
            (str(u), dict(f), int(v))
            for u, f, v in conn.exec_driver_sql(
                "SELECT uuid::text, fields, version FROM lab_paper WHERE uuid = ANY(%(u)s::uuid[])",
                params,
            )
        ]
        mine = "member = current_user AND paper = ANY(%(u)s::uuid[])"
        seen = {r[0] for r in batch.states}
        batch.states += [
            (str(u), str(st), int(r), int(h))
            for u, st, r, h in conn.exec_driver_sql(
                f"SELECT paper::text, status, rating, hlc FROM member_state WHERE {mine}", params
            )
            if str(u) not in seen
        ]
        seen = {r[0] for r in batch.notes}
        batch.notes += [
            (str(u), str(b), int(v))
            for u, b, v in conn.exec_driver_sql(
                f"SELECT paper::text, body, version FROM member_note WHERE {mine}", params
            )
            if str(u) not in seen
        ]
        seen = {r[0] for r in batch.events}
        batch.events += [
            (str(e), str(u), o, str(n), at)
            for e, u, o, n, at in conn.exec_driver_sql(
                "SELECT uuid::text, paper::text, old_status, new_status, at FROM member_event"
                f" WHERE {mine}",
                params,
            )
            if str(e) not in seen
        ]

    @staticmethod
    def _readers(
        conn: Connection, papers: set[str] | None
    ) -> dict[str, tuple[list[str], list[str]]]:
        """Who has read, and who is reading, each paper: the members who share."""
        sql = (
            "SELECT s.paper::text, s.status, array_agg(s.member ORDER BY s.member)"
            " FROM member_state s JOIN lab_member m ON m.member = s.member AND m.share"
            " WHERE s.status IN ('read', 'reading')"
        )
        params: dict[str, Any] = {}
        if papers is not None:
            sql += " AND s.paper = ANY(%(p)s::uuid[])"
            params["p"] = sorted(papers)
        out: dict[str, tuple[list[str], list[str]]] = {}
        for u, status, members in conn.exec_driver_sql(sql + " GROUP BY s.paper, s.status", params):
            entry = out.setdefault(str(u), ([], []))
            entry[0 if status == "read" else 1].extend(str(m) for m in members)
        return out

    # -- live ------------------------------------------------------------------

    def listen(
        self,
        on_change: Callable[[str], None],
        stop: threading.Event,
        ready: Callable[[], None] | None = None,
    ) -> None:
        """Call ``on_change(table)`` for each notification until ``stop`` is set.

        Raises ServerUnreachable when the connection is lost (the caller retries).
        """
        raw = None
        try:
            raw = self._listen_engine.raw_connection()
        except Exception as exc:  # the driver's own error, not always wrapped
            raise ServerUnreachable(f"Cannot listen to the lab server: {_reason(exc)}.") from exc
        try:
            driver: Any = raw.driver_connection
            driver.autocommit = True
            driver.execute(f"LISTEN {CHANNEL}")
            if ready is not None:
                ready()
            while not stop.is_set():
                for note in driver.notifies(timeout=0.5):
                    on_change(str(note.payload))
        except Exception as exc:
            if stop.is_set():
                return
            raise ServerUnreachable(f"Lost the lab server: {_reason(exc)}.") from exc
        finally:
            raw.close()


def _match(
    paper: PaperPush,
    by_doi: dict[str, tuple[str, Fields, int]],
    by_title: dict[str, list[tuple[str, str, Fields, int]]],
) -> tuple[str, Fields, int] | None:
    """The lab's paper that is this one, by the import rules: DOI, then title and first author."""
    if paper.doi and paper.doi in by_doi:
        return by_doi[paper.doi]
    for uuid, author, fields, version in by_title.get(paper.title_key, []):
        if not author or not paper.first_author_key or author == paper.first_author_key:
            return uuid, fields, version
    return None


def _merge(theirs: Fields, base: Fields, mine: Fields) -> tuple[Fields, list[tuple[str, Any]]]:
    """The server's fields with this machine's changes where the server did not change them."""
    merged = dict(theirs)
    conflicts: list[tuple[str, Any]] = []
    for name, value in mine.items():
        if name in SET_FIELDS:
            joined = merge_set(theirs.get(name), base.get(name), value)
            if joined != (theirs.get(name) or []):
                merged[name] = joined
            continue
        if value == base.get(name) or value == theirs.get(name):
            continue
        if theirs.get(name) == base.get(name):
            merged[name] = value
        else:
            conflicts.append((name, theirs.get(name)))
    return merged, conflicts


def _fold(value: Any) -> str:
    return str(value).casefold()


def normalize_set(values: Any) -> list[Any]:
    """A set field as it is stored: one of each item (whatever its case), sorted."""
    if not values:
        return []
    if len(values) == 1:
        return list(values)
    return sorted({_fold(v): v for v in values}.values(), key=_fold)


def merge_set(theirs: Any, base: Any, mine: Any) -> list[Any]:
    """Three-way merge of a set field: theirs, plus what mine added, less what mine removed.

    Items compare without regard to case (tags do); the result is sorted so
    that equal sets are equal lists.
    """
    if not base and not mine:
        return normalize_set(theirs)
    if (mine or []) == (base or []) or (mine or []) == (theirs or []):
        # Nothing changed on this side (or both sides agree): the common case.
        return normalize_set(theirs)
    have = {_fold(v): v for v in theirs or []}
    was = {_fold(v) for v in base or []}
    now = {_fold(v): v for v in mine or []}
    for key, value in now.items():
        if key not in was:
            have.setdefault(key, value)
    for key in was - set(now):
        have.pop(key, None)
    return sorted(have.values(), key=_fold)


def _lab_settings(conn: Connection) -> dict[str, str]:
    if conn.exec_driver_sql("SELECT to_regclass('lab_setting')").scalar() is None:
        return {}
    return {str(k): str(v) for k, v in conn.exec_driver_sql("SELECT key, value FROM lab_setting")}


def set_lab_setting(admin_url: URL, admin_password: str | None, key: str, value: str) -> None:
    """Change one of the lab's settings (the admin's role only: members can read them)."""
    allowed = LAB_SETTINGS.get(key)
    if allowed is None or value not in allowed:
        raise LabError(f"'{value}' is not a value of the lab setting {key}.")
    engine = make_engine(admin_url, admin_password)
    try:
        with _connected(engine, admin_url) as conn:
            if server_revision(conn) != SERVER_HEAD:
                raise LabError(
                    "This lab's schema is not current; run `readinglist lab init` first."
                )
            conn.exec_driver_sql(
                "INSERT INTO lab_setting (key, value) VALUES (%(k)s, %(v)s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()"
                " WHERE lab_setting.value <> excluded.value",
                {"k": key, "v": value},
            )
            conn.commit()
    finally:
        engine.dispose()


def lab_settings(admin_url: URL, admin_password: str | None) -> dict[str, str]:
    """The lab's settings, read with the admin's URL."""
    engine = make_engine(admin_url, admin_password)
    try:
        with _connected(engine, admin_url) as conn:
            return _lab_settings(conn)
    finally:
        engine.dispose()
