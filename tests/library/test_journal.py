"""The journal: every change undoes and redoes exactly, across restarts, and refuses to clobber."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from readinglist.library import Library, LibraryError, PaperFilter
from readinglist.library.commands import MergeChoice
from readinglist.library.journal import NothingToUndo, UndoConflict
from tests.conftest import SEED_EN, SEED_FR

# The search index's own tables are rebuilt in another shape by the same
# content; FTS5's integrity check covers them instead.
SKIP = ("journal", "paper_fts", "sqlite_sequence", "sqlite_stat")


def tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (but the journal and the index's internals), sorted."""
    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(SKIP)
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        conn.close()


def index_is_sound(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO paper_fts (paper_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def undo_all(library: Library) -> int:
    n = 0
    while True:
        try:
            library.undo()
        except NothingToUndo:
            return n
        n += 1


def test_every_kind_of_change_undoes_and_redoes_exactly(seeded: Library, tmp_path: Path) -> None:
    start = tables(seeded.db_path)
    ids = seeded.paper_ids()
    seeded.set_status(ids[:4], "to-read")
    seeded.set_status(ids[:2], "read")
    seeded.set_rating(ids[1:3], 4)
    seeded.change_tags(ids[:3], add=["ml", "thesis"])
    seeded.change_tags(ids[:1], remove=["thesis"])
    seeded.set_note(ids[0], "first")
    seeded.append_note(ids[0], "second")
    new = seeded.add_paper("A paper typed by hand", ["Ada Lovelace", "Alan Turing"], "Short.")
    seeded.edit_paper(ids[5], title="Corrected", authors=["Grace Hopper"], abstract="")
    seeded.attach(ids[5], "https://example.org/paper.pdf")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    seeded.attach(ids[6], pdf)
    seeded.queue_move(ids[3], 1)
    seeded.trash(ids[7:9])
    seeded.restore_from_trash(ids[8:9])
    seeded.merge([ids[9], ids[10]], MergeChoice(keep=ids[10], title_from=ids[9]))
    seeded.not_duplicates([ids[11], ids[12]])
    seeded.save_search("Mine", "tag:ml")
    seeded.rename_search("Mine", "Ours")
    seeded.set_setting("queue.new_at", "top")
    seeded.empty_trash()
    seeded.import_files([SEED_EN])
    after = tables(seeded.db_path)
    assert new in seeded.paper_ids()

    undone = undo_all(seeded)
    assert undone == 22  # the seed import is undone too
    seeded.redo()  # the seed import back
    assert tables(seeded.db_path) == start
    index_is_sound(seeded.db_path)
    while True:
        try:
            seeded.redo()
        except NothingToUndo:
            break
    assert tables(seeded.db_path) == after
    index_is_sound(seeded.db_path)


def test_undo_survives_a_restart_and_a_new_change_drops_the_redo(data_dir: Path) -> None:
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_FR])
        pid = lib.paper_ids()[0]
        lib.set_rating([pid], 5)
    with Library.open(data_dir) as lib:
        assert lib.undo_label() == f"Rate 5 stars: {lib.paper(pid).title[:49].rstrip()}…"
        lib.undo()
        assert lib.paper(pid).rating == 0
        assert lib.redo_label() is not None
    with Library.open(data_dir) as lib:
        lib.set_status([pid], "reading")
        assert lib.redo_label() is None
        with pytest.raises(NothingToUndo, match="nothing to redo"):
            lib.redo()


def test_undo_refuses_to_overwrite_a_later_change(seeded: Library) -> None:
    pid = seeded.paper_ids()[0]
    seeded.set_rating([pid], 3)
    first = seeded.history()[0].id
    seeded.set_rating([pid], 5)
    with pytest.raises(UndoConflict, match=r"rating .* changed afterwards by “Rate 5 stars"):
        seeded.revert(first)
    assert seeded.paper(pid).rating == 5
    # A later change of another field is no conflict.
    seeded.set_note(pid, "later note")
    seeded.undo()  # the note
    seeded.undo()  # rating 5 -> 3
    seeded.set_status([pid], "reading")
    seeded.revert(first)  # rating 3 -> 0, the status stays
    paper = seeded.paper(pid)
    assert (paper.rating, paper.status) == (0, "reading")
    assert seeded.history()[0].label.startswith("Revert “Rate 3 stars")


def test_undoing_an_import_is_refused_once_its_papers_were_worked_on(seeded: Library) -> None:
    seeded.import_files([SEED_EN])  # nothing new: the entry holds no papers
    pid = seeded.paper_ids()[0]
    seeded.set_status([pid], "read")
    label = seeded.history()[-1].label
    assert label.startswith("Import")
    with pytest.raises(UndoConflict, match="changed afterwards"):
        seeded.revert(seeded.history()[-1].id)
    assert seeded.count() == 16


