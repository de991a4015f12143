"""What a first import costs, part by part, against a minimal raw ``sqlite3`` baseline.

Run with ``python -m tests.benchmarks.import_parts --papers 100000``; prints a
Markdown table. Issue 15 §2: the import of a listing into an empty library
should cost at most 3× a minimal baseline (one table plus an FTS5 index, the
entries already in memory), or the benchmark should show, part by part, why
the schema needs more. So the baseline is built up here one part of the schema
at a time, each rung timed in the same run, and set beside the app's own
import (process start to exit) and its two re-imports.

Every rung is raw ``sqlite3``, one transaction, the rows written by
``executemany`` and the full-text index filled in one ``INSERT ... SELECT``.
Each rung keeps every part above it; its note says what that part added.
The tables of a rung are the app's own (their statements are read from a
library made by the real migrations), so the parts cost what they cost there.
Not part of the test suite: it takes minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from readinglist.listing import ListingEntry
from tests.benchmarks.run import PY, Result, make_listing, print_table, timed_run

TOKENIZE = "unicode61 remove_diacritics 2"
NOW = "2026-01-01 00:00:00.000000"
# The app's import connection: see readinglist/library/db.py, core.IMPORT_CACHE_KIB
# and importer.FTS_HASH_BYTES.
IMPORT_CACHE_KIB = 256 * 1024
FTS_HASH_BYTES = 64 * 1024 * 1024
NEW_SHARE = 0.01

#: The rungs, in order; each adds one part to the ones above it.
PARTS = (
    "minimal baseline: one table + FTS5, entries in memory",
    "+ parsing (the reader, in this process, timed apart)",
    "+ the app's connection (WAL, synchronous=NORMAL, foreign keys, 256 MB cache, 64 MB FTS hash)",
    "+ paper rows as the app writes them (title_key and its unique index)",
    "+ authors table and paper_author links (and the author_id index)",
    "+ source_listing and paper_source (and the listing_id index)",
    "+ the separate abstract table (the index fed through a view)",
    "+ the index's other columns (note, venue, keywords) and its triggers",
    "+ the two-letter prefix index (prefix='2')",
    "+ sort indexes (title, authors NOCASE; the partial ones, empty)",
    "+ the journal entry (ranges only)",
)
PARSE, SETTINGS, PAPER, AUTHORS, SOURCES, ABSTRACT, COLUMNS, PREFIX, SORT, JOURNAL = range(1, 11)


@dataclass
class AppSchema:
    """The statements of the app's tables, indexes and triggers, by name."""

    sql: dict[str, str]

    @classmethod
    def read(cls, folder: Path) -> AppSchema:
        from readinglist.library import Library

        Library.open(folder).close()  # the real schema, by the real migrations
        conn = sqlite3.connect(folder / "library.sqlite3")
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
        conn.close()
        return cls({str(name): str(sql) for name, sql in rows})

    def triggers(self) -> list[str]:
        return [
            sql
            for name, sql in self.sql.items()
            if name.endswith(("_fts_insert", "_fts_update", "_fts_delete"))
        ]


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def _create(conn: sqlite3.Connection, schema: AppSchema, level: int) -> None:
    """The tables of ``level``, empty (what the migrations make before an import)."""
    x = conn.execute
    if level < PAPER:
        x(
            "CREATE TABLE paper (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
            " authors_text TEXT NOT NULL, abstract TEXT)"
        )
    else:
        x(schema.sql["paper"])
        if level < ABSTRACT:
            x("ALTER TABLE paper ADD COLUMN abstract TEXT")
    if level >= AUTHORS:
        for name in ("author", "paper_author"):
            x(schema.sql[name])
    if level >= SOURCES:
        for name in ("source_listing", "paper_source"):
            x(schema.sql[name])
    if level >= ABSTRACT:
        x(schema.sql["paper_abstract"])
    if level >= COLUMNS:
        for name in ("note", "fts_control"):
            x(schema.sql[name])
        x("INSERT INTO fts_control (id, bulk) VALUES (1, 0)")
    if level >= SORT:
        for name in (
            "ix_paper_trashed_at",
            "ix_paper_queue_position",
            "ix_paper_doi",
            "ix_paper_year",
        ):
            x(schema.sql[name])
    if level >= JOURNAL:
        x(schema.sql["journal"])
    # The full-text index, external content, as the app's.
    if level < ABSTRACT:
        columns, content = "title, authors_text, abstract", "paper"
    else:
        if level < COLUMNS:
            x(
                "CREATE VIEW paper_search AS SELECT p.id AS id, p.title AS title,"
                " p.authors_text AS authors, a.text AS abstract"
                " FROM paper p LEFT JOIN paper_abstract a ON a.paper_id = p.id"
            )
            columns = "title, authors, abstract"
        else:
            x(schema.sql["paper_search"])
            columns = "title, authors, abstract, note, venue, keywords"
        content = "paper_search"
    prefix = ", prefix = '2'" if level >= PREFIX else ""
    x(
        f"CREATE VIRTUAL TABLE paper_fts USING fts5({columns}, content = '{content}',"
        f" content_rowid = 'id', tokenize = '{TOKENIZE}'{prefix})"
    )
    if level >= COLUMNS:
        for sql in schema.triggers():
            x(sql)


