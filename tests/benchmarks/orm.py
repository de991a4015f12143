"""What the SQLModel models cost: ordinary commands and reads against a revision in plain SQL.

Run with ``python -m tests.benchmarks.orm``; prints a table. Every figure is
this checkout's beside the same thing done by another revision (``--against``,
by default the last one before the ordinary commands moved to the models;
exported with ``git archive``; or a folder holding a tree, such as this
checkout with the move to the models reverted), in fresh processes taking
turns, on copies of one library, so that the ratio holds on a busy machine.

- per call: the median of ``--calls`` calls of each command or read, after
  a first call, in wall time and in CPU time (which leaves out the wait for
  the disk at each commit); the first call of a process is shown on its own,
  as it is the one that imports SQLModel (a few hundred milliseconds);
- a CLI write (``readinglist rate``), process start to exit;
- the window's start: to a populated table (as ``run.py --only startup``
  measures it) and to the saved searches shown in the sidebar (read in a
  worker at start), on a library with three saved searches.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks.run import ROOT, Result, bench_import, make_listing, print_table

PY = sys.executable
#: The last revision whose ordinary commands wrote plain SQL.
ORM_BASELINE = "b23246b"

CALLS = """
import json, shutil, sys, tempfile, time
from pathlib import Path
from readinglist.library import Library
src, calls = Path(sys.argv[1]), int(sys.argv[2])
work = Path(tempfile.mkdtemp())
shutil.copy(src / "library.sqlite3", work / "library.sqlite3")
out = {}
with Library.open(work, auto_backup=False) as lib:
    ids = lib.paper_ids(limit=calls + 1)
    def timed(name, fn):
        start = time.perf_counter()
        fn(calls)
        out[name + " (first call)"] = time.perf_counter() - start
        samples, cpu = [], []
        for i in range(calls):
            start, used = time.perf_counter(), time.process_time()
            fn(i)
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - used)
        out[name] = samples
        # CPU time leaves out the wait for the disk at each commit, which
        # other work on a shared machine stretches more than anything else.
        out[name + ", CPU"] = cpu
    timed("add_paper", lambda i: lib.add_paper(
        f"A benchmark paper number {i}", ["Ada Lovelace", f"Author {i}"], "An abstract.",
        {"year": 2020, "venue": "Somewhere"}))
    timed("edit_paper", lambda i: lib.edit_paper(
        ids[i], title=f"Edited title {i}", authors=["Grace Hopper", f"Other {i}"],
        fields={"doi": f"10.1/{i}"}))
    timed("attach", lambda i: lib.attach(ids[i], f"https://example.org/{i}.pdf"))
    timed("save_search", lambda i: lib.save_search(f"Search {i}", "rating:>=4"))
    timed("set_setting", lambda i: lib.set_setting("bench.key", str(i)))
    timed("saved_searches()", lambda i: lib.saved_searches())
    timed("attachments(id)", lambda i: lib.attachments(ids[i]))
    timed("history(200)", lambda i: lib.history(200))
    timed("setting(key)", lambda i: lib.setting("bench.key"))
    timed("undo", lambda i: lib.undo())
shutil.rmtree(work)
print(json.dumps(out))
"""

START = """
import time, sys
start = time.perf_counter()
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication(sys.argv[:1])
from readinglist.gui import create_window
from readinglist.gui.saved_searches import SavedSearchPanel
shown = []
original = SavedSearchPanel.set_searches
def noted(self, searches):
    shown.append(time.perf_counter() - start)
    return original(self, searches)
SavedSearchPanel.set_searches = noted
window = create_window(sys.argv[1])
window.show()
table = window.findChild(QTableView, "paperTable")
while table.model().rowCount() == 0 or not table.isVisible():
    app.processEvents()
table.model().data(table.model().index(0, 0))
app.processEvents()
populated = time.perf_counter() - start
while not shown and time.perf_counter() - start < 30:
    app.processEvents()
print(populated, shown[0] if shown else -1)
window.shutdown()
"""


def export(rev: str, folder: Path) -> Path:
    """Revision ``rev``: its package and the resources the window loads, under ``folder``."""
    target = folder / f"app-{rev.replace('/', '_')}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", rev, "readinglist", "resources", "seeds"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def _child(code: str, args: list[str], src: str, env: dict[str, str] | None = None) -> str:
    """Run ``code`` with ``src`` (an exported revision, or "" for this checkout) first."""
    environ = dict(os.environ if env is None else env)
    if src:
        environ["PYTHONPATH"] = os.pathsep.join(filter(None, [src, environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [PY, "-c", code, *args],
        cwd=tempfile.gettempdir(),
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


PREPARE = """
import sys
from readinglist.library import Library
with Library.open(sys.argv[1], auto_backup=False) as lib:
    for name, query in [("Rated", "rating:>=4"), ("Queue", "in:queue"), ("Graph", "graph")]:
        lib.save_search(name, query)
