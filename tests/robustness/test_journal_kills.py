"""SIGKILL amid journaled commands: each change and its journal entry, both or neither."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readinglist.library import Library
from readinglist.library.journal import NothingToUndo
from tests.conftest import SEED_EN, SEED_FR
from tests.library.test_journal import index_is_sound, tables
from tests.robustness.support import ROOT, cli_env, integrity

# Changes of every kind, as fast as a process can make them, forever.
WORKER = """
import itertools, sys
from readinglist.library import Library
from readinglist.library.commands import MergeChoice
lib = Library.open(sys.argv[1], auto_backup=False)
statuses = ["to-read", "reading", "read", "not-reading", "new"]
for n in itertools.count(int(sys.argv[2])):
    ids = lib.paper_ids()
    some = ids[n % len(ids): n % len(ids) + 40]
    kind = n % 7
    if kind == 0:
        lib.set_status(some, statuses[n % 5])
    elif kind == 1:
        lib.set_note(some[0], "note " * (n % 50))
    elif kind == 2:
        lib.change_tags(some, add=[f"tag{n % 3}"], remove=[f"tag{(n + 1) % 3}"])
    elif kind == 3:
        lib.add_paper(f"Hand-made paper {n}", [f"Person {n % 9}"], "abstract " * 30)
    elif kind == 4 and len(some) > 2:
        lib.merge(some[:2], MergeChoice(keep=some[1]))
    elif kind == 5:
        trashed = lib.trashed_ids()
        lib.restore_from_trash(trashed) if trashed else lib.trash(some[:3])
    else:
        lib.edit_paper(some[0], title=f"Edited {n}", authors=[f"Editor {n % 4}"])
    print(n, flush=True)
"""
KILLS = 12


@pytest.mark.slow
def test_killed_commands_leave_change_and_entry_together(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library.open(folder, auto_backup=False) as lib:
        lib.import_files([SEED_FR, SEED_EN])
        for n in range(60):
            lib.add_paper(f"Filler paper {n}", [f"Filler {n}"])
        start = tables(lib.db_path)
    rng = random.Random(20261125)
    done = 0
    for run in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(folder), str(run * 100_000)],
            cwd=ROOT,
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        # Once it has made its first change (opening the library and the first
        # command's imports take a second or more on a busy machine), let it
        # make a few more, then kill it anywhere.
        assert proc.stdout is not None
        first = proc.stdout.readline()
        time.sleep(rng.random() * 0.6)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err.decode()
        done += len((first + out).splitlines())
        assert integrity(folder / "library.sqlite3") == ["ok"]
    assert done > KILLS  # the kills landed among many changes
    # Every change that is in the library has its entry: undoing them all,
    # back to the filler papers, gives back exactly the library as it was.
    with Library.open(folder, auto_backup=False) as lib:
        while not (lib.undo_label() or "Add “Filler").startswith("Add “Filler"):
            try:
                lib.undo()
            except NothingToUndo:
                break
        assert tables(lib.db_path) == start
        index_is_sound(lib.db_path)
