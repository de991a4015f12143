"""Benchmarks of issue 11: ``python -m tests.benchmarks.formats [--entries N] [--export N]``.

- Import a BibTeX file of N entries (10k by default) into an empty library, next
  to bibtexparser alone reading it (its default parse stack): at most 1.5x.
- The same for RIS, next to rispy alone reading the same file: at most 1.5x.
- Each import also part by part: our reader against the library's, and the
  library's writing (``Library.import_records`` of records already read)
  against its floor: raw ``sqlite3`` writing the same rows into the same tables
  of a library made by the same migrations (papers with their bibliographic
  columns, abstracts, authors, sources, the field store), the full-text index
  filled by one statement at the end, one transaction. The floor against the
  parser says how much of the 1.5x the database alone takes.
- Export N papers (100k by default) to BibTeX, RIS and CSL-JSON, next to the
  standard csv module writing the same rows: at most 2x. Measured two ways:
  rows in memory in both (the writer against ``csv.writer`` over the same
  records), and rows read from the library in both (``Library.export_records``
  then the writer, against ``Library.export_records`` then ``csv.writer``).

The files are generated (names and titles of every shape, LaTeX accents,
case braces, @string macros, months, DOIs), as no real file may be copied in.
Prints a Markdown table; exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import gc
import io
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from readinglist import formats
from readinglist.formats import Record, WriteOptions
from readinglist.formats.bibtex import to_store
from readinglist.formats.latex import to_latex
from readinglist.formats.names import to_bib_name
from readinglist.library import Library
from readinglist.listing import name_key, normalize_title
from tests.support.synth import Generator

JOURNALS = ["jmlr", "tpami", "nature", "cacm"]
MACROS = {
    "jmlr": "Journal of Machine Learning Research",
    "tpami": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
    "nature": "Nature",
    "cacm": "Communications of the {ACM}",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def make_bib(n: int, seed: int = 11) -> str:
    """A .bib as people's files look: macros, accents as LaTeX, braces, every field."""
    rng = random.Random(seed)
    gen = Generator(seed)
    out = [f'@string{{{k} = "{v}"}}\n' for k, v in MACROS.items()]
    out.append('% Encoding: UTF-8\n@preamble{ "\\providecommand{\\noop}[1]{}" }\n\n')
    for i in range(n):
        authors = rng.sample(gen.people, rng.randint(1, 6))
        ascii_names = rng.random() < 0.5
        author = " and ".join(to_bib_name(a, ascii_names) for a in authors)
        title = to_latex(gen.title(), protect_case=True, ascii_only=ascii_names)
        kind = rng.choice(["article", "article", "inproceedings", "book", "misc"])
        fields = [f"  author = {{{author}}}", f"  title = {{{title}}}"]
        if kind == "article":
            fields.append(f"  journal = {rng.choice(JOURNALS)}")
        elif kind == "inproceedings":
            fields.append(f"  booktitle = {{Proceedings of the {rng.randint(1, 40)}th {{ICML}}}}")
        else:
            fields.append("  publisher = {Springer}")
        fields += [
            f"  year = {rng.randint(1970, 2026)}",
            f"  month = {rng.choice(MONTHS)}",
            f"  volume = {{{rng.randint(1, 80)}}}",
            f"  pages = {{{(p := rng.randint(1, 900))}--{p + rng.randint(5, 30)}}}",
            f"  doi = {{10.{rng.randint(1000, 9999)}/bench.{i}}}",
            f"  url = {{https://example.org/papers/{i}}}",
            "  keywords = {learning, benchmarks}",
        ]
        abstract = gen.abstract()
        if abstract:
            fields.append(f"  abstract = {{{to_latex(abstract)}}}")
        out.append(f"@{kind}{{key{i},\n" + ",\n".join(fields) + "\n}\n\n")
    return "".join(out)


def cold() -> None:
    """Forget what earlier runs decoded: each run reads as a first import would."""
    from readinglist.formats import latex, names

    for cached in (
        latex._parse,
        names._bib_display,
        names.to_bib_name,
        names.ris_display,
        names.to_ris_name,
        names.csl_name,
    ):
        cached.cache_clear()
    gc.collect()


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        cold()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def import_into_empty(path: Path, read: bool) -> float:
    """Seconds to import ``path`` into an empty library (``read``: reading it included)."""
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(tmp, auto_backup=False)
        try:
            result = None if read else formats.read_path(path)
            cold()
            start = time.perf_counter()
            library.import_records([result or formats.read_path(path)])
            return time.perf_counter() - start
        finally:
            library.close()


def timed_import(path: Path, repeat: int, read: bool = True) -> float:
    return min(import_into_empty(path, read) for _ in range(repeat))