def test_note_typing_is_one_entry_per_burst(seeded: Library) -> None:
    pid = seeded.paper_ids()[0]
    before = len(seeded.history())
    for text in ("H", "He", "Hel", "Hello"):
        seeded.set_note(pid, text, burst="edit-1")
    seeded.set_note(pid, "Hello again", burst="edit-2")
    assert len(seeded.history()) == before + 2
    seeded.undo()
    assert seeded.paper(pid).note == "Hello"
    seeded.undo()
    assert seeded.paper(pid).note == ""


def test_a_cli_change_is_undone_in_another_library_object(data_dir: Path) -> None:
    from tests.robustness.support import run_cli

    with Library.open(data_dir) as lib:
        lib.import_files([SEED_EN])
    done = run_cli(data_dir, "status", "1", "2", "read")
    assert done.returncode == 0, done.stderr
    with Library.open(data_dir) as lib:
        assert lib.undo_label() == "Set status to Read (2 papers)"
        lib.undo()
        assert lib.paper(1).status == "new"
    done = run_cli(data_dir, "redo")
    assert done.stdout.strip() == "Redid: Set status to Read (2 papers)"
    done = run_cli(data_dir, "history", "--json")
    assert '"label": "Set status to Read (2 papers)"' in done.stdout


def test_bad_input_changes_nothing(seeded: Library) -> None:
    before = tables(seeded.db_path)
    entries = len(seeded.history())
    with pytest.raises(LibraryError, match="needs a title"):
        seeded.add_paper("   ", ["Someone"])
    with pytest.raises(LibraryError, match="no name"):
        seeded.add_paper("A title", ["  ", ""])
    with pytest.raises(LibraryError, match="no paper with id 999"):
        seeded.edit_paper(999, title="x")
    with pytest.raises(LibraryError, match="no name"):
        seeded.edit_paper(1, authors=[" "])
    with pytest.raises(LibraryError, match="no paper with id 998"):
        seeded.trash([1, 998])
    assert tables(seeded.db_path) == before
    assert len(seeded.history()) == entries


def test_trash_hides_and_reimport_keeps_it_trashed(seeded: Library) -> None:
    [pid] = seeded.paper_ids(PaperFilter(text="Bootstrapped Representations"))
    seeded.set_note(pid, "kept while trashed")
    seeded.trash([pid])
    assert pid not in seeded.paper_ids()
    assert pid not in seeded.paper_ids(PaperFilter(text="Bootstrapped"))
    assert seeded.paper_ids(PaperFilter(trash=True)) == [pid]
    assert seeded.count() == 15 and seeded.facets().trashed == 1
    [report, _] = seeded.import_files([SEED_EN, SEED_FR])
    assert report.trashed == [pid] and report.new == 0
    assert seeded.paper(pid).trashed
    preview = seeded.preview(seeded.read(SEED_EN).entries)
    assert [p.state for p in preview if p.paper_id == pid] == ["trashed"]
    seeded.restore_from_trash([pid])
    assert seeded.paper(pid).note == "kept while trashed"
    assert pid in seeded.paper_ids()


def test_reimport_keeps_edited_fields(seeded: Library, tmp_path: Path) -> None:
    [pid] = seeded.paper_ids(PaperFilter(text="Bigger Better Faster"))
    seeded.edit_paper(pid, title="BBF (my title)", abstract="My own summary.")
    seeded.import_files([SEED_EN, SEED_FR])
    paper = seeded.paper(pid)
    assert (paper.title, paper.abstract) == ("BBF (my title)", "My own summary.")
    assert paper.edited == ("abstract", "title")
    assert seeded.count() == 16  # it still matches its listing entry


def test_merge_keeps_every_note_tag_and_event(seeded: Library) -> None:
    a, b, c = seeded.paper_ids()[:3]
    seeded.set_status([a], "to-read")
    seeded.set_status([b], "read")
    seeded.set_status([c], "reading")
    seeded.set_rating([a], 2)
    seeded.set_rating([b], 4)
    seeded.change_tags([a], add=["one"])
    seeded.change_tags([b, c], add=["two"])
    seeded.set_note(a, "note of a")
    seeded.set_note(b, "note of b")
    title_b = seeded.paper(b).title
    kept = seeded.merge([a, b, c], MergeChoice(keep=a, title_from=b))
    assert kept == a and seeded.count() == 14
    paper = seeded.paper(a)
    assert paper.title == title_b
    assert paper.tags == ("one", "two") and paper.rating == 4
    assert paper.note.startswith("note of a") and "note of b" in paper.note
    assert f"From “{title_b}”" in paper.note
    assert len(paper.history) == 3
    assert [h.at for h in paper.history] == sorted(h.at for h in paper.history)
    assert paper.status == "reading"  # the last change
    seeded.undo()
    assert seeded.count() == 16 and seeded.paper(b).note == "note of b"


