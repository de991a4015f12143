"""Big listings are read in a second process: same papers, same refusals, nothing left running."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
from pathlib import Path

import pytest

from readinglist.library import Library, LibraryError
from readinglist.listing import ListingError, ListingStream, worker
from tests.conftest import SEED_EN, dump_database
from tests.support.synth import iter_entries, write_listing

ENTRIES = 9_000  # a little over two batches of the reader process


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("listing") / "lab.txt"
    write_listing(path, iter_entries(ENTRIES, 5), "en")
    return path


def _import(folder: Path, paths: list[Path]) -> list[str]:
    with Library.open(folder, auto_backup=False) as library:
        library.import_files(paths)
    return dump_database(folder / "library.sqlite3")


def _comparable(dump: list[str]) -> list[str]:
    # Import times (also inside the journal's row images) and the journal
    # entry's uuid differ between two runs; everything else must not.
    moment = re.compile(r"(['\"])\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\1")
    uuid = re.compile(r"'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'")
    return [uuid.sub("'<uuid>'", moment.sub(r"\1<time>\1", line)) for line in dump]


def test_the_process_reads_exactly_what_the_stream_reads(listing: Path) -> None:
    stream = ListingStream(listing)
    expected = list(stream.entries())
    reader = worker.ProcessReader(ListingStream(listing))
    got = list(reader.entries())
    assert got == expected
    assert len(got) > ENTRIES * 0.99  # the reader may join or split a few
    assert (reader.language, reader.content_hash) == (stream.language, stream.content_hash)
    assert reader.warnings == stream.warnings
    assert not multiprocessing.active_children()


def test_a_big_import_gives_the_same_library_either_way(
    listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert worker.worth_a_process(listing) is (listing.stat().st_size >= 8 * 1024 * 1024)
    monkeypatch.setattr(worker, "PROCESS_MIN_BYTES", 10**12)
    in_thread = _import(tmp_path / "thread", [SEED_EN, listing])
    monkeypatch.setattr(worker, "PROCESS_MIN_BYTES", 1)
    started = []
    real_rows = worker.ProcessReader.rows

    def rows(self: worker.ProcessReader):  # type: ignore[no-untyped-def]
        started.append(self.name)
        return real_rows(self)

    monkeypatch.setattr(worker.ProcessReader, "rows", rows)
    in_process = _import(tmp_path / "process", [SEED_EN, listing])
    assert started == ["publications-en.txt", "lab.txt"]
    assert _comparable(in_process) == _comparable(in_thread)
    with Library.open(tmp_path / "process", auto_backup=False) as library:
        assert library.count() > ENTRIES * 0.9


def test_a_file_found_bad_halfway_refuses_the_whole_import(
    listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "PROCESS_MIN_BYTES", 1)
    folder = tmp_path / "lib"
    before = _import(folder, [SEED_EN])
    bad = tmp_path / "bad.txt"
    # Good for its first megabytes, then a line no listing has.
    bad.write_bytes(listing.read_bytes() + b"x" * 70_000 + b"\n")
    with (
        Library.open(folder, auto_backup=False) as library,
        pytest.raises(ListingError, match=r"'bad.txt'.*line \d+ is longer"),
    ):
        library.import_files([bad])
    assert dump_database(folder / "library.sqlite3") == before
    assert not multiprocessing.active_children()


def test_stopping_early_ends_the_reader_process(listing: Path) -> None:
    reader = worker.ProcessReader(ListingStream(listing))
    rows = reader.rows()
    next(rows)
    assert len(multiprocessing.active_children()) == 1
    rows.close()  # what a cancelled import does
    assert not multiprocessing.active_children()


def test_a_reader_process_that_dies_is_reported_and_nothing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "PROCESS_MIN_BYTES", 1)
    # Little read ahead, and a listing long enough that the child is still
    # reading (or waiting to send) when the first batch is imported.
    monkeypatch.setattr(worker, "AHEAD", 1)
    listing = tmp_path / "long.txt"
    write_listing(listing, iter_entries(6 * worker.BATCH, 5), "en")
    folder = tmp_path / "lib"
    before = _import(folder, [SEED_EN])

    def progress(name: str, done: int, total: int | None) -> None:
        # After the first batch, kill the child as the system would (out of memory).
        if done == 5000:
            [child] = multiprocessing.active_children()
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]

    with (
        Library.open(folder, auto_backup=False) as library,
        pytest.raises(ListingError, match=r"stopped unexpectedly.*nothing was imported"),
    ):
        library.import_files([listing], progress=progress)
    assert dump_database(folder / "library.sqlite3") == before


def test_the_library_stays_usable_after_a_refused_big_file(
    listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "PROCESS_MIN_BYTES", 1)
    truncated_utf8 = tmp_path / "odd.txt"
    truncated_utf8.write_bytes(listing.read_bytes()[:-1] + b"\xff\n")
    with Library.open(tmp_path / "lib", auto_backup=False) as library:
        # Not UTF-8 after all: read as Windows-1252, with the warning kept.
        [report] = library.import_files([truncated_utf8])
        assert any("Windows-1252" in w for w in report.warnings)
        assert report.new > ENTRIES * 0.9
        with pytest.raises((ListingError, LibraryError)):
            library.import_files([tmp_path / "missing.txt"])


def test_reading_for_the_preview_gives_the_same_listing_either_way(
    listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(tmp_path / "lib", auto_backup=False) as library:
        monkeypatch.setattr(worker, "PROCESS_MIN_BYTES", 10**12)
        in_thread = library.read(listing)
        monkeypatch.setattr(worker, "PROCESS_MIN_BYTES", 1)
        in_process = library.read(listing)
    assert in_process == in_thread
    assert len(in_process.entries) > ENTRIES * 0.99
    assert not multiprocessing.active_children()