def rung(
    level: int,
    entries: Sequence[ListingEntry],
    listing: Path,
    folder: Path,
    schema: AppSchema,
) -> float:
    """Write ``entries`` with the parts up to ``level``; seconds, connect to close.

    The parsing is timed apart (see ``bench``): in the same timing its noise,
    the largest on a shared machine, would swamp the smaller parts.
    """
    from readinglist.listing import name_key, normalize_title

    db = folder / f"rung-{level}.sqlite3"
    _remove(db)
    conn = sqlite3.connect(db, isolation_level=None)
    if level >= SETTINGS:
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            "synchronous=NORMAL",
            "temp_store=MEMORY",
            f"cache_size=-{IMPORT_CACHE_KIB}",
        ):
            conn.execute(f"PRAGMA {pragma}")
    _create(conn, schema, level)
    conn.close()

    start = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    if level >= SETTINGS:
        for pragma in (
            "foreign_keys=ON",
            "synchronous=NORMAL",
            "temp_store=MEMORY",
            f"cache_size=-{IMPORT_CACHE_KIB}",
        ):
            conn.execute(f"PRAGMA {pragma}")
    x, many = conn.execute, conn.executemany
    x("BEGIN IMMEDIATE")
    if level < PAPER:
        many(
            "INSERT INTO paper (id, title, authors_text, abstract) VALUES (?, ?, ?, ?)",
            ((i, e.title, ", ".join(e.authors), e.abstract) for i, e in enumerate(entries, 1)),
        )
        last = len(entries)
    else:
        papers: list[tuple[object, ...]] = []
        abstracts: list[tuple[int, str]] = []
        links: list[tuple[int, int, int]] = []
        sources: list[tuple[int, int, int]] = []
        authors: dict[str, int] = {}
        seen: set[str] = set()
        for e in entries:
            key = normalize_title(e.title)
            if not key or key in seen:
                continue  # the same paper twice: the app keeps the first
            seen.add(key)
            pid = len(papers) + 1
            row = (pid, e.title, key, ", ".join(e.authors), listing.name, NOW, NOW)
            if level < ABSTRACT:
                papers.append((*row, e.abstract))
            else:
                papers.append(row)
                if e.abstract:
                    abstracts.append((pid, e.abstract))
            if level >= AUTHORS:
                done: set[int] = set()
                for name in e.authors:
                    aid = authors.setdefault(name_key(name), len(authors) + 1)
                    if aid not in done:
                        done.add(aid)
                        links.append((pid, len(done) - 1, aid))
            if level >= SOURCES:
                sources.append((pid, 1, e.line))
        last = len(papers)
        if level >= SOURCES:
            x(
                "INSERT INTO source_listing (id, name, first_imported_at, imported_at)"
                " VALUES (1, ?, ?, ?)",
                (listing.name, NOW, NOW),
            )
        if level >= AUTHORS:
            names: dict[str, str] = {}
            for e in entries:
                for name in e.authors:
                    names.setdefault(name_key(name), name)
            many(
                "INSERT INTO author (id, name, name_key) VALUES (?, ?, ?)",
                ((aid, names[key], key) for key, aid in authors.items()),
            )
        if level >= COLUMNS:
            x("UPDATE fts_control SET bulk = 1")  # the insert triggers skipped, as the app's
        columns = "id, title, title_key, authors_text, sources_text, status, rating, added_at"
        columns += ", updated_at"
        marks = "?, ?, ?, ?, ?, 'new', 0, ?, ?"
        if level < ABSTRACT:
            columns, marks = columns + ", abstract", marks + ", ?"
        many(f"INSERT INTO paper ({columns}) VALUES ({marks})", papers)
        if level >= ABSTRACT:
            many("INSERT INTO paper_abstract (paper_id, text) VALUES (?, ?)", abstracts)
        if level >= COLUMNS:
            x("UPDATE fts_control SET bulk = 0")
        if level >= AUTHORS:
            many(
                "INSERT OR IGNORE INTO paper_author (paper_id, position, author_id)"
                " VALUES (?, ?, ?)",
                links,
            )
        if level >= SOURCES:
            many(
                "INSERT OR IGNORE INTO paper_source (paper_id, listing_id, line) VALUES (?, ?, ?)",
                sources,
            )
    # The full-text index, in one pass over its content.
    if level >= SETTINGS:
        x("INSERT INTO paper_fts (paper_fts, rank) VALUES ('hashsize', ?)", (FTS_HASH_BYTES,))
    if level < ABSTRACT:
        x(
            "INSERT INTO paper_fts (rowid, title, authors_text, abstract)"
            " SELECT id, title, authors_text, abstract FROM paper"
        )
    else:
        columns = "title, authors, abstract"
        if level >= COLUMNS:
            columns += ", note, venue, keywords"
        x(f"INSERT INTO paper_fts (rowid, {columns}) SELECT id, {columns} FROM paper_search")
    # The indexes the app builds after the rows in a big import (importer.LATE_INDEXES).
    late = []
    if level >= AUTHORS:
        late.append("ix_paper_author_author_id")
    if level >= SOURCES:
        late.append("ix_paper_source_listing_id")
    if level >= SORT:
        late += ["ix_paper_title_nocase", "ix_paper_authors_nocase"]
    for name in late:
        x(schema.sql[name])
    if level >= JOURNAL:
        ranges = {"paper": [1, last + 1], "author": [1, len(authors) + 1]}
        x(
            "INSERT INTO journal (uuid, at, kind, label, papers, changes, state)"
            " VALUES ('00000000-0000-0000-0000-000000000000', ?, 'import', 'Import', '[]', ?,"
            " 'done')",
            (NOW, json.dumps({"rows": [], "ranges": ranges})),
        )
    x("COMMIT")
    conn.close()  # in WAL mode, the checkpoint: part of the write
    return time.perf_counter() - start


