"""Import and backup as controllers: the window hands them its library and shows what they did."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from readinglist.assets import seed_files
from readinglist.gui.backup_dialog import RestoreDialog
from readinglist.gui.import_dialog import ImportDialog
from readinglist.gui.tasks import wait_for_tasks
from readinglist.library import ImportReport, Library, LibraryError, restore_backup

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow


class ImportController(QObject):
    """File ▸ Import…, the samples, dropped files: one import dialog at a time."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ImportDialog | None = None

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import listings"),
            str(Path.home()),
            self.tr("Listings and references (*.txt *.bib *.ris *.json);;All files (*)"),
        )
        if paths:
            self.start([Path(p) for p in paths])

    def import_samples(self) -> None:
        self.start(seed_files())

    def start(self, paths: list[Path]) -> ImportDialog | None:
        """Open the import dialog: it reads ``paths`` in a worker and previews before writing."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        if not paths:
            return None
        self.window.detail.flush_note()
        dialog = ImportDialog(self.window.library, paths, self.window)
        dialog.imported.connect(self._imported)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _closed(self, dialog: ImportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        # The library froze the listing's objects out of garbage collection
        # while they were in use (see library.core._no_gc_pauses). Once the
        # dialog is gone, what is left is collected once and frozen again.
        gc.unfreeze()
        QTimer.singleShot(1000, self._refreeze)

    @staticmethod
    def _refreeze() -> None:
        gc.collect()
        gc.freeze()

    def _imported(self, reports: list[ImportReport]) -> None:
        window = self.window
        window.library_actions.note_own_change()
        # Requeried in a worker: after a big import the whole list is large.
        window.reload_in_background()
        window.refresh_facets()
        window.libraryChanged.emit()
        new = sum(r.new for r in reports)
        window.statusBar().showMessage(self.tr("Imported %n new paper(s)", "", new), 6000)

    def import_now(self, paths: list[Path]) -> list[ImportReport]:
        """Import without dialog, on this thread (self-test and benchmarks)."""
        window = self.window
        reports = window.library.import_files(paths)
        window.library_actions.note_own_change()
        window.refresh_everything()
        return reports


class BackupController(QObject):
    """File ▸ Back up now and Restore from backup…: the library is closed and reopened around it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: RestoreDialog | None = None

    def backup_now(self) -> None:
        try:
            path = self.window.library.backup()
        except LibraryError as exc:
            QMessageBox.warning(self.window, self.tr("Backup failed"), str(exc))
            return
        self.window.statusBar().showMessage(self.tr("Backed up to {path}").format(path=path), 6000)

    def choose(self) -> None:
        try:
            backups = self.window.library.backups()
        except LibraryError as exc:
            QMessageBox.warning(self.window, self.tr("Restore from backup"), str(exc))
            return
        dialog = RestoreDialog(backups, self.window)
        dialog.accepted.connect(lambda: self.restore(dialog.chosen_name()))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.dialog = dialog

    def restore(self, name: str | None) -> bool:
        """Put the backup ``name`` in place of the library and show it; False if that failed."""
        if name is None:
            return False
        window = self.window
        window.detail.flush_note()
        wait_for_tasks()
        window.library.close()
        restored = True
        try:
            restore_backup(window.data_dir, name)
        except LibraryError as exc:
            restored = False
            QMessageBox.warning(window, self.tr("Restore failed"), str(exc))
        try:
            library = Library.open(window.data_dir, auto_backup=False)
        except LibraryError as exc:
            QMessageBox.critical(window, self.tr("Cannot open the library"), str(exc))
            return False
        # Reopened either way: after a failed restore, the library as it was.
        window.set_library(library)
        if restored:
            window.statusBar().showMessage(
                self.tr("Restored the backup {name}").format(name=name), 6000
            )
        return restored
