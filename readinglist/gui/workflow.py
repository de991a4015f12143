"""View ▸ Statistics and View ▸ Activity: the menu actions, and the views opened on demand.

The chart library (QtCharts) is imported only when the Statistics view first
opens, so it costs nothing at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow


def add_view_actions(window: MainWindow, menu: QMenu) -> None:
    """Add Statistics (Ctrl+Shift+S) and Activity (Ctrl+Shift+A) to ``menu``.

    Translated in the window's context, where its own ``tr()`` would look.
    """
    stats = QAction(QCoreApplication.translate("MainWindow", "Stat&istics"), window)
    stats.setObjectName("statsAction")
    stats.setShortcut(QKeySequence("Ctrl+Shift+S"))
    stats.setStatusTip(
        QCoreApplication.translate(
            "MainWindow", "Charts of your reading: papers read, backlog, time to read"
        )
    )
    stats.triggered.connect(lambda: open_stats(window))
    activity = QAction(QCoreApplication.translate("MainWindow", "Ac&tivity"), window)
    activity.setObjectName("activityAction")
    activity.setShortcut(QKeySequence("Ctrl+Shift+A"))
    activity.setStatusTip(
        QCoreApplication.translate("MainWindow", "Every status change, newest first")
    )
    activity.triggered.connect(lambda: open_activity(window))
    window.addAction(stats)
    window.addAction(activity)
    menu.addAction(stats)
    menu.addAction(activity)
    menu.addSeparator()


def _raise(dialog: QDialog) -> QDialog:
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def open_stats(window: MainWindow) -> QDialog:
    """Open (or bring back) the Statistics view over ``window``'s library."""
    from readinglist.gui.stats_view import StatsView

    view = window.findChild(StatsView, "statsView")
    if view is None:
        view = StatsView(window.library, window)
        window.libraryChanged.connect(lambda: view.set_library(window.library))
        # A change in the window (a status set, an import) shows in an open view.
        window.facetsRefreshed.connect(lambda: view.isVisible() and view.refresh())
    else:
        view.refresh()
    return _raise(view)


def open_activity(window: MainWindow) -> QDialog:
    """Open (or bring back) the Activity view; clicking an entry selects its paper."""
    from readinglist.gui.activity_view import ActivityView

    view = window.findChild(ActivityView, "activityView")
    if view is None:
        view = ActivityView(window.library, window)
        view.paperActivated.connect(lambda pid: show_paper(window, pid))
        window.libraryChanged.connect(lambda: view.set_library(window.library))
        window.facetsRefreshed.connect(lambda: view.isVisible() and view.refresh())
    else:
        view.refresh()
    return _raise(view)


def show_paper(window: MainWindow, paper_id: int) -> bool:
    """Select ``paper_id`` in the table, clearing the search and filters if they hide it."""
    if window.select_paper(paper_id):
        return True
    window.clear_filters()
    return window.select_paper(paper_id)
