"""Command-line commands of the exchange formats: parse any format, export, import options."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readinglist.formats import ReadResult

EXPORT_FORMATS = ("bib", "biblatex", "ris", "csljson", "csv", "md")


class BadEntriesError(ValueError):
    """Files with entries that do not parse: refused whole unless --skip-bad."""


def read_files(paths: Sequence[str], skip_bad: bool) -> list[ReadResult]:
    """Read every file (any format); refuse them all when one has a broken entry."""
    from readinglist.formats import read_path

    results = [read_path(p) for p in paths]
    bad = [b for r in results for b in r.bad]
    if bad and not skip_bad:
        where = "; ".join(str(b) for b in bad[:10])
        more = f" (and {len(bad) - 10} more)" if len(bad) > 10 else ""
        raise BadEntriesError(
            f"{len(bad)} broken entr{'y' if len(bad) == 1 else 'ies'}, nothing done: "
            f"{where}{more}. Fix them, or pass --skip-bad to leave them out."
        )
    return results


def record_json(r: Any) -> dict[str, Any]:
    """A record as ``parse --json`` gives it: the listing fields, then the bibliographic ones."""
    return {
        "title": r.title,
        "authors": list(r.authors),
        "abstract": r.abstract,
        "truncated": r.truncated,
        "confidence": round(r.confidence, 3),
        "flagged": r.flagged,
        "line": r.line,
        "file": r.file,
        "year": r.year,
        "venue": r.venue,
        "doi": r.doi,
        "url": r.url,
        "key": r.key,
        "type": r.type or None,
        "format": r.format,
    }


def cmd_parse(args: argparse.Namespace) -> int:
    from readinglist.cli import _print_json

    results = read_files(args.files, getattr(args, "skip_bad", False))
    for result in results:
        for bad in result.bad:
            print(f"readinglist: skipped {bad}", file=sys.stderr)
    if args.json:
        _print_json([record_json(r) for result in results for r in result.records])
        return 0
    for result in results:
        kind = result.language if result.format == "listing" else result.format
        print(f"{result.name}: {len(result.records)} entries ({kind})")
        for warning in result.warnings:
            print(f"  warning: {warning}")
        for r in result.records:
            flags = []
            if r.truncated:
                flags.append("cut off")
            if r.flagged and not r.truncated:
                flags.append(f"unsure {r.confidence:.2f}")
            extra = f"  [{', '.join(flags)}]" if flags else ""
            print(f"  line {r.line}: {r.title}{extra}")
            facts = [f"{len(r.authors)} author(s)", f"abstract: {'yes' if r.abstract else 'no'}"]
            facts += [str(x) for x in (r.year, r.venue) if x]
            print(f"      {'; '.join(facts)}")
    return 0


def add_parse_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--skip-bad",
        action="store_true",
        help="leave out entries that do not parse instead of refusing the file",
    )


def all_listings(paths: Sequence[str]) -> bool:
    """Whether every file is a publication listing (the streaming import's fast path)."""
    from readinglist.formats import detect

    return all(detect(p).name == "listing" for p in paths)


def cmd_import(args: argparse.Namespace) -> int:
    """Import files of any format, all or nothing: a broken entry refuses the lot."""
    from readinglist import cli

    results = read_files(args.files, args.skip_bad)
    progress = cli._progress_line()
    with cli._open(args) as library:
        try:
            reports = library.import_records(results, progress=progress)
        finally:
            if progress is not None:
                print(file=sys.stderr)
        total = library.count()
    if args.json:
        from dataclasses import asdict

        cli._print_json([asdict(r) for r in reports])
        return 0
    for r in reports:
        print(
            f"{r.listing}: {r.entries} entries: {r.new} new, {r.updated} updated, "
            f"{r.unchanged} unchanged, {len(r.flagged)} flagged"
        )
        for warning in r.warnings:
            print(f"  warning: {warning}")
        for pid, fields in r.filled.items():
            print(f"  paper {pid}: filled in {', '.join(fields)}")
        for pid, kept, proposed in r.status_kept:
            print(f"  paper {pid}: kept its status {kept} (the file says {proposed})")
        if r.trashed:
            ids = " ".join(map(str, r.trashed))
            print(f"  {len(r.trashed)} of its papers are in the Trash and were left there ({ids})")
        if r.saved_searches:
            print(f"  saved searches added: {', '.join(r.saved_searches)}")
        for name in r.saved_searches_kept:
            print(f"  saved search '{name}' kept as it was (the file has another query)")
    print(f"The library now holds {total} papers.")
    return 0


def add_import_options(p: argparse.ArgumentParser) -> None:
    add_parse_options(p)


def cmd_export(args: argparse.Namespace) -> int:
    """Write papers (the same filters as list) in any format the registry writes."""
    from readinglist import cli
    from readinglist.formats import WriteOptions, export_format, write_path

    fmt = export_format(args.file, args.format)
    options = WriteOptions(with_state=args.with_reading_state, ascii=args.ascii)
    with cli._open(args) as library:
        ids = library.paper_ids(cli._filter_from(args, library), args.sort, args.desc, args.limit)
        records = library.export_records(ids, keys=fmt.name in ("bibtex", "biblatex", "csljson"))
        if options.with_state:
            # The library's saved searches go with its reading state (BibTeX, Markdown).
            options = WriteOptions(
                with_state=True, ascii=args.ascii, saved_searches=tuple(library.saved_searches())
            )
    if fmt.name == "csv":
        # The CSV has always carried tags, notes and statuses.
        options = WriteOptions(with_state=True, ascii=args.ascii)
    n = write_path(args.file, records, fmt, options)
    print(f"Exported {n} paper{'s' if n != 1 else ''} to {args.file} ({fmt.label}).")
    return 0


def add_export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="the file's format (default: from its extension)",
    )
    p.add_argument(
        "--with-reading-state",
        action="store_true",
        help="also write statuses, ratings, tags and notes where JabRef and Zotero read them",
    )
    p.add_argument(
        "--ascii", action="store_true", help="write accents as LaTeX (BibTeX) or \\u escapes"
    )


def parse_years(text: str | None) -> tuple[int | None, int | None]:
    """``--year 2020`` or ``--year 2018-2020`` (either end may be left open)."""
    if not text:
        return None, None
    lo, _sep, hi = text.partition("-") if "-" in text[1:] else (text, "", text)
    try:
        return (int(lo) if lo else None), (int(hi) if hi else None)
    except ValueError:
        from readinglist.cli import CliError

        raise CliError(f"'{text}' is not a year or a range of years (2020, 2018-2020).") from None


def with_bib_fields(library: Any, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add year, venue, doi, url, key and type to ``list``/``show`` JSON items."""
    found = library.bib_fields([item["id"] for item in items])
    for item in items:
        item.update(found.get(item["id"], {}))
    return items
