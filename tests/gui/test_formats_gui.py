"""Export, Copy as BibTeX, paste and import of BibTeX/RIS in the app, driven like a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication

from readinglist import formats
from readinglist.gui.import_dialog import PAGE_PREVIEW, PAGE_REPORT
from readinglist.gui.paper_model import COL_TITLE
from tests.formats.common import DATA
from tests.gui.conftest import SEED_PAPERS


def _action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_actions_are_in_the_menus_with_their_shortcuts(window) -> None:
    export = _action(window, "exportAction")
    copy = _action(window, "copyBibtexAction")
    assert copy.shortcut().toString() == "Ctrl+Shift+C"
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert export in menus["File"].actions()
    assert copy in menus["Edit"].actions()


def test_export_dialog_writes_the_view_or_the_selection(qtbot, window, tmp_path: Path) -> None:
    window.table.selectRow(0)
    dialog = window.format_actions.open_export()
    qtbot.addWidget(dialog)
    assert not dialog.state_check.isChecked()  # off by default: citation files are shared
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("ris"))
    dialog.view_radio.setChecked(True)
    assert dialog.export_to(tmp_path / "all.ris") == SEED_PAPERS
    assert len(formats.read_path(tmp_path / "all.ris").records) == SEED_PAPERS

    dialog = window.format_actions.open_export()
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("bibtex"))
    dialog.selection_radio.setChecked(True)
    dialog.state_check.setChecked(True)
    assert dialog.export_to(tmp_path / "one.bib") == 1
    assert "Read_Status: New" in (tmp_path / "one.bib").read_text()


def test_copy_as_bibtex_puts_the_selection_on_the_clipboard(qtbot, window) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    title = window.model.index(0, COL_TITLE).data()
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    text = QGuiApplication.clipboard().text()
    [record] = formats.read_text(text, "clip.bib").records
    assert record.title == title


def test_pasting_bibtex_opens_the_preview_then_imports(qtbot, window) -> None:
    QGuiApplication.clipboard().setText((DATA / "jabref.bib").read_text())
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=5000)
    dialog = window.import_dialog
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_PREVIEW, timeout=15000)
    assert dialog.model.rowCount() == 2
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=15000)
    assert window.library.count() == SEED_PAPERS + 2
    statuses = {s.title: s.status for s in window.library.summaries(window.library.paper_ids())}
    assert statuses["A paper read in full"] == "read"
    assert statuses["A paper skimmed"] == "reading"


def test_importing_a_bib_with_broken_entries_lists_them_and_imports_the_rest(qtbot, window) -> None:
    dialog = window.start_import([DATA / "malformed.bib"])
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_PREVIEW, timeout=15000)
    assert dialog.model.rowCount() == 3
    assert dialog.error_label.isVisible()
    assert "line 17" in dialog.error_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=15000)
    assert window.library.count() == SEED_PAPERS + 3
