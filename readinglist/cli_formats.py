"""Command-line commands of the exchange formats: parse any format, export, import options."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
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
            if r.confidence < 0.8:
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


def add_commands(add: Callable[..., Any], common: argparse.ArgumentParser) -> None:
    """New commands of this area (none yet besides the options added to parse/import/export)."""
