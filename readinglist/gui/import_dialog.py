"""Importing files of any format: read in a worker, preview and correct, import, report.

Listings, BibTeX, RIS and CSL-JSON alike (``readinglist.formats`` reads them);
the chosen entries of every file go in as one transaction, as on the command line.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from readinglist.formats import ReadResult as FormatResult
from readinglist.formats import Record, detect, read_path
from readinglist.formats.listing_format import from_listing
from readinglist.gui.a11y import name_built_in_parts
from readinglist.gui.appearance import FLAGGED_BACKGROUND
from readinglist.gui.icons import icon
from readinglist.gui.tasks import Task, TaskContext, run_task
from readinglist.library import (
    ImportCancelled,
    ImportReport,
    Library,
    LibraryError,
    PreviewEntry,
)
from readinglist.listing import ListingError

log = logging.getLogger(__name__)

PREVIEW_INCLUDE, PREVIEW_STATE, PREVIEW_CHECK, PREVIEW_TITLE, PREVIEW_AUTHORS, PREVIEW_LISTING = (
    range(6)
)
PREVIEW_COLUMNS = 6

PAGE_WORKING, PAGE_PREVIEW, PAGE_REPORT = range(3)


@dataclass
class PreviewRow:
    """One entry as the preview shows it, with the user's corrections and choice."""

    listing_index: int
    entry: Record
    preview: PreviewEntry
    include: bool = True
    edited: bool = False

    @property
    def needs_check(self) -> bool:
        return self.entry.flagged or self.entry.truncated


@dataclass
class ReadResult:
    """What reading the files gave: listings, their preview rows, and the files that failed."""

    listings: list[FormatResult]
    rows: list[PreviewRow]
    errors: list[tuple[str, str]]
    new: int = 0
    known: int = 0
    trashed: int = 0
    to_check: int = 0
    first_to_check: int = 0

    def count(self) -> None:
        """Tally the rows (in the worker: a pass over 100k rows is too long for the UI thread)."""
        states = [r.preview.state for r in self.rows]
        self.new = states.count("new")
        self.known = states.count("update") + states.count("unchanged")
        self.trashed = states.count("trashed")
        flagged = [i for i, r in enumerate(self.rows) if r.needs_check]
        self.to_check = len(flagged)
        self.first_to_check = flagged[0] if flagged else 0


def read_files(ctx: TaskContext, library: Library, paths: list[Path]) -> ReadResult:
    """Runs in the worker: read every file and ask the library what importing it would do."""
    listings: list[FormatResult] = []
    rows: list[PreviewRow] = []
    errors: list[tuple[str, str]] = []
    for done, path in enumerate(paths):
        ctx.progress(done, len(paths))
        if ctx.cancelled():
            break
        try:
            if detect(path).name == "listing":
                # The library reads a big listing in a second process.
                listing = from_listing(library.read(path))
            else:
                listing = read_path(path)
        except (ListingError, LibraryError, OSError) as exc:
            errors.append((str(path), str(exc)))
            continue
        # Broken entries are listed as such; the ones that parse are previewed.
        errors.extend((str(path), str(bad)) for bad in listing.bad)
        listings.append(listing)
    # One preview over every file, so that a paper in two of the listings
    # shows as new once and as listed twice after that, as the import treats it.
    entries = [entry for listing in listings for entry in listing.records]
    preview = library.preview_records(listings) if entries else []
    owners = [index for index, listing in enumerate(listings) for _ in listing.records]
    rows.extend(
        PreviewRow(index, entry, seen)
        for index, entry, seen in zip(owners, entries, preview, strict=True)
    )
    ctx.progress(len(paths), len(paths))
    result = ReadResult(listings, rows, errors)
    result.count()
    return result


def import_chosen(
    ctx: TaskContext, library: Library, listings: list[FormatResult], chosen: list[list[Record]]
) -> tuple[list[ImportReport], str | None]:
    """Runs in the worker: import every file's chosen entries in one transaction."""
    total = sum(len(c) for c in chosen)
    results = [
        dataclasses.replace(listing, records=entries)
        for listing, entries in zip(listings, chosen, strict=True)
        if entries
    ]
    offsets = {}
    offset = 0
    for result in results:
        offsets[result.name] = offset
        offset += len(result.records)

    def step(name: str, done: int, _total: int | None) -> None:
        ctx.progress(offsets.get(name, 0) + done, total)

    try:
        reports = library.import_records(results, progress=step, cancel=ctx.cancelled)
    except ImportCancelled:
        return [], results[0].name if results else ""
    ctx.progress(total, total)
    return reports, None


