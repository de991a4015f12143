"""The app shows who in the lab read a paper: the Lab column, the detail line, the LAB facet.

Members share their status with ``lab share on``; what they have read reaches
the others' windows at their next sync.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from readinglist.gui.facets import LAB, LAB_NOBODY, LAB_READ, LAB_READING
from readinglist.gui.paper_model import COL_LAB, COL_TITLE, SORT_ROLE
from readinglist.lab import sync as lab_sync
from readinglist.library import Library
from tests.gui.a11y_walk import unnamed
from tests.gui.conftest import open_window, user_settings  # noqa: F401  (fixtures)
from tests.lab.conftest import Lab, run, sync
from tests.lab.test_lab_sync import PASSWORD, _by_title, _join

FG = "Can Forward Gradient Match Backpropagation?"
CROSS = "CrossSplit: Mitigating Label Noise Memorization through Data Splitting"
GFN = "Better Training of GFlowNets with Local Credit and Incomplete Trajectories"


def _row(window, title: str) -> int:  # type: ignore[no-untyped-def]
    model = window.model
    for r in range(model.rowCount()):
        if model.index(r, COL_TITLE).data() == title:
            return r
    raise AssertionError(f"{title} is not shown")


def _lab_cell(window, title: str, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return window.model.index(_row(window, title), COL_LAB).data(role)


@pytest.fixture
def readers_lab(lab: Lab, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Ann (seeded) and two members who share: Ben read FG and CrossSplit, Cat read FG and is
    reading GFlowNets; Dan, who does not share, read GFlowNets (nobody may know it)."""
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    ann = _join(lab, "rann", seeded=True)
    ben = _join(lab, "rben")
    cat = _join(lab, "rcat")
    dan = _join(lab, "rdan")
    for data_dir, read, reading in (
        (ben, [FG, CROSS], []),
        (cat, [FG], [GFN]),
        (dan, [GFN], []),
    ):
        if data_dir != dan:
            assert run("lab", "share", "on", data_dir=data_dir) == 0
        with Library.open(data_dir) as lib:
            ids = _by_title(lib)
            lib.set_status([ids[t] for t in read], "read")
            if reading:
                lib.set_status([ids[t] for t in reading], "reading")
        assert sync(data_dir) == 0
    return ann, ben, cat


def test_the_lab_column_detail_line_and_facet_show_who_read_a_paper(
    qtbot,
    open_window,  # noqa: F811
    readers_lab,
    lab: Lab,
) -> None:  # type: ignore[no-untyped-def]
    ann, ben, cat = readers_lab
    with Library.open(ben) as lib:
        ben_name = lab_sync.lab_member(lib)
    with Library.open(cat) as lib:
        cat_name = lab_sync.lab_member(lib)
    window = open_window(ann)
    label = window.findChild(QLabel, "labStatus")
    qtbot.waitUntil(lambda: "synced" in label.text(), timeout=15000)
    header = window.table.horizontalHeader()
    assert not header.isSectionHidden(COL_LAB)
    assert window.model.headerData(COL_LAB, Qt.Orientation.Horizontal) == "Lab"
    qtbot.waitUntil(lambda: _lab_cell(window, FG) == "2 read", timeout=5000)
    assert _lab_cell(window, CROSS) == "1 read"
    assert _lab_cell(window, GFN) == "1 reading"  # Dan's Read is his own
    assert _lab_cell(window, FG, Qt.ItemDataRole.ToolTipRole) == (
        f"Read by 2 in the lab: {', '.join(sorted([ben_name, cat_name]))}."
    )
    others = [t for t in _by_title(window.library) if t not in (FG, CROSS, GFN)]
    assert all(_lab_cell(window, t) == "" for t in others)
    assert _lab_cell(window, FG, Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Read by 2 in the lab"
    )
    # Sorting by the column is done in SQL: the most read first.
    window.table.sortByColumn(COL_LAB, Qt.SortOrder.DescendingOrder)
    first = [window.model.index(r, COL_TITLE).data() for r in range(3)]
    assert first == [FG, CROSS, GFN]
    assert window.model.index(0, COL_LAB).data(SORT_ROLE)[0] == 2

    # The detail pane names them (or counts them).
    window.select_paper(window.model.ids[_row(window, FG)])
    line = window.detail.lab_label
    assert line.isVisibleTo(window.detail)
    assert line.text() == f"Read by 2 in the lab: {', '.join(sorted([ben_name, cat_name]))}."
    assert line.accessibleName()
    assert not unnamed(window)  # the Lab column, the line and the LAB section included
    window.select_paper(window.model.ids[_row(window, GFN)])
    assert line.text() == f"Being read by {cat_name}."
    window.select_paper(window.model.ids[_row(window, "Scaling Laws Do Not Scale")])
    assert line.text() == "Nobody in the lab has read it yet."

    # The sidebar's LAB section counts, and writes its term into the search.
    panel = window.facet_panel
    qtbot.waitUntil(lambda: panel.count(LAB, LAB_READ) == 2, timeout=5000)
    assert panel.count(LAB, LAB_NOBODY) == window.total - 2
    assert panel.count(LAB, LAB_READING) == 1
    window.toggle_facet(LAB, LAB_READ)
    assert window.search_edit.text().strip() == "lab:read"
    assert {window.model.index(r, COL_TITLE).data() for r in range(window.model.rowCount())} == {
        FG,
        CROSS,
    }
    assert "read by someone in the lab" in window.filter_label.text()
    window.toggle_facet(LAB, LAB_NOBODY)
    assert window.search_edit.text().strip() == "-lab:read"
    assert window.model.rowCount() == window.total - 2
    window.toggle_facet(LAB, LAB_NOBODY)
    assert window.search_edit.text().strip() == ""
    window.toggle_facet(LAB, LAB_READING)
    assert window.search_edit.text().strip() == "lab:reading"
    assert [window.model.index(0, COL_TITLE).data()] == [GFN] and window.model.rowCount() == 1

    # The admin shares the lab's tags: the tag field says so after the next sync.
    editor = window.detail.tag_editor
    assert editor.placeholderText() == "Add a tag…"
    args = ("lab", "settings", "--shared-tags", "on", "--url", lab.admin_url)
    assert run(*args, data_dir=lab.admin_dir) == 0
    window.lab.sync_now()
    qtbot.waitUntil(lambda: "shared with the lab" in editor.placeholderText(), timeout=15000)
    assert "shared with the lab" in editor.accessibleDescription()


