"""The commands that write through the SQLModel models: in the journal's transaction, same rows."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from readinglist.library import Library, LibraryError, NotFoundError, commands
from tests.library.test_journal import tables

# How the library stores every timestamp: naive UTC, with microseconds.
STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")


def test_model_writes_are_in_the_commands_transaction(seeded: Library, tmp_path: Path) -> None:
    before = tables(seeded.db_path)
    entries = len(seeded.history())
    pid = seeded.paper_ids()[0]
    # A command that fails after its writes through the models: none of
    # them is left, and no entry either.
    with pytest.raises(RuntimeError), seeded.journaled("add", "Add") as rec:
        commands.add_paper(rec, "Written then rolled back", ["Nobody Known"], "Text.")
        commands.attach(rec, pid, "https://example.org/x.pdf")
        commands.save_search(rec, "Gone", "rating:5")
        commands.set_setting(rec, "queue.new_at", "top")
        commands.edit_paper(rec, pid, title="Never this title", fields={"year": 1999})
        raise RuntimeError("after the writes")
    assert tables(seeded.db_path) == before
    assert len(seeded.history()) == entries


def test_model_writes_store_what_plain_sql_did(seeded: Library, tmp_path: Path) -> None:
    pid = seeded.add_paper(
        "Typed by hand",
        ["Ada Lovelace", "Alan Turing", "ada  lovelace"],
        "Short.",
        {"year": "2020"},
    )
    other = seeded.add_paper("Another one", ["ADA LOVELACE"])
    seeded.edit_paper(pid, authors=["Grace Hopper", "Ada Lovelace"], abstract="", fields={})
    aid = seeded.attach(pid, "https://example.org/paper.pdf", "Preprint")
    seeded.relocate(aid, tmp_path / "paper.pdf")
    conn = sqlite3.connect(seeded.db_path)
    try:
        paper = conn.execute(
            "SELECT authors_text, added_at, updated_at, year, edited, status FROM paper"
            " WHERE id = ?",
            (pid,),
        ).fetchone()
        # One person per name key, shown under the name first stored.
        assert paper[0] == "Grace Hopper, Ada Lovelace"
        assert STAMP.match(paper[1]) and STAMP.match(paper[2]) and paper[2] > paper[1]
        assert paper[3:] == (2020, "abstract,authors", "new")
        assert conn.execute("SELECT authors_text FROM paper WHERE id = ?", (other,)).fetchone() == (
            "Ada Lovelace",
        )
        assert conn.execute(
            "SELECT count(*) FROM paper_abstract WHERE paper_id = ?", (pid,)
        ).fetchone() == (0,)
        kind, target, added = conn.execute(
            "SELECT kind, target, added_at FROM attachment WHERE id = ?", (aid,)
        ).fetchone()
        assert (kind, target) == ("file", str(tmp_path / "paper.pdf")) and STAMP.match(added)
    finally:
        conn.close()
    # Read back as the naive UTC datetimes the rest of the library uses.
    assert all(entry.at.tzinfo is None for entry in seeded.history())


def test_saved_searches_and_settings_through_the_models(seeded: Library) -> None:
    seeded.save_search("Mine", "tag:ml")
    seeded.save_search("mine", "rating:3")  # the same name: its query is replaced
    seeded.save_search("Later", "in:queue")
    assert seeded.saved_searches() == [("Mine", "rating:3"), ("Later", "in:queue")]
    with pytest.raises(LibraryError, match="already a saved search named 'Later'"):
        seeded.rename_search("mine", "LATER")
    seeded.rename_search("MINE", "Ours")
    with pytest.raises(NotFoundError, match="no saved search named 'Mine'"):
        seeded.remove_search("Mine")
    seeded.remove_search("later")
    assert seeded.saved_searches() == [("Ours", "rating:3")]
    assert seeded.setting("queue.new_at", "end") == "end"
    seeded.set_setting("queue.new_at", "top")
    seeded.set_setting("queue.new_at", "end")
    assert seeded.setting("queue.new_at") == "end"
    seeded.undo()
    assert seeded.setting("queue.new_at") == "top"
    with pytest.raises(NotFoundError, match="no attachment with id 99"):
        seeded.detach(99)


def test_commands_in_plain_sql_do_not_import_the_orm(seeded: Library) -> None:
    # A CLI status change, rating or note would otherwise spend most of its
    # time importing SQLModel (tests/benchmarks/orm.py).
    code = (
        "import sys\n"
        "from readinglist.library import Library\n"
        "with Library.open(sys.argv[1], auto_backup=False) as lib:\n"
        "    ids = lib.paper_ids()[:3]\n"
        "    lib.set_status(ids, 'read'); lib.set_rating(ids, 4); lib.set_note(ids[0], 'n')\n"
        "    lib.change_tags(ids, add=['x']); lib.undo_label()\n"
        "    lib.attachments(ids[0]); lib.papers_folder()\n"
        "print('sqlmodel' in sys.modules)\n"
    )
    seeded.close()
    done = subprocess.run(
        [sys.executable, "-c", code, str(seeded.data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["False"]
