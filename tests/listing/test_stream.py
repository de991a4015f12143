"""Streaming reads the same entries as reading in full, in small blocks and chunks."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

from readinglist.listing import (
    ListingEntry,
    ListingStream,
    iter_listing,
    parse_text,
    read_listing,
    reader,
)
from tests.support.synth import generate_entries, write_listing


@pytest.mark.parametrize(("crlf", "authors"), [(False, True), (True, True), (False, False)])
def test_stream_matches_full_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crlf: bool, authors: bool
) -> None:
    path = tmp_path / "big.txt"
    write_listing(path, generate_entries(1500, 3), "fr", crlf=crlf, authors=authors)
    text = path.read_bytes().decode("utf-8")
    whole = parse_text(text, name="big.txt")
    monkeypatch.setattr(reader, "CHUNK_LINES", 300)
    stream = ListingStream(path, block_size=4096)
    assert stream.content_hash == ""
    streamed = list(stream.entries())

    # Confidence may differ a little, and so may a few readings of one- or two-word
    # lines: a chunk of 300 lines knows fewer of the file's names than the whole file
    # (in use a chunk is 40,000 lines). Everything else must be the same.
    def content(e: ListingEntry) -> tuple[object, ...]:
        return (e.title, e.authors, e.abstract, e.line, e.truncated)

    got = [content(e) for e in streamed]
    want = [content(e) for e in whole.entries]
    differ = set(got) ^ set(want)
    assert len(differ) <= 0.01 * len(want)
    short = {
        line
        for e in whole.entries + tuple(streamed)
        if content(e) in differ
        for line in (e.title, *e.authors)
        if line.count(" ") <= 1
    }
    assert short or not differ
    assert stream.language == whole.language == "fr"
    normalized = text.replace("\r\n", "\n")
    assert stream.content_hash == hashlib.sha256(normalized.encode("utf-8")).hexdigest()
    assert stream.content_hash == whole.content_hash


def test_stream_without_certain_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No abstract at all: chunks must be cut where the DP places a title.
    entries = [e._replace(abstract=None) for e in generate_entries(1200, 4)]
    path = tmp_path / "no-abstracts.txt"
    expected = write_listing(path, entries, "en")
    full = read_listing(path).entries
    monkeypatch.setattr(reader, "CHUNK_LINES", 200)
    streamed = list(iter_listing(path))

    def share(got: Iterable[ListingEntry]) -> float:
        found = Counter((e.title, e.authors) for e in got)
        want = Counter((e.title, e.authors) for e in expected)
        return sum((found & want).values()) / len(expected)

    # Without any abstract nothing anchors the segmentation: harder than usual listings.
    assert share(full) >= 0.95
    assert share(streamed) >= share(full) - 0.01


def test_stream_entries_only_once(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    write_listing(path, generate_entries(5, 1), "en")
    stream = ListingStream(path)
    list(stream.entries())
    with pytest.raises(RuntimeError):
        list(stream.entries())


def test_stream_refuses_before_iterating(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body>Publications</body></html>", encoding="utf-8")
    with pytest.raises(reader.ListingError, match="HTML"):
        ListingStream(path)
