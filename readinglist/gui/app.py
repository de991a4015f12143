"""Starting the app: one instance per library, crash handling, logging, and the self-test."""

from __future__ import annotations

import gc
import getpass
import hashlib
import logging
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from readinglist.gui import a11y, appearance, i18n, keyboard
from readinglist.gui.crash import ExceptionHandler, route_qt_messages, setup_logging
from readinglist.gui.icons import app_icon
from readinglist.gui.settings import APPLICATION, ORGANIZATION, Preferences

log = logging.getLogger(__name__)

RAISE_MESSAGE = b"raise\n"


def create_window(data_dir: Path | str):
    """The main window over the library in ``data_dir``, built but not shown.

    Raises ``LibraryError`` when the library cannot be opened.
    """
    from readinglist.gui.main_window import MainWindow
    from readinglist.library import Library

    if QCoreApplication.instance() is not None:
        # A window made here (tests, the self-test) speaks the app's language.
        i18n.ensure_translators()
    # The daily backup is the window's to take, in a worker, once it is up:
    # copying a library of a million papers takes seconds.
    library = Library.open(Path(data_dir), auto_backup=False)
    try:
        window = MainWindow(library)
    except BaseException:
        library.close()
        raise
    # What start-up made (modules, widgets, their wrappers) lives as long as
    # the app: frozen out of the collector, a full collection no longer walks
    # it, which took ~30 ms and showed as a stutter while scrolling.
    keyboard.install(window)
    a11y.name_built_in_parts(window)
    fit_to_font(window)
    gc.freeze()
    return window


def fit_to_font(window) -> None:
    """Widths set in pixels, widened for the system font size and the language."""
    from readinglist.gui.paper_model import COL_ADDED, COL_RATING, COL_STATUS, stars, status_label
    from readinglist.library import STATUSES

    # Every month: "May 28, 2026" is short, "Sep 28, 2026" and "28 sept. 2026" are not.
    dates = [i18n.format_date(date(2026, month, 28)) for month in range(1, 13)]
    statuses = [status_label(s) for s in STATUSES]
    a11y.fit_columns(window.table, {COL_STATUS: statuses, COL_RATING: [stars(5)], COL_ADDED: dates})
    # The sidebar's fixed entries and their counts, without eliding.
    all_papers = QCoreApplication.translate("FacetPanel", "All papers")
    a11y.fit_width(window.facet_panel, [all_papers, *statuses], extra=80)
    # The detail pane's form, a tag and its button side by side: about 42 characters.
    detail_width = window.detail.fontMetrics().averageCharWidth() * 42
    window.detail.setMinimumWidth(max(window.detail.minimumWidth(), detail_width))


# -- one instance per library ---------------------------------------------


def server_name(data_dir: Path) -> str:
    """The local socket name of the instance showing ``data_dir`` (per user, per folder)."""
    key = f"{getpass.getuser()}:{Path(data_dir).expanduser().resolve()}"
    return "readinglist-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def ask_running_instance(name: str, timeout_ms: int = 500) -> bool:
    """True when another instance listens on ``name`` and was asked to come to the front."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE_MESSAGE)
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches on the same library and asks the window to come forward."""

    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(name):
            # A socket left by a crashed instance: nobody answered on it above.
            QLocalServer.removeServer(name)
            if not self.server.listen(name):
                log.warning("Single-instance server not started: %s", self.server.errorString())
        self.server.newConnection.connect(self._connection)

    def _connection(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)

    def _read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and bytes(socket.readAll().data()).startswith(
            RAISE_MESSAGE.strip()
        ):
            self.activated.emit()

    def close(self) -> None:
        self.server.close()


def bring_to_front(window) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


# -- opening errors ----------------------------------------------------------


