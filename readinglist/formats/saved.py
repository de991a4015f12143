"""Saved searches carried in exported files, and read back on import.

A saved search belongs to the library, not to a paper, so only a format with
a place for library-level notes can carry it: BibTeX and BibLaTeX (a
``@Comment`` block per search, as JabRef keeps its groups in
``@Comment{jabref-meta: ...}``) and the Markdown report (a section). RIS,
CSL-JSON and CSV are lists of records with no such place.

In BibTeX the name and the query are written with ``%XX`` escapes for the few
characters that would end or confuse the block (braces, ``@``, ``%``, ``=``,
backslashes and line breaks), so any query survives the round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import unquote

PREFIX = "readinglist-saved-search:"
_ESCAPES = {c: f"%{ord(c):02X}" for c in "%{}@=\\\n\r"}
_TABLE = str.maketrans(_ESCAPES)

SavedSearches = Sequence[tuple[str, str]]


def bibtex_block(saved: SavedSearches) -> str:
    """The ``@Comment`` blocks for ``saved`` (empty when there are none)."""
    return "".join(
        f"@Comment{{{PREFIX} {name.translate(_TABLE)} = {query.translate(_TABLE)}}}\n\n"
        for name, query in saved
    )


def from_bibtex_comment(text: str) -> tuple[str, str] | None:
    """The (name, query) a comment block carries, or None when it is another comment."""
    body = text.strip()
    if not body.startswith(PREFIX):
        return None
    name, sep, query = body[len(PREFIX) :].partition("=")
    name, query = unquote(name.strip()), unquote(query.strip())
    if not sep or not name.strip():
        return None
    return name, query


def markdown_section(saved: SavedSearches) -> str:
    """A "Saved searches" section for the Markdown report."""
    if not saved:
        return ""
    lines = ["", f"## Saved searches ({len(saved)})", ""]
    for name, query in saved:
        shown = query.replace("`", "'")
        lines.append(f"- **{name}**: `{shown}`")
    return "\n".join(lines) + "\n"
