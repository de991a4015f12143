"""Unexpected errors: logged to the user log dir and shown in a dialog; the app keeps running."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("readinglist")

LOG_FILE = "readinglist.log"


def setup_logging(folder: Path) -> Path | None:
    """Log to a rotating file in ``folder``; returns the file, or None when it cannot be written."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stream = logging.StreamHandler()
    stream.setLevel(logging.WARNING)
    stream.setFormatter(formatter)
    root.addHandler(stream)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_FILE
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("Cannot write a log file in %s: %s", folder, exc)
        return None
    handler.setFormatter(formatter)
    root.addHandler(handler)
    return path


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# Harmless notices of platform plugins that cannot do something (offscreen).
_QT_NOISE = ("propagateSizeHints",)


def _qt_message(mode: QtMsgType, context: object, message: str) -> None:
    if any(noise in message for noise in _QT_NOISE):
        return
    logging.getLogger("qt").log(_QT_LEVELS.get(mode, logging.WARNING), message)


def route_qt_messages() -> None:
    qInstallMessageHandler(_qt_message)


class ExceptionHandler(QObject):
    """Replaces ``sys.excepthook``: writes the traceback to the log and shows it in a dialog.

    ``raised`` is emitted first, so windows can save what the user typed before
    anything else happens.
    """

    raised = Signal(str)

    def __init__(self, log_file: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(
        self,
        kind: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        log.error("Unexpected error:\n%s", text)
        try:
            self.raised.emit(text)
        except Exception:  # saving must never turn one error into two dialogs
            log.exception("Saving after an unexpected error failed")
        if QApplication.instance() is not None:
            self.show_dialog(f"{kind.__name__}: {exc}", text)

    def show_dialog(self, summary: str, details: str) -> QMessageBox:
        if self.dialog is not None and self.dialog.isVisible():
            # One dialog for a burst of errors: add to it instead of stacking more.
            self.dialog.setDetailedText(self.dialog.detailedText() + "\n" + details)
            return self.dialog
        parent: QWidget | None = QApplication.activeWindow()
        box = QMessageBox(parent)
        box.setObjectName("errorDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected error"))
        where = (
            self.tr("The details were written to {path}.").format(path=self.log_file)
            if self.log_file is not None
            else ""
        )
        box.setText(
            self.tr(
                "Something went wrong, but readinglist is still running and your work is saved."
            )
        )
        box.setInformativeText(f"{summary}\n\n{where}".strip())
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAccessibleName(self.tr("Unexpected error"))
        self.dialog = box
        box.open()
        return box
