"""Filtering, full-text search, sorting and sidebar counts, all done in SQL."""

from __future__ import annotations

import pytest

from readinglist.library import Library, PaperFilter, SortField
from tests.conftest import SEED_EN, SEED_FR


def titles(lib: Library, flt: PaperFilter, **kw: object) -> list[str]:
    ids = lib.paper_ids(flt, **kw)  # type: ignore[arg-type]
    rows = lib.rows(ids)
    return [rows[i].title for i in ids]


def test_search_ignores_accents_and_case(seeded: Library) -> None:
    for typed in ("scholkopf", "SCHÖLKOPF", "Schölkopf", "horvath"):
        assert len(seeded.paper_ids(PaperFilter(text=typed))) == 1, typed


def test_search_matches_prefixes_as_you_type(seeded: Library) -> None:
    assert titles(seeded, PaperFilter(text="bootst")) == [
        "Bootstrapped Representations in Reinforcement Learning"
    ]
    # Every word must match; the order does not matter.
    assert titles(seeded, PaperFilter(text="learning bootstrapped")) == [
        "Bootstrapped Representations in Reinforcement Learning"
    ]
    assert seeded.paper_ids(PaperFilter(text="bootstrapped zebra")) == []


def test_search_covers_authors_abstracts_and_notes(seeded: Library) -> None:
    assert len(seeded.paper_ids(PaperFilter(text="Rishabh Agarwal"))) == 2
    assert titles(seeded, PaperFilter(text="retrosynthetic")) == [
        "FusionRetro: Molecule Representation Fusion via In-Context Learning for Retrosynthetic "
        "Planning"
    ]
    [pid] = seeded.paper_ids(PaperFilter(text="CrossSplit"))
    seeded.set_note(pid, "Compare with *co-teaching* baselines; quokka.")
    assert seeded.paper_ids(PaperFilter(text="quokka")) == [pid]
    seeded.set_note(pid, "")
    assert seeded.paper_ids(PaperFilter(text="quokka")) == []


@pytest.mark.parametrize("typed", ['"', "AND OR NOT", "title:x", "*", "(", "NEAR(a b)", "-", "^"])
def test_search_syntax_characters_are_literal(seeded: Library, typed: str) -> None:
    seeded.paper_ids(PaperFilter(text=typed))  # no error, whatever it finds


def test_filters_combine(seeded: Library) -> None:
    ids = seeded.paper_ids(PaperFilter(text="reinforcement"))
    seeded.set_status(ids[:1], "reading")
    flt = PaperFilter(text="reinforcement", statuses=frozenset({"reading"}))
    assert seeded.paper_ids(flt) == ids[:1]
    assert seeded.count(flt) == 1
    assert seeded.paper_ids(PaperFilter(listing="publications-fr.txt", author="Yan Zhang")) != []
    assert len(seeded.paper_ids(PaperFilter(author="yan zhang"))) == 2
    seeded.change_tags(ids, add=["rl"])
    seeded.set_rating(ids[:1], 5)
    assert seeded.paper_ids(PaperFilter(tag="RL", rating=5)) == ids[:1]
    assert seeded.paper_ids(PaperFilter(min_rating=1)) == ids[:1]


@pytest.mark.parametrize("field", list(SortField))
def test_every_field_sorts_both_ways(seeded: Library, field: SortField) -> None:
    up = seeded.paper_ids(PaperFilter(), sort=field)
    down = seeded.paper_ids(PaperFilter(), sort=field, descending=True)
    assert sorted(up) == sorted(down) and len(up) == 16
    assert up == list(reversed(down))


def test_sorting_orders_rows(seeded: Library) -> None:
    got = titles(seeded, PaperFilter())
    assert got == sorted(got, key=str.casefold)
    ids = seeded.paper_ids()
    seeded.set_rating(ids[3:4], 5)
    seeded.set_rating(ids[5:6], 2)
    assert seeded.paper_ids(sort=SortField.RATING, descending=True)[:2] == [ids[3], ids[5]]
    seeded.set_status(ids[7:8], "not-reading")
    seeded.set_status(ids[8:9], "to-read")
    by_status = seeded.paper_ids(sort=SortField.STATUS, descending=True)
    assert by_status[:2] == [ids[7], ids[8]]


