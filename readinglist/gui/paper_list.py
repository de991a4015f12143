"""The paper list: the search row, the filter bar, the table and its empty state."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.i18n import format_number
from readinglist.gui.icons import icon
from readinglist.gui.paper_model import (
    COL_ADDED,
    COL_AUTHORS,
    COL_LAB,
    COL_QUEUE,
    COL_RATING,
    COL_SOURCE,
    COL_STATUS,
    COL_TITLE,
    COL_VENUE,
    COL_YEAR,
    PaperTableModel,
)
from readinglist.gui.search_field import SearchField
from readinglist.library.query import Query

TABLE_PAGE, EMPTY_RESULT_PAGE = 0, 1

# Title stretches into what the others leave; these fit their usual content.
DEFAULT_WIDTHS = {
    COL_TITLE: 300,
    COL_AUTHORS: 190,
    COL_STATUS: 90,
    COL_RATING: 76,
    COL_ADDED: 86,
    COL_SOURCE: 120,
    COL_QUEUE: 44,
    COL_YEAR: 56,
    COL_VENUE: 150,
    COL_LAB: 90,
}
# Shown once the user asks (right-click on the header): listings carry neither.
# The Lab column is shown when the library is in a lab (``PaperList.set_lab``).
HIDDEN_BY_DEFAULT = (COL_YEAR, COL_VENUE, COL_LAB)


class PaperTable(QTableView):
    """The paper list view; tab leaves it rather than moving between cells; Enter opens.

    Signals:
        openRequested: Enter or a double-click on a paper (open its attachment).
    """

    openRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paperTable")
        self.setAccessibleName(self.tr("Papers"))
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        # Fixed row heights: the view never asks 100k rows for their size.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setAccessibleName(self.tr("Columns; click one to sort by it"))
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Papers are dragged to reorder the queue (the model refuses drops elsewhere).
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.doubleClicked.connect(lambda _index: self.openRequested.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.openRequested.emit()
            return
        super().keyPressEvent(event)


class PaperList(QWidget):
    """Search row (field and count), filter bar, and the table or its "no results" page.

    Signals:
        clearRequested: the user asked to clear the search and filters.
    """

    clearRequested = Signal()

    def __init__(
        self,
        model: PaperTableModel,
        parser: Callable[[str], Query],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paperListPane")
        self.model = model
        # Whether the library is in a lab: the Lab column exists only then.
        self.in_lab = False

        self.search_edit = SearchField(parser)
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.search_edit.setPlaceholderText(self.tr("Search titles, authors, abstracts and notes"))
        self.search_edit.setToolTip(self.tr("Search (Ctrl+F or /); Esc clears"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setAccessibleName(self.tr("Number of papers shown"))
        self.count_label.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("000000 of 000000 papers")
        )
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.filter_label = QLabel()
        self.filter_label.setObjectName("filterLabel")
        self.filter_label.setWordWrap(True)
        self.clear_filters_button = QToolButton()
        self.clear_filters_button.setObjectName("clearFiltersButton")
        self.clear_filters_button.setText(self.tr("Clear filters"))
        self.clear_filters_button.setIcon(icon("filter-off"))
        self.clear_filters_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear_filters_button.setAccessibleName(self.tr("Clear all filters"))
        self.clear_filters_button.clicked.connect(self.clearRequested)
        self.filter_bar = QWidget()
        self.filter_bar.setObjectName("filterBar")
        filter_row = QHBoxLayout(self.filter_bar)
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.addWidget(self.filter_label, 1)
        filter_row.addWidget(self.clear_filters_button)
        self.filter_bar.hide()

        self.table = PaperTable()
        self.table.setModel(model)
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        for column, width in DEFAULT_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for column in HIDDEN_BY_DEFAULT:
            header.setSectionHidden(column, True)

        self.no_results = QWidget()
        self.no_results.setObjectName("noResultsPage")
        empty_layout = QVBoxLayout(self.no_results)
        empty_layout.addStretch(1)
        self.no_results_label = QLabel()
        self.no_results_label.setObjectName("noResultsLabel")
        self.no_results_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_results_label.setWordWrap(True)
        font = self.no_results_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.no_results_label.setFont(font)
        empty_layout.addWidget(self.no_results_label)
        self.no_results_button = QPushButton(
            icon("filter-off"), self.tr("&Clear search and filters")
        )
        self.no_results_button.setObjectName("noResultsClearButton")
        self.no_results_button.setAccessibleName(self.tr("Clear search and filters"))
        self.no_results_button.clicked.connect(self.clearRequested)
        empty_layout.addWidget(self.no_results_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.no_results)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count_label)
        layout.addLayout(search_row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table_stack, 1)
        self.setTabOrder(self.search_edit, self.table)

    def show_counts(self, shown: int, total: int, filtered: bool) -> None:
        """The count beside the search, and the empty page when nothing matches."""
        if not filtered:
            self.count_label.setText(self.tr("%Ln papers", "", total))
        else:
            self.count_label.setText(
                self.tr("{shown} of %Ln papers", "", total).format(shown=format_number(shown))
            )
        if shown == 0 and total > 0:
            text = self.search_edit.text().strip()
            self.no_results_label.setText(
                self.tr("No papers match “{text}”.").format(text=text)
                if text
                else self.tr("No papers match these filters.")
            )
            self.table_stack.setCurrentIndex(EMPTY_RESULT_PAGE)
        else:
            self.table_stack.setCurrentIndex(TABLE_PAGE)

    def show_filters(self, parts: Sequence[str]) -> None:
        """The bar that says which filters are in force (hidden when none)."""
        self.filter_label.setText(
            self.tr("Showing only {filters}").format(filters="; ".join(parts))
        )
        self.filter_bar.setVisible(bool(parts))

    def set_lab(self, in_lab: bool) -> None:
        """Show the Lab column once the library is in a lab; outside one, hide it (menu too)."""
        header = self.table.horizontalHeader()
        if in_lab and not self.in_lab:
            header.setSectionHidden(COL_LAB, False)
        elif not in_lab:
            header.setSectionHidden(COL_LAB, True)
        self.in_lab = in_lab

    def _header_menu(self, pos: QPoint) -> None:
        """Right-click on the header: show or hide columns (the title always stays)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            if column in (COL_TITLE, COL_QUEUE) or (column == COL_LAB and not self.in_lab):
                continue
            name = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        menu.popup(header.mapToGlobal(pos))
