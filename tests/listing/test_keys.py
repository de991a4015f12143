"""The title and name keys never change meaning: libraries store them and match copies by them."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from readinglist.listing import name_key, normalize_title

# The keys as first defined, written the plain way. The fast paths must agree
# with them on every string, or an updated readinglist would take a paper it
# already holds for a new one.
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def reference_title_key(title: str) -> str:
    bare = title.lower() if title.isascii() else _bare(title)
    return _SPACES.sub(" ", _NON_WORD.sub(" ", bare)).strip()


def reference_name_key(name: str) -> str:
    bare = name.lower() if name.isascii() else _bare(name)
    return " ".join(_WORD.findall(bare))


# Text that exercises every path: ASCII with punctuation and odd spaces,
# accented Latin, combining marks, other scripts.
texts = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=127),
        st.sampled_from("éèçàüßÆøİıΣσς\u0301\u0308\u034f\u00a0\u2003\u3000\x1c_-–’"),
        st.characters(min_codepoint=0x300, max_codepoint=0x36F),
        st.characters(),
    ),
    max_size=40,
)


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_title_key_matches_its_definition(text: str) -> None:
    assert normalize_title(text) == reference_title_key(text)


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_name_key_matches_its_definition(text: str) -> None:
    assert name_key.__wrapped__(text) == reference_name_key(text)


def test_examples() -> None:
    assert normalize_title("Étude des Réseaux: Une   Approche!") == "etude des reseaux une approche"
    assert normalize_title("snake_case -- and\tTabs") == "snake case and tabs"
    assert name_key("Bernhard Schölkopf") == name_key("bernhard scholkopf") == "bernhard scholkopf"
    assert name_key("Jean-Luc  O'Neil") == "jean luc o neil"
