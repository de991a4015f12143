"""Benchmarks for the scale issue: run with ``python -m tests.benchmarks.run``; prints a table.

Every figure is set beside a baseline measured in the same run on the same
machine (raw ``sqlite3``, a bare PySide6 window), because a shared machine's
absolute timings drift. Not part of the test suite: it takes minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The last revision before issue 15 changed the reader: the baseline of parse, confidence.
READER_BASELINE = "7ec225b"
PY = sys.executable


@dataclass
class Result:
    what: str
    papers: int
    samples: list[float]
    unit: str
    baseline: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def ratio(self) -> float | None:
        return self.median / self.baseline if self.baseline else None


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}"


def print_table(results: Sequence[Result], out: Callable[[str], None] = print) -> None:
    out("| what | papers | median | p95 | baseline | ratio | target | met |")
    out("|---|---|---|---|---|---|---|---|")
    for r in results:
        base = _fmt(r.baseline, r.unit) if r.baseline is not None else "-"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "-"
        met = {True: "yes", False: "**no**", None: "-"}[r.ok]
        note = f" ({r.note})" if r.note else ""
        out(
            f"| {r.what}{note} | {r.papers:,} | {_fmt(r.median, r.unit)} | {_fmt(r.p95, r.unit)} "
            f"| {base} | {ratio} | {r.target} | {met} |"
        )


# -- data -------------------------------------------------------------------


def make_listing(folder: Path, papers: int, seed: int = 7) -> Path:
    """A realistic listing of ``papers`` entries (English and French halves)."""
    from tests.support.synth import iter_entries, write_listing

    path = folder / f"listing-{papers}.txt"
    if not path.exists():
        half = papers // 2

        def both():  # type: ignore[no-untyped-def]
            yield from iter_entries(half, seed, language="en")
            yield from iter_entries(papers - half, seed + 1, language="fr")

        write_listing(path, both(), "en")
    return path


def timed_run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        args, cwd=ROOT, capture_output=True, text=True, env=env or os.environ.copy()
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


# -- import -----------------------------------------------------------------


def baseline_import(listing: Path, folder: Path) -> float:
    """Raw sqlite3: the same rows by executemany into the same schema, plus the FTS5 build."""
    from readinglist.library import Library
    from readinglist.library.search import name_key
    from readinglist.listing import normalize_title, read_listing

    entries = read_listing(listing).entries
    data = folder / "baseline"
    shutil.rmtree(data, ignore_errors=True)
    Library.open(data).close()  # the real schema, by the real migrations
    now = "2026-01-01 00:00:00"
    papers, fts, abstracts, authors, links, sources = [], [], [], {}, [], []
    seen: set[str] = set()
    for e in entries:
        key = normalize_title(e.title)
        if key in seen:
            continue
        seen.add(key)
        pid = len(papers) + 1
        text = ", ".join(e.authors)
        papers.append((pid, e.title, key, text, listing.name, now, now))
        fts.append((pid, e.title, text, e.abstract))
        if e.abstract:
            abstracts.append((pid, e.abstract))
        sources.append((pid, 1, e.line))
        for pos, name in enumerate(e.authors):
            aid = authors.setdefault(name_key(name), (len(authors) + 1, name))[0]
            links.append((pid, pos, aid))
    author_rows = [(aid, name, key) for key, (aid, name) in authors.items()]
    conn = sqlite3.connect(data / "library.sqlite3", isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO source_listing (id, name, first_imported_at, imported_at) VALUES (1, ?, ?, ?)",
        (listing.name, now, now),
    )
    # As the importer does: the insert triggers off, the index filled in bulk.
    conn.execute("UPDATE fts_control SET bulk = 1")
    conn.executemany(
        "INSERT INTO paper (id, title, title_key, authors_text, sources_text, status,"
        " rating, added_at, updated_at) VALUES (?, ?, ?, ?, ?, 'new', 0, ?, ?)",
        papers,
    )
    conn.executemany("INSERT INTO paper_abstract (paper_id, text) VALUES (?, ?)", abstracts)
    conn.executemany(
        "INSERT INTO paper_fts (rowid, title, authors, abstract) VALUES (?, ?, ?, ?)", fts
    )
    conn.execute("UPDATE fts_control SET bulk = 0")
    conn.executemany("INSERT INTO author (id, name, name_key) VALUES (?, ?, ?)", author_rows)
    conn.executemany(
        "INSERT OR IGNORE INTO paper_author (paper_id, position, author_id) VALUES (?, ?, ?)", links
    )
    conn.executemany(
        "INSERT INTO paper_source (paper_id, listing_id, line) VALUES (?, ?, ?)", sources
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def bench_import(listing: Path, folder: Path, papers: int, repeat: int) -> list[Result]:
    base = baseline_import(listing, folder)
    firsts, agains, parses = [], [], []
    lib = folder / "lib"
    for i in range(repeat):
        target = folder / f"import-{i}"
        shutil.rmtree(target, ignore_errors=True)  # an empty library each time
        t, _ = timed_run(
            [PY, "-m", "readinglist", "--data-dir", str(target), "import", str(listing)]
        )
        firsts.append(t)
        lib = target
    for _ in range(repeat):
        t, _ = timed_run([PY, "-m", "readinglist", "--data-dir", str(lib), "import", str(listing)])
        agains.append(t)
    parse_code = (
        "import sys; from readinglist.listing import iter_listing;"
        " print(sum(1 for _ in iter_listing(sys.argv[1])))"
    )
    for _ in range(repeat):
        t, _ = timed_run([PY, "-c", parse_code, str(listing)])
        parses.append(t)
    first = statistics.median(firsts)
    limit = 10.0 if papers <= 100_000 else 120.0
    # The issue sets the re-import and parse-only ratios for 100k papers only;
    # at 1M they are printed for information.
    small = papers <= 100_000
    return [
        Result(
            "import into an empty library (process start to exit)",
            papers,
            firsts,
            "s",
            base,
            f"≤ {limit:g} s and ≤ 2× baseline",
            first <= limit and first <= 2 * base,
            "baseline: raw sqlite3 executemany + FTS5",
        ),
        Result(
            "re-import the same listing",
            papers,
            agains,
            "s",
            first,
            "≤ 0.5× first import" if small else "- (set at 100k)",
            statistics.median(agains) <= 0.5 * first if small else None,
            "baseline: first import",
        ),
        Result(
            "parse only (process start to exit)",
            papers,
            parses,
            "s",
            first,
            "≤ 0.25× import" if small else "- (set at 100k)",
            statistics.median(parses) <= 0.25 * first if small else None,
            "baseline: first import",
        ),
    ]


# -- the window -------------------------------------------------------------


def realistic_queries(lib_dir: Path, count: int, seed: int = 3) -> list[str]:
    """What people type: words and names from the library, as typed (prefixes), and pairs."""
    conn = sqlite3.connect(lib_dir / "library.sqlite3")
    titles = [r[0] for r in conn.execute("SELECT title FROM paper ORDER BY random() LIMIT 400")]
    names = [r[0] for r in conn.execute("SELECT name FROM author ORDER BY random() LIMIT 200")]
    conn.close()
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        kind = rng.random()
        if kind < 0.35:
            word = rng.choice([w for w in rng.choice(titles).split() if len(w) > 3] or ["model"])
            queries.append(word[: rng.randint(3, len(word))])
        elif kind < 0.6:
            queries.append(rng.choice(names).split()[-1])
        elif kind < 0.85:
            words = [w for w in rng.choice(titles).split() if len(w) > 3][:2]
            queries.append(" ".join(words) or "learning")
        else:
            queries.append(
                rng.choice(["learning", "graph neural", "diffusion", "réseaux", "zhang"])
            )
    return queries


def bench_window(lib_dir: Path, papers: int, queries: list[str]) -> list[Result]:
    """Search, sort and scroll in the real window, offscreen, in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

    from readinglist.gui import create_window
    from readinglist.library.search import fts_query

    app = QApplication.instance() or QApplication([])
    window = create_window(lib_dir)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    # The first start of a day copies the library to a backup in a worker;
    # the figures below are for the window on its own.
    from readinglist.gui.tasks import wait_for_tasks

    wait_for_tasks(600_000)
    app.processEvents()
    search = window.findChild(QLineEdit, "searchEdit")
    table = window.findChild(QTableView, "paperTable")
    model = table.model()

    # Search: from the typed query to the model holding the new rows.
    searches, raw = [], []
    conn = sqlite3.connect(lib_dir / "library.sqlite3")
    for q in queries:
        search.setText(q)
        start = time.perf_counter()
        window.apply_filter_now()
        model.rowCount()
        searches.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        match = fts_query(q)
        conn.execute(
            "SELECT p.id FROM paper p WHERE p.id IN (SELECT rowid FROM paper_fts"
            " WHERE paper_fts MATCH ?) ORDER BY p.title COLLATE NOCASE",
            (match,),
        ).fetchall()
        raw.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    short_times = []
    # A lone letter is a whole word; two letters are a prefix ("co" is the
    # most common start of a word in these listings).
    for q in ("a", "r", "de", "le", "co", "ma"):
        search.setText(q)
        start = time.perf_counter()
        window.apply_filter_now()
        short_times.append((time.perf_counter() - start) * 1000)
    search.setText("")
    window.apply_filter_now()

    # Sort by every column, both ways, over the whole library.
    sorts, raw_sorts = [], []
    for col in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            start = time.perf_counter()
            model.sort(col, order)
            model.rowCount()
            sorts.append((time.perf_counter() - start) * 1000)
            app.processEvents()
    for order_by in ("title COLLATE NOCASE", "authors_text COLLATE NOCASE", "rating", "added_at"):
        start = time.perf_counter()
        conn.execute(f"SELECT id FROM paper ORDER BY {order_by}, id").fetchall()
        raw_sorts.append((time.perf_counter() - start) * 1000)
    conn.close()
    model.sort(0, Qt.SortOrder.AscendingOrder)

    # Scroll the whole table a page at a time, painting each frame.
    frames = scroll_frames(app, table)

    class Bare(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008
            return papers

        def columnCount(self, parent=QModelIndex()):  # noqa: B008
            return 6

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"row {index.row()} col {index.column()}"
            return None

    bare_view = QTableView()
    bare_model = Bare()
    bare_view.setModel(bare_model)
    bare_view.resize(table.size())
    bare_view.show()
    app.processEvents()
    bare_frames = scroll_frames(app, bare_view)
    bare_view.close()
    window.close()
    app.processEvents()
    return [
        Result(
            "filter as you type, query to model updated (200 queries, 3+ letters)",
            papers,
            searches,
            "ms",
            statistics.median(raw),
            "p95 ≤ 50 ms" if papers <= 100_000 else "p95 ≤ 150 ms",
            _p95(searches) <= (50 if papers <= 100_000 else 150),
            "baseline: the same FTS5 queries in raw sqlite3",
        ),
        Result(
            "filter with 1–2 letters ('a', 'r', 'de', 'le', 'co', 'ma')",
            papers,
            short_times,
            "ms",
            None,
            "first page ≤ 300 ms at 1M",
            max(short_times) <= 300,
        ),
        Result(
            "sort by any column (6 columns × 2 orders)",
            papers,
            sorts,
            "ms",
            statistics.median(raw_sorts),
            "≤ 200 ms" if papers <= 100_000 else "≤ 1 s",
            max(sorts) <= (200 if papers <= 100_000 else 1000),
            "baseline: raw sqlite3 ORDER BY",
        ),
        Result(
            f"scroll the whole table ({len(frames)} frames, top to bottom)",
            papers,
            frames,
            "ms",
            statistics.median(bare_frames),
            "no frame over 50 ms",
            max(frames) <= 50,
            f"max {max(frames):.1f} ms; baseline: bare QTableView, constant model",
        ),
    ]


# -- the search language -----------------------------------------------------


def _workflow_library(lib_dir: Path, folder: Path, seed: int = 13) -> Path:
    """A copy of the imported library with statuses, ratings, tags, notes and reading history.

    Written with raw SQL: this is the benchmark's setting, not a path the app takes.
    """
    target = folder / "query-lib"
    if (target / "library.sqlite3").exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(lib_dir / "library.sqlite3")
    dst = sqlite3.connect(target / "library.sqlite3")
    src.backup(dst)
    src.close()
    rng = random.Random(seed)
    ids = [r[0] for r in dst.execute("SELECT id FROM paper")]
    statuses = ["new"] * 5 + ["to-read"] * 2 + ["reading", "read", "read", "not-reading"]
    changes = []
    events = []
    for pid in ids:
        status = rng.choice(statuses)
        rating = rng.choice([0, 0, 0, 1, 2, 3, 4, 5])
        changes.append((status, rating, pid))
        if status != "new":
            day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d} 12:00:00"
            events.append((pid, "new", status, day))
    dst.executemany("UPDATE paper SET status = ?, rating = ? WHERE id = ?", changes)
    dst.executemany(
        "INSERT INTO reading_event (paper_id, old_status, new_status, at) VALUES (?, ?, ?, ?)",
        events,
    )
    for tag in ("ml", "rl", "graphs", "theory", "vision", "nlp"):
        dst.execute("INSERT INTO tag (name) VALUES (?)", (tag,))
        tag_id = dst.execute("SELECT id FROM tag WHERE name = ?", (tag,)).fetchone()[0]
        dst.executemany(
            "INSERT INTO paper_tag (paper_id, tag_id) VALUES (?, ?)",
            [(pid, tag_id) for pid in rng.sample(ids, len(ids) // 10)],
        )
    dst.executemany(
        "INSERT INTO note (paper_id, body, updated_at) VALUES (?, ?, '2026-11-01 10:00:00')",
        [(pid, "Read again: compare the baselines.") for pid in rng.sample(ids, len(ids) // 50)],
    )
    dst.commit()
    dst.close()
    return target


def mixed_queries(lib_dir: Path, count: int, seed: int = 5) -> list[str]:
    """Queries in the search language as people would type them: words, fields, or, not."""
    from readinglist.library.query import QueryError, parse

    conn = sqlite3.connect(lib_dir / "library.sqlite3")
    titles = [r[0] for r in conn.execute("SELECT title FROM paper ORDER BY random() LIMIT 300")]
    names = [r[0] for r in conn.execute("SELECT name FROM author ORDER BY random() LIMIT 100")]
    conn.close()
    rng = random.Random(seed)

    def word() -> str:
        return rng.choice([w for w in rng.choice(titles).split() if len(w) > 4] or ["model"])

    def surname() -> str:
        return rng.choice(names).split()[-1]

    makers = [
        lambda: word(),
        lambda: f"{word()} {word()}",
        lambda: "status:to-read",
        lambda: "status:read rating:>=4",
        lambda: f"tag:ml {word()}",
        lambda: 'tag:"=graphs" -status:read',
        lambda: f"author:{surname()}",
        lambda: f'author:"={rng.choice(names)}"',
        lambda: f"{word()} -{word()}",
        lambda: f"({word()} or {word()}) status:to-read",
        lambda: "added:<30d rating:3..5",
        lambda: "read:2026-03",
        lambda: "has:note",
        lambda: "not status:new",
        lambda: f"title:{word()}",
        lambda: f"{word()} or {word()}",
        lambda: f'"{" ".join(rng.choice(titles).split()[:2])}"',
        lambda: "-has:abstract status:reading",
        lambda: f"statut:lu auteur:{surname()}",
        lambda: f"(tag:rl or tag:vision) -({word()} or status:new)",
    ]
    out: list[str] = []
    while len(out) < count:
        query = rng.choice(makers)()
        try:
            parse(query)
        except QueryError:  # a title word with a stray parenthesis or quote
            continue
        out.append(query)
    return out


def bench_query(lib_dir: Path, folder: Path, papers: int, count: int = 200) -> list[Result]:
    """The search language in the real window: from the typed query to the model updated."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

    from readinglist.gui import create_window
    from readinglist.gui.tasks import wait_for_tasks
    from readinglist.library.query import compile_query, parse

    target = _workflow_library(lib_dir, folder)
    queries = mixed_queries(target, count)
    app = QApplication.instance() or QApplication([])
    window = create_window(target)
    window.show()
    wait_for_tasks(600_000)
    app.processEvents()
    search = window.findChild(QLineEdit, "searchEdit")
    model = window.findChild(QTableView, "paperTable").model()
    times, raw, fields_only, parse_times = [], [], [], []
    conn = sqlite3.connect(target / "library.sqlite3")
    for q in queries:
        start = time.perf_counter()
        search.setText(q)
        window.apply_filter_now()
        model.rowCount()
        elapsed = (time.perf_counter() - start) * 1000
        times.append(elapsed)
        start = time.perf_counter()
        query = parse(q)
        parse_times.append((time.perf_counter() - start) * 1000)
        compiled = compile_query(query)
        if compiled is not None and compiled.match is None and '"' not in q:
            fields_only.append(elapsed)
        start = time.perf_counter()
        where = f" WHERE {compiled.sql}" if compiled is not None else ""
        conn.execute(
            f"SELECT p.id FROM paper p{where} ORDER BY p.title COLLATE NOCASE, p.id",
            compiled.params if compiled is not None else {},
        ).fetchall()
        raw.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    conn.close()
    window.close()
    app.processEvents()
    limit = 50 if papers <= 100_000 else 150
    return [
        Result(
            f"search language, mixed queries, query to model updated ({count} queries)",
            papers,
            times,
            "ms",
            statistics.median(raw),
            f"p95 ≤ {limit} ms",
            _p95(times) <= limit,
            "baseline: the same compiled SQL in raw sqlite3, ORDER BY title",
        ),
        Result(
            "search language, queries with field or boolean terms",
            papers,
            fields_only or [0.0],
            "ms",
            None,
            f"p95 ≤ {limit} ms",
            _p95(fields_only or [0.0]) <= limit,
        ),
        Result("search language, parsing alone", papers, parse_times, "ms"),
    ]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def scroll_frames(app, view, most: int = 4000) -> list[float]:  # type: ignore[no-untyped-def]
    """Paint the table a page further down, to the end; past ``most`` pages, in even jumps."""
    bar = view.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    frames = []
    value = 0
    step = max(bar.pageStep(), bar.maximum() // most)
    while value < bar.maximum():
        value = min(bar.maximum(), value + step)
        start = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        app.processEvents()
        frames.append((time.perf_counter() - start) * 1000)
    return frames


STARTUP_APP = """
import time, sys
start = time.perf_counter()
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication(sys.argv[:1])
from readinglist.gui import create_window
window = create_window(sys.argv[1])
window.show()
table = window.findChild(QTableView, "paperTable")
while table.model().rowCount() == 0 or not table.isVisible():
    app.processEvents()
table.model().data(table.model().index(0, 0))
app.processEvents()
elapsed = time.perf_counter() - start
rss = int([l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]) / 1024
print(elapsed, rss)
window.shutdown()
"""

STARTUP_BARE = """
import time, sys
start = time.perf_counter()
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
from sqlmodel import Session, create_engine, text
app = QApplication(sys.argv[:1])
engine = create_engine("sqlite:///" + sys.argv[1] + "/library.sqlite3")
with Session(engine) as session:
    total = session.exec(text("SELECT count(*) FROM paper")).one()[0]
    rows = session.exec(text("SELECT title, authors_text FROM paper ORDER BY title LIMIT 50")).all()
window = QMainWindow()
table = QTableWidget(len(rows), 2)
for i, (title, authors) in enumerate(rows):
    table.setItem(i, 0, QTableWidgetItem(title))
    table.setItem(i, 1, QTableWidgetItem(authors))
window.setCentralWidget(table)
window.resize(1280, 800)
window.show()
app.processEvents()
elapsed = time.perf_counter() - start
rss = int([l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]) / 1024
print(elapsed, rss)
"""


def bench_startup(lib_dir: Path, papers: int, repeat: int) -> list[Result]:
    """Process start to a populated window; the wall time includes the interpreter's start."""
    app_times, app_rss, bare_times, bare_rss = [], [], [], []
    for _ in range(repeat):
        t, out = timed_run([PY, "-c", STARTUP_APP, str(lib_dir)])
        app_times.append(t)
        app_rss.append(float(out.split()[1]))
        t, out = timed_run([PY, "-c", STARTUP_BARE, str(lib_dir)])
        bare_times.append(t)
        bare_rss.append(float(out.split()[1]))
    limit_s, limit_mb = (1.5, 300) if papers <= 100_000 else (3.0, 1024)
    start = statistics.median(app_times)
    bare = statistics.median(bare_times)
    return [
        Result(
            "start to a populated, usable window",
            papers,
            app_times,
            "s",
            bare,
            f"≤ {limit_s:g} s and ≤ 1.5× baseline" if papers <= 100_000 else f"≤ {limit_s:g} s",
            start <= limit_s and (start <= 1.5 * bare or papers > 100_000),
            "baseline: bare PySide6 + SQLModel window",
        ),
        Result(
            "memory (RSS) with the library open",
            papers,
            app_rss,
            "MB",
            statistics.median(bare_rss),
            f"≤ {limit_mb} MB",
            max(app_rss) <= limit_mb,
            "baseline: the bare window",
        ),
    ]


UI_DURING_IMPORT = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from readinglist.gui import create_window
window = create_window(sys.argv[1])
window.show()
gaps = []
phase = ["opening"]
clock = QElapsedTimer()
clock.start()
last = [clock.elapsed()]
worst = [0, 0, ""]
def beat():
    now = clock.elapsed()
    gaps.append(now - last[0])
    if now - last[0] > worst[0]:
        worst[:] = [now - last[0], now, phase[0]]
    last[0] = now
timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(beat)
timer.start()
phase = ["reading"]
dialog = window.start_import([Path(sys.argv[2])])
def poll():
    if phase[0] == "reading" and dialog.pages.currentIndex() == 1:
        phase[0] = "importing"
        dialog.start_import()
    elif phase[0] == "importing" and not dialog.is_busy() and dialog.pages.currentIndex() == 2:
        phase[0] = "done"
        app.quit()
watch = QTimer()
watch.setInterval(50)
watch.timeout.connect(poll)
watch.start()
QTimer.singleShot(600_000, app.quit)
app.exec()
print("worst gap (ms, at ms, phase):", worst, file=sys.stderr)
print(max(gaps), sorted(gaps)[int(0.99 * (len(gaps) - 1))], len(gaps), phase[0])
"""


def bench_ui_during_import(listing: Path, folder: Path, papers: int) -> list[Result]:
    from readinglist.library import Library

    target = folder / "ui-import"
    shutil.rmtree(target, ignore_errors=True)  # an empty library, as a new user's

    Library.open(target).close()
    _, out = timed_run([PY, "-c", UI_DURING_IMPORT, str(target), str(listing)])
    worst, p99, beats, phase = out.split()
    return [
        Result(
            "UI thread during an import in the window (longest gap of a 10 ms heartbeat)",
            papers,
            [float(worst)],
            "ms",
            10.0,
            "never blocked > 100 ms",
            float(worst) <= 100 and phase == "done",
            f"p99 gap {float(p99):.0f} ms over {beats} beats; {phase}",
        )
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--only",
        default="import,window,query,startup,ui",
        help="comma-separated: import, window, query, startup, ui, parse, confidence",
    )
    parser.add_argument(
        "--against",
        default=READER_BASELINE,
        metavar="REV",
        help="parse, confidence: the revision whose reader is the baseline "
        "(default: the reader before issue 15)",
    )
    parser.add_argument(
        "--entries",
        type=int,
        default=20_000,
        help="confidence: held-out entries per corpus (default 20000)",
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (reuses listings)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rl-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    machine = platform.processor() or platform.machine()
    print(
        f"# readinglist benchmarks: {args.papers:,} papers; {machine}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        flush=True,
    )
    results: list[Result] = []
    reader_ok: list[bool] = []
    if "confidence" in parts:
        from tests.benchmarks.reader import bench_confidence

        reader_ok = bench_confidence(folder, args.entries, args.against)
    if not parts & {"import", "window", "query", "startup", "ui", "parse"}:
        return 0 if all(reader_ok) else 1
    listing = make_listing(folder, args.papers)
    if "parse" in parts:
        from tests.benchmarks.reader import bench_parse

        results += bench_parse(listing, folder, args.papers, args.repeat, args.against)
    lib = folder / "import-0"
    needs_library = (
        parts & {"window", "query", "startup"} and not (lib / "library.sqlite3").exists()
    )
    if "import" in parts or needs_library:
        results += bench_import(listing, folder, args.papers, args.repeat)
        print_table(results)
    if "window" in parts:
        results += bench_window(lib, args.papers, realistic_queries(lib, 200))
    if "query" in parts:
        results += bench_query(lib, folder, args.papers)
    if "startup" in parts:
        results += bench_startup(lib, args.papers, args.repeat)
    if "ui" in parts:
        results += bench_ui_during_import(listing, folder, args.papers)
    print()
    print_table(results)
    if args.json:
        Path(args.json).write_text(
            json.dumps([r.__dict__ | {"median": r.median, "p95": r.p95} for r in results], indent=2)
        )
    return 0 if all(r.ok is not False for r in results) and all(reader_ok) else 1


if __name__ == "__main__":
    sys.exit(main())