def with_new_entries(listing: Path, folder: Path, count: int, seed: int = 101) -> Path:
    """A copy of ``listing`` in ``folder`` (same file name) with ``count`` new entries appended."""
    from tests.support.synth import iter_entries, write_listing

    folder.mkdir(parents=True, exist_ok=True)
    extra = folder / "extra.txt"
    write_listing(extra, iter_entries(count, seed, language="en"), "en")
    head = "Publications\n\n"
    text = extra.read_text(encoding="utf-8")
    assert text.startswith(head)
    out = folder / listing.name
    shutil.copyfile(listing, out)
    body = listing.read_bytes()
    with open(out, "a", encoding="utf-8", newline="") as fh:
        if not body.endswith(b"\n"):
            fh.write("\n")
        fh.write(text[len(head) :])
    extra.unlink()
    return out


# The CLI starts the daily backup of a library that has none in a process of
# its own once a command is done: left on, the backup of one run's library
# would take the second core from the next timed run.
NO_BACKUP = {**os.environ, "READINGLIST_NO_BACKGROUND_BACKUP": "1"}


def _import(lib: Path, listing: Path) -> tuple[float, dict[str, int]]:
    t, out = timed_run(
        [PY, "-m", "readinglist", "--data-dir", str(lib), "import", "--json", str(listing)],
        NO_BACKUP,
    )
    report = json.loads(out)[0]
    return t, {k: int(report[k]) for k in ("entries", "new", "updated", "unchanged")}


