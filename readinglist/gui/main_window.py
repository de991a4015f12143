"""The main window: sidebar, search and paper table, detail pane, menus, import and restore."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui import appearance, keyboard
from readinglist.gui.controllers import BackupController, ImportController
from readinglist.gui.detail import DetailPane
from readinglist.gui.facets import ALL, TRASH, FacetPanel, FacetSelection
from readinglist.gui.icons import app_icon, icon
from readinglist.gui.import_dialog import ImportDialog
from readinglist.gui.library_actions import LibraryActions, open_with_system
from readinglist.gui.paper_list import HIDDEN_BY_DEFAULT, PaperList
from readinglist.gui.paper_model import (
    COL_QUEUE,
    COL_TITLE,
    COLUMN_SORT,
    PaperTableModel,
    status_label,
)
from readinglist.gui.saved_searches import SavedSearchPanel
from readinglist.gui.settings import Preferences, WindowState
from readinglist.gui.tasks import Task, run_task, wait_for_tasks
from readinglist.gui.welcome import WelcomePage
from readinglist.gui.window_actions import build_actions, build_menus
from readinglist.library import (
    STATUSES,
    Facets,
    ImportReport,
    Library,
    LibraryError,
    PaperFilter,
)

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
# From this many papers a search runs in a worker: a query over a million
# papers takes 100-180 ms, too long for the UI thread between keystrokes.
SEARCH_IN_WORKER_FROM = 50_000
FACETS_DELAY_MS = 300
PAGE_WELCOME, PAGE_LIBRARY = 0, 1

DEFAULT_SIZE = (1440, 900)


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
        self._facets_task: Task | None = None
        self._facets_pending = False
        self._closed = False
        self._reload_generation = 0
        self._settling = False

        self.model = PaperTableModel(library, self)
        self.imports = ImportController(self)
        self.backups = BackupController(self)
        self._build_central()
        build_actions(self)
        self.library_actions = LibraryActions(self)
        self.library_actions._duplicates()  # there from the start (duplicatesView), hidden
        build_menus(self)
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

        self.paper_list = PaperList(self.model, lambda text: self.library.parse_query(text))
        self.paper_list.clearRequested.connect(self.clear_filters)
        # The list's parts, as the window's tests, benchmarks and helpers know them.
        self.search_edit = self.paper_list.search_edit
        self.count_label = self.paper_list.count_label
        self.filter_label = self.paper_list.filter_label
        self.filter_bar = self.paper_list.filter_bar
        self.clear_filters_button = self.paper_list.clear_filters_button
        self.table = self.paper_list.table
        self.no_results = self.paper_list.no_results
        self.no_results_label = self.paper_list.no_results_label
        self.no_results_button = self.paper_list.no_results_button
        self.table_stack = self.paper_list.table_stack

        self.detail = DetailPane(self.library)
        self.detail.setMinimumWidth(300)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.paper_list)
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
        self._search_timer.timeout.connect(self._search_typed)
        self._search_task: Task | None = None
        self._search_pending = False
        self._facets_timer = QTimer(self)
        self._facets_timer.setSingleShot(True)
        self._facets_timer.setInterval(FACETS_DELAY_MS)
        self._facets_timer.timeout.connect(self.refresh_facets)
        self.statusBar().setObjectName("statusBar")

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
            restored = self.table.horizontalHeader().restoreState(header_state)
            self.table.horizontalHeader().blockSignals(False)
            if not restored or self.table.horizontalHeader().count() != self.model.columnCount():
                for column in HIDDEN_BY_DEFAULT:
                    self.table.horizontalHeader().setSectionHidden(column, True)
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
        with self._selection_settling():
            self.model.set_filter(flt)
            self._show_result(flt, current)

    @contextmanager
    def _selection_settling(self) -> Iterator[None]:
        """The detail pane follows the selection once, when the new rows and selection are in.

        A new result first clears the selection, then selects a row: showing
        the empty pane in between would fill the detail twice per keystroke.
        """
        self._settling = True
        try:
            yield
        finally:
            self._settling = False
        self._selection_changed()

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

    def _search_typed(self) -> None:
        """The typing paused: search now, or, in a big library, in a worker."""
        if self.total < SEARCH_IN_WORKER_FROM:
            self.apply_filter_now()
            return
        self.search_in_background()

    def search_in_background(self) -> None:
        """Query in a worker, so that typing never waits on a big library.

        One query at a time: text typed while one runs makes one more query
        when it ends (with the text as it is then), and a result a later
        filter, sort or reload has overtaken is dropped.
        """
        if self._search_task is not None:
            self._search_pending = True
            return
        self._reload_generation += 1
        generation = self._reload_generation
        self.selection = FacetSelection.from_text(
            self.search_edit.text(), trash=self.selection.trash
        )
        flt = self.current_filter()
        self._follow_queue_view()
        sort = COLUMN_SORT[self.model.sort_column]
        descending = self.model.sort_order == Qt.SortOrder.DescendingOrder

        def query(_ctx, library: Library) -> list[int]:
            return library.paper_ids(flt, sort, descending)

        def finished() -> None:
            self._search_task = None
            if self._search_pending and not self._closed:
                self._search_pending = False
                self.search_in_background()

        def done(ids: list[int]) -> None:
            stale = generation != self._reload_generation or self._search_pending
            if not self._closed and not stale:
                current = self.current_paper_id()
                with self._selection_settling():
                    self.model.set_ids(ids, flt)
                    self._show_result(flt, current)
                self.reloaded.emit()
            finished()

        def failed(exc: BaseException) -> None:
            log.warning("Searching failed: %s", exc)
            finished()

        self._search_task = run_task(
            query, self.library, on_result=done, on_error=failed, parent=self
        )

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
                with self._selection_settling():
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
        self.paper_list.show_counts(shown, self.total, not flt.is_empty)
        self._update_filter_bar()
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
        if sel.lab:
            parts.append(self.facet_panel.lab_label(sel.lab).lower())
        if sel.trash:
            parts.append(self.tr("the Trash"))
        self.paper_list.show_filters(parts)

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
        if self._settling:
            return
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

    # -- importing and backups (ImportController, BackupController) ---------

    @property
    def import_dialog(self) -> ImportDialog | None:
        return self.imports.dialog

    def choose_import_files(self) -> None:
        self.imports.choose_files()

    def import_samples(self) -> None:
        self.imports.import_samples()

    def start_import(self, paths: list[Path]) -> ImportDialog | None:
        """Open the import dialog: it reads ``paths`` in a worker and previews before writing."""
        return self.imports.start(paths)

    def import_files_now(self, paths: list[Path]) -> list[ImportReport]:
        """Import without dialog, on this thread (self-test and benchmarks)."""
        return self.imports.import_now(paths)

    def restore(self, name: str | None) -> bool:
        """Put the backup ``name`` in place of the library and show it; False if that failed."""
        return self.backups.restore(name)

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
