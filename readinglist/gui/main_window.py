"""The main window: sidebar, search and paper table, detail pane, menus, import and restore."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readinglist.assets import seed_files
from readinglist.gui import appearance, keyboard
from readinglist.gui.backup_dialog import RestoreDialog
from readinglist.gui.detail import DetailPane
from readinglist.gui.export_dialog import FormatActions
from readinglist.gui.facets import ALL, TRASH, FacetPanel, FacetSelection
from readinglist.gui.i18n import format_number
from readinglist.gui.icons import app_icon, icon
from readinglist.gui.import_dialog import ImportDialog
from readinglist.gui.language_menu import add_language_menu
from readinglist.gui.library_actions import LibraryActions, open_with_system
from readinglist.gui.paper_model import (
    COL_ADDED,
    COL_AUTHORS,
    COL_QUEUE,
    COL_RATING,
    COL_SOURCE,
    COL_STATUS,
    COL_TITLE,
    COLUMN_SORT,
    PaperTableModel,
    status_label,
)
from readinglist.gui.saved_searches import SavedSearchPanel
from readinglist.gui.search_field import SearchField
from readinglist.gui.settings import Preferences, WindowState
from readinglist.gui.tasks import Task, run_task, wait_for_tasks
from readinglist.gui.welcome import WelcomePage
from readinglist.gui.workflow import add_view_actions
from readinglist.library import (
    STATUSES,
    Facets,
    ImportReport,
    Library,
    LibraryError,
    PaperFilter,
    restore_backup,
)

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
FACETS_DELAY_MS = 300
PAGE_WELCOME, PAGE_LIBRARY = 0, 1
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
}
DEFAULT_SIZE = (1440, 900)


class SearchEdit(QLineEdit):
    """The search field: Esc clears it (when empty: back to the table); Down goes to the table."""

    leaveRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self.leaveRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.leaveRequested.emit()
            return
        super().keyPressEvent(event)


class PaperTable(QTableView):
    """The paper list view; tab leaves it rather than moving between cells; Enter opens."""

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


class MainWindow(QMainWindow):
    """The app over one library; ``model`` and ``apply_filter_now`` serve tests and benchmarks."""

    libraryChanged = Signal()
    facetsRefreshed = Signal()
    reloaded = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library = library
        self.data_dir = Path(library.data_dir)
        self.setWindowTitle(self.tr("readinglist"))
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.state_store = WindowState.store(self.data_dir)
        self.selection = FacetSelection()
        self.total = 0
        self.import_dialog: ImportDialog | None = None
        self._facets_task: Task | None = None
        self._facets_pending = False
        self._closed = False
        self._reload_generation = 0

        self.model = PaperTableModel(library, self)
        self._build_central()
        self._build_actions()
        self.library_actions = LibraryActions(self)
        self._build_menus()
        self._connect()
        self._restore_state()
        self._load()
        run_task(
            lambda _ctx, lib: lib.backup_if_due(),
            library,
            on_error=self._backup_failed,
            parent=self,
        )

    # -- building ----------------------------------------------------------

    def _build_central(self) -> None:
        self.welcome = WelcomePage()
        self.welcome.importSamplesRequested.connect(self.import_samples)
        self.welcome.importFileRequested.connect(self.choose_import_files)

        self.facet_panel = FacetPanel()
        self.facet_panel.setMinimumWidth(160)
        self.trash_button = QToolButton()
        self.trash_button.setObjectName("trashEntry")
        self.trash_button.setIcon(icon("trash"))
        self.trash_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.trash_button.setCheckable(True)
        self.trash_button.setAutoRaise(True)
        self.trash_button.setText(self.tr("Trash"))
        self.trash_button.setToolTip(self.tr("Papers you deleted; select some to restore them"))
        self.trash_button.clicked.connect(lambda: self.toggle_facet(TRASH, ""))
        self.sidebar = QWidget()
        self.sidebar.setObjectName("sidebar")
        sidebar_layout = QVBoxLayout(self.sidebar)
        sidebar_layout.setContentsMargins(0, 0, 0, 4)
        sidebar_layout.setSpacing(2)
        self.saved_panel = SavedSearchPanel()
        sidebar_layout.addWidget(self.facet_panel, 1)
        sidebar_layout.addWidget(self.saved_panel)
        sidebar_layout.addWidget(self.trash_button)

        self.search_edit = SearchField(lambda text: self.library.parse_query(text))
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
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.filter_bar = QWidget()
        self.filter_bar.setObjectName("filterBar")
        filter_row = QHBoxLayout(self.filter_bar)
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.addWidget(self.filter_label, 1)
        filter_row.addWidget(self.clear_filters_button)
        self.filter_bar.hide()

        self.table = PaperTable()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        for column, width in DEFAULT_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

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
        self.no_results_button.clicked.connect(self.clear_filters)
        empty_layout.addWidget(self.no_results_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.no_results)

        middle = QWidget()
        middle.setObjectName("paperListPane")
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(6, 6, 6, 0)
        middle_layout.setSpacing(6)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count_label)
        middle_layout.addLayout(search_row)
        middle_layout.addWidget(self.filter_bar)
        middle_layout.addWidget(self.table_stack, 1)

        self.detail = DetailPane(self.library)
        self.detail.setMinimumWidth(300)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)

        self.pages = QStackedWidget()
        self.pages.setObjectName("centralPages")
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self.setTabOrder(self.search_edit, self.table)
        self.setTabOrder(self.table, self.detail.status_selector)
        self.setTabOrder(self.detail.status_selector, self.detail.rating_selector)
        self.setTabOrder(self.detail.rating_selector, self.detail.tag_editor)
        self.setTabOrder(self.detail.tag_editor, self.detail.note_tabs)
        self.setTabOrder(self.detail.note_tabs, self.detail.notes_edit)
        self.setTabOrder(self.detail.notes_edit, self.facet_panel)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter_now)
        self._facets_timer = QTimer(self)
        self._facets_timer.setSingleShot(True)
        self._facets_timer.setInterval(FACETS_DELAY_MS)
        self._facets_timer.timeout.connect(self.refresh_facets)
        self.statusBar().setObjectName("statusBar")

    def _action(
        self,
        text: str,
        slot,
        shortcut: QKeySequence | str | list | None = None,
        icon_name: str | None = None,
        name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.import_action = self._action(
            self.tr("&Import listings…"),
            self.choose_import_files,
            QKeySequence("Ctrl+I"),
            "import",
            "importAction",
        )
        self.import_samples_action = self._action(
            self.tr("Import the &sample listings"),
            self.import_samples,
            None,
            "book",
            "importSamplesAction",
        )
        self.backup_action = self._action(
            self.tr("&Back up now"), self.backup_now, None, "backup", "backupAction"
        )
        self.restore_action = self._action(
            self.tr("&Restore from backup…"), self.choose_backup, None, "restore", "restoreAction"
        )
        self.quit_action = self._action(
            self.tr("&Quit"),
            self.close,
            QKeySequence(QKeySequence.StandardKey.Quit),
            "quit",
            "quitAction",
        )
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.find_action = self._action(
            self.tr("&Find"),
            self.focus_search,
            [QKeySequence("Ctrl+F"), QKeySequence("/")],
            "search",
            "findAction",
        )
        self.clear_filters_action = self._action(
            self.tr("&Clear search and filters"),
            self.clear_filters,
            QKeySequence("Ctrl+Shift+F"),
            "filter-off",
            "clearFiltersAction",
        )
        self.focus_sidebar_action = self._action(
            self.tr("Go to &sidebar"),
            lambda: self.facet_panel.setFocus(Qt.FocusReason.ShortcutFocusReason),
            QKeySequence("Alt+1"),
            None,
            "focusSidebarAction",
        )
        self.focus_table_action = self._action(
            self.tr("Go to &paper list"),
            self.focus_table,
            QKeySequence("Alt+2"),
            None,
            "focusTableAction",
        )
        self.focus_detail_action = self._action(
            self.tr("Go to &details"),
            lambda: self.detail.status_selector.setFocus(Qt.FocusReason.ShortcutFocusReason),
            QKeySequence("Alt+3"),
            None,
            "focusDetailAction",
        )
        self.edit_note_action = self._action(
            self.tr("&Edit note"), self.edit_note, QKeySequence("Ctrl+E"), "note", "editNoteAction"
        )
        self.add_tag_action = self._action(
            self.tr("Add &tag…"), self.add_tag, QKeySequence("Ctrl+T"), "tag", "addTagAction"
        )
        self.status_actions: list[QAction] = []
        for number, status in enumerate(STATUSES, start=1):
            action = QAction(status_label(status), self)
            action.setObjectName(f"statusAction_{status}")
            action.setShortcut(QKeySequence(str(number)))
            # Bare digits belong to the table: typing them anywhere else stays typing.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, s=status: self.set_status(s))
            self.table.addAction(action)
            self.status_actions.append(action)
        self.rating_actions: list[QAction] = []
        for stars in range(6):
            text = self.tr("No rating") if stars == 0 else self.tr("%n star(s)", "", stars)
            action = self._action(
                text,
                lambda n=stars: self.set_rating(n),
                QKeySequence(f"Ctrl+{stars}"),
                None,
                f"ratingAction_{stars}",
            )
            self.rating_actions.append(action)
        self.scheme_group = QActionGroup(self)
        self.scheme_actions: dict[str, QAction] = {}
        for choice, label in (
            (appearance.SYSTEM, self.tr("Follow the &system")),
            (appearance.LIGHT, self.tr("&Light")),
            (appearance.DARK, self.tr("&Dark")),
        ):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setObjectName(f"scheme_{choice}")
            action.triggered.connect(lambda _checked=False, c=choice: self.set_color_scheme(c))
            self.scheme_group.addAction(action)
            self.scheme_actions[choice] = action
        current = Preferences.COLOR_SCHEME.read(Preferences.store())
        self.scheme_actions.get(current, self.scheme_actions[appearance.SYSTEM]).setChecked(True)
        self.about_action = self._action(
            self.tr("&About readinglist"), self.show_about, None, None, "aboutAction"
        )
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"),
            self.show_shortcuts,
            QKeySequence("F1"),
            None,
            "shortcutsAction",
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        acts = self.library_actions
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(acts.new_paper_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_samples_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("editMenu")
        edit_menu.addAction(acts.undo_action)
        edit_menu.addAction(acts.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(acts.history_action)
        edit_menu.addSeparator()
        edit_menu.addAction(acts.duplicates_action)
        edit_menu.addAction(acts.empty_trash_action)
        edit_menu.addSeparator()
        edit_menu.addAction(acts.settings_action)

        self.format_actions = FormatActions(self, file_menu, edit_menu)  # export, copy, paste

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.clear_filters_action)
        view_menu.addSeparator()
        view_menu.addAction(self.focus_sidebar_action)
        view_menu.addAction(self.focus_table_action)
        view_menu.addAction(self.focus_detail_action)
        view_menu.addSeparator()
        add_view_actions(self, view_menu)
        scheme_menu = view_menu.addMenu(self.tr("&Appearance"))
        for action in self.scheme_actions.values():
            scheme_menu.addAction(action)
        add_language_menu(self, view_menu)

        paper_menu = bar.addMenu(self.tr("&Paper"))
        status_menu = paper_menu.addMenu(self.tr("Set &status"))
        for action in self.status_actions:
            status_menu.addAction(action)
        rating_menu = paper_menu.addMenu(self.tr("Set &rating"))
        for action in self.rating_actions:
            rating_menu.addAction(action)
        paper_menu.addAction(self.add_tag_action)
        paper_menu.addAction(self.edit_note_action)
        paper_menu.addAction(acts.edit_paper_action)
        paper_menu.addSeparator()
        paper_menu.addAction(acts.open_action)
        paper_menu.addAction(acts.attach_file_action)
        paper_menu.addAction(acts.add_link_action)
        paper_menu.addSeparator()
        paper_menu.addAction(acts.read_next_action)
        queue_menu = paper_menu.addMenu(self.tr("&Queue"))
        for action in (
            acts.move_up_action,
            acts.move_down_action,
            acts.move_top_action,
            acts.move_bottom_action,
        ):
            queue_menu.addAction(action)
        paper_menu.addSeparator()
        paper_menu.addAction(acts.delete_action)
        paper_menu.addAction(acts.restore_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.leaveRequested.connect(self.focus_table)
        self.facet_panel.facetActivated.connect(self.toggle_facet)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.detail.statusRequested.connect(self.set_status)
        self.detail.ratingRequested.connect(self.set_rating)
        self.detail.tagsAdded.connect(lambda tags: self.change_tags(add=tags))
        self.detail.tagRemoved.connect(lambda tag: self.change_tags(remove=[tag]))
        self.detail.authorRequested.connect(self.filter_by_author)
        self.detail.noteSaved.connect(lambda _pid: self.library_actions.note_own_change())
        self.detail.editRequested.connect(self.library_actions.edit_paper)
        self.detail.attachmentOpened.connect(
            lambda pid, att: self.library_actions.open_attachment(pid, att)
        )
        self.detail.attachmentLocate.connect(self.library_actions.locate)
        self.detail.attachmentRemoved.connect(self.library_actions.detach)
        self.detail.attachFileRequested.connect(lambda: self.library_actions.attach_file())
        self.detail.addLinkRequested.connect(lambda: self.library_actions.add_link())
        self.library_actions.papersChanged.connect(self._papers_changed)
        # Ctrl+S saves the search while typing in the field (elsewhere it is free).
        save = self.library_actions.save_search_action
        self.removeAction(save)
        save.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.search_edit.addAction(save)
        self.saved_panel.searchChosen.connect(self.search_for)
        self.saved_panel.saveRequested.connect(lambda: self.library_actions.save_current_search())
        self.saved_panel.renameRequested.connect(lambda n: self.library_actions.rename_search(n))
        self.saved_panel.editRequested.connect(lambda n: self.library_actions.edit_search(n))
        self.saved_panel.deleteRequested.connect(self.library_actions.delete_search)
        self.library_actions.structureChanged.connect(self._structure_changed)
        self.table.openRequested.connect(lambda: self.library_actions.open_first())
        self.model.queueDrop.connect(self.library_actions.move_dropped)
        # The table's Del: in text fields Delete keeps deleting text.
        self.removeAction(self.library_actions.delete_action)
        self.library_actions.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.library_actions.delete_action)

    # -- state -------------------------------------------------------------

    def _restore_state(self) -> None:
        store = self.state_store
        geometry = WindowState.GEOMETRY.read(store)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self._default_geometry()
        self.restoreState(WindowState.WINDOW.read(store))
        splitter = WindowState.MAIN_SPLITTER.read(store)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        detail_splitter = WindowState.DETAIL_SPLITTER.read(store)
        if not detail_splitter.isEmpty():
            self.detail.splitter.restoreState(detail_splitter)
        header_state = WindowState.HEADER.read(store)
        if not header_state.isEmpty():
            # Quietly: the sort indicator it restores would query the whole
            # library once more before _load queries it anyway.
            self.table.horizontalHeader().blockSignals(True)
            self.table.horizontalHeader().restoreState(header_state)
            self.table.horizontalHeader().blockSignals(False)
        # The "#" column is the queue view's alone.
        self.table.horizontalHeader().setSectionHidden(COL_QUEUE, True)
        column = WindowState.SORT_COLUMN.read(store)
        if column == COL_QUEUE:
            column = COL_TITLE
        descending = WindowState.SORT_DESCENDING.read(store)
        self.model.sort_column = column if 0 <= column < self.model.columnCount() else COL_TITLE
        self.model.sort_order = (
            Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        self.table.horizontalHeader().blockSignals(True)
        self.table.horizontalHeader().setSortIndicator(
            self.model.sort_column, self.model.sort_order
        )
        self.table.horizontalHeader().blockSignals(False)
        self.table.horizontalHeader().setSectionsClickable(True)
        # Filters remembered apart by older versions join the search text,
        # where the sidebar's filters are written now.
        older = FacetSelection(
            statuses=frozenset(s for s in WindowState.FILTER_STATUSES.read(store) if s in STATUSES),
            listing=WindowState.FILTER_LISTING.read(store) or None,
            tag=WindowState.FILTER_TAG.read(store) or None,
            author=WindowState.FILTER_AUTHOR.read(store) or None,
        )
        text = WindowState.SEARCH_TEXT.read(store)
        if not older.is_empty:
            text = older.with_text(text) if FacetSelection.from_text(text).is_empty else text
        self.selection = FacetSelection.from_text(text)
        self._set_search_text(text)
        self.detail.note_tabs.setCurrentIndex(WindowState.NOTE_TAB.read(store))

    def _default_geometry(self) -> None:
        width, height = DEFAULT_SIZE
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 40)
        self.resize(width, height)
        sidebar = 190
        detail = max(340, min(420, width // 4))
        self.splitter.setSizes([sidebar, width - sidebar - detail, detail])

    def _header_menu(self, pos) -> None:
        """Right-click on the header: show or hide columns (the title always stays)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            if column == COL_TITLE:
                continue
            name = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        menu.popup(header.mapToGlobal(pos))

    def save_state(self) -> None:
        store = self.state_store
        WindowState.GEOMETRY.write(store, self.saveGeometry())
        WindowState.WINDOW.write(store, self.saveState())
        WindowState.MAIN_SPLITTER.write(store, self.splitter.saveState())
        WindowState.DETAIL_SPLITTER.write(store, self.detail.splitter.saveState())
        WindowState.HEADER.write(store, self.table.horizontalHeader().saveState())
        column, order = self.model.sort_column, self.model.sort_order
        if self.model.queue_mode:
            column, order = getattr(self, "_sort_before_queue", (COL_TITLE, order))
        WindowState.SORT_COLUMN.write(store, column)
        WindowState.SORT_DESCENDING.write(store, order == Qt.SortOrder.DescendingOrder)
        WindowState.SEARCH_TEXT.write(store, self.search_edit.text())
        WindowState.FILTER_STATUSES.write(store, sorted(self.selection.statuses))
        WindowState.FILTER_LISTING.write(store, self.selection.listing or "")
        WindowState.FILTER_TAG.write(store, self.selection.tag or "")
        WindowState.FILTER_AUTHOR.write(store, self.selection.author or "")
        WindowState.NOTE_TAB.write(store, self.detail.note_tabs.currentIndex())
        store.sync()

    # -- loading -----------------------------------------------------------

    def _load(self) -> None:
        """Fill the window from the library; the sidebar follows from a worker."""
        self.total = self.library.count()
        self.pages.setCurrentIndex(PAGE_LIBRARY if self.total else PAGE_WELCOME)
        self.apply_filter_now()
        self.refresh_facets()

    def apply_filter_now(self) -> None:
        """Query the library for the current search and sidebar filters and show the result."""
        self._search_timer.stop()
        self._reload_generation += 1
        current = self.current_paper_id()
        # The sidebar shows what the search text says (it may have been typed).
        self.selection = FacetSelection.from_text(
            self.search_edit.text(), trash=self.selection.trash
        )
        flt = self.current_filter()
        self._follow_queue_view()
        self.model.set_filter(flt)
        self._show_result(flt, current)

    def _follow_queue_view(self) -> None:
        """To read alone is the queue: its order and a "#" column; leaving it, the old sort."""
        queue = self.selection.queue_view
        if queue == self.model.queue_mode:
            return
        self.model.queue_mode = queue
        header = self.table.horizontalHeader()
        header.setSectionHidden(COL_QUEUE, not queue)
        if queue:
            self._sort_before_queue = (self.model.sort_column, self.model.sort_order)
            column, order = COL_QUEUE, Qt.SortOrder.AscendingOrder
        else:
            column, order = getattr(
                self, "_sort_before_queue", (COL_TITLE, Qt.SortOrder.AscendingOrder)
            )
            if column == COL_QUEUE:
                column = COL_TITLE
        self.model.sort_column, self.model.sort_order = column, order
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        if queue:
            header.moveSection(header.visualIndex(COL_QUEUE), 0)

    def current_filter(self) -> PaperFilter:
        # The sidebar's filters are terms of the query; only the Trash is a place.
        return PaperFilter(trash=self.selection.trash, query=self.search_edit.query())

    def reload_in_background(self) -> Task:
        """Recount and requery in a worker (after an import), then show the result."""
        flt = self.current_filter()
        sort = COLUMN_SORT[self.model.sort_column]
        descending = self.model.sort_order == Qt.SortOrder.DescendingOrder
        self._reload_generation += 1
        generation = self._reload_generation

        def query(_ctx, library: Library) -> tuple[int, list[int]]:
            return library.count(), library.paper_ids(flt, sort, descending)

        def done(result: tuple[int, list[int]]) -> None:
            # A newer filter, sort or reload since then has the final word.
            if self._closed or generation != self._reload_generation:
                return
            if flt != self.current_filter() or COLUMN_SORT[self.model.sort_column] != sort:
                self.total = result[0]
                self.apply_filter_now()
            else:
                self.total, ids = result
                current = self.current_paper_id()
                self.model.set_ids(ids, flt)
                self._show_result(flt, current)
            self.reloaded.emit()

        return run_task(query, self.library, on_result=done, parent=self)

    def _show_result(self, flt: PaperFilter, current: int | None) -> None:
        self.pages.setCurrentIndex(
            PAGE_LIBRARY if self.total or self.selection.trash else PAGE_WELCOME
        )
        self.facet_panel.set_selection(self.selection)
        self.trash_button.setChecked(self.selection.trash)
        shown = self.model.rowCount()
        if flt.is_empty:
            self.count_label.setText(self.tr("%Ln papers", "", self.total))
        else:
            self.count_label.setText(
                self.tr("{shown} of %Ln papers", "", self.total).format(shown=format_number(shown))
            )
        self._update_filter_bar()
        if shown == 0 and self.total > 0:
            text = self.search_edit.text().strip()
            self.no_results_label.setText(
                self.tr("No papers match “{text}”.").format(text=text)
                if text
                else self.tr("No papers match these filters.")
            )
            self.table_stack.setCurrentIndex(EMPTY_RESULT_PAGE)
        else:
            self.table_stack.setCurrentIndex(TABLE_PAGE)
        # Keep the paper the user was on; otherwise show the first, so the
        # detail pane is filled and the arrows start from the top.
        if (current is None or not self.select_paper(current)) and shown:
            self.table.selectRow(0)

    def _update_filter_bar(self) -> None:
        parts = []
        sel = self.selection
        if sel.statuses:
            names = ", ".join(status_label(s) for s in STATUSES if s in sel.statuses)
            parts.append(self.tr("status: {names}").format(names=names))
        if sel.listing:
            parts.append(self.tr("listing: {name}").format(name=sel.listing))
        if sel.tag:
            parts.append(self.tr("tag: {name}").format(name=sel.tag))
        if sel.author:
            parts.append(self.tr("author: {name}").format(name=sel.author))
        if sel.trash:
            parts.append(self.tr("the Trash"))
        self.filter_label.setText(
            self.tr("Showing only {filters}").format(filters="; ".join(parts))
        )
        self.filter_bar.setVisible(bool(parts))

    def refresh_facets(self) -> None:
        """Recount the sidebar in a worker; requests while one runs make one more run."""
        if self._closed:
            return
        if self._facets_task is not None:
            self._facets_pending = True
            return
        self._facets_task = run_task(
            lambda _ctx, library: (library.facets(), library.tags()),
            self.library,
            on_result=self._facets_ready,
            on_error=self._facets_failed,
            parent=self,
        )

    def _facets_ready(self, result: tuple[Facets, list[str]]) -> None:
        self._facets_task = None
        if self._closed:
            return
        facets, tags = result
        self.refresh_saved_searches()
        self.search_edit.set_known(facets, tags)
        self.facet_panel.set_facets(facets)
        self.trash_button.setText(self.tr("Trash ({count})").format(count=facets.trashed))
        self.trash_button.setAccessibleName(self.tr("Trash, %n paper(s)", "", facets.trashed))
        self.detail.tag_editor.set_known_tags(tags)
        if facets.total != self.total:
            self.reload_in_background()
        if self._facets_pending:
            self._facets_pending = False
            self.refresh_facets()
        else:
            self.facetsRefreshed.emit()

    def _backup_failed(self, exc: BaseException) -> None:
        # backup_if_due keeps a failed copy from stopping anyone; this is
        # what it did not foresee, logged (the next start tries again).
        log.warning("The daily backup failed: %s", exc)

    def _facets_failed(self, exc: BaseException) -> None:
        self._facets_task = None
        if self._closed:
            return
        log.warning("Counting the sidebar failed: %s", exc)
        if not isinstance(exc, LibraryError):
            raise exc

    # -- filtering ---------------------------------------------------------

    def _set_search_text(self, text: str) -> None:
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)

    def toggle_facet(self, kind: str, value: str) -> None:
        """A sidebar entry was activated: its term goes into (or out of) the search text."""
        text = self.search_edit.text()
        if kind == ALL:
            self.selection = FacetSelection()
            self._set_search_text(FacetSelection().with_text(text))
        elif kind == TRASH:
            self.selection = FacetSelection.from_text(text, trash=not self.selection.trash)
        else:
            current = FacetSelection.from_text(text, trash=False)
            self.selection = current.toggled(kind, value)
            composed = self.selection.with_text(text)
            # A space after the terms: what the user types next is a word of its own.
            self._set_search_text(composed + " " if composed else "")
        self.apply_filter_now()

    def search_for(self, query: str) -> None:
        """Show what ``query`` finds (a saved search): the field says it, the sidebar follows."""
        self.selection = FacetSelection()
        self._set_search_text(query)
        self.apply_filter_now()

    def refresh_saved_searches(self) -> None:
        """Recount the saved searches in a worker and show them."""
        if self._closed:
            return

        def count(_ctx, library: Library) -> list[tuple[str, str, int | None]]:
            out: list[tuple[str, str, int | None]] = []
            for name, query in library.saved_searches():
                try:
                    out.append((name, query, library.count_query(query)))
                except LibraryError:
                    out.append((name, query, None))
            return out

        run_task(
            count,
            self.library,
            on_result=lambda found: None if self._closed else self.saved_panel.set_searches(found),
            on_error=self._facets_failed_quietly,
            parent=self,
        )

    def _facets_failed_quietly(self, exc: BaseException) -> None:
        log.warning("Counting the saved searches failed: %s", exc)

    def filter_by_author(self, name: str) -> None:
        # An author link is a new question: "what else did they write?", so the
        # search and other filters are dropped rather than combined.
        self.selection = FacetSelection(author=name)
        self._set_search_text(self.selection.terms())
        self.apply_filter_now()
        self.statusBar().showMessage(self.tr("Showing papers by {name}").format(name=name), 4000)

    def clear_filters(self) -> None:
        self.selection = FacetSelection()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.apply_filter_now()
        item = self.facet_panel.find_item(ALL)
        if item is not None:
            self.facet_panel.setCurrentItem(item)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)

    # -- selection ---------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        if not rows:
            current = self.table.currentIndex()
            if current.isValid():
                rows = [current.row()]
        return self.model.ids_of_rows(rows)

    def current_paper_id(self) -> int | None:
        current = self.table.currentIndex()
        return self.model.paper_id(current.row()) if current.isValid() else None

    def select_paper(self, paper_id: int) -> bool:
        row = self.model.row_of(paper_id)
        if row is None:
            return False
        index = self.model.index(row, COL_TITLE)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _selection_changed(self, *_args) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        current = self.current_paper_id()
        if current is None and selected:
            ids = self.selected_ids()
            current = ids[0] if ids else None
        shown = self.detail.paper.id if self.detail.paper else None
        if current != shown or selected != self.detail.selected_count:
            self.detail.show_paper(current, max(selected, 1 if current is not None else 0))

    # -- changing papers ---------------------------------------------------

    def _changed(self, ids: list[int], message: str) -> None:
        self.model.refresh_papers(ids)
        self.detail.reload()
        self._facets_timer.start()
        self.library_actions.note_own_change()
        self.statusBar().showMessage(message, 4000)
        if self.selection.queue_view and self.selection.statuses:
            # A paper leaving To read leaves the queue view.
            self.reload_in_background()

    def _papers_changed(self, ids: list[int]) -> None:
        self.model.refresh_papers(ids)
        self.detail.reload()
        self._facets_timer.start()

    def _structure_changed(self) -> None:
        """Papers came or went (added, trashed, merged, undone): query the list again."""
        self.detail.flush_note()
        self.total = self.library.count()
        self.apply_filter_now()
        shown = self.detail.paper.id if self.detail.paper else None
        self.detail.show_paper(shown, self.detail.selected_count, force=True)
        self.refresh_facets()

    def refresh_everything(self) -> None:
        """Another program changed the library: show it as it is now."""
        if self.detail.note_dirty():
            # The user is typing: their note is saved first, then all is shown.
            self.detail.flush_note()
        self.total = self.library.count()
        self.apply_filter_now()
        shown = self.detail.paper.id if self.detail.paper else None
        self.detail.show_paper(shown, self.detail.selected_count, force=True)
        self.refresh_facets()

    def is_closed(self) -> bool:
        return self._closed

    def showing_trash(self) -> bool:
        return self.selection.trash

    def show_added_paper(self, paper_id: int) -> None:
        """Select a paper just added or taken from the queue, clearing filters that hide it."""
        if not self.select_paper(paper_id):
            self.clear_filters()
            self.select_paper(paper_id)

    def open_url(self, url) -> bool:
        return open_with_system(url)

    def _guarded(self, what: str, fn) -> bool:
        try:
            fn()
        except LibraryError as exc:
            QMessageBox.warning(self, what, str(exc))
            return False
        return True

    def set_status(self, status: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if self._guarded(
            self.tr("Could not set the status"), lambda: self.library.set_status(ids, status)
        ):
            self._changed(
                ids,
                self.tr("%n paper(s) marked", "", len(ids)) + " " + status_label(status),
            )

    def set_rating(self, stars: int) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if self._guarded(
            self.tr("Could not set the rating"), lambda: self.library.set_rating(ids, stars)
        ):
            self._changed(ids, self.tr("Rated %n paper(s)", "", len(ids)))

    def change_tags(self, add: list[str] | tuple = (), remove: list[str] | tuple = ()) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if self._guarded(
            self.tr("Could not change the tags"),
            lambda: self.library.change_tags(ids, add=add, remove=remove),
        ):
            self._changed(ids, self.tr("Tags changed on %n paper(s)", "", len(ids)))

    def edit_note(self) -> None:
        if self.detail.paper is None and not self.select_first_if_none():
            return
        self.detail.edit_note()

    def add_tag(self) -> None:
        if self.detail.paper is None and not self.select_first_if_none():
            return
        self.detail.tag_editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_first_if_none(self) -> bool:
        if self.model.rowCount() == 0:
            return False
        if not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        return self.detail.paper is not None

    # -- focus -------------------------------------------------------------

    def focus_search(self) -> None:
        if self.pages.currentIndex() != PAGE_LIBRARY:
            return
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    # -- importing ---------------------------------------------------------

    def choose_import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import listings"),
            str(Path.home()),
            self.tr("Listings and references (*.txt *.bib *.ris *.json);;All files (*)"),
        )
        if paths:
            self.start_import([Path(p) for p in paths])

    def import_samples(self) -> None:
        self.start_import(seed_files())

    def start_import(self, paths: list[Path]) -> ImportDialog | None:
        """Open the import dialog: it reads ``paths`` in a worker and previews before writing."""
        if self.import_dialog is not None and self.import_dialog.isVisible():
            self.import_dialog.raise_()
            return self.import_dialog
        if not paths:
            return None
        self.detail.flush_note()
        dialog = ImportDialog(self.library, paths, self)
        dialog.imported.connect(self._imported)
        dialog.finished.connect(lambda _result: self._import_closed(dialog))
        self.import_dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _import_closed(self, dialog: ImportDialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None
        dialog.deleteLater()
        # The library froze the listing's objects out of garbage collection
        # while they were in use (see library.core._no_gc_pauses). Once the
        # dialog is gone, what is left is collected once and frozen again.
        gc.unfreeze()
        QTimer.singleShot(1000, self._refreeze)

    def _refreeze(self) -> None:
        gc.collect()
        gc.freeze()

    def _imported(self, reports: list[ImportReport]) -> None:
        self.library_actions.note_own_change()
        # Requeried in a worker: after a big import the whole list is large.
        self.reload_in_background()
        self.refresh_facets()
        self.libraryChanged.emit()
        new = sum(r.new for r in reports)
        self.statusBar().showMessage(self.tr("Imported %n new paper(s)", "", new), 6000)

    def import_files_now(self, paths: list[Path]) -> list[ImportReport]:
        """Import without dialog, on this thread (self-test and benchmarks)."""
        reports = self.library.import_files(paths)
        self.library_actions.note_own_change()
        self.total = self.library.count()
        self.pages.setCurrentIndex(PAGE_LIBRARY if self.total else PAGE_WELCOME)
        self.apply_filter_now()
        self.refresh_facets()
        return reports

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if files and all(p.suffix.lower() == ".pdf" for p in files):
            # A PDF dropped on a paper is that paper's file, not a listing.
            target = self.paper_at(event.position().toPoint()) or self.current_paper_id()
            if target is not None:
                event.acceptProposedAction()
                for path in files:
                    self.library_actions.attach_file(path, target)
                return
        if files:
            event.acceptProposedAction()
            self.start_import(files)
        else:
            super().dropEvent(event)

    def paper_at(self, window_pos) -> int | None:
        """The paper of the table row under a point of the window, if any."""
        viewport = self.table.viewport()
        local = viewport.mapFrom(self, window_pos)
        if not viewport.rect().contains(local):
            return None
        index = self.table.indexAt(local)
        return self.model.paper_id(index.row()) if index.isValid() else None

    # -- backups -----------------------------------------------------------

    def backup_now(self) -> None:
        try:
            path = self.library.backup()
        except LibraryError as exc:
            QMessageBox.warning(self, self.tr("Backup failed"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Backed up to {path}").format(path=path), 6000)

    def choose_backup(self) -> None:
        try:
            backups = self.library.backups()
        except LibraryError as exc:
            QMessageBox.warning(self, self.tr("Restore from backup"), str(exc))
            return
        dialog = RestoreDialog(backups, self)
        dialog.accepted.connect(lambda: self.restore(dialog.chosen_name()))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.restore_dialog = dialog

    def restore(self, name: str | None) -> bool:
        """Put the backup ``name`` in place of the library and show it; False if that failed."""
        if name is None:
            return False
        self.detail.flush_note()
        wait_for_tasks()
        self.library.close()
        restored = True
        try:
            restore_backup(self.data_dir, name)
        except LibraryError as exc:
            restored = False
            QMessageBox.warning(self, self.tr("Restore failed"), str(exc))
        try:
            library = Library.open(self.data_dir, auto_backup=False)
        except LibraryError as exc:
            QMessageBox.critical(self, self.tr("Cannot open the library"), str(exc))
            return False
        # Reopened either way: after a failed restore, the library as it was.
        self.set_library(library)
        if restored:
            self.statusBar().showMessage(
                self.tr("Restored the backup {name}").format(name=name), 6000
            )
        return restored

    def set_library(self, library: Library) -> None:
        self.library = library
        self.model.library = library
        self.detail.set_library(library)
        self._load()
        self.library_actions.update_labels()
        self.libraryChanged.emit()

    # -- appearance and help ----------------------------------------------

    def set_color_scheme(self, choice: str) -> None:
        Preferences.COLOR_SCHEME.write(Preferences.store(), choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            appearance.apply_color_scheme(app, choice)
        self.scheme_actions[choice].setChecked(True)
        self.facet_panel.set_selection(self.selection)

    def show_about(self) -> None:
        from readinglist import __version__

        QMessageBox.about(
            self,
            self.tr("About readinglist"),
            self.tr(
                "<h3>readinglist {version}</h3><p>An offline reading list for researchers:"
                " import lab publication listings, triage, read, rate and annotate.</p>"
                "<p>Your library: {folder}</p>"
            ).format(version=__version__, folder=self.data_dir),
        )

    def show_shortcuts(self) -> None:
        keyboard.show_shortcuts(self)

    # -- closing -----------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_dialog is not None and self.import_dialog.is_busy():
            self.import_dialog.reject()
        saved = self.detail.flush_note()
        if not saved:
            answer = QMessageBox.question(
                self,
                self.tr("The note is not saved"),
                self.tr("The note could not be saved. Close anyway and lose the changes?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_state()
        self._closed = True
        # Nothing may reach the library once the window is gone (it is closed next).
        self._search_timer.stop()
        self._facets_timer.stop()
        self.library_actions.watcher.stop()
        wait_for_tasks()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Close the window and the library (tests and the self-test reopen the folder)."""
        if not self._closed:
            self.close()
        wait_for_tasks()
        # Shown nothing from here on: a palette change would re-read the paper.
        self.detail.show_paper(None, 0)
        self.library.close()
