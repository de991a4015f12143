"""The search field's language, errors and completion; the Statistics and Activity views."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from readinglist.gui import appearance
from readinglist.gui.activity_view import WEEK
from readinglist.gui.main_window import MainWindow
from readinglist.library import Library, SortField
from tests.conftest import ROOT


def type_search(qtbot, window: MainWindow, text: str) -> None:
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, text)
    qtbot.waitUntil(lambda: not window._search_timer.isActive(), timeout=3000)


def shown_ids(window: MainWindow) -> list[int]:
    return list(window.model.ids)


@pytest.mark.parametrize(
    "query", ["learning -reinforcement", "status:new rating:0", "(zhang or agarwal) has:abstract"]
)
def test_the_field_shows_what_the_library_finds(qtbot, window: MainWindow, query: str) -> None:
    type_search(qtbot, window, query)
    expected = window.library.paper_ids(window.library.parse_query(query), SortField.TITLE)
    assert expected
    assert shown_ids(window) == expected
    assert window.search_edit.error() is None


def test_a_bad_query_turns_red_and_keeps_the_last_result(qtbot, window: MainWindow) -> None:
    field = window.findChild(QLineEdit, "searchEdit")
    assert field is window.search_edit
    type_search(qtbot, window, "learning")
    before = shown_ids(window)
    assert 0 < len(before) < window.total
    qtbot.keyClicks(field, " rating:>=x")
    qtbot.waitUntil(lambda: not window._search_timer.isActive(), timeout=3000)
    assert field.property("invalid") is True
    assert "rating:>=x: a rating is a number from 0 to 5" in field.toolTip()
    assert "(at character 10)" in field.toolTip()
    assert shown_ids(window) == before  # the last good result stays
    # Fixed, it reads again and filters.
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, "0")
    assert field.text() == "learning rating:>=0"
    qtbot.waitUntil(lambda: not window._search_timer.isActive(), timeout=3000)
    assert field.property("invalid") is False
    assert "cannot be read" not in field.toolTip()
    assert shown_ids(window) == before  # every seed paper has rating 0


def test_completion_of_fields_and_values(qtbot, window: MainWindow) -> None:
    field = window.search_edit
    assert field.completions("deep sta")[1] == ["status:"]
    assert field.completions("-ta")[1] == ["-tag:"]
    typed, options = field.completions("learning status:to")
    assert typed == "status:to" and options == ["status:to-read"]
    assert "rating:>=4" in field.completions("rating:>")[1]
    assert field.completions("statut:to")[1] == ["statut:to-read"]
    window.library.change_tags(window.library.paper_ids()[:1], add=["machine learning"])
    window.refresh_facets()
    qtbot.waitUntil(lambda: window._facets_task is None, timeout=5000)
    assert field.completions("tag:mach")[1] == ['tag:"machine learning"']
    assert field.completions("listing:publications-e")[1] == ["listing:publications-en.txt"]
    authors = field.completions("author:")[1]
    assert authors and all(a.startswith("author:") for a in authors)
    # Choosing a completion puts it in place of what was typed.
    field.setText("learning sta")
    field.setCursorPosition(len(field.text()))
    field._insert_completion("status:")
    assert field.text() == "learning status:"
    field._insert_completion("status:read")
    assert field.text() == "learning status:read "


def test_facet_terms_read_back_in_the_field(qtbot, window: MainWindow) -> None:
    from readinglist.library.query import term_for

    type_search(qtbot, window, term_for("listing", "publications-fr.txt"))
    assert window.search_edit.error() is None
    assert len(shown_ids(window)) == 12


def _history(library: Library) -> list[int]:
    """Three papers read in the past year (one of them twice), two waiting."""
    ids = library.paper_ids()
    library.set_status(ids[:5], "to-read")
    library.set_status(ids[:3], "read")
    library.set_status(ids[:1], "reading")
    library.set_status(ids[:1], "read")
    library.change_tags(ids[:2], add=["ml"])
    db = sqlite3.connect(library.db_path)
    # Spread the history over the past months so that the charts have shape.
    db.execute("UPDATE paper SET added_at = datetime(added_at, '-200 days')")
    db.execute(
        "UPDATE reading_event SET at = datetime(at, '-' || (id * 9) || ' days')"
        " WHERE new_status != 'to-read'"
    )
    db.execute(
        "UPDATE reading_event SET at = datetime(at, '-150 days') WHERE new_status = 'to-read'"
    )
    db.commit()
    db.close()
    return ids


def open_view(qtbot, window: MainWindow, action: str, name: str) -> QDialog:
    window.findChild(QAction, action).trigger()
    view = window.findChild(QDialog, name)
    assert view is not None and view.isVisible()
    qtbot.waitExposed(view)
    if name == "statsView":
        qtbot.waitUntil(lambda: view.report is not None, timeout=10000)
    return view


def test_statistics_view_has_data_and_saves_charts(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    _history(window.library)
    action = window.findChild(QAction, "statsAction")
    assert action.shortcut().toString() == "Ctrl+Shift+S"
    view = open_view(qtbot, window, "statsAction", "statsView")
    charts = view.charts
    assert charts["read"].points() > 0
    assert sum(s.sum() for s in charts["read"].view.chart().series()[0].barSets()) == 4
    assert charts["backlog"].points() >= 366 + 52  # a year of days, and of weeks added
    assert charts["time"].points() == 6
    assert charts["tags"].points() == 1
    assert charts["listings"].points() >= 1 and charts["authors"].points() >= 1
    assert "4 readings, 1 of them re-reads" in view.summary.text()
    # By week over three years: more bars, the same readings.
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.range_box.setCurrentIndex(2)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.by_box.setCurrentIndex(1)
    bars = view.charts["read"].view.chart().series()[0].barSets()[0]
    assert bars.count() > 150
    for suffix in ("png", "svg"):
        target = tmp_path / f"read.{suffix}"
        from readinglist.gui.stats_view import save_chart

        save_chart(charts["read"].view, target)
        assert target.stat().st_size > 1000
    assert (tmp_path / "read.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (tmp_path / "read.png").read_bytes()[:4] == b"\x89PNG"
    # Marking a paper Read in the window counts in the open view.
    window.table.selectRow(window.model.ids.index(window.library.paper_ids()[-1]))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        window.set_status("read")
    assert view.report is not None and view.report.reads == 5


def test_statistics_follow_the_dark_scheme(qtbot, window: MainWindow) -> None:
    from PySide6.QtCharts import QChart

    _history(window.library)
    view = open_view(qtbot, window, "statsAction", "statsView")
    # The view's own palette: an application-wide change would also reach the
    # widgets of earlier tests' windows.
    view.setPalette(appearance.dark_palette())
    qtbot.waitUntil(lambda: view._dark is True, timeout=3000)
    chart = view.charts["read"].view.chart()
    assert chart.theme() == QChart.ChartTheme.ChartThemeDark
    assert chart.backgroundBrush().color().lightness() < 128
    view.setPalette(QApplication.style().standardPalette())
    qtbot.waitUntil(lambda: view._dark is False, timeout=3000)
    assert view.charts["read"].view.chart().theme() == QChart.ChartTheme.ChartThemeLight


def test_activity_view_lists_changes_and_selects_the_paper(qtbot, window: MainWindow) -> None:
    ids = window.library.paper_ids()
    window.library.set_status(ids[3:5], "reading")
    window.library.set_status(ids[4:5], "read")
    # Hide the paper behind a search, so that selecting it must clear the search.
    type_search(qtbot, window, "zzzz")
    view = open_view(qtbot, window, "activityAction", "activityView")
    tree = view.tree
    assert tree.topLevelItemCount() == 3
    newest = tree.topLevelItem(0)
    assert newest.text(1) == "Reading → Read"
    view.set_period(WEEK)
    assert tree.topLevelItemCount() == 3  # all of it happened this week
    newest = tree.topLevelItem(0)
    rect = tree.visualItemRect(newest)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_paper_id() == ids[4]
    assert window.search_edit.text() == ""
    # A status set in the window shows in the open view.
    window.set_status("to-read")
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 4, timeout=5000)
    assert tree.topLevelItem(0).text(1) == "Read → To read"


def test_charts_are_not_loaded_at_start_up(tmp_path: Path) -> None:
    code = (
        "import sys; from readinglist.gui import create_window;"
        "from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        f"w = create_window({str(tmp_path / 'lib')!r});"
        "print('PySide6.QtCharts' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
    )
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
