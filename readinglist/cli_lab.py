"""Command-line side of a lab: the `lab` commands (init, add-member, join...) and `sync`."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readinglist.library import Library

ADMIN_SETTING = "lab.admin"


def _open(args: argparse.Namespace) -> Library:
    from readinglist.cli import _open as open_library

    return open_library(args)


def _print_json(data: object) -> None:
    from readinglist.cli import _print_json as print_json

    print_json(data)


def _admin_url(args: argparse.Namespace, library: Library) -> Any:
    from readinglist.lab import urls
    from readinglist.lab.errors import LabError
    from readinglist.library.commands import get_setting

    text = getattr(args, "url", None)
    if not text:
        with library.engine.connect() as conn:
            text = get_setting(conn, ADMIN_SETTING)
    if not text:
        raise LabError("No lab server known here: run `readinglist lab init URL` (or give --url).")
    return urls.parse(text)


def cmd_init(args: argparse.Namespace) -> int:
    from readinglist.lab import password as passwords
    from readinglist.lab import server, urls
    from readinglist.library import commands

    url = urls.parse(args.url)
    secret, source = passwords.resolve(url)
    before, after = server.init_schema(url, secret)
    with _open(args) as library, library.journaled("lab", "Lab server") as rec:
        # The admin URL (never its password) so that add-member knows where to go.
        commands.set_setting(rec, ADMIN_SETTING, urls.shown(url))
    if secret and source in ("url", "terminal"):
        passwords.remember(url, secret)
    if before == after:
        print(f"The lab at {urls.shown(url)} is up to date (schema {after}).")
    else:
        was = f"from {before} " if before else ""
        done = "created" if not before else "upgraded"
        print(f"Lab schema {done} {was}to {after} on {urls.shown(url)}.")
    print("Add members with: readinglist lab add-member NAME")
    return 0


def cmd_add_member(args: argparse.Namespace) -> int:
    from readinglist.lab import password as passwords
    from readinglist.lab import server, urls

    with _open(args) as library:
        url = _admin_url(args, library)
    secret = passwords.require(url) if not url.password else str(url.password)
    member_password = args.password or server.new_password()
    server.add_member(url, secret, args.name, member_password)
    join = urls.with_password(url.set(username=args.name), member_password)
    print(f"Member {args.name} added. The password is shown only this once; join with:")
    print(join)
    print("(readinglist lab join URL, with the line above as URL)", file=sys.stderr)
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from readinglist.lab import password as passwords
    from readinglist.lab import urls
    from readinglist.lab.errors import LabError
    from readinglist.lab.sync import LabSync

    url = urls.parse(args.url)
    if not url.username:
        raise LabError("The URL names no member (postgresql://NAME@HOST/DB).")
    secret, source = passwords.resolve(url)
    if secret is None:
        raise LabError(
            f"No password for {urls.shown(url)}: put it in the URL or in ${passwords.ENV}."
        )
    with _open(args) as library, LabSync(library, urls.without_password(url), secret) as lab:
        report = lab.join()
        server = lab.settings["lab.server"]
        member = lab.settings["lab.member"]
    kept = ""
    if source in ("url", "terminal"):
        kept = (
            " The password is in the system keyring."
            if passwords.remember(url, secret)
            else f" No system keyring here: set ${passwords.ENV} for later syncs."
        )
    print(
        f"Joined the lab at {server} as {member}: {report.pushed_papers} papers uploaded or"
        f" matched, {report.new_papers} new from the lab.{kept}"
    )
    for line in report.conflicts:
        print(line, file=sys.stderr)
    return 0


def cmd_leave(args: argparse.Namespace) -> int:
    from readinglist.lab import sync

    with _open(args) as library:
        state = sync.status(library)
        if state.server is None:
            print("This library is not in a lab.")
            return 0
        sync.leave(library)
    print(f"Left the lab at {state.server}; every paper and note stays here and on the server.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from readinglist.lab import sync

    with _open(args) as library:
        state = sync.status(library)
    if args.json:
        _print_json(state.as_json())
        return 0
    if state.server is None:
        print("Not in a lab. Join one with: readinglist lab join URL")
        return 0
    print(f"Lab server: {state.server} (member {state.member})")
    print(f"Last sync: {state.last_sync or 'never'}")
    print(f"Changes not yet pushed: {state.pending}")
    print(f"Conflicts to resolve: {state.conflicts}")
    print(f"Status and rating shared with the lab: {'yes' if state.share else 'no'}")
    print(
        "Tags: the lab's, shared by every member" if state.shared_tags else "Tags: yours, private"
    )
    return 0


def cmd_share(args: argparse.Namespace) -> int:
    from readinglist.lab import sync

    share = args.setting == "on"
    with _open(args) as library:
        sync.set_share(library, share, ask=True)
    print(
        "Your status and rating are now shown to the lab."
        if share
        else "Your status and rating are now private."
    )
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    """The lab's own settings (the admin's URL): show them, or change them."""
    from readinglist.lab import password as passwords
    from readinglist.lab import server

    with _open(args) as library:
        url = _admin_url(args, library)
    secret = passwords.require(url) if not url.password else str(url.password)
    if args.shared_tags is not None:
        server.set_lab_setting(url, secret, "shared_tags", args.shared_tags)
    settings = server.lab_settings(url, secret)
    if args.json:
        _print_json({"shared_tags": settings.get("shared_tags") == "on"})
        return 0
    if settings.get("shared_tags") == "on":
        print(
            "Shared tags: on. Tags are the lab's: every member sees and edits the same tags"
            " (each member's tags join the lab's at their next sync)."
        )
    else:
        print("Shared tags: off. Tags are each member's own and private.")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from readinglist.lab import sync

    with _open(args) as library:
        found = sync.conflicts(library)
    if args.json:
        _print_json([c.as_json() for c in found])
        return 0
    for c in found:
        what = "note" if c.kind == "note" else c.field
        print(f"{c.id}  paper {c.paper_id}  {what} of “{c.title}”")
        print(f"    mine:   {c.mine!r}")
        print(f"    theirs: {c.theirs!r}")
    print(f"{len(found)} conflict{'s' if len(found) != 1 else ''}", file=sys.stderr)
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from readinglist.lab import sync

    with _open(args) as library:
        sync.resolve(library, args.id, args.keep)
    print(f"Kept {args.keep}; it goes to the lab at the next sync.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from readinglist.lab.sync import LabSync

    with _open(args) as library, LabSync(library) as lab:
        if args.watch:
            return _watch(lab)
        report = lab.sync()
    for line in report.conflicts:
        print(line, file=sys.stderr)
    if report.deleted:
        print(
            f"{report.deleted} papers you deleted for good on another machine were deleted here"
            " too (undo brings them back).",
            file=sys.stderr,
        )
    if report.skipped:
        print(
            f"{report.skipped} lab papers were left out: this library already links a paper"
            " of the same title to another lab paper.",
            file=sys.stderr,
        )
    print(
        f"Synced: {report.pushed_entries} local changes pushed, {report.pulled} changes pulled"
        f" ({report.new_papers} new papers)."
    )
    return 0


def _watch(lab: Any) -> int:
    """Sync now, then whenever the server says something changed (and every 10 s)."""
    from readinglist.lab.live import Listener, SyncLoop

    done = threading.Event()

    def report(result: object | None, error: Exception | None) -> None:
        if error is not None:
            print(f"readinglist: {error}", file=sys.stderr, flush=True)
        else:
            print(f"synced: {getattr(result, 'pulled', 0)} pulled", flush=True)

    loop = SyncLoop(lab.sync, period=10.0, on_result=report)
    listener = Listener(lab.server, loop.poke)
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    loop.start()
    listener.start()
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    finally:
        listener.stop()
        loop.stop()
    return 0


def with_lab_read_by(library: Library, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``lab_read_by`` to ``list --json`` items (null when the library is in no lab)."""
    from readinglist.lab.sync import read_by

    counts = read_by(library, [item["id"] for item in items])
    for item in items:
        item["lab_read_by"] = counts.get(item["id"])
    return items


