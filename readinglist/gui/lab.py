"""File ▸ Lab: join a lab server, and keep the library in sync in the background.

``LabController`` syncs in the worker pool (never on the UI thread): every
few seconds, soon after a local change, and at once when the server says
something changed (a listener thread). The status bar says where it stands:
synced, syncing, offline since when, conflicts to resolve. Going offline is
not an error; the next turn tries again.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
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
        if not stored:
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
    """

    resolved = Signal()

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
        self.keep_mine.clicked.connect(lambda: self.keep("mine"))
        self.keep_theirs.clicked.connect(lambda: self.keep("theirs"))
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
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        from readinglist.lab import sync

        self.conflicts = sync.conflicts(self.library)
        self.list.clear()
        fields = {
            "title": self.tr("title"),
            "authors": self.tr("authors"),
            "abstract": self.tr("abstract"),
            "links": self.tr("links"),
        }
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


class LabController(QObject):
    """Keeps a library in sync with its lab while its window is open.

    Signals:
        stateChanged(str): the status bar's text changed.
    """

    stateChanged = Signal(str)
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
        self.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def in_lab(self) -> bool:
        from readinglist.lab.state import in_lab

        return in_lab(self.library)

    def start(self) -> None:
        """Begin syncing if the library is in a lab and a password is at hand."""
        if not self.in_lab():
            self.label.hide()
            return
        # Only a library in a lab pays for importing the sync machinery.
        from readinglist.lab import sync
        from readinglist.lab.errors import LabError

        self.label.show()
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
        lab = self._lab
        self._task = run_task(
            lambda _ctx: lab.sync(), on_result=self._synced, on_error=self._failed, parent=self
        )

    def _synced(self, _report: object) -> None:
        from readinglist.lab import sync

        self._offline_since = None
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
        else:
            self._set(self.tr("Lab: {error}").format(error=str(exc)))
        self._next()

    def _next(self) -> None:
        if self._again and not self._stopped:
            self._again = False
            self.sync_now()

    def _set(self, text: str) -> None:
        self.label.setText(text)
        self.stateChanged.emit(text)


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

    def open_conflicts() -> ConflictsDialog:
        dialog = ConflictsDialog(library, window)
        dialog.resolved.connect(controller.local_change)
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
        sync_action.setEnabled(controller.in_lab())
        conflicts_action.setEnabled(controller.in_lab())

    menu.aboutToShow.connect(enable)
    file_menu.insertMenu(file_menu.actions()[-1], menu)
    file_menu.insertSeparator(file_menu.actions()[-1])
    return menu
