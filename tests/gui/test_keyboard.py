"""Keyboard only: the tab order, visible focus, shortcuts from any field, F1, the import preview."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QTabBar, QToolButton, QWidget

from readinglist.assets import seed_files
from readinglist.gui import keyboard
from readinglist.gui.import_dialog import PAGE_PREVIEW, PAGE_REPORT
from tests.conftest import ROOT


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_cycle(qtbot, start: QWidget, limit: int = 40) -> list[QWidget]:
    """The widgets Tab visits from ``start`` until it comes back to it."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [start]
    for _ in range(limit):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        widget = focused()
        assert widget is not None
        if widget is start:
            return seen
        seen.append(widget)
    raise AssertionError(f"Tab never came back to {start.objectName()}: {seen}")


def image_of(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def test_tab_reaches_every_part_in_reading_order_with_visible_focus(qtbot, window) -> None:
    window.table.selectRow(0)
    window.change_tags(add=["optimisation", "later"])
    detail = window.detail
    chips = detail.tag_chips._buttons
    assert len(chips) == 2 and all(isinstance(c, QToolButton) for c in chips)
    stops = tab_cycle(qtbot, window.facet_panel)
    tab_bar = detail.note_tabs.findChild(QTabBar)
    expected = [
        window.facet_panel,
        window.saved_panel.list,
        window.saved_panel.save_button,
        window.trash_button,
        window.search_edit,
        window.table,
        detail.authors_label,
        detail.edit_button,
        detail.status_selector,
        detail.rating_selector,
        *chips,
        detail.tag_editor,
        detail.abstract_label,
        detail.attachments_list,
        # Open, Locate and Remove show only with an attachment chosen.
        detail.attach_button,
        detail.link_button,
        tab_bar,
        detail.notes_edit,
    ]
    # Tab steps through the author links one by one, inside their label.
    authors = len(window.library.paper(window.current_paper_id()).authors)
    assert stops.count(detail.authors_label) >= authors
    distinct = [w for i, w in enumerate(stops) if i == 0 or w is not stops[i - 1]]
    assert distinct == expected
    assert all(w.isVisible() for w in stops)
    # Visible focus: each stop looks different once Tab has brought focus to it.
    invisible = []
    for before, widget in itertools.pairwise([detail.notes_edit, *distinct]):
        before.setFocus(Qt.FocusReason.TabFocusReason)
        if before is detail.authors_label:
            continue  # Tab moves between its links first
        unfocused = image_of(widget)
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        assert focused() is widget
        if image_of(widget) == unfocused:
            invisible.append(widget.objectName() or type(widget).__name__)
    assert not invisible


def test_the_stars_show_focus(qtbot, window) -> None:
    stars = window.detail.rating_selector
    window.table.setFocus()
    before = image_of(stars)
    stars.setFocus(Qt.FocusReason.TabFocusReason)
    assert image_of(stars) != before


def test_shortcuts_work_from_the_text_fields(qtbot, window) -> None:
    detail = window.detail
    window.table.selectRow(0)
    detail.tag_editor.setFocus()
    qtbot.keyClicks(detail.tag_editor, "draft")
    qtbot.keyClick(detail.tag_editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert focused() is detail.notes_edit  # was swallowed as "end of line" before
    assert detail.tag_editor.text() == "draft"
    qtbot.keyClick(detail.notes_edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert focused() is detail.tag_editor
    paper_id = window.current_paper_id()
    qtbot.keyClick(detail.tag_editor, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.library.paper(paper_id).rating == 3
    # The field keeps the keys it needs: select all, and plain typing (/ is Find elsewhere).
    qtbot.keyClick(detail.tag_editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert detail.tag_editor.selectedText() == "draft"
    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, "a/b")
    assert window.search_edit.text() == "a/b"
    qtbot.keyClick(
        window.search_edit,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.search_edit.text() == ""  # Clear search and filters, from the field itself


def test_the_shortcuts_help_is_made_from_the_actions(qtbot, window) -> None:
    dialog = keyboard.show_shortcuts(window)
    qtbot.addWidget(dialog)
    text = dialog.page.toPlainText()
    with_keys = [a for a in window.actions() if a.shortcuts()] + window.status_actions
    assert len(with_keys) > 15
    for action in with_keys:
        assert keyboard._help_text(action) in text
        for sequence in action.shortcuts():
            assert sequence.toString(QKeySequence.SequenceFormat.NativeText) in text
    # A new shortcut shows up without touching the help.
    window.add_tag_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
    assert "Ctrl+Shift+G" in keyboard.shortcuts_html(window)
    dialog.close()


def test_the_readme_lists_the_shortcuts_the_actions_have(window) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for action in [window.import_action, window.find_action, window.edit_note_action]:
        for sequence in action.shortcuts():
            assert sequence.toString() in readme


def test_the_import_preview_by_keyboard_alone(qtbot, open_window, data_dir: Path) -> None:
    window = open_window(data_dir)
    # Each copy of the French sample ends cut off, an entry to check: two copies, two.
    copy = data_dir.parent / "copie.txt"
    [french] = [p for p in seed_files() if p.name.endswith("-fr.txt")]
    copy.write_bytes(french.read_bytes())
    dialog = window.start_import([*seed_files(), copy])
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_PREVIEW, timeout=15000)
    flagged = [i for i, r in enumerate(dialog.model.rows) if r.needs_check]
    assert flagged
    assert focused() is dialog.table
    # F8: the next entry to check, its title ready to correct.
    dialog.table.selectRow(flagged[0] + 1)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F8)
    # From the row after the first flagged one, F8 goes on (and wraps round).
    after = [i for i in flagged if i > flagged[0]]
    target = after[0] if after else flagged[0]
    assert dialog._editing_row == target
    assert focused() is dialog.title_edit
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.title_edit, "A Corrected Title")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.model.rows[target].entry.title == "A Corrected Title"
    assert focused() is dialog.table
    # Space in the table: leave this entry out, and back in.
    included = dialog.model.included
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert not dialog.model.rows[target].include
    assert not dialog.include_box.isChecked()
    assert dialog.model.included == included - 1
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.model.rows[target].include
    # Alt+I (the check box) leaves out the entry being edited, from its fields.
    other = 0 if target != 0 else 1
    dialog.table.selectRow(other)
    dialog.title_edit.setFocus()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.model.rows[other].include)  # an animated click
    # Tab reaches the Import button; Space presses it.
    for _ in range(20):
        if focused() is dialog.import_button:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.import_button
    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=15000)
    titles = {p.title for p in window.library.rows(window.library.paper_ids()).values()}
    assert "A Corrected Title" in titles
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Escape)
