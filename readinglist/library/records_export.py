"""Papers as ``readinglist.formats`` records, for export: every field, the store, the state."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from readinglist.formats.keys import KeyMaker
from readinglist.formats.record import Record
from readinglist.library import importer
from readinglist.library.commands import BIB_COLUMNS
from readinglist.library.queries import CHUNK


def fetch(conn: Connection, sql: str, keys: Sequence[Any]) -> list[tuple[Any, ...]]:
    """``importer.lookup`` on the driver's own cursor, inside the same transaction.

    Rows come back as plain tuples from one fetchall per chunk: wrapping each
    row cost more than the query itself when an export reads 100k papers.
    """
    driver = conn.connection.driver_connection
    assert driver is not None
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(keys), CHUNK):
        chunk = tuple(keys[start : start + CHUNK])
        found.extend(driver.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall())
    return found


def bib_fields(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """What ``list --json`` and ``show --json`` add per paper: year, venue, doi, url, key, type."""
    rows = importer.lookup(
        conn,
        "SELECT id, year, venue, doi, url, cite_key, entry_type FROM paper WHERE id IN ({marks})",
        list(ids),
    )
    return {
        int(r[0]): {
            "year": r[1],
            "venue": r[2],
            "doi": r[3],
            "url": r[4],
            "key": r[5],
            "type": r[6],
        }
        for r in rows
    }


def _grouped(conn: Connection, sql: str, ids: Sequence[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Rows (paper id first, and sorted by it) grouped by paper: the rest of each row."""
    return {
        int(pid): [row[1:] for row in rows]
        for pid, rows in groupby(fetch(conn, sql, ids), key=itemgetter(0))
    }


def records(conn: Connection, ids: Sequence[int]) -> Iterator[Record]:
    """The papers ``ids`` as records, in that order, a chunk at a time."""
    cols = ", ".join(f"p.{c}" for c in BIB_COLUMNS)
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        papers = {
            int(r[0]): r
            for r in fetch(
                conn,
                "SELECT p.id, p.title, p.status, p.rating, p.added_at, p.queue_position,"
                f" a.text, n.body, p.sources_text, {cols} FROM paper p"
                " LEFT JOIN paper_abstract a ON a.paper_id = p.id"
                " LEFT JOIN note n ON n.paper_id = p.id WHERE p.id IN ({marks})",
                chunk,
            )
        }
        authors = _grouped(
            conn,
            "SELECT pa.paper_id, a.name FROM paper_author pa JOIN author a ON a.id = pa.author_id"
            " WHERE pa.paper_id IN ({marks}) ORDER BY pa.paper_id, pa.position",
            chunk,
        )
        tags = _grouped(
            conn,
            "SELECT pt.paper_id, t.name FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id"
            " WHERE pt.paper_id IN ({marks}) ORDER BY pt.paper_id, t.name COLLATE NOCASE",
            chunk,
        )
        fields = _grouped(
            conn,
            "SELECT paper_id, name, value FROM paper_field WHERE paper_id IN ({marks})"
            " ORDER BY paper_id, name",
            chunk,
        )
        dates = dict(
            (int(r[0]), str(r[1]))
            for r in fetch(
                conn,
                "SELECT paper_id, max(at) FROM reading_event WHERE paper_id IN ({marks})"
                " GROUP BY paper_id",
                chunk,
            )
        )
        for pid in chunk:
            row = papers.get(pid)
            if row is None:
                continue
            bib = dict(zip(BIB_COLUMNS, row[9:], strict=True))
            added = row[4]
            if isinstance(added, str):
                added = datetime.fromisoformat(added)
            status = str(row[2])
            yield Record(
                title=str(row[1]),
                authors=tuple(str(a[0]) for a in authors.get(pid, ())),
                abstract=row[6],
                type=bib["entry_type"] or "",
                year=bib["year"],
                date=bib["date"],
                venue=bib["venue"],
                volume=bib["volume"],
                number=bib["number"],
                pages=bib["pages"],
                doi=bib["doi"],
                url=bib["url"],
                arxiv=bib["arxiv"],
                key=bib["cite_key"],
                language=bib["language"],
                keywords=tuple(k.strip() for k in (bib["keywords"] or "").split(",") if k.strip()),
                extra={str(n): str(v) for n, v in fields.get(pid, ())},
                status=status,
                status_date=_zotero_date(dates.get(pid)) if status != "new" else None,
                rating=int(row[3]),
                tags=tuple(str(t[0]) for t in tags.get(pid, ())),
                note=row[7] or None,
                id=pid,
                sources=tuple(s for s in str(row[8] or "").split(", ") if s),
                added_at=added,
                queue_position=row[5],
            )


def _zotero_date(at: str | None) -> str | None:
    if not at:
        return None
    return at.replace(" ", "T").split(".")[0] + "Z"


def missing_keys(conn: Connection, ids: Sequence[int]) -> list[tuple[str, int]]:
    """Citation keys for the papers that have none: FamilyYearFirstword, unique in the library.

    Returned as (key, id) rows for the caller to store, so that later exports
    give the same keys and a LaTeX document keeps compiling.
    """
    taken = [
        str(r[0])
        for r in conn.exec_driver_sql("SELECT cite_key FROM paper WHERE cite_key IS NOT NULL")
    ]
    maker = KeyMaker(taken)
    wanted = importer.lookup(
        conn,
        "SELECT p.id, p.title, p.year, (SELECT a.name FROM paper_author pa JOIN author a"
        " ON a.id = pa.author_id WHERE pa.paper_id = p.id ORDER BY pa.position LIMIT 1)"
        " FROM paper p WHERE p.id IN ({marks}) AND p.cite_key IS NULL",
        list(ids),
    )
    order = {pid: i for i, pid in enumerate(ids)}
    wanted.sort(key=lambda r: order[int(r[0])])
    return [
        (maker.key(None, [str(first)] if first else [], year, str(title)), int(pid))
        for pid, title, year, first in wanted
    ]
