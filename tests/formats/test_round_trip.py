"""Property tests: what a writer writes, its reader reads back exactly (text of every shape)."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist import formats
from readinglist.formats import Record, WriteOptions

# Printable text with the characters each format must escape: braces, TeX
# specials, quotes, dashes, accents, other scripts.
_CHARS = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\u2028\u2029\x85\xa0",
)
_EDGE = st.sampled_from(
    [
        "{",
        "}",
        "\\",
        "%",
        "&",
        "$",
        "#",
        "_",
        "~",
        "^",
        "--",
        "``",
        "''",
        "DNA",
        "é",
        "ß",
        ", ",
        " and ",
    ]
)


def _text(min_size: int = 1) -> st.SearchStrategy[str]:
    parts = st.lists(st.one_of(st.text(_CHARS, min_size=1, max_size=8), _EDGE), min_size=min_size)
    return parts.map(lambda p: " ".join("".join(p).split())).filter(lambda t: len(t) >= min_size)


_WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéüøß"), min_size=1, max_size=8)
_NAME = st.builds(
    lambda given, particle, family: " ".join(
        w for w in (given.capitalize(), particle, family.capitalize()) if w
    ),
    _WORD,
    st.sampled_from(["", "", "de", "van der", "von"]),
    _WORD,
)
_TAG = st.text(st.sampled_from("abcdefghij-"), min_size=1, max_size=6).filter(
    lambda t: t.strip("-") == t
)
records = st.builds(
    Record,
    title=_text(),
    authors=st.lists(_NAME, max_size=4, unique=True).map(tuple),
    abstract=st.one_of(st.none(), _text()),
    type=st.sampled_from(["article", "inproceedings", "book", "misc"]),
    year=st.one_of(st.none(), st.integers(1800, 2100)),
    venue=st.one_of(st.none(), _text()),
    doi=st.one_of(st.none(), st.from_regex(r"10\.[0-9]{4}/[a-z0-9._-]{1,12}", fullmatch=True)),
    keywords=st.lists(_TAG, max_size=3, unique=True).map(tuple),
    status=st.sampled_from(["new", "to-read", "reading", "read", "not-reading"]),
    rating=st.integers(0, 5),
    note=st.one_of(st.none(), _text().map(lambda t: t + "\n\n- item")),
)


def _check(fmt_name: str, batch: list[Record], options: WriteOptions) -> None:
    fmt = formats.get(fmt_name)
    assert fmt.write is not None
    out = io.StringIO()
    fmt.write(batch, out, options)
    back = formats.read_text(out.getvalue(), "x", fmt_name if fmt_name != "biblatex" else "bib")
    assert len(back.records) == len(batch), back.bad
    for before, after in zip(batch, back.records, strict=True):
        assert after.title == before.title
        assert after.authors == before.authors
        assert after.abstract == before.abstract
        assert after.year == before.year
        assert after.venue == before.venue
        assert after.doi == before.doi
        assert after.keywords[: len(before.keywords)] == before.keywords
        if options.with_state:
            assert after.status == before.status
            assert (after.rating or 0) == before.rating
            assert after.note == before.note


_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.lists(records, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_bibtex_round_trip(batch: list[Record], state: bool, ascii: bool) -> None:
    _check("bibtex", batch, WriteOptions(with_state=state, ascii=ascii))


@_SETTINGS
@given(st.lists(records, min_size=1, max_size=4), st.booleans())
def test_biblatex_round_trip(batch: list[Record], state: bool) -> None:
    _check("biblatex", batch, WriteOptions(with_state=state))


@_SETTINGS
@given(st.lists(records, min_size=1, max_size=4), st.booleans())
def test_ris_round_trip(batch: list[Record], state: bool) -> None:
    _check("ris", batch, WriteOptions(with_state=state))


@_SETTINGS
@given(st.lists(records, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_csljson_round_trip(batch: list[Record], state: bool, ascii: bool) -> None:
    _check("csljson", batch, WriteOptions(with_state=state, ascii=ascii))
