"""Reading statistics and the activity timeline, drawn from the status history (reading_event).

A paper counts as read once per day it was marked Read: marking it Read again
the same day (a slip, an undo and redo) is not a second reading, while Read,
Reading, then Read again on a later day is a re-read and counts twice. Days
are UTC days, like every timestamp the library stores.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from readinglist.library.errors import LibraryError
from readinglist.library.status import utcnow

PERIODS = ("week", "month")
TOP = 10


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    """One status change, for the activity timeline."""

    id: int
    at: datetime
    paper_id: int
    title: str
    old_status: str | None
    new_status: str


@dataclass(slots=True)
class ReadingReport:
    """Everything the statistics view draws, over ``since`` .. today."""

    by: str
    since: date | None
    read_per_period: list[tuple[str, int]] = field(default_factory=list)
    # Of those, the readings of a paper read before (same periods, same order).
    rereads_per_period: list[tuple[str, int]] = field(default_factory=list)
    # One entry per day: (day, papers to read at the end of it, papers added that day).
    backlog: list[tuple[date, int, int]] = field(default_factory=list)
    days_to_read: list[float] = field(default_factory=list)
    median_days_to_read: float | None = None
    reads: int = 0
    rereads: int = 0
    top_tags: list[tuple[str, int]] = field(default_factory=list)
    top_listings: list[tuple[str, int]] = field(default_factory=list)
    top_authors: list[tuple[str, int]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The fields ``readinglist stats --json`` adds."""
        return {
            "read_per_period": [{"period": p, "count": n} for p, n in self.read_per_period],
            "backlog": [{"date": d.isoformat(), "to_read": n} for d, n, _ in self.backlog],
            "median_days_to_read": self.median_days_to_read,
            "rereads": self.rereads,
        }


def parse_since(text: str) -> date:
    """A ``--since`` date: 2026-11-03, 2026-11, 2026, or an age such as 30d, 6w, 3m, 1y."""
    from readinglist.library.query import QueryError, parse

    try:
        query = parse(f"added:{text.strip()}")
    except QueryError:
        raise LibraryError(
            f"'{text}' is not a date; write 2026-11-03, 2026-11, 2026, or an age like 30d, 6w, 1y."
        ) from None
    root = query.root
    lo = getattr(root, "value", (None, None))[0]
    if not isinstance(lo, datetime):
        raise LibraryError(f"'{text}' is not a date; write 2026-11-03, 2026-11 or 2026.")
    return lo.date()


def period_of(day: date, by: str) -> str:
    """``2026-11`` for a month, ``2026-W47`` (ISO week) for a week."""
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def _periods(first: date, last: date, by: str) -> list[str]:
    out: list[str] = []
    day = first
    while day <= last:
        label = period_of(day, by)
        if not out or out[-1] != label:
            out.append(label)
        day += timedelta(days=7 if by == "week" else 28)
    if not out or out[-1] != period_of(last, by):
        out.append(period_of(last, by))
    # Steps of 28 days can skip nothing but may repeat; keep each label once, in order.
    return list(dict.fromkeys(out))


def _day(value: Any) -> date:
    return date.fromisoformat(str(value)[:10])