def bench(papers: int, repeat: int, folder: Path, out_json: Path | None = None) -> list[Result]:
    from readinglist.listing import read_listing

    listing = make_listing(folder, papers)
    schema = AppSchema.read(folder / "schema")

    # 1. the minimal baseline and the rungs, interleaved so drift spreads over
    # all. The reader is timed apart and its median added to every rung from
    # the second on, so each rung's note is what its own part added.
    writes: dict[int, list[float]] = {level: [] for level in range(len(PARTS)) if level != PARSE}
    parses: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        entries = read_listing(listing).entries
        parses.append(time.perf_counter() - start)
        for level in writes:
            writes[level].append(rung(level, entries, listing, folder, schema))
    del entries
    base = statistics.median(writes[0])
    parse = statistics.median(parses)
    times = {0: writes[0], PARSE: [base + p for p in parses]}
    times.update({level: [w + parse for w in ws] for level, ws in writes.items() if level})
    results = []
    previous = None
    for level, part in enumerate(PARTS):
        median = statistics.median(times[level])
        note = "" if previous is None else f"{median - previous:+.2f} s"
        results.append(Result(part, papers, times[level], "s", base, "", None, note))
        previous = median

    # 2. the app: process start and an empty library, the first import, and
    # the re-imports (each into a copy of the library the first made), one
    # round after the other: the load of a shared machine drifts, and a
    # re-import is compared with the first import of its own round.
    updated = with_new_entries(listing, folder / "updated", max(1, round(NEW_SHARE * papers)))
    renamed = folder / f"{listing.stem}-plus-new.txt"
    shutil.copyfile(updated, renamed)
    cases = (
        ("re-import the same listing", listing),
        ("import it again with 1% new entries (the same file, updated)", updated),
        ("import it again with 1% new entries (under another file name)", renamed),
    )
    starts: list[float] = []
    firsts: list[float] = []
    again: dict[str, list[float]] = {what: [] for what, _ in cases}
    reports: dict[str, dict[str, int]] = {}
    for i in range(repeat):
        empty = folder / f"empty-{i}"
        shutil.rmtree(empty, ignore_errors=True)
        t, _ = timed_run([PY, "-m", "readinglist", "--data-dir", str(empty), "stats"], NO_BACKUP)
        starts.append(t)
        lib = folder / f"import-{i}"
        shutil.rmtree(lib, ignore_errors=True)
        t, first_report = _import(lib, listing)
        firsts.append(t)
        for what, path in cases:
            copy = folder / "again"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(lib, copy)
            t, reports[what] = _import(copy, path)
            # As a share of this round's first import.
            again[what].append(t / firsts[-1])
    first = statistics.median(firsts)
    results.append(
        Result(
            "app: process start and an empty library (`stats`), no import",
            papers,
            starts,
            "s",
            base,
        )
    )
    results.append(
        Result(
            "app: import into an empty library (process start to exit)",
            papers,
            firsts,
            "s",
            base,
            "≤ 3× minimal baseline",
            first <= 3 * base,
            f"{first_report['new']:,} papers",
        )
    )
    for what, _ in cases:
        shares = again[what]
        share = statistics.median(shares)
        report = reports[what]
        results.append(
            Result(
                what,
                papers,
                [x * first for x in shares],
                "s",
                first,
                "≤ 0.5× first import",
                share <= 0.5,
                f"{report['new']:,} new, {report['updated']:,} updated; each against the first"
                f" import of its round: {', '.join(f'{x:.2f}×' for x in shares)}",
            )
        )
    if out_json is not None:
        out_json.write_text(
            json.dumps([r.__dict__ for r in results], indent=1, ensure_ascii=False),
            encoding="utf-8",
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the samples here")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="import-parts-"))
    folder.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    try:
        results = bench(args.papers, args.repeat, folder, args.json)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version},"
        f" {platform.machine()}, {os.cpu_count()} cores, median of {args.repeat} runs;"
        f" load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end."
        " The reader is timed apart; its median is added to every rung below it."
        " Ratios: each rung and the app's import against the minimal baseline;"
        " each re-import against the first import of its own round (the rounds run one"
        " after the other; its seconds are shown scaled to the median first import)."
        " A rung's note: what its part added."
    )
    print()
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