def open_with_recovery(data_dir: Path):
    """Open the window; when the library cannot be opened, say why and offer to restore a backup."""
    from readinglist.gui.backup_dialog import RestoreDialog
    from readinglist.library import (
        DamagedLibraryError,
        LibraryError,
        list_backups,
        restore_backup,
    )
    from readinglist.library.integrity import set_aside

    while True:
        try:
            return create_window(data_dir)
        except LibraryError as exc:
            log.error("Cannot open the library in %s: %s", data_dir, exc)
            reason = str(exc)
            if isinstance(exc, DamagedLibraryError) and exc.moved_to is None:
                # A damaged file is moved out of the way, never deleted, so
                # that a backup (or a new library) can take its place.
                moved = set_aside(exc.db_path)
                log.error("Moved the damaged library to %s", moved)
                reason += " " + QCoreApplication.translate(
                    "App", "The damaged file was moved to {path}; nothing was deleted."
                ).format(path=moved)
            try:
                backups = list_backups(data_dir)
            except OSError:
                backups = []
            box = QMessageBox()
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(QCoreApplication.translate("App", "Cannot open the library"))
            box.setText(
                QCoreApplication.translate(
                    "App", "readinglist cannot open the library in {folder}."
                ).format(folder=data_dir)
            )
            box.setInformativeText(reason)
            restore = None
            if backups:
                restore = box.addButton(
                    QCoreApplication.translate("App", "Restore a backup…"),
                    QMessageBox.ButtonRole.AcceptRole,
                )
            box.addButton(
                QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole
            )
            box.exec()
            if restore is None or box.clickedButton() is not restore:
                return None
            dialog = RestoreDialog(backups)
            if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen_name() is None:
                return None
            try:
                restore_backup(data_dir, dialog.chosen_name())
            except LibraryError as restore_error:
                QMessageBox.critical(
                    None, QCoreApplication.translate("App", "Restore failed"), str(restore_error)
                )
                return None


# -- the app -------------------------------------------------------------------


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("readinglist")
    app.setDesktopFileName("io.github.readinglist.readinglist")
    app.setWindowIcon(app_icon())
    i18n.ensure_translators()
    return app


def follow_color_scheme(app: QApplication) -> None:
    """Apply the user's scheme now and whenever the system's changes (when they follow it)."""

    def apply() -> None:
        appearance.apply_color_scheme(app, Preferences.COLOR_SCHEME.read(Preferences.store()))

    apply()
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply())


def show_splash(app: QApplication) -> QLabel:
    """Something on screen at once, while the library code loads and the database opens.

    A plain frameless label: QSplashScreen.show() waits up to a second for
    the window to be exposed, which would delay the start it is meant to hide.
    """
    splash = QLabel()
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
    splash.setMargin(24)
    pixmap = app_icon().pixmap(QSize(96, 96))
    text = QCoreApplication.translate("App", "Opening your library…")
    if pixmap.isNull():
        splash.setText(text)
    else:
        splash.setPixmap(pixmap)
        splash.setToolTip(text)
    splash.setAccessibleName(text)
    splash.show()
    app.processEvents()
    return splash


def upgrade_with_progress(app: QApplication, data_dir: Path, splash: QLabel) -> None:
    """A library from an older version is upgraded in a thread, with the time it takes shown.

    A migration at a million papers can take most of a minute; the window
    says what is happening instead of showing nothing. Whatever goes wrong is
    left for the open that follows to report (a failed step changes nothing).
    """
    import threading
    import time

    from PySide6.QtWidgets import QProgressDialog

    from readinglist.library import Library
    from readinglist.library.db import DB_FILENAME
    from readinglist.library.schema import upgrade_due

    if not upgrade_due(Path(data_dir) / DB_FILENAME):
        return
    splash.close()
    dialog = QProgressDialog()
    dialog.setObjectName("upgradeProgress")
    dialog.setWindowTitle(QCoreApplication.translate("App", "Upgrading your library"))
    dialog.setCancelButton(None)
    dialog.setRange(0, 0)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(460)
    errors: list[BaseException] = []

    def say(seconds: int) -> None:
        dialog.setLabelText(
            QCoreApplication.translate(
                "App",
                "Upgrading your library for this version of readinglist ({seconds} s)…\n"
                "A backup of it was taken first. This happens once.",
            ).format(seconds=seconds)
        )

    say(0)
    dialog.show()
    app.processEvents()

    def upgrade() -> None:
        try:
            Library.open(Path(data_dir), auto_backup=False).close()
        except BaseException as exc:  # reported by the open that follows
            errors.append(exc)

    worker = threading.Thread(target=upgrade, name="library-upgrade", daemon=True)
    started = time.monotonic()
    worker.start()
    while worker.is_alive():
        say(int(time.monotonic() - started))
        app.processEvents()
        worker.join(0.05)
    dialog.close()
    if errors:
        log.warning("Upgrading the library failed: %s", errors[0])


