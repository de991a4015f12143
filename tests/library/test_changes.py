"""Reading status with its history, ratings, tags and notes."""

from __future__ import annotations

import pytest

from readinglist.library import Library, LibraryError, NotFoundError


def test_status_changes_are_logged_with_time(seeded: Library) -> None:
    ids = seeded.paper_ids()[:3]
    assert seeded.set_status(ids, "to-read") == 3
    assert seeded.set_status(ids, "to-read") == 0  # no change, no history
    seeded.set_status(ids[:1], "read")
    history = seeded.paper(ids[0]).history
    assert [(h.old_status, h.new_status) for h in history] == [
        ("new", "to-read"),
        ("to-read", "read"),
    ]
    assert history[0].at <= history[1].at
    assert [h.new_status for h in seeded.paper(ids[1]).history] == ["to-read"]


def test_unknown_status_and_bad_rating_are_refused(seeded: Library) -> None:
    pid = seeded.paper_ids()[0]
    with pytest.raises(LibraryError, match="not a reading status"):
        seeded.set_status([pid], "skimmed")
    with pytest.raises(LibraryError, match="0 to 5"):
        seeded.set_rating([pid], 6)
    assert seeded.paper(pid).status == "new"


def test_missing_paper_changes_nothing(seeded: Library) -> None:
    pid = seeded.paper_ids()[0]
    with pytest.raises(NotFoundError, match="9999"):
        seeded.set_status([pid, 9999], "read")
    assert seeded.paper(pid).status == "new"
    with pytest.raises(NotFoundError):
        seeded.paper(9999)


def test_tags_are_added_removed_and_forgotten(seeded: Library) -> None:
    a, b = seeded.paper_ids()[:2]
    seeded.change_tags([a, b], add=["rl", "Later"])
    seeded.change_tags([a], add=["RL"])  # same tag, any case
    assert seeded.paper(a).tags == ("Later", "rl")
    seeded.change_tags([a, b], remove=["later"])
    assert seeded.paper(b).tags == ("rl",)
    assert seeded.tags() == ["rl"]


def test_notes_replace_and_append(seeded: Library) -> None:
    pid = seeded.paper_ids()[0]
    seeded.append_note(pid, "First thought.")
    seeded.append_note(pid, "Second thought.")
    assert seeded.paper(pid).note == "First thought.\n\nSecond thought."
    seeded.set_note(pid, "# Summary\n\n- point")
    detail = seeded.paper(pid)
    assert detail.note == "# Summary\n\n- point"
    assert detail.note_updated_at is not None


def test_multi_select_rating(seeded: Library) -> None:
    ids = seeded.paper_ids()[:5]
    seeded.set_rating(ids, 3)
    assert {seeded.rows(ids)[i].rating for i in ids} == {3}
