"""The window owns the library: Edit menu undo/redo, history, new/edit/delete, Trash, merge,
attachments, the queue, and changes made by the CLI showing up by themselves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QListWidget, QMessageBox, QToolButton, QWidget

from readinglist.gui.facets import STATUS
from readinglist.gui.paper_model import COL_QUEUE, COL_TITLE
from readinglist.library import PaperFilter
from tests.gui.conftest import SEED_PAPERS, wait_idle
from tests.robustness.support import run_cli


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_contract_object_names(window) -> None:
    for name in (
        "undoAction",
        "redoAction",
        "newPaperAction",
        "deleteAction",
        "historyAction",
        "readNextAction",
    ):
        assert window.findChild(QAction, name) is not None, name
    assert isinstance(window.findChild(QToolButton, "trashEntry"), QToolButton)
    assert isinstance(window.findChild(QListWidget, "attachmentsList"), QListWidget)
    # The duplicates view is there from the start, hidden until Edit ▸ Find duplicates.
    view = window.findChild(QDialog, "duplicatesView")
    assert view is not None and not view.isVisible()
    action(window, "duplicatesAction").trigger()
    assert view.isVisible()
    view.close()
    edit = [m for m in window.menuBar().actions() if m.text() == "&Edit"]
    assert edit, "an Edit menu"
    names = [a.objectName() for a in edit[0].menu().actions()]
    assert names[:2] == ["undoAction", "redoAction"] and "historyAction" in names


def test_undo_and_redo_from_the_edit_menu_name_the_change(qtbot, window) -> None:
    undo, redo = action(window, "undoAction"), action(window, "redoAction")
    window.table.setFocus()
    window.table.selectRow(0)
    pid = window.current_paper_id()
    qtbot.keyClick(window.table, Qt.Key.Key_4)  # Read
    assert window.library.paper(pid).status == "read"
    assert undo.text().startswith("&Undo Set status to Read: ")
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert window.library.paper(pid).status == "new"
    assert window.detail.status_selector.status() == "new"
    assert redo.text().startswith("&Redo Set status to Read")
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.table, Qt.Key.Key_Z, shift_ctrl)
    assert window.library.paper(pid).status == "read"


def test_new_paper_edit_and_delete_to_trash_and_back(qtbot, window, monkeypatch) -> None:
    action(window, "newPaperAction").trigger()
    dialog = window.library_actions._dialog
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    qtbot.keyClicks(dialog.title_edit, "Reading lists considered helpful")
    dialog.authors_edit.setPlainText("Ada Lovelace\n\n  Alan   Turing \n")
    dialog.abstract_edit.setPlainText("We argue for lists.")
    dialog.field_edits["year"].setText("2024")
    dialog.field_edits["venue"].setText("Journal of Lists")
    dialog.accept()
    pid = window.current_paper_id()
    paper = window.library.paper(pid)
    assert paper.title == "Reading lists considered helpful"
    assert paper.authors == ("Ada Lovelace", "Alan Turing")
    assert window.model.rowCount() == SEED_PAPERS + 1

    window.detail.edit_button.click()
    dialog = window.library_actions._dialog
    assert dialog.field_edits["venue"].text() == "Journal of Lists"
    dialog.title_edit.setText("Reading lists, reconsidered")
    dialog.field_edits["doi"].setText("10.1234/lists")
    dialog.accept()
    fields = window.library.bib_fields([pid])[pid]
    assert (fields["year"], fields["venue"], fields["doi"]) == (
        2024,
        "Journal of Lists",
        "10.1234/lists",
    )
    assert window.library.paper(pid).title == "Reading lists, reconsidered"
    assert window.detail.title_label.text() == "Reading lists, reconsidered"

    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.library.paper(pid).trashed
    assert window.model.row_of(pid) is None
    wait_idle(qtbot, window)
    trash = window.findChild(QToolButton, "trashEntry")
    assert trash.text() == "Trash (1)"
    trash.click()
    assert window.model.ids == [pid]
    window.table.selectRow(0)
    action(window, "restoreFromTrashAction").trigger()
    assert not window.library.paper(pid).trashed
    assert window.model.rowCount() == 0  # the Trash view is empty now

    window.library.trash([pid])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert window.library_actions.empty_trash()
    assert window.library.count() == SEED_PAPERS
    action(window, "undoAction").trigger()
    assert window.library.trashed_ids() == [pid]


def test_bad_input_is_a_message_not_a_change(qtbot, window, monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    window.library_actions.new_paper()
    dialog = window.library_actions._dialog
    dialog.title_edit.setText(window.library.paper(1).title)  # already there
    dialog.accept()
    assert warnings and "already has this paper" in warnings[0]
    assert window.library.count() == SEED_PAPERS


def test_history_lists_changes_and_reverts_one(qtbot, window, monkeypatch) -> None:
    window.table.selectRow(0)
    pid = window.current_paper_id()
    window.set_rating(3)
    window.set_status("reading")
    history = window.library_actions.show_history()
    labels = [history.tree.topLevelItem(i).text(1) for i in range(history.tree.topLevelItemCount())]
    assert labels[0].startswith("Set status to Reading") and labels[1].startswith("Rate 3 stars")
    history.tree.setCurrentItem(history.tree.topLevelItem(1))
    assert history.revert_selected()
    assert window.library.paper(pid).rating == 0
    assert window.library.paper(pid).status == "reading"
    assert history.tree.topLevelItem(0).text(1).startswith("Revert “Rate 3 stars")
    # A revert that would overwrite a later change says why.
    window.set_rating(5)
    window.set_rating(2)
    history.refresh()
    history.tree.setCurrentItem(history.tree.topLevelItem(1))  # the 5 stars
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert not history.revert_selected()
    assert "changed afterwards" in shown[0] and window.library.paper(pid).rating == 2
    history.close()


def test_duplicates_view_and_merge_dialog(qtbot, window) -> None:
    [pid] = window.library.paper_ids(PaperFilter(text="Bigger Better Faster"))
    title = window.library.paper(pid).title
    window.library.set_note(pid, "original note")
    twin = window.library.add_paper(title.replace("Human-level", "Humanlevel"), ["Max Schwarzer"])
    window.library.set_note(twin, "twin note")
    window.library.set_rating([twin], 4)
    view = window.library_actions.show_duplicates()
    assert view.objectName() == "duplicatesView"
    assert view.current_group() == [pid, twin]
    dialog = view.merge_dialog()
    assert dialog is not None
    dialog.groups["authors"].button(twin).setChecked(True)
    assert view.apply_merge(dialog)
    merged = window.library.paper(pid)
    assert "original note" in merged.note and "twin note" in merged.note
    assert merged.rating == 4 and merged.authors == ("Max Schwarzer",)
    assert window.library.count() == SEED_PAPERS
    assert view.tree.topLevelItemCount() == 0
    view.close()
    action(window, "undoAction").trigger()
    assert window.library.count() == SEED_PAPERS + 1


def test_attachments_open_missing_and_locate(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(window, "open_url", lambda url: opened.append(url.toString()) or True)
    window.table.selectRow(0)
    pid = window.current_paper_id()
    pdf = tmp_path / "saved.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert window.library_actions.attach_file(pdf)
    assert window.library_actions.add_link("arxiv.org/abs/2305.19452")
    items = window.detail.attachments_list
    assert [items.item(i).text() for i in range(items.count())] == [
        "saved.pdf",
        "https://arxiv.org/abs/2305.19452",
    ]
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened == [f"file://{pdf}"]
    pdf.rename(tmp_path / "moved.pdf")
    window.detail.reload()
    assert items.item(0).text() == "saved.pdf (missing)"
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    assert not window.library_actions.open_first()
    monkeypatch.setattr(
        "readinglist.gui.library_actions.QFileDialog.getOpenFileName",
        lambda *a, **k: (str(tmp_path / "moved.pdf"), ""),
    )
    [first, _link] = window.library.attachments(pid)
    assert window.library_actions.locate(pid, first.id)
    assert items.item(0).text() == "moved.pdf"
    assert window.library.history()[0].label.startswith("Locate moved.pdf")


def test_queue_view_orders_and_moves_by_keys_drag_and_read_next(qtbot, window) -> None:
    ids = window.library.paper_ids()[:4]
    window.library.set_status(ids, "to-read")
    window.refresh_everything()
    window.toggle_facet(STATUS, "to-read")
    assert window.model.queue_mode
    assert not window.table.horizontalHeader().isSectionHidden(COL_QUEUE)
    assert window.model.ids == ids
    assert [window.model.index(r, COL_QUEUE).data() for r in range(4)] == ["1", "2", "3", "4"]
    window.table.setFocus()
    window.select_paper(ids[0])
    qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.library.queue() == [ids[1], ids[0], ids[2], ids[3]]
    assert window.model.ids == window.library.queue()
    window.select_paper(ids[3])
    qtbot.keyClick(window.table, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.library.queue()[0] == ids[3]
    # Drag the last paper onto the second row: what the view does on a drop.
    model = window.model
    last = model.index(3, COL_TITLE)
    data = model.mimeData([last])
    dragged = model.paper_id(3)
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(1, COL_TITLE))
    assert window.library.queue()[1] == dragged
    action(window, "undoAction").trigger()
    assert window.library.queue()[3] == dragged
    first = window.library.queue()[0]
    qtbot.keyClick(window.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.library.paper(first).status == "reading"
    assert first not in window.library.queue()
    assert window.current_paper_id() == first


def test_a_cli_change_shows_up_in_the_open_window(qtbot, window) -> None:
    window.table.selectRow(0)
    pid = window.current_paper_id()
    done = run_cli(window.data_dir, "rate", str(pid), "5")
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.detail.rating_selector.rating() == 5, timeout=3000)
    undo = action(window, "undoAction")
    assert undo.text().startswith("&Undo Rate 5 stars")
    undo.trigger()
    assert window.library.paper(pid).rating == 0
    done = run_cli(window.data_dir, "add", "--title", "Typed in a terminal", "--author", "Someone")
    assert done.returncode == 0
    qtbot.waitUntil(lambda: window.model.rowCount() == SEED_PAPERS + 1, timeout=3000)


def test_note_typing_is_one_undo(qtbot, window) -> None:
    window.table.selectRow(0)
    pid = window.current_paper_id()
    window.detail.edit_note()
    qtbot.keyClicks(window.detail.notes_edit, "first words")
    window.detail.flush_note()
    qtbot.keyClicks(window.detail.notes_edit, " and more")
    window.detail.flush_note()
    assert window.library.paper(pid).note == "first words and more"
    window.table.setFocus()
    action(window, "undoAction").trigger()
    assert window.library.paper(pid).note == ""
    assert window.detail.notes_edit.toPlainText() == ""


def test_a_failed_restore_says_so_and_keeps_the_library(qtbot, window, monkeypatch) -> None:
    from readinglist.gui import controllers

    def broken(*_a, **_k):
        raise controllers.LibraryError("The backup x cannot be restored: it holds no library.")

    monkeypatch.setattr(controllers, "restore_backup", broken)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    assert window.restore("x.sqlite3") is False
    assert "Restored" not in window.statusBar().currentMessage()
    assert window.library.count() == SEED_PAPERS


def test_dialogs_are_real_dialogs(window) -> None:
    dialog = window.library_actions.new_paper()
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    dialog.reject()
    assert isinstance(window.findChild(QWidget, "detailPane"), QWidget)
    assert QModelIndex().isValid() is False


def test_sidebar_writes_its_terms_into_the_search(qtbot, window) -> None:
    window.toggle_facet(STATUS, "new")
    assert window.search_edit.text() == "status:new "
    qtbot.keyClicks(window.search_edit, "learning")
    window.apply_filter_now()
    assert window.selection.statuses == {"new"}
    expected = window.library.paper_ids(window.library.parse_query("status:new learning"))
    assert window.model.ids == expected
    window.toggle_facet(STATUS, "read")
    assert window.search_edit.text() == "(status:new or status:read) learning "
    window.toggle_facet(STATUS, "new")
    window.toggle_facet(STATUS, "read")
    assert window.search_edit.text() == "learning "
    # Typed by hand, the term lights its sidebar entry up.
    window.search_edit.setText('tag:"=ml"')
    window.library.change_tags([1], add=["ml"])
    window.apply_filter_now()
    assert window.selection.tag == "ml" and window.model.ids == [1]


def test_saved_searches_in_the_sidebar(qtbot, window, monkeypatch) -> None:
    from readinglist.gui.saved_searches import SavedSearchPanel

    panel = window.findChild(SavedSearchPanel, "savedSearches")
    assert panel is not None
    window.search_edit.setText("status:new learning")
    window.search_edit.setFocus()
    monkeypatch.setattr(
        "readinglist.gui.library_actions.QInputDialog.getText", lambda *a, **k: ("Unread ML", True)
    )
    qtbot.keyClick(window.search_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.library.saved_searches() == [("Unread ML", "status:new learning")]
    count = window.library.count_query("status:new learning")
    qtbot.waitUntil(lambda: panel.names() == ["Unread ML"], timeout=3000)
    assert panel.item_for("Unread ML").text() == f"Unread ML  ({count})"
    window.clear_filters()
    panel.list.itemClicked.emit(panel.item_for("Unread ML"))
    assert window.search_edit.text() == "status:new learning"
    assert window.model.rowCount() == count
    assert window.library_actions.rename_search("Unread ML", "Later")
    assert window.library_actions.edit_search("Later", "status:new")
    qtbot.waitUntil(lambda: panel.names() == ["Later"], timeout=3000)
    assert window.library_actions.delete_search("Later")
    qtbot.waitUntil(lambda: panel.names() == [], timeout=3000)
    action(window, "undoAction").trigger()
    assert window.library.saved_searches() == [("Later", "status:new")]
    # A query that cannot be read is not saved.
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window.search_edit.setText("rating:>=x")
    assert not window.library_actions.save_current_search("Broken")
    assert "rating" in shown[0]


def test_import_keeps_trashed_papers_there_and_offers_to_restore(qtbot, window) -> None:
    from readinglist.assets import seed_files
    from tests.gui.conftest import run_import_dialog

    [pid] = window.library.paper_ids(PaperFilter(text="Bigger Better Faster"))
    window.library.trash([pid])
    dialog = window.start_import(seed_files())
    run_import_dialog(qtbot, dialog, finish=False)
    states = [r.preview.state for r in dialog.model.rows if r.preview.paper_id == pid]
    assert states[0] == "trashed"
    assert "in the Trash" in dialog.summary_label.text()
    assert dialog.import_button.text() == "Import 24 entries"  # nothing new
    run_import_dialog(qtbot, dialog)
    assert window.library.paper(pid).trashed
    assert "in the Trash and were left there" in dialog.report_label.text()
    assert dialog.restore_trashed_button.isVisible()
    assert dialog.restore_trashed() == 1
    assert not window.library.paper(pid).trashed
    dialog.close()


def test_the_import_button_says_how_many_papers_are_new(qtbot, open_window, tmp_path) -> None:
    from readinglist.assets import seed_files
    from tests.gui.conftest import run_import_dialog

    window = open_window(tmp_path / "empty")
    dialog = window.start_import(seed_files())
    run_import_dialog(qtbot, dialog, finish=False)
    assert dialog.import_button.text() == "Import 16 new papers"
    dialog.reject()


def test_library_settings_papers_folder_and_open_sets_reading(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    dialog = window.library_actions.show_settings()
    dialog.folder_edit.setText(str(folder))
    dialog.open_reading.setChecked(True)
    dialog.queue_place.setCurrentIndex(dialog.queue_place.findData("top"))
    assert dialog.save()
    window.table.selectRow(0)
    pid = window.current_paper_id()
    window.library.set_status([pid], "to-read")
    window.library.set_status([window.model.paper_id(1)], "to-read")
    assert window.library.queue()[0] == window.model.paper_id(1)  # joined at the top
    assert window.library_actions.attach_file(folder / "a.pdf", pid)
    assert window.library.attachments(pid)[0].target == "a.pdf"
    monkeypatch.setattr(window, "open_url", lambda url: True)
    assert window.library_actions.open_first(pid)
    assert window.library.paper(pid).status == "reading"
    bad = window.library_actions.show_settings()
    bad.folder_edit.setText(str(tmp_path / "nowhere"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert not bad.save()
    assert "is not a folder" in shown[0]
    bad.reject()


def test_typing_in_a_big_library_searches_in_a_worker(qtbot, window, monkeypatch) -> None:
    from readinglist.gui import main_window

    monkeypatch.setattr(main_window, "SEARCH_IN_WORKER_FROM", 1)
    qtbot.keyClicks(window.search_edit, "learn")
    with qtbot.waitSignal(window.reloaded, timeout=5000):
        pass
    qtbot.waitUntil(lambda: window._search_task is None, timeout=5000)
    expected = window.library.paper_ids(window.library.parse_query("learn"))
    assert sorted(window.model.ids) == sorted(expected) and expected
    # Typing on while a query runs: one more query, with the text as it is then.
    qtbot.keyClicks(window.search_edit, "ing zzzz")
    qtbot.waitUntil(
        lambda: window._search_task is None and window.model.rowCount() == 0, timeout=5000
    )
    assert window.table_stack.currentIndex() == 1  # "no papers match"


def test_an_old_library_is_upgraded_with_progress_shown(qtbot, tmp_path, monkeypatch) -> None:
    import shutil
    import sqlite3

    from PySide6.QtWidgets import QApplication, QLabel

    from readinglist.gui.app import upgrade_with_progress
    from readinglist.library.schema import HEAD, upgrade_due
    from tests.fixtures.make_fixtures import fixture_path

    data_dir = tmp_path / "old"
    data_dir.mkdir()
    shutil.copyfile(fixture_path("0001"), data_dir / "library.sqlite3")
    assert upgrade_due(data_dir / "library.sqlite3")
    shown: list[str] = []
    splash = QLabel("opening")
    qtbot.addWidget(splash)
    from PySide6.QtWidgets import QProgressDialog

    real_show = QProgressDialog.show

    def show(dialog: QProgressDialog) -> None:
        shown.append(dialog.labelText())
        real_show(dialog)

    monkeypatch.setattr(QProgressDialog, "show", show)
    upgrade_with_progress(QApplication.instance(), data_dir, splash)
    assert shown and "Upgrading your library" in shown[0] and "backup" in shown[0]
    conn = sqlite3.connect(data_dir / "library.sqlite3")
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    conn.close()
    assert not upgrade_due(data_dir / "library.sqlite3")


def test_del_in_the_trash_deletes_only_the_selected_papers_for_good(
    qtbot, window, monkeypatch
) -> None:
    ids = window.library.paper_ids()[:3]
    window.library.trash(ids)
    window.refresh_everything()
    window.toggle_facet("trash", "")
    assert sorted(window.model.ids) == sorted(ids)
    window.table.setFocus()
    window.select_paper(ids[1])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert sorted(window.library.trashed_ids()) == sorted([ids[0], ids[2]])
    assert window.library.count() == SEED_PAPERS - 3
    action(window, "undoAction").trigger()
    assert sorted(window.library.trashed_ids()) == sorted(ids)
