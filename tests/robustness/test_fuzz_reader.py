"""Hypothesis fuzzing of the listing reader: only ListingError ever comes out, and never late."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.listing import MARKERS, ListingEntry, ListingError, ListingStream, parse_text
from tests.robustness.support import deadline

PER_EXAMPLE_SECONDS = 5
FUZZ = settings(
    max_examples=300,
    deadline=None,  # timed by SIGALRM instead: a slow CI example is not a hang
    suppress_health_check=[HealthCheck.too_slow],
)

# Lines that look like parts of a listing, mixed with anything at all.
LINE_PARTS = st.one_of(
    st.sampled_from(
        [
            "Publications",
            "Publications\ufeff",
            "",
            " ",
            "Deep Sets",
            "Manzil Zaheer",
            "Yoshua Bengio",
            "We propose a method.",
            "A" * 141 + MARKERS["en"] + "tail.",
            "Un résumé" + MARKERS["fr"],
            "\u202eevil\u202c",
            "e\u0301" * 50,
            "<script>alert(1)</script>",
            "\x00",
            "\r",
            "x" * 70000,
        ]
    ),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
)
LISTING_TEXT = st.builds(
    lambda head, lines, end: head + "\n".join(lines) + end,
    st.sampled_from(["", "Publications\n\n", "Publications\r\n\r\n", "\ufeffPublications\n\n"]),
    st.lists(LINE_PARTS, max_size=40),
    st.sampled_from(["", "\n", "\r\n"]),
)


def _check(entries: Sequence[ListingEntry]) -> None:
    for entry in entries:
        assert isinstance(entry.title, str) and entry.title.strip()
        assert all(isinstance(a, str) for a in entry.authors)
        assert 0.0 <= entry.confidence <= 1.0
        assert entry.line >= 1


@FUZZ
@given(LISTING_TEXT)
def test_parse_text_only_raises_listing_error(text: str) -> None:
    with deadline(PER_EXAMPLE_SECONDS):
        try:
            listing = parse_text(text, name="fuzz.txt")
        except ListingError as err:
            assert "\n" not in str(err) and "fuzz.txt" in str(err)
            return
    _check(listing.entries)


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=3000),
        LISTING_TEXT.map(lambda t: t.encode("utf-8")),
        LISTING_TEXT.map(lambda t: t.encode("utf-8", "replace")[::-1]),
        st.tuples(LISTING_TEXT, st.binary(max_size=20)).map(lambda p: p[0].encode("utf-8") + p[1]),
    ),
    st.sampled_from([1024, 4096, 1 << 22]),
)
def test_streaming_a_file_only_raises_listing_error(content: bytes, block_size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.txt"
        path.write_bytes(content)
        with deadline(PER_EXAMPLE_SECONDS):
            try:
                stream = ListingStream(path, block_size=block_size)
                entries = list(stream.entries())
            except ListingError as err:
                assert "\n" not in str(err)
                return
    _check(entries)
