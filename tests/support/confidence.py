"""Scoring the reader on held-out listings: accuracy, flags and calibration of ``confidence``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from readinglist.listing import ListingEntry, parse_text
from tests.support.heldout import HeldOutListing
from tests.support.synth import Entry

#: Confidence bins of the calibration table (lower bounds).
BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99)


def _starts(expected: Sequence[Entry], authors: bool) -> list[int]:
    """Line number of each expected entry's title (line 1 is the header, 2 is blank)."""
    out = []
    line = 3
    for e in expected:
        out.append(line)
        line += 1 + (len(e.authors) if authors else 0) + (e.abstract is not None)
    return out


def judge(entries: Iterable[ListingEntry], listing: HeldOutListing) -> list[bool]:
    """For each parsed entry: is it exactly an expected entry, starting on the same line?"""
    want = {
        line: (e.title, e.authors, e.abstract)
        for line, e in zip(
            _starts(listing.expected, listing.authors), listing.expected, strict=True
        )
    }
    return [want.get(e.line) == (e.title, e.authors, e.abstract) for e in entries]


@dataclass
class Scores:
    """Per-entry outcomes gathered over a corpus."""

    expected: int = 0
    confidence: list[float] = field(default_factory=list)
    flagged: list[bool] = field(default_factory=list)
    correct: list[bool] = field(default_factory=list)
    #: For each misread region (a run of wrong parsed entries): its length.
    wrong_runs: list[int] = field(default_factory=list)

    def add(self, entries: Sequence[ListingEntry], listing: HeldOutListing) -> None:
        verdicts = judge(entries, listing)
        self.expected += len(listing.expected)
        self.confidence.extend(e.confidence for e in entries)
        # Readers older than ListingEntry.flagged flagged below 0.8 (and cut-off ones).
        self.flagged.extend(
            e.flagged if hasattr(e, "flagged") else e.confidence < 0.8 or e.truncated
            for e in entries
        )
        self.correct.extend(verdicts)
        run = 0
        for ok in [*verdicts, True]:
            if ok and run:
                self.wrong_runs.append(run)
                run = 0
            elif not ok:
                run += 1

    @property
    def accuracy(self) -> float:
        """Share of the expected entries read exactly."""
        return sum(self.correct) / self.expected

    @property
    def wrong(self) -> int:
        return len(self.correct) - sum(self.correct)

    @property
    def flag_recall(self) -> float:
        """Share of the misread entries that are flagged."""
        hits = sum(f for f, ok in zip(self.flagged, self.correct, strict=True) if not ok)
        return hits / self.wrong if self.wrong else 1.0

    @property
    def false_flags(self) -> float:
        """Share of the correct entries that are flagged."""
        right = sum(self.correct)
        return (
            sum(f for f, ok in zip(self.flagged, self.correct, strict=True) if ok) / right
            if right
            else 0.0
        )

    def flags_at(self, threshold: float) -> tuple[float, float]:
        """(flag recall, false-flag rate) were entries flagged below ``threshold``."""
        pairs = list(zip(self.confidence, self.correct, strict=True))
        wrong = [c for c, ok in pairs if not ok]
        right = [c for c, ok in pairs if ok]
        recall = sum(c < threshold for c in wrong) / len(wrong) if wrong else 1.0
        false = sum(c < threshold for c in right) / len(right) if right else 0.0
        return recall, false

    def calibration(self) -> list[tuple[float, float, int, float, float]]:
        """Per confidence bin: (low, high, entries, mean confidence, share correct)."""
        edges = [*BINS, 1.0000001]
        out = []
        for low, high in pairwise(edges):
            pairs = [
                (c, ok)
                for c, ok in zip(self.confidence, self.correct, strict=True)
                if low <= c < high
            ]
            if pairs:
                mean = sum(c for c, _ in pairs) / len(pairs)
                share = sum(ok for _, ok in pairs) / len(pairs)
                out.append((low, min(high, 1.0), len(pairs), mean, share))
        return out

    def calibration_error(self) -> float:
        """Expected calibration error: entry-weighted |mean confidence - accuracy| per bin."""
        n = len(self.correct)
        return sum(k * abs(mean - share) for _, _, k, mean, share in self.calibration()) / n


def score(listings: Iterable[HeldOutListing]) -> Scores:
    """Parse each listing and judge every entry."""
    scores = Scores()
    for listing in listings:
        scores.add(parse_text(listing.text).entries, listing)
    return scores