class PreviewModel(QAbstractTableModel):
    """The entries found, one row each: include checkbox, what importing does, and the entry."""

    def __init__(self, rows: list[PreviewRow], listing_names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.listing_names = listing_names
        self.included = sum(1 for r in rows if r.include)
        # Of those, the ones that become new papers (the button says that number).
        self.included_new = sum(1 for r in rows if r.include and r.preview.state == "new")
        self._headers = [
            self.tr("Import"),
            self.tr("Library"),
            self.tr("Check"),
            self.tr("Title"),
            self.tr("Authors"),
            self.tr("Listing"),
        ]
        self._state_labels = {
            "new": self.tr("New"),
            "update": self.tr("Adds details"),
            "unchanged": self.tr("Already in"),
            "duplicate": self.tr("Listed twice"),
            "trashed": self.tr("In the Trash"),
        }
        self._warning = icon("warning")

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else PREVIEW_COLUMNS

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == PREVIEW_INCLUDE:
            return Qt.CheckState.Checked if row.include else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and row.needs_check:
            return FLAGGED_BACKGROUND
        if role == Qt.ItemDataRole.DecorationRole and column == PREVIEW_CHECK and row.needs_check:
            return self._warning
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PREVIEW_CHECK and row.needs_check:
                reason = (
                    self.tr("The listing seems to stop in the middle of this entry.")
                    if row.entry.truncated
                    else self.tr("The reader is not sure where this entry starts or ends.")
                )
                return reason + " " + self.tr("Check its title, authors and abstract.")
            if column in (PREVIEW_TITLE, PREVIEW_AUTHORS):
                return self.data(index, Qt.ItemDataRole.DisplayRole)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not row.include:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == PREVIEW_STATE:
                return self._state_labels.get(row.preview.state, row.preview.state)
            if column == PREVIEW_CHECK:
                return f"{round(row.entry.confidence * 100)} %"
            if column == PREVIEW_TITLE:
                return row.entry.title + (
                    " ✎" if row.edited and role == Qt.ItemDataRole.DisplayRole else ""
                )
            if column == PREVIEW_AUTHORS:
                return ", ".join(row.entry.authors)
            if column == PREVIEW_LISTING:
                return self.listing_names[row.listing_index]
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if not index.isValid():
            return False
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == PREVIEW_INCLUDE:
            self.set_included(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        return False

    def set_included(self, row: int, include: bool) -> None:
        if self.rows[row].include != include:
            self.included += 1 if include else -1
            if self.rows[row].preview.state == "new":
                self.included_new += 1 if include else -1
        self.rows[row].include = include
        self.dataChanged.emit(
            self.index(row, 0),
            self.index(row, PREVIEW_COLUMNS - 1),
            [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.ForegroundRole],
        )

    def correct(self, row: int, title: str, authors: tuple[str, ...], abstract: str | None) -> None:
        """Replace an entry's title, authors and abstract with the user's correction."""
        current = self.rows[row]
        entry = current.entry
        if (title, authors, abstract) == (entry.title, entry.authors, entry.abstract):
            return
        current.entry = dataclasses.replace(entry, title=title, authors=authors, abstract=abstract)
        current.edited = True
        self.dataChanged.emit(
            self.index(row, PREVIEW_TITLE),
            self.index(row, PREVIEW_AUTHORS),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole],
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < PREVIEW_COLUMNS:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() == PREVIEW_INCLUDE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def chosen(self, listing_count: int) -> list[list[Record]]:
        per_listing: list[list[Record]] = [[] for _ in range(listing_count)]
        for row in self.rows:
            if row.include:
                per_listing[row.listing_index].append(row.entry)
        return per_listing


class ImportDialog(QDialog):
    """One import: reading, preview, importing, report. Nothing is written before Import."""

    imported = Signal(list)

    def __init__(self, library: Library, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import listings"))
        self.setAccessibleName(self.tr("Import listings"))
        self.setModal(True)
        self.resize(1100, 680)
        self.library = library
        self.paths = [Path(p) for p in paths]
        self.task: Task | None = None
        self.result: ReadResult | None = None
        self.reports: list[ImportReport] = []
        self.model: PreviewModel | None = None
        self._editing_row: int | None = None
        self._cancel_requested = False

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_working())
        self.pages.addWidget(self._build_preview())
        self.pages.addWidget(self._build_report())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        name_built_in_parts(self)

    # -- pages -------------------------------------------------------------

    def _build_working(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.working_label = QLabel()
        self.working_label.setObjectName("importWorkingLabel")
        self.working_label.setWordWrap(True)
        layout.addWidget(self.working_label)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setAccessibleName(self.tr("Import progress"))
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("importCancelButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        self.cancel_button.clicked.connect(self._cancel_task)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _build_preview(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("previewSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("previewErrors")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.table.setAccessibleName(self.tr("Entries found"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

        editor = QGroupBox(self.tr("Selected entry"))
        editor.setObjectName("previewEditor")
        form = QFormLayout(editor)
        self.include_box = QCheckBox(self.tr("&Import this entry"))
        self.include_box.setObjectName("previewInclude")
        self.include_box.setAccessibleName(self.tr("Import this entry"))
        self.include_box.toggled.connect(self._include_toggled)
        form.addRow(self.include_box)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("previewTitleEdit")
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.authors_edit = QPlainTextEdit()
        self.authors_edit.setObjectName("previewAuthorsEdit")
        self.authors_edit.setAccessibleName(self.tr("Authors, one per line"))
        self.authors_edit.setTabChangesFocus(True)
        self.abstract_edit = QPlainTextEdit()
        self.abstract_edit.setObjectName("previewAbstractEdit")
        self.abstract_edit.setAccessibleName(self.tr("Abstract"))
        self.abstract_edit.setTabChangesFocus(True)
        title_caption = QLabel(self.tr("&Title:"))
        title_caption.setBuddy(self.title_edit)
        authors_caption = QLabel(self.tr("A&uthors\n(one per line):"))
        authors_caption.setBuddy(self.authors_edit)
        abstract_caption = QLabel(self.tr("Abst&ract:"))
        abstract_caption.setBuddy(self.abstract_edit)
        form.addRow(title_caption, self.title_edit)
        form.addRow(authors_caption, self.authors_edit)
        form.addRow(abstract_caption, self.abstract_edit)
        self.apply_button = QPushButton(self.tr("&Apply correction"))
        self.apply_button.setObjectName("previewApplyButton")
        self.apply_button.setAccessibleName(self.tr("Apply the correction to this entry"))
        self.apply_button.setToolTip(self.tr("Apply the correction (Alt+A or Ctrl+Enter)"))
        self.apply_button.clicked.connect(self.apply_correction)
        self.next_check_button = QPushButton(self.tr("&Next to check"))
        self.next_check_button.setObjectName("previewNextButton")
        self.next_check_button.setAccessibleName(self.tr("Go to the next entry to check"))
        self.next_check_button.setToolTip(self.tr("Go to the next entry to check (F8)"))
        self.next_check_button.clicked.connect(self.select_next_to_check)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.next_check_button)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.apply_button)
        form.addRow(buttons_row)
        editor.setEnabled(False)
        self.editor_box = editor
        self._add_keys()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([640, 340])
        layout.addWidget(splitter, 1)

        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("previewImportButton")
        self.import_button.setIcon(icon("import"))
        self.import_button.setAccessibleName(self.tr("Import the chosen entries"))
        self.import_button.clicked.connect(self.start_import)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("previewCancelButton")
        cancel.setAccessibleName(self.tr("Cancel; nothing is imported"))
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        return page

    def _add_keys(self) -> None:
        """The preview by keyboard: next entry to check, include it or not, apply a correction."""
        next_action = QAction(self.tr("Next entry to check"), self)
        next_action.setObjectName("previewNextAction")
        next_action.setShortcut(QKeySequence("F8"))
        next_action.triggered.connect(self.select_next_to_check)
        self.addAction(next_action)
        toggle = QAction(self.tr("Import this entry or not"), self.table)
        toggle.setObjectName("previewToggleAction")
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Space))
        toggle.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.triggered.connect(self.toggle_current)
        self.table.addAction(toggle)
        apply = QAction(self.tr("Apply the correction"), self)
        apply.setObjectName("previewApplyAction")
        apply.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        apply.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        apply.triggered.connect(self._apply_and_return)
        self.editor_box.addAction(apply)
        self.table.setToolTip(self.tr("Space: import this entry or not; F8: next entry to check"))

    def toggle_current(self) -> None:
        """Include or leave out the entry the table is on."""
        if self.model is None or self._editing_row is None:
            return
        row = self._editing_row
        self.model.set_included(row, not self.model.rows[row].include)
        self.include_box.blockSignals(True)
        self.include_box.setChecked(self.model.rows[row].include)
        self.include_box.blockSignals(False)

    def _apply_and_return(self) -> None:
        self.apply_correction()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _build_report(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.report_title = QLabel()
        self.report_title.setObjectName("reportTitle")
        font = self.report_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.report_title.setFont(font)
        self.report_title.setWordWrap(True)
        layout.addWidget(self.report_title)
        self.report_label = QLabel()
        self.report_label.setObjectName("reportText")
        self.report_label.setWordWrap(True)
        self.report_label.setTextFormat(Qt.TextFormat.RichText)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.report_label, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # A listing that carries papers in the Trash leaves them there; this
        # brings them back, if that is what the user wants.
        self.restore_trashed_button = buttons.addButton(
            self.tr("Restore them from the Trash"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_trashed_button.setObjectName("restoreTrashedButton")
        self.restore_trashed_button.setAccessibleName(
            self.tr("Restore the papers of these listings that are in the Trash")
        )
        self.restore_trashed_button.clicked.connect(self.restore_trashed)
        self.restore_trashed_button.hide()
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("reportCloseButton")
        self.close_button.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
        return page

    # -- reading -----------------------------------------------------------

    def start(self) -> None:
        """Read the files in the worker; the preview appears when they are read."""
        names = ", ".join(p.name for p in self.paths)
        self.working_label.setText(self.tr("Reading {names}…").format(names=names))
        self.progress.setRange(0, 0)
        self.pages.setCurrentIndex(PAGE_WORKING)
        self.task = run_task(
            read_files,
            self.library,
            self.paths,
            on_result=self._read_done,
            on_error=self._task_failed,
            parent=self,
        )

    def _read_done(self, result: ReadResult) -> None:
        self.task = None
        self.result = result
        if self._cancel_requested:
            super().reject()
            return
        if not result.listings:
            self._show_errors_only(result.errors)
            return
        self.model = PreviewModel(result.rows, [item.name for item in result.listings], self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PREVIEW_TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (PREVIEW_INCLUDE, 58),
            (PREVIEW_STATE, 96),
            (PREVIEW_CHECK, 64),
            (PREVIEW_AUTHORS, 150),
            (PREVIEW_LISTING, 130),
        ):
            # At least the header's own width: "Importer" is longer than "Import".
            fits = header.sectionSizeFromContents(column).width()
            if column == PREVIEW_CHECK:
                # A flagged row shows the warning icon before "100 %".
                metrics = self.table.fontMetrics()
                icon_side = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
                fits = max(fits, metrics.horizontalAdvance("100 %") + icon_side + 20)
            self.table.setColumnWidth(column, max(width, fits))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.dataChanged.connect(self._update_summary)
        self._update_summary()
        if result.errors:
            self.error_label.setText(self._errors_text(result.errors))
            self.error_label.show()
        self.pages.setCurrentIndex(PAGE_PREVIEW)
        if result.rows:
            self.table.selectRow(result.first_to_check)
        self.table.setFocus()

    def _errors_text(self, errors: list[tuple[str, str]]) -> str:
        lines = [
            self.tr(
                "These files could not be read and are left out; nothing from them is imported:"
            )
        ]
        lines.extend(f"• {message}" for _, message in errors)
        return "\n".join(lines)

    def _show_errors_only(self, errors: list[tuple[str, str]]) -> None:
        self.report_title.setText(self.tr("Nothing was imported"))
        lines = "".join(f"<li>{_escape(message)}</li>" for _, message in errors)
        self.report_label.setText(
            f"<p>{_escape(self.tr('The library was not changed.'))}</p><ul>{lines}</ul>"
        )
        self.pages.setCurrentIndex(PAGE_REPORT)
        self.close_button.setFocus()

    def _update_summary(self) -> None:
        if self.model is None or self.result is None:
            return
        result = self.result
        total = len(self.model.rows)
        new, known, check = result.new, result.known, result.to_check
        chosen = self.model.included
        listings = len(result.listings)
        parts = [
            self.tr("Found %n entries", "", total) + " " + self.tr("in %n listings:", "", listings),
            self.tr("%n new,", "", new),
            self.tr("%n already in the library.", "", known),
        ]
        trashed = result.trashed
        if trashed:
            parts.append(
                self.tr(
                    "%n are in the Trash: they stay there (the report offers to restore them).",
                    "",
                    trashed,
                )
            )
        if check:
            parts.append(
                self.tr(
                    "%n entries the reader is unsure of are highlighted: check them and correct"
                    " them or leave them out.",
                    "",
                    check,
                )
            )
        self.summary_label.setText(" ".join(parts))
        # Say what will happen: two listings of 12 entries may add 16 papers.
        if self.model.included_new:
            self.import_button.setText(self.tr("Import %n new papers", "", self.model.included_new))
        else:
            self.import_button.setText(self.tr("Import %n entries", "", chosen))
        self.import_button.setEnabled(chosen > 0)
        self.next_check_button.setEnabled(check > 0)

    # -- correcting --------------------------------------------------------

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.model is None or not current.isValid():
            self.editor_box.setEnabled(False)
            return
        if previous.isValid() and self._editing_row == previous.row():
            self.apply_correction()
        row = self.model.rows[current.row()]
        self._editing_row = current.row()
        self.editor_box.setEnabled(True)
        self.include_box.blockSignals(True)
        self.include_box.setChecked(row.include)
        self.include_box.blockSignals(False)
        self.title_edit.setText(row.entry.title)
        self.title_edit.setCursorPosition(0)
        self.authors_edit.setPlainText("\n".join(row.entry.authors))
        self.abstract_edit.setPlainText(row.entry.abstract or "")

    def apply_correction(self) -> None:
        """Put what the editor holds into the selected entry."""
        if self.model is None or self._editing_row is None:
            return
        title = " ".join(self.title_edit.text().split())
        if not title:
            return
        authors = tuple(
            " ".join(line.split())
            for line in self.authors_edit.toPlainText().splitlines()
            if line.strip()
        )
        abstract = self.abstract_edit.toPlainText().strip() or None
        self.model.correct(self._editing_row, title, authors, abstract)

    def _include_toggled(self, checked: bool) -> None:
        if self.model is not None and self._editing_row is not None:
            self.model.set_included(self._editing_row, checked)

    def select_next_to_check(self) -> None:
        if self.model is None:
            return
        rows = self.model.rows
        start = (self._editing_row + 1) if self._editing_row is not None else 0
        for offset in range(len(rows)):
            index = (start + offset) % len(rows)
            if rows[index].needs_check:
                self.table.selectRow(index)
                self.title_edit.setFocus()
                return

    # -- importing ---------------------------------------------------------

    def start_import(self) -> None:
        if self.model is None or self.result is None:
            return
        self.apply_correction()
        chosen = self.model.chosen(len(self.result.listings))
        total = sum(len(c) for c in chosen)
        self.working_label.setText(self.tr("Importing %n entries…", "", total))
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.pages.setCurrentIndex(PAGE_WORKING)
        self.cancel_button.setFocus()
        self.task = run_task(
            import_chosen,
            self.library,
            self.result.listings,
            chosen,
            on_result=self._import_done,
            on_error=self._task_failed,
            on_progress=self._progressed,
            parent=self,
        )

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _import_done(self, outcome: tuple[list[ImportReport], str | None]) -> None:
        self.task = None
        reports, cancelled = outcome
        self.reports = reports
        if reports:
            self.imported.emit(reports)
        if cancelled is not None:
            self.report_title.setText(self.tr("Import cancelled"))
        else:
            new = sum(r.new for r in reports)
            self.report_title.setText(self.tr("Imported: %n new papers", "", new))
        items = []
        for report in reports:
            line = self.tr(
                "{listing}: {entries} entries — {new} new, {updated} updated,"
                " {unchanged} already there"
            ).format(
                listing=report.listing,
                entries=report.entries,
                new=report.new,
                updated=report.updated,
                unchanged=report.unchanged,
            )
            items.append(f"<li>{_escape(line)}</li>")
            items.extend(f"<li>{_escape(w)}</li>" for w in report.warnings)
            if report.trashed:
                note = self.tr(
                    "%n of its papers are in the Trash and were left there", "", len(report.trashed)
                )
                items.append(f"<li>{_escape(note)}</li>")
            if report.filled:
                filled = self.tr("filled in missing fields of %n papers", "", len(report.filled))
                items.append(f"<li>{_escape(filled)}</li>")
            if report.status_kept:
                kept = self.tr(
                    "%n papers kept the status you had set (the file gives a lower one)",
                    "",
                    len(report.status_kept),
                )
                items.append(f"<li>{_escape(kept)}</li>")
            if report.saved_searches:
                added = self.tr("saved searches added: {names}").format(
                    names=", ".join(report.saved_searches)
                )
                items.append(f"<li>{_escape(added)}</li>")
            for name in report.saved_searches_kept:
                kept = self.tr(
                    "your saved search “{name}” was kept (the file has another query)"
                ).format(name=name)
                items.append(f"<li>{_escape(kept)}</li>")
            for flagged in report.flagged[:20]:
                note = self.tr("worth a second look: line {line}, “{title}”").format(
                    line=flagged.line, title=flagged.title
                )
                items.append(f"<li>{_escape(note)}</li>")
        text = f"<ul>{''.join(items)}</ul>" if items else ""
        if cancelled is not None:
            text += (
                "<p>"
                + _escape(self.tr("Nothing was imported: the import is one transaction."))
                + "</p>"
            )
        if self.result is not None and self.result.errors:
            text += (
                "<p>"
                + _escape(self._errors_text(self.result.errors)).replace("\n", "<br>")
                + "</p>"
            )
        self.report_label.setText(text)
        self.restore_trashed_button.setVisible(any(r.trashed for r in reports))
        self.pages.setCurrentIndex(PAGE_REPORT)
        self.close_button.setFocus()

    def restore_trashed(self) -> int:
        """Bring back from the Trash the papers these listings carry."""
        ids = sorted({pid for report in self.reports for pid in report.trashed})
        if not ids:
            return 0
        try:
            restored = self.library.restore_from_trash(ids)
        except LibraryError as exc:
            self.report_label.setText(self.report_label.text() + f"<p>{_escape(str(exc))}</p>")
            return 0
        for report in self.reports:
            report.trashed = []
        self.restore_trashed_button.hide()
        self.report_label.setText(
            self.report_label.text()
            + "<p>"
            + _escape(self.tr("Restored %n paper(s) from the Trash.", "", restored))
            + "</p>"
        )
        self.imported.emit(self.reports)
        return restored

    def _task_failed(self, exc: BaseException) -> None:
        self.task = None
        if isinstance(exc, LibraryError | ListingError | OSError):
            self.report_title.setText(self.tr("Nothing was imported"))
            self.report_label.setText(f"<p>{_escape(str(exc))}</p>")
            self.pages.setCurrentIndex(PAGE_REPORT)
            return
        self.report_title.setText(self.tr("Nothing was imported"))
        self.report_label.setText(
            "<p>"
            + _escape(
                self.tr("An unexpected error stopped the import: {error}").format(
                    error=f"{type(exc).__name__}: {exc}"
                )
            )
            + "</p>"
        )
        self.pages.setCurrentIndex(PAGE_REPORT)
        raise exc

    def _cancel_task(self) -> None:
        if self.task is not None:
            self._cancel_requested = True
            self.cancel_button.setEnabled(False)
            self.working_label.setText(self.tr("Cancelling…"))
            self.task.cancel()
        else:
            self.reject()

    def is_busy(self) -> bool:
        return self.task is not None

    def reject(self) -> None:
        if self.task is not None:
            self._cancel_task()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            self._cancel_task()
            event.ignore()
            return
        super().closeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