def test_facets_count_everything(seeded: Library) -> None:
    ids = seeded.paper_ids()
    seeded.set_status(ids[:3], "read")
    seeded.change_tags(ids[:2], add=["todo", "Ideas"])
    facets = seeded.facets()
    assert facets.total == 16
    assert facets.statuses == {"new": 13, "to-read": 0, "reading": 0, "read": 3, "not-reading": 0}
    assert facets.listings == [("publications-en.txt", 12), ("publications-fr.txt", 12)]
    assert facets.tags == [("Ideas", 2), ("todo", 2)]
    assert facets.authors[0] in {("Rishabh Agarwal", 2), ("Yan Zhang", 2)}


def test_summaries_keep_the_order_asked(seeded: Library) -> None:
    ids = seeded.paper_ids(sort=SortField.TITLE, descending=True)
    summaries = seeded.summaries(ids)
    assert [s.id for s in summaries] == ids
    assert all(isinstance(s.authors, tuple) for s in summaries)


def test_full_text_index_stays_consistent_through_changes(seeded: Library) -> None:
    ids = seeded.paper_ids()
    seeded.set_note(ids[0], "alpha note")
    seeded.set_note(ids[0], "beta note")
    seeded.set_note(ids[1], "gamma")
    seeded.set_note(ids[1], "")
    seeded.set_note(ids[2], "to be deleted with its paper")
    seeded.import_files([SEED_FR, SEED_EN])
    with seeded.engine.connect() as conn:
        # No command deletes papers yet; the schema must still keep the index right.
        conn.exec_driver_sql("DELETE FROM paper WHERE id = ?", (ids[2],))
        conn.exec_driver_sql(
            "UPDATE paper_abstract SET text = 'ocelot' WHERE paper_id = ?", (ids[3],)
        )
        conn.commit()
        # FTS5's own check compares the index with the text it should hold.
        conn.exec_driver_sql(
            "INSERT INTO paper_fts (paper_fts, rank) VALUES ('integrity-check', 1)"
        )
    assert seeded.paper_ids(PaperFilter(text="deleted")) == []
    assert seeded.paper_ids(PaperFilter(text="ocelot")) == [ids[3]]
    assert seeded.paper_ids(PaperFilter(text="beta")) == [ids[0]]
    assert seeded.paper_ids(PaperFilter(text="alpha")) == []
    assert seeded.paper_ids(PaperFilter(text="gamma")) == []


def test_one_letter_matches_a_whole_word_only(library: Library) -> None:
    from readinglist.listing import parse_text

    library.import_listing(
        parse_text(
            "Publications\n\nVitamin C and Colds: A Review\nAda Lovelace\n"
            "Cellular Automata Revisited\nAlan Turing\n",
            name="c.txt",
        )
    )
    assert titles(library, PaperFilter(text="c")) == ["Vitamin C and Colds: A Review"]
    assert len(library.paper_ids(PaperFilter(text="ce"))) == 1  # two letters: a prefix


@pytest.mark.parametrize("field", list(SortField))
def test_large_results_come_in_the_same_order_as_sql_gives(
    seeded: Library, field: SortField, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readinglist.library import core, queries

    flt = PaperFilter(text="learning")
    ids = seeded.paper_ids()
    seeded.set_rating(ids[::3], 4)
    seeded.set_status(ids[::4], "reading")
    for descending in (False, True):
        with seeded.engine.connect() as conn:
            expected = queries.paper_ids(conn, flt, field, descending)
        assert len(expected) > 3
        monkeypatch.setattr(core, "LARGE_RESULT", 2)  # take the cached-order path
        assert seeded.paper_ids(flt, field, descending) == expected
        monkeypatch.setattr(core, "LARGE_RESULT", 10_000)
        assert seeded.paper_ids(flt, field, descending) == expected


def test_cached_order_follows_changes_from_any_connection(
    seeded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readinglist.library import core

    monkeypatch.setattr(core, "LARGE_RESULT", 2)
    flt = PaperFilter(text="learning")
    before = seeded.paper_ids(flt, SortField.RATING, descending=True)
    last = before[-1]
    seeded.set_rating([last], 5)
    assert seeded.paper_ids(flt, SortField.RATING, descending=True)[0] == last
    # A change made by another process (here: another Library on the file).
    other = Library.open(seeded.data_dir, auto_backup=False)
    try:
        other.set_rating([before[1]], 5)
        other.set_rating([last], 0)
    finally:
        other.close()
    assert seeded.paper_ids(flt, SortField.RATING, descending=True)[0] == before[1]