def _rows(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    # Straight to the driver: tens of thousands of plain rows.
    driver = conn.connection.dbapi_connection
    assert driver is not None
    return list(driver.execute(sql, params).fetchall())


def read_days(conn: Connection) -> list[tuple[int, date]]:
    """Every (paper, day) on which the paper was marked Read, in time order; once per day."""
    days: dict[str, date] = {}
    return [
        (int(pid), days.get(day) or days.setdefault(day, date.fromisoformat(day)))
        for pid, day in _rows(
            conn,
            "SELECT paper_id, date(at) AS day FROM reading_event WHERE new_status = 'read'"
            " GROUP BY paper_id, day ORDER BY day, paper_id",
        )
    ]


def report(conn: Connection, since: date | None = None, by: str = "month") -> ReadingReport:
    """The reading statistics from ``since`` (default: the library's first day) to today."""
    if by not in PERIODS:
        raise LibraryError(f"'{by}' is not a period; use week or month.")
    today = utcnow().date()
    out = ReadingReport(by=by, since=since)
    days = read_days(conn)
    seen: set[int] = set()
    counted: list[tuple[int, date]] = []
    again: list[date] = []
    for pid, day in days:
        if since is None or day >= since:
            counted.append((pid, day))
            if pid in seen:
                again.append(day)
        seen.add(pid)
    out.rereads = len(again)
    out.reads = len(counted)

    # Backlog: +1 when a paper becomes To read, -1 when it leaves, summed day by day.
    delta: dict[date, int] = defaultdict(int)
    for day, n in _rows(
        conn,
        "SELECT date(at) AS day, sum(new_status = 'to-read') - sum(old_status IS 'to-read')"
        " FROM reading_event GROUP BY day",
    ):
        delta[_day(day)] += int(n)
    added: dict[date, int] = {
        _day(day): int(n)
        for day, n in _rows(conn, "SELECT date(added_at) AS day, count(*) FROM paper GROUP BY day")
    }
    known = list(delta) + list(added)
    start = since or (min(known) if known else today)
    start = min(start, today)
    level = sum(n for day, n in delta.items() if day < start)
    day = start
    while day <= today:
        level += delta.get(day, 0)
        out.backlog.append((day, level, added.get(day, 0)))
        day += timedelta(days=1)

    per_period = Counter(period_of(day, by) for _, day in counted)
    per_period_again = Counter(period_of(day, by) for day in again)
    labels = _periods(start, today, by)
    out.read_per_period = [(p, per_period.get(p, 0)) for p in labels]
    out.rereads_per_period = [(p, per_period_again.get(p, 0)) for p in labels]

    # Time to read: from added to the first time it was marked Read.
    first_reads = _rows(
        conn,
        "SELECT min(e.at), max(0.0, julianday(min(e.at)) - julianday(p.added_at))"
        " FROM reading_event e JOIN paper p ON p.id = e.paper_id"
        " WHERE e.new_status = 'read' GROUP BY e.paper_id",
    )
    first_since = None if since is None else since.isoformat()
    out.days_to_read = sorted(
        round(float(days), 6)
        for first, days in first_reads
        if first_since is None or str(first)[:10] >= first_since
    )
    if out.days_to_read:
        out.median_days_to_read = round(statistics.median(out.days_to_read), 1)

    # What was read, by tag, listing and author: the papers read in the period.
    read = "SELECT DISTINCT paper_id FROM reading_event WHERE new_status = 'read' AND at >= ?"
    floor = (since.isoformat() if since is not None else "0000-00-00",)
    out.top_tags = _top(
        conn,
        "SELECT t.name, c.n FROM (SELECT tag_id, count(*) AS n FROM paper_tag"
        f" WHERE paper_id IN ({read}) GROUP BY tag_id) c JOIN tag t ON t.id = c.tag_id",
        floor,
    )
    out.top_listings = _top(
        conn,
        "SELECT l.name, c.n FROM (SELECT listing_id, count(*) AS n FROM paper_source"
        f" WHERE paper_id IN ({read}) GROUP BY listing_id) c"
        " JOIN source_listing l ON l.id = c.listing_id",
        floor,
    )
    out.top_authors = _top(
        conn,
        "SELECT a.name, c.n FROM (SELECT author_id, count(*) AS n FROM paper_author"
        f" WHERE paper_id IN ({read}) GROUP BY author_id ORDER BY n DESC LIMIT {TOP * 5}) c"
        " JOIN author a ON a.id = c.author_id",
        floor,
    )
    return out


def _top(conn: Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[str, int]]:
    counts = [(str(name), int(n)) for name, n in _rows(conn, sql, params)]
    return sorted(counts, key=lambda kv: (-kv[1], kv[0].casefold()))[:TOP]


def activity(
    conn: Connection, since: datetime | None = None, limit: int | None = 1000
) -> list[ActivityEntry]:
    """Status changes across the library, newest first."""
    sql = (
        "SELECT e.id, e.at, e.paper_id, p.title, e.old_status, e.new_status"
        " FROM reading_event e JOIN paper p ON p.id = e.paper_id"
    )
    params: list[Any] = []
    if since is not None:
        sql += " WHERE e.at >= ?"
        params.append(since.strftime("%Y-%m-%d %H:%M:%S"))
    sql += " ORDER BY e.at DESC, e.id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        ActivityEntry(int(i), datetime.fromisoformat(str(at)), int(pid), str(title), old, new)
        for i, at, pid, title, old, new in conn.exec_driver_sql(sql, tuple(params))
    ]
