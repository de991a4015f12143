"""The main window over a real library: search, sidebar, keyboard triage, sort, remembered state."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from readinglist.gui.paper_list import EMPTY_RESULT_PAGE, TABLE_PAGE
from readinglist.gui.paper_model import COL_AUTHORS, COL_RATING, COL_STATUS, COL_TITLE
from readinglist.library import PaperFilter, SortField
from tests.gui.conftest import SEED_PAPERS, wait_idle


def type_search(qtbot, window, text: str) -> None:
    qtbot.keyClicks(window.search_edit, text)
    qtbot.waitUntil(lambda: not window._search_timer.isActive(), timeout=3000)


def select_rows(window, rows: list[int]) -> None:
    selection = window.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    window.table.selectRow(rows[0])
    for row in rows[1:]:
        selection.select(window.model.index(row, 0), flags)


def test_contract_object_names(window) -> None:
    for name, kind in [
        ("searchEdit", QLineEdit),
        ("paperTable", QTableView),
        ("facetPanel", QWidget),
        ("detailPane", QWidget),
        ("statusSelector", QComboBox),
        ("ratingSelector", QWidget),
        ("tagEditor", QWidget),
        ("notesEdit", QPlainTextEdit),
    ]:
        assert window.findChild(kind, name) is not None, name
    assert window.import_action.objectName() == "importAction"
    selector = window.findChild(QComboBox, "statusSelector")
    labels = [selector.itemText(i) for i in range(selector.count())]
    assert labels == ["New", "To read", "Reading", "Read", "Not reading"]


def test_typing_a_search_filters_the_rows_and_esc_clears_it(qtbot, window) -> None:
    assert window.model.rowCount() == SEED_PAPERS
    assert window.count_label.text() == "16 papers"
    type_search(qtbot, window, "reinforcement")
    expected = window.library.count(PaperFilter(text="reinforcement"))
    assert 0 < expected < SEED_PAPERS
    assert window.model.rowCount() == expected
    assert window.count_label.text() == f"{expected} of 16 papers"
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.model.rowCount() == SEED_PAPERS, timeout=3000)
    assert window.search_edit.text() == ""
    assert window.count_label.text() == "16 papers"


def test_search_ignores_accents_and_case(qtbot, window) -> None:
    type_search(qtbot, window, "SCHOLKOPF")
    assert window.model.rowCount() == 1
    # QTest cannot type non-ASCII keys; setText goes through the same debounce.
    window.search_edit.setText("schölk")
    qtbot.waitUntil(lambda: not window._search_timer.isActive(), timeout=3000)
    assert window.model.rowCount() == 1


def test_a_search_with_no_result_says_so_and_offers_to_clear(qtbot, window) -> None:
    type_search(qtbot, window, "zzzqqq")
    assert window.table_stack.currentIndex() == EMPTY_RESULT_PAGE
    assert "zzzqqq" in window.no_results_label.text()
    qtbot.mouseClick(window.no_results_button, Qt.MouseButton.LeftButton)
    assert window.table_stack.currentIndex() == TABLE_PAGE
    assert window.model.rowCount() == SEED_PAPERS


def test_sidebar_counts_and_clicks_combine_with_the_search(qtbot, window) -> None:
    panel = window.facet_panel
    item = panel.find_item("listing", "publications-fr.txt")
    assert panel.count("listing", "publications-fr.txt") == 12
    assert panel.count("status", "new") == 16
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.model.rowCount() == 12
    assert window.filter_bar.isVisible()
    type_search(qtbot, window, "learning")
    expected = window.library.count(PaperFilter(text="learning", listing="publications-fr.txt"))
    assert window.model.rowCount() == expected
    assert window.count_label.text() == f"{expected} of 16 papers"
    # Enter on the active item turns it off again; the search stays.
    panel.setFocus()
    panel.setCurrentItem(item)
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert window.model.rowCount() == window.library.count(PaperFilter(text="learning"))


def test_number_keys_set_the_status_of_every_selected_paper(qtbot, window) -> None:
    window.table.setFocus()
    select_rows(window, [0, 1, 2])
    ids = window.selected_ids()
    assert len(ids) == 3
    assert "3 papers selected" in window.detail.selection_banner.text()
    qtbot.keyClick(window.table, Qt.Key.Key_2)
    for paper_id in ids:
        paper = window.library.paper(paper_id)
        assert paper.status == "to-read"
        assert [(c.old_status, c.new_status) for c in paper.history] == [("new", "to-read")]
    assert window.model.index(0, COL_STATUS).data() == "To read"
    qtbot.keyClick(window.table, Qt.Key.Key_4)
    assert window.library.paper(ids[0]).history[-1].new_status == "read"
    assert "To read → Read" in window.detail.history_label.text()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.facet_panel.count("status", "read") == 3)


def test_digits_typed_elsewhere_stay_text(qtbot, window) -> None:
    window.table.selectRow(0)
    paper_id = window.current_paper_id()
    qtbot.keyClicks(window.search_edit, "2")
    assert window.search_edit.text() == "2"
    assert window.library.paper(paper_id).status == "new"


def test_arrows_move_through_the_table_and_the_detail_follows(qtbot, window) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    first = window.detail.title_label.text()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.table.currentIndex().row() == 1
    assert window.detail.title_label.text() == window.model.index(1, COL_TITLE).data()
    assert window.detail.title_label.text() != first


def test_rating_and_tags_apply_to_the_selection(qtbot, window) -> None:
    window.table.setFocus()
    select_rows(window, [0, 1])
    ids = window.selected_ids()
    window.detail.rating_selector.setFocus()
    qtbot.keyClick(window.detail.rating_selector, Qt.Key.Key_4)
    assert all(window.library.paper(i).rating == 4 for i in ids)
    assert window.model.index(0, COL_RATING).data() == "★★★★☆"
    window.detail.tag_editor.setFocus()
    qtbot.keyClicks(window.detail.tag_editor, "rl, later")
    qtbot.keyClick(window.detail.tag_editor, Qt.Key.Key_Return)
    assert all(window.library.paper(i).tags == ("later", "rl") for i in ids)
    assert window.detail.tag_chips.tags() == ["later", "rl"]
    chip = next(
        b for b in window.detail.tag_chips.findChildren(QAbstractButton) if b.text() == "later"
    )
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert all(window.library.paper(i).tags == ("rl",) for i in ids)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.facet_panel.count("tag", "rl") == 2)


def test_clicking_a_star_sets_the_rating(qtbot, window) -> None:
    window.table.selectRow(0)
    selector = window.detail.rating_selector
    side = selector._star_size()
    pos = selector.rect().topLeft() + type(selector.rect().topLeft())(4 + side * 2 + side // 2, 8)
    qtbot.mouseClick(selector, Qt.MouseButton.LeftButton, pos=pos)
    assert window.library.paper(window.current_paper_id()).rating == 3


def test_author_link_filters_by_that_author(qtbot, window) -> None:
    window.table.selectRow(0)
    author = window.library.paper(window.current_paper_id()).authors[0]
    window.detail.authors_label.linkActivated.emit(f"author:{author}")
    assert window.model.rowCount() == window.library.count(PaperFilter(author=author))
    assert author in window.filter_label.text()


def test_clicking_headers_sorts_in_sql(qtbot, window) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_AUTHORS) + 10
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )
    assert window.model.ids == window.library.paper_ids(sort=SortField.AUTHORS)
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )
    assert window.model.ids == window.library.paper_ids(sort=SortField.AUTHORS, descending=True)


def test_sorting_keeps_the_selected_paper_selected(qtbot, window) -> None:
    window.table.selectRow(3)
    paper_id = window.current_paper_id()
    window.table.horizontalHeader().setSortIndicator(COL_AUTHORS, Qt.SortOrder.DescendingOrder)
    assert window.current_paper_id() == paper_id
    assert window.selected_ids() == [paper_id]


def test_window_state_and_filters_are_restored(qtbot, open_window, seeded_dir) -> None:
    window = open_window(seeded_dir)
    # The offscreen screen is 800×600; a restored geometry is kept inside it.
    window.resize(781, 517)
    window.table.setColumnWidth(COL_AUTHORS, 333)
    window.table.horizontalHeader().moveSection(COL_RATING, 1)
    window.table.horizontalHeader().setSortIndicator(COL_STATUS, Qt.SortOrder.DescendingOrder)
    window.splitter.setSizes([150, 700, 400])
    sizes = window.splitter.sizes()
    window.toggle_facet("status", "new")
    type_search(qtbot, window, "learning")
    window.shutdown()

    again = open_window(seeded_dir)
    assert (again.size().width(), again.size().height()) == (781, 517)
    assert again.table.columnWidth(COL_AUTHORS) == 333
    assert again.table.horizontalHeader().visualIndex(COL_RATING) == 1
    assert again.model.sort_column == COL_STATUS
    assert again.model.sort_order == Qt.SortOrder.DescendingOrder
    assert again.splitter.sizes() == sizes
    # The sidebar's filter is a term of the search text, typed after it.
    assert again.search_edit.text() == "status:new learning"
    assert again.selection.statuses == {"new"}
    assert again.model.rowCount() == again.library.count(
        PaperFilter(text="learning", statuses=frozenset({"new"}))
    )
    assert again.model.ids == again.library.paper_ids(
        PaperFilter(text="learning", statuses=frozenset({"new"})), SortField.STATUS, True
    )


def test_keyboard_shortcuts_move_focus(qtbot, window) -> None:
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Slash)
    assert QApplication.focusWidget() is window.search_edit
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_edit
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.table
    assert window.detail.paper is not None
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.detail.notes_edit
    qtbot.keyClick(window.detail.notes_edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.detail.tag_editor


def test_every_action_is_in_a_menu_with_its_shortcut(window) -> None:
    in_menus = set()
    for menu_action in window.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                if action.menu() is not None:
                    stack.append(action.menu())
                elif not action.isSeparator():
                    in_menus.add(action)
    own = [a for a in window.actions() if a.text()] + window.status_actions
    assert set(own) <= in_menus
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert [a.shortcut().toString() for a in window.status_actions] == ["1", "2", "3", "4", "5"]


def test_every_control_has_an_accessible_name(qtbot, window) -> None:
    window.table.selectRow(0)
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit)
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QTreeWidget | QTableView) or widget.accessibleName():
            if not widget.accessibleName():
                missing.append(widget.objectName() or type(widget).__name__)
            continue
        if isinstance(widget.parent(), QComboBox | QLineEdit):
            continue  # a combo's own list and a line edit's clear button are named by Qt
        if type(widget).__name__ in ("QToolButton",) and widget.parent() is window.search_edit:
            continue
        text = getattr(widget, "text", lambda: "")()
        missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    assert not missing
