"""The sidebar: statuses, listings, tags and frequent authors with counts; each one filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QIcon, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from readinglist.gui.i18n import format_number
from readinglist.gui.paper_model import status_label
from readinglist.library import STATUSES, Facets, PaperFilter
from readinglist.library.query import term_for

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3

ALL, STATUS, LISTING, TAG, AUTHOR, TRASH = "all", "status", "listing", "tag", "author", "trash"
LAB = "lab"
# The LAB section's entries and the query terms they write.
LAB_READ, LAB_NOBODY, LAB_READING = "read", "nobody", "reading"
LAB_TERMS = {LAB_READ: "lab:read", LAB_NOBODY: "-lab:read", LAB_READING: "lab:reading"}


@dataclass(frozen=True)
class FacetSelection:
    """The sidebar filters in force; they combine with each other and with the search text."""

    statuses: frozenset[str] = frozenset()
    listing: str | None = None
    tag: str | None = None
    author: str | None = None
    # The Trash instead of the library.
    trash: bool = False
    # Read by someone in the lab, by nobody, or being read there (LAB_* values).
    lab: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.statuses or self.listing or self.tag or self.author or self.trash or self.lab
        )

    @property
    def queue_view(self) -> bool:
        """To read alone is the read-next queue, shown in its order."""
        return self.statuses == {"to-read"} and not self.trash

    def toggled(self, kind: str, value: str) -> FacetSelection:
        """The selection after the user activates ``kind``/``value`` (again: turns it off)."""
        if kind == ALL:
            return FacetSelection()
        if kind == TRASH:
            return FacetSelection(trash=not self.trash)
        if kind == STATUS:
            statuses = self.statuses ^ {value}
            return replace(self, statuses=frozenset(statuses), trash=False)
        attr = {LISTING: "listing", TAG: "tag", AUTHOR: "author", LAB: "lab"}[kind]
        current = getattr(self, attr)
        return replace(self, trash=False, **{attr: None if current == value else value})

    def is_active(self, kind: str, value: str) -> bool:
        if kind == TRASH:
            return self.trash
        if kind == STATUS:
            return value in self.statuses
        if kind == ALL:
            return self.is_empty
        found = {LISTING: self.listing, TAG: self.tag, AUTHOR: self.author, LAB: self.lab}
        return found.get(kind) == value

    # -- the sidebar and the query are one --------------------------------------

    def terms(self) -> str:
        """The query terms this selection stands for (the Trash is a place, not a term)."""
        parts = []
        statuses = [s for s in STATUSES if s in self.statuses]
        if len(statuses) == 1:
            parts.append(term_for(STATUS, statuses[0]))
        elif statuses:
            parts.append("(" + " or ".join(term_for(STATUS, s) for s in statuses) + ")")
        for kind, value in ((LISTING, self.listing), (TAG, self.tag), (AUTHOR, self.author)):
            if value:
                parts.append(term_for(kind, value))
        if self.lab in LAB_TERMS:
            parts.append(LAB_TERMS[self.lab])
        return " ".join(parts)

    def with_text(self, text: str) -> str:
        """The search text with this selection's terms in front of the user's own words."""
        return " ".join(p for p in (self.terms(), free_text(text)) if p)

    @classmethod
    def from_text(cls, text: str, trash: bool = False) -> FacetSelection:
        """The sidebar filters a search text holds (terms as the sidebar writes them)."""
        statuses = frozenset(
            m.group(1) for m in _STATUS_TERM.finditer(text) if m.group(1) in STATUSES
        )
        found: dict[str, str | None] = {LISTING: None, TAG: None, AUTHOR: None}
        for m in _EXACT_TERM.finditer(text):
            if found.get(m.group(1)) is None:
                found[m.group(1)] = re.sub(r"\\(.)", r"\1", m.group(2))
        lab = None
        for m in _LAB_TERM.finditer(text):
            lab = _LAB_OF.get(m.group(0))
            if lab is not None:
                break
        return cls(
            statuses=statuses,
            listing=found[LISTING],
            tag=found[TAG],
            author=found[AUTHOR],
            trash=trash,
            lab=lab,
        )

    def paper_filter(self, text: str) -> PaperFilter:
        return PaperFilter(
            text=text,
            statuses=self.statuses,
            listing=self.listing,
            tag=self.tag,
            author=self.author,
            trash=self.trash,
        )


# The terms the sidebar writes, found again in a search text (not negated).
_STATUS_TERM = re.compile(r"(?<![\w:-])status:([a-z-]+)")
_EXACT_TERM = re.compile(r'(?<![\w:-])(listing|tag|author):"=((?:[^"\\]|\\.)*)"')
_STATUS_GROUP = re.compile(r"\(\s*status:[a-z-]+(?:\s+or\s+status:[a-z-]+)*\s*\)")
_LAB_TERM = re.compile(r"(?<![\w:-])-?lab:(?:reading|read)(?![\w-])")
_LAB_OF = {term: value for value, term in LAB_TERMS.items()}


def free_text(text: str) -> str:
    """A search text without the terms the sidebar writes: the user's own words and terms."""
    text = _STATUS_GROUP.sub(" ", text)
    text = _STATUS_TERM.sub(" ", text)
    text = _EXACT_TERM.sub(" ", text)
    # Only the lab terms the sidebar writes (not "-lab:reading", typed by hand).
    text = _LAB_TERM.sub(lambda m: " " if m.group(0) in _LAB_OF else m.group(0), text)
    return " ".join(text.split())


