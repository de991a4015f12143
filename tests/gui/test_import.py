"""Importing through the window: welcome page, preview and corrections, report, bad files, drops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QPushButton

from readinglist.gui.import_dialog import (
    PAGE_PREVIEW,
    PAGE_REPORT,
    PREVIEW_INCLUDE,
    ImportDialog,
)
from readinglist.gui.main_window import PAGE_LIBRARY, PAGE_WELCOME
from readinglist.library import Library, PaperFilter
from tests.gui.conftest import SEED_PAPERS, run_import_dialog, wait_idle, write_listing

ABSTRACT = "We study how things work in a rather thorough and careful manner with many experiments."


def test_welcome_page_imports_the_samples(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(tmp_path / "empty")
    assert window.pages.currentIndex() == PAGE_WELCOME
    assert window.welcome.isVisible()
    button = window.findChild(QPushButton, "importSamplesButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.import_dialog
    assert isinstance(dialog, ImportDialog)
    run_import_dialog(qtbot, dialog, finish=False)
    # The 8 papers both samples list are new once, then listed twice.
    assert "24 entries" in dialog.summary_label.text()
    assert "16 new" in dialog.summary_label.text()
    run_import_dialog(qtbot, dialog)
    assert "16 new" in dialog.report_title.text()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    # The list is requeried in a worker after an import.
    qtbot.waitUntil(lambda: window.pages.currentIndex() == PAGE_LIBRARY, timeout=5000)
    assert window.model.rowCount() == SEED_PAPERS
    assert window.count_label.text() == "16 papers"
    wait_idle(qtbot, window)
    assert window.facet_panel.count("all") == 16


def test_preview_lets_the_user_correct_and_leave_out_entries(
    qtbot, open_window, tmp_path: Path
) -> None:
    window = open_window(tmp_path / "library")
    listing = write_listing(
        tmp_path / "lab.txt",
        [
            ("A Study of Thinsg", ["Ada Lovelace", "Alan Turing"], ABSTRACT),
            ("Leave This One Out", ["Grace Hopper"], ABSTRACT),
            ("Learning to Rank Papers", ["Emmy Noether"], ABSTRACT),
        ],
    )
    dialog = window.start_import([listing])
    run_import_dialog(qtbot, dialog, finish=False)
    assert dialog.pages.currentIndex() == PAGE_PREVIEW
    assert "3 entries" in dialog.summary_label.text()
    assert "3 new" in dialog.summary_label.text()

    dialog.table.selectRow(0)
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "A Study of Things")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    dialog.table.selectRow(1)
    qtbot.keyClick(dialog.include_box, Qt.Key.Key_Space)
    assert not dialog.model.rows[1].include
    assert dialog.model.index(1, PREVIEW_INCLUDE).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    assert dialog.import_button.text() == "Import 2 new papers"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=15000)
    assert "2 new" in dialog.report_title.text()
    assert "lab.txt" in dialog.report_label.text()
    titles = {row.title for row in window.library.rows(window.library.paper_ids()).values()}
    assert titles == {"A Study of Things", "Learning to Rank Papers"}
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)


def test_cancel_in_preview_writes_nothing(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(tmp_path / "library")
    listing = write_listing(tmp_path / "lab.txt", [("Only Paper", ["Ada Lovelace"], ABSTRACT)])
    dialog = window.start_import([listing])
    run_import_dialog(qtbot, dialog, finish=False)
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert window.library.count() == 0
    assert window.pages.currentIndex() == PAGE_WELCOME


def test_a_bad_file_gets_a_clear_message_and_changes_nothing(qtbot, window, tmp_path: Path) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    before = window.library.count()
    dialog = window.start_import([bad])
    run_import_dialog(qtbot, dialog)
    assert dialog.pages.currentIndex() == PAGE_REPORT
    assert dialog.report_title.text() == "Nothing was imported"
    assert "photo.txt" in dialog.report_label.text()
    assert "not changed" in dialog.report_label.text()
    assert window.library.count() == before


def test_good_and_bad_files_together_import_the_good_one(qtbot, window, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    good = write_listing(tmp_path / "good.txt", [("Fresh Paper", ["Ada Lovelace"], ABSTRACT)])
    dialog = window.start_import([bad, good])
    run_import_dialog(qtbot, dialog, finish=False)
    assert dialog.error_label.isVisible()
    assert "empty.txt" in dialog.error_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=15000)
    assert window.library.count() == SEED_PAPERS + 1


def test_reimporting_shows_entries_already_in_the_library(qtbot, window) -> None:
    from readinglist.assets import seed_files

    dialog = window.start_import(seed_files()[:1])
    run_import_dialog(qtbot, dialog, finish=False)
    assert "0 new" in dialog.summary_label.text()
    assert "12 already in the library" in dialog.summary_label.text()


def test_dropping_files_on_the_window_opens_the_import(qtbot, window, tmp_path: Path) -> None:
    listing = write_listing(
        tmp_path / "dropped.txt", [("Dropped Paper", ["Ada Lovelace"], ABSTRACT)]
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(listing))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    dialog = window.import_dialog
    assert dialog is not None
    run_import_dialog(qtbot, dialog)
    assert window.library.count(PaperFilter(text="dropped")) == 1


def test_import_runs_in_a_worker_and_can_be_cancelled(qtbot, open_window, tmp_path: Path) -> None:
    entries = [
        (f"Paper number {i} about topic {i % 97}", [f"Author {i % 50} Smith"], ABSTRACT)
        for i in range(3000)
    ]
    listing = write_listing(tmp_path / "big.txt", entries)
    window = open_window(tmp_path / "library")
    dialog = window.start_import([listing])
    run_import_dialog(qtbot, dialog, finish=False)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    # The window's event loop keeps running while the worker imports.
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=30000)
    title = dialog.report_title.text()
    with Library.open(tmp_path / "library", auto_backup=False) as library:
        count = library.count()
    # One transaction: cancelled means nothing, finished first means everything.
    assert (title == "Import cancelled" and count == 0) or count == 3000
