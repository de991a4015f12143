"""Accessibility, as assistive technology reads it through QAccessible, in both languages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from readinglist.assets import seed_files
from readinglist.gui.backup_dialog import RestoreDialog
from readinglist.gui.import_dialog import PAGE_PREVIEW, PAGE_REPORT
from readinglist.gui.keyboard import ShortcutsDialog
from readinglist.gui.paper_model import COL_RATING, COL_STATUS, COL_TITLE
from tests.gui.a11y_walk import Role, unnamed, walk
from tests.gui.conftest import run_import_dialog, wait_idle


def test_every_control_of_the_main_window_is_named(each_language, open_window, seeded_dir) -> None:
    window = open_window(seeded_dir)
    window.table.selectRow(0)
    window.detail.tag_chips.set_tags(["optimisation", "later"])
    nodes = walk(window)
    assert len(nodes) > 100  # the table's cells and the sidebar's items are in the walk
    assert not unnamed(window)
    roles = {(n.role, n.name) for n in nodes}
    rating = "Rating" if each_language == "en" else "Évaluation"
    assert (Role.Slider, rating) in roles
    search = "Search" if each_language == "en" else "Rechercher"
    assert (Role.EditableText, search) in roles


def test_the_welcome_page_and_the_dialogs_are_named(
    each_language, qtbot, open_window, data_dir: Path
) -> None:
    window = open_window(data_dir)
    assert window.pages.currentWidget() is window.welcome
    assert not unnamed(window)

    dialog = window.start_import(seed_files())
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_PREVIEW, timeout=15000)
    assert not unnamed(dialog)
    run_import_dialog(qtbot, dialog)
    assert dialog.pages.currentIndex() == PAGE_REPORT
    assert not unnamed(dialog)
    dialog.close_button.click()
    wait_idle(qtbot, window)

    window.library.backup()
    restore = RestoreDialog(window.library.backups(), window)
    qtbot.addWidget(restore)
    restore.show()
    assert not unnamed(restore)
    shortcuts = ShortcutsDialog(window)
    qtbot.addWidget(shortcuts)
    shortcuts.show()
    assert not unnamed(shortcuts)


def test_a_table_cell_announces_title_status_and_rating(each_language, window) -> None:
    model = window.model
    paper_id = model.paper_id(0)
    window.library.set_rating([paper_id], 4)
    window.library.set_status([paper_id], "to-read")
    model.refresh_papers([paper_id])
    for column in (COL_TITLE, COL_STATUS, COL_RATING):
        description = model.index(0, column).data(Qt.ItemDataRole.AccessibleDescriptionRole)
        title = model.index(0, COL_TITLE).data()
        assert description.startswith(title)
        if each_language == "en":
            assert description.endswith(": To read, 4 stars")
        else:
            assert description.endswith("\u00a0: À lire, 4 étoiles")
    # Through QAccessible, as a screen reader gets it.
    stars = "4 stars" if each_language == "en" else "4 étoiles"
    cells = [n for n in walk(window.table, hidden=True) if n.role == Role.Cell and n.name == stars]
    assert cells and all(n.description.startswith(title) for n in cells)


def test_sidebar_items_announce_their_counts(each_language, window) -> None:
    item = window.facet_panel.find_item("status", "new")
    text = item.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert text == ("New: 16 papers" if each_language == "en" else "Nouveau\u00a0: 16 articles")
    tree = QAccessible.queryAccessibleInterface(window.facet_panel)
    names = [tree.child(i).text(QAccessible.Text.Name) for i in range(tree.childCount())]
    assert text in names


def test_the_rating_is_a_value_assistive_technology_reads_and_sets(window) -> None:
    paper_id = window.current_paper_id()
    selector = window.detail.rating_selector
    iface = QAccessible.queryAccessibleInterface(selector)
    assert iface.role() == Role.Slider
    value = iface.valueInterface()
    assert (value.minimumValue(), value.maximumValue(), value.currentValue()) == (0, 5, 0)
    value.setCurrentValue(3)  # what a screen reader does when the user sets it
    assert window.library.paper(paper_id).rating == 3
    assert iface.text(QAccessible.Text.Value) == "3"
    assert "3" in iface.text(QAccessible.Text.Description)
    window.select_paper(window.model.paper_id(1))
    assert value.currentValue() == window.library.paper(window.model.paper_id(1)).rating
