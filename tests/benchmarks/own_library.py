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


TYPING = """
import sys
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from readinglist.gui import create_window
window = create_window(sys.argv[1])
window.show()
gaps, clock = [], QElapsedTimer()
clock.start()
last = [clock.elapsed()]
def beat():
    now = clock.elapsed()
    gaps.append(now - last[0])
    last[0] = now
heartbeat = QTimer()
heartbeat.setInterval(10)
heartbeat.timeout.connect(beat)
words = ["learning", "graph neural", "protein", "reinforcement", "optimisation", "la", "de"]
text = " ".join(words)
typed = [0]
def key():
    if typed[0] < len(text):
        window.search_edit.setText(window.search_edit.text() + text[typed[0]])
        typed[0] += 1
        if text[typed[0] - 1] == " ":
            window.search_edit.setText("")
    elif window._search_task is None and not window._search_timer.isActive():
        app.quit()
def start():
    gaps.clear()
    last[0] = clock.elapsed()
    heartbeat.start()
    typer.start()
typer = QTimer()
typer.setInterval(120)  # a fast typist
typer.timeout.connect(key)
QTimer.singleShot(1500, start)
QTimer.singleShot(300_000, app.quit)
app.exec()
window.shutdown()
print(max(gaps), sorted(gaps)[int(0.99 * (len(gaps) - 1))], len(gaps))
"""


def bench_typing(lib, papers: int) -> list[Result]:  # type: ignore[no-untyped-def]
    """The longest UI-thread stall while typing searches (a 10 ms heartbeat)."""
    import subprocess

    from tests.benchmarks.run import PY, ROOT

    data_dir = str(lib.data_dir)
    lib.close()
    done = subprocess.run(
        [PY, "-c", TYPING, data_dir], cwd=ROOT, capture_output=True, text=True, check=True
    )
    worst, p99, beats = done.stdout.split()
    return [
        Result(
            "UI thread while typing searches (longest gap of a 10 ms heartbeat)",
            papers,
            [float(worst)],
            "ms",
            10.0,
            "≤ 50 ms",
            float(worst) <= 50,
            f"p99 gap {float(p99):.0f} ms over {beats} beats",
        )
    ]


def statistics_median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    parser.add_argument("--typing", action="store_true", help="also time typing in the window")
    args = parser.parse_args(argv)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rl-own-"))
    folder.mkdir(parents=True, exist_ok=True)
    lib = _library(folder, args.papers)
    try:
        results = bench_duplicates(lib, args.papers, args.repeat)
        results += bench_changes(lib, args.papers, args.repeat)
    finally:
        lib.close()
    if args.typing:
        results += bench_typing(lib, args.papers)
    print_table(results)
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