def raw_floor(records: list[Record]) -> float:
    """Seconds for plain sqlite3 to write what the import writes, into the same schema.

    The least the database part of an import can cost: no dedup against the
    library, no journal, no reading state; rows built in one pass, each table
    filled by one executemany, the full-text index by one statement.
    """
    with tempfile.TemporaryDirectory() as tmp:
        Library.open(tmp, auto_backup=False).close()
        conn = sqlite3.connect(Path(tmp) / "library.sqlite3", isolation_level=None)
        try:
            for pragma in (
                "journal_mode=WAL",
                "foreign_keys=ON",
                "synchronous=NORMAL",
                "temp_store=MEMORY",
                "cache_size=-65536",
            ):
                conn.execute(f"PRAGMA {pragma}")
            gc.collect()
            start = time.perf_counter()
            now = "2026-01-01 00:00:00.000000"
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO source_listing (id, name, first_imported_at, imported_at)"
                " VALUES (1, 'bench', ?, ?)",
                (now, now),
            )
            authors: dict[str, tuple[int, str]] = {}
            papers, abstracts, links, sources, fields = [], [], [], [], []
            seen: set[str] = set()
            for r in records:
                key = normalize_title(r.title)
                if not key or key in seen:
                    continue
                seen.add(key)
                pid = len(seen)
                papers.append(
                    (
                        pid, r.title, key, ", ".join(r.authors), "bench", now, now,
                        r.type or None, r.year, r.date, r.venue, r.volume, r.number, r.pages,
                        r.doi or None, r.url, r.arxiv, r.key, r.language,
                        ", ".join(r.keywords) or None,
                    )
                )  # fmt: skip
                if r.abstract:
                    abstracts.append((pid, r.abstract))
                ids: dict[int, None] = {}
                for name in r.authors:
                    ids.setdefault(authors.setdefault(name_key(name), (len(authors) + 1, name))[0])
                links.extend((pid, pos, aid) for pos, aid in enumerate(ids))
                sources.append((pid, 1, r.line))
                # What the import keeps of the source's fields (see bibtex.to_store).
                kept = to_store(r) if r.format == "bibtex" else r.extra
                fields.extend((pid, n, v) for n, v in kept.items())
            conn.executemany(
                "INSERT INTO author (id, name, name_key) VALUES (?, ?, ?)",
                [(aid, name, k) for k, (aid, name) in authors.items()],
            )
            conn.execute("UPDATE fts_control SET bulk = 1")
            conn.executemany(
                "INSERT INTO paper (id, title, title_key, authors_text, sources_text, status,"
                " rating, added_at, updated_at, entry_type, year, date, venue, volume, number,"
                " pages, doi, url, arxiv, cite_key, language, keywords)"
                " VALUES (?, ?, ?, ?, ?, 'new', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                papers,
            )
            conn.executemany("INSERT INTO paper_abstract (paper_id, text) VALUES (?, ?)", abstracts)
            conn.execute("UPDATE fts_control SET bulk = 0")
            conn.executemany("INSERT INTO paper_author VALUES (?, ?, ?)", links)
            conn.executemany("INSERT INTO paper_source VALUES (?, ?, ?)", sources)
            conn.executemany("INSERT INTO paper_field VALUES (?, ?, ?)", fields)
            conn.execute(
                "INSERT INTO paper_fts (rowid, title, authors, abstract, note, venue, keywords)"
                " SELECT id, title, authors, abstract, note, venue, keywords FROM paper_search"
            )
            conn.execute("COMMIT")
            return time.perf_counter() - start
        finally:
            conn.close()


def import_rows(
    label: str, parser: str, path: Path, base: float, read: float, repeat: int
) -> list[tuple[str, float, float, float, str, bool]]:
    """The import of ``path``: whole against the parser, and its parts against their floors."""
    whole = timed_import(path, repeat)
    writing = timed_import(path, repeat, read=False)
    records = formats.read_path(path).records
    floor = min(raw_floor(records) for _ in range(repeat))
    return [
        (f"read {label}", read, base, read / base, "", True),
        ("  … writing it to the library (records read)", writing, floor, writing / floor, "",
         True),
        (f"  … raw sqlite3 floor of that writing, against {parser}", floor, base, floor / base,
         "", True),
        (f"import {label} (read + write)", whole, base, whole / base, "≤ 1.5×",
         whole / base <= 1.5),
    ]  # fmt: skip


def csv_rows(records: list[Record], out: io.StringIO) -> None:
    writer = csv.writer(out)
    for r in records:
        writer.writerow(
            [
                r.id, r.title, "; ".join(r.authors), r.abstract or "", r.type, r.year,
                r.venue or "", r.volume or "", r.pages or "", r.doi or "", r.url or "",
                r.key or "", ", ".join(r.keywords), r.status, r.rating, "; ".join(r.tags),
                r.note or "",
            ]
        )  # fmt: skip


