"""The actions that own the library: undo, redo, history, new, edit, delete, merge, attach, queue.

``LibraryActions`` holds these QActions and carries them out through the
library's journaled commands; the window only puts them in its menus and
refreshes what they say changed. A watcher notices changes made elsewhere
(the command line, another window) within a second.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from readinglist.gui.icons import icon
from readinglist.gui.journal_text import describe
from readinglist.gui.paper_dialogs import DuplicatesView, HistoryDialog, PaperDialog
from readinglist.library import LibraryError

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow

log = logging.getLogger(__name__)

WATCH_INTERVAL_MS = 700


class LibraryActions(QObject):
    """The undoable commands of the window, as actions.

    Signals:
        papersChanged(list): these papers changed (rows to repaint).
        structureChanged(): papers came or went (the list must be queried again).
    """

    papersChanged = Signal(list)
    structureChanged = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.history_dialog: HistoryDialog | None = None
        self.duplicates_view: DuplicatesView | None = None
        make = self._action
        self.undo_action = make(
            self.tr("&Undo"),
            self.undo,
            "undoAction",
            "edit-undo",
            [QKeySequence.StandardKey.Undo, "Ctrl+Z"],
        )
        self.redo_action = make(
            self.tr("&Redo"),
            self.redo,
            "redoAction",
            "edit-redo",
            [QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"],
        )
        self.history_action = make(
            self.tr("&History…"), self.show_history, "historyAction", None, ["Ctrl+H"]
        )
        self.new_paper_action = make(
            self.tr("&New paper…"), self.new_paper, "newPaperAction", "add", ["Ctrl+N"]
        )
        self.edit_paper_action = make(
            self.tr("Edit &paper…"), self.edit_paper, "editPaperAction", None, ["F2"]
        )
        self.delete_action = make(
            self.tr("Move to Tr&ash"),
            self.delete,
            "deleteAction",
            "trash",
            [QKeySequence.StandardKey.Delete],
        )
        # Del belongs to the table: in a text field it deletes text.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.restore_action = make(
            self.tr("Restore from Trash"),
            self.restore_from_trash,
            "restoreFromTrashAction",
            None,
            None,
        )
        self.empty_trash_action = make(
            self.tr("&Empty Trash…"), self.empty_trash, "emptyTrashAction", None, None
        )
        self.duplicates_action = make(
            self.tr("Find &duplicates…"), self.show_duplicates, "duplicatesAction", None, None
        )
        self.attach_file_action = make(
            self.tr("Attach &file…"), self.attach_file, "attachFileAction", None, None
        )
        self.add_link_action = make(
            self.tr("Add &link…"), self.add_link, "addLinkAction", None, None
        )
        self.open_action = make(
            self.tr("&Open attachment"), self.open_first, "openAttachmentAction", None, ["Ctrl+O"]
        )
        self.read_next_action = make(
            self.tr("Read &next"),
            self.read_next,
            "readNextAction",
            None,
            ["Ctrl+Return", "Ctrl+Enter"],
        )
        self.move_up_action = make(
            self.tr("Move &up in the queue"),
            lambda: self.move(-1),
            "queueUpAction",
            None,
            ["Alt+Up"],
        )
        self.move_down_action = make(
            self.tr("Move &down in the queue"),
            lambda: self.move(1),
            "queueDownAction",
            None,
            ["Alt+Down"],
        )
        self.move_top_action = make(
            self.tr("Move to &top of the queue"),
            lambda: self.move_to(1),
            "queueTopAction",
            None,
            ["Alt+Home"],
        )
        self.move_bottom_action = make(
            self.tr("Move to &bottom of the queue"),
            lambda: self.move_to(None),
            "queueBottomAction",
            None,
            ["Alt+End"],
        )
        self.settings_action = make(
            self.tr("Library &settings…"), self.show_settings, "librarySettingsAction", None, None
        )
        self.save_search_action = make(
            self.tr("&Save search…"),
            self.save_current_search,
            "saveSearchAction",
            None,
            ["Ctrl+S"],
        )
        try:
            self._seen = self.library.journal_version()
        except LibraryError:
            self._seen = (-1, -1)
        self.watcher = QTimer(self)
        self.watcher.setInterval(WATCH_INTERVAL_MS)
        self.watcher.timeout.connect(self.check_outside_changes)
        self.watcher.start()
        self.update_labels()

    def _action(self, text: str, slot, name: str, icon_name: str | None, keys) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    @property
    def library(self):
        return self.window.library

    def _parent(self) -> QWidget:
        return self.window

    def _run(self, what: str, fn) -> bool:
        try:
            fn()
        except LibraryError as exc:
            QMessageBox.warning(self._parent(), what, str(exc))
            self.update_labels()
            return False
        return True

    def _done(self, message: str, ids: list[int] | None = None, structure: bool = False) -> None:
        self.update_labels()
        self._seen = self.library.journal_version()
        if structure:
            self.structureChanged.emit()
        if ids:
            self.papersChanged.emit(ids)
        self.window.statusBar().showMessage(message, 5000)

    # -- undo, redo, history -----------------------------------------------------

    def update_labels(self) -> None:
        try:
            undo, redo = self.library.undo_label(), self.library.redo_label()
            undo, redo = (describe(label) if label else label for label in (undo, redo))
        except LibraryError:
            undo = redo = None
        self.undo_action.setEnabled(undo is not None)
        self.undo_action.setText(
            self.tr("&Undo {label}").format(label=undo) if undo else self.tr("&Undo")
        )
        self.redo_action.setEnabled(redo is not None)
        self.redo_action.setText(
            self.tr("&Redo {label}").format(label=redo) if redo else self.tr("&Redo")
        )

    def note_own_change(self) -> None:
        """The window changed the library itself: say so to undo, and not to the watcher."""
        try:
            self._seen = self.library.journal_version()
        except LibraryError:
            return
        self.update_labels()

    def undo(self) -> None:
        self.window.detail.flush_note()
        entry = None

        def go() -> None:
            nonlocal entry
            entry = self.library.undo()

        if self._run(self.tr("Cannot undo"), go) and entry is not None:
            self._done(
                self.tr("Undid: {label}").format(label=describe(entry.label)),
                list(entry.papers),
                structure=True,
            )

    def redo(self) -> None:
        self.window.detail.flush_note()
        entry = None

        def go() -> None:
            nonlocal entry
            entry = self.library.redo()

        if self._run(self.tr("Cannot redo"), go) and entry is not None:
            self._done(
                self.tr("Redid: {label}").format(label=describe(entry.label)),
                list(entry.papers),
                structure=True,
            )

    def show_history(self) -> HistoryDialog:
        self.window.detail.flush_note()
        if self.history_dialog is None:
            self.history_dialog = HistoryDialog(self.library, self._parent())
            self.history_dialog.changed.connect(
                lambda ids: self._done(self.tr("Reverted the change"), ids, structure=True)
            )
            self.history_dialog.paperRequested.connect(self.window.select_paper)
        else:
            self.history_dialog.library = self.library
            self.history_dialog.refresh()
        self.history_dialog.show()
        self.history_dialog.raise_()
        return self.history_dialog

    def check_outside_changes(self) -> None:
        """Another program (the CLI) changed the library: show it, and what undo would do."""
        if self.window.is_closed():
            return
        try:
            version = self.library.journal_version()
        except LibraryError:
            return
        if version != self._seen:
            self._seen = version
            self.update_labels()
            self.window.refresh_everything()
            if self.history_dialog is not None and self.history_dialog.isVisible():
                self.history_dialog.refresh()

    # -- papers ------------------------------------------------------------------

    def new_paper(self) -> PaperDialog:
        dialog = PaperDialog(None, self._parent())
        dialog.accepted.connect(lambda: self.apply_new_paper(dialog))
        dialog.open()
        self._dialog = dialog
        return dialog

    def apply_new_paper(self, dialog: PaperDialog) -> int | None:
        pid: int | None = None

        def go() -> None:
            nonlocal pid
            fields = {k: v for k, v in dialog.fields().items() if v}
            pid = self.library.add_paper(
                dialog.title(), dialog.authors(), dialog.abstract(), fields
            )

        if not self._run(self.tr("Could not add the paper"), go) or pid is None:
            return None
        self._done(self.tr("Added “{title}”").format(title=dialog.title()), [pid], structure=True)
        self.window.show_added_paper(pid)
        return pid

    def edit_paper(self) -> PaperDialog | None:
        pid = self.window.current_paper_id()
        if pid is None:
            return None
        fields = self.library.bib_fields([pid]).get(pid, {})
        dialog = PaperDialog(self.library.paper(pid), self._parent(), fields)
        dialog.accepted.connect(lambda: self.apply_edit(pid, dialog))
        dialog.open()
        self._dialog = dialog
        return dialog

    def apply_edit(self, pid: int, dialog: PaperDialog) -> None:
        if self._run(
            self.tr("Could not save the paper"),
            lambda: self.library.edit_paper(
                pid,
                title=dialog.title(),
                authors=dialog.authors(),
                abstract=dialog.abstract(),
                fields=dialog.fields(),
            ),
        ):
            self._done(self.tr("Saved the paper"), [pid], structure=True)

    def delete(self) -> None:
        ids = self.window.selected_ids()
        if not ids:
            return
        if self.window.showing_trash():
            self.empty_trash(ids)
            return
        self.window.detail.flush_note()
        if self._run(self.tr("Could not move to the Trash"), lambda: self.library.trash(ids)):
            self._done(
                self.tr("Moved %n paper(s) to the Trash; Ctrl+Z brings them back", "", len(ids)),
                ids,
                structure=True,
            )

    def restore_from_trash(self) -> None:
        ids = self.window.selected_ids()
        if ids and self._run(
            self.tr("Could not restore"), lambda: self.library.restore_from_trash(ids)
        ):
            self._done(self.tr("Restored %n paper(s)", "", len(ids)), ids, structure=True)

    def empty_trash(self, ids: list[int] | None = None) -> bool:
        """Delete for good the papers in the Trash (``ids``: those of them), after asking."""
        trashed = self.library.trashed_ids()
        if ids is not None:
            trashed = [pid for pid in trashed if pid in set(ids)]
        if not trashed:
            self.window.statusBar().showMessage(self.tr("The Trash is empty."), 4000)
            return False
        answer = QMessageBox.question(
            self._parent(),
            self.tr("Empty the Trash"),
            self.tr(
                "Delete the %n paper(s) in the Trash, with their notes and history?"
                " (Edit ▸ Undo can still bring them back.)",
                "",
                len(trashed),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if self._run(
            self.tr("Could not empty the Trash"), lambda: self.library.empty_trash(trashed)
        ):
            self._done(self.tr("Emptied the Trash"), None, structure=True)
            return True
        return False

    def _duplicates(self) -> DuplicatesView:
        """The duplicates view, made once (hidden) and found again on each showing."""
        if self.duplicates_view is None:
            view = DuplicatesView(self.library, self._parent())
            view.changed.connect(lambda ids: self._done(self.tr("Merged"), ids, structure=True))
            view.paperRequested.connect(self.window.select_paper)
            self.duplicates_view = view
        self.duplicates_view.library = self.library
        return self.duplicates_view

    def show_duplicates(self) -> DuplicatesView:
        self.window.detail.flush_note()
        view = self._duplicates()
        if view.isVisible():
            view.refresh()
        view.open()
        return view

    # -- attachments ---------------------------------------------------------------

    def attach_file(self, path: Path | None = None, pid: int | None = None) -> bool:
        pid = pid if pid is not None else self.window.current_paper_id()
        if pid is None:
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self._parent(),
                self.tr("Attach a file"),
                str(Path.home()),
                self.tr("PDF files (*.pdf);;All files (*)"),
            )
            if not chosen:
                return False
            path = Path(chosen)
        if self._run(self.tr("Could not attach the file"), lambda: self.library.attach(pid, path)):
            self._done(self.tr("Attached {name}").format(name=path.name), [pid])
            return True
        return False

    def add_link(self, url: str | None = None) -> bool:
        pid = self.window.current_paper_id()
        if pid is None:
            return False
        if url is None:
            url, ok = QInputDialog.getText(
                self._parent(), self.tr("Add a link"), self.tr("Address (https://…):")
            )
            if not ok or not url.strip():
                return False
        link = url.strip()
        if "://" not in link:
            link = "https://" + link
        if self._run(self.tr("Could not add the link"), lambda: self.library.attach(pid, link)):
            self._done(self.tr("Added the link"), [pid])
            return True
        return False

    def open_first(self, pid: int | None = None) -> bool:
        pid = pid if pid is not None else self.window.current_paper_id()
        if pid is None:
            return False
        found = self.library.attachments(pid)
        if not found:
            self.window.statusBar().showMessage(
                self.tr("This paper has no attachment: Paper ▸ Attach file… adds one."), 5000
            )
            return False
        return self.open_attachment(pid, found[0])

    def open_attachment(self, pid: int, attachment) -> bool:
        if attachment.missing:
            QMessageBox.information(
                self._parent(),
                self.tr("File not found"),
                self.tr(
                    "{path} is not there any more. Use “Locate…” beside it to say where it is now."
                ).format(path=attachment.path),
            )
            return False
        url = (
            QUrl.fromLocalFile(str(attachment.path))
            if attachment.path is not None
            else QUrl(attachment.target)
        )
        opened = self.window.open_url(url)
        try:
            before = self.library.paper(pid).status
            self.library.opened(pid)
            if self.library.paper(pid).status != before:
                self._done(self.tr("Opened; marked Reading"), [pid])
        except LibraryError as exc:
            log.warning("Could not mark paper %s as reading: %s", pid, exc)
        return opened

    def locate(self, pid: int, attachment_id: int) -> bool:
        chosen, _ = QFileDialog.getOpenFileName(
            self._parent(), self.tr("Where is the file now?"), str(Path.home())
        )
        if not chosen:
            return False
        if self._run(
            self.tr("Could not update the attachment"),
            lambda: self.library.relocate(attachment_id, chosen),
        ):
            self._done(self.tr("Updated where the file is"), [pid])
            return True
        return False

    def detach(self, pid: int, attachment_id: int) -> None:
        if self._run(
            self.tr("Could not remove the attachment"), lambda: self.library.detach(attachment_id)
        ):
            self._done(self.tr("Removed the attachment (the file itself is untouched)"), [pid])

    def show_settings(self):
        from readinglist.gui.library_settings import LibrarySettingsDialog

        dialog = LibrarySettingsDialog(self.library, self._parent())
        dialog.accepted.connect(lambda: self._done(self.tr("Saved the library settings")))
        dialog.open()
        self._dialog = dialog
        return dialog

    # -- saved searches ----------------------------------------------------------------

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self._parent(), title, label, text=text)
        return value.strip() if ok and value.strip() else None

    def save_current_search(self, name: str | None = None) -> bool:
        query = self.window.search_edit.text().strip()
        if not query:
            self.window.statusBar().showMessage(
                self.tr("Type a search first, then save it under a name."), 5000
            )
            return False
        if name is None:
            name = self._ask(self.tr("Save the search"), self.tr("Name of this search:"))
            if name is None:
                return False
        if self._run(
            self.tr("Could not save the search"), lambda: self.library.save_search(name, query)
        ):
            self._done(self.tr("Saved the search “{name}”").format(name=name))
            self.window.refresh_saved_searches()
            return True
        return False

    def rename_search(self, old: str, new: str | None = None) -> bool:
        if new is None:
            new = self._ask(self.tr("Rename the saved search"), self.tr("New name:"), old)
            if new is None:
                return False
        if self._run(
            self.tr("Could not rename the search"), lambda: self.library.rename_search(old, new)
        ):
            self._done(self.tr("Renamed the search"))
            self.window.refresh_saved_searches()
            return True
        return False

    def edit_search(self, name: str, query: str | None = None) -> bool:
        if query is None:
            query = self._ask(
                self.tr("Edit the saved search"), self.tr("Query:"), self.library.saved_query(name)
            )
            if query is None:
                return False
        if self._run(
            self.tr("Could not change the search"), lambda: self.library.save_search(name, query)
        ):
            self._done(self.tr("Changed the search “{name}”").format(name=name))
            self.window.refresh_saved_searches()
            return True
        return False

    def delete_search(self, name: str) -> bool:
        if self._run(
            self.tr("Could not delete the search"), lambda: self.library.remove_search(name)
        ):
            self._done(
                self.tr("Deleted the search “{name}”; Ctrl+Z brings it back").format(name=name)
            )
            self.window.refresh_saved_searches()
            return True
        return False

    # -- the queue -----------------------------------------------------------------

    def read_next(self) -> int | None:
        queue = self.library.queue()
        if not queue:
            self.window.statusBar().showMessage(
                self.tr("The queue is empty: mark papers To read to fill it."), 5000
            )
            return None
        pid = queue[0]
        if not self._run(
            self.tr("Could not start reading"), lambda: self.library.set_status([pid], "reading")
        ):
            return None
        self._done(
            self.tr("Reading next: {title}").format(title=self.library.paper(pid).title),
            [pid],
            structure=True,
        )
        self.window.show_added_paper(pid)
        if self.library.attachments(pid):
            self.open_first(pid)
        return pid

    def move(self, step: int) -> None:
        pid = self.window.current_paper_id()
        queue = self.library.queue()
        if pid is None or pid not in queue:
            return
        self.move_to(queue.index(pid) + 1 + step)

    def move_to(self, position: int | None) -> None:
        pid = self.window.current_paper_id()
        queue = self.library.queue()
        if pid is None or pid not in queue:
            self.window.statusBar().showMessage(
                self.tr("Only To read papers are in the queue."), 4000
            )
            return
        target = len(queue) if position is None else max(1, position)
        if self._run(
            self.tr("Could not move in the queue"), lambda: self.library.queue_move(pid, target)
        ):
            self._done(self.tr("Moved in the queue"), [pid], structure=True)
            self.window.select_paper(pid)

    def move_dropped(self, pid: int, position: int) -> None:
        if self._run(
            self.tr("Could not move in the queue"), lambda: self.library.queue_move(pid, position)
        ):
            self._done(self.tr("Moved in the queue"), [pid], structure=True)
            self.window.select_paper(pid)


def open_with_system(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)
