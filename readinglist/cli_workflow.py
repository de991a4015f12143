"""Command-line side of the reading workflow: the search language and reading statistics."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readinglist.library import Library
    from readinglist.library.query import Query


def parse_query(library: Library, text: str) -> Query:
    """``text`` read as a query; a bad one becomes the CLI's one-line error."""
    from readinglist.cli import CliError
    from readinglist.library.query import QueryError

    try:
        return library.parse_query(text)
    except QueryError as exc:
        raise CliError(f"bad query: {exc.describe()}") from None


def since_of(args: argparse.Namespace) -> date | None:
    """The ``--since`` date, if given (a bad one is a one-line error)."""
    from readinglist.library.activity import parse_since

    text = getattr(args, "since", None)
    return parse_since(text) if text else None


def print_reading(stats: dict[str, Any]) -> None:
    """The reading figures of ``readinglist stats`` as text."""
    periods = [p for p in stats["read_per_period"] if p["count"]]
    if periods:
        print("Read per period: " + ", ".join(f"{p['period']}: {p['count']}" for p in periods))
    median = stats["median_days_to_read"]
    if median is not None:
        print(f"Median time from added to read: {median} days; re-reads: {stats['rereads']}")
    if stats["backlog"]:
        print(f"To read now: {stats['backlog'][-1]['to_read']}")