def run_app(data_dir: Path, argv: list[str]) -> int:
    """The desktop app: returns the exit code once the window is closed."""
    from readinglist.paths import log_dir

    app = make_application(argv)
    log_file = setup_logging(log_dir())
    route_qt_messages()
    handler = ExceptionHandler(log_file, app)
    handler.install()
    name = server_name(data_dir)
    if ask_running_instance(name):
        print(f"readinglist is already open on {data_dir}; its window was brought to the front.")
        return 0
    server = InstanceServer(name, app)
    follow_color_scheme(app)
    # A polite kill (logout, `kill`) closes the window like the user would:
    # the note is saved and the library closed cleanly. One that comes while
    # the library is still being opened is kept until the window exists.
    terminated: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: terminated.append(signum))
    splash = show_splash(app)
    upgrade_with_progress(app, data_dir, splash)
    window = open_with_recovery(data_dir)
    if window is None:
        splash.close()
        return 1
    server.activated.connect(lambda: bring_to_front(window))
    handler.raised.connect(lambda _text: window.detail.flush_note())
    window.show()
    splash.close()
    # Python runs signal handlers only when it has control, so a timer below
    # gives it the chance.
    signal.signal(signal.SIGTERM, lambda *_: window.close())
    if terminated:
        QTimer.singleShot(0, window.close)
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
    try:
        return app.exec()
    finally:
        handler.uninstall()
        window.library.close()


# -- self-test -------------------------------------------------------------------


def _wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def self_test() -> int:
    """Build the window offscreen in a temporary library, use it, reopen it; 0 if all is well."""
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application([sys.argv[0] if sys.argv else "readinglist"])
    route_qt_messages()
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            failures.append(what)

    try:
        _self_test_steps(app, check)
    except Exception:
        failures.append("unexpected error:\n" + traceback.format_exc())
    if failures:
        print("self-test FAILED:")
        for failure in failures:
            print(f"  - {failure}")
        return 1
    print("self-test passed")
    return 0


def _self_test_steps(app: QApplication, check: Callable[[bool, str], None]) -> None:
    from readinglist.assets import seed_files
    from readinglist.gui.import_dialog import PAGE_PREVIEW, PAGE_REPORT
    from readinglist.library import Library

    with tempfile.TemporaryDirectory(prefix="readinglist-selftest-") as tmp:
        data_dir = Path(tmp) / "library"
        window = create_window(data_dir)
        window.show()
        check(
            window.pages.currentWidget() is window.welcome,
            "the welcome page shows on an empty library",
        )
        seeds = seed_files()
        check(bool(seeds), "the sample listings are bundled")
        dialog = window.start_import(seeds)
        check(dialog is not None, "the import dialog opens")
        if dialog is None:
            return
        check(
            _wait_until(app, lambda: dialog.pages.currentIndex() == PAGE_PREVIEW),
            "the sample listings are read and previewed",
        )
        dialog.import_button.click()
        check(
            _wait_until(app, lambda: dialog.pages.currentIndex() == PAGE_REPORT),
            "the import finishes",
        )
        dialog.close_button.click()
        total = window.library.count()
        check(total > 0, "papers were imported")
        check(
            _wait_until(app, lambda: window.model.rowCount() == total),
            "the table shows every paper",
        )
        window.search_edit.setText("reinforcement")
        window.apply_filter_now()
        shown = window.model.rowCount()
        check(0 < shown < total, f"search narrows the list (showed {shown} of {total})")
        window.table.setFocus()
        window.table.selectRow(0)
        paper_id = window.current_paper_id()
        check(paper_id is not None, "a paper can be selected")
        if paper_id is None:
            return
        window.set_status("reading")
        window.detail.notes_edit.setPlainText("Self-test note: **it works**")
        window.detail.notes_edit.textChanged.emit()
        window.shutdown()

        again = create_window(data_dir)
        again.show()
        app.processEvents()
        check(again.search_edit.text() == "reinforcement", "the last search is remembered")
        check(again.select_paper(paper_id), "the paper is still listed after reopening")
        check(
            again.detail.notes_edit.toPlainText() == "Self-test note: **it works**",
            "the note survived closing and reopening",
        )
        check(
            again.detail.status_selector.status() == "reading",
            "the status survived closing and reopening",
        )
        again.shutdown()
        with Library.open(data_dir, auto_backup=False) as library:
            paper = library.paper(paper_id)
            check(paper.status == "reading", "the library holds the new status")
            check(paper.note.startswith("Self-test note"), "the library holds the note")
            check(
                bool(paper.history) and paper.history[-1].new_status == "reading",
                "the status change is in the history",
            )
    app.processEvents()
