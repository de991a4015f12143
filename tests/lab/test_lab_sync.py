"""Sync through a real PostgreSQL server: three libraries, every conflict rule, privacy by RLS."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from readinglist.library import Library
from tests.conftest import SEED_EN, SEED_FR
from tests.lab.conftest import Lab, run, sync

PASSWORD = "lab-pw-1"
TITLE_FG = "Can Forward Gradient Match Backpropagation?"


@pytest.fixture
def lab_pw(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> Lab:
    """The lab, with every member's password (the same here) in READINGLIST_LAB_PASSWORD."""
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    return lab


def _join(lab: Lab, name: str, url: str | None = None, seeded: bool = False) -> Path:
    data_dir = lab.tmp_path / f"lib-{name}"
    if seeded:
        with Library.open(data_dir) as lib:
            lib.import_files([SEED_FR, SEED_EN])
    assert run("lab", "join", url or lab.member(name, PASSWORD), data_dir=data_dir) == 0
    return data_dir


def _by_title(lib: Library) -> dict[str, int]:
    return {s.title: s.id for s in lib.summaries(lib.paper_ids())}


def _status_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert run("lab", "status", "--json", data_dir=data_dir) == 0
    return json.loads(capsys.readouterr().out)


def test_three_libraries_converge_and_joining_deduplicates(lab_pw: Lab) -> None:
    a = _join(lab_pw, "ann", seeded=True)
    b = _join(lab_pw, "ben", seeded=True)  # the same 16 papers: matched, not doubled
    c = _join(lab_pw, "cat")
    with Library.open(a) as lib:
        pid = _by_title(lib)[
            "CrossSplit: Mitigating Label Noise Memorization through Data Splitting"
        ]
        lib.edit_paper(pid, title="CrossSplit: mitigating label noise (corrected)")
        new = lib.add_paper("A paper only Ann had", ["Ann Author"], abstract="Shared abstract.")
        lib.set_status([new], "read")
    assert sync(a) == 0
    for data_dir in (b, c):
        assert sync(data_dir) == 0
        with Library.open(data_dir) as lib:
            titles = _by_title(lib)
            assert len(titles) == 17
            assert "CrossSplit: mitigating label noise (corrected)" in titles
            detail = lib.paper(titles["A paper only Ann had"])
            assert detail.authors == ("Ann Author",) or list(detail.authors) == ["Ann Author"]
            assert detail.abstract == "Shared abstract."
            assert detail.status == "new"  # Ann's status is hers
    with psycopg.connect(lab_pw.admin_url) as conn:
        assert conn.execute("SELECT count(*) FROM lab_paper").fetchone() == (17,)


def test_status_is_last_writer_wins_between_one_members_machines_and_history_a_union(
    lab_pw: Lab,
) -> None:
    url = lab_pw.member("dan", PASSWORD)
    one = _join(lab_pw, "dan1", url, seeded=True)
    two = _join(lab_pw, "dan2", url)
    with Library.open(one) as lib:
        pid1 = _by_title(lib)["Can Forward Gradient Match Backpropagation?"]
        lib.set_status([pid1], "reading")  # earlier, offline
        lib.set_rating([pid1], 2)
    with Library.open(two) as lib:
        pid2 = _by_title(lib)["Can Forward Gradient Match Backpropagation?"]
        lib.set_status([pid2], "read")  # later, offline
        lib.set_rating([pid2], 4)
    assert sync(two) == 0
    assert sync(one) == 0  # pushes the older change: it loses
    assert sync(two) == 0
    for data_dir, pid in ((one, pid1), (two, pid2)):
        with Library.open(data_dir) as lib:
            detail = lib.paper(pid)
            assert (detail.status, detail.rating) == ("read", 4)
            # Both machines' status changes are in the history of both, once each.
            assert sorted(h.new_status for h in detail.history) == ["read", "reading"]
    # A change made after seeing the other machine's wins, whatever the clocks say.
    with Library.open(one) as lib:
        lib.set_status([pid1], "to-read")
    assert sync(one) == 0 and sync(two) == 0
    with Library.open(two) as lib:
        assert lib.paper(pid2).status == "to-read"
        assert len(lib.paper(pid2).history) == 3


