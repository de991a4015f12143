"""What the lab shares besides the papers: listings, the lab's tags, who read what; deletions."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from readinglist.lab import sync as labsync
from readinglist.lab.sync import LabSync, Readers
from readinglist.library import Library
from tests.conftest import SEED_EN, SEED_FR
from tests.lab.conftest import Lab, run, sync
from tests.lab.test_lab_sync import PASSWORD, TITLE_FG, _by_title, _join

CROSS = "CrossSplit: Mitigating Label Noise Memorization through Data Splitting"


@pytest.fixture
def lab_pw(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> Lab:
    """The lab, with every member's password in READINGLIST_LAB_PASSWORD."""
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    return lab


def _member_sql(url: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(url, password=PASSWORD, autocommit=True)


def _role(data_dir: Path) -> str:
    with Library.open(data_dir) as lib:
        member = labsync.lab_member(lib)
    assert member is not None
    return member


def _detail(data_dir: Path, title: str):  # type: ignore[no-untyped-def]
    with Library.open(data_dir) as lib:
        return lib.paper(_by_title(lib)[title])


def test_listings_are_shared_both_ways(lab_pw: Lab) -> None:
    a = lab_pw.tmp_path / "lib-ann"
    with Library.open(a) as lib:
        lib.import_files([SEED_EN])
    assert run("lab", "join", lab_pw.member("ann", PASSWORD), data_dir=a) == 0
    b = _join(lab_pw, "ben")
    assert _detail(b, CROSS).sources == ("publications-en.txt",)
    with Library.open(b) as lib:
        # The listing is known by name here: the sidebar and `listing:` find it.
        assert lib.count(lib.parse_query('listing:"=publications-en.txt"')) == 12
        lib.import_files([SEED_FR])  # the same papers in French, and four more
        in_fr = lib.count(lib.parse_query('listing:"=publications-fr.txt"'))
    assert sync(b) == 0
    assert sync(a) == 0
    with Library.open(a) as lib:
        titles = _by_title(lib)
        assert len(titles) == 16
        assert lib.paper(titles[CROSS]).sources == ("publications-en.txt", "publications-fr.txt")
        assert lib.count(lib.parse_query('listing:"=publications-fr.txt"')) == in_fr


def test_a_listing_removed_by_a_merge_of_sets_not_a_conflict(lab_pw: Lab) -> None:
    a = _join(lab_pw, "ann", seeded=True)
    b = _join(lab_pw, "ben")
    with Library.open(a) as lib:
        pid = _by_title(lib)[CROSS]
        lib.attach(pid, "https://example.org/from-ann")
    with Library.open(b) as lib:
        lib.attach(_by_title(lib)[CROSS], "https://example.org/from-ben")
    for data_dir in (a, b, a):
        assert sync(data_dir) == 0
    for data_dir in (a, b):
        with Library.open(data_dir) as lib:
            links = {i.target for i in lib.attachments(_by_title(lib)[CROSS])}
            assert links == {"https://example.org/from-ann", "https://example.org/from-ben"}
            assert labsync.conflicts(lib) == []


def test_tags_are_private_until_the_lab_shares_them(
    lab_pw: Lab, capsys: pytest.CaptureFixture[str]
) -> None:
    url_a = lab_pw.member("ann", PASSWORD)
    a = _join(lab_pw, "ann", url_a, seeded=True)
    url_b = lab_pw.member("ben", PASSWORD)
    b = _join(lab_pw, "ben", url_b)
    with Library.open(a) as lib:
        ids = _by_title(lib)
        lib.change_tags([ids[CROSS]], add=["mine-only"])
    assert sync(a) == 0 and sync(b) == 0
    assert _detail(b, CROSS).tags == ()
    with _member_sql(url_b) as conn:  # B's role sees no tag of A's, even with plain SQL
        rows = conn.execute("SELECT tags FROM member_private").fetchall()
        assert all("mine-only" not in json.dumps(r[0]) for r in rows)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE lab_setting SET value = 'on'")  # only the admin decides

    capsys.readouterr()
    args = ("lab", "settings", "--shared-tags", "on", "--json", "--url", lab_pw.admin_url)
    assert run(*args, data_dir=lab_pw.admin_dir) == 0
    assert json.loads(capsys.readouterr().out) == {"shared_tags": True}
    assert sync(a) == 0 and sync(b) == 0
    with Library.open(b) as lib:
        assert labsync.shared_tags(lib)
        assert lib.paper(_by_title(lib)[CROSS]).tags == ("mine-only",)
    capsys.readouterr()
    assert run("lab", "status", data_dir=b) == 0
    assert "Tags: the lab's, shared by every member" in capsys.readouterr().out
    # Both ways, item by item: B adds one while A removes another and adds a third.
    with Library.open(b) as lib:
        lib.change_tags([_by_title(lib)[CROSS]], add=["from-ben"])
    with Library.open(a) as lib:
        lib.change_tags([_by_title(lib)[CROSS]], add=["from-ann"], remove=["mine-only"])
    for data_dir in (b, a, b):
        assert sync(data_dir) == 0
    assert _detail(a, CROSS).tags == _detail(b, CROSS).tags == ("from-ann", "from-ben")

    args = ("lab", "settings", "--shared-tags", "off", "--url", lab_pw.admin_url)
    assert run(*args, data_dir=lab_pw.admin_dir) == 0
    assert sync(a) == 0 and sync(b) == 0
    # Off again: each keeps the tags they had, as their own, and new ones stay private.
    with Library.open(a) as lib:
        assert not labsync.shared_tags(lib)
        lib.change_tags([_by_title(lib)[CROSS]], add=["private-again"])
    assert sync(a) == 0 and sync(b) == 0
    assert _detail(a, CROSS).tags == ("from-ann", "from-ben", "private-again")
    assert _detail(b, CROSS).tags == ("from-ann", "from-ben")
    with _member_sql(url_b) as conn:
        assert "private-again" not in json.dumps(
            conn.execute(
                "SELECT fields, (SELECT json_agg(tags) FROM member_private) FROM lab_paper"
            ).fetchall()
        )


def test_who_read_it_names_only_members_who_share(lab_pw: Lab) -> None:
    a = _join(lab_pw, "ann", seeded=True)
    b = _join(lab_pw, "ben")
    c = _join(lab_pw, "cat")
    d = _join(lab_pw, "dan")
    for data_dir, status in ((a, "read"), (b, "reading"), (c, "read")):
        with Library.open(data_dir) as lib:
            lib.set_status([_by_title(lib)[TITLE_FG]], status)
        assert sync(data_dir) == 0
    for data_dir in (a, b):  # C keeps theirs private
        assert run("lab", "share", "on", data_dir=data_dir) == 0
    assert sync(d) == 0
    with Library.open(d) as lib:
        ids = _by_title(lib)
        found = labsync.readers(lib, [ids[TITLE_FG], ids[CROSS]])
        assert found == {
            ids[TITLE_FG]: Readers(read=(_role(a),), reading=(_role(b),)),
            ids[CROSS]: Readers(),
        }
        assert labsync.read_by(lib, [ids[TITLE_FG]]) == {ids[TITLE_FG]: 1}
    with Library.open(b) as lib:
        lib.set_status([_by_title(lib)[TITLE_FG]], "read")
    assert sync(b) == 0 and sync(d) == 0
    with Library.open(d) as lib:
        pid = _by_title(lib)[TITLE_FG]
        assert labsync.readers(lib, [pid]) == {
            pid: Readers(read=tuple(sorted((_role(a), _role(b)))))
        }
    assert labsync.readers(Library.open(lab_pw.tmp_path / "alone"), [1]) is None


def test_a_title_corrected_by_two_members_gives_the_second_both_versions(lab_pw: Lab) -> None:
    a = _join(lab_pw, "ann", seeded=True)
    b = _join(lab_pw, "ben")
    for data_dir, title in ((a, "CrossSplit (Ann's fix)"), (b, "CrossSplit (Ben's fix)")):
        with Library.open(data_dir) as lib:
            lib.edit_paper(_by_title(lib)[CROSS], title=title)
    assert sync(a) == 0
    with Library.open(b) as lib, LabSync(lib, password=PASSWORD) as lab:
        report = lab.sync()
        [clash] = report.field_conflicts
        assert (clash.field, clash.mine_value, clash.theirs_value) == (
            "title",
            "CrossSplit (Ben's fix)",
            "CrossSplit (Ann's fix)",
        )
        assert labsync.field_conflicts(lib) == [clash]
        with pytest.raises(labsync.LabError, match="cannot be the title"):
            labsync.resolve(lib, clash.id, "merged", "  ")
        labsync.resolve(lib, clash.id, "merged", "CrossSplit (Ann's and Ben's fix)")
        assert lab.sync().field_conflicts == []
    assert sync(a) == 0
    for data_dir in (a, b):
        with Library.open(data_dir) as lib:
            assert "CrossSplit (Ann's and Ben's fix)" in _by_title(lib)
            assert labsync.conflicts(lib) == []


def test_deleted_for_good_leaves_my_machines_not_the_lab(lab_pw: Lab) -> None:
    url = lab_pw.member("ann", PASSWORD)
    a1 = _join(lab_pw, "ann1", url, seeded=True)
    a2 = _join(lab_pw, "ann2", url)
    b = _join(lab_pw, "ben")
    with Library.open(a1) as lib:
        pid = _by_title(lib)[CROSS]
        lib.set_note(pid, "Ann's private note")
        lib.trash([pid])
        lib.empty_trash()
    # Meanwhile Ben corrects its title: the lab's paper changes after Ann deleted hers.
    with Library.open(b) as lib:
        lib.edit_paper(_by_title(lib)[CROSS], title="CrossSplit, corrected by Ben")
    assert sync(b) == 0
    assert sync(a1) == 0
    for data_dir in (a1, a2, a1):
        assert sync(data_dir) == 0
        with Library.open(data_dir) as lib:
            titles = _by_title(lib)
            assert len(titles) == 15, data_dir
            assert "CrossSplit, corrected by Ben" not in titles
    with Library.open(b) as lib:
        assert "CrossSplit, corrected by Ben" in _by_title(lib)
    with psycopg.connect(lab_pw.admin_url) as conn:
        assert conn.execute("SELECT count(*) FROM lab_paper").fetchone() == (16,)

    # Undoing the deletion brings it back, with Ben's correction and Ann's note,
    # on both of Ann's machines; no conflict: Ann never changed the title.
    with Library.open(a1) as lib:
        lib.undo()
    for data_dir in (a1, a2):
        assert sync(data_dir) == 0
        with Library.open(data_dir) as lib:
            titles = _by_title(lib)
            assert len(titles) == 16
            assert lib.paper(titles["CrossSplit, corrected by Ben"]).note == "Ann's private note"
            assert labsync.conflicts(lib) == []


def test_a_deletion_and_an_edit_on_one_members_two_machines_the_later_wins(lab_pw: Lab) -> None:
    url = lab_pw.member("ann", PASSWORD)
    a1 = _join(lab_pw, "ann1", url, seeded=True)
    a2 = _join(lab_pw, "ann2", url)
    with Library.open(a1) as lib:
        pid = _by_title(lib)[CROSS]
        lib.trash([pid])
        lib.empty_trash([pid])
    with Library.open(a2) as lib:  # later, offline: Ann rates it on her other machine
        lib.set_rating([_by_title(lib)[CROSS]], 4)
    assert sync(a1) == 0
    assert sync(a2) == 0  # the rating is later: the paper stays, and comes back on a1
    assert sync(a1) == 0
    with Library.open(a1) as lib:
        assert lib.paper(_by_title(lib)[CROSS]).rating == 4


def test_papers_merged_away_leave_the_member_not_the_lab(lab_pw: Lab) -> None:
    a = _join(lab_pw, "ann", seeded=True)
    b = _join(lab_pw, "ben")
    with Library.open(a) as lib:
        ids = _by_title(lib)
        lib.merge([ids[TITLE_FG], ids[CROSS]])  # Ann thinks they are one paper
    assert sync(a) == 0
    with Library.open(b) as lib:  # Ben does not, and corrects the one Ann merged away
        lib.edit_paper(_by_title(lib)[CROSS], title="CrossSplit, as Ben has it")
    assert sync(b) == 0 and sync(a) == 0
    with Library.open(a) as lib:
        titles = _by_title(lib)
        assert len(titles) == 15 and "CrossSplit, as Ben has it" not in titles
        kept = lib.paper(titles[TITLE_FG])
    with Library.open(b) as lib:
        titles = _by_title(lib)
        assert len(titles) == 16
        # The listings of the paper Ann kept are the lab's (they were already the same).
        assert lib.paper(titles[TITLE_FG]).sources == kept.sources


def test_an_empty_library_joining_gets_every_paper_as_the_lab_has_it(lab_pw: Lab) -> None:
    from tests.benchmarks.run import make_listing

    a = lab_pw.tmp_path / "lib-ann"
    with Library.open(a) as lib:
        lib.import_files([make_listing(lab_pw.tmp_path, 150), SEED_EN])
        ids = _by_title(lib)
        lib.attach(ids[CROSS], "https://example.org/crosssplit")
        lib.edit_paper(ids[TITLE_FG], title=TITLE_FG)  # unchanged: still the lab's
    assert run("lab", "join", lab_pw.member("ann", PASSWORD), data_dir=a) == 0
    b = _join(lab_pw, "ben")  # enough new papers at once to go through the importer

    def everything(data_dir: Path) -> dict[str, dict[str, object]]:
        with Library.open(data_dir) as lib, lib.engine.connect() as conn:
            pids = [int(r[0]) for r in conn.exec_driver_sql("SELECT id FROM paper")]
            return {str(f["title"]): f for f in labsync.local_fields(conn, pids).values()}

    mine, theirs = everything(a), everything(b)
    assert len(theirs) > 150 and theirs == mine
    assert theirs[CROSS]["links"] == ["https://example.org/crosssplit"]
    with Library.open(b) as lib:
        assert labsync.conflicts(lib) == [] and labsync.status(lib).pending == 0
        # Each paper is linked to the lab's: a change goes to the others.
        lib.set_status([_by_title(lib)[CROSS]], "read")
        lib.edit_paper(_by_title(lib)[CROSS], title="CrossSplit, corrected by Ben")
    assert sync(b) == 0 and sync(a) == 0
    assert "CrossSplit, corrected by Ben" in everything(a)
    with psycopg.connect(lab_pw.admin_url) as conn:
        assert conn.execute("SELECT count(*) FROM lab_paper").fetchone() == (len(mine),)