def test_duplicates_are_found_and_not_duplicates_remembered(seeded: Library) -> None:
    [pid] = seeded.paper_ids(PaperFilter(text="Bigger Better Faster"))
    title = seeded.paper(pid).title
    near = seeded.add_paper(title.replace("Human-level", "Humanlevel") + ".", ["Max Schwarzer"])
    head = seeded.add_paper(title.split(":")[0], ["Max Schwarzer"])
    groups = seeded.duplicates()
    assert sorted([pid, near, head]) in groups
    seeded.not_duplicates([pid, near])
    seeded.not_duplicates([near, head])
    seeded.not_duplicates([pid, head])
    assert all(pid not in g for g in seeded.duplicates())


def test_attachment_paths_inside_the_papers_folder_are_relative(
    seeded: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "papers"
    (folder / "sub").mkdir(parents=True)
    pdf = folder / "sub" / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    seeded.set_setting("attachments.papers_folder", str(folder))
    seeded.attach(1, pdf)
    [att] = seeded.attachments(1)
    assert att.target == "sub/a.pdf" and not att.missing
    moved = tmp_path / "moved"
    folder.rename(moved)
    [att] = seeded.attachments(1)
    assert att.missing
    seeded.set_setting("attachments.papers_folder", str(moved))
    [att] = seeded.attachments(1)
    assert not att.missing and att.path == moved / "sub" / "a.pdf"


def test_journal_keeps_1000_entries_and_never_touches_the_history(seeded: Library) -> None:
    from readinglist.library import journal

    pid = seeded.paper_ids()[0]
    for n in range(1100):
        seeded.set_note(pid, f"note {n}")
    seeded.set_status([pid], "read")
    with seeded.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE journal SET at = '2000-01-01 00:00:00'")
        journal.prune(conn)
        kept = conn.exec_driver_sql("SELECT count(*) FROM journal").scalar_one()
    assert kept == journal.KEEP_ENTRIES
    assert [h.new_status for h in seeded.paper(pid).history] == ["read"]


# -- a random walk of every kind of change ---------------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "status",
                "rating",
                "tag",
                "untag",
                "note",
                "add",
                "edit",
                "trash",
                "restore",
                "merge",
                "attach",
                "queue",
                "saved",
                "undo",
            ]
        ),
        st.integers(0, 10_000),
    ),
    min_size=200,
    max_size=200,
)