def test_a_note_edited_on_two_machines_keeps_both(
    lab_pw: Lab, capsys: pytest.CaptureFixture[str]
) -> None:
    url = lab_pw.member("eve", PASSWORD)
    one = _join(lab_pw, "eve1", url, seeded=True)
    two = _join(lab_pw, "eve2", url)
    title = "Can Forward Gradient Match Backpropagation?"
    with Library.open(one) as lib:
        lib.set_note(_by_title(lib)[title], "written on the laptop")
    with Library.open(two) as lib:
        lib.set_note(_by_title(lib)[title], "written on the desktop")
    assert sync(one) == 0
    capsys.readouterr()
    assert sync(two) == 0
    err = capsys.readouterr().err
    assert "both versions are kept" in err
    assert _status_json(two, capsys)["conflicts"] == 1
    with Library.open(two) as lib:
        assert lib.paper(_by_title(lib)[title]).note == "written on the desktop"
    capsys.readouterr()
    assert run("lab", "conflicts", "--json", data_dir=two) == 0
    [conflict] = json.loads(capsys.readouterr().out)
    assert (conflict["mine"], conflict["theirs"]) == (
        "written on the desktop",
        "written on the laptop",
    )
    # The laptop is not overwritten meanwhile.
    assert sync(one) == 0
    with Library.open(one) as lib:
        assert lib.paper(_by_title(lib)[title]).note == "written on the laptop"
    assert run("lab", "resolve", str(conflict["id"]), "mine", data_dir=two) == 0
    assert sync(two) == 0 and sync(one) == 0
    with Library.open(one) as lib:
        assert lib.paper(_by_title(lib)[title]).note == "written on the desktop"
    assert _status_json(two, capsys)["conflicts"] == 0


def test_shared_fields_use_versions(lab_pw: Lab, capsys: pytest.CaptureFixture[str]) -> None:
    a = _join(lab_pw, "fay", seeded=True)
    b = _join(lab_pw, "gus")
    title = "Can Forward Gradient Match Backpropagation?"
    with Library.open(a) as lib:
        lib.edit_paper(_by_title(lib)[title], title="Forward gradients (Fay's fix)")
    with Library.open(b) as lib:
        pid = _by_title(lib)[title]
        lib.edit_paper(pid, title="Forward gradients (Gus's fix)", abstract="Gus's abstract")
    assert sync(a) == 0
    capsys.readouterr()
    assert sync(b) == 0
    err = capsys.readouterr().err
    assert "title" in err and "changed by another lab member" in err
    with Library.open(b) as lib:
        assert lib.paper(pid).title == "Forward gradients (Gus's fix)"
    assert sync(a) == 0
    with Library.open(a) as lib:
        detail = lib.paper(_by_title(lib)["Forward gradients (Fay's fix)"])
        # The abstract did not clash: it merged.
        assert detail.abstract == "Gus's abstract"
    capsys.readouterr()
    assert run("lab", "conflicts", "--json", data_dir=b) == 0
    [conflict] = json.loads(capsys.readouterr().out)
    assert conflict["field"] == "title"
    assert run("lab", "resolve", str(conflict["id"]), "theirs", data_dir=b) == 0
    with Library.open(b) as lib:
        assert lib.paper(pid).title == "Forward gradients (Fay's fix)"
    assert sync(b) == 0
    assert _status_json(b, capsys)["conflicts"] == 0


def test_different_fields_changed_by_two_members_merge_everywhere(lab_pw: Lab) -> None:
    a = _join(lab_pw, "lea", seeded=True)
    b = _join(lab_pw, "max")
    title = "Can Forward Gradient Match Backpropagation?"
    with Library.open(a) as lib:
        lib.edit_paper(_by_title(lib)[title], abstract="Lea's abstract")
    with Library.open(b) as lib:
        lib.edit_paper(_by_title(lib)[title], title="Forward gradients, by Max")
    assert sync(a) == 0 and sync(b) == 0 and sync(a) == 0
    for data_dir in (a, b):
        with Library.open(data_dir) as lib:
            detail = lib.paper(_by_title(lib)["Forward gradients, by Max"])
            assert detail.abstract == "Lea's abstract"


