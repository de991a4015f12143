"""Value types of the listing reader, the format's markers, the writer, the title and name keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

MARKERS: dict[str, str] = {"en": "\u2026 (see more)", "fr": "\u2026 (voir plus)"}
#: The page cuts long abstracts after this many characters and splices in the marker.
MARKER_POSITION = 140
HEADER = "Publications"


@dataclass(frozen=True, slots=True)
class ListingEntry:
    """One paper of a listing, as read from the page."""

    title: str
    authors: tuple[str, ...]
    abstract: str | None
    line: int
    confidence: float
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class Listing:
    """A whole parsed listing."""

    name: str
    entries: tuple[ListingEntry, ...]
    language: str
    encoding: str
    warnings: tuple[str, ...]
    content_hash: str


class ListingError(ValueError):
    """The input is not a listing: str(err) is one line naming the file, why, and what to do."""


def splice_marker(abstract: str, language: str) -> str:
    """Return the abstract as the page shows it: marker after char 140 when it is longer."""
    if len(abstract) <= MARKER_POSITION:
        return abstract
    marker = MARKERS.get(language, MARKERS["en"])
    return abstract[:MARKER_POSITION] + marker + abstract[MARKER_POSITION:]


def render_listing(
    entries: Iterable[tuple[str, Sequence[str], str | None]], language: str = "en"
) -> str:
    """Write entries in the listing format (header, blank line, entries, final newline)."""
    if language not in MARKERS:
        raise ValueError(f"language must be one of {sorted(MARKERS)}, not {language!r}")
    out = [HEADER, ""]
    for title, authors, abstract in entries:
        out.append(title)
        out.extend(authors)
        if abstract is not None:
            out.append(splice_marker(abstract, language))
    return "\n".join(out) + "\n"


_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def normalize_title(title: str) -> str:
    """Key for "same paper": casefold, strip accents, drop punctuation, collapse whitespace."""
    if title.isascii():
        # Most titles: nothing to decompose, so skip the per-character pass.
        bare = title.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", title.casefold())
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", bare)).strip()


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Key for "same author": two spellings of a person's name with one key are one person."""
    if name.isascii():
        return " ".join(_WORD.findall(name.lower()))
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(stripped))
