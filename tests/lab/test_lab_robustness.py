"""A sync killed at random moments, the server stopped mid-sync, offline and back: nothing lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from readinglist.library import Library, commands
from tests.conftest import ROOT, dump_database
from tests.lab.conftest import Lab, run, sync
from tests.lab.pgcluster import Cluster
from tests.lab.test_lab_sync import PASSWORD, _join

pytestmark = pytest.mark.slow


def _busy(data_dir: Path, papers: int = 1500, changes: int = 150, prefix: str = "") -> None:
    """Many papers and many small changes to push."""
    with Library.open(data_dir) as lib:
        with lib.journaled("add", "Add synthetic papers") as rec:
            for i in range(papers):
                title = f"{prefix}Synthetic paper number {i}"
                commands.add_paper(rec, title, [f"Writer {i % 97}"])
        ids = lib.paper_ids()
        rng = random.Random(7)
        for i in range(changes):
            pid = rng.choice(ids)
            lib.set_status([pid], rng.choice(["to-read", "reading", "read"]))
            if i % 5 == 0:
                lib.set_note(pid, f"note {i}")
            if i % 7 == 0:
                lib.change_tags([pid], add=[f"t{i % 3}"])


def _spawn_sync(data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "READINGLIST_LAB_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "readinglist", "sync", "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _local_view(data_dir: Path) -> tuple[dict[str, tuple[str, int, str, tuple[str, ...]]], int]:
    """title -> (status, rating, note, tags), and the number of status-history events."""
    with Library.open(data_dir, auto_backup=False) as lib:
        ids = lib.paper_ids()
        notes = lib.notes(ids)
        view = {
            s.title: (s.status, s.rating, notes.get(s.id, ""), tuple(sorted(s.tags)))
            for s in lib.summaries(ids)
        }
        with lib.engine.connect() as conn:
            events = conn.exec_driver_sql("SELECT count(*) FROM reading_event").scalar_one()
    return view, int(events)


def _check_converged(lab: Lab, url: str, one: Path, other: Path) -> None:
    with psycopg.connect(lab.admin_url) as conn:
        dupes = conn.execute(
            "SELECT title_key FROM lab_paper GROUP BY title_key HAVING count(*) > 1"
        ).fetchall()
        assert dupes == []
        member = url.split("//")[1].split(":")[0]
        server_events = conn.execute(
            "SELECT count(*) FROM member_event WHERE member = %s", (member,)
        ).fetchone()
        papers = conn.execute("SELECT count(*) FROM lab_paper").fetchone()
    view, events = _local_view(one)
    assert server_events == (events,)
    assert papers == (len(view),)
    # A new machine of the same member gets exactly the same library.
    fresh = _join(lab, f"fresh{time.monotonic_ns()}", url)
    assert _local_view(fresh) == (view, events)
    other_view, _ = _local_view(other)
    assert set(other_view) == set(view)


def test_sync_killed_at_random_moments_loses_nothing_and_applies_nothing_twice(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    url = lab.member("kil", PASSWORD)
    a = _join(lab, "kil", url, seeded=True)
    b = _join(lab, "other", seeded=False)
    _busy(a)
    rng = random.Random(14)
    killed = 0
    for turn in range(10):
        target = a if turn % 3 != 2 else b
        if target == a and turn:
            # Fresh work for every sync to be cut in.
            _busy(a, papers=400, changes=40, prefix=f"Turn {turn} ")
        proc = _spawn_sync(target)
        time.sleep(rng.uniform(0.3, 1.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.communicate(timeout=60)
    print(f"{killed} of 10 syncs killed")
    assert killed >= 3, "the syncs ended before they could be killed"
    assert sync(a) == 0 and sync(b) == 0 and sync(a) == 0
    _check_converged(lab, url, a, b)


def _wait_for_push(admin_url: str, above: int, proc: subprocess.Popen[str]) -> None:
    """Until the server holds more than ``above`` papers (a sync is under way)."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        while proc.poll() is None:
            if conn.execute("SELECT count(*) FROM lab_paper").fetchone()[0] > above:  # type: ignore[index]
                return
            time.sleep(0.005)


def test_server_stopped_mid_sync_then_offline_then_back(
    lab: Lab, pg: Cluster, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    url = lab.member("stp", PASSWORD)
    a = _join(lab, "stp", url, seeded=True)
    b = _join(lab, "peer")
    cut = 0
    for attempt in range(3):
        with psycopg.connect(lab.admin_url) as conn:
            known = conn.execute("SELECT count(*) FROM lab_paper").fetchone()[0]  # type: ignore[index]
        _busy(a, papers=1500, changes=200, prefix=f"Attempt {attempt} ")
        try:
            proc = _spawn_sync(a)
            _wait_for_push(lab.admin_url, known, proc)
            pg.stop("immediate")
            _out, err = proc.communicate(timeout=60)
            if proc.returncode != 0:
                cut += 1
                assert len(err.strip().splitlines()) == 1, err
                assert "lab server" in err
            # Offline: a sync fails in one line and changes nothing here.
            with Library.open(a) as lib:
                lib.set_status(lib.paper_ids()[:3], "reading")
            before = dump_database(a / "library.sqlite3")
            capsys.readouterr()
            assert run("sync", data_dir=a) == 1
            err = capsys.readouterr().err
            assert len(err.strip().splitlines()) == 1 and "Cannot reach the lab server" in err
            assert dump_database(a / "library.sqlite3") == before
        finally:
            pg.start()
            pg.wait_ready()
        if cut:
            break
    assert cut, "every sync ended before the server stopped"
    assert sync(a) == 0 and sync(b) == 0
    _check_converged(lab, url, a, b)
