"""A re-import skips the blocks of a listing it read before, and ends as a full read would."""

from __future__ import annotations

import re
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from readinglist.library import Library, importer
from readinglist.listing import ListingStream, blocks, worker
from tests.conftest import dump_database
from tests.support.synth import iter_entries, write_listing

ENTRIES = 1500


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small files read in this process, cut into small blocks, little context.
    monkeypatch.setattr(worker, "PROCESS_MIN_BYTES", 10**12)
    monkeypatch.setattr(blocks, "MIN_BYTES", 1)
    monkeypatch.setattr(blocks, "BLOCK_ENTRIES", 60)
    monkeypatch.setattr(importer, "CONTEXT_BYTES", 150_000)


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("listing") / "lab.txt"
    write_listing(path, iter_entries(ENTRIES, 7, language="en"), "en")
    return path


def _appended(listing: Path, folder: Path, name: str, count: int = 40) -> Path:
    extra = folder / "extra.txt"
    folder.mkdir(parents=True, exist_ok=True)
    write_listing(extra, iter_entries(count, 101, language="en"), "en")
    out = folder / name
    text = extra.read_text(encoding="utf-8")
    out.write_text(
        listing.read_text(encoding="utf-8") + text[len("Publications\n\n") :], encoding="utf-8"
    )
    return out


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n")


def _import(folder: Path, path: Path) -> dict[str, Any]:
    with Library.open(folder, auto_backup=False) as library:
        report = library.import_files([path])[0]
    out = asdict(report)
    out.pop("first_new_id")
    return out


def _comparable(folder: Path) -> list[str]:
    # Times and uuids differ between runs; the kept blocks are a cache; the
    # journal's list of papers names those a full read looked at and left
    # as they were (its rows of changes must be the same).
    moment = re.compile(r"(['\"])\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\1")
    uuid = re.compile(r"'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'")
    papers = re.compile(r"(VALUES\(\d+,'<uuid>','<time>','import','[^']*',)'\[[^']*\]'")
    out = []
    for line in dump_database(folder / "library.sqlite3"):
        if importer.BLOCKS_KEY in line:
            continue
        line = uuid.sub("'<uuid>'", moment.sub(r"\1<time>\1", line))
        out.append(papers.sub(r"\1'[...]'", line))
    return out


def _both_ways(
    start: Path,
    path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tag: str,
    since: int | None = None,
) -> tuple[dict[str, Any], Path]:
    """Import ``path`` into copies of ``start`` with and without skipping; assert they agree."""
    skipped, full = tmp_path / f"{tag}-skipped", tmp_path / f"{tag}-full"
    shutil.copytree(start, skipped)
    shutil.copytree(start, full)
    report = _import(skipped, path)
    with monkeypatch.context() as m:
        m.setattr(importer, "any_blocks", lambda conn: False)
        expected = _import(full, path)
    if since is not None:
        # The entries to check in the part skipped are those the last import
        # found: text added after them can move an entry's confidence a
        # little. From the first new entry on they must be the same.
        for out in (report, expected):
            out["flagged"] = [f for f in out.pop("flagged") if f["line"] >= since]
    assert report == expected
    assert _comparable(skipped) == _comparable(full)
    return report, skipped


@pytest.fixture
def first(listing: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "first"
    _import(folder, listing)
    with Library.open(folder, auto_backup=False) as library:
        assert library.setting(importer.BLOCKS_KEY + "lab.txt")
    return folder


def test_the_same_file_again_is_not_read_at_all(
    first: Path, listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unread(self: ListingStream) -> Any:
        raise AssertionError("the file was read again")

    with monkeypatch.context() as m:
        m.setattr(ListingStream, "entries", unread)
        m.setattr(blocks, "read_from", unread)
        again = first.parent / "again"
        shutil.copytree(first, again)
        report = _import(again, listing)
    assert report["new"] == report["updated"] == 0
    assert report["unchanged"] > ENTRIES * 0.9
    _both_ways(first, listing, tmp_path, monkeypatch, "same")


def test_new_entries_at_the_end_read_as_a_full_read_reads_them(
    first: Path, listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[int] = []
    real = blocks.read_from

    def read_from(name: str, data: bytes, start: int, line: int, keep: int) -> Any:
        read.append(len(data) - start)
        return real(name, data, start, line, keep)

    monkeypatch.setattr(blocks, "read_from", read_from)
    updated = _appended(listing, tmp_path / "updated", "lab.txt")
    since = _lines(listing) + 1
    report, folder = _both_ways(first, updated, tmp_path, monkeypatch, "updated", since)
    assert report["new"] > 30
    # Only the end was read (with some context before it).
    assert read and read[0] < updated.stat().st_size / 3
    # Once more, from the blocks this import kept: nothing new.
    again = _import(folder, updated)
    assert again["new"] == 0 and again["entries"] == report["entries"]


def test_the_same_entries_under_another_name_are_linked_and_undone_exactly(
    first: Path, listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = _appended(listing, tmp_path / "other", "other.txt")
    since = _lines(listing) + 1
    _, folder = _both_ways(first, other, tmp_path, monkeypatch, "other", since)
    with Library.open(folder, auto_backup=False) as library:
        library.undo()
    # The kept blocks stay (a cache, checked on use); all else is as before.
    assert _strip_journal(_comparable(folder)) == _strip_journal(_comparable(first))
    # And the same listing imported again after that reads as it should.
    _both_ways(folder, other, tmp_path, monkeypatch, "after-undo", since)


def _strip_journal(dump: list[str]) -> list[str]:
    # The full-text index's pages are laid out anew by the undo; its
    # content is the papers' (paper_search).
    skip = ('INSERT INTO "journal"', 'INSERT INTO "paper_fts_')
    return [line for line in dump if not line.startswith(skip)]


def test_papers_changed_since_are_read_again(
    first: Path, listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(first, auto_backup=False) as library:
        ids = library.paper_ids()
        ordered = sorted(ids)
        # Early papers: a title edited, one deleted for good, one in the Trash.
        library.edit_paper(ordered[3], title="A title the user wrote")
        library.trash([ordered[10]])
        library.empty_trash()
        library.trash([ordered[20]])
        library.set_status([ordered[30]], "read")
    report, _ = _both_ways(first, listing, tmp_path, monkeypatch, "changed")
    assert report["new"] >= 1  # the paper deleted for good
    assert report["trashed"]


def test_a_file_changed_near_its_start_is_read_whole(
    first: Path, listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = listing.read_text(encoding="utf-8")
    changed = tmp_path / "changed" / "lab.txt"
    changed.parent.mkdir()
    at = text.index("\n", 300) + 1
    changed.write_text(text[:at] + "A New Paper On Something\nAda Lovelace\n\n" + text[at:])
    report, _ = _both_ways(first, changed, tmp_path, monkeypatch, "changed")
    assert report["new"] == 1


def test_an_undone_import_leaves_nothing_to_skip(
    first: Path, listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(first, auto_backup=False) as library:
        library.undo()
        assert library.count() == 0
    report, _ = _both_ways(first, listing, tmp_path, monkeypatch, "undone")
    assert report["new"] > ENTRIES * 0.9
