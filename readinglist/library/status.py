"""Reading statuses and the library's clock: plain values every layer shares."""

from __future__ import annotations

import unicodedata
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

# Other names a user may type for a status (the CLI takes them): French ones,
# written as a French-speaking reader would, with or without accents, and
# English variants. Keys are in the form ``status_key`` gives.
STATUS_ALIASES: dict[str, str] = {
    # French
    "nouveau": "new",
    "nouvel": "new",
    "nouvelle": "new",
    "non-trie": "new",
    "a-lire": "to-read",
    "lire": "to-read",
    "en-cours": "reading",
    "en-lecture": "reading",
    "lu": "read",
    "lue": "read",
    "lus": "read",
    "pas-a-lire": "not-reading",
    "a-ne-pas-lire": "not-reading",
    "ne-pas-lire": "not-reading",
    "abandonne": "not-reading",
    "ignore": "not-reading",
    # English
    "toread": "to-read",
    "queued": "to-read",
    "done": "read",
    "skip": "not-reading",
    "skipped": "not-reading",
    "not-read": "not-reading",
}


def status_key(text: str) -> str:
    """Lower case, accents dropped, words joined by dashes: ``À lire`` → ``a-lire``."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in ("_", "'", "’", "-"):
        plain = plain.replace(mark, " ")
    return "-".join(plain.split())


def parse_status(text: str) -> str | None:
    """The status ``text`` names (``to-read``, ``To read``, ``à lire``, ``lu``...), None if none."""
    key = status_key(text)
    if key in STATUSES:
        return key
    return STATUS_ALIASES.get(key)


def utcnow() -> datetime:
    """Naive UTC, the form SQLite stores; every timestamp in the library uses it."""
    return datetime.now(UTC).replace(tzinfo=None)
