"""Benchmarks of issue 11: ``python -m tests.benchmarks.formats [--entries N] [--export N]``.

- Import a BibTeX file of N entries (10k by default) into an empty library, next
  to bibtexparser alone reading it (its default parse stack): at most 1.5x.
- The same for RIS, next to rispy alone reading the same file: at most 1.5x.
- Export N papers (100k by default) to BibTeX, RIS and CSL-JSON, next to the
  standard csv module writing the same rows: at most 2x. Measured twice: the
  writer alone over records in memory, and the whole export from the library.

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
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from readinglist import formats
from readinglist.formats import Record, WriteOptions
from readinglist.formats.latex import to_latex
from readinglist.formats.names import to_bib_name
from readinglist.library import Library
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

    latex._parse.cache_clear()
    names._bib_display.cache_clear()
    names.to_bib_name.cache_clear()
    names.ris_display.cache_clear()
    names.to_ris_name.cache_clear()
    names.csl_name.cache_clear()
    gc.collect()


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        cold()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def import_into_empty(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(tmp, auto_backup=False)
        try:
            start = time.perf_counter()
            library.import_records([formats.read_path(path)])
            import_into_empty.last = time.perf_counter() - start  # type: ignore[attr-defined]
        finally:
            library.close()


def timed_import(path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        cold()
        import_into_empty(path)
        times.append(import_into_empty.last)  # type: ignore[attr-defined]
    return min(times)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--export", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: list[tuple[str, float, float, float, str, bool]] = []

    import bibtexparser
    import rispy

    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "bench.bib"
        bib.write_text(make_bib(args.entries), encoding="utf-8")
        base = best(lambda: bibtexparser.parse_file(str(bib)), args.repeat)
        read = best(lambda: formats.read_path(bib), args.repeat)
        ours = timed_import(bib, args.repeat)
        # The library reading it as far as we do: LaTeX decoded, names split.
        from bibtexparser import middlewares as mw

        decoding = [
            mw.LatexDecodingMiddleware(),
            mw.MonthIntMiddleware(),
            mw.SeparateCoAuthors(),
            mw.SplitNameParts(),
        ]
        full = best(lambda: bibtexparser.parse_file(str(bib), append_middleware=decoding), 1)
        rows.append((f"read {args.entries:,} .bib entries", read, base, read / base, "", True))
        rows.append(
            (
                f"import {args.entries:,} .bib entries, against bibtexparser decoding LaTeX",
                ours,
                full,
                ours / full,
                "≤ 1.5×",
                ours / full <= 1.5,
            )
        )
        rows.append(
            (
                f"import {args.entries:,} .bib entries",
                ours,
                base,
                ours / base,
                "≤ 1.5×",
                ours / base <= 1.5,
            )
        )
        ris = Path(tmp) / "bench.ris"
        records = formats.read_path(bib).records
        formats.write_path(ris, records, formats.get("ris"))

        def rispy_load() -> None:
            with ris.open(encoding="utf-8") as fh:
                rispy.load(fh)

        base = best(rispy_load, args.repeat)
        read = best(lambda: formats.read_path(ris), args.repeat)
        ours = timed_import(ris, args.repeat)
        rows.append((f"read {args.entries:,} RIS entries", read, base, read / base, "", True))
        rows.append(
            (
                f"import {args.entries:,} RIS entries",
                ours,
                base,
                ours / base,
                "≤ 1.5×",
                ours / base <= 1.5,
            )
        )

        # Export: a library of N papers built from the same kind of records.
        n = args.export
        if n <= 0:
            return _report(rows)
        many = [
            dataclasses.replace(r, title=f"{r.title} {i}", doi=f"10.1/{i}", key=None)
            for i, r in zip(range(n), (records * (n // len(records) + 1)), strict=False)
        ]
        library = Library.open(Path(tmp) / "lib", auto_backup=False)
        try:
            library.import_records([formats.ReadResult("big.bib", "bibtex", many)])
            ids = library.paper_ids(sort="added")
            library.export_records(ids)  # gives every paper its lasting key, once
            start = time.perf_counter()
            exported = library.export_records(ids, keys=False)
            fetch = time.perf_counter() - start
        finally:
            library.close()
        base = best(lambda: csv_rows(exported, io.StringIO()), args.repeat)
        for name in ("bibtex", "ris", "csljson"):
            fmt = formats.get(name)
            assert fmt.write is not None
            write = fmt.write
            alone = best(
                lambda w=write: w(exported, io.StringIO(), WriteOptions(True)), args.repeat
            )
            rows.append(
                (
                    f"write {n:,} papers as {fmt.label}",
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
                    "  … with reading them from the library",
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
        "\nbaselines: bibtexparser.parse_file (default stack); rispy.load; csv.writer over the"
        " same records (plus the same read from the library in the second export rows)."
    )
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
