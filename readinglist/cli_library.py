"""Command-line commands that own the library: add, edit, delete, merge, attach, undo, queue."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from readinglist import cli


def _paper_json(library: Any, pid: int) -> dict[str, Any]:
    """A paper as ``show --json`` gives it."""
    paper = library.paper(pid)
    [summary] = library.summaries([pid])
    data = cli._summary_json(summary)
    data["note"] = paper.note
    data["history"] = [
        {"at": h.at, "from": h.old_status, "to": h.new_status} for h in paper.history
    ]
    data["attachments"] = [
        {"kind": a.kind, "target": a.target, "missing": a.missing} for a in library.attachments(pid)
    ]
    data["trashed"] = paper.trashed
    data["edited"] = list(paper.edited)
    data.update(library.bib_fields([pid]).get(pid, {}))
    return data


# Bibliographic options of add and edit, by the paper column each sets.
BIB_OPTIONS = {
    "year": "year",
    "venue": "venue",
    "doi": "doi",
    "url": "url",
    "type": "entry_type",
    "key": "cite_key",
    "arxiv": "arxiv",
}


def _bib_fields(args: argparse.Namespace) -> dict[str, Any]:
    return {
        column: getattr(args, option)
        for option, column in BIB_OPTIONS.items()
        if getattr(args, option, None) is not None
    }


def cmd_add(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        pid = library.add_paper(args.title, args.author or [], args.abstract, _bib_fields(args))
        if args.json:
            cli._print_json(_paper_json(library, pid))
            return 0
    print(pid)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    fields = _bib_fields(args)
    if args.title is None and args.author is None and args.abstract is None and not fields:
        raise cli.CliError("Nothing to change: give --title, --author, --abstract or a field.")
    with cli._open(args) as library:
        changed = library.edit_paper(
            args.id, title=args.title, authors=args.author, abstract=args.abstract, fields=fields
        )
        if args.json:
            cli._print_json(_paper_json(library, args.id))
            return 0
    what = ", ".join(changed) if changed else "nothing (the values were already so)"
    print(f"Paper {args.id}: changed {what}.")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        moved = library.trash(args.ids)
    plural = "s" if moved != 1 else ""
    print(f"Moved {moved} paper{plural} to the Trash (readinglist undo takes it back).")
    return 0


def cmd_trash(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        if args.restore:
            back = library.restore_from_trash(args.restore)
            print(f"Restored {back} paper{'s' if back != 1 else ''} from the Trash.")
            return 0
        if args.empty:
            gone = library.empty_trash()
            plural = "s" if gone != 1 else ""
            print(f"Deleted {gone} paper{plural} for good (readinglist undo takes it back).")
            return 0
        ids = library.trashed_ids()
        if args.json:
            cli._print_json([cli._summary_json(s) for s in library.summaries(ids)])
            return 0
        rows = library.rows(ids)
    for pid in ids:
        print(f"{pid}  {rows[pid].title}")
    print(f"{len(ids)} paper{'s' if len(ids) != 1 else ''} in the Trash", file=sys.stderr)
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        groups = library.duplicates()
        if args.json:
            cli._print_json(groups)
            return 0
        rows = library.rows([pid for group in groups for pid in group])
    for group in groups:
        print("  ".join(f"{pid}" for pid in group))
        for pid in group:
            print(f"    {pid}: {rows[pid].title}")
    print(
        f"{len(groups)} group{'s' if len(groups) != 1 else ''} of possible duplicates",
        file=sys.stderr,
    )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from readinglist.library.commands import MergeChoice

    ids = list(dict.fromkeys(args.ids))
    keep = args.keep if args.keep is not None else ids[0]
    with cli._open(args) as library:
        kept = library.merge(ids, MergeChoice(keep=keep))
    print(f"Merged {len(ids)} papers into paper {kept}.")
    return 0


def cmd_not_duplicates(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        library.not_duplicates(args.ids)
    print("Noted: these papers are not duplicates.")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    target = args.target
    from readinglist.library.commands import attachment_kind

    if attachment_kind(target) == "file":
        path = Path(target).expanduser()
        if not path.is_file():
            raise cli.CliError(f"There is no file {path}; nothing was attached.")
        target = str(path.resolve())
    with cli._open(args) as library:
        library.attach(args.id, target)
    print(f"Attached {target} to paper {args.id}.")
    return 0


def open_target(target: str) -> bool:
    """Open a file or a link with the system's viewer; False if none could be started."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(target)  # type: ignore[attr-defined]
        elif "://" in target:
            return webbrowser.open(target)
        elif sys.platform == "darwin":
            subprocess.Popen(["open", target])
        else:
            subprocess.Popen(
                ["xdg-open", target], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
    except OSError:
        return False
    return True


def cmd_open(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        found = library.attachments(args.id)
        if not found:
            raise cli.CliError(
                f"Paper {args.id} has no attachment; add one with readinglist attach."
            )
        first = found[0]
        if first.missing:
            raise cli.CliError(
                f"The file {first.path} is missing (moved or deleted); attach it again"
                " from where it is now."
            )
        target = str(first.path) if first.path is not None else first.target
        library.opened(args.id)
    print(f"Opening {target}")
    if os.environ.get("READINGLIST_NO_OPEN") != "1" and not open_target(target):
        # The attachment is there; only the desktop's viewer is missing.
        print(
            "readinglist: no program to open it was found (xdg-open on Linux); open it yourself.",
            file=sys.stderr,
        )
    return 0


def _step(args: argparse.Namespace, redo: bool) -> int:
    """Undo (or redo) one change and say which."""
    with cli._open(args) as library:
        entry = library.redo() if redo else library.undo()
    if args.json:
        cli._print_json({"id": entry.id, "label": entry.label, "papers": list(entry.papers)})
    else:
        print(f"{'Redid' if redo else 'Undid'}: {entry.label}")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    return _step(args, redo=False)


def cmd_redo(args: argparse.Namespace) -> int:
    return _step(args, redo=True)


def cmd_history(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        entries = library.history(args.limit)
    if args.json:
        cli._print_json(
            [
                {
                    "id": e.id,
                    "label": e.label,
                    "time": e.at,
                    "papers": list(e.papers),
                    "state": e.state,
                }
                for e in entries
            ]
        )
        return 0
    for e in entries:
        mark = "" if e.state == "done" else f"  ({e.state})"
        print(f"{e.id:>5}  {e.at:%Y-%m-%d %H:%M} UTC  {e.label}{mark}")
    return 0


def cmd_revert(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        made = library.revert(args.entry)
    print(
        f"Reverted change {args.entry}" + (f" (as change {made})." if made else "; nothing to do.")
    )
    return 0


def cmd_queue(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        if getattr(args, "queue_command", None) == "move":
            place = library.queue_move(args.id, args.position)
            print(f"Paper {args.id} is now number {place} in the queue.")
            return 0
        ids = library.queue()
        rows = library.rows(ids)
    if args.json:
        cli._print_json(
            [{"position": n, "id": pid, "title": rows[pid].title} for n, pid in enumerate(ids, 1)]
        )
        return 0
    for n, pid in enumerate(ids, 1):
        print(f"{n:>3}. [{pid}] {rows[pid].title}")
    if not ids:
        print("The queue is empty: mark papers To read to fill it.", file=sys.stderr)
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        ids = library.queue()
        if not ids:
            raise cli.CliError("The queue is empty: mark papers To read to fill it.")
        pid = ids[0]
        library.set_status([pid], "reading")
        if args.json:
            cli._print_json(_paper_json(library, pid))
            return 0
        paper = library.paper(pid)
    print(f"Next: [{pid}] {paper.title}")
    if paper.authors:
        print(", ".join(paper.authors))
    print("Set to Reading.")
    return 0


def cmd_saved(args: argparse.Namespace) -> int:
    with cli._open(args) as library:
        action = getattr(args, "saved_command", None)
        if action == "add":
            library.save_search(args.name, args.query)
            print(f"Saved the search '{args.name}'.")
            return 0
        if action == "remove":
            library.remove_search(args.name)
            print(f"Removed the saved search '{args.name}'.")
            return 0
        found = library.saved_searches()
        counts = {}
        for name, query in found:
            try:
                counts[name] = library.count_query(query)
            except Exception:  # a query the language cannot read counts nothing
                counts[name] = None
    if args.json:
        cli._print_json([{"name": n, "query": q, "count": counts[n]} for n, q in found])
        return 0
    for name, query in found:
        print(f"{name}  ({counts[name] if counts[name] is not None else '?'})  {query}")
    return 0


def bib_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", help="the year of publication")
    p.add_argument("--venue", help="journal, conference or publisher")
    p.add_argument("--doi")
    p.add_argument("--url")
    p.add_argument("--type", metavar="TYPE", help="the entry type (article, inproceedings...)")
    p.add_argument("--key", metavar="KEY", help="the citation key")
    p.add_argument("--arxiv", metavar="ID", help="the arXiv id")


def add_commands(
    add: Callable[[str, Callable[[argparse.Namespace], int], str], Any],
    common: argparse.ArgumentParser,
) -> None:
    """Add these commands to the parser (``add`` makes one subcommand)."""
    p = add("add", cmd_add, "add a paper by hand; prints its id")
    p.add_argument("--title", required=True)
    p.add_argument(
        "--author", action="append", metavar="NAME", help="an author (repeatable, in order)"
    )
    p.add_argument("--abstract")
    bib_options(p)
    p.add_argument("--json", action="store_true", help="print the paper as show --json does")

    p = add("edit", cmd_edit, "change a paper's title, authors or abstract")
    p.add_argument("id", type=cli._paper_id)
    p.add_argument("--title")
    p.add_argument(
        "--author", action="append", metavar="NAME", help="the new author list, in order"
    )
    p.add_argument("--abstract", help="the new abstract ('' removes it)")
    bib_options(p)
    p.add_argument("--json", action="store_true")

    p = add("delete", cmd_delete, "move papers to the Trash")
    p.add_argument("ids", nargs="+", type=cli._paper_id, metavar="ID")

    p = add("trash", cmd_trash, "list the Trash, restore papers from it or empty it")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--restore", nargs="+", type=cli._paper_id, metavar="ID")
    group.add_argument("--empty", action="store_true", help="delete the papers in it for good")
    p.add_argument("--json", action="store_true")

    p = add("duplicates", cmd_duplicates, "list groups of papers that are probably the same")
    p.add_argument("--json", action="store_true", help="print the groups of ids as JSON")

    p = add("merge", cmd_merge, "merge papers into one (notes, tags, history and listings joined)")
    p.add_argument("ids", nargs="+", type=cli._paper_id, metavar="ID")
    p.add_argument(
        "--keep",
        type=cli._paper_id,
        metavar="ID",
        help="the paper whose title, authors and abstract are kept (default: the first)",
    )

    p = add("not-duplicates", cmd_not_duplicates, "remember that papers are not the same")
    p.add_argument("ids", nargs="+", type=cli._paper_id, metavar="ID")

    p = add("attach", cmd_attach, "attach a file or a link to a paper")
    p.add_argument("id", type=cli._paper_id)
    p.add_argument("target", metavar="PATH_OR_URL")

    p = add("open", cmd_open, "open a paper's first attachment with the system's viewer")
    p.add_argument("id", type=cli._paper_id)

    p = add("undo", cmd_undo, "undo the last change (made here or in the app)")
    p.add_argument("--json", action="store_true")
    p = add("redo", cmd_redo, "redo the change undone last")
    p.add_argument("--json", action="store_true")

    p = add("history", cmd_history, "recent changes, newest first")
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.add_argument("--json", action="store_true")

    p = add("revert", cmd_revert, "revert an older change from the history (as a new change)")
    p.add_argument("entry", type=int, metavar="CHANGE_ID")

    p = add("queue", cmd_queue, "the read-next queue (To read papers in order)")
    p.add_argument("--json", action="store_true")
    sub = p.add_subparsers(dest="queue_command", metavar="move")
    move = sub.add_parser("move", parents=[common], help="move a paper to POSITION (1 is the top)")
    move.add_argument("id", type=cli._paper_id)
    move.add_argument("position", type=int)

    p = add("next", cmd_next, "take the first paper of the queue: set it to Reading and show it")
    p.add_argument("--json", action="store_true")

    p = add("saved", cmd_saved, "saved searches: list, add NAME QUERY, remove NAME")
    p.add_argument("--json", action="store_true")
    sub = p.add_subparsers(dest="saved_command", metavar="add|remove")
    sp = sub.add_parser("add", parents=[common], help="save QUERY under NAME")
    sp.add_argument("name")
    sp.add_argument("query")
    sp = sub.add_parser("remove", parents=[common], help="delete a saved search")
    sp.add_argument("name")
