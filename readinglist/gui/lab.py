"""File ▸ Lab: join a lab server, and keep the library in sync in the background.

``LabController`` syncs in the worker pool (never on the UI thread): every
few seconds, soon after a local change, and at once when the server says
something changed (a listener thread). The status bar says where it stands:
synced, syncing, offline since when, conflicts to resolve. Going offline is
not an error; the next turn tries again.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.a11y import name_built_in_parts
from readinglist.gui.paper_model import COL_LAB, COL_TITLE, LabReaders, LabReadersText
from readinglist.gui.tasks import Task, run_task
from readinglist.library import Library

SYNC_INTERVAL_MS = 10_000
AFTER_CHANGE_MS = 1_000


def _test_connection(_ctx: Any, url_text: str, password: str) -> str:
    """In a worker: reach the server and check it is a lab; returns the member name."""
    from readinglist.lab import server, urls

    url = urls.parse(url_text)
    lab = server.LabServer(urls.without_password(url), password or url.password)
    try:
        return lab.hello()
    finally:
        lab.close()


def _join(_ctx: Any, library: Library, url_text: str, password: str) -> Any:
    from readinglist.lab import password as passwords
    from readinglist.lab import urls
    from readinglist.lab.sync import LabSync

    url = urls.parse(url_text)
    secret = password or (str(url.password) if url.password else "")
    with LabSync(library, urls.without_password(url), secret) as lab:
        report = lab.join()
    stored = passwords.remember(url, secret)
    return report, stored


def shared_field_names() -> dict[str, str]:
    """The shared fields a conflict can name, as the user reads them."""
    return {
        "title": QCoreApplication.translate("LabField", "title"),
        "authors": QCoreApplication.translate("LabField", "authors"),
        "abstract": QCoreApplication.translate("LabField", "abstract"),
        "links": QCoreApplication.translate("LabField", "links"),
        "year": QCoreApplication.translate("LabField", "year"),
        "venue": QCoreApplication.translate("LabField", "venue"),
        "doi": QCoreApplication.translate("LabField", "DOI"),
    }


class JoinLabDialog(QDialog):
    """Asks for the lab's URL and password, tests the connection, then joins.

    Signals:
        joined: the library joined the lab (its papers are uploaded).
    """

    joined = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinLabDialog")
        self.setWindowTitle(self.tr("Join a lab server"))
        self.library = library
        self.task: Task | None = None
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("labUrl")
        self.url_edit.setPlaceholderText("postgresql://name@server/lab")
        self.url_edit.setAccessibleName(self.tr("Lab server URL"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("labPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.message = QLabel(self)
        self.message.setObjectName("labMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server &URL:"), self.url_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.test_button = QPushButton(self.tr("&Test the connection"), self)
        self.test_button.setObjectName("labTest")
        self.test_button.clicked.connect(self.test)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.join_button = self.buttons.addButton(
            self.tr("&Join"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.join_button.setObjectName("labJoin")
        self.buttons.accepted.connect(self.join)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Your papers are shared with the lab; your status, rating, tags and notes"
                    " stay yours. The password is kept in the system keyring."
                ),
                self,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.test_button, self.join_button, self.url_edit, self.password_edit):
            widget.setEnabled(not busy)
        if text:
            self.message.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False, str(exc))

    def test(self) -> Task:
        """Check the server and the login, writing nothing."""
        self._busy(True, self.tr("Connecting…"))
        self.task = run_task(
            _test_connection,
            self.url_edit.text(),
            self.password_edit.text(),
            on_result=lambda member: self._busy(
                False, self.tr("Connected as {member}.").format(member=member)
            ),
            on_error=self._failed,
            parent=self,
        )
        return self.task

    def join(self) -> Task:
        """Test the connection first; only then join (upload and match the papers)."""
        self._busy(True, self.tr("Connecting…"))

        def tested(_member: object) -> None:
            self._busy(True, self.tr("Joining: uploading and matching your papers…"))
            self.task = run_task(
                _join,
                self.library,
                self.url_edit.text(),
                self.password_edit.text(),
                on_result=self._joined,
                on_error=self._failed,
                parent=self,
            )

        self.task = run_task(
            _test_connection,
            self.url_edit.text(),
            self.password_edit.text(),
            on_result=tested,
            on_error=self._failed,
            parent=self,
        )
        return self.task

    def _joined(self, result: Any) -> None:
        _report, stored = result
        self._busy(False)
        # With the password in the environment the app syncs without a keyring.
        if not stored and not os.environ.get("READINGLIST_LAB_PASSWORD"):
            QMessageBox.information(
                self,
                self.tr("No keyring"),
                self.tr(
                    "This system has no keyring to keep the password in; set"
                    " READINGLIST_LAB_PASSWORD for the app to sync."
                ),
            )
        self.joined.emit()
        self.accept()


class ConflictsDialog(QDialog):
    """The lab conflicts of this library: each shows both versions; keep mine or theirs.

    Signals:
        resolved: a conflict was settled (what was kept goes to the lab at the next sync).
        mergeRequested(object): the user wants to write a merged value for this conflict.
    """

    resolved = Signal()
    mergeRequested = Signal(object)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labConflictsDialog")
        self.setWindowTitle(self.tr("Lab conflicts"))
        self.library = library
        self.conflicts: list[Any] = []
        self.list = QListWidget(self)
        self.list.setObjectName("labConflictList")
        self.list.setAccessibleName(self.tr("Conflicts"))
        self.mine = QPlainTextEdit(self)
        self.mine.setObjectName("labMine")
        self.mine.setReadOnly(True)
        self.mine.setAccessibleName(self.tr("This machine's version"))
        self.theirs = QPlainTextEdit(self)
        self.theirs.setObjectName("labTheirs")
        self.theirs.setReadOnly(True)
        self.theirs.setAccessibleName(self.tr("The lab's version"))
        self.keep_mine = QPushButton(self.tr("Keep &mine"), self)
        self.keep_mine.setObjectName("labKeepMine")
        self.keep_theirs = QPushButton(self.tr("Keep &theirs"), self)
        self.keep_theirs.setObjectName("labKeepTheirs")
        self.merge_button = QPushButton(self.tr("M&erge…"), self)
        self.merge_button.setObjectName("labMergeButton")
        self.merge_button.setToolTip(self.tr("Write a value that merges both versions"))
        self.keep_mine.clicked.connect(lambda: self.keep("mine"))
        self.keep_theirs.clicked.connect(lambda: self.keep("theirs"))
        self.merge_button.clicked.connect(self._merge)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(self._show)
        versions = QHBoxLayout()
        for label, edit, button in (
            (self.tr("Mine"), self.mine, self.keep_mine),
            (self.tr("Theirs"), self.theirs, self.keep_theirs),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(label, self))
            column.addWidget(edit)
            column.addWidget(button)
            versions.addLayout(column)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(versions)
        layout.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(close)
        name_built_in_parts(self)
        self.refresh()

    def refresh(self) -> None:
        from readinglist.lab import sync

        self.conflicts = sync.conflicts(self.library)
        self.list.clear()
        fields = shared_field_names()
        for c in self.conflicts:
            what = self.tr("note") if c.kind == "note" else fields.get(c.field, c.field)
            self.list.addItem(self.tr("The {what} of “{title}”").format(what=what, title=c.title))
        if self.conflicts:
            self.list.setCurrentRow(0)
        self._show(self.list.currentRow())

    def _show(self, row: int) -> None:
        found = 0 <= row < len(self.conflicts)
        c = self.conflicts[row] if found else None
        self.mine.setPlainText(c.mine or "" if c else "")
        self.theirs.setPlainText(c.theirs or "" if c else "")
        self.keep_mine.setEnabled(found)
        self.keep_theirs.setEnabled(found)
        # Notes are merged in the note itself; fields (but links) in the merge dialog.
        self.merge_button.setEnabled(
            c is not None and c.kind == "field" and c.field not in ("links",)
        )

    def _merge(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.conflicts):
            self.mergeRequested.emit(self.conflicts[row])

    def keep(self, which: str) -> None:
        from readinglist.lab import sync

        row = self.list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        try:
            sync.resolve(self.library, self.conflicts[row].id, which)
        except Exception as exc:
            QMessageBox.warning(self, self.tr("Could not resolve the conflict"), str(exc))
            return
        self.resolved.emit()
        self.refresh()


# Shared fields whose value is a list: shown and edited one item a line.
LIST_FIELDS = ("authors", "links")


def _field_lines(name: str, text: str | None, value: Any = None) -> str:
    """A conflict's value (decoded, or stored: JSON for lists and years) as the user edits it."""
    if value is not None:
        return "\n".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    if text is None:
        return ""
    if name in LIST_FIELDS or name == "year":
        try:
            value = json.loads(text)
        except ValueError:
            return text
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return "" if value is None else str(value)
    return text