def distinct(r: Record, i: int) -> Record:
    """Record ``r`` made paper number ``i``: its own title, DOI and no key.

    The source's text of the title and DOI changes with them, as if another entry
    of the file had been read: a source text that no longer says the value is an
    edited paper, which would make the writer check every paper's two fields.
    """
    extra = dict(r.extra)
    if "title" in extra:
        extra["title"] = f"{extra['title']} {i}"
    if "doi" in extra:
        extra["doi"] = f"10.1/{i}"
    return dataclasses.replace(r, title=f"{r.title} {i}", doi=f"10.1/{i}", key=None, extra=extra)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--export", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--with-decoding",
        action="store_true",
        help="also time bibtexparser with its LaTeX-decoding middlewares (about a minute)",
    )
    args = parser.parse_args()
    rows: list[tuple[str, float, float, float, str, bool]] = []

    import bibtexparser
    import rispy

    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "bench.bib"
        bib.write_text(make_bib(args.entries), encoding="utf-8")
        base = best(lambda: bibtexparser.parse_file(str(bib)), args.repeat)
        read = best(lambda: formats.read_path(bib), args.repeat)
        label = f"{args.entries:,} .bib entries"
        rows += import_rows(label, "bibtexparser", bib, base, read, args.repeat)
        if args.with_decoding:
            # bibtexparser reading it as far as we do: LaTeX decoded, names split.
            from bibtexparser import middlewares as mw

            decoding = [
                mw.LatexDecodingMiddleware(),
                mw.MonthIntMiddleware(),
                mw.SeparateCoAuthors(),
                mw.SplitNameParts(),
            ]
            full = best(lambda: bibtexparser.parse_file(str(bib), append_middleware=decoding), 1)
            rows.append(("  bibtexparser decoding LaTeX, against its default", full, base,
                         full / base, "", True))  # fmt: skip

        ris = Path(tmp) / "bench.ris"
        records = formats.read_path(bib).records
        formats.write_path(ris, records, formats.get("ris"))

        def rispy_load() -> None:
            with ris.open(encoding="utf-8") as fh:
                rispy.load(fh)

        base = best(rispy_load, args.repeat)
        read = best(lambda: formats.read_path(ris), args.repeat)
        label = f"{args.entries:,} RIS entries"
        rows += import_rows(label, "rispy", ris, base, read, args.repeat)

        # Export: a library of N papers built from the same kind of records.
        n = args.export
        if n <= 0:
            return _report(rows)
        many = [
            distinct(r, i)
            for i, r in zip(range(n), (records * (n // len(records) + 1)), strict=False)
        ]
        library = Library.open(Path(tmp) / "lib", auto_backup=False)
        try:
            library.import_records([formats.ReadResult("big.bib", "bibtex", many)])
            ids = library.paper_ids(sort="added")
            library.export_records(ids)  # gives every paper its lasting key, once
            fetches = []
            for _ in range(args.repeat):
                gc.collect()
                start = time.perf_counter()
                exported = library.export_records(ids, keys=False)
                fetches.append(time.perf_counter() - start)
            fetch = min(fetches)
        finally:
            library.close()
        base = best(lambda: csv_rows(exported, io.StringIO()), args.repeat)
        rows.append((f"  (reading {n:,} papers from the library)", fetch, base, fetch / base,
                     "", True))  # fmt: skip
        for name in ("bibtex", "ris", "csljson"):
            fmt = formats.get(name)
            assert fmt.write is not None
            write = fmt.write
            alone = best(
                lambda w=write: w(exported, io.StringIO(), WriteOptions(True)), args.repeat
            )
            rows.append(
                (
                    f"write {n:,} papers as {fmt.label}, rows in memory in both",
                    alone,
                    base,
                    alone / base,
                    "≤ 2×",
                    alone / base <= 2,
                )
            )
            whole = fetch + alone
            rows.append(
                (
                    "  … rows read from the library in both",
                    whole,
                    base + fetch,
                    whole / (base + fetch),
                    "≤ 2×",
                    whole / (base + fetch) <= 2,
                )
            )
    return _report(rows)


def _report(rows: list[tuple[str, float, float, float, str, bool]]) -> int:
    print("| what | ours (s) | baseline (s) | ratio | target |")
    print("|---|---|---|---|---|")
    for what, t, b, ratio, target, ok in rows:
        mark = "" if ok else " **missed**"
        print(f"| {what} | {t:.2f} | {b:.2f} | {ratio:.2f}×{mark} | {target} |")
    print(
        "\nbaselines: bibtexparser.parse_file (default stack); rispy.load; raw sqlite3 writing"
        " the same rows into the same tables (the floor of the library's part); csv.writer over"
        " the same records (in memory; or read from the library by Library.export_records, the"
        " same read added to both sides)."
    )
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
