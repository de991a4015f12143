"""Reading statistics and the activity timeline from known status histories."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from readinglist.library import Library, LibraryError
from readinglist.library.activity import parse_since, period_of
from tests.conftest import SEED_EN

# paper -> (added, [(at, old, new), ...])
HISTORY: dict[str, tuple[str, list[tuple[str, str | None, str]]]] = {
    # Read, then read again in March: a re-read.
    "A": (
        "2026-01-01 00:00:00",
        [
            ("2026-01-05 08:00:00", "new", "to-read"),
            ("2026-01-10 08:00:00", "to-read", "reading"),
            ("2026-01-20 00:00:00", "reading", "read"),
            ("2026-03-01 08:00:00", "read", "reading"),
            ("2026-03-05 08:00:00", "reading", "read"),
        ],
    ),
    # Marked Read twice in one day (a slip back to To read between): one reading.
    "B": (
        "2026-01-01 00:00:00",
        [
            ("2026-02-10 09:00:00", "new", "read"),
            ("2026-02-10 10:00:00", "read", "to-read"),
            ("2026-02-10 11:00:00", "to-read", "read"),
        ],
    ),
    # Waiting in the backlog since February.
    "C": ("2026-02-01 00:00:00", [("2026-02-02 08:00:00", "new", "to-read")]),
}


@pytest.fixture
def lib(library: Library) -> Iterator[Library]:
    library.import_files([SEED_EN])
    ids = library.paper_ids()
    library.change_tags(ids[:2], add=["ml"])
    paper = dict(zip("ABC", ids, strict=False))
    db = sqlite3.connect(library.db_path)
    # Papers not in the story were added before it began.
    db.execute("UPDATE paper SET added_at = '2025-12-01 00:00:00'")
    for name, (added, events) in HISTORY.items():
        db.execute(
            "UPDATE paper SET added_at = ?, status = ? WHERE id = ?",
            (added, events[-1][2], paper[name]),
        )
        db.executemany(
            "INSERT INTO reading_event (paper_id, old_status, new_status, at) VALUES (?, ?, ?, ?)",
            [(paper[name], old, new, at) for at, old, new in events],
        )
    db.commit()
    db.close()
    library.papers = paper  # type: ignore[attr-defined]
    yield library


def test_reads_per_month_count_rereads_and_one_per_day(lib: Library) -> None:
    report = lib.reading_report(since=date(2026, 1, 1))
    per = dict(report.read_per_period)
    assert [per[m] for m in ("2026-01", "2026-02", "2026-03", "2026-04")] == [1, 1, 1, 0]
    assert report.reads == 3
    assert report.rereads == 1
    assert dict(report.rereads_per_period)["2026-03"] == 1
    assert sum(n for _, n in report.rereads_per_period) == 1
    # Every month from the start to today is there, in order.
    months = [p for p, _ in report.read_per_period]
    assert months == sorted(months) and months[0] == "2026-01"
    assert months[-1] == period_of(date.today(), "month")


def test_reads_per_week(lib: Library) -> None:
    report = lib.reading_report(since=date(2026, 1, 1), by="week")
    per = dict(report.read_per_period)
    assert per["2026-W04"] == 1  # 20 January
    assert per["2026-W07"] == 1  # 10 February, marked Read twice
    assert per["2026-W10"] == 1  # 5 March, the re-read
    assert sum(per.values()) == 3


def test_backlog_day_by_day(lib: Library) -> None:
    report = lib.reading_report(since=date(2026, 1, 1))
    backlog = {d: (n, added) for d, n, added in report.backlog}
    assert backlog[date(2026, 1, 1)] == (0, 2)  # A and B added
    assert backlog[date(2026, 1, 5)][0] == 1
    assert backlog[date(2026, 1, 10)][0] == 0
    assert backlog[date(2026, 2, 1)] == (0, 1)
    assert backlog[date(2026, 2, 2)][0] == 1
    assert backlog[date(2026, 2, 10)][0] == 1  # B passed through To read the same day
    assert report.backlog[-1][0] == date.today() and report.backlog[-1][1] == 1
    assert [d for d, _, _ in report.backlog] == sorted(d for d, _, _ in report.backlog)


def test_time_to_read(lib: Library) -> None:
    report = lib.reading_report()
    # A: 19 days to its first reading; B: 40 days and 9 hours.
    assert report.days_to_read == [19.0, 40.375]
    assert report.median_days_to_read == 29.7
    later = lib.reading_report(since=date(2026, 3, 1))
    assert later.reads == 1 and later.rereads == 1
    assert later.median_days_to_read is None  # nobody read for the first time since


def test_top_read(lib: Library) -> None:
    report = lib.reading_report()
    assert report.top_tags == [("ml", 2)]
    assert report.top_listings == [("publications-en.txt", 2)]
    assert len(report.top_authors) <= 10 and report.top_authors[0][1] >= 1


def test_stats_json_gains_reading_fields(lib: Library) -> None:
    stats = lib.stats(since=date(2026, 2, 1), by="month")
    assert stats["read_per_period"][:2] == [
        {"period": "2026-02", "count": 1},
        {"period": "2026-03", "count": 1},
    ]
    assert stats["backlog"][0] == {"date": "2026-02-01", "to_read": 0}
    assert stats["rereads"] == 1
    assert stats["median_days_to_read"] == 40.4
    assert "read_per_month" in stats and "statuses" in stats


def test_activity_newest_first(lib: Library) -> None:
    entries = lib.activity()
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert len(entries) == 9
    since = lib.activity(since=datetime(2026, 2, 10, 10, 30))
    assert [(e.old_status, e.new_status) for e in since] == [
        ("reading", "read"),
        ("read", "reading"),
        ("to-read", "read"),
    ]
    assert since[-1].paper_id == lib.papers["B"]  # type: ignore[attr-defined]


def test_parse_since() -> None:
    assert parse_since("2026-11-03") == date(2026, 11, 3)
    assert parse_since("2026-11") == date(2026, 11, 1)
    assert parse_since("2026") == date(2026, 1, 1)
    assert (date.today() - parse_since("30d")).days in (29, 30, 31)
    with pytest.raises(LibraryError, match="'soon' is not a date"):
        parse_since("soon")


def test_stats_of_an_empty_library(library: Library, tmp_path: Path) -> None:
    stats = library.stats()
    assert stats["rereads"] == 0 and stats["median_days_to_read"] is None
    assert stats["read_per_period"] == [{"period": period_of(date.today(), "month"), "count": 0}]
