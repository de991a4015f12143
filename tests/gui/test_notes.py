"""Notes: saved as you type, on focus-out, on selection change and on close; never lost."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from readinglist.gui.detail import PREVIEW_TAB
from readinglist.gui.widgets import SafeMarkdownView


def note_of(window, paper_id: int) -> str:
    return window.library.paper(paper_id).note


def test_a_typed_note_is_saved_after_a_pause(qtbot, window) -> None:
    window.table.selectRow(0)
    paper_id = window.current_paper_id()
    window.detail.notes_edit.setFocus()
    qtbot.keyClicks(window.detail.notes_edit, "Read section 3")
    assert window.detail.note_dirty()
    with qtbot.waitSignal(window.detail.noteSaved, timeout=3000):
        pass
    assert note_of(window, paper_id) == "Read section 3"
    assert window.detail.note_state.text() == "Saved"


def test_the_note_is_saved_when_the_selection_changes(qtbot, window) -> None:
    window.table.selectRow(0)
    paper_id = window.current_paper_id()
    window.detail.notes_edit.setFocus()
    qtbot.keyClicks(window.detail.notes_edit, "first thoughts")
    window.table.selectRow(1)
    assert note_of(window, paper_id) == "first thoughts"
    assert window.detail.notes_edit.toPlainText() == ""
    window.table.selectRow(0)
    assert window.detail.notes_edit.toPlainText() == "first thoughts"


def test_the_note_is_saved_when_focus_leaves(qtbot, window) -> None:
    window.table.selectRow(2)
    paper_id = window.current_paper_id()
    window.detail.notes_edit.setFocus()
    qtbot.keyClicks(window.detail.notes_edit, "focus")
    window.search_edit.setFocus()
    qtbot.waitUntil(lambda: note_of(window, paper_id) == "focus", timeout=1000)


def test_a_note_typed_just_before_closing_survives_reopening(
    qtbot, open_window, seeded_dir
) -> None:
    window = open_window(seeded_dir)
    window.table.selectRow(4)
    paper_id = window.current_paper_id()
    window.detail.notes_edit.setFocus()
    qtbot.keyClicks(window.detail.notes_edit, "typed and closed at once")
    window.shutdown()
    again = open_window(seeded_dir)
    assert again.select_paper(paper_id)
    assert again.detail.notes_edit.toPlainText() == "typed and closed at once"


def test_notes_are_searchable(qtbot, window) -> None:
    window.table.selectRow(0)
    window.detail.notes_edit.setFocus()
    qtbot.keyClicks(window.detail.notes_edit, "xylophone")
    window.detail.flush_note()
    window.search_edit.setText("xylo")
    window.apply_filter_now()
    assert window.model.rowCount() == 1


def test_ctrl_e_edits_the_note_and_the_preview_renders_markdown(qtbot, window) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.detail.notes_edit.hasFocus()
    qtbot.keyClicks(window.detail.notes_edit, "# Heading")
    window.detail.note_tabs.setCurrentIndex(PREVIEW_TAB)
    assert "Heading" in window.detail.note_preview.toPlainText()
    assert "#" not in window.detail.note_preview.toPlainText()


def test_the_preview_loads_nothing_remote(qtbot) -> None:
    view = SafeMarkdownView()
    qtbot.addWidget(view)
    remote = QUrl("https://example.org/tracker.png")
    assert view.loadResource(QTextDocument.ResourceType.ImageResource, remote) is None
    view.set_markdown("![x](https://example.org/tracker.png) [link](https://example.org)")
    assert not view.openExternalLinks()
    assert not view.openLinks()
