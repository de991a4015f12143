"""File ▸ Restore from backup…: backups with their date and paper count."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.a11y import name_built_in_parts
from readinglist.gui.i18n import format_datetime, format_number
from readinglist.library import BackupInfo

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def _size(n: int) -> str:
    # "232.0 KB", "232,0 Ko": the unit and the decimal mark in the user's language.
    return QLocale().formattedDataSize(n, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class RestoreDialog(QDialog):
    """Pick a backup to restore; the library as it is now is itself backed up first."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setAccessibleName(self.tr("Restore from backup"))
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Choose the backup to go back to. The library as it is now is backed up"
                " first, so a restore can be undone."
            )
            if backups
            else self.tr("There are no backups yet. One is made every day the app is used.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setObjectName("backupList")
        self.list.setAccessibleName(self.tr("Backups"))
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([self.tr("Taken"), self.tr("Papers"), self.tr("Size")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for info in backups:
            papers = format_number(info.papers) if info.papers >= 0 else self.tr("unreadable")
            item = QTreeWidgetItem(
                [format_datetime(info.created_at, utc=False), papers, _size(info.size)]
            )
            item.setData(0, PATH_ROLE, info.path)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName(self.tr("Restore the chosen backup"))
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(
            lambda current, _previous: self.restore_button.setEnabled(current is not None)
        )
        self.list.itemActivated.connect(lambda _item, _col: self.accept())
        if backups:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        name_built_in_parts(self)

    def chosen_name(self) -> str | None:
        item = self.list.currentItem()
        return Path(item.data(0, PATH_ROLE)).name if item is not None else None
