"""Papers out and in through the clipboard: File ▸ Export…, Edit ▸ Copy as BibTeX, paste.

``FormatActions`` owns the three actions; the window only hands it its File
and Edit menus and its table. Writing goes through ``readinglist.formats``, so
every format the registry writes is offered.
"""

from __future__ import annotations

import io
import logging
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMenu,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from readinglist import formats
from readinglist.formats import WriteOptions
from readinglist.library import Library, LibraryError

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow

log = logging.getLogger(__name__)

#: The formats whose papers need citation keys that last.
KEYED = ("bibtex", "biblatex", "csljson")
PASTE_LIMIT = 20 * 1024 * 1024


def export_papers(
    library: Library, ids: list[int], path: Path, fmt: formats.Format, options: WriteOptions
) -> int:
    """Write these papers to ``path`` (whole or not at all); returns how many."""
    records = library.export_records(ids, keys=fmt.name in KEYED)
    if fmt.name == "csv":
        # The CSV has always carried statuses, tags and notes.
        options = WriteOptions(with_state=True, ascii=options.ascii)
    elif options.with_state:
        options = replace(options, saved_searches=tuple(library.saved_searches()))
    return formats.write_path(path, records, fmt, options)


def bibtex_text(library: Library, ids: list[int]) -> str:
    """The papers as BibTeX, as Copy as BibTeX puts them on the clipboard."""
    out = io.StringIO()
    fmt = formats.get("bibtex")
    assert fmt.write is not None
    fmt.write(library.export_records(ids), out, WriteOptions())
    return out.getvalue()


