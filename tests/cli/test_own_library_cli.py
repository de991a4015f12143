"""The command line owns the library: add, edit, delete, trash, merge, attach, undo, queue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import SEED_EN, SEED_FR


@pytest.fixture
def lib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "lib")
    assert run(capsys, "--data-dir", folder, "import", str(SEED_FR), str(SEED_EN))[0] == 0
    return folder


def cli(capsys: pytest.CaptureFixture[str], lib: str, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", lib, *args)


def test_add_prints_the_id_and_json_gives_the_paper(capsys, lib: str) -> None:
    code, out, _ = cli(capsys, lib, "add", "--title", "Hand made", "--author", "Ada Lovelace")
    assert code == 0 and out.strip() == "17"
    code, out, _ = cli(
        capsys, lib, "add", "--title", "Second", "--author", "A", "--author", "B",
        "--abstract", "Short.", "--json",
    )  # fmt: skip
    paper = json.loads(out)
    assert (paper["id"], paper["authors"], paper["abstract"]) == (18, ["A", "B"], "Short.")
    assert paper["attachments"] == [] and paper["trashed"] is False
    assert {"note", "history", "queue_position", "status"} <= set(paper)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "--title", "  "), "needs a title"),
        (("add", "--title", "X", "--author", " "), "no name"),
        (("edit", "999", "--title", "X"), "no paper with id 999"),
        (("edit", "1", "--author", ""), "no name"),
        (("delete", "1", "999"), "no paper with id 999"),
        (("undo",), None),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    capsys, tmp_path: Path, args: tuple[str, ...], message: str | None
) -> None:
    empty = str(tmp_path / "empty")
    if message is not None:
        cli(capsys, empty, "import", str(SEED_EN))
    before = cli(capsys, empty, "history", "--json")[1]
    code, out, err = cli(capsys, empty, *args)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert (message or "nothing to undo") in err
    assert cli(capsys, empty, "history", "--json")[1] == before


def test_edit_delete_trash_restore_and_list(capsys, lib: str) -> None:
    assert cli(capsys, lib, "edit", "1", "--title", "Better title")[0] == 0
    shown = json.loads(cli(capsys, lib, "show", "1", "--json")[1])
    assert shown["title"] == "Better title" and shown["edited"] == ["title"]
    assert cli(capsys, lib, "delete", "1", "2")[0] == 0
    listed = {p["id"] for p in json.loads(cli(capsys, lib, "list", "--json")[1])}
    assert listed.isdisjoint({1, 2}) and len(listed) == 14
    trashed = {p["id"] for p in json.loads(cli(capsys, lib, "list", "--trash", "--json")[1])}
    assert trashed == {1, 2}
    assert json.loads(cli(capsys, lib, "show", "1", "--json")[1])["trashed"] is True
    assert cli(capsys, lib, "trash", "--restore", "2")[0] == 0
    code, out, _ = cli(capsys, lib, "trash", "--json")
    assert [p["id"] for p in json.loads(out)] == [1]
    assert cli(capsys, lib, "trash", "--empty")[0] == 0
    assert cli(capsys, lib, "show", "1")[0] == 1
    code, out, _ = cli(capsys, lib, "undo", "--json")
    assert code == 0 and json.loads(out)["label"].startswith("Empty the Trash")
    assert json.loads(cli(capsys, lib, "show", "1", "--json")[1])["trashed"] is True


def test_undo_redo_history_contract(capsys, lib: str) -> None:
    cli(capsys, lib, "status", "3", "4", "5", "read")
    cli(capsys, lib, "rate", "3", "4")
    history = json.loads(cli(capsys, lib, "history", "--json")[1])
    assert [set(h) >= {"id", "label", "time", "papers"} for h in history] == [True] * 3
    assert history[0]["papers"] == [3] and history[1]["papers"] == [3, 4, 5]
    assert history[1]["label"] == "Set status to Read (3 papers)"
    assert history[0]["time"].endswith("Z")
    code, out, _ = cli(capsys, lib, "undo")
    assert code == 0 and out.startswith("Undid: Rate 4 stars")
    code, out, _ = cli(capsys, lib, "undo")
    assert out.strip() == "Undid: Set status to Read (3 papers)"
    assert json.loads(cli(capsys, lib, "show", "4", "--json")[1])["status"] == "new"
    code, out, _ = cli(capsys, lib, "redo")
    assert out.strip() == "Redid: Set status to Read (3 papers)"
    cli(capsys, lib, "undo")
    cli(capsys, lib, "undo")  # the import
    code, _, err = cli(capsys, lib, "undo")
    assert code == 1 and "nothing to undo" in err
    assert json.loads(cli(capsys, lib, "list", "--json")[1]) == []


def test_duplicates_and_merge(capsys, lib: str) -> None:
    title = json.loads(cli(capsys, lib, "show", "5", "--json")[1])["title"]
    cli(capsys, lib, "note", "5", "--set", "first note")
    out = cli(capsys, lib, "add", "--title", title.replace("e", "", 1), "--author", "X Y")[1]
    twin = int(out)
    cli(capsys, lib, "note", str(twin), "--set", "second note")
    groups = json.loads(cli(capsys, lib, "duplicates", "--json")[1])
    assert [5, twin] in groups
    assert cli(capsys, lib, "merge", "5", str(twin), "--keep", "5")[0] == 0
    note = json.loads(cli(capsys, lib, "show", "5", "--json")[1])["note"]
    assert "first note" in note and "second note" in note
    assert cli(capsys, lib, "show", str(twin))[0] == 1
    assert json.loads(cli(capsys, lib, "duplicates", "--json")[1]) == []


def test_attach_and_open(capsys, lib: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("READINGLIST_NO_OPEN", "1")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert cli(capsys, lib, "attach", "1", str(pdf))[0] == 0
    assert cli(capsys, lib, "attach", "1", "https://arxiv.org/abs/1")[0] == 0
    shown = json.loads(cli(capsys, lib, "show", "1", "--json")[1])
    assert [(a["kind"], a["target"]) for a in shown["attachments"]] == [
        ("file", str(pdf)),
        ("link", "https://arxiv.org/abs/1"),
    ]
    code, out, _ = cli(capsys, lib, "open", "1")
    assert code == 0 and str(pdf) in out
    pdf.unlink()
    code, _, err = cli(capsys, lib, "open", "1")
    assert code == 1 and "missing" in err
    code, _, err = cli(capsys, lib, "attach", "2", str(tmp_path / "nope.pdf"))
    assert code == 1 and "no file" in err
    code, _, err = cli(capsys, lib, "open", "2")
    assert code == 1 and "no attachment" in err


def test_queue_move_and_next(capsys, lib: str) -> None:
    cli(capsys, lib, "status", "4", "2", "9", "to-read")
    queue = json.loads(cli(capsys, lib, "queue", "--json")[1])
    assert [(q["position"], q["id"]) for q in queue] == [(1, 4), (2, 2), (3, 9)]
    assert set(queue[0]) == {"position", "id", "title"}
    assert cli(capsys, lib, "queue", "move", "9", "1")[0] == 0
    assert [q["id"] for q in json.loads(cli(capsys, lib, "queue", "--json")[1])] == [9, 4, 2]
    listed = {
        p["id"]: p["queue_position"] for p in json.loads(cli(capsys, lib, "list", "--json")[1])
    }
    assert (listed[9], listed[4], listed[2], listed[1]) == (1, 2, 3, None)
    code, out, _ = cli(capsys, lib, "next")
    assert code == 0 and out.startswith("Next: [9]")
    assert json.loads(cli(capsys, lib, "show", "9", "--json")[1])["status"] == "reading"
    assert [q["id"] for q in json.loads(cli(capsys, lib, "queue", "--json")[1])] == [4, 2]
    cli(capsys, lib, "undo")
    assert [q["id"] for q in json.loads(cli(capsys, lib, "queue", "--json")[1])] == [9, 4, 2]
    code, _, err = cli(capsys, lib, "queue", "move", "1", "1")
    assert code == 1 and "not in the queue" in err
