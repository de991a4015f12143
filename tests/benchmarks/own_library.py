"""Benchmarks of owning the library: the duplicates view, journaled changes, undo, history.

    python -m tests.benchmarks.own_library [--papers 100000] [--repeat 3]

Each figure sits next to a baseline measured in the same run with raw
``sqlite3`` on the same file: reading every title (the least the duplicates
view must do), and the bare UPDATE a status change makes.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.benchmarks.run import Result, make_listing, print_table


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _library(folder: Path, papers: int):  # type: ignore[no-untyped-def]
    from readinglist.library import Library

    listing = make_listing(folder, papers)
    lib = Library.open(folder / "lib", auto_backup=False)
    if lib.count() == 0:
        lib.import_files([listing])
        # Some near duplicates of the kinds the view looks for: a subtitle
        # dropped, a typo, a trailing remark.
        rng = random.Random(11)
        ids = lib.paper_ids(limit=None)
        for pid in rng.sample(ids, 300):
            title = lib.paper(pid).title
            variant = rng.choice(
                [
                    title.split(":")[0] if ":" in title else title + ": extended version",
                    title[:-3] + title[-2:] if len(title) > 12 else title + " revisited",
                    title + " (preprint)",
                ]
            )
            try:
                lib.add_paper(variant, ["Someone Else"])
            except Exception:  # a variant that normalizes to its original
                continue
    return lib


def bench_duplicates(lib, papers: int, repeat: int) -> list[Result]:  # type: ignore[no-untyped-def]
    def raw() -> None:
        conn = sqlite3.connect(lib.db_path)
        conn.execute("SELECT id, title FROM paper WHERE trashed_at IS NULL").fetchall()
        conn.close()

    base = min(_timed(raw) for _ in range(repeat))
    found: list[list[int]] = []
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        found = lib.duplicates()
        samples.append(time.perf_counter() - start)
    return [
        Result(
            "duplicates view filled (rapidfuzz, blocked by rare words)",
            papers,
            samples,
            "s",
            base,
            "< 5 s",
            max(samples) < 5,
            f"{len(found)} groups; baseline: reading every title with raw sqlite3",
        )
    ]


def bench_changes(lib, papers: int, repeat: int) -> list[Result]:  # type: ignore[no-untyped-def]
    ids = lib.paper_ids(limit=1000)
    statuses = ["to-read", "reading", "read", "not-reading", "new"]

    def raw(status: str) -> None:
        conn = sqlite3.connect(lib.db_path)
        with conn:
            conn.executemany(
                "UPDATE paper SET status = ? WHERE id = ?", [(status, pid) for pid in ids]
            )
        conn.close()

    base = min(_timed(lambda s=s: raw(s)) for s in statuses[:repeat])
    lib.set_status(ids, "new")
    change, undo, history = [], [], []
    for n in range(repeat):
        change.append(_timed(lambda n=n: lib.set_status(ids, statuses[n % 4])))
        undo.append(_timed(lib.undo))
        history.append(_timed(lambda: lib.history(200)))
    return [
        Result(
            "status of 1,000 papers, with its journal entry",
            papers,
            change,
            "s",
            base,
            "≤ 5× a bare UPDATE",
            statistics_median(change) <= 5 * base,
            "baseline: the same UPDATE in raw sqlite3, no history, no journal",
        ),
        Result("undo of that change", papers, undo, "s", base, "", None, ""),
        Result(
            "history: the newest 200 changes",
            papers,
            history,
            "s",
            None,
            "< 0.2 s",
            max(history) < 0.2,
            "",
        ),
    ]


def statistics_median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = parser.parse_args(argv)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rl-own-"))
    folder.mkdir(parents=True, exist_ok=True)
    lib = _library(folder, args.papers)
    try:
        results = bench_duplicates(lib, args.papers, args.repeat)
        results += bench_changes(lib, args.papers, args.repeat)
    finally:
        lib.close()
    print_table(results)
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