def test_outside_a_lab_there_is_no_lab_column_line_or_section(
    qtbot,
    open_window,  # noqa: F811
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import SEED_EN

    data_dir = tmp_path / "alone"
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_EN])
    window = open_window(data_dir)
    qtbot.wait(50)  # the lab view is applied once the window is laid out
    assert window.table.horizontalHeader().isSectionHidden(COL_LAB)
    assert not window.detail.lab_label.isVisibleTo(window.detail)
    assert window.facet_panel.find_item(LAB, LAB_READ) is None
    share = window.findChild(QAction, "labShareAction")
    window.findChild(QAction, "labJoinAction").parent().aboutToShow.emit()
    assert not share.isEnabled()


def test_sharing_is_set_from_the_lab_menu(
    qtbot,
    open_window,  # noqa: F811
    lab: Lab,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    dan = _join(lab, "sdan", seeded=True)
    eve = _join(lab, "seve")
    window = open_window(dan)
    label = window.findChild(QLabel, "labStatus")
    qtbot.waitUntil(lambda: "synced" in label.text(), timeout=15000)
    share = window.findChild(QAction, "labShareAction")
    share.parent().aboutToShow.emit()
    assert share.isEnabled() and not share.isChecked()
    pid = _by_title(window.library)[FG]
    window.library.set_status([pid], "read")
    with qtbot.waitSignal(window.lab.sharingChanged, timeout=15000) as signal:
        share.trigger()
    assert signal.args == [True]
    assert lab_sync.status(window.library).share
    share.parent().aboutToShow.emit()
    assert share.isChecked()
    # Eve now sees Dan's Read (after Dan's window pushed it).
    qtbot.waitUntil(lambda: lab_sync.status(window.library).pending == 0, timeout=15000)
    assert sync(eve) == 0
    with Library.open(eve) as lib:
        assert lab_sync.read_by(lib, [_by_title(lib)[FG]]) == {_by_title(lib)[FG]: 1}
    # And off again: the count goes back to 0 for the others.
    with qtbot.waitSignal(window.lab.sharingChanged, timeout=15000) as signal:
        share.trigger()
    assert signal.args == [False]
    assert not lab_sync.status(window.library).share
    assert sync(eve) == 0
    with Library.open(eve) as lib:
        assert lab_sync.read_by(lib, [_by_title(lib)[FG]]) == {_by_title(lib)[FG]: 0}


def test_joining_from_the_app_brings_the_lab_view_and_leaving_takes_it_away(
    qtbot,
    open_window,  # noqa: F811
    lab: Lab,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    from readinglist.gui.lab import JoinLabDialog
    from tests.conftest import SEED_EN

    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    data_dir = lab.tmp_path / "joins-later"
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_EN])
    window = open_window(data_dir)
    qtbot.wait(50)
    header = window.table.horizontalHeader()
    assert header.isSectionHidden(COL_LAB)
    window.findChild(QAction, "labJoinAction").trigger()
    dialog = window.lab_dialog
    assert isinstance(dialog, JoinLabDialog)
    dialog.url_edit.setText(lab.member("joiner", PASSWORD))
    with qtbot.waitSignal(dialog.joined, timeout=30000):
        dialog.join()
    label = window.findChild(QLabel, "labStatus")
    qtbot.waitUntil(lambda: "synced" in label.text(), timeout=15000)
    assert not header.isSectionHidden(COL_LAB)
    qtbot.waitUntil(lambda: window.facet_panel.count(LAB, LAB_NOBODY) is not None, timeout=5000)
    # Left from the command line while the window is open: the lab view goes.
    window.table.sortByColumn(COL_LAB, Qt.SortOrder.DescendingOrder)
    assert run("lab", "leave", data_dir=data_dir) == 0
    qtbot.waitUntil(lambda: header.isSectionHidden(COL_LAB), timeout=15000)
    assert window.model.sort_column == COL_TITLE
    assert not label.isVisible()
    assert window.facet_panel.find_item(LAB, LAB_READ) is None
    assert not window.detail.lab_label.isVisibleTo(window.detail)