class CountDelegate(QStyledItemDelegate):
    """Draws an item's count right-aligned beside its label, in one column.

    One column keeps the tree model simple (Qt's tree model with two columns
    gives column-1 items children, which item-model checkers reject).
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        count = index.data(COUNT_ROLE)
        if count is None:
            super().paint(painter, option, index)
            return
        text = format_number(count)
        width = option.fontMetrics.horizontalAdvance(text) + 10
        label = QStyleOptionViewItem(option)
        self.initStyleOption(label, index)
        label.rect = option.rect.adjusted(0, 0, -width, 0)
        # Paint the full row background first so the count cell matches it.
        background = QStyleOptionViewItem(label)
        background.rect = option.rect
        background.text = ""
        background.icon = QIcon()
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
        label.backgroundBrush = QBrush()
        label.state &= ~QStyle.StateFlag.State_Selected
        label.state &= ~QStyle.StateFlag.State_HasFocus
        if option.state & QStyle.StateFlag.State_Selected:
            label.palette.setBrush(
                QPalette.ColorRole.Text, option.palette.brush(QPalette.ColorRole.HighlightedText)
            )
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, label, painter, option.widget)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        painter.setPen(option.palette.color(role))
        painter.setFont(label.font)
        count_rect = option.rect.adjusted(option.rect.width() - width, 0, -6, 0)
        painter.drawText(
            count_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
        )
        painter.restore()


class FacetPanel(QTreeWidget):
    """Sections of filters with counts. Click, Enter or Space toggles one."""

    facetActivated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetPanel")
        self.setAccessibleName(self.tr("Filters"))
        self.setAccessibleDescription(
            self.tr("Statuses, listings, tags and authors; press Enter or Space to filter by one")
        )
        self.setColumnCount(1)
        self.setItemDelegate(CountDelegate(self))
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(12)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(True)
        self.itemClicked.connect(self._clicked)
        self.selection = FacetSelection()
        self._facets: Facets | None = None
        # The LAB section's counts (LAB_* -> papers); None outside a lab: no section.
        self._lab_counts: dict[str, int] | None = None
        self._section_font = QFont(self.font())
        self._section_font.setBold(True)
        self._section_font.setPointSizeF(self.font().pointSizeF() * 0.9)
        self._active_font = QFont(self.font())
        self._active_font.setBold(True)

    def set_facets(self, facets: Facets) -> None:
        """Rebuild the items from fresh counts, keeping the current item where it was."""
        self._facets = facets
        current = self.currentItem()
        keep = (current.data(0, KIND_ROLE), current.data(0, VALUE_ROLE)) if current else None
        self.clear()
        self._item(None, ALL, "", self.tr("All papers"), facets.total)
        sections = [
            (
                self.tr("Status"),
                STATUS,
                [(s, status_label(s), facets.statuses.get(s, 0)) for s in STATUSES],
            ),
            (self.tr("Listings"), LISTING, [(n, n, c) for n, c in facets.listings]),
            (self.tr("Tags"), TAG, [(n, n, c) for n, c in facets.tags]),
            (self.tr("Authors"), AUTHOR, [(n, n, c) for n, c in facets.authors]),
        ]
        if self._lab_counts is not None:
            entries = [
                (value, self.lab_label(value, short=True), self._lab_counts[value])
                for value in (LAB_READ, LAB_NOBODY, LAB_READING)
                if value in self._lab_counts
            ]
            sections.append((self.tr("Lab"), LAB, entries))
        for title, kind, entries in sections:
            header = QTreeWidgetItem(self, [title.upper()])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            header.setFont(0, self._section_font)
            header.setForeground(
                0, self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
            )
            header.setData(0, Qt.ItemDataRole.AccessibleTextRole, title)
            if not entries:
                empty = {TAG: self.tr("No tags yet"), LISTING: self.tr("No listings yet")}.get(
                    kind, self.tr("None yet")
                )
                placeholder = QTreeWidgetItem(header, [empty])
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            for value, label, count in entries:
                item = self._item(header, kind, value, label, count)
                if kind == LAB:
                    # Heard without the heading: the whole words.
                    whole = self.lab_label(value)
                    item.setToolTip(0, whole)
                    item.setData(
                        0,
                        Qt.ItemDataRole.AccessibleTextRole,
                        self.tr("{label}: %Ln papers", "", count).format(label=whole),
                    )
            header.setExpanded(True)
        self._mark_active()
        if keep is not None:
            for item in self._all_items():
                if (item.data(0, KIND_ROLE), item.data(0, VALUE_ROLE)) == keep:
                    self.setCurrentItem(item)
                    break

    def lab_label(self, value: str, short: bool = False) -> str:
        """What a LAB entry says: ``short`` under the LAB heading, whole in the filter bar."""
        if short:
            return {
                LAB_READ: self.tr("Read by someone"),
                LAB_NOBODY: self.tr("Read by nobody"),
                LAB_READING: self.tr("Being read"),
            }.get(value, value)
        return {
            LAB_READ: self.tr("Read by someone in the lab"),
            LAB_NOBODY: self.tr("Read by nobody in the lab"),
            LAB_READING: self.tr("Being read in the lab"),
        }.get(value, value)

    def set_lab_counts(self, counts: dict[str, int] | None) -> None:
        """Show the LAB section with these counts (LAB_READ, LAB_NOBODY, LAB_READING), or none."""
        if counts == self._lab_counts:
            return
        self._lab_counts = None if counts is None else dict(counts)
        if self._facets is not None:
            self.set_facets(self._facets)

    def _item(
        self, parent: QTreeWidgetItem | None, kind: str, value: str, label: str, count: int
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label])
        item.setData(0, COUNT_ROLE, count)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, VALUE_ROLE, value)
        item.setToolTip(0, label)
        item.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{label}: %Ln papers", "", count).format(label=label),
        )
        return item

    def _all_items(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            found.append(top)
            found.extend(top.child(j) for j in range(top.childCount()))
        return found

    def set_selection(self, selection: FacetSelection) -> None:
        self.selection = selection
        self._mark_active()

    def _mark_active(self) -> None:
        accent = self.palette().brush(QPalette.ColorRole.Link)
        for item in self._all_items():
            kind = item.data(0, KIND_ROLE)
            if kind is None:
                continue
            active = self.selection.is_active(kind, item.data(0, VALUE_ROLE))
            item.setFont(0, self._active_font if active else self.font())
            item.setForeground(0, accent if active else QBrush())

    def count(self, kind: str, value: str = "") -> int | None:
        """The count shown for ``kind``/``value``, None when it is not listed."""
        item = self.find_item(kind, value)
        return None if item is None else item.data(0, COUNT_ROLE)

    def find_item(self, kind: str, value: str = "") -> QTreeWidgetItem | None:
        for item in self._all_items():
            if item.data(0, KIND_ROLE) == kind and item.data(0, VALUE_ROLE) == value:
                return item
        return None

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        self._activate(item)

    def _activate(self, item: QTreeWidgetItem | None) -> None:
        if item is None or item.data(0, KIND_ROLE) is None:
            return
        self.facetActivated.emit(item.data(0, KIND_ROLE), item.data(0, VALUE_ROLE))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Item colours are fixed brushes: take them from the new palette.
        if event.type() == QEvent.Type.PaletteChange and self._facets is not None:
            self.set_facets(self._facets)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate(self.currentItem())
            return
        super().keyPressEvent(event)
