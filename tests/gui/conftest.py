"""GUI fixtures: isolated settings, windows over real libraries, imports through the dialog."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt

from readinglist.assets import seed_files
from readinglist.gui import create_window
from readinglist.gui.import_dialog import PAGE_PREVIEW, PAGE_REPORT, ImportDialog
from readinglist.gui.main_window import MainWindow
from readinglist.library import Library
from tests.gui.lang import clean_env, each_language, language  # noqa: F401  (fixtures)

SEED_PAPERS = 16


@pytest.fixture(autouse=True)
def user_settings(tmp_path: Path) -> Path:
    """Preferences go to a temporary folder, never to the user's real configuration."""
    folder = tmp_path / "config"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def delete_closed_widgets(qapp) -> None:
    """Delete what pytest-qt closed after the last test before this one starts.

    It calls deleteLater, which only an event loop carries out; until then a
    closed window over a deleted library folder would still receive, say, a
    palette change and query its library.
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[[Path], MainWindow]]:
    """Build (and show) windows over libraries; each is closed with its library after the test."""
    windows: list[MainWindow] = []

    def build(data_dir: Path) -> MainWindow:
        window = create_window(data_dir)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        wait_idle(qtbot, window)
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.shutdown()


def wait_idle(qtbot, window: MainWindow) -> None:
    """Wait until the sidebar counts from the worker have arrived."""
    qtbot.waitUntil(lambda: window._facets_task is None, timeout=10000)


@pytest.fixture
def seeded_dir(tmp_path: Path) -> Path:
    """A library holding the two bundled sample listings (16 papers)."""
    data_dir = tmp_path / "library"
    with Library.open(data_dir) as library:
        library.import_files(seed_files())
        assert library.count() == SEED_PAPERS
    return data_dir


@pytest.fixture
def window(open_window, seeded_dir: Path) -> MainWindow:
    return open_window(seeded_dir)


def run_import_dialog(qtbot, dialog: ImportDialog, *, finish: bool = True) -> ImportDialog:
    """Wait for the preview, optionally press Import and wait for the report."""
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() != 0, timeout=15000)
    if finish and dialog.pages.currentIndex() == PAGE_PREVIEW:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_REPORT, timeout=15000)
    return dialog


def write_listing(path: Path, entries: list[tuple[str, list[str], str | None]]) -> Path:
    lines = ["Publications", ""]
    for title, authors, abstract in entries:
        lines.append(title)
        lines.extend(authors)
        if abstract:
            lines.append(abstract)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