def test_a_clash_resolved_later_takes_the_labs_latest_value(lab_pw: Lab) -> None:
    a = _join(lab_pw, "ned", seeded=True)
    b = _join(lab_pw, "oli")
    title = "Can Forward Gradient Match Backpropagation?"
    with Library.open(a) as lib:
        pid_a = _by_title(lib)[title]
        lib.edit_paper(pid_a, abstract="first")
    with Library.open(b) as lib:
        pid_b = _by_title(lib)[title]
        lib.edit_paper(pid_b, abstract="clashing")
    assert sync(a) == 0 and sync(b) == 0
    with Library.open(a) as lib:
        lib.edit_paper(pid_a, abstract="second")
    assert sync(a) == 0 and sync(b) == 0
    with Library.open(b) as lib:
        from readinglist.lab.sync import conflicts, resolve

        [conflict] = conflicts(lib)
        assert conflict.theirs == "second"
        resolve(lib, conflict.id, "theirs")
        assert lib.paper(pid_b).abstract == "second"
    with Library.open(a) as lib:
        lib.edit_paper(pid_a, abstract="third")
    assert sync(a) == 0 and sync(b) == 0
    with Library.open(b) as lib:
        assert lib.paper(pid_b).abstract == "third"


def test_private_rows_are_private_even_with_plain_sql(
    lab_pw: Lab, capsys: pytest.CaptureFixture[str]
) -> None:
    url_a = lab_pw.member("hal", PASSWORD)
    a = _join(lab_pw, "hal", url_a, seeded=True)
    url_b = lab_pw.member("ida", PASSWORD)
    b = _join(lab_pw, "ida", url_b)
    hal = url_a.split("//")[1].split(":")[0]
    with Library.open(a) as lib:
        pid = _by_title(lib)["Can Forward Gradient Match Backpropagation?"]
        lib.set_note(pid, "Hal's secret note")
        lib.set_status([pid], "read")
        lib.change_tags([pid], add=["hal-only"])
    assert sync(a) == 0
    with psycopg.connect(url_b) as conn:
        for table in ("member_note", "member_state", "member_private", "member_event"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        cur = conn.execute("UPDATE member_note SET body = 'defaced'")
        assert cur.rowcount == 0
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO member_note (member, paper, body, seq)"
                " SELECT %s, uuid, 'forged', 0 FROM lab_paper LIMIT 1",
                (hal,),
            )
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM member_note")
    # Nothing was shared: Ida's list counts nobody.
    assert sync(b) == 0
    capsys.readouterr()
    assert run("list", "--json", data_dir=b) == 0
    assert {p["lab_read_by"] for p in json.loads(capsys.readouterr().out)} == {0}
    # Hal shares status and rating: they show, never notes, tags or the queue.
    assert run("lab", "share", "on", data_dir=a) == 0
    with psycopg.connect(url_b) as conn:
        rows = conn.execute("SELECT status FROM member_state WHERE status != 'new'").fetchall()
        assert rows == [("read",)]
        assert conn.execute("SELECT count(*) FROM member_note").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM member_private").fetchone() == (0,)
    assert sync(b) == 0
    capsys.readouterr()
    assert run("list", "--json", data_dir=b) == 0
    counts = {p["title"]: p["lab_read_by"] for p in json.loads(capsys.readouterr().out)}
    assert counts["Can Forward Gradient Match Backpropagation?"] == 1
    assert sum(counts.values()) == 1
    assert run("lab", "share", "off", data_dir=a) == 0
    assert sync(b) == 0
    capsys.readouterr()
    assert run("list", "--json", data_dir=b) == 0
    assert {p["lab_read_by"] for p in json.loads(capsys.readouterr().out)} == {0}


