"""The Activity view (``activityView``): every status change, newest first; click to select."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.i18n import format_datetime
from readinglist.gui.paper_model import status_label
from readinglist.library import Library
from readinglist.library.status import utcnow

ALL, WEEK, MONTH = "all", "week", "month"
LIMIT = 2000
PAPER_ROLE = Qt.ItemDataRole.UserRole


def start_of(period: str, now: datetime) -> datetime | None:
    """Where "this week" (from Monday) or "this month" begins; None for everything."""
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == WEEK:
        return today - timedelta(days=today.weekday())
    if period == MONTH:
        return today.replace(day=1)
    return None


class ActivityView(QDialog):
    """A timeline of status changes across the library.

    Signals:
        paperActivated(int): an entry was clicked; the paper's id.
    """

    paperActivated = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityView")
        self.setWindowTitle(self.tr("Activity"))
        self.library = library
        self.buttons = QButtonGroup(self)
        row = QHBoxLayout()
        for key, label in (
            (WEEK, self.tr("This &week")),
            (MONTH, self.tr("This &month")),
            (ALL, self.tr("&Everything")),
        ):
            button = QRadioButton(label)
            button.setObjectName(f"activity-{key}")
            button.setProperty("period", key)
            self.buttons.addButton(button)
            row.addWidget(button)
            if key == ALL:
                button.setChecked(True)
        row.addStretch(1)
        self.count_label = QLabel()
        row.addWidget(self.count_label)
        self.tree = QTreeWidget()
        self.tree.setObjectName("activityList")
        self.tree.setAccessibleName(self.tr("Status changes, newest first"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([self.tr("When"), self.tr("Change"), self.tr("Paper")])
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        self.resize(820, 560)
        self.buttons.buttonToggled.connect(self._toggled)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.refresh()

    def _toggled(self, _button: QRadioButton, on: bool) -> None:
        if on:
            self.refresh()

    def set_library(self, library: Library) -> None:
        self.library = library
        self.refresh()

    def period(self) -> str:
        checked = self.buttons.checkedButton()
        return str(checked.property("period")) if checked is not None else ALL

    def set_period(self, period: str) -> None:
        for button in self.buttons.buttons():
            if button.property("period") == period:
                button.setChecked(True)

    def refresh(self) -> None:
        """Read the timeline again for the chosen period."""
        entries = self.library.activity(start_of(self.period(), utcnow()), LIMIT)
        self.tree.clear()
        items = []
        for entry in entries:
            change = (
                f"{status_label(entry.old_status)} → {status_label(entry.new_status)}"
                if entry.old_status
                else status_label(entry.new_status)
            )
            # Local time, as the locale writes it ("25 nov. 2026 14:02").
            item = QTreeWidgetItem([format_datetime(entry.at), change, entry.title])
            item.setData(0, PAPER_ROLE, entry.paper_id)
            item.setToolTip(2, entry.title)
            items.append(item)
        self.tree.addTopLevelItems(items)
        shown = len(items)
        self.count_label.setText(
            self.tr("Changes: {n}").format(n=shown)
            if shown < LIMIT
            else self.tr("The latest {n} changes").format(n=LIMIT)
        )

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        paper_id = item.data(0, PAPER_ROLE)
        if paper_id is not None:
            self.paperActivated.emit(int(paper_id))
