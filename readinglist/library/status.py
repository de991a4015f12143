"""Reading statuses and the library's clock: plain values every layer shares."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum


class Status(StrEnum):
    """Where a paper stands in the user's reading, in workflow order."""

    NEW = "new"
    TO_READ = "to-read"
    READING = "reading"
    READ = "read"
    NOT_READING = "not-reading"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)


def utcnow() -> datetime:
    """Naive UTC, the form SQLite stores; every timestamp in the library uses it."""
    return datetime.now(UTC).replace(tzinfo=None)
