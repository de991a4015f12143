"""The reader's part of the benchmarks: parse speed against another revision, and confidence.

``parse``: the same listing parsed in fresh processes by this checkout's reader and by
the reader of another revision (``--against``, by default the last one before issue 15
changed the reader; exported with ``git archive``), interleaved, so that the ratio holds
on a busy machine.

``confidence``: held-out listings (``tests.support.heldout``: seeds apart from the ones
the calibration is fitted on, and the "test" half of the weak shapes' words, which
neither the fitting nor the work on the reader looked at; the realistic mix is judged,
the stress mix and the ordinary one without the weak shapes are shown) read by both
readers: exact-entry accuracy, how many of the misread entries are flagged, how many of
the right ones are, and a calibration table (confidence bins against the share read
right).  ``--entries`` sets the size of each corpus: at 20,000 the realistic mix holds
some thirty misread entries, so the flag recall moves by several points from one seed to
another; 100,000 gives a steadier figure.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.run import ROOT, Result

PY = sys.executable

PARSE = """
import sys
if sys.argv[2]:
    sys.path.insert(0, sys.argv[2])
from readinglist.listing import iter_listing
print(sum(1 for _ in iter_listing(sys.argv[1])))
"""

# Run in a child so that another revision's reader can be imported; prints JSON.
CONFIDENCE = """
import json, sys
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
sys.path.insert(1, sys.argv[2])
import readinglist.listing as listing
from tests.support.confidence import score
from tests.support.heldout import ORDINARY, REALISTIC, STRESS, heldout_corpus
rates = {"stress": STRESS, "ordinary": ORDINARY}.get(sys.argv[5], REALISTIC)
s = score(heldout_corpus(int(sys.argv[3]), int(sys.argv[4]), rates))
print(json.dumps({
    "entries": len(s.correct), "expected": s.expected, "accuracy": s.accuracy,
    "wrong": s.wrong, "recall": s.flag_recall, "false_flags": s.false_flags,
    "ece": s.calibration_error(), "calibration": s.calibration(),
    "runs": s.wrong_runs, "flag_below": getattr(listing, "FLAG_BELOW", None),
    "sweep": [(t, *s.flags_at(t)) for t in (0.8, 0.9, 0.95, 0.97, 0.98, 0.99)],
}))
"""


def export(rev: str, folder: Path) -> Path:
    """The ``readinglist`` package of revision ``rev``, exported under ``folder``."""
    target = folder / f"src-{rev.replace('/', '_')}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", rev, "readinglist"], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def _parse_once(listing: Path, src: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one parse in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [PY, "-c", PARSE, str(listing), src],
        cwd=tempfile.gettempdir(),
        capture_output=True,
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def bench_parse(listing: Path, folder: Path, papers: int, repeat: int, rev: str) -> list[Result]:
    """Parse time, process start to exit, of this reader and of ``rev``'s, interleaved.

    Judged on CPU time (user + system): other work on a shared machine stretches wall
    time by tens of percent between runs a minute apart, CPU time far less."""
    other = str(export(rev, folder))
    mine: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for k in range(max(repeat, 3)):
        # Each goes first in turn, so that neither is always the one run just after.
        if k % 2:
            mine.append(_parse_once(listing, ""))
            theirs.append(_parse_once(listing, other))
        else:
            theirs.append(_parse_once(listing, other))
            mine.append(_parse_once(listing, ""))
    base = statistics.median(cpu for _, cpu in theirs)
    cpu = statistics.median(cpu for _, cpu in mine)
    return [
        Result(
            "parse only, CPU time (process start to exit)",
            papers,
            [c for _, c in mine],
            "s",
            base,
            "≤ 1.05× baseline",
            cpu <= 1.05 * base,
            f"baseline: the reader of {rev}; wall medians "
            f"{statistics.median(w for w, _ in mine):.2f} s vs "
            f"{statistics.median(w for w, _ in theirs):.2f} s",
        )
    ]


@dataclass
class Figures:
    """What ``CONFIDENCE`` prints for one reader on one corpus."""

    entries: int
    expected: int
    accuracy: float
    wrong: int
    recall: float
    false_flags: float
    ece: float
    calibration: list[tuple[float, float, int, float, float]]
    runs: list[int]
    flag_below: float | None
    sweep: list[tuple[float, float, float]]


def _confidence_of(src: str, entries: int, seed: int, mix: str) -> Figures:
    done = subprocess.run(
        [PY, "-c", CONFIDENCE, src, str(ROOT), str(entries), str(seed), mix],
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
        check=True,
    )
    return Figures(**json.loads(done.stdout))


def _pct(x: float) -> str:
    return f"{100 * x:.2f} %"


def bench_confidence(folder: Path, entries: int, rev: str, seed: int = 1) -> list[bool]:
    """Accuracy, flags and calibration on held-out listings, this reader and ``rev``'s;
    prints two tables and returns whether each target is met."""
    other = str(export(rev, folder))
    print()
    print(
        f"## The reader on held-out listings ({entries:,} entries each, seed {seed}; "
        f"baseline: the reader of {rev})"
    )
    print()
    print("| listings | what | measured | baseline | target | met |")
    print("|---|---|---|---|---|---|")
    oks: list[bool] = []
    realistic: Figures | None = None
    for mix in ("realistic", "stress", "ordinary"):
        mine = _confidence_of("", entries, seed, mix)
        theirs = _confidence_of(other, entries, seed, mix)
        judged = mix == "realistic"
        if judged:
            realistic = mine
        longest, longest_base = max(mine.runs, default=0), max(theirs.runs, default=0)
        lines: list[tuple[str, str, str, str, bool | None]] = [
            (
                "entries read (expected)",
                f"{mine.entries:,} ({mine.expected:,})",
                f"{theirs.entries:,}",
                "-",
                None,
            ),
            (
                "exact-entry accuracy",
                _pct(mine.accuracy),
                _pct(theirs.accuracy),
                "≥ 99 %",
                mine.accuracy >= 0.99,
            ),
            (
                "misread entries flagged (flag recall)",
                _pct(mine.recall),
                _pct(theirs.recall),
                "≥ 90 %",
                mine.recall >= 0.90,
            ),
            (
                "right entries flagged (false flags)",
                _pct(mine.false_flags),
                _pct(theirs.false_flags),
                "≤ 1 %",
                mine.false_flags <= 0.01,
            ),
            (
                "calibration error (entry-weighted)",
                _pct(mine.ece),
                _pct(theirs.ece),
                "≤ 2 %",
                mine.ece <= 0.02,
            ),
            (
                "longest run of misread entries",
                str(longest),
                str(longest_base),
                "≤ 2",
                longest <= 2,
            ),
        ]
        for what, got, base, target, ok in lines:
            met = "-" if ok is None or not judged else "yes" if ok else "**no**"
            print(f"| {mix} | {what} | {got} | {base} | {target if judged else '-'} | {met} |")
            if judged and ok is not None:
                oks.append(ok)
    assert realistic is not None
    print()
    print(f"Calibration, realistic listings (flagged below {realistic.flag_below}):")
    print()
    print("| confidence | entries | mean confidence | read right |")
    print("|---|---|---|---|")
    for low, high, count, mean, share in realistic.calibration:
        print(f"| {low:.2f}–{high:.2f} | {count:,} | {mean:.3f} | {share:.3f} |")
    print()
    print("Flags were the threshold elsewhere (realistic listings, this reader):")
    print()
    print("| flag below | misread entries flagged | right entries flagged |")
    print("|---|---|---|")
    for threshold, recall, false in realistic.sweep:
        print(f"| {threshold:g} | {_pct(recall)} | {_pct(false)} |")
    return oks
