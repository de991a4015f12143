"""Two libraries share a lab through a real PostgreSQL server, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readinglist.library import Library
from tests.conftest import SEED_EN, SEED_FR
from tests.lab.conftest import Lab, run


def _status(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert run("lab", "status", "--json", data_dir=data_dir) == 0
    return json.loads(capsys.readouterr().out)


def test_two_members_share_papers_but_not_their_state(
    lab: Lab, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_dir = tmp_path / "a"
    with Library.open(a_dir) as a:
        a.import_files([SEED_FR, SEED_EN])
        ids = a.paper_ids()
        a.set_status(ids[:2], "read")
        a.set_note(ids[0], "A's private thoughts")
    assert run("lab", "join", lab.member("alice"), data_dir=a_dir) == 0
    b_dir = lab.joined("bob")
    with Library.open(b_dir) as b:
        assert b.count() == 16
        titles = {s.title for s in b.summaries(b.paper_ids())}
        assert all(b.paper(pid).status == "new" for pid in b.paper_ids())
        assert all(b.paper(pid).note == "" for pid in b.paper_ids())
    with Library.open(a_dir) as a:
        assert {s.title for s in a.summaries(a.paper_ids())} == titles
    state = _status(b_dir, capsys)
    assert state["pending"] == 0 and state["conflicts"] == 0
    assert state["last_sync"] is not None
    member = str(state["member"])
    assert member.startswith("bob_")
    assert str(state["server"]).startswith(f"postgresql://{member}@127.0.0.1:")
