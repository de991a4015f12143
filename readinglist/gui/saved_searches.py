"""The sidebar's SAVED section: named queries with their live counts; click one to search it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.icons import icon

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
QUERY_ROLE = Qt.ItemDataRole.UserRole + 2


class _SearchList(QListWidget):
    """The saved searches; coming in by Tab marks the first, so focus is seen."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.currentItem() is None and self.count() and self.item(0).flags():
            self.setCurrentRow(0)


class SavedSearchPanel(QWidget):
    """Saved searches (``savedSearches``): a list of names with counts, and a Save button.

    Signals:
        searchChosen(str): the query of the saved search the user activated.
        saveRequested(): save the current search under a name.
        renameRequested(str), editRequested(str), deleteRequested(str): by name.
    """

    searchChosen = Signal(str)
    saveRequested = Signal()
    renameRequested = Signal(str)
    editRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearches")
        self.setAccessibleName(self.tr("Saved searches"))
        heading = QLabel(self.tr("SAVED"))
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.9)
        heading.setFont(font)
        heading.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.save_button = QToolButton()
        self.save_button.setObjectName("saveSearchButton")
        self.save_button.setIcon(icon("add"))
        self.save_button.setAutoRaise(True)
        self.save_button.setToolTip(self.tr("Save the current search (Ctrl+S in the search field)"))
        self.save_button.setAccessibleName(self.tr("Save the current search"))
        self.save_button.clicked.connect(self.saveRequested)
        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 0, 0)
        top.addWidget(heading, 1)
        top.addWidget(self.save_button)
        self.list = _SearchList()
        self.list.setObjectName("savedSearchList")
        self.list.setAccessibleName(self.tr("Saved searches"))
        self.list.setAccessibleDescription(
            self.tr("Enter searches for one; the context menu renames, edits or deletes it")
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Focus is seen even while the list holds only its hint.
        self.list.setStyleSheet("QListWidget:focus { border: 1px solid palette(highlight); }")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.set_searches([])

    def set_searches(self, searches: list[tuple[str, str, int | None]]) -> None:
        """Show ``(name, query, count)`` entries; a count of None is a query that cannot be read."""
        current = self.current_name()
        self.list.clear()
        for name, query, count in searches:
            shown = "?" if count is None else str(count)
            item = QListWidgetItem(f"{name}  ({shown})")
            item.setData(NAME_ROLE, name)
            item.setData(QUERY_ROLE, query)
            item.setToolTip(query)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("{name}, {count} papers").format(name=name, count=shown),
            )
            self.list.addItem(item)
            if name == current:
                self.list.setCurrentItem(item)
        if not searches:
            hint = QListWidgetItem(self.tr("Save a search to see it here"))
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(hint)

        rows = max(1, min(len(searches), 6))
        self.list.setFixedHeight(rows * (self.list.fontMetrics().height() + 6) + 6)

    def names(self) -> list[str]:
        return [
            self.list.item(i).data(NAME_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).data(NAME_ROLE)
        ]

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(NAME_ROLE)

    def item_for(self, name: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(NAME_ROLE) == name:
                return self.list.item(i)
        return None

    def _chosen(self, item: QListWidgetItem) -> None:
        query = item.data(QUERY_ROLE)
        if query is not None:
            self.searchChosen.emit(query)

    def _menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        name = None if item is None else item.data(NAME_ROLE)
        if not name:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("&Rename…"), lambda: self.renameRequested.emit(name))
        menu.addAction(self.tr("&Edit the query…"), lambda: self.editRequested.emit(name))
        menu.addAction(self.tr("&Delete"), lambda: self.deleteRequested.emit(name))
        menu.popup(self.list.viewport().mapToGlobal(pos))