"""


def _copies(lib: Path, other: str) -> dict[str, Path]:
    """A copy of the library for each revision, opened once by it (so migrated to its
    schema: a newer one is refused by an older revision) and given three saved searches."""
    out: dict[str, Path] = {}
    for who, src in (("mine", ""), ("theirs", other)):
        work = Path(tempfile.mkdtemp(prefix=f"rl-orm-{who}-"))
        shutil.copy(lib / "library.sqlite3", work / "library.sqlite3")
        _child(PREPARE, [str(work)], src)
        out[who] = work
    return out


def _turns(repeat: int, mine: str, theirs: str) -> list[tuple[str, str]]:
    """Both revisions ``repeat`` times, each going first in turn."""
    out: list[tuple[str, str]] = []
    for k in range(repeat):
        pair = [("mine", mine), ("theirs", theirs)]
        out.extend(pair if k % 2 else pair[::-1])
    return out


def bench_calls(
    libs: dict[str, Path], papers: int, calls: int, repeat: int, other: str, label: str
) -> list[Result]:
    runs: dict[str, list[dict[str, object]]] = {"mine": [], "theirs": []}
    for who, src in _turns(repeat, "", other):
        runs[who].append(json.loads(_child(CALLS, [str(libs[who]), str(calls)], src)))
    results = []
    for name in runs["mine"][0]:
        mine = [run[name] for run in runs["mine"]]
        theirs = [run[name] for run in runs["theirs"]]
        if isinstance(mine[0], list):
            # One median per process, then the median of those.
            mine_ms = [statistics.median(s) * 1000 for s in mine]  # type: ignore[arg-type]
            theirs_ms = [statistics.median(s) * 1000 for s in theirs]  # type: ignore[arg-type]
        else:
            mine_ms = [float(s) * 1000 for s in mine]  # type: ignore[arg-type]
            theirs_ms = [float(s) * 1000 for s in theirs]  # type: ignore[arg-type]
        results.append(
            Result(
                name if "first" in name else f"{name}, per call".replace(", CPU, per", ", CPU per"),
                papers,
                mine_ms,
                "ms",
                statistics.median(theirs_ms),
                note=f"baseline: {label}",
            )
        )
    return results


def bench_cli(
    libs: dict[str, Path], papers: int, repeat: int, other: str, label: str
) -> list[Result]:
    env = dict(os.environ, READINGLIST_NO_BACKGROUND_BACKUP="1")
    times: dict[str, list[float]] = {"mine": [], "theirs": []}
    code = "import sys; from readinglist.cli import main; sys.exit(main(sys.argv[1:]))"
    for k, (who, src) in enumerate(_turns(repeat * 2, "", other)):
        start = time.perf_counter()
        _child(code, ["--data-dir", str(libs[who]), "rate", "1", str(k % 6)], src, env)
        times[who].append(time.perf_counter() - start)
    return [
        Result(
            "CLI `rate` (process start to exit)",
            papers,
            times["mine"],
            "s",
            statistics.median(times["theirs"]),
            note=f"baseline: {label}",
        )
    ]


def bench_start(
    libs: dict[str, Path], papers: int, repeat: int, other: str, label: str
) -> list[Result]:
    populated: dict[str, list[float]] = {"mine": [], "theirs": []}
    saved: dict[str, list[float]] = {"mine": [], "theirs": []}
    for who, src in _turns(repeat, "", other):
        table, shown = map(float, _child(START, [str(libs[who])], src).split())
        populated[who].append(table)
        saved[who].append(shown)
    return [
        Result(
            "start to a populated window",
            papers,
            populated["mine"],
            "s",
            statistics.median(populated["theirs"]),
            note=f"baseline: {label}; 3 saved searches",
        ),
        Result(
            "start to the saved searches shown",
            papers,
            saved["mine"],
            "s",
            statistics.median(saved["theirs"]),
            note=f"baseline: {label}",
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--against",
        default=ORM_BASELINE,
        metavar="REV|DIR",
        help="a revision, or a folder holding another tree (readinglist/, resources/)",
    )
    parser.add_argument(
        "--only", default="calls,cli,start", help="comma-separated: calls, cli, start"
    )
    parser.add_argument(
        "--keep", metavar="DIR", help="work in DIR and keep it (reuses the library)"
    )
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rl-orm-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"# readinglist ORM benchmarks: {args.papers:,} papers, against {args.against}")
    lib = folder / "import-0"
    if not (lib / "library.sqlite3").exists():
        bench_import(make_listing(folder, args.papers), folder, args.papers, 1)
    given = Path(args.against)
    other = str(given.resolve() if given.is_dir() else export(args.against, folder))
    label = given.name if given.is_dir() else args.against
    libs = _copies(lib, other)
    results: list[Result] = []
    if "calls" in parts:
        results += bench_calls(libs, args.papers, args.calls, args.repeat, other, label)
    if "cli" in parts:
        results += bench_cli(libs, args.papers, args.repeat, other, label)
    if "start" in parts:
        results += bench_start(libs, args.papers, args.repeat, other, label)
    for work in libs.values():
        shutil.rmtree(work, ignore_errors=True)
    print()
    print_table(results)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
