"""The command line: import, parse, list, show and change papers; no command starts the app."""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from readinglist import __version__, paths

if TYPE_CHECKING:
    from readinglist.library import Library

log = logging.getLogger(__name__)

STATUS_HELP = (
    "new, to-read, reading, read or not-reading"
    " (or in French: nouveau, à lire, en cours, lu, pas à lire)"
)
SORT_FIELDS = (
    "title", "authors", "status", "rating", "added", "source", "queue", "year", "venue",
)  # fmt: skip


class CliError(Exception):
    """A problem to report as one line on stderr, with exit status 1."""


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write("\n")


def normalize_status(text: str) -> str:
    """Accept ``to-read``, ``to read``, ``To read``, ``to_read`` and French names alike."""
    from readinglist.library.status import parse_status

    status = parse_status(text)
    if status is None:
        raise CliError(f"'{text}' is not a reading status; use one of: {STATUS_HELP}.")
    return status


def _paper_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a paper id (a whole number)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a paper id (ids start at 1)")
    return value


# -- commands --------------------------------------------------------------


def cmd_parse(args: argparse.Namespace) -> int:
    from readinglist.cli_formats import cmd_parse as parse_any_format

    return parse_any_format(args)


def _progress_line() -> Callable[[str, int, int | None], None] | None:
    """A progress line on a terminal's stderr (Ctrl+C cancels the import); None elsewhere."""
    if not sys.stderr.isatty():
        return None

    def show(name: str, done: int, _total: int | None) -> None:
        print(f"\r{name}: {done:,} entries read… (Ctrl+C cancels)", end="", file=sys.stderr)

    return show


def cmd_import(args: argparse.Namespace) -> int:
    from readinglist import cli_formats
    from readinglist.listing import worker

    if args.skip_bad or not cli_formats.all_listings(args.files):
        return cli_formats.cmd_import(args)

    progress = _progress_line()
    # Big files start being read in worker processes while the library opens.
    started = worker.start_early(args.files)
    try:
        with _open(args) as library:
            try:
                reports = library.import_files(args.files, progress=progress, started=started)
            finally:
                if progress is not None:
                    print(file=sys.stderr)
            total = library.count()
    finally:
        for reader in started.values():
            reader.close()
    if args.json:
        _print_json([asdict(r) for r in reports])
        return 0
    for r in reports:
        print(
            f"{r.listing}: {r.entries} entries: {r.new} new, {r.updated} updated, "
            f"{r.unchanged} unchanged, {len(r.flagged)} flagged"
        )
        for warning in r.warnings:
            print(f"  warning: {warning}")
        for f in r.flagged:
            why = "cut off" if f.truncated else f"confidence {f.confidence:.2f}"
            print(f"  check line {f.line}: {f.title} ({why})")
        if r.trashed:
            ids = " ".join(map(str, r.trashed))
            print(
                f"  {len(r.trashed)} of its papers are in the Trash and were left there"
                f" (readinglist trash --restore {ids} brings them back)"
            )
    print(f"The library now holds {total} papers.")
    return 0


def _filter_from(args: argparse.Namespace, library: Library | None = None) -> Any:
    from readinglist import cli_formats
    from readinglist.library import PaperFilter

    statuses = frozenset(normalize_status(s) for s in args.status or ())
    query = None
    text = getattr(args, "query", None)
    saved = getattr(args, "saved", None)
    if saved and library is not None:
        # A saved search, narrowed by --query when both are given.
        stored = library.saved_query(saved)
        text = f"({stored}) ({text})" if text else stored
    if text and library is not None:
        from readinglist.cli_workflow import parse_query

        query = parse_query(library, text)
    return PaperFilter(
        query=query,
        text=args.search or "",
        statuses=statuses,
        author=args.author,
        listing=args.listing,
        tag=args.tag,
        rating=args.rating,
        min_rating=args.min_rating,
        trash=getattr(args, "trash", False),
        years=cli_formats.parse_years(getattr(args, "year", None)),
    )


def _summary_json(s: Any) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "authors": list(s.authors),
        "abstract": s.abstract,
        "status": s.status,
        "rating": s.rating,
        "tags": list(s.tags),
        "sources": list(s.sources),
        "added": s.added_at,
        "queue_position": s.queue_position,
    }


