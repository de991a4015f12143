"""Citation keys: kept from the source, else FamilyYearFirstword in ASCII, unique with a/b/c."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from readinglist.formats.names import split_display

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "for",
        "and",
        "to",
        "with",
        "from",
        "by",
        "at",
        "is",
        "are",
        "as",
        "la",
        "le",
        "les",
        "de",
        "des",
        "du",
        "un",
        "une",
        "el",
        "los",
        "las",
        "der",
        "die",
        "das",
        "ein",
        "eine",
    ]
)
_KEY_CHARS = re.compile(r"[^A-Za-z0-9]")
# What BibTeX and Biber accept in a key: no spaces, commas, braces, quotes, # % ~ or =.
_BAD_KEY = re.compile(r"[\s,{}()\"#%~=\\']")


def ascii_word(text: str) -> str:
    if text.isascii():  # nothing to decompose or transliterate
        return _KEY_CHARS.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _KEY_CHARS.sub("", bare.replace("ß", "ss").replace("ø", "o").replace("æ", "ae"))


def base_key(authors: Iterable[str], year: int | None, title: str) -> str:
    """FamilyYearFirstword: the first author's family name, the year, the first real word."""
    first = next(iter(authors), "")
    family = ascii_word(split_display(first)[2]) if first else ""
    word = ""
    for candidate in title.split():
        cleaned = ascii_word(candidate)
        if cleaned and cleaned.lower() not in _STOP:
            word = cleaned
            break
    family = family.capitalize() if family.islower() else family
    key = f"{family}{year or ''}{word[:1].upper()}{word[1:]}"
    return key or "paper"


def usable(key: str | None) -> bool:
    return bool(key) and not _BAD_KEY.search(key or "")


class KeyMaker:
    """Hands out unique keys for one export: a kept key stays, a clash gets a/b/c..."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = {k.lower() for k in taken}

    def key(self, wanted: str | None, authors: Iterable[str], year: int | None, title: str) -> str:
        base = wanted if wanted and usable(wanted) else base_key(authors, year, title)
        if base.lower() not in self.taken:
            self.taken.add(base.lower())
            return base
        n = 0
        while True:
            suffix = ""
            m = n
            while True:
                suffix = chr(ord("a") + m % 26) + suffix
                m = m // 26 - 1
                if m < 0:
                    break
            if (base + suffix).lower() not in self.taken:
                self.taken.add((base + suffix).lower())
                return base + suffix
            n += 1
