"""Turn what the user types into an FTS5 query: every word must match, the last as a prefix.

``name_key`` (the "same author" key) lives with the listing reader, whose worker
process computes it; it is re-exported here for the queries.
"""

from __future__ import annotations

import re
import unicodedata

from readinglist.listing import name_key

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(typed: str) -> str | None:
    """An FTS5 MATCH expression for ``typed``, or None when there is nothing to search for.

    Each word becomes a quoted prefix term, so operators and quotes the user
    types are taken literally and cannot make the query invalid; a
    one-letter word matches only that word.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", typed))
    if not words:
        return None
    # A lone Latin letter or digit as a prefix matches nearly every paper,
    # at a cost that grows with the library, so it must match a whole word.
    return " ".join(f'"{w}"' if len(w) == 1 and w.isascii() else f'"{w}"*' for w in words)


__all__ = ["fts_query", "name_key"]