class ExportDialog(QDialog):
    """Choose a format, the papers (the view or the selection) and what to write."""

    def __init__(
        self,
        library: Library,
        view_ids: list[int],
        selected_ids: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export papers"))
        self.library = library
        self.view_ids = view_ids
        self.selected_ids = selected_ids
        self.exported: int | None = None

        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormat")
        labels = {
            "bibtex": self.tr("BibTeX (.bib)"),
            "biblatex": self.tr("BibLaTeX (.bib)"),
            "ris": self.tr("RIS (.ris)"),
            "csljson": self.tr("CSL-JSON (.json)"),
            "csv": self.tr("CSV spreadsheet (.csv)"),
            "md": self.tr("Markdown reading report (.md)"),
        }
        for fmt in formats.writers():
            self.format_combo.addItem(labels.get(fmt.name, fmt.label), fmt.name)
        self.view_radio = QRadioButton(self.tr("The papers in view (%n)", "", len(view_ids)), self)
        self.view_radio.setObjectName("exportScopeView")
        self.selection_radio = QRadioButton(
            self.tr("The selected papers (%n)", "", len(selected_ids)), self
        )
        self.selection_radio.setObjectName("exportScopeSelection")
        self.selection_radio.setEnabled(bool(selected_ids))
        (self.selection_radio if len(selected_ids) > 1 else self.view_radio).setChecked(True)
        self.state_check = QCheckBox(
            self.tr("With reading state (status, rating, tags, notes)"), self
        )
        self.state_check.setObjectName("exportWithState")
        self.state_check.setToolTip(
            self.tr("Off by default: citation files are often shared with others.")
        )
        self.ascii_check = QCheckBox(self.tr("ASCII only (accents as LaTeX)"), self)
        self.ascii_check.setObjectName("exportAscii")

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Papers:"), self.view_radio)
        form.addRow("", self.selection_radio)
        form.addRow("", self.state_check)
        form.addRow("", self.ascii_check)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Export…"))
        ok.setObjectName("exportButton")
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_format(self) -> formats.Format:
        return formats.get(str(self.format_combo.currentData()))

    def chosen_ids(self) -> list[int]:
        return self.selected_ids if self.selection_radio.isChecked() else self.view_ids

    def options(self) -> WriteOptions:
        return WriteOptions(
            with_state=self.state_check.isChecked(), ascii=self.ascii_check.isChecked()
        )

    def choose_file(self) -> None:
        fmt = self.chosen_format()
        suffix = fmt.extensions[0]
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export papers"),
            str(Path.home() / f"readinglist{suffix}"),
            self.tr("{label} files (*{suffix})").format(label=fmt.label, suffix=suffix),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int | None:
        """Write the chosen papers to ``path``; tells the user if it cannot be done."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.exported = export_papers(
                self.library, self.chosen_ids(), path, self.chosen_format(), self.options()
            )
        except (OSError, LibraryError, ValueError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(
                self,
                self.tr("Export failed"),
                self.tr("Nothing was written to {path}: {why}").format(path=path, why=exc),
            )
            return None
        QApplication.restoreOverrideCursor()
        self.accept()
        return self.exported


class FormatActions(QObject):
    """File ▸ Export…, Edit ▸ Copy as BibTeX and pasting papers into the table."""

    def __init__(self, window: MainWindow, file_menu: QMenu, edit_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ExportDialog | None = None
        self.export_action = QAction(self.tr("&Export…"), window)
        self.export_action.setObjectName("exportAction")
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.triggered.connect(lambda _=False: self.open_export())
        self.copy_bibtex_action = QAction(self.tr("Copy as &BibTeX"), window)
        self.copy_bibtex_action.setObjectName("copyBibtexAction")
        self.copy_bibtex_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_bibtex_action.triggered.connect(lambda _=False: self.copy_bibtex())
        self.paste_action = QAction(self.tr("&Paste papers"), window)
        self.paste_action.setObjectName("pastePapersAction")
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        # Ctrl+V belongs to the table: in a text field it pastes text.
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_action.triggered.connect(lambda _=False: self.paste())
        # The window builds its menus before its table: the table gets it once built.
        QTimer.singleShot(0, self._attach_to_table)
        window.addAction(self.export_action)
        window.addAction(self.copy_bibtex_action)
        after = next(
            (a for a in file_menu.actions() if a.objectName() == "importSamplesAction"), None
        )
        following = _next_action(file_menu, after)
        file_menu.insertAction(following, self.export_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy_bibtex_action)
        edit_menu.addAction(self.paste_action)

    def _attach_to_table(self) -> None:
        table = getattr(self.window, "table", None)
        if table is not None:
            table.addAction(self.paste_action)

    def open_export(self) -> ExportDialog:
        window = self.window
        self.dialog = ExportDialog(
            window.library, list(window.model.ids), window.selected_ids(), window
        )
        self.dialog.open()
        return self.dialog

    def copy_bibtex(self) -> str:
        ids = self.window.selected_ids()
        if not ids:
            return ""
        text = bibtex_text(self.window.library, ids)
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(
            self.tr("Copied %n papers as BibTeX", "", len(ids)), 4000
        )
        return text

    def paste(self) -> object:
        """Clipboard text in any format the import reads opens the import preview."""
        text = QGuiApplication.clipboard().text()
        if not text.strip() or len(text) > PASTE_LIMIT:
            return None
        try:
            fmt = formats.guess(text[: formats.SNIFF_BYTES], "clipboard")
        except formats.FormatError as exc:
            self.window.statusBar().showMessage(str(exc), 6000)
            return None
        suffix = {"bibtex": ".bib", "ris": ".ris", "csljson": ".json"}.get(fmt.name, ".txt")
        stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
        # The pasted text becomes a file, named like one, so the import treats it as any file.
        folder = Path(tempfile.mkdtemp(prefix="readinglist-paste-"))
        path = folder / f"Pasted {stamp}{suffix}"
        path.write_text(text, encoding="utf-8")
        return self.window.start_import([path])


def _next_action(menu: QMenu, action: QAction | None) -> QAction | None:
    actions = menu.actions()
    if action is None or action not in actions:
        return None
    index = actions.index(action)
    return actions[index + 1] if index + 1 < len(actions) else None
