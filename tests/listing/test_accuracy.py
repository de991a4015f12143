"""Accuracy on generated corpora: ordinary listings >= 99%, adversarial orderings >= 95%."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from readinglist.listing import Listing, read_listing
from tests.support.synth import CUTS, Entry, adversarial_order, generate_entries, write_listing

N = 2500


def exact_share(listing: Listing, expected: list[Entry]) -> float:
    got = Counter((e.title, e.authors, e.abstract) for e in listing.entries)
    want = Counter((e.title, e.authors, e.abstract) for e in expected)
    return sum((got & want).values()) / len(expected)


@pytest.mark.parametrize(
    ("language", "crlf", "bom", "authors", "cut", "seed"),
    [
        ("en", False, False, True, None, 11),
        ("fr", False, False, True, None, 12),
        ("en", True, True, True, "after-authors", 13),
        ("fr", True, False, True, "mid-abstract", 14),
        ("en", False, True, False, None, 15),
        ("fr", False, False, False, "mid-title", 16),
    ],
)
def test_ordinary_listings(
    tmp_path: Path,
    language: str,
    crlf: bool,
    bom: bool,
    authors: bool,
    cut: str | None,
    seed: int,
) -> None:
    path = tmp_path / f"{language}.txt"
    expected = write_listing(
        path,
        generate_entries(N, seed, language=language),
        language,
        crlf=crlf,
        bom=bom,
        authors=authors,
        cut=cut,
    )
    listing = read_listing(path)
    assert listing.language == language
    assert listing.encoding == ("utf-8-sig" if bom else "utf-8")
    assert exact_share(listing, expected) >= 0.99
    assert listing.entries[-1].truncated == (cut is not None)


@pytest.mark.parametrize(
    ("language", "authors", "seed"), [("en", True, 21), ("fr", True, 22), ("en", False, 23)]
)
def test_adversarial_listings(tmp_path: Path, language: str, authors: bool, seed: int) -> None:
    entries = adversarial_order(
        generate_entries(N, seed, language=language, adversarial=True), seed
    )
    path = tmp_path / "adversarial.txt"
    expected = write_listing(path, entries, language, authors=authors)
    listing = read_listing(path)
    assert exact_share(listing, expected) >= 0.95


def test_low_confidence_flags_the_mistakes(tmp_path: Path) -> None:
    # What the import preview relies on: wrong entries have lower confidence and are
    # flagged far more often than right ones.
    entries = adversarial_order(generate_entries(N, 31, adversarial=True), 31)
    path = tmp_path / "adversarial.txt"
    expected = {tuple(e) for e in write_listing(path, entries, "en")}
    listing = read_listing(path)
    right = [e for e in listing.entries if (e.title, e.authors, e.abstract) in expected]
    wrong = [e for e in listing.entries if (e.title, e.authors, e.abstract) not in expected]
    assert wrong, "the adversarial corpus should trip the reader at least once"

    def mean(values: list[float]) -> float:
        return sum(values) / len(values)

    assert mean([e.confidence for e in wrong]) < mean([e.confidence for e in right])
    assert mean([e.flagged for e in wrong]) >= 0.9
    assert mean([e.flagged for e in right]) <= 0.03


def test_generator_is_deterministic() -> None:
    assert generate_entries(50, 5) == generate_entries(50, 5)
    assert generate_entries(50, 5) != generate_entries(50, 6)


@pytest.mark.parametrize("cut", CUTS)
def test_cut_off_copies_keep_the_last_entry(tmp_path: Path, cut: str) -> None:
    path = tmp_path / f"{cut}.txt"
    right = 0
    for seed in range(25):
        expected = write_listing(path, generate_entries(20, 100 + seed), "en", cut=cut)
        last = read_listing(path).entries[-1]
        want = expected[-1]
        # Some cuts cannot apply (no abstract to cut): the entry then ends complete.
        complete = want.abstract is not None and want.abstract.endswith(".")
        if (last.title, last.authors, last.abstract) == tuple(want):
            right += last.truncated or complete
    assert right >= 23