def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as library:
        ids = library.paper_ids(_filter_from(args, library), args.sort, args.desc, args.limit)
        if args.json:
            from readinglist.cli_formats import with_bib_fields
            from readinglist.cli_lab import with_lab_read_by

            items = with_bib_fields(library, [_summary_json(s) for s in library.summaries(ids)])
            _print_json(with_lab_read_by(library, items))
            return 0
        rows = library.rows(ids)
    width = len(str(max(ids))) if ids else 1
    for pid in ids:
        r = rows[pid]
        stars = "★" * r.rating + "☆" * (5 - r.rating)
        print(f"{pid:>{width}}  {r.status:<11}  {stars}  {r.title}")
        if r.authors:
            print(f"{'':>{width}}  {'':<11}         {r.authors}")
    print(f"{len(ids)} paper{'s' if len(ids) != 1 else ''}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from readinglist import cli_formats
    from readinglist.formats import export_format
    from readinglist.formats.csv_export import export_csv

    if export_format(args.file, args.format).name != "csv":
        return cli_formats.cmd_export(args)
    with _open(args) as library:
        ids = library.paper_ids(_filter_from(args, library), args.sort, args.desc, args.limit)
        papers = library.summaries(ids)
        notes = library.notes(ids)
    n = export_csv(args.file, papers, notes)
    print(f"Exported {n} paper{'s' if n != 1 else ''} to {args.file}.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from readinglist.cli_library import _paper_json

    with _open(args) as library:
        paper = library.paper(args.id)
        attachments = library.attachments(args.id)
        if args.json:
            _print_json(_paper_json(library, args.id))
            return 0
    print(paper.title + ("   [in the Trash]" if paper.trashed else ""))
    print(", ".join(paper.authors) or "(no authors listed)")
    print(f"status: {paper.status}   rating: {paper.rating}/5   id: {paper.id}")
    print(f"tags: {', '.join(paper.tags) or '-'}   from: {', '.join(paper.sources)}")
    if paper.abstract:
        print(f"\n{paper.abstract}")
    if attachments:
        print("\nAttachments:")
        for a in attachments:
            print(f"  {a.target}" + ("  (missing)" if a.missing else ""))
    if paper.note:
        print(f"\nNote:\n{paper.note}")
    if paper.history:
        print("\nHistory:")
        for h in paper.history:
            print(f"  {h.at:%Y-%m-%d %H:%M} UTC  {h.old_status or '-'} -> {h.new_status}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    status = normalize_status(args.status)
    with _open(args) as library:
        changed = library.set_status(args.ids, status)
    print(f"{changed} paper{'s' if changed != 1 else ''} set to {status}.")
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    with _open(args) as library:
        library.set_rating(args.ids, args.rating)
    print(f"Rated {len(args.ids)} paper{'s' if len(args.ids) != 1 else ''} {args.rating}/5.")
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    add, remove = [], []
    for op in args.changes:
        if op.startswith("+") and len(op) > 1:
            add.append(op[1:])
        elif op.startswith("-") and len(op) > 1:
            remove.append(op[1:])
        else:
            raise CliError(f"'{op}': write +NAME to add a tag or -NAME to remove one.")
    with _open(args) as library:
        library.change_tags([args.id], add=add, remove=remove)
        tags = library.paper(args.id).tags
    print(f"Tags of paper {args.id}: {', '.join(tags) or '(none)'}")
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    with _open(args) as library:
        if args.set is not None:
            library.set_note(args.id, _maybe_stdin(args.set))
        elif args.append is not None:
            library.append_note(args.id, _maybe_stdin(args.append))
        else:
            print(library.paper(args.id).note)
            return 0
    print(f"Saved the note of paper {args.id}.")
    return 0


def _maybe_stdin(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


def cmd_stats(args: argparse.Namespace) -> int:
    from readinglist.cli_workflow import print_reading, since_of

    with _open(args) as library:
        stats = library.stats(since_of(args), args.by)
    if args.json:
        _print_json(stats)
        return 0
    print(f"{stats['papers']} papers by {stats['authors']} authors; {stats['notes']} with notes")
    print("By status:")
    for status, n in stats["statuses"].items():
        print(f"  {status:<12} {n}")
    print("By rating:")
    for rating, n in stats["ratings"].items():
        print(f"  {'★' * rating + '☆' * (5 - rating)}  {n}")
    if stats["listings"]:
        print("Listings:")
        for name, n in stats["listings"]:
            print(f"  {name}: {n}")
    if stats["tags"]:
        print("Tags: " + ", ".join(f"{t} ({n})" for t, n in stats["tags"]))
    if stats["read_per_month"]:
        print("Read per month: " + ", ".join(f"{m}: {n}" for m, n in stats["read_per_month"]))
    print_reading(stats)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with _open(args) as library:
        if args.list:
            found = library.backups()
            if args.json:
                _print_json([asdict(b) for b in found])
                return 0
            if not found:
                print("No backups yet.")
            for b in found:
                print(f"{Path(b.path).name}  {b.created_at:%Y-%m-%d %H:%M}  {b.papers} papers")
            return 0
        if args.if_due:
            # The daily backup, started by another command; quiet, never an error.
            library.backup_if_due()
            return 0
        path = library.backup()
    print(f"Backed up the library to {path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from readinglist.library import Library, restore_backup

    source = restore_backup(_data_dir(args), args.file)
    with Library.open(_data_dir(args), auto_backup=False) as library:
        n = library.count()
    print(f"Restored {source.name}: the library holds {n} papers.")
    return 0


# -- plumbing ---------------------------------------------------------------


def _data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(getattr(args, "data_dir", None))


def _open(args: argparse.Namespace) -> Library:
    from readinglist.library import Library

    # The daily backup is not taken here: copying a big library takes seconds,
    # and the first command of the day must be as quick as any other. A
    # process of its own takes it once the command is done (_backup_later).
    library = Library.open(_data_dir(args), auto_backup=False)
    _opened.append(library.data_dir)
    return library


_opened: list[Path] = []


def _backup_later() -> None:
    """Start the daily backup in a process of its own if one is due (the command is done)."""
    from readinglist.library import backup as backups

    for folder in dict.fromkeys(_opened):
        age = backups.latest_backup_age_days(folder)
        if age is not None and age <= 1.0:
            continue
        if os.environ.get("READINGLIST_NO_BACKGROUND_BACKUP") == "1":
            continue
        me = (
            [sys.executable]
            if getattr(sys, "frozen", False)
            else [sys.executable, "-m", "readinglist"]
        )
        try:
            subprocess.Popen(
                [*me, "--data-dir", str(folder), "backup", "--if-due"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as exc:
            log.warning("Could not start the daily backup: %s", exc)


def build_parser() -> argparse.ArgumentParser:
    from readinglist import cli_formats

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the library folder (default: the user data folder, or $READINGLIST_DATA_DIR)",
    )
    common.add_argument(
        "--lang",
        choices=("en", "fr"),
        default=argparse.SUPPRESS,
        help="the app's language for this run (default: $READINGLIST_LANG, the one chosen"
        " in the app, or the system's); the command line itself speaks English",
    )
    parser = argparse.ArgumentParser(
        prog="readinglist",
        description="An offline reading list for researchers. With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"readinglist {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the app works (import, search, status, note) in a temporary library",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], text: str) -> Any:
        p = sub.add_parser(name, parents=[common], help=text, description=text)
        p.set_defaults(func=func)
        return p

    p = add("import", cmd_import, "import files (listing, BibTeX, RIS, CSL-JSON) into the library")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    cli_formats.add_import_options(p)

    p = add(
        "parse", cmd_parse, "show what the reader finds in files of any format (changes nothing)"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the entries as JSON")
    cli_formats.add_parse_options(p)

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--status", action="append", metavar="S", help=STATUS_HELP + " (repeatable)")
        p.add_argument("--search", metavar="TEXT", help="words in title, authors, abstract or note")
        p.add_argument("--author", metavar="NAME")
        p.add_argument("--tag", metavar="T")
        p.add_argument("--listing", metavar="NAME", help="papers from this listing file")
        p.add_argument("--rating", type=int, choices=range(6), metavar="N", help="exactly N stars")
        p.add_argument("--min-rating", type=int, choices=range(6), metavar="N")
        p.add_argument("--year", metavar="Y", help="published in year Y, or Y1-Y2")
        p.add_argument("--sort", choices=SORT_FIELDS, default="title")
        p.add_argument("--desc", action="store_true", help="sort in descending order")
        p.add_argument("--limit", type=int, metavar="N")
        p.add_argument("--query", metavar="QUERY", help="a search-language query (see README)")
        p.add_argument("--saved", metavar="NAME", help="the papers a saved search finds")
        p.add_argument("--trash", action="store_true", help="the papers in the Trash instead")

    p = add("list", cmd_list, "list papers, filtered and sorted")
    filters(p)
    p.add_argument("--json", action="store_true")

    p = add(
        "export",
        cmd_export,
        "write papers as BibTeX, BibLaTeX, RIS, CSL-JSON, CSV or Markdown (--format or extension)",
    )
    p.add_argument("file", metavar="FILE")
    cli_formats.add_export_options(p)
    filters(p)

    p = add("show", cmd_show, "show one paper with its note and status history")
    p.add_argument("id", type=_paper_id)
    p.add_argument("--json", action="store_true")

    p = add("status", cmd_status, "set the reading status of papers")
    p.add_argument("ids", nargs="+", type=_paper_id, metavar="ID")
    p.add_argument("status", help=STATUS_HELP)

    p = add("rate", cmd_rate, "rate papers from 0 to 5 stars")
    p.add_argument("ids", nargs="+", type=_paper_id, metavar="ID")
    p.add_argument("rating", type=int, choices=range(6), metavar="N")

    p = add("tag", cmd_tag, "add (+NAME) or remove (-NAME) tags")
    p.add_argument("id", type=_paper_id)
    p.add_argument("changes", nargs=argparse.REMAINDER, metavar="+NAME|-NAME")

    p = add("note", cmd_note, "print, set or append to a paper's note (Markdown)")
    p.add_argument("id", type=_paper_id)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--set", metavar="TEXT", help="replace the note ('-' reads stdin)")
    group.add_argument("--append", metavar="TEXT", help="add a paragraph ('-' reads stdin)")

    p = add("stats", cmd_stats, "counts by status, rating, listing and tag; reading activity")
    p.add_argument("--json", action="store_true")
    p.add_argument("--since", metavar="DATE", help="reading figures from DATE (2026-11-03, 3m...)")
    p.add_argument("--by", choices=["week", "month"], default="month", help="period of the counts")

    p = add("backup", cmd_backup, "back up the library now (or --list the backups)")
    p.add_argument("--list", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--if-due", action="store_true", help="take the daily backup if the newest is a day old"
    )

    p = add("restore", cmd_restore, "replace the library with a backup (the newest by default)")
    p.add_argument("file", nargs="?", metavar="FILE")

    from readinglist import cli_lab, cli_library

    cli_library.add_commands(add, common)
    cli_lab.add_commands(add, common)

    add("gui", lambda a: _run_gui(a, []), "open the app (the same as no command)")
    return parser


def _run_gui(args: argparse.Namespace, qt_argv: list[str]) -> int:
    from readinglist.gui import run_app

    return int(run_app(_data_dir(args), [sys.argv[0], *qt_argv]))


def _fail(message: str) -> NoReturn:
    print(f"readinglist: {message}", file=sys.stderr)
    raise SystemExit(1)


def _log_crash(exc: BaseException) -> Path | None:
    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "readinglist.log"
        with target.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat()} readinglist {__version__}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return target
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    # Parsed before the library is imported, so --version and --help are quick.
    args, extra = parser.parse_known_args(argv)
    if extra and args.command is not None:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")

    from readinglist.cli_formats import BadEntriesError
    from readinglist.library.errors import LibraryError
    from readinglist.listing import ListingError

    if getattr(args, "lang", None):
        # Read by the app (readinglist.gui.i18n) when it installs its translators.
        os.environ["READINGLIST_LANG"] = args.lang
    try:
        if args.self_test:
            from readinglist.gui import self_test

            return int(self_test())
        if args.command is None:
            return _run_gui(args, extra)
        code = int(args.func(args))
        if code == 0 and args.command not in ("backup", "restore"):
            _backup_later()
        return code
    except (ListingError, LibraryError, CliError, BadEntriesError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        print("readinglist: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `readinglist list | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        where = _log_crash(exc)
        hint = f"; details are in {where}" if where else ""
        _fail(f"unexpected error: {type(exc).__name__}: {exc}{hint}")


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(sys.argv[1:] or [])
