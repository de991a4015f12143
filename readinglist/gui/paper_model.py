"""The paper table's model: ordered ids from the library, rows fetched lazily by page."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from readinglist.gui.i18n import format_date
from readinglist.library import Library, PaperFilter, PaperRow, SortField

(
    COL_TITLE,
    COL_AUTHORS,
    COL_STATUS,
    COL_RATING,
    COL_ADDED,
    COL_SOURCE,
    COL_QUEUE,
    COL_YEAR,
    COL_VENUE,
    COL_LAB,
) = range(10)
COLUMN_COUNT = 10
# Papers dragged within the table (to reorder the queue) carry their ids so.
PAPER_IDS_MIME = "application/x-readinglist-paper-ids"

COLUMN_SORT = {
    COL_TITLE: SortField.TITLE,
    COL_AUTHORS: SortField.AUTHORS,
    COL_STATUS: SortField.STATUS,
    COL_RATING: SortField.RATING,
    COL_ADDED: SortField.ADDED,
    COL_SOURCE: SortField.SOURCE,
    COL_QUEUE: SortField.QUEUE,
    COL_YEAR: SortField.YEAR,
    COL_VENUE: SortField.VENUE,
    COL_LAB: SortField.LAB,
}

PAPER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE = 200
# 50 pages of 200 rows: a screenful scrolled far both ways, a few MB at most.
MAX_PAGES = 50

STARS = "★★★★★"
NO_STARS = "☆☆☆☆☆"

Index = QModelIndex | QPersistentModelIndex


def status_label(status: str) -> str:
    """The user-facing name of a reading status."""
    labels = {
        "new": QCoreApplication.translate("Status", "New"),
        "to-read": QCoreApplication.translate("Status", "To read"),
        "reading": QCoreApplication.translate("Status", "Reading"),
        "read": QCoreApplication.translate("Status", "Read"),
        "not-reading": QCoreApplication.translate("Status", "Not reading"),
    }
    return labels.get(status, status)


def local_time(moment: datetime) -> datetime:
    """A library timestamp (naive UTC) in the user's time zone."""
    return moment.replace(tzinfo=UTC).astimezone()


def local_date(moment: datetime) -> str:
    return format_date(moment)


def stars(rating: int) -> str:
    return STARS[:rating] + NO_STARS[rating:]


@dataclass(frozen=True, slots=True)
class LabReaders:
    """Who in the lab (members sharing their status) has read a paper, and who is reading it.

    The names may be unknown (empty) while the counts are: a lab server that
    gives counts only.
    """

    read_count: int = 0
    reading_count: int = 0
    read: tuple[str, ...] = ()
    reading: tuple[str, ...] = ()


class LabReadersText(QObject):
    """Says who in the lab read a paper, for the detail pane and the Lab column."""

    def describe(self, readers: LabReaders, me: str | None = None) -> str:
        """One or two sentences: who has read it, who is reading it (names when known).

        ``me`` is this member's name in the lab, said as "you" (first).
        """

        def names(found: tuple[str, ...]) -> str:
            mine = [self.tr("you") for n in found if n == me]
            return ", ".join(mine + [n for n in found if n != me])

        if not readers.read_count and not readers.reading_count:
            return self.tr("Nobody in the lab has read it yet.")
        parts = []
        if readers.read_count:
            text = self.tr("Read by %n in the lab", "", readers.read_count)
            if readers.read:
                text += self.tr(": {names}").format(names=names(readers.read))
            parts.append(text + ".")
        if readers.reading:
            parts.append(self.tr("Being read by {names}.").format(names=names(readers.reading)))
        elif readers.reading_count:
            parts.append(self.tr("Being read by %n in the lab.", "", readers.reading_count))
        return " ".join(parts)


def lab_readers_text(readers: LabReaders, me: str | None = None) -> str:
    return LabReadersText().describe(readers, me)


# Reads the lab's readers of a page of papers; None when the library is in no lab.
LabSource = Callable[[Sequence[int]], dict[int, LabReaders]]