def test_leave_keeps_everything_and_list_says_null(
    lab_pw: Lab, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _join(lab_pw, "jo", seeded=True)
    assert run("lab", "leave", data_dir=a) == 0
    state = _status_json(a, capsys)
    assert state == {
        "server": None,
        "member": None,
        "last_sync": None,
        "pending": 0,
        "conflicts": 0,
    }
    assert run("list", "--json", data_dir=a) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 16 and {p["lab_read_by"] for p in items} == {None}
    with psycopg.connect(lab_pw.admin_url) as conn:
        assert conn.execute("SELECT count(*) FROM lab_paper").fetchone() == (16,)
    capsys.readouterr()
    assert run("sync", data_dir=a) == 1
    assert "not in a lab" in capsys.readouterr().err
    # Joined again: matched, not doubled; another lab needs a leave first.
    assert run("lab", "join", lab_pw.member("jo2", PASSWORD), data_dir=a) == 0
    with psycopg.connect(lab_pw.admin_url) as conn:
        assert conn.execute("SELECT count(*) FROM lab_paper").fetchone() == (16,)
    other = lab_pw.member("jo3", PASSWORD).replace("/lab", "/postgres")
    capsys.readouterr()
    assert run("lab", "join", other, data_dir=a) == 1
    assert "lab leave" in capsys.readouterr().err


def test_pending_counts_local_changes_until_synced(
    lab_pw: Lab, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _join(lab_pw, "kim", seeded=True)
    with Library.open(a) as lib:
        ids = lib.paper_ids()
        lib.set_status(ids[:2], "read")
        lib.set_rating(ids[:1], 3)
        lib.undo()  # an undone change is a change to push too
    assert _status_json(a, capsys)["pending"] == 2
    assert sync(a) == 0
    assert _status_json(a, capsys)["pending"] == 0


def test_changes_pruned_from_the_journal_before_a_sync_still_reach_the_lab(lab_pw: Lab) -> None:
    url = lab_pw.member("pru", PASSWORD)
    one = _join(lab_pw, "pru1", url, seeded=True)
    with Library.open(one) as lib:
        ids = sorted(lib.paper_ids())
        lib.set_status(ids[:3], "read")
        lib.set_note(ids[0], "kept through the pruning")
        lib.set_rating(ids[3:4], 4)  # the one entry the pruning leaves
        with lib.engine.begin() as conn:
            # What journal.prune does to entries over 90 days old, past the newest 1,000.
            conn.exec_driver_sql("DELETE FROM journal WHERE id < (SELECT max(id) FROM journal)")
    assert sync(one) == 0
    two = _join(lab_pw, "pru2", url)
    with Library.open(one) as a, Library.open(two) as b:
        titles = {a.paper(pid).title for pid in ids[:3]}
        by_title = _by_title(b)
        assert {b.paper(by_title[t]).status for t in titles} == {"read"}
        assert b.paper(by_title[a.paper(ids[0]).title]).note == "kept through the pruning"
        assert b.paper(by_title[a.paper(ids[3]).title]).rating == 4


def test_links_are_shared_and_files_are_not(lab_pw: Lab, tmp_path: Path) -> None:
    a = _join(lab_pw, "ray", seeded=True)
    b = _join(lab_pw, "sue")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with Library.open(a) as lib:
        pid = _by_title(lib)[TITLE_FG]
        lib.attach(pid, "https://arxiv.org/abs/2306.06968")
        lib.attach(pid, str(pdf))
    assert sync(a) == 0 and sync(b) == 0
    with Library.open(b) as lib:
        pid_b = _by_title(lib)[TITLE_FG]
        found = [(x.kind, x.target) for x in lib.attachments(pid_b)]
        assert found == [("link", "https://arxiv.org/abs/2306.06968")]
        lib.detach(lib.attachments(pid_b)[0].id)
    assert sync(b) == 0 and sync(a) == 0
    with Library.open(a) as lib:
        assert [x.kind for x in lib.attachments(pid)] == ["file"]


def test_a_sync_set_up_before_leaving_does_nothing_after(lab_pw: Lab) -> None:
    from readinglist.lab.errors import LabError
    from readinglist.lab.sync import LabSync, leave

    a = _join(lab_pw, "tom", seeded=True)
    with Library.open(a) as lib, LabSync(lib) as lab_sync:
        leave(lib)
        lib.set_rating(lib.paper_ids()[:1], 5)
        with pytest.raises(LabError, match="no longer in this lab"):
            lab_sync.sync()
        with lib.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM lab_paper").scalar() == 0
