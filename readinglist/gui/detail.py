"""The detail pane: one paper's details, status, rating, tags, history and note."""

from __future__ import annotations

import html
import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.i18n import format_date, format_datetime
from readinglist.gui.paper_model import status_label
from readinglist.gui.widgets import (
    FlowLayout,
    RatingSelector,
    SafeMarkdownView,
    TagChips,
    TagEditor,
)
from readinglist.library import STATUSES, Library, LibraryError, NotFoundError, PaperDetail

log = logging.getLogger(__name__)

NOTE_SAVE_DELAY_MS = 500
WRITE_TAB, PREVIEW_TAB = 0, 1


class StatusSelector(QComboBox):
    """The five reading statuses; ``statusChosen`` fires only when the user picks one."""

    statusChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusSelector")
        self.setAccessibleName(self.tr("Reading status"))
        for number, status in enumerate(STATUSES, start=1):
            self.addItem(status_label(status), status)
            self.setItemData(
                number - 1,
                self.tr("Shortcut in the paper list: {key}").format(key=number),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.activated.connect(lambda i: self.statusChosen.emit(self.itemData(i)))

    def set_status(self, status: str) -> None:
        self.setCurrentIndex(max(0, self.findData(status)))

    def status(self) -> str:
        return self.currentData()


class NotesEdit(QPlainTextEdit):
    """The Markdown note editor; tells when focus leaves so the note is saved at once."""

    focusLost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesEdit")
        self.setAccessibleName(self.tr("Note"))
        self.setPlaceholderText(
            self.tr("Write your notes here, in Markdown. They are saved as you type.")
        )
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class DetailPane(QStackedWidget):
    """Shows the current paper and edits its note.

    Status, rating and tag edits are requested by signal, so that the window
    applies them to every selected paper.
    """

    statusRequested = Signal(str)
    ratingRequested = Signal(int)
    tagsAdded = Signal(list)
    tagRemoved = Signal(str)
    authorRequested = Signal(str)
    noteSaved = Signal(int)
    editRequested = Signal()
    attachmentOpened = Signal(int, object)
    attachmentLocate = Signal(int, int)
    attachmentRemoved = Signal(int, int)
    attachFileRequested = Signal()
    addLinkRequested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName(self.tr("Paper details"))
        self.library = library
        self.paper: PaperDetail | None = None
        self.selected_count = 0
        self._note_paper_id: int | None = None
        self._note_dirty = False
        self._loading_note = False
        # Saves of one typing burst share this, so undo takes the burst back at once.
        self._note_burst = uuid.uuid4().hex

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)

        self.empty_label = QLabel(self.tr("Select a paper to see its details and notes."))
        self.empty_label.setObjectName("detailEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.addWidget(self.empty_label)
        self.addWidget(self._build_content())
        self.setCurrentIndex(0)

    # -- building ----------------------------------------------------------

    def _build_content(self) -> QWidget:
        info = QWidget()
        info.setObjectName("detailInfo")
        layout = QVBoxLayout(info)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)

        self.selection_banner = QLabel()
        self.selection_banner.setObjectName("selectionBanner")
        self.selection_banner.setWordWrap(True)
        self.selection_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.selection_banner.setMargin(6)
        self.selection_banner.hide()
        layout.addWidget(self.selection_banner)

        self.title_label = QLabel()
        self.title_label.setObjectName("detailTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        layout.addWidget(self.title_label)

        self.authors_label = QLabel()
        self.authors_label.setObjectName("detailAuthors")
        self.authors_label.setWordWrap(True)
        self.authors_label.setTextFormat(Qt.TextFormat.RichText)
        self.authors_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.authors_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.authors_label.setAccessibleName(self.tr("Authors; activate one to show their papers"))
        self.authors_label.linkActivated.connect(self._author_link)
        layout.addWidget(self.authors_label)

        self.meta_label = QLabel()
        self.meta_label.setObjectName("detailMeta")
        self.meta_label.setWordWrap(True)
        self.meta_label.setEnabled(False)
        meta_row = QHBoxLayout()
        meta_row.addWidget(self.meta_label, 1)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editPaperButton")
        self.edit_button.setAccessibleName(self.tr("Edit the title, authors and abstract"))
        self.edit_button.setToolTip(self.tr("Edit the title, authors and abstract (F2)"))
        self.edit_button.clicked.connect(self.editRequested)
        meta_row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(meta_row)

        # Who in the lab read it: filled by the lab (``lab_text``), hidden outside one.
        self.lab_text: Callable[[int], str | None] | None = None
        self.lab_label = QLabel()
        self.lab_label.setObjectName("detailLabReaders")
        self.lab_label.setWordWrap(True)
        self.lab_label.setAccessibleName(self.tr("Read in the lab"))
        self.lab_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lab_label.hide()
        layout.addWidget(self.lab_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.status_selector = StatusSelector()
        self.status_selector.statusChosen.connect(self.statusRequested)
        self.status_selector.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        status_caption = QLabel(self.tr("&Status:"))
        status_caption.setBuddy(self.status_selector)
        form.addRow(status_caption, self.status_selector)
        self.rating_selector = RatingSelector()
        self.rating_selector.ratingChosen.connect(self.ratingRequested)
        rating_caption = QLabel(self.tr("Ra&ting:"))
        rating_caption.setBuddy(self.rating_selector)
        form.addRow(rating_caption, self.rating_selector)
        tags_box = QWidget()
        tags_layout = QVBoxLayout(tags_box)
        tags_layout.setContentsMargins(0, 0, 0, 0)
        tags_layout.setSpacing(4)
        self.tag_chips = TagChips()
        self.tag_chips.tagRemoved.connect(self.tagRemoved)
        self.tag_editor = TagEditor()
        self.tag_editor.tagsEntered.connect(self.tagsAdded)
        tags_layout.addWidget(self.tag_chips)
        tags_layout.addWidget(self.tag_editor)
        tags_caption = QLabel(self.tr("T&ags:"))
        tags_caption.setBuddy(self.tag_editor)
        form.addRow(tags_caption, tags_box)
        layout.addLayout(form)

        layout.addWidget(_heading(self.tr("Abstract")))
        self.abstract_label = QLabel()
        self.abstract_label.setObjectName("detailAbstract")
        self.abstract_label.setWordWrap(True)
        self.abstract_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.abstract_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.abstract_label.setAccessibleName(self.tr("Abstract"))
        self.abstract_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.abstract_label)

        layout.addWidget(_heading(self.tr("Attachments")))
        self.attachments_list = QListWidget()
        self.attachments_list.setObjectName("attachmentsList")
        self.attachments_list.setAccessibleName(self.tr("Attachments"))
        self.attachments_list.setAccessibleDescription(
            self.tr("Files and links of this paper; Enter opens one")
        )
        self.attachments_list.itemActivated.connect(self._open_item)
        self.attachments_list.currentItemChanged.connect(lambda *_: self._attachment_buttons())
        layout.addWidget(self.attachments_list)
        # A flow, not a row: five buttons (longer in French) would widen the
        # whole pane past its scroll area and clip it on the right.
        button_box = QWidget()
        buttons = FlowLayout(button_box)
        self.open_attachment_button = QPushButton(self.tr("Open"))
        self.open_attachment_button.setObjectName("openAttachmentButton")
        self.open_attachment_button.clicked.connect(
            lambda: self._open_item(self.attachments_list.currentItem())
        )
        self.locate_button = QPushButton(self.tr("Locate…"))
        self.locate_button.setObjectName("locateAttachmentButton")
        self.locate_button.setToolTip(self.tr("Say where a moved file is now"))
        self.locate_button.clicked.connect(self._locate_current)
        self.remove_attachment_button = QPushButton(self.tr("Remove"))
        self.remove_attachment_button.setObjectName("removeAttachmentButton")
        self.remove_attachment_button.setToolTip(
            self.tr("Forget this attachment (the file itself is not touched)")
        )
        self.remove_attachment_button.clicked.connect(self._remove_current)
        self.attach_button = QPushButton(self.tr("Attach file…"))
        self.attach_button.setObjectName("attachFileButton")
        self.attach_button.clicked.connect(self.attachFileRequested)
        self.link_button = QPushButton(self.tr("Add link…"))
        self.link_button.setObjectName("addLinkButton")
        self.link_button.clicked.connect(self.addLinkRequested)
        for button, name in (
            (self.open_attachment_button, self.tr("Open the attachment")),
            (self.locate_button, self.tr("Locate the missing file")),
            (self.remove_attachment_button, self.tr("Remove the attachment")),
            (self.attach_button, self.tr("Attach a file")),
            (self.link_button, self.tr("Add a link")),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        layout.addWidget(button_box)

        layout.addWidget(_heading(self.tr("History")))
        self.history_label = QLabel()
        self.history_label.setObjectName("detailHistory")
        self.history_label.setWordWrap(True)
        self.history_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.history_label)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setObjectName("detailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(info)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(12, 6, 12, 10)
        notes_layout.setSpacing(4)
        self.note_heading = _heading(self.tr("Note"))
        notes_layout.addWidget(self.note_heading)
        self.note_tabs = QTabWidget()
        self.note_tabs.setObjectName("noteTabs")
        self.note_tabs.setAccessibleName(self.tr("Note: write or preview"))
        self.notes_edit = NotesEdit()
        self.notes_edit.textChanged.connect(self._note_typed)
        self.notes_edit.focusLost.connect(self._note_focus_lost)
        self.note_preview = SafeMarkdownView()
        self.note_preview.setObjectName("notePreview")
        self.note_preview.setAccessibleName(self.tr("Note preview"))
        self.note_tabs.addTab(self.notes_edit, self.tr("Write"))
        self.note_tabs.addTab(self.note_preview, self.tr("Preview"))
        self.note_tabs.currentChanged.connect(self._tab_changed)
        notes_layout.addWidget(self.note_tabs, 1)
        self.note_state = QLabel()
        self.note_state.setObjectName("noteState")
        self.note_state.setEnabled(False)
        notes_layout.addWidget(self.note_state)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(notes)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        return self.splitter

    # -- showing -----------------------------------------------------------

    def set_library(self, library: Library) -> None:
        self.flush_note()
        self.library = library
        self.show_paper(None, 0)

    def show_paper(
        self, paper_id: int | None, selected_count: int = 1, *, force: bool = False
    ) -> None:
        """Show ``paper_id`` (None: nothing); the note of the paper shown before is saved first.

        ``force`` reads the note again even for the paper already shown (it
        was changed elsewhere, or by an undo).
        """
        self.flush_note()
        if force and paper_id is not None and paper_id == self._note_paper_id:
            # Read again only if it changed: the editor keeps its cursor otherwise.
            try:
                if self.library.paper(paper_id).note != self.notes_edit.toPlainText():
                    self._note_paper_id = None
            except LibraryError:
                self._note_paper_id = None
        self.selected_count = selected_count
        if paper_id is None:
            self.paper = None
            self._set_note(None, "")
            self.setCurrentIndex(0)
            return
        try:
            paper = self.library.paper(paper_id)
        except NotFoundError:
            self.paper = None
            self._set_note(None, "")
            self.setCurrentIndex(0)
            return
        self.paper = paper
        self._fill(paper)
        if self._note_paper_id != paper.id:
            self._set_note(paper.id, paper.note)
        self.setCurrentIndex(1)

    def reload(self) -> None:
        """Read the shown paper again (after its status, rating or tags changed)."""
        if self.paper is not None:
            self.show_paper(self.paper.id, self.selected_count)

    def _fill(self, paper: PaperDetail) -> None:
        if self.selected_count > 1:
            self.selection_banner.setText(
                self.tr(
                    "%n papers selected. Status, rating and tags you set here apply"
                    " to all of them.",
                    "",
                    self.selected_count,
                )
            )
            self.selection_banner.show()
        else:
            self.selection_banner.hide()
        self.title_label.setText(paper.title)
        self.title_label.setAccessibleName(paper.title)
        if paper.authors:
            links = ", ".join(
                f'<a href="author:{html.escape(name, quote=True)}">{html.escape(name)}</a>'
                for name in paper.authors
            )
        else:
            links = f"<i>{html.escape(self.tr('No authors listed'))}</i>"
        self.authors_label.setText(links)
        added = format_date(paper.added_at)
        sources = ", ".join(paper.sources) or "—"
        self.meta_label.setText(
            self.tr("Added {date} · from {sources}").format(date=added, sources=sources)
        )
        self.status_selector.set_status(paper.status)
        self.rating_selector.set_rating(paper.rating)
        self.tag_chips.set_tags(paper.tags)
        if paper.abstract:
            self.abstract_label.setText(paper.abstract)
            self.abstract_label.setEnabled(True)
        else:
            self.abstract_label.setText(self.tr("This listing gave no abstract."))
            self.abstract_label.setEnabled(False)
        self.history_label.setText(self._history_html(paper))
        self.show_lab_readers()
        self._fill_attachments(paper.id)
        if paper.trashed:
            self.meta_label.setText(self.meta_label.text() + " · " + self.tr("in the Trash"))

    def show_lab_readers(self) -> None:
        """The line on who in the lab read the paper (after a sync, or for another paper)."""
        text = self.lab_text(self.paper.id) if self.lab_text and self.paper else None
        self.lab_label.setText(text or "")
        self.lab_label.setAccessibleDescription(text or "")
        self.lab_label.setVisible(bool(text))

    def _fill_attachments(self, paper_id: int) -> None:
        self.attachments_list.clear()
        try:
            found = self.library.attachments(paper_id)
        except LibraryError as exc:
            log.warning("Could not list the attachments of %s: %s", paper_id, exc)
            found = []
        for attachment in found:
            text = attachment.display
            if attachment.missing:
                text = self.tr("{name} (missing)").format(name=text)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, attachment)
            item.setToolTip(str(attachment.path or attachment.target))
            if attachment.missing:
                item.setForeground(self.palette().brush(QPalette.ColorRole.PlaceholderText))
            self.attachments_list.addItem(item)
        if not found:
            empty = QListWidgetItem(self.tr("No files or links yet"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.attachments_list.addItem(empty)
        rows = max(1, min(len(found), 4))
        self.attachments_list.setFixedHeight(
            rows * (self.attachments_list.fontMetrics().height() + 8) + 6
        )
        if found:
            self.attachments_list.setCurrentRow(0)
        self._attachment_buttons()

    def _current_attachment(self):
        item = self.attachments_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _attachment_buttons(self) -> None:
        current = self._current_attachment()
        self.open_attachment_button.setEnabled(current is not None and not current.missing)
        self.locate_button.setEnabled(current is not None and current.kind == "file")
        self.remove_attachment_button.setEnabled(current is not None)

    def _open_item(self, item: QListWidgetItem | None) -> None:
        attachment = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if attachment is not None and self.paper is not None:
            self.attachmentOpened.emit(self.paper.id, attachment)

    def _locate_current(self) -> None:
        current = self._current_attachment()
        if current is not None and self.paper is not None:
            self.attachmentLocate.emit(self.paper.id, current.id)

    def _remove_current(self) -> None:
        current = self._current_attachment()
        if current is not None and self.paper is not None:
            self.attachmentRemoved.emit(self.paper.id, current.id)

    def _history_html(self, paper: PaperDetail) -> str:
        lines = [
            html.escape(
                self.tr("{when} — added as {status}").format(
                    when=format_datetime(paper.added_at),
                    status=status_label("new"),
                )
            )
        ]
        for change in paper.history:
            when = format_datetime(change.at)
            old = status_label(change.old_status) if change.old_status else "—"
            lines.append(
                html.escape(
                    self.tr("{when} — {old} → {new}").format(
                        when=when, old=old, new=status_label(change.new_status)
                    )
                )
            )
        return "<br>".join(reversed(lines))

    def _author_link(self, link: str) -> None:
        if link.startswith("author:"):
            self.authorRequested.emit(html.unescape(link.removeprefix("author:")))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Links in rich text keep the colours they were laid out with;
            # lay them out again so a scheme switch reaches them.
            if self.paper is not None:
                self._fill(self.paper)
            if self.note_tabs.currentIndex() == PREVIEW_TAB:
                self._render_preview()

    # -- the note ----------------------------------------------------------

    def _note_focus_lost(self) -> None:
        self.flush_note()
        # Coming back to the note is a new burst of editing.
        self._note_burst = uuid.uuid4().hex

    def _set_note(self, paper_id: int | None, text: str) -> None:
        self._loading_note = True
        self._note_burst = uuid.uuid4().hex
        try:
            self._note_paper_id = paper_id
            self._note_dirty = False
            self.notes_edit.setPlainText(text)
            self.notes_edit.setEnabled(paper_id is not None)
            self.note_state.setText("")
            if self.note_tabs.currentIndex() == PREVIEW_TAB:
                self._render_preview()
        finally:
            self._loading_note = False

    def _note_typed(self) -> None:
        if self._loading_note or self._note_paper_id is None:
            return
        self._note_dirty = True
        self.note_state.setText(self.tr("Editing…"))
        self._note_timer.start()

    def note_dirty(self) -> bool:
        return self._note_dirty

    def flush_note(self) -> bool:
        """Save the note now if it changed; False if that failed (the text stays in the editor)."""
        self._note_timer.stop()
        if not self._note_dirty or self._note_paper_id is None:
            return True
        text = self.notes_edit.toPlainText()
        try:
            self.library.set_note(self._note_paper_id, text, burst=self._note_burst)
        except LibraryError as exc:
            log.warning("Note for paper %s not saved: %s", self._note_paper_id, exc)
            self.note_state.setText(self.tr("Not saved: {reason}").format(reason=str(exc)))
            # Try again later; the text stays in the editor meanwhile.
            self._note_timer.start(5000)
            return False
        self._note_dirty = False
        self.note_state.setText(self.tr("Saved"))
        self.noteSaved.emit(self._note_paper_id)
        return True

    def edit_note(self) -> None:
        self.note_tabs.setCurrentIndex(WRITE_TAB)
        self.notes_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tab_changed(self, index: int) -> None:
        if index == PREVIEW_TAB:
            self.flush_note()
            self._render_preview()

    def _render_preview(self) -> None:
        text = self.notes_edit.toPlainText()
        if text.strip():
            self.note_preview.set_markdown(text)
        else:
            self.note_preview.setPlainText(self.tr("No note yet."))
