"""Fit the reader's confidence calibration on training listings (not the held-out ones).

``python -m tests.support.fit_confidence [ENTRIES]`` parses generated listings (seeds
apart from those the benchmark and the tests evaluate on), records what
``scoring.calibrate`` sees for every entry and whether the entry was read exactly, fits
a logistic regression on ``scoring.confidence_features`` by Newton's method, and prints
the weights to paste into ``scoring.CALIBRATION``.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from readinglist.listing import parse_text, reader, scoring
from tests.support.confidence import judge
from tests.support.heldout import heldout_corpus

#: Seeds of the training corpus; the benchmark and tests use others.
TRAIN_SEED = 9001


def collect(total: int) -> tuple[list[list[float]], list[bool]]:
    rows: list[list[float]] = []
    labels: list[bool] = []
    seen: list[tuple[Any, ...]] = []
    original = reader.calibrate

    def record(*args: Any) -> float:
        seen.append(args)
        return original(*args)

    reader.calibrate = record  # type: ignore[assignment]
    try:
        for listing in heldout_corpus(total, TRAIN_SEED):
            seen.clear()
            entries = parse_text(listing.text).entries
            verdicts = judge(entries, listing)
            assert len(seen) == len(entries)
            rows.extend(list(scoring.confidence_features(*args)) for args in seen)
            labels.extend(verdicts)
    finally:
        reader.calibrate = original  # type: ignore[assignment]
    return rows, labels


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b (Gaussian elimination with partial pivoting)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[col][col]:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def fit(rows: list[list[float]], labels: list[bool], ridge: float = 1e-3) -> list[float]:
    """Logistic regression weights (bias last) by Newton's method with a small ridge."""
    k = len(rows[0]) + 1
    xs = [[*r, 1.0] for r in rows]
    w = [0.0] * k
    for _ in range(25):
        grad = [-ridge * wi for wi in w]
        hess = [[(ridge if i == j else 0.0) for j in range(k)] for i in range(k)]
        for x, y in zip(xs, labels, strict=True):
            z = sum(wi * xi for wi, xi in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))
            g = float(y) - p
            s = p * (1.0 - p)
            for i in range(k):
                grad[i] += g * x[i]
                if s > 1e-12:
                    hi = hess[i]
                    xi = s * x[i]
                    for j in range(i + 1):
                        hi[j] += xi * x[j]
        for i in range(k):
            for j in range(i):
                hess[j][i] = hess[i][j]
        step = _solve(hess, grad)
        w = [wi + si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
    rows, labels = collect(total)
    print(f"{len(labels)} entries, {labels.count(False)} misread", file=sys.stderr)
    w = fit(rows, labels)
    print("CALIBRATION = (" + ", ".join(f"{x:.4f}" for x in w) + ")")


if __name__ == "__main__":
    main()
