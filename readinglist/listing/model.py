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
#: An entry whose confidence (the probability that it is read exactly right) is below
#: this is flagged: the import preview highlights it, the CLI lists it for checking.
FLAG_BELOW = 0.97


def is_flagged(confidence: float, truncated: bool) -> bool:
    """Whether an entry is shown to the user to check: unsure, or cut off by the copy."""
    return confidence < FLAG_BELOW or truncated


@dataclass(frozen=True, slots=True)
class ListingEntry:
    """One paper of a listing, as read from the page."""

    title: str
    authors: tuple[str, ...]
    abstract: str | None
    line: int
    confidence: float
    truncated: bool = False

    @property
    def flagged(self) -> bool:
        """Shown to the user to check (the one definition: preview, CLI, ``parse --json``)."""
        return is_flagged(self.confidence, self.truncated)


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


# The combining marks of the Combining Diacritical Marks block, the only ones
# below U+0370: what accented Latin letters decompose into.
_LATIN_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]"
)


def _without_marks(text: str) -> str:
    """``text`` (decomposed) without its combining marks (accents)."""
    bare = _LATIN_MARKS.sub("", text)
    if bare and max(bare) >= "\u0370":
        # Greek, Cyrillic, Indic...: marks elsewhere in Unicode, one by one.
        bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return bare


# What _NON_WORD finds in ASCII text, as a byte table: bytes.translate is a
# plain C loop, far quicker than the regex or str.translate.
_ASCII_PUNCTUATION = bytes(
    c if c >= 128 or chr(c).isalnum() or chr(c).isspace() else ord(" ") for c in range(256)
)


def normalize_title(title: str) -> str:
    """Key for "same paper": casefold, strip accents, drop punctuation, collapse whitespace."""
    # split() and join() collapse whitespace exactly as _SPACES and strip()
    # do (both go by str.isspace), at a third of the cost.
    if title.isascii():
        # Most titles: nothing to decompose, so skip the per-character pass.
        ascii_bytes = title.lower().encode("ascii").translate(_ASCII_PUNCTUATION)
        return " ".join(ascii_bytes.decode("ascii").split())
    bare = _without_marks(unicodedata.normalize("NFKD", title.casefold()))
    return " ".join(_NON_WORD.sub(" ", bare).split())


_WORD = re.compile(r"\w+")


# Big enough for the distinct names of a large listing (a hundred thousand
# papers have some seventy thousand): a smaller cache misses nearly always.
@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """Key for "same author": two spellings of a person's name with one key are one person."""
    if name.isascii():
        if name.replace(" ", "").isalpha():
            # Letters and spaces only (most names): the words are the pieces.
            return " ".join(name.lower().split())
        return " ".join(_WORD.findall(name.lower()))
    stripped = _without_marks(unicodedata.normalize("NFKD", name.casefold()))
    return " ".join(_WORD.findall(stripped))
