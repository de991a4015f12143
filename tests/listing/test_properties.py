"""Property tests: rendered entries read back; arbitrary input only ever raises ListingError."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.listing import ListingError, parse_text, read_listing, render_listing

# Realistic entries, restricted to ones that are unambiguous by construction: titles
# carry a colon or a function word ("for", "with"...), names are two or three
# capitalized tokens, abstracts are long (so they carry the marker).  Ambiguous shapes
# (two-word Title Case titles, short abstracts) are measured by the accuracy tests.
_GIVEN = [
    "Anna",
    "Boris",
    "Chen",
    "Dana",
    "Emeka",
    "Fatou",
    "Giulia",
    "Hiro",
    "Ines",
    "Jonas",
    "Kwame",
    "Leila",
    "Marta",
    "Nikolai",
    "Olga",
    "Pedro",
    "Sékou-Oumar",
    "Zoë",
]
_FAMILY = [
    "Okafor",
    "Larsen",
    "Tanaka",
    "Moreau",
    "Silva",
    "Nguyen",
    "Kowalski",
    "Haddad",
    "Petrov",
    "Rossi",
    "García",
    "Kim",
    "Schölkopf",
    "Hernandez-Garcia",
    "O'Brien",
]
_WORDS = [
    "Sparse",
    "Neural",
    "Bayesian",
    "Robust",
    "Causal",
    "Graph",
    "Diffusion",
    "Models",
    "Learning",
    "Transformers",
    "Kernels",
    "Policies",
    "Agents",
    "Flows",
    "Inference",
]
_LINK = ["for", "with", "via", "in", "under", "of"]

names = st.builds(
    lambda g, m, f: f"{g} {m + ' ' if m else ''}{f}",
    st.sampled_from(_GIVEN),
    st.sampled_from(["", "D.", "Le", "AGM"]),
    st.sampled_from(_FAMILY),
)
titles = st.builds(
    lambda a, b, link, c, d, colon, end: f"{a} {b}{':' if colon else ''} {link} {c} {d}{end}",
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS),
    st.sampled_from(_LINK),
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS),
    st.booleans(),
    st.sampled_from(["", "?", ""]),
)
sentences = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ,;()-éà…'\"0123456789")),
    min_size=150,
    max_size=600,
).map(lambda body: "We show " + body.strip() + " results.")
entries = st.tuples(
    titles,
    st.lists(names, min_size=1, max_size=8).map(tuple),
    st.one_of(st.none(), sentences),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries, min_size=1, max_size=12), st.sampled_from(["en", "fr"]))
def test_rendered_entries_read_back(
    batch: list[tuple[str, tuple[str, ...], str | None]], language: str
) -> None:
    expected = [(t, a, ab.strip() if ab is not None else None) for t, a, ab in batch]
    listing = parse_text(render_listing(expected, language))
    assert [(e.title, e.authors, e.abstract) for e in listing.entries] == expected
    if any(ab is not None and len(ab) > 140 for _, _, ab in expected):
        assert listing.language == language


def _check_quietly(text: str) -> None:
    start = time.perf_counter()
    try:
        listing = parse_text(text, name="fuzz")
    except ListingError as err:
        assert "\n" not in str(err)
    else:
        assert all(0.0 <= e.confidence <= 1.0 for e in listing.entries)
    assert time.perf_counter() - start < 2.0


@settings(max_examples=300, deadline=2000)
@given(st.text(max_size=3000))
def test_arbitrary_text_only_raises_listing_error(text: str) -> None:
    _check_quietly(text)


@settings(max_examples=200, deadline=2000)
@given(st.lists(st.text(max_size=200), max_size=60))
def test_arbitrary_lines_after_a_header(lines: list[str]) -> None:
    _check_quietly("Publications\n\n" + "\n".join(lines))


@settings(
    max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_only_raise_listing_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.txt"
    for payload in (data, b"Publications\n\n" + data):
        path.write_bytes(payload)
        try:
            listing = read_listing(path)
        except ListingError as err:
            assert "\n" not in str(err)
            assert "fuzz.txt" in str(err)
        else:
            assert listing.encoding in ("utf-8", "utf-8-sig", "cp1252")
