"""The merge prompt: a shared field this member changed was changed by another first.

The window's own sync finds the clash and asks at once: theirs, mine, or a
merged value, applied as a journaled change and pushed to the lab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from readinglist.lab import sync as lab_sync
from readinglist.library import Library
from tests.gui.a11y_walk import unnamed
from tests.gui.conftest import open_window, user_settings  # noqa: F401  (fixtures)
from tests.lab.conftest import Lab, sync
from tests.lab.test_lab_sync import PASSWORD, _by_title, _join

FG = "Can Forward Gradient Match Backpropagation?"


def _clash(lab: Lab, name: str, field: str = "title") -> tuple[Path, Path, int]:
    """Ann and Ben change the same paper's field; Ann's reaches the lab first."""
    ann = _join(lab, f"{name}a", seeded=True)
    ben = _join(lab, f"{name}b")
    with Library.open(ann) as lib:
        pid = _by_title(lib)[FG]
        if field == "title":
            lib.edit_paper(pid, title="Forward gradients vs backpropagation (Ann)")
        else:
            lib.edit_paper(pid, authors=["Ann Author", "Shared Author"])
    assert sync(ann) == 0
    with Library.open(ben) as lib:
        pid = _by_title(lib)[FG]
        if field == "title":
            lib.edit_paper(pid, title="Can forward gradients match backprop? (Ben)")
        else:
            lib.edit_paper(pid, authors=["Ben Author", "Shared Author"])
    return ann, ben, pid


def _prompt(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: getattr(window, "lab_merge", None) is not None, timeout=15000)
    dialog = window.lab_merge
    assert dialog.isVisible()
    return dialog


def test_the_second_writer_gets_a_merge_prompt_and_the_merged_title_reaches_the_lab(
    qtbot,
    open_window,  # noqa: F811
    lab: Lab,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    ann, ben, pid = _clash(lab, "mt")
    window = open_window(ben)
    dialog = _prompt(qtbot, window)
    assert dialog.objectName() == "labMergeDialog"
    assert dialog.theirs.toPlainText() == "Forward gradients vs backpropagation (Ann)"
    assert dialog.mine.toPlainText() == "Can forward gradients match backprop? (Ben)"
    assert dialog.merged.toPlainText() == dialog.mine.toPlainText()
    assert not unnamed(dialog)
    dialog.merged.setPlainText("Forward gradients vs backpropagation (Ann and Ben)")
    with qtbot.waitSignal(dialog.resolved):
        dialog.use_merged.click()
    assert not dialog.isVisible()
    assert window.library.paper(pid).title == "Forward gradients vs backpropagation (Ann and Ben)"
    assert lab_sync.status(window.library).conflicts == 0
    # One journaled change the Edit menu can name (and undo).
    assert window.library.undo_label() is not None
    # Pushed by the window; Ann gets it at her next sync, with no conflict.
    label = window.findChild(QLabel, "labStatus")
    qtbot.waitUntil(lambda: lab_sync.status(window.library).pending == 0, timeout=15000)
    qtbot.waitUntil(lambda: "synced" in label.text(), timeout=15000)
    assert sync(ann) == 0
    with Library.open(ann) as lib:
        assert "Forward gradients vs backpropagation (Ann and Ben)" in _by_title(lib)
        assert lab_sync.status(lib).conflicts == 0


def test_keep_theirs_and_later(
    qtbot,
    open_window,  # noqa: F811
    lab: Lab,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    _ann, ben, pid = _clash(lab, "ml", field="authors")
    window = open_window(ben)
    dialog = _prompt(qtbot, window)
    # Authors are one a line.
    assert dialog.theirs.toPlainText() == "Ann Author\nShared Author"
    assert dialog.mine.toPlainText() == "Ben Author\nShared Author"
    # Later: it stays a conflict, for File ▸ Lab ▸ Conflicts…, and no prompt comes back for it.
    dialog.later.click()
    assert lab_sync.status(window.library).conflicts == 1
    window.lab.sync_now()
    qtbot.wait(1500)
    assert window.lab.merge_dialog is None
    [conflict] = lab_sync.conflicts(window.library)
    window.lab.prompt_merge(conflict)
    assert window.lab.merge_dialog is None
    # Asked again from File ▸ Lab ▸ Conflicts…: Merge… opens the prompt; theirs wins.
    window.findChild(QAction, "labConflictsAction").trigger()
    conflicts = window.lab_conflicts
    assert conflicts.list.count() == 1 and conflicts.merge_button.isEnabled()
    assert not unnamed(conflicts)
    conflicts.merge_button.click()
    again = window.lab.merge_dialog
    assert again is not None and again is not dialog
    with qtbot.waitSignal(again.resolved):
        again.keep_theirs.click()
    assert list(window.library.paper(pid).authors) == ["Ann Author", "Shared Author"]
    assert lab_sync.status(window.library).conflicts == 0
    assert conflicts.list.count() == 0 and not conflicts.merge_button.isEnabled()
    conflicts.close()


def test_an_empty_merged_title_is_refused_with_a_message(
    qtbot,
    open_window,  # noqa: F811
    lab: Lab,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    _ann, ben, pid = _clash(lab, "me")
    window = open_window(ben)
    dialog = _prompt(qtbot, window)
    dialog.merged.setPlainText("   ")
    assert not dialog.choose("merged")
    assert dialog.isVisible() and dialog.message.text()
    assert window.library.paper(pid).title == "Can forward gradients match backprop? (Ben)"
    assert lab_sync.status(window.library).conflicts == 1