# Each example is 200 changes on a real library file; shrinking one would take
# minutes, so a failure is reported as drawn.
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(actions=ACTIONS)
def test_random_changes_undo_to_the_start_and_redo_to_the_end(
    actions: list[tuple[str, int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("walk")
    with Library.open(folder, auto_backup=False) as lib:
        lib.import_files([SEED_FR, SEED_EN])
        start = tables(lib.db_path)
        statuses = ["new", "to-read", "reading", "read", "not-reading"]
        for kind, n in actions:
            ids = lib.paper_ids()
            if not ids:
                continue
            pid = ids[n % len(ids)]
            some = ids[n % len(ids) : n % len(ids) + 1 + n % 3]
            try:
                if kind == "status":
                    lib.set_status(some, statuses[n % 5])
                elif kind == "rating":
                    lib.set_rating(some, n % 6)
                elif kind == "tag":
                    lib.change_tags(some, add=[f"t{n % 4}"])
                elif kind == "untag":
                    lib.change_tags(some, remove=[f"t{n % 4}"])
                elif kind == "note":
                    lib.set_note(pid, f"note {n}", burst=f"b{n % 2}")
                elif kind == "add":
                    lib.add_paper(f"Paper number {n}", [f"Author {n % 7}", "Shared Person"])
                elif kind == "edit":
                    lib.edit_paper(pid, title=f"Edited {n}", authors=[f"Editor {n % 5}"])
                elif kind == "trash":
                    lib.trash(some)
                elif kind == "restore":
                    trashed = lib.trashed_ids()
                    if trashed:
                        lib.restore_from_trash(trashed[:1])
                elif kind == "merge" and len(some) > 1:
                    lib.merge(some, MergeChoice(keep=some[-1]))
                elif kind == "attach":
                    lib.attach(pid, f"https://example.org/{n}")
                elif kind == "queue":
                    queue = lib.queue()
                    if queue:
                        lib.queue_move(queue[n % len(queue)], 1 + n % 3)
                elif kind == "saved":
                    lib.save_search(f"s{n % 3}", f"q{n}")
                elif kind == "undo" and not (lib.undo_label() or "Import").startswith("Import"):
                    lib.undo()
            except LibraryError:
                pass  # a title already taken, nothing left to undo: the library says so
        end = tables(lib.db_path)
        # Everything but the import the walk started from.
        undone = 0
        while not (lib.undo_label() or "Import").startswith("Import"):
            lib.undo()
            undone += 1
        assert tables(lib.db_path) == start
        index_is_sound(lib.db_path)
        # Redone as many as were just undone (the walk's own last undos stay undone).
        for _ in range(undone):
            lib.redo()
        assert tables(lib.db_path) == end
        index_is_sound(lib.db_path)


def test_saved_searches_are_checked_counted_and_listed_by_the_cli(seeded: Library) -> None:
    from tests.robustness.support import run_cli

    seeded.set_status([1, 2], "read")
    seeded.save_search("Done", "status:read")
    assert seeded.count_query(seeded.saved_query("done")) == 2
    with pytest.raises(LibraryError, match="rating"):
        seeded.save_search("Broken", "rating:>=x")
    assert seeded.saved_searches() == [("Done", "status:read")]
    done = run_cli(seeded.data_dir, "list", "--saved", "Done", "--json")
    assert sorted(p["id"] for p in json.loads(done.stdout)) == [1, 2]
    done = run_cli(seeded.data_dir, "saved", "--json")
    assert '"count": 2' in done.stdout
    done = run_cli(seeded.data_dir, "list", "--saved", "Nope")
    assert done.returncode == 1 and "no saved search named 'Nope'" in done.stderr


def test_bibliographic_fields_by_hand_are_checked_kept_and_undone(seeded: Library) -> None:
    pid = seeded.add_paper("Typed in", ["A B"], fields={"year": "2021", "venue": "NeurIPS"})
    assert seeded.bib_fields([pid])[pid]["year"] == 2021
    with pytest.raises(LibraryError, match="not a year"):
        seeded.edit_paper(pid, fields={"year": "20x1"})
    with pytest.raises(LibraryError, match="not a field"):
        seeded.edit_paper(pid, fields={"colour": "red"})
    assert seeded.edit_paper(pid, fields={"venue": "ICML", "year": "2021"}) == ["venue"]
    assert seeded.paper(pid).edited == ("venue",)
    seeded.undo()
    assert seeded.bib_fields([pid])[pid]["venue"] == "NeurIPS"


def test_a_status_change_keeps_the_cached_orders_it_cannot_change(
    library: Library, tmp_path: Path
) -> None:
    from readinglist.library import SortField
    from tests.support.synth import iter_entries, write_listing

    listing = tmp_path / "big.txt"
    write_listing(listing, iter_entries(6000, 5, language="en"), "en")
    library.import_files([listing])
    everything = PaperFilter(text="a")  # a large result: ordered from the cached orders
    by_title = library.paper_ids(everything, SortField.TITLE)
    by_status = library.paper_ids(everything, SortField.STATUS)
    assert len(by_title) > 3000
    cached = library._orders[SortField.TITLE][1]
    library.set_status(by_title[:50], "read")
    assert library.paper_ids(everything, SortField.TITLE) == by_title
    assert library._orders[SortField.TITLE][1] is cached  # not read again
    # The status order did change, and is read again.
    after = library.paper_ids(everything, SortField.STATUS)
    assert after != by_status and set(after[-50:]) == set(by_title[:50])
    fresh = Library.open(library.data_dir, auto_backup=False)
    try:
        assert fresh.paper_ids(everything, SortField.STATUS) == after
    finally:
        fresh.close()
    # A title edit, or an undo, makes the title order be read again.
    library.edit_paper(by_title[-1], title="0, a title that sorts early")
    edited = library.paper_ids(everything, SortField.TITLE)
    assert edited != by_title
    fresh = Library.open(library.data_dir, auto_backup=False)
    try:
        assert fresh.paper_ids(everything, SortField.TITLE) == edited
    finally:
        fresh.close()
    library.undo()
    assert library.paper_ids(everything, SortField.TITLE) == by_title


def test_an_import_that_completes_known_papers_undoes_exactly(
    seeded: Library, tmp_path: Path
) -> None:
    first, second = seeded.paper_ids()[:2]
    known = seeded.paper(first)
    listing = tmp_path / "third.txt"
    lines = ["Publications", ""]
    # A known paper, carried with a longer abstract; another with its authors; a new one.
    lines += [known.title, *known.authors, (known.abstract or "An abstract") + " And more text."]
    lines += [seeded.paper(second).title, "Ada Lovelace", "Alan Turing"]
    lines += ["A Completely New Paper About Reading Lists", "Grace Hopper"]
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tables(seeded.db_path)
    [report] = seeded.import_files([listing])
    assert report.updated >= 1
    after = tables(seeded.db_path)
    assert after != before
    entry = seeded.history(1)[0]
    assert len(entry.papers) <= 4  # only what it touched, not the whole library
    seeded.undo()
    assert tables(seeded.db_path) == before
    index_is_sound(seeded.db_path)
    seeded.redo()
    assert tables(seeded.db_path) == after
    index_is_sound(seeded.db_path)
