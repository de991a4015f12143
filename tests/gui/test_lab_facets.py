"""The LAB facet and its query terms, without a lab server: the sidebar and the search are one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from readinglist.gui.facets import (
    LAB,
    LAB_NOBODY,
    LAB_READ,
    LAB_READING,
    FacetPanel,
    FacetSelection,
    free_text,
)
from readinglist.gui.paper_model import LabReaders, LabReadersText
from readinglist.library import Facets


def test_each_lab_entry_writes_its_term_and_is_found_again() -> None:
    for value, term in (
        (LAB_READ, "lab:read"),
        (LAB_NOBODY, "-lab:read"),
        (LAB_READING, "lab:reading"),
    ):
        selection = FacetSelection().toggled(LAB, value)
        assert selection.terms() == term
        assert FacetSelection.from_text(f"{term} graphs") == selection
        assert free_text(f"{term} graphs") == "graphs"
        # Activated again: off.
        assert selection.toggled(LAB, value).is_empty
    # One lab entry at a time; it combines with the others.
    both = (
        FacetSelection(statuses=frozenset({"read"})).toggled(LAB, LAB_READ).toggled(LAB, LAB_NOBODY)
    )
    assert both.terms() == "status:read -lab:read"
    # Typed by hand and not the sidebar's: left in the user's words.
    assert FacetSelection.from_text("-lab:reading").lab is None
    assert free_text("-lab:reading x") == "-lab:reading x"
    assert FacetSelection.from_text("lab:readings").lab is None


def test_the_lab_section_shows_only_in_a_lab(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = FacetPanel()
    qtbot.addWidget(panel)
    facets = Facets(total=10, statuses={"new": 10}, listings=[], tags=[], authors=[], trashed=0)
    panel.set_facets(facets)
    assert panel.find_item(LAB, LAB_READ) is None
    panel.set_lab_counts({LAB_READ: 3, LAB_NOBODY: 7})
    assert panel.count(LAB, LAB_READ) == 3 and panel.count(LAB, LAB_NOBODY) == 7
    assert panel.find_item(LAB, LAB_READING) is None
    item = panel.find_item(LAB, LAB_READ)
    assert item.text(0) == "Read by someone"
    # A screen reader hears the whole entry and its count.
    assert (
        item.data(0, Qt.ItemDataRole.AccessibleTextRole) == "Read by someone in the lab: 3 papers"
    )
    with qtbot.waitSignal(panel.facetActivated) as signal:
        panel._activate(item)
    assert signal.args == [LAB, LAB_READ]
    panel.set_lab_counts(None)
    assert panel.find_item(LAB, LAB_READ) is None


def test_who_read_it_in_one_sentence() -> None:
    say = LabReadersText().describe
    assert say(LabReaders()) == "Nobody in the lab has read it yet."
    assert say(LabReaders(read_count=3)) == "Read by 3 in the lab."
    both = LabReaders(2, 1, ("ann", "cat"), ("ben",))
    assert say(both) == "Read by 2 in the lab: ann, cat. Being read by ben."
    assert say(LabReaders(reading_count=2)) == "Being read by 2 in the lab."
    assert say(both, me="cat") == "Read by 2 in the lab: you, ann. Being read by ben."


def test_the_paper_model_with_a_lab_column_passes_qtmodeltester(qtmodeltester, seeded_dir) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from readinglist.gui.paper_model import COL_LAB, SORT_ROLE, PaperTableModel
    from readinglist.library import Library

    with Library.open(seeded_dir) as library:
        model = PaperTableModel(library)
        model.reload()
        first, second = model.ids[:2]
        asked: list[int] = []

        def source(pids):  # type: ignore[no-untyped-def]
            asked.append(len(pids))
            return {first: LabReaders(2, 1, ("ann", "ben"), ("cat",)), second: LabReaders(1)}

        model.set_lab_source(source)
        model.lab_member = "ben"
        qtmodeltester.check(model, force_py=True)
        assert model.index(0, COL_LAB).data() == "2 read · 1 reading"
        assert model.index(1, COL_LAB).data() == "1 read"
        assert model.index(2, COL_LAB).data() == ""
        assert model.index(0, COL_LAB).data(SORT_ROLE) == (2, 1)
        tip = model.index(0, COL_LAB).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == "Read by 2 in the lab: you, ann. Being read by cat."
        assert model.index(2, COL_LAB).data(Qt.ItemDataRole.ToolTipRole) is None
        # Whole pages at a time, not a query per cell.
        assert max(asked) > 2
        model.set_lab_source(None)
        assert model.index(0, COL_LAB).data() == ""
