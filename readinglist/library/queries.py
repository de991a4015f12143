"""Read-side queries shared by the CLI and the GUI: filtered, sorted ids first, rows on demand."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from readinglist.library.query import LAB_READING_IDS, compile_query
from readinglist.library.search import fts_query, name_key
from readinglist.library.status import STATUSES
from readinglist.library.types import (
    Facets,
    PaperDetail,
    PaperFilter,
    PaperRow,
    PaperSummary,
    SortField,
    StatusChange,
)

# SQLite's default limit on bound parameters is 32766; stay well below.
CHUNK = 5000

_STATUS_ORDER = "CASE p.status " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STATUSES))
_STATUS_ORDER += " ELSE 99 END"

_ORDER_BY: dict[SortField, str] = {
    SortField.TITLE: "p.title COLLATE NOCASE {dir}, p.id {dir}",
    SortField.AUTHORS: "p.authors_text COLLATE NOCASE {dir}, p.id {dir}",
    SortField.STATUS: _STATUS_ORDER + " {dir}, p.id {dir}",
    SortField.RATING: "p.rating {dir}, p.id {dir}",
    # Ids are given out in the order papers are added.
    SortField.ADDED: "p.id {dir}",
    SortField.SOURCE: "p.sources_text COLLATE NOCASE {dir}, p.id {dir}",
    SortField.QUEUE: "p.queue_position IS NULL {dir}, p.queue_position {dir}, p.id {dir}",
    SortField.YEAR: "p.year IS NULL, p.year {dir}, p.id {dir}",
    SortField.VENUE: "p.venue IS NULL, p.venue COLLATE NOCASE {dir}, p.id {dir}",
    # Read by more first (descending), then whether someone is reading it.
    SortField.LAB: "coalesce((SELECT l.read_by FROM lab_paper l WHERE l.paper_id = p.id), 0) {dir},"
    f" p.id IN ({LAB_READING_IDS}) {{dir}}, p.id {{dir}}",
}
# Trashed papers are few and found by a partial index; leaving them out this
# way keeps a sort served by a covering index from visiting the paper rows.
NOT_TRASHED = "p.id NOT IN (SELECT id FROM paper WHERE trashed_at IS NOT NULL)"
TRASHED = "p.id IN (SELECT id FROM paper WHERE trashed_at IS NOT NULL)"


def _where(flt: PaperFilter) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = [TRASHED if flt.trash else NOT_TRASHED]
    params: dict[str, Any] = {}
    if flt.queue:
        clauses.append("p.queue_position IS NOT NULL")
    match = fts_query(flt.text)
    if match is not None:
        clauses.append("p.id IN (SELECT rowid FROM paper_fts WHERE paper_fts MATCH :match)")
        params["match"] = match
    if flt.statuses:
        names = sorted(flt.statuses)
        marks = ", ".join(f":st{i}" for i in range(len(names)))
        clauses.append(f"p.status IN ({marks})")
        params.update({f"st{i}": s for i, s in enumerate(names)})
    if flt.author:
        clauses.append(
            "p.id IN (SELECT pa.paper_id FROM paper_author pa JOIN author a ON a.id = pa.author_id"
            " WHERE a.name_key = :author)"
        )
        params["author"] = name_key(flt.author)
    if flt.listing:
        clauses.append(
            "p.id IN (SELECT ps.paper_id FROM paper_source ps JOIN source_listing l"
            " ON l.id = ps.listing_id WHERE l.name = :listing)"
        )
        params["listing"] = flt.listing
    if flt.tag:
        clauses.append(
            "p.id IN (SELECT pt.paper_id FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id"
            " WHERE t.name = :tag)"
        )
        params["tag"] = flt.tag
    if flt.rating is not None:
        clauses.append("p.rating = :rating")
        params["rating"] = flt.rating
    if flt.min_rating is not None:
        clauses.append("p.rating >= :min_rating")
        params["min_rating"] = flt.min_rating
    if flt.years[0] is not None:
        clauses.append("p.year >= :year_from")
        params["year_from"] = flt.years[0]
    if flt.years[1] is not None:
        clauses.append("p.year <= :year_to")
        params["year_to"] = flt.years[1]
    compiled = compile_query(flt.query) if flt.query is not None else None
    if compiled is not None:
        clauses.append(compiled.sql)
        params.update(compiled.params)
    where = " WHERE " + " AND ".join(clauses)
    return where, params


def paper_ids(
    conn: Connection,
    flt: PaperFilter,
    sort: SortField = SortField.TITLE,
    descending: bool = False,
    limit: int | None = None,
) -> list[int]:
    """Ids of the papers that pass ``flt``, in display order."""
    where, params = _where(flt)
    order = _ORDER_BY[SortField(sort)].format(dir="DESC" if descending else "ASC")
    sql = f"SELECT p.id FROM paper p{where} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    # Straight to the driver: a 100k-id answer through SQLAlchemy's Row
    # objects costs more than the query itself.
    cursor = _driver(conn).execute(sql, params)
    return [row[0] for row in cursor]


def _driver(conn: Connection) -> Any:
    """The sqlite3 connection under ``conn``, for queries whose rows are many and plain."""
    return conn.connection.dbapi_connection


def matching_ids(conn: Connection, flt: PaperFilter) -> list[int]:
    """Ids of the papers that pass ``flt``, in no particular order.

    The ids come back from SQLite as one JSON array, which Python parses in
    a single C call: for half a million ids that is a third of the time of
    fetching them row by row.
    """
    match = _text_only(flt)
    if match is not None:
        # Words alone: the index's own rowids are the answer; no paper rows to visit.
        source, params = (
            "paper_fts WHERE paper_fts MATCH :match AND rowid NOT IN"
            " (SELECT id FROM paper WHERE trashed_at IS NOT NULL)",
            {"match": match},
        )
        column = "rowid"
    else:
        where, params = _where(flt)
        source, column = f"paper p{where}", "p.id"
    driver = _driver(conn)
    try:
        sql = f"SELECT json_group_array({column}) FROM {source}"
        (found,) = driver.execute(sql, params).fetchone()
    except sqlite3.OperationalError as exc:
        if "json_group_array" not in str(exc):
            raise
        # An SQLite built without JSON (rare): the same ids, a row at a time.
        return [row[0] for row in driver.execute(f"SELECT {column} FROM {source}", params)]
    return parse_id_array(found)


# Parsed a slice at a time: json.loads of a million ids is one C call that
# holds the interpreter lock for ~90 ms, and a search running in a worker
# would freeze the window for that long.
ID_ARRAY_SLICE = 600_000


def parse_id_array(text: str) -> list[int]:
    """A JSON array of ids, parsed in slices so that other threads get to run between them."""
    if len(text) <= ID_ARRAY_SLICE:
        ids: list[int] = json.loads(text)
        return ids
    out: list[int] = []
    start, end = 1, len(text) - 1  # inside the brackets
    while start < end:
        cut = text.find(",", min(start + ID_ARRAY_SLICE, end))
        stop = end if cut < 0 else cut
        out.extend(json.loads(f"[{text[start:stop]}]"))
        start = stop + 1
    return out


def _text_only(flt: PaperFilter) -> str | None:
    """The FTS5 query when ``flt`` is words and nothing else; None otherwise."""
    if flt.query is None or flt.query.is_empty:
        match = fts_query(flt.text)
        return (
            match if match is not None and flt.without_query == PaperFilter(text=flt.text) else None
        )
    if flt.without_query != PaperFilter():
        return None
    compiled = compile_query(flt.query)
    return compiled.match if compiled is not None else None


def schema_names(conn: Connection) -> set[str]:
    """The library's tables and ``table.column`` names, for features that depend on them."""
    names: set[str] = set()
    driver = _driver(conn)
    tables = [r[0] for r in driver.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        names.add(table)
        names.update(f"{table}.{r[1]}" for r in driver.execute(f'PRAGMA table_info("{table}")'))
    return names


def order_ids(
    conn: Connection, ids: Sequence[int], sort: SortField, descending: bool = False
) -> list[int]:
    """``ids`` (at most a few thousand) in display order."""
    if not ids:
        return []
    order = _ORDER_BY[sort].format(dir="DESC" if descending else "ASC")
    out: list[int] = []
    # One statement when it fits, so that the order is SQLite's throughout.
    marks = ",".join("?" * len(ids))
    sql = f"SELECT p.id FROM paper p WHERE p.id IN ({marks}) ORDER BY {order}"
    out.extend(row[0] for row in _driver(conn).execute(sql, tuple(ids)))
    return out


def count(conn: Connection, flt: PaperFilter) -> int:
    where, params = _where(flt)
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM paper p{where}", params).scalar_one())


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def rows(conn: Connection, ids: Sequence[int]) -> dict[int, PaperRow]:
    """Table rows for ``ids`` (the visible page), keyed by id."""
    found: dict[int, PaperRow] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        marks = ",".join("?" * len(chunk))
        cursor = conn.exec_driver_sql(
            "SELECT id, title, authors_text, status, rating, added_at, sources_text, year, venue"
            f" FROM paper WHERE id IN ({marks})",
            tuple(chunk),
        )
        for pid, title, authors, status, rating, added, sources, year, venue in cursor:
            found[pid] = PaperRow(
                pid, title, authors, status, rating, _as_datetime(added), sources, year, venue
            )
    return found


def _grouped(conn: Connection, sql: str, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = tuple(ids[start : start + CHUNK])
        marks = ",".join("?" * len(chunk))
        for pid, value in conn.exec_driver_sql(sql.format(marks=marks), chunk):
            out.setdefault(pid, []).append(value)
    return out


def summaries(conn: Connection, ids: Sequence[int]) -> list[PaperSummary]:
    """Papers with their author, tag and source lists, in the order of ``ids``."""
    authors = _grouped(
        conn,
        "SELECT pa.paper_id, a.name FROM paper_author pa JOIN author a ON a.id = pa.author_id"
        " WHERE pa.paper_id IN ({marks}) ORDER BY pa.paper_id, pa.position",
        ids,
    )
    tags = _grouped(
        conn,
        "SELECT pt.paper_id, t.name FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id"
        " WHERE pt.paper_id IN ({marks}) ORDER BY pt.paper_id, t.name COLLATE NOCASE",
        ids,
    )
    sources = _grouped(
        conn,
        "SELECT ps.paper_id, l.name FROM paper_source ps"
        " JOIN source_listing l ON l.id = ps.listing_id"
        " WHERE ps.paper_id IN ({marks}) ORDER BY ps.paper_id, l.name",
        ids,
    )
    queue_rank = queue_ranks(conn)
    base: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = tuple(ids[start : start + CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in conn.exec_driver_sql(
            "SELECT p.id, p.title, a.text, p.status, p.rating, p.added_at, p.queue_position,"
            " p.trashed_at IS NOT NULL FROM paper p"
            f" LEFT JOIN paper_abstract a ON a.paper_id = p.id WHERE p.id IN ({marks})",
            chunk,
        ):
            base[row[0]] = tuple(row)
    return [
        PaperSummary(
            id=pid,
            title=base[pid][1],
            authors=tuple(authors.get(pid, ())),
            abstract=base[pid][2],
            status=base[pid][3],
            rating=base[pid][4],
            tags=tuple(tags.get(pid, ())),
            sources=tuple(sources.get(pid, ())),
            added_at=_as_datetime(base[pid][5]),
            queue_position=queue_rank.get(pid),
            trashed=bool(base[pid][7]),
        )
        for pid in ids
        if pid in base
    ]


def queue_ranks(conn: Connection) -> dict[int, int]:
    """Each queued paper's place in the queue (1 is next)."""
    ids = conn.exec_driver_sql(
        "SELECT id FROM paper WHERE queue_position IS NOT NULL AND trashed_at IS NULL"
        " ORDER BY queue_position, id"
    ).scalars()
    return {int(pid): rank for rank, pid in enumerate(ids, start=1)}


def detail(conn: Connection, paper_id: int) -> PaperDetail | None:
    row = conn.exec_driver_sql(
        "SELECT p.id, p.title, a.text, p.status, p.rating, p.added_at, n.body, n.updated_at,"
        " p.trashed_at, p.edited"
        " FROM paper p LEFT JOIN paper_abstract a ON a.paper_id = p.id"
        " LEFT JOIN note n ON n.paper_id = p.id WHERE p.id = ?",
        (paper_id,),
    ).first()
    if row is None:
        return None
    authors = conn.exec_driver_sql(
        "SELECT a.name FROM paper_author pa JOIN author a ON a.id = pa.author_id"
        " WHERE pa.paper_id = ? ORDER BY pa.position",
        (paper_id,),
    ).scalars()
    tags = conn.exec_driver_sql(
        "SELECT t.name FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id"
        " WHERE pt.paper_id = ? ORDER BY t.name COLLATE NOCASE",
        (paper_id,),
    ).scalars()
    sources = conn.exec_driver_sql(
        "SELECT l.name FROM paper_source ps JOIN source_listing l ON l.id = ps.listing_id"
        " WHERE ps.paper_id = ? ORDER BY l.name",
        (paper_id,),
    ).scalars()
    history = [
        StatusChange(_as_datetime(at), old, new)
        for at, old, new in conn.exec_driver_sql(
            "SELECT at, old_status, new_status FROM reading_event WHERE paper_id = ?"
            " ORDER BY at, id",
            (paper_id,),
        )
    ]
    return PaperDetail(
        id=row[0],
        title=row[1],
        authors=tuple(authors),
        abstract=row[2],
        status=row[3],
        rating=row[4],
        tags=tuple(tags),
        sources=tuple(sources),
        note=row[6] or "",
        note_updated_at=_as_datetime(row[7]) if row[7] is not None else None,
        added_at=_as_datetime(row[5]),
        history=tuple(history),
        trashed=row[8] is not None,
        queue_position=queue_ranks(conn).get(paper_id),
        edited=tuple(e for e in str(row[9]).split(",") if e),
    )


def facets(conn: Connection, top_authors: int = 15) -> Facets:
    """Counts for the sidebar, over the whole library."""
    by_status = dict.fromkeys(STATUSES, 0)
    for status, n in conn.exec_driver_sql(
        "SELECT status, count(*) FROM paper WHERE trashed_at IS NULL GROUP BY status"
    ):
        by_status[status] = n
    trashed = int(
        conn.exec_driver_sql("SELECT count(*) FROM paper WHERE trashed_at IS NOT NULL").scalar_one()
    )
    listings = [
        (name, n)
        for name, n in conn.exec_driver_sql(
            "SELECT l.name, count(ps.paper_id) FROM source_listing l"
            " LEFT JOIN paper_source ps ON ps.listing_id = l.id"
            " AND ps.paper_id NOT IN (SELECT id FROM paper WHERE trashed_at IS NOT NULL)"
            " GROUP BY l.id ORDER BY l.name COLLATE NOCASE"
        )
    ]
    tags = [
        (name, n)
        for name, n in conn.exec_driver_sql(
            "SELECT t.name, count(pt.paper_id) FROM tag t JOIN paper_tag pt ON pt.tag_id = t.id"
            " WHERE pt.paper_id NOT IN (SELECT id FROM paper WHERE trashed_at IS NOT NULL)"
            " GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
        )
    ]
    authors = [
        (name, n)
        for name, n in conn.exec_driver_sql(
            "SELECT a.name, c.n FROM (SELECT author_id, count(*) AS n FROM paper_author"
            " GROUP BY author_id ORDER BY n DESC, author_id LIMIT ?) c"
            " JOIN author a ON a.id = c.author_id ORDER BY c.n DESC, a.name",
            (top_authors,),
        )
    ]
    return Facets(
        total=sum(by_status.values()),
        statuses=by_status,
        listings=listings,
        tags=tags,
        authors=authors,
        trashed=trashed,
    )


def all_tags(conn: Connection) -> list[str]:
    return list(conn.exec_driver_sql("SELECT name FROM tag ORDER BY name COLLATE NOCASE").scalars())