def _no_lab_command(_args: argparse.Namespace) -> int:
    from readinglist.cli import CliError

    raise CliError(
        "say which lab command: init, add-member, settings, join, leave, status, share,"
        " conflicts, resolve"
    )


def add_commands(
    add: Callable[[str, Callable[[argparse.Namespace], int], str], Any],
    common: argparse.ArgumentParser,
) -> None:
    p = add("sync", cmd_sync, "push local changes to the lab server and pull the lab's")
    p.add_argument(
        "--watch", action="store_true", help="keep syncing as the lab changes (until Ctrl+C)"
    )

    lab = add("lab", _no_lab_command, "share a reading list with a lab (PostgreSQL)")
    sub = lab.add_subparsers(dest="lab_command", metavar="COMMAND")

    def cmd(name: str, func: Callable[[argparse.Namespace], int], text: str) -> Any:
        q = sub.add_parser(name, parents=[common], help=text, description=text)
        q.set_defaults(func=func)
        return q

    q = cmd("init", cmd_init, "create (or upgrade) a lab's schema, with an admin URL")
    q.add_argument("url", metavar="URL", help="postgresql://ADMIN[:PASSWORD]@HOST[:PORT]/DB")
    q = cmd("add-member", cmd_add_member, "create a member's role and print the URL to join with")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--password", metavar="P", help="the member's password (default: generated)")
    q.add_argument("--url", metavar="URL", help="the admin URL (default: the one of `lab init`)")
    q = cmd("settings", cmd_settings, "show or change the lab's settings (with the admin URL)")
    q.add_argument(
        "--shared-tags",
        choices=("on", "off"),
        help="on: tags are the lab's, shared by every member; off: each member's own (default)",
    )
    q.add_argument("--url", metavar="URL", help="the admin URL (default: the one of `lab init`)")
    q.add_argument("--json", action="store_true", help='print {"shared_tags": true|false}')
    q = cmd("join", cmd_join, "join this library to a lab (its papers are uploaded or matched)")
    q.add_argument("url", metavar="URL", help="postgresql://MEMBER[:PASSWORD]@HOST[:PORT]/DB")
    cmd("leave", cmd_leave, "detach this library from its lab (nothing is deleted)")
    q = cmd("status", cmd_status, "the lab, the last sync, changes to push, conflicts")
    q.add_argument("--json", action="store_true")
    q = cmd("share", cmd_share, "show (on) or hide (off) your status and rating to the lab")
    q.add_argument("setting", choices=("on", "off"))
    q = cmd("conflicts", cmd_conflicts, "notes and fields changed in two places, to resolve")
    q.add_argument("--json", action="store_true")
    q = cmd("resolve", cmd_resolve, "settle a conflict, keeping mine or theirs")
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("keep", choices=("mine", "theirs"))
