"""LISTEN/NOTIFY: a change by one member reaches another's library within 2 s."""

from __future__ import annotations

import threading
import time

import pytest

from readinglist.lab.live import Listener, SyncLoop
from readinglist.lab.sync import LabSync
from readinglist.library import Library
from tests.lab.conftest import Lab, sync
from tests.lab.test_lab_sync import PASSWORD, _by_title, _join

TITLE = "Can Forward Gradient Match Backpropagation?"


def test_notifications_are_delivered(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    a = _join(lab, "nia", seeded=True)
    b = _join(lab, "nob")
    heard: list[float] = []
    got = threading.Event()

    def on_change() -> None:
        heard.append(time.monotonic())
        got.set()

    with Library.open(b) as lib_b, LabSync(lib_b) as lab_b:
        listener = Listener(lab_b.server, on_change)
        listener.start()
        try:
            assert listener.connected.wait(5)
            with Library.open(a) as lib:
                lib.set_rating([_by_title(lib)[TITLE]], 5)
            started = time.monotonic()
            assert sync(a) == 0
            assert got.wait(2), "no notification within 2 s"
            assert heard[0] - started < 2
        finally:
            listener.stop()


def test_a_change_reaches_another_members_library_within_two_seconds(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    a = _join(lab, "liv", seeded=True)
    b = _join(lab, "lis")
    with Library.open(b) as lib_b, LabSync(lib_b) as lab_b:
        pid_b = _by_title(lib_b)[TITLE]
        # A long period: only the notification can bring the change in time.
        loop = SyncLoop(lab_b.sync, period=60)
        listener = Listener(lab_b.server, loop.poke)
        loop.start()
        listener.start()
        try:
            assert listener.connected.wait(5)
            latencies = []
            prev = TITLE
            for n in range(3):
                title = f"Forward gradients, revision {n}"
                with Library.open(a) as lib:
                    lib.edit_paper(_by_title(lib)[prev], title=title)
                prev = title
                started = time.monotonic()
                assert sync(a) == 0
                while lib_b.paper(pid_b).title != title:
                    assert time.monotonic() - started < 2, "the change did not arrive in 2 s"
                    time.sleep(0.02)
                latencies.append(time.monotonic() - started)
            print(f"change to another library: {[round(x, 3) for x in latencies]} s")
        finally:
            listener.stop()
            loop.stop()


def test_listening_apps_do_not_wake_each_other_for_nothing(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    dirs = [_join(lab, "quiet1", seeded=True), _join(lab, "quiet2")]
    runs = [0, 0]
    libs = [Library.open(d) for d in dirs]
    labs = [LabSync(lib) for lib in libs]
    loops, listeners = [], []
    try:
        for n, lab_sync in enumerate(labs):

            def counted(n: int = n, lab_sync: LabSync = lab_sync) -> object:
                runs[n] += 1
                return lab_sync.sync()

            loop = SyncLoop(counted, period=60)
            listener = Listener(lab_sync.server, loop.poke)
            loop.start()
            listener.start()
            assert listener.connected.wait(5)
            loops.append(loop)
            listeners.append(listener)
        time.sleep(2)
        # One sync each at start, perhaps one more for the other's start: not a storm.
        assert runs[0] <= 3 and runs[1] <= 3, runs
    finally:
        for listener in listeners:
            listener.stop()
        for loop in loops:
            loop.stop()
        for lab_sync in labs:
            lab_sync.close()
        for lib in libs:
            lib.close()


def test_sync_watch_follows_the_lab_until_terminated(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    a = _join(lab, "wat", seeded=True)
    b = _join(lab, "wbt")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "readinglist", "sync", "--watch", "--data-dir", str(b)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert "synced" in proc.stdout.readline()  # the first sync, listener starting
        time.sleep(0.5)
        with Library.open(a) as lib:
            lib.edit_paper(_by_title(lib)[TITLE], title="Watched from a terminal")
        assert sync(a) == 0
        started = time.monotonic()
        with Library.open(b) as lib:
            while "Watched from a terminal" not in _by_title(lib):
                assert time.monotonic() - started < 5, "sync --watch did not pull it"
                time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    assert proc.returncode == 0