class PaperTableModel(QAbstractTableModel):
    """Holds the ids of the papers shown, in order; asks the library for rows only when painted.

    Signals:
        queueDrop(int, int): a paper was dropped at a place (1 is next) of the queue.
    """

    queueDrop = Signal(int, int)

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        # In the queue view (To read): a "#" column, and drag and drop reorders.
        self.queue_mode = False
        self._queue_rank: dict[int, int] = {}
        self.library = library
        self.ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._pages: OrderedDict[int, dict[int, PaperRow]] = OrderedDict()
        # The Lab column's counts, fetched with each page (only in a lab).
        self.lab_source: LabSource | None = None
        # This member's name in the lab: said "you" in the tooltips.
        self.lab_member: str | None = None
        self._lab_rows: dict[int, LabReaders] = {}
        self.filter = PaperFilter()
        self.sort_column = COL_TITLE
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = [
            self.tr("Title"),
            self.tr("Authors"),
            self.tr("Status"),
            self.tr("Rating"),
            self.tr("Added"),
            self.tr("Source"),
            self.tr("#"),
            self.tr("Year"),
            self.tr("Venue"),
            self.tr("Lab"),
        ]

    # -- loading -----------------------------------------------------------

    def set_library(self, library: Library) -> None:
        self.library = library
        self.reload()

    def set_filter(self, flt: PaperFilter) -> None:
        self.filter = flt
        self.reload()

    def _load_queue(self) -> None:
        self._queue_rank = (
            {pid: n for n, pid in enumerate(self.library.queue(), start=1)}
            if self.queue_mode
            else {}
        )

    def set_ids(self, ids: list[int], flt: PaperFilter) -> None:
        """Show ``ids``, already queried (in a worker) for ``flt`` in the current order."""
        self.filter = flt
        self._load_queue()
        self.beginResetModel()
        self.ids = ids
        self._row_of = None
        self._pages.clear()
        self._lab_rows.clear()
        self.endResetModel()

    def reload(self) -> None:
        """Ask the library again for the ids that pass the filter, in the current order."""
        ids = self.library.paper_ids(
            self.filter,
            COLUMN_SORT[self.sort_column],
            self.sort_order == Qt.SortOrder.DescendingOrder,
        )
        self._load_queue()
        self.beginResetModel()
        self.ids = ids
        self._row_of = None
        self._pages.clear()
        self._lab_rows.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in COLUMN_SORT:
            return
        if column == self.sort_column and order == self.sort_order and self.ids:
            return
        self.sort_column = column
        self.sort_order = order
        self.layoutAboutToBeChanged.emit()
        old_ids = self.ids
        self.ids = self.library.paper_ids(
            self.filter,
            COLUMN_SORT[column],
            order == Qt.SortOrder.DescendingOrder,
        )
        self._row_of = None
        self._pages.clear()
        self._lab_rows.clear()
        # Move persistent indexes (selection, current) with their papers.
        persistent = self.persistentIndexList()
        if persistent:
            wanted = {old_ids[i.row()] for i in persistent if 0 <= i.row() < len(old_ids)}
            new_rows = self._find_rows(wanted)
            for index in persistent:
                row = index.row()
                target = new_rows.get(old_ids[row]) if 0 <= row < len(old_ids) else None
                new = (
                    self.createIndex(target, index.column())
                    if target is not None
                    else QModelIndex()
                )
                self.changePersistentIndex(index, new)
        self.layoutChanged.emit()

    def refresh_papers(self, ids: Iterable[int]) -> None:
        """Fetch these papers' rows again and repaint just them (after a change)."""
        wanted = set(ids)
        for pid in wanted:
            self._lab_rows.pop(pid, None)
        changed = sorted(self._find_rows(wanted).values())
        if not changed:
            return
        for page in {r // PAGE_SIZE for r in changed}:
            self._pages.pop(page, None)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, SORT_ROLE]
        # Contiguous runs keep the number of signals small for big selections.
        start = prev = changed[0]
        for row in [*changed[1:], None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            self.dataChanged.emit(self.index(start, 0), self.index(prev, COLUMN_COUNT - 1), roles)
            if row is not None:
                start = prev = row

    # -- lookups -----------------------------------------------------------

    def _rows_by_id(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {pid: row for row, pid in enumerate(self.ids)}
        return self._row_of

    def _find_rows(self, wanted: set[int]) -> dict[int, int]:
        """Rows of a few papers: list.index scans in C, far cheaper than a 100k-entry dict."""
        if self._row_of is not None or len(wanted) > 32:
            rows = self._rows_by_id()
            return {pid: rows[pid] for pid in wanted if pid in rows}
        found = {}
        for pid in wanted:
            with contextlib.suppress(ValueError):
                found[pid] = self.ids.index(pid)
        return found

    def row_of(self, paper_id: int) -> int | None:
        return self._find_rows({paper_id}).get(paper_id)

    def paper_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def paper_row(self, row: int) -> PaperRow | None:
        """The row's data, fetching its page from the library when it is not cached."""
        if not 0 <= row < len(self.ids):
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            page = self.library.rows(self.ids[start : start + PAGE_SIZE])
            self._pages[number] = page
            if self.lab_source is not None:
                self._lab_rows.update(self.lab_source(list(page)))
            while len(self._pages) > MAX_PAGES:
                _number, dropped = self._pages.popitem(last=False)
                for pid in dropped:
                    self._lab_rows.pop(pid, None)
        else:
            self._pages.move_to_end(number)
        return page.get(self.ids[row])

    def ids_of_rows(self, rows: Sequence[int]) -> list[int]:
        return [self.ids[r] for r in rows if 0 <= r < len(self.ids)]

    # -- QAbstractTableModel ----------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == PAPER_ID_ROLE:
            return self.paper_id(index.row())
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.AccessibleDescriptionRole,
            SORT_ROLE,
        ):
            return None
        paper = self.paper_row(index.row())
        if paper is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.FontRole:
            # Papers not yet triaged stand out, like unread mail.
            return self._bold if column == COL_TITLE and paper.status == "new" else None
        if column == COL_QUEUE:
            rank = self._queue_rank.get(paper.id)
            if role == Qt.ItemDataRole.FontRole:
                return None
            return rank if role == SORT_ROLE else ("" if rank is None else str(rank))
        if column == COL_LAB and role != Qt.ItemDataRole.AccessibleDescriptionRole:
            return self._lab_data(paper.id, index.row(), role)
        if column in (COL_YEAR, COL_VENUE):
            if role == Qt.ItemDataRole.FontRole:
                return None
            value = paper.year if column == COL_YEAR else paper.venue
            if role == SORT_ROLE:
                return value
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return (
                paper.title,
                paper.authors,
                paper.status,
                paper.rating,
                paper.added_at.isoformat(),
                paper.sources,
            )[column]
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            # What a screen reader says of any cell: the paper, its status and rating.
            return self.tr("{title}: {status}, %n star(s)", "", paper.rating).format(
                title=paper.title, status=status_label(paper.status)
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (COL_TITLE, COL_AUTHORS, COL_SOURCE):
                return {COL_TITLE: paper.title, COL_AUTHORS: paper.authors}.get(
                    column, paper.sources
                )
            return None
        if column == COL_TITLE:
            return paper.title
        if column == COL_AUTHORS:
            return paper.authors
        if column == COL_STATUS:
            return status_label(paper.status)
        if column == COL_RATING:
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return self.tr("%n star(s)", "", paper.rating)
            return stars(paper.rating) if paper.rating else ""
        if column == COL_ADDED:
            return local_date(paper.added_at)
        return paper.sources

    def lab_readers(self, paper_id: int, row: int | None = None) -> LabReaders | None:
        """The lab's readers of a paper (None when the library is in no lab).

        Missing ones are read for the whole page of ``row`` at once (after a
        sync the column is read again as it is painted).
        """
        if self.lab_source is None:
            return None
        found = self._lab_rows.get(paper_id)
        if found is None:
            if row is not None and 0 <= row < len(self.ids):
                start = row // PAGE_SIZE * PAGE_SIZE
                wanted = self.ids[start : start + PAGE_SIZE]
            else:
                wanted = [paper_id]
            fetched = self.lab_source(wanted)
            for pid in wanted:
                self._lab_rows[pid] = fetched.get(pid, LabReaders())
            found = self._lab_rows.get(paper_id, LabReaders())
        return found

    def set_lab_source(self, source: LabSource | None) -> None:
        """Fill the Lab column from ``source`` (None: the library is in no lab; empty cells)."""
        self.lab_source = source
        self._lab_rows.clear()
        if self.ids:
            self.dataChanged.emit(
                self.index(0, COL_LAB),
                self.index(len(self.ids) - 1, COL_LAB),
                [Qt.ItemDataRole.DisplayRole, SORT_ROLE],
            )

    def refresh_lab(self) -> None:
        """The lab's counts changed (a sync): read them again as rows are painted."""
        self.set_lab_source(self.lab_source)

    def _lab_data(self, paper_id: int, row: int, role: int):
        if role == Qt.ItemDataRole.FontRole:
            return None
        readers = self.lab_readers(paper_id, row)
        if readers is None:
            return None if role == SORT_ROLE else ""
        if role == SORT_ROLE:
            return (readers.read_count, readers.reading_count)
        if role == Qt.ItemDataRole.ToolTipRole:
            anyone = readers.read_count or readers.reading_count
            return lab_readers_text(readers, self.lab_member) if anyone else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return lab_readers_text(readers, self.lab_member)
        parts = []
        if readers.read_count:
            parts.append(self.tr("%n read", "", readers.read_count))
        if readers.reading_count:
            parts.append(self.tr("%n reading", "", readers.reading_count))
        return " · ".join(parts)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        shown = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT and shown:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.queue_mode else Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.queue_mode:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # -- drag and drop (the queue) -------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [PAPER_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = self.ids_of_rows(rows)
        data = QMimeData()
        data.setData(PAPER_IDS_MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return self.queue_mode and data.hasFormat(PAPER_IDS_MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        """A paper dropped on a row takes that row's place in the queue.

        The move is the library's (a journaled command, through ``queueDrop``);
        the view is not told rows moved, so it removes nothing itself.
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        raw = bytes(data.data(PAPER_IDS_MIME).data()).decode()
        ids = [int(x) for x in raw.split(",") if x]
        if len(ids) != 1:
            return False
        target_row = parent.row() if parent.isValid() else row
        target = self.paper_id(target_row) if target_row >= 0 else None
        position = (
            self._queue_rank.get(target, len(self._queue_rank))
            if target is not None
            else len(self._queue_rank)
        )
        self.queueDrop.emit(ids[0], position)
        return False