class MergeDialog(QDialog):
    """Another member changed a shared field this member changed too: theirs, mine, or merged.

    Shown by the sync at the moment it finds the clash (the second writer);
    "Later" leaves it in File ▸ Lab ▸ Conflicts to resolve…. The choice is a
    journaled command, pushed to the lab at the next sync.

    Signals:
        resolved: the conflict was settled.
    """

    resolved = Signal()

    def __init__(self, library: Library, conflict: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labMergeDialog")
        self.setWindowTitle(self.tr("Merge a change from the lab"))
        self.library = library
        self.conflict = conflict
        names = shared_field_names()
        what = names.get(conflict.field, conflict.field)
        intro = QLabel(
            self.tr(
                "Another lab member changed the {what} of “{title}” before your change"
                " reached the lab. Keep theirs, keep yours, or write a merged {what}."
            ).format(what=what, title=conflict.title),
            self,
        )
        intro.setObjectName("labMergeIntro")
        intro.setWordWrap(True)
        self.theirs = self._text("theirs", "labMergeTheirsText", self.tr("The lab's version"))
        self.mine = self._text("mine", "labMergeMineText", self.tr("Your version"))
        self.merged = QPlainTextEdit(self)
        self.merged.setObjectName("labMergedText")
        self.merged.setAccessibleName(self.tr("Merged version"))
        self.merged.setPlainText(self.mine.toPlainText())
        self.merged.setTabChangesFocus(True)
        one_a_line = conflict.field == "authors"
        # Links are attachments: theirs or mine, not an edited list.
        self.merged.setEnabled(conflict.field != "links")
        self.message = QLabel(self)
        self.message.setObjectName("labMergeMessage")
        self.message.setWordWrap(True)

        grid = QHBoxLayout()
        for caption, edit in (
            (self.tr("In the lab (theirs):"), self.theirs),
            (self.tr("Yours:"), self.mine),
            (
                self.tr("&Merged (one author a line):") if one_a_line else self.tr("&Merged:"),
                self.merged,
            ),
        ):
            column = QVBoxLayout()
            label = QLabel(caption, self)
            label.setBuddy(edit)
            column.addWidget(label)
            column.addWidget(edit)
            grid.addLayout(column)

        buttons = QDialogButtonBox(self)
        self.keep_theirs = buttons.addButton(
            self.tr("Keep &theirs"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_theirs.setObjectName("labMergeTheirs")
        self.keep_mine = buttons.addButton(
            self.tr("Keep &mine"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_mine.setObjectName("labMergeMine")
        self.use_merged = buttons.addButton(
            self.tr("&Use the merged version"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_merged.setObjectName("labMergeUse")
        self.use_merged.setEnabled(self.merged.isEnabled())
        self.later = buttons.addButton(self.tr("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.later.setObjectName("labMergeLater")
        self.later.setToolTip(self.tr("Keep it in File ▸ Lab ▸ Conflicts to resolve…"))
        self.keep_theirs.clicked.connect(lambda: self.choose("theirs"))
        self.keep_mine.clicked.connect(lambda: self.choose("mine"))
        self.use_merged.clicked.connect(lambda: self.choose("merged"))
        self.later.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        name_built_in_parts(self)
        self.resize(760, 300)

    def _text(self, side: str, name: str, accessible: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setReadOnly(True)
        edit.setAccessibleName(accessible)
        c = self.conflict
        decoded = getattr(c, f"{side}_value", None)
        edit.setPlainText(_field_lines(c.field, getattr(c, side), decoded))
        edit.setTabChangesFocus(True)
        return edit

    def merged_value(self) -> Any:
        """The merged text as the field holds it (authors a list, year a number or None)."""
        text = self.merged.toPlainText()
        field = self.conflict.field
        if field == "authors":
            return [line.strip() for line in text.splitlines() if line.strip()]
        text = text.strip()
        if field == "title":
            return " ".join(text.split())
        if field == "year" and text:
            return int(text) if text.lstrip("-").isdigit() else text
        return text or None

    def choose(self, which: str) -> bool:
        """Apply theirs, mine or the merged version (one journaled change); True when done."""
        try:
            if which == "merged":
                value = self.merged_value()
                if self.conflict.field in ("title", "authors") and not value:
                    self.message.setText(self.tr("The merged version cannot be empty."))
                    return False
                resolve_merged(self.library, self.conflict, value)
            else:
                from readinglist.lab import sync

                sync.resolve(self.library, self.conflict.id, which)
        except Exception as exc:
            self.message.setText(str(exc))
            return False
        self.resolved.emit()
        self.accept()
        return True


def resolve_merged(library: Library, conflict: Any, value: Any) -> None:
    """Settle a shared-field conflict with a value of the user's own, pushed as theirs to be.

    With the lab's ``resolve(..., "merged", value=...)`` it is one journaled
    entry; otherwise the paper is edited (journaled) and then kept as mine.
    """
    import inspect

    from readinglist.lab import sync

    if "value" in inspect.signature(sync.resolve).parameters:
        sync.resolve(library, conflict.id, "merged", value=value)  # type: ignore[call-arg]
        return
    field = conflict.field
    if field in ("title", "authors", "abstract"):
        library.edit_paper(
            conflict.paper_id,
            title=value if field == "title" else None,
            authors=value if field == "authors" else None,
            abstract=(value or "") if field == "abstract" else None,
        )
    else:
        library.edit_paper(conflict.paper_id, fields={field: value})
    sync.resolve(library, conflict.id, "mine")


class LabController(QObject):
    """Keeps a library in sync with its lab while its window is open.

    Signals:
        stateChanged(str): the status bar's text changed.
        sharingChanged(bool): this member's status and rating are now shown (or not) to the lab.
        mergeResolved: a conflict was settled from the merge prompt.
    """

    stateChanged = Signal(str)
    sharingChanged = Signal(bool)
    mergeResolved = Signal()
    _notified = Signal()

    def __init__(self, window: QMainWindow, library: Library) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.label = QLabel(window)
        self.label.setObjectName("labStatus")
        self.label.setAccessibleName(self.tr("Lab sync"))
        window.statusBar().addPermanentWidget(self.label)
        self.label.hide()
        self._task: Task | None = None
        self._again = False
        self._offline_since: datetime | None = None
        self._lab: Any = None
        self._listener: Any = None
        self._stopped = False
        self._lock = threading.Lock()
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_CHANGE_MS)
        self._soon.timeout.connect(self.sync_now)
        self._notified.connect(self.sync_now)
        # Any change to the library (this window, another, the CLI) moves the
        # journal: a cheap local look every second pushes it soon after.
        self._seen: tuple[int, int] | None = None
        self._journal_timer = QTimer(self)
        self._journal_timer.setInterval(1000)
        self._journal_timer.timeout.connect(self._check_journal)
        window.installEventFilter(self)
        self._merges: list[Any] = []
        # Conflicts already put to the user, with the versions they saw.
        self._asked: dict[int, tuple[str | None, str | None]] = {}
        self._member_name: str | None = None
        self._tag_texts: tuple[str, str] | None = None
        self.merge_dialog: MergeDialog | None = None
        self._counts_task: Task | None = None
        self._counts_again = False
        refreshed = getattr(window, "facetsRefreshed", None)
        if refreshed is not None:
            refreshed.connect(self.refresh_lab_counts)
        self.start()
        # Once the window has restored its layout (columns included).
        QTimer.singleShot(0, self._show_lab_view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def in_lab(self) -> bool:
        from readinglist.lab.state import in_lab

        return in_lab(self.library)

    def _show_lab_view(self) -> None:
        """The Lab column, the detail line and the LAB section: there in a lab, gone outside."""
        if self._stopped:
            return
        in_lab = self.in_lab()
        paper_list = getattr(self.window, "paper_list", None)
        if paper_list is not None:
            paper_list.set_lab(in_lab)
        member = self._member() if in_lab else None
        model = getattr(self.window, "model", None)
        if model is not None:
            library = self.library
            model.lab_member = member
            model.set_lab_source((lambda pids: _lab_readers(library, pids)) if in_lab else None)
            table = getattr(self.window, "table", None)
            if not in_lab and model.sort_column == COL_LAB and table is not None:
                # Sorted by a column that is gone (the lab was left): by title again.
                table.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
        detail = getattr(self.window, "detail", None)
        if detail is not None:
            detail.lab_text = self._readers_text if in_lab else None
            detail.show_lab_readers()
        self._show_tags_sharing()
        panel = getattr(self.window, "facet_panel", None)
        if panel is not None and not in_lab:
            panel.set_lab_counts(None)
        if in_lab:
            self.refresh_lab_counts()

    def _show_tags_sharing(self) -> None:
        """The tag field says when tags are the lab's (the admin's setting, as of the last sync)."""
        from readinglist.lab import sync

        detail = getattr(self.window, "detail", None)
        editor = getattr(detail, "tag_editor", None)
        if editor is None:
            return
        if self._tag_texts is None:
            self._tag_texts = (editor.placeholderText(), editor.toolTip())
        shared = self.in_lab() and sync.shared_tags(self.library)
        if shared:
            editor.setPlaceholderText(self.tr("Add a tag (shared with the lab)…"))
            editor.setToolTip(
                self.tr("Tags are shared with the lab: every member sees and edits the same tags")
            )
        else:
            editor.setPlaceholderText(self._tag_texts[0])
            editor.setToolTip(self._tag_texts[1])
        editor.setAccessibleDescription(editor.toolTip())

    def _member(self) -> str | None:
        """This library's member name (read once per lab view: it changes only by joining)."""
        from readinglist.lab import sync

        lab_member = getattr(sync, "lab_member", None)
        self._member_name = (
            lab_member(self.library) if lab_member else sync.status(self.library).member
        )
        return self._member_name

    def _readers_text(self, paper_id: int) -> str:
        found = _lab_readers(self.library, [paper_id]).get(paper_id, LabReaders())
        return LabReadersText(self).describe(found, self._member_name)

    def refresh_lab_view(self) -> None:
        """After a sync: the lab's counts may have moved; read them again where they show."""
        model = getattr(self.window, "model", None)
        if model is not None and model.lab_source is not None:
            model.refresh_lab()
        detail = getattr(self.window, "detail", None)
        if detail is not None:
            detail.show_lab_readers()
        self._show_tags_sharing()
        self.refresh_lab_counts()

    def refresh_lab_counts(self) -> None:
        """Count the sidebar's LAB entries in a worker; asked again meanwhile, once more after."""
        panel = getattr(self.window, "facet_panel", None)
        if panel is None or self._stopped or not self.in_lab():
            return
        if self._counts_task is not None and not self._counts_task.finished:
            self._counts_again = True
            return
        self._counts_again = False

        def shown(counts: dict[str, int]) -> None:
            if not self._stopped and self.in_lab():
                panel.set_lab_counts(counts)

        def done() -> None:
            if self._counts_again:
                QTimer.singleShot(0, self.refresh_lab_counts)

        self._counts_task = run_task(
            _lab_counts, self.library, on_result=shown, on_error=lambda _e: None, parent=self
        )
        self._counts_task.done.connect(done)

    # -- the merge prompt ------------------------------------------------------

    def prompt_merge(self, conflict: Any, *, again: bool = False) -> None:
        """A shared field this member changed was changed by another first: ask, now.

        A conflict answered "Later" is not asked again unless ``again`` (the
        user asked for it) or its versions changed.
        """
        if any(c.id == conflict.id for c in self._merges):
            return
        if not again and self._asked.get(conflict.id) == (conflict.mine, conflict.theirs):
            return  # answered "Later" already: it waits in the Conflicts dialog
        self._asked[conflict.id] = (conflict.mine, conflict.theirs)
        if self.merge_dialog is not None and self.merge_dialog.conflict.id == conflict.id:
            return
        self._merges.append(conflict)
        self._next_merge()

    def _next_merge(self) -> None:
        if self.merge_dialog is not None or not self._merges or self._stopped:
            return
        dialog = MergeDialog(self.library, self._merges.pop(0), self.window)
        self.merge_dialog = dialog
        self.window.lab_merge = dialog  # type: ignore[attr-defined]
        dialog.resolved.connect(self.local_change)
        dialog.resolved.connect(self.mergeResolved)
        dialog.finished.connect(lambda _result: self._merge_closed(dialog))
        dialog.open()

    def _merge_closed(self, dialog: MergeDialog) -> None:
        if self.merge_dialog is dialog:
            self.merge_dialog = None
        dialog.deleteLater()
        self._next_merge()

    # -- sharing ---------------------------------------------------------------

    def sharing(self) -> bool:
        from readinglist.lab import sync

        return self.in_lab() and sync.status(self.library).share

    def set_sharing(self, share: bool) -> Task:
        """Show (or hide) this member's status and rating to the lab: the server first."""
        self._set(
            self.tr("Lab: sharing your status and rating…")
            if share
            else self.tr("Lab: hiding your status and rating…")
        )

        def done(_share: object) -> None:
            self._set(
                self.tr("Lab: your status and rating are shown to the lab")
                if share
                else self.tr("Lab: your status and rating are private")
            )
            self.sharingChanged.emit(share)
            self.sync_now()

        def failed(exc: BaseException) -> None:
            self._set(self.tr("Lab: {error}").format(error=str(exc)))
            self.sharingChanged.emit(self.sharing())

        return run_task(
            _set_share, self.library, share, on_result=done, on_error=failed, parent=self
        )

    def start(self) -> None:
        """Begin syncing if the library is in a lab and a password is at hand."""
        if not self.in_lab():
            self.label.hide()
            return
        # Only a library in a lab pays for importing the sync machinery.
        from readinglist.lab import sync
        from readinglist.lab.errors import LabError

        self.label.show()
        state = sync.status(self.library)
        self.label.setToolTip(
            self.tr("You are {member} in the lab at {server}").format(
                member=state.member or "?", server=state.server or "?"
            )
        )
        try:
            # Never a terminal prompt from the app: the keyring or the environment.
            self._lab = sync.LabSync(self.library, ask=False)
        except LabError as exc:
            self._set(self.tr("Lab: {error}").format(error=str(exc)))
            return
        self.timer.start()
        self._seen = self.library.journal_version()
        self._journal_timer.start()
        self._start_listener()
        self._show_lab_view()
        self.sync_now()

    def _start_listener(self) -> None:
        from readinglist.lab.live import Listener

        # The listener's thread only emits a signal; the sync runs from the UI thread's timer.
        self._listener = Listener(self._lab.server, self._notified.emit)
        self._listener.start()

    def _check_journal(self) -> None:
        try:
            version = self.library.journal_version()
        except Exception:
            return
        if self._seen is not None and version != self._seen:
            self.local_change()
        self._seen = version

    def stop(self) -> None:
        self._stopped = True
        self._journal_timer.stop()
        self.timer.stop()
        self._soon.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def local_change(self) -> None:
        """The user changed something: push it soon."""
        if self._lab is not None and not self._stopped:
            self._soon.start()

    def sync_now(self) -> None:
        if self._lab is None or self._stopped:
            return
        if self._task is not None and not self._task.finished:
            self._again = True
            return
        self._set(self.tr("Lab: syncing…"))
        self._task = run_task(
            _sync_and_find_clashes,
            self._lab,
            self.library,
            on_result=self._synced,
            on_error=self._failed,
            parent=self,
        )

    def _synced(self, result: tuple[object, list[Any]]) -> None:
        from readinglist.lab import sync

        _report, clashes = result
        self._offline_since = None
        self.refresh_lab_view()
        for clash in clashes:
            self.prompt_merge(clash)
        state = sync.status(self.library)
        if state.conflicts:
            self._set(self.tr("Lab: %n conflict(s) to resolve", "", state.conflicts))
        else:
            self._set(
                self.tr("Lab: synced at {time}").format(time=datetime.now().strftime("%H:%M"))
            )
        self._next()

    def _failed(self, exc: BaseException) -> None:
        from readinglist.lab.errors import ServerUnreachable

        if isinstance(exc, ServerUnreachable):
            if self._offline_since is None:
                self._offline_since = datetime.now()
            self._set(
                self.tr("Lab: offline since {time}").format(
                    time=self._offline_since.strftime("%H:%M")
                )
            )
        elif not self.in_lab():
            self._left()
            return
        else:
            self._set(self.tr("Lab: {error}").format(error=str(exc)))
        self._next()

    def _left(self) -> None:
        """The library left its lab (`readinglist lab leave`): stop syncing, drop the lab view."""
        self._journal_timer.stop()
        self.timer.stop()
        self._soon.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        if self._lab is not None:
            self._lab.close()
            self._lab = None
        self.label.hide()
        self._show_lab_view()

    def _next(self) -> None:
        if self._again and not self._stopped:
            self._again = False
            self.sync_now()

    def _set(self, text: str) -> None:
        self.label.setText(text)
        self.stateChanged.emit(text)


def _sync_and_find_clashes(_ctx: Any, lab: Any, library: Library) -> tuple[Any, list[Any]]:
    """In a worker: sync, and the shared-field conflicts this sync found (the merge prompts)."""
    from readinglist.lab import sync

    before = {c.id: (c.mine, c.theirs) for c in sync.conflicts(library)}
    report = lab.sync()
    found = getattr(report, "field_conflicts", None)
    if found is not None:
        return report, list(found)
    clashes = [
        c
        for c in sync.conflicts(library)
        if c.kind == "field" and before.get(c.id) != (c.mine, c.theirs)
    ]
    return report, clashes


def _lab_readers(library: Library, pids: Sequence[int]) -> dict[int, LabReaders]:
    """Who in the lab read these papers, as far as the last sync knows."""
    from readinglist.lab import sync

    readers = getattr(sync, "readers", None)
    if readers is not None:
        found = readers(library, pids) or {}
        return {
            pid: LabReaders(len(r.read), len(r.reading), tuple(r.read), tuple(r.reading))
            for pid, r in found.items()
            if r.read or r.reading
        }
    return {pid: LabReaders(read_count=n) for pid, n in sync.read_by(library, pids).items() if n}


def _lab_counts(_ctx: Any, library: Library) -> dict[str, int]:
    """In a worker: the sidebar's LAB entries and their counts (from the query language)."""
    from readinglist.gui.facets import LAB_NOBODY, LAB_READ, LAB_READING, LAB_TERMS
    from readinglist.library.query import QueryError

    counts = {}
    for value in (LAB_READ, LAB_NOBODY, LAB_READING):
        try:
            counts[value] = library.count(library.parse_query(LAB_TERMS[value]))
        except QueryError:
            continue  # a library that does not know who is reading yet
    return counts


def _set_share(_ctx: Any, library: Library, share: bool) -> bool:
    """In a worker: tell the lab, then remember it here (as `readinglist lab share` does)."""
    from readinglist.lab import sync

    sync.set_share(library, share, ask=False)
    return share


def add_lab_menu(window: QMainWindow, file_menu: QMenu) -> QMenu:
    """File ▸ Lab, and the controller that syncs the window's library (``window.lab``)."""
    library: Library = window.library  # type: ignore[attr-defined]
    controller = LabController(window, library)
    window.lab = controller  # type: ignore[attr-defined]
    actions = getattr(window, "library_actions", None)
    if actions is not None and hasattr(actions, "papersChanged"):
        actions.papersChanged.connect(lambda *_: controller.local_change())
    menu = QMenu(QCoreApplication.translate("LabController", "&Lab"), file_menu)
    menu.setObjectName("labMenu")
    join = menu.addAction(QCoreApplication.translate("LabController", "&Join a lab server…"))
    join.setObjectName("labJoinAction")
    sync_action = menu.addAction(QCoreApplication.translate("LabController", "&Sync now"))
    sync_action.setObjectName("labSyncAction")
    conflicts_action = menu.addAction(
        QCoreApplication.translate("LabController", "&Conflicts to resolve…")
    )
    conflicts_action.setObjectName("labConflictsAction")
    share_action = menu.addAction(
        QCoreApplication.translate("LabController", "S&hare my status and rating with the lab")
    )
    share_action.setObjectName("labShareAction")
    share_action.setCheckable(True)
    share_action.setToolTip(
        QCoreApplication.translate(
            "LabController",
            "Lab members then see who has read each paper; your notes and tags stay private",
        )
    )
    share_action.triggered.connect(lambda checked: controller.set_sharing(checked))
    controller.sharingChanged.connect(share_action.setChecked)

    def open_conflicts() -> ConflictsDialog:
        dialog = ConflictsDialog(library, window)
        dialog.resolved.connect(controller.local_change)
        dialog.mergeRequested.connect(lambda c: controller.prompt_merge(c, again=True))
        controller.mergeResolved.connect(dialog.refresh)
        dialog.open()
        window.lab_conflicts = dialog  # type: ignore[attr-defined]
        return dialog

    conflicts_action.triggered.connect(lambda _checked=False: open_conflicts())

    def open_join() -> JoinLabDialog:
        dialog = JoinLabDialog(library, window)
        dialog.joined.connect(controller.start)
        dialog.open()
        window.lab_dialog = dialog  # type: ignore[attr-defined]
        return dialog

    join.triggered.connect(lambda _checked=False: open_join())
    sync_action.triggered.connect(lambda _checked=False: controller.sync_now())

    def enable() -> None:
        in_lab = controller.in_lab()
        sync_action.setEnabled(in_lab)
        conflicts_action.setEnabled(in_lab)
        share_action.setEnabled(in_lab)
        share_action.setChecked(controller.sharing())

    menu.aboutToShow.connect(enable)
    file_menu.insertMenu(file_menu.actions()[-1], menu)
    file_menu.insertSeparator(file_menu.actions()[-1])
    return menu
