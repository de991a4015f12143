"""Every model passes qtmodeltester; the paper model fetches rows lazily by page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from readinglist.gui.import_dialog import PreviewModel, PreviewRow
from readinglist.gui.paper_model import COL_AUTHORS, PAGE_SIZE, PaperTableModel
from readinglist.library import Library, PaperFilter
from readinglist.listing import ListingEntry

ABSTRACT = "An abstract long enough to look like one, with a few words in it for the reader."


def test_paper_model_passes_qtmodeltester(qtmodeltester, seeded_dir: Path) -> None:
    with Library.open(seeded_dir) as library:
        model = PaperTableModel(library)
        model.reload()
        # The tester stays connected and checks every signal of the changes below.
        qtmodeltester.check(model, force_py=True)
        model.set_filter(PaperFilter(text="learning"))
        model.sort(COL_AUTHORS, Qt.SortOrder.DescendingOrder)
        model.refresh_papers(model.ids[:3])
        model.set_filter(PaperFilter(text="zzzz"))
        assert model.rowCount() == 0


def test_preview_model_passes_qtmodeltester(qtmodeltester, seeded_dir: Path) -> None:
    with Library.open(seeded_dir) as library:
        entries = [
            ListingEntry(f"Title {i}", (f"Author {i}",), ABSTRACT, i * 3, 0.5 + i / 10)
            for i in range(5)
        ]
        rows = [
            PreviewRow(0, entry, seen)
            for entry, seen in zip(entries, library.preview(entries), strict=True)
        ]
    model = PreviewModel(rows, ["lab.txt"])
    qtmodeltester.check(model, force_py=True)
    model.correct(0, "Better title", ("A. Author",), None)
    model.set_included(1, False)


def test_sidebar_model_passes_qtmodeltester(qtmodeltester, window) -> None:
    # QTreeWidget's model is Qt's own: checked by Qt's C++ tester.
    qtmodeltester.check(window.facet_panel.model(), force_py=False)
    window.toggle_facet("status", "new")
    window.refresh_facets()


def test_rows_are_fetched_a_page_at_a_time(tmp_path: Path) -> None:
    from readinglist.listing import Listing

    entries = tuple(
        ListingEntry(f"Paper {i:05d} on things", (f"Writer {i % 40}",), ABSTRACT, i, 1.0)
        for i in range(PAGE_SIZE * 3)
    )
    with Library.open(tmp_path / "big") as library:
        library.import_listing(Listing("big.txt", entries, "en", "utf-8", (), "hash"))
        model = PaperTableModel(library)
        model.reload()
        assert model.rowCount() == PAGE_SIZE * 3
        assert not model._pages
        assert model.index(0, 0).data() == "Paper 00000 on things"
        assert list(model._pages) == [0]
        assert (
            model.index(PAGE_SIZE * 2 + 5, 0).data() == f"Paper {PAGE_SIZE * 2 + 5:05d} on things"
        )
        assert list(model._pages) == [0, 2]
        changed = []
        model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), b.row())))
        paper_id = model.paper_id(3)
        library.set_rating([paper_id], 5)
        model.refresh_papers([paper_id])
        assert changed == [(3, 3)]
        assert model.index(3, 3).data() == "★★★★★"
