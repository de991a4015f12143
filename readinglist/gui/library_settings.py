"""Edit ▸ Library settings…: settings that belong to the library file, not to this machine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readinglist.library import Library, LibraryError
from readinglist.library.commands import (
    OPEN_SETS_READING_SETTING,
    PAPERS_FOLDER_SETTING,
    QUEUE_END_SETTING,
)


class LibrarySettingsDialog(QDialog):
    """The papers folder, whether opening a file starts reading it, where the queue grows."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("librarySettingsDialog")
        self.setWindowTitle(self.tr("Library settings"))
        self.setMinimumWidth(560)
        self.library = library
        self.folder_edit = QLineEdit(library.setting(PAPERS_FOLDER_SETTING))
        self.folder_edit.setObjectName("papersFolderEdit")
        self.folder_edit.setAccessibleName(self.tr("Papers folder"))
        self.folder_edit.setPlaceholderText(self.tr("None: files are remembered by full path"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose the papers folder"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        folder_help = QLabel(
            self.tr(
                "Files attached from inside this folder are remembered relative to it, so the"
                " library keeps finding them when the folder moves or is synced to another"
                " machine. readinglist never copies, moves or deletes your files."
            )
        )
        folder_help.setWordWrap(True)
        folder_help.setEnabled(False)
        self.open_reading = QCheckBox(
            self.tr("Opening a paper's file moves it from New or To read to Reading")
        )
        self.open_reading.setObjectName("openSetsReadingBox")
        self.open_reading.setChecked(library.setting(OPEN_SETS_READING_SETTING, "0") == "1")
        self.queue_place = QComboBox()
        self.queue_place.setObjectName("queuePlaceBox")
        self.queue_place.setAccessibleName(self.tr("Where new To read papers join the queue"))
        self.queue_place.addItem(self.tr("at the end"), "end")
        self.queue_place.addItem(self.tr("at the top"), "top")
        self.queue_place.setCurrentIndex(
            max(0, self.queue_place.findData(library.setting(QUEUE_END_SETTING, "end")))
        )
        form = QFormLayout()
        folder_label = QLabel(self.tr("&Papers folder:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        form.addRow("", folder_help)
        form.addRow("", self.open_reading)
        queue_label = QLabel(self.tr("New To read papers join the &queue:"))
        queue_label.setBuddy(self.queue_place)
        form.addRow(queue_label, self.queue_place)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Papers folder"), self.folder_edit.text() or str(Path.home())
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def save(self) -> bool:
        """Write what changed (each an undoable change); close on success."""
        folder = self.folder_edit.text().strip()
        if folder and not Path(folder).is_dir():
            QMessageBox.warning(
                self,
                self.tr("Library settings"),
                self.tr("{folder} is not a folder; choose an existing one.").format(folder=folder),
            )
            return False
        wanted = {
            PAPERS_FOLDER_SETTING: str(Path(folder).resolve()) if folder else "",
            OPEN_SETS_READING_SETTING: "1" if self.open_reading.isChecked() else "0",
            QUEUE_END_SETTING: str(self.queue_place.currentData()),
        }
        labels = {
            PAPERS_FOLDER_SETTING: self.tr("Set the papers folder"),
            OPEN_SETS_READING_SETTING: self.tr("Change what opening a file does"),
            QUEUE_END_SETTING: self.tr("Change where the queue grows"),
        }
        defaults = {OPEN_SETS_READING_SETTING: "0", QUEUE_END_SETTING: "end"}
        try:
            for key, value in wanted.items():
                if self.library.setting(key, defaults.get(key, "")) != value:
                    self.library.set_setting(key, value, labels[key])
        except LibraryError as exc:
            QMessageBox.warning(self, self.tr("Library settings"), str(exc))
            return False
        self.accept()
        return True
