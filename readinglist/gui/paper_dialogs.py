"""Dialogs that change papers: new or edit a paper, the history of changes, duplicates and merge."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.i18n import format_datetime
from readinglist.gui.journal_text import describe
from readinglist.gui.paper_model import stars, status_label
from readinglist.library import Library, LibraryError, PaperDetail
from readinglist.library.commands import MergeChoice

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _elide(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class PaperDialog(QDialog):
    """New paper… (empty) or Edit paper… (filled): title, authors one per line, abstract."""

    def __init__(
        self,
        paper: PaperDetail | None = None,
        parent: QWidget | None = None,
        fields: dict[str, object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paperDialog")
        self.setWindowTitle(self.tr("Edit paper") if paper else self.tr("New paper"))
        self.setMinimumWidth(520)
        self.title_edit = QLineEdit(paper.title if paper else "")
        self.title_edit.setObjectName("paperTitleEdit")
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.authors_edit = QPlainTextEdit("\n".join(paper.authors) if paper else "")
        self.authors_edit.setObjectName("paperAuthorsEdit")
        self.authors_edit.setAccessibleName(self.tr("Authors, one per line"))
        self.authors_edit.setPlaceholderText(self.tr("One author per line, in order"))
        self.authors_edit.setTabChangesFocus(True)
        self.authors_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.abstract_edit = QPlainTextEdit((paper.abstract or "") if paper else "")
        self.abstract_edit.setObjectName("paperAbstractEdit")
        self.abstract_edit.setAccessibleName(self.tr("Abstract"))
        self.abstract_edit.setTabChangesFocus(True)
        form = QFormLayout()
        title_label = QLabel(self.tr("&Title:"))
        title_label.setBuddy(self.title_edit)
        authors_label = QLabel(self.tr("&Authors:"))
        authors_label.setBuddy(self.authors_edit)
        abstract_label = QLabel(self.tr("A&bstract:"))
        abstract_label.setBuddy(self.abstract_edit)
        form.addRow(title_label, self.title_edit)
        form.addRow(authors_label, self.authors_edit)
        form.addRow(abstract_label, self.abstract_edit)
        # The bibliographic fields, as show --json names them, by paper column.
        known = fields or {}
        self.field_edits: dict[str, QLineEdit] = {}
        for column, shown, label in (
            ("entry_type", "type", self.tr("T&ype:")),
            ("year", "year", self.tr("&Year:")),
            ("venue", "venue", self.tr("&Venue:")),
            ("doi", "doi", self.tr("&DOI:")),
            ("url", "url", self.tr("&Link:")),
            ("cite_key", "key", self.tr("Citation &key:")),
        ):
            value = known.get(shown)
            edit = QLineEdit("" if value is None else str(value))
            edit.setObjectName(f"paperField_{shown}")
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            caption = QLabel(label)
            caption.setBuddy(edit)
            form.addRow(caption, edit)
            self.field_edits[column] = edit
        self.field_edits["entry_type"].setPlaceholderText(self.tr("article, inproceedings, book…"))
        self.field_edits["cite_key"].setPlaceholderText(
            self.tr("made for you when exported, if left empty")
        )
        self.problem = QLabel()
        self.problem.setObjectName("paperDialogProblem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._validate)
        self.authors_edit.textChanged.connect(self._validate)
        self._validate()

    def title(self) -> str:
        return " ".join(self.title_edit.text().split())

    def authors(self) -> list[str]:
        return [
            " ".join(line.split())
            for line in self.authors_edit.toPlainText().splitlines()
            if line.strip()
        ]

    def abstract(self) -> str:
        return self.abstract_edit.toPlainText().strip()

    def fields(self) -> dict[str, str]:
        """The bibliographic fields as typed, by paper column ('' clears one)."""
        return {column: edit.text().strip() for column, edit in self.field_edits.items()}

    def _validate(self) -> None:
        ok = bool(self.title())
        self.problem.setText("" if ok else self.tr("A paper needs a title."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def _check_and_accept(self) -> None:
        if self.title():
            self.accept()


class HistoryDialog(QDialog):
    """Edit ▸ History…: recent changes with their time; any can be reverted (as a new change)."""

    changed = Signal(list)
    paperRequested = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of changes"))
        self.resize(680, 460)
        self.library = library
        self.tree = QTreeWidget()
        self.tree.setObjectName("historyList")
        self.tree.setAccessibleName(self.tr("Recent changes, newest first"))
        self.tree.setHeaderLabels([self.tr("When"), self.tr("Change"), self.tr("State")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemDoubleClicked.connect(self._show_paper)
        self.revert_button = QPushButton(self.tr("&Revert this change"))
        self.revert_button.setObjectName("revertButton")
        self.revert_button.clicked.connect(self.revert_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.revert_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.tree.currentItemChanged.connect(lambda *_: self._update_button())
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        states = {"done": "", "undone": self.tr("undone"), "dropped": self.tr("undone")}
        for entry in self.library.history(300):
            when = format_datetime(entry.at)
            label = describe(entry.label)
            item = QTreeWidgetItem([when, label, states.get(entry.state, entry.state)])
            item.setData(0, ID_ROLE, entry.id)
            item.setData(1, ID_ROLE, list(entry.papers))
            item.setData(2, ID_ROLE, entry.state)
            item.setToolTip(1, label)
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(2)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_button()

    def _update_button(self) -> None:
        item = self.tree.currentItem()
        self.revert_button.setEnabled(item is not None and item.data(2, ID_ROLE) == "done")

    def revert_selected(self) -> bool:
        item = self.tree.currentItem()
        if item is None:
            return False
        try:
            self.library.revert(int(item.data(0, ID_ROLE)))
        except LibraryError as exc:
            QMessageBox.warning(self, self.tr("Cannot revert this change"), str(exc))
            return False
        self.changed.emit(list(item.data(1, ID_ROLE) or []))
        self.refresh()
        return True

    def _show_paper(self, item: QTreeWidgetItem, _column: int) -> None:
        papers = item.data(1, ID_ROLE) or []
        if papers:
            self.paperRequested.emit(int(papers[0]))


class MergeDialog(QDialog):
    """Merge papers: pick whose title, authors and abstract to keep; the rest is joined."""

    def __init__(self, papers: list[PaperDetail], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")

        def shown(rating: int) -> str:
            return stars(rating) if rating else self.tr("none")

        self.setWindowTitle(self.tr("Merge %n papers", "", len(papers)))
        self.papers = papers
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>Keep</b>")), 0, 0)
        self.groups: dict[str, QButtonGroup] = {}
        rows = [
            ("title", self.tr("Title"), lambda p: _elide(p.title, 80)),
            ("authors", self.tr("Authors"), lambda p: _elide(", ".join(p.authors) or "—", 80)),
            ("abstract", self.tr("Abstract"), lambda p: (p.abstract or "—")[:160]),
        ]
        for column, paper in enumerate(papers, start=1):
            head = QLabel(
                self.tr("Paper {id} · {status} · {stars}").format(
                    id=paper.id, status=status_label(paper.status), stars=shown(paper.rating)
                )
            )
            grid.addWidget(head, 0, column)
        for row, (field, label, value) in enumerate(rows, start=1):
            grid.addWidget(QLabel(label), row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            self.groups[field] = group
            for column, paper in enumerate(papers, start=1):
                button = QRadioButton(value(paper))
                button.setObjectName(f"merge_{field}_{paper.id}")
                button.setAccessibleName(
                    self.tr("Keep the {field} of paper {id}").format(field=label, id=paper.id)
                )
                button.setChecked(column == 1)
                group.addButton(button, paper.id)
                grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignTop)

        ratings = sorted({p.rating for p in papers})
        note = self.tr(
            "Statuses and their history are joined in time order, tags and listings are"
            " combined, notes are joined under a line naming each paper, attachments are"
            " kept. The rating kept is the highest: {best}."
        ).format(best=shown(max(ratings)))
        if len(ratings) > 1:
            note += " " + self.tr("(The others: {rest}.)").format(
                rest=", ".join(shown(r) for r in ratings[:-1])
            )
        info = QLabel(note)
        info.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(info)
        layout.addWidget(buttons)

    def choice(self) -> MergeChoice:
        title = self.groups["title"].checkedId()
        return MergeChoice(
            keep=title,
            title_from=title,
            authors_from=self.groups["authors"].checkedId(),
            abstract_from=self.groups["abstract"].checkedId(),
        )


class DuplicatesView(QDialog):
    """Groups of papers that are probably the same; merge them, or say they are not."""

    changed = Signal(list)
    paperRequested = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesView")
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.resize(760, 480)
        self.library = library
        self.summary = QLabel()
        self.summary.setObjectName("duplicatesSummary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("duplicatesList")
        self.tree.setAccessibleName(self.tr("Groups of possible duplicates"))
        self.tree.setHeaderLabels([self.tr("Paper"), self.tr("Authors"), self.tr("Status")])
        self.tree.itemDoubleClicked.connect(self._show_paper)
        self.merge_button = QPushButton(self.tr("&Merge…"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.clicked.connect(self.merge_current)
        self.apart_button = QPushButton(self.tr("&Not duplicates"))
        self.apart_button.setObjectName("notDuplicatesButton")
        self.apart_button.clicked.connect(self.not_duplicates_current)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.merge_button)
        row.addWidget(self.apart_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())

    def showEvent(self, event: QShowEvent) -> None:
        # Found afresh each time it is shown: it exists from the start, hidden.
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.tree.clear()
        groups = self.library.duplicates()
        rows = self.library.rows([pid for group in groups for pid in group])
        for group in groups:
            first = rows.get(group[0])
            top = QTreeWidgetItem(
                [self.tr("%n papers", "", len(group)) + (f": {first.title}" if first else "")]
            )
            top.setData(0, ID_ROLE, group)
            self.tree.addTopLevelItem(top)
            for pid in group:
                paper = rows.get(pid)
                if paper is None:
                    continue
                child = QTreeWidgetItem([paper.title, paper.authors, status_label(paper.status)])
                child.setData(0, ID_ROLE, [pid])
                child.setToolTip(0, paper.title)
                top.addChild(child)
            top.setExpanded(True)
        self.tree.setColumnWidth(0, 420)
        self.summary.setText(
            self.tr("%n group(s) of papers that may be the same.", "", len(groups))
            if groups
            else self.tr("No duplicates found.")
        )
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def current_group(self) -> list[int]:
        item = self.tree.currentItem()
        if item is None:
            return []
        if item.parent() is not None:
            item = item.parent()
        return [int(pid) for pid in item.data(0, ID_ROLE) or []]

    def _update_buttons(self) -> None:
        has = len(self.current_group()) > 1
        self.merge_button.setEnabled(has)
        self.apart_button.setEnabled(has)

    def merge_dialog(self) -> MergeDialog | None:
        group = self.current_group()
        if len(group) < 2:
            return None
        return MergeDialog([self.library.paper(pid) for pid in group], self)

    def merge_current(self) -> None:
        dialog = self.merge_dialog()
        if dialog is None:
            return
        dialog.accepted.connect(lambda: self.apply_merge(dialog))
        dialog.open()
        self._merge = dialog

    def apply_merge(self, dialog: MergeDialog) -> bool:
        ids = [p.id for p in dialog.papers]
        try:
            self.library.merge(ids, dialog.choice())
        except LibraryError as exc:
            QMessageBox.warning(self, self.tr("Could not merge"), str(exc))
            return False
        self.changed.emit(ids)
        self.refresh()
        return True

    def not_duplicates_current(self) -> None:
        group = self.current_group()
        if len(group) < 2:
            return
        try:
            self.library.not_duplicates(group)
        except LibraryError as exc:
            QMessageBox.warning(self, self.tr("Could not save that"), str(exc))
            return
        self.changed.emit(group)
        self.refresh()

    def _show_paper(self, item: QTreeWidgetItem, _column: int) -> None:
        ids = item.data(0, ID_ROLE) or []
        if len(ids) == 1:
            self.paperRequested.emit(int(ids[0]))
