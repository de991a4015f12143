"""SIGKILL at random moments of a large import and a bulk status change: all of it or none of it."""

from __future__ import annotations

import random
import shutil
import signal
import struct
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from readinglist.library import Library
from tests.conftest import SEED_EN, SEED_FR
from tests.robustness.support import (
    ROOT,
    cli_args,
    cli_env,
    integrity,
    status_counts,
    table_counts,
)
from tests.support.synth import iter_entries, write_listing

# More entries than the importer's batch, so a per-batch commit would show.
ENTRIES = 15000
KILLS = 18
SEED = 20261121


@dataclass
class Tally:
    """What the kills found, for the failure message and for the report."""

    outcomes: dict[str, int] = field(default_factory=lambda: {"before": 0, "after": 0})
    killed_running: int = 0
    torn_logs: int = 0


@dataclass(frozen=True)
class Setup:
    listing: Path
    base: Path
    imported: Path
    import_seconds: float


def _copy_library(src: Path, dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest)


def _run_timed(args: list[str]) -> float:
    start = time.monotonic()
    subprocess.run(args, check=True, capture_output=True, env=cli_env(), cwd=ROOT, timeout=300)
    return time.monotonic() - start


def uncommitted_frames(db: Path) -> int:
    """Frames at the end of the -wal after its last commit: a transaction cut off mid-write."""
    wal = db.with_name(db.name + "-wal")
    if not wal.exists() or wal.stat().st_size < 32:
        return 0
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    salts = data[16:24]
    pending = 0
    for offset in range(32, len(data) - 24 - page_size + 1, 24 + page_size):
        if data[offset + 8 : offset + 16] != salts:
            break  # frames left from before the last checkpoint
        commit = struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        pending = 0 if commit else pending + 1
    return pending


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("kills")
    listing = root / "big-listing.txt"
    write_listing(listing, iter_entries(ENTRIES, SEED))
    base = root / "base"
    with Library.open(base, auto_backup=False) as lib:
        lib.import_files([SEED_FR, SEED_EN])
    imported = root / "imported"
    _copy_library(base, imported)
    seconds = _run_timed(cli_args(imported, "import", str(listing)))
    return Setup(listing, base, imported, seconds)


def _kill_after(args: list[str], delay: float, tally: Tally) -> None:
    proc = subprocess.Popen(
        args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(),
        cwd=ROOT,
    )
    try:
        proc.wait(delay)
    except subprocess.TimeoutExpired:
        tally.killed_running += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)


def _delays(rng: random.Random, seconds: float) -> list[float]:
    # Half anywhere in the run, half close to its end, where the commit is
    # written: the moment a torn write would do harm.
    half = KILLS // 2
    anywhere = [rng.uniform(0.1, seconds) for _ in range(half)]
    near_end = [rng.uniform(seconds * 0.85, seconds * 1.05) for _ in range(KILLS - half)]
    return anywhere + near_end


def _check_after_kill(data_dir: Path, before: object, after: object, probe, tally: Tally) -> str:
    db = data_dir / "library.sqlite3"
    tally.torn_logs += uncommitted_frames(db) > 0
    assert integrity(db) == ["ok"]
    found = probe(db)
    assert found in (before, after), f"a partial change was kept: {found}"
    outcome = "before" if found == before else "after"
    tally.outcomes[outcome] += 1
    # And the app opens it: the crash is noticed, the check passes.
    with Library.open(data_dir, auto_backup=False) as lib:
        lib.count()
    return outcome


@pytest.mark.slow
def test_import_killed_at_random_keeps_all_or_none(setup: Setup, tmp_path: Path) -> None:
    before = table_counts(setup.base / "library.sqlite3")
    after = table_counts(setup.imported / "library.sqlite3")
    assert after["paper"] > before["paper"] + ENTRIES * 0.9
    rng = random.Random(SEED)
    tally = Tally()
    work = tmp_path / "library"
    for delay in _delays(rng, setup.import_seconds):
        _copy_library(setup.base, work)
        _kill_after(cli_args(work, "import", str(setup.listing)), delay, tally)
        _check_after_kill(work, before, after, table_counts, tally)
    print(f"import: {setup.import_seconds:.1f} s uninterrupted; {tally}")
    # Many kills must land while the import runs, or this proves nothing.
    assert tally.killed_running >= KILLS // 3, tally
    assert tally.outcomes["before"] >= 1, tally


@pytest.mark.slow
def test_bulk_status_change_killed_at_random_keeps_all_or_none(
    setup: Setup, tmp_path: Path
) -> None:
    db = setup.imported / "library.sqlite3"
    with Library.open(setup.imported, auto_backup=False) as lib:
        ids = [str(i) for i in lib.paper_ids()]
    events_before = table_counts(db)["reading_event"]
    before = (status_counts(db), events_before)
    after = ({"read": len(ids)}, events_before + len(ids))

    def probe(path: Path) -> object:
        return (status_counts(path), table_counts(path)["reading_event"])

    args = ["status", *ids, "read"]
    reference = tmp_path / "reference"
    _copy_library(setup.imported, reference)
    # The first run pays for cold caches; the kills are timed on the second.
    _run_timed(cli_args(reference, *args))
    _copy_library(setup.imported, reference)
    seconds = _run_timed(cli_args(reference, *args))
    assert probe(reference / "library.sqlite3") == after

    rng = random.Random(SEED + 1)
    tally = Tally()
    work = tmp_path / "library"
    for delay in _delays(rng, seconds):
        _copy_library(setup.imported, work)
        _kill_after(cli_args(work, *args), delay, tally)
        _check_after_kill(work, before, after, probe, tally)
    print(f"status of {len(ids)} papers: {seconds:.1f} s uninterrupted; {tally}")
    assert tally.killed_running >= KILLS // 3, tally
    assert tally.outcomes["before"] >= 1, tally
