"""The search language against a library built here: every operator, negation, or, errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.library import Library, PaperFilter
from readinglist.library.query import QueryError, parse, term_for
from readinglist.library.status import utcnow

PAPERS = [
    # title, authors, abstract
    (
        "Deep Learning for Graphs: Message Passing Networks Revisited",
        ["Yoshua Bengio", "Marie Curie"],
        "We study graph neural networks trained with message passing and show that their "
        "expressive power is bounded by the Weisfeiler-Lehman test on many benchmarks.",
    ),
    ("Réseaux de neurones profonds pour la vision par ordinateur", ["Élise Lefèvre"], None),
    (
        "Shallow Learning Revisited: Kernel Machines at Scale",
        ["Alan Turing"],
        "Kernel methods are back: we show that a deep down simple kernel machine matches "
        "modern networks on tabular data when trained with enough random features.",
    ),
    ("Bayesian Optimisation at Scale with Sparse Gaussian Processes", ["Yoshua Bengio"], None),
    (
        "Quantum Graph Kernels for Molecular Property Prediction",
        ["Ada Lovelace", "Alan Turing"],
        "We propose learning on graphs with qubits, encoding molecules as quantum states "
        "and comparing them with a kernel that a small quantum computer evaluates.",
    ),
]


def write_listing(path: Path, entries: list[tuple[str, list[str], str | None]]) -> Path:
    lines = ["Publications", ""]
    for title, authors, abstract in entries:
        lines.append(title)
        lines.extend(authors)
        if abstract:
            lines.append(abstract)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    """Five papers with known statuses, ratings, tags, notes, dates and reading history."""
    listing = write_listing(tmp_path / "lab-one.txt", PAPERS[:3])
    other = write_listing(tmp_path / "lab-two.txt", PAPERS[2:])
    library = Library.open(tmp_path / "library")
    library.import_files([listing, other])
    ids = {s.title.split()[0]: s.id for s in library.summaries(library.paper_ids())}
    library.set_status([ids["Deep"], ids["Réseaux"]], "to-read")
    library.set_status([ids["Shallow"]], "read")
    library.set_status([ids["Bayesian"]], "reading")
    library.set_rating([ids["Deep"]], 5)
    library.set_rating([ids["Shallow"]], 3)
    library.set_rating([ids["Quantum"]], 4)
    library.change_tags([ids["Deep"], ids["Quantum"]], add=["ml"])
    library.change_tags([ids["Shallow"]], add=["mlops", "Théorie"])
    library.set_note(ids["Bayesian"], "Compare with the quokka baseline.")
    # Dates: Quantum was added long ago, Shallow was read in March 2025.
    db = sqlite3.connect(library.db_path)
    old = (utcnow() - timedelta(days=400)).strftime("%Y-%m-%d %H:%M:%S")
    db.execute("UPDATE paper SET added_at = ? WHERE id = ?", (old, ids["Quantum"]))
    db.execute(
        "UPDATE reading_event SET at = '2025-03-14 10:00:00' WHERE paper_id = ?",
        (ids["Shallow"],),
    )
    db.commit()
    db.close()
    library.ids = ids  # type: ignore[attr-defined]
    yield library
    library.close()


def found(lib: Library, text: str) -> set[str]:
    """The first title word of each paper the query finds."""
    ids = lib.paper_ids(lib.parse_query(text))
    names = {s.title.split()[0] for s in lib.summaries(ids)}
    assert lib.count(lib.parse_query(text)) == len(ids)
    return names


ALL = {"Deep", "Réseaux", "Shallow", "Bayesian", "Quantum"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("learning", {"Deep", "Shallow", "Quantum"}),
        ("learn", {"Deep", "Shallow", "Quantum"}),  # prefix as you type
        ("LEARNING graphs", {"Deep", "Quantum"}),
        ("reseaux", {"Réseaux"}),  # accents and case do not matter
        ("lefevre", {"Réseaux"}),
        ('"deep learning"', {"Deep"}),
        ('"learning deep"', set()),
        ('"deep lea', {"Deep"}),  # an unclosed phrase is a prefix phrase
        ("quokka", {"Bayesian"}),  # notes are searched
        ("status:to-read", {"Deep", "Réseaux"}),
        ("status:read", {"Shallow"}),
        ("status:reading,read", {"Shallow", "Bayesian"}),
        ("statut:lu", {"Shallow"}),
        ('statut:"à lire"', {"Deep", "Réseaux"}),
        ("status:a-lire", {"Deep", "Réseaux"}),
        ('status:"en cours"', {"Bayesian"}),
        ("status:nouveau", {"Quantum"}),
        ("status:pas-à-lire", set()),
        ("rating:5", {"Deep"}),
        ("rating:>=4", {"Deep", "Quantum"}),
        ("rating:>4", {"Deep"}),
        ("rating:<3", {"Réseaux", "Bayesian"}),
        ("rating:<=3", {"Réseaux", "Bayesian", "Shallow"}),
        ("rating:=3", {"Shallow"}),
        ("rating:3..4", {"Shallow", "Quantum"}),
        ("tag:ml", {"Deep", "Quantum", "Shallow"}),  # ml and mlops
        ('tag:"=ml"', {"Deep", "Quantum"}),
        ('tag:"=ML"', {"Deep", "Quantum"}),
        ("étiquette:théorie", {"Shallow"}),
        ("author:bengio", {"Deep", "Bayesian"}),
        ("auteur:turing", {"Shallow", "Quantum"}),
        ('author:"=yoshua bengio"', {"Deep", "Bayesian"}),
        ("author:graph", set()),  # author: looks at authors only
        ("title:graph", {"Deep", "Quantum"}),
        ("abstract:deep", {"Shallow"}),
        ("note:quokka", {"Bayesian"}),
        ("note:graph", set()),
        ("listing:lab-one", {"Deep", "Réseaux", "Shallow"}),
        ('listing:"=lab-two.txt"', {"Shallow", "Bayesian", "Quantum"}),
        ('listing:"=lab-two"', set()),
        ("has:note", {"Bayesian"}),
        ("has:abstract", {"Deep", "Shallow", "Quantum"}),
        ("-has:abstract", {"Réseaux", "Bayesian"}),
        ("added:<30d", {"Deep", "Réseaux", "Shallow", "Bayesian"}),
        ("added:>30d", {"Quantum"}),
        ("read:2025", {"Shallow"}),
        ("read:2025-03", {"Shallow"}),
        ("read:2025-03-14", {"Shallow"}),
        ("read:2025-04", set()),
        ("read:2024..2025-03", {"Shallow"}),
        ("read:<2025-03-14", set()),
        ("read:>=2025-03-14", {"Shallow"}),
        ("-status:to-read", {"Shallow", "Bayesian", "Quantum"}),
        ("not status:to-read", {"Shallow", "Bayesian", "Quantum"}),
        ("NOT learning", {"Réseaux", "Bayesian"}),
        ("-learning", {"Réseaux", "Bayesian"}),
        ("status:read or status:reading", {"Shallow", "Bayesian"}),
        ("status:read OR rating:5 OR quokka", {"Shallow", "Deep", "Bayesian"}),
        ("learning -tag:ml", set()),
        ("learning and rating:>=4", {"Deep", "Quantum"}),
        ("(status:to-read or status:new) graph", {"Deep", "Quantum"}),
        ("status:to-read or status:new graph", {"Deep", "Réseaux", "Quantum"}),
        ("-(status:to-read or status:new)", {"Shallow", "Bayesian"}),
        ("not (learning or quokka)", {"Réseaux"}),
        ("((rating:5))", {"Deep"}),
        ("- ? !", ALL),  # punctuation alone looks for nothing
        ("a", {"Shallow", "Quantum"}),  # one letter is a whole word ("a small")
        ("learning -graphs", {"Shallow"}),
        ("learning or quokka", {"Deep", "Shallow", "Quantum", "Bayesian"}),
        ("(quokka or kernel) -shallow", {"Bayesian", "Quantum"}),
        ("tag:ml or author:turing", {"Deep", "Quantum", "Shallow"}),
        ("-(tag:ml or author:turing)", {"Réseaux", "Bayesian"}),
        ("Shallow: kernel", {"Shallow"}),  # a title pasted with its colon
    ],
)
def test_query_finds(lib: Library, query: str, expected: set[str]) -> None:
    assert found(lib, query) == expected


def test_words_give_the_same_as_the_plain_search(lib: Library) -> None:
    for typed in (
        "learning",
        "deep gra",
        "Bengio",
        "réseaux neur",
        "x y z",
        "$\\mathcal{H}_\\infty$ deep",
    ):
        assert lib.paper_ids(lib.parse_query(typed)) == lib.paper_ids(PaperFilter(text=typed))


def test_query_combines_with_sidebar_filters(lib: Library) -> None:
    flt = PaperFilter(statuses=frozenset({"to-read"}), query=lib.parse_query("learning"))
    assert {s.title.split()[0] for s in lib.summaries(lib.paper_ids(flt))} == {"Deep"}


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("rating:>=x", "rating:>=x: a rating is a number from 0 to 5", 0),
        ("deep rating:9", "rating:9: a rating is a number from 0 to 5", 5),
        ("rating:5..3", "rating:5..3: a range goes from low to high (3..5)", 0),
        ("status:done", "status:done: a status is one of new, to-read", 0),
        ("colour:red", "colour: there is no such field; use one of status, rating", 0),
        ("added:yesterday-ish", "added:yesterday-ish: a date is 2026, 2026-11", 0),
        ("read:2025-13", "read:2025-13: there is no such date", 0),
        ("has:pdf", "has:pdf: has: takes note, attachment or abstract", 0),
        ("in:basket", "in:basket: in: takes queue or trash", 0),
        ("tag:", "tag:: tag needs a value after the colon", 0),
        ('tag:"=ml', 'tag:"=ml: the quote is not closed', 4),
        ("(deep", "(: this parenthesis is not closed", 0),
        ("deep)", "): there is no '(' to close", 4),
        ("deep ()", "(): the parentheses are empty", 5),
        ("or deep", "or: 'or' needs a term on each side", 0),
        ("deep or ", "or: 'or' needs a term on each side", 5),
        ("deep or or x", "or: 'or' needs a term on each side", 5),
        ("deep not ", "not: 'not' needs a term after it", 5),
        ("(deep -)", "-: '-' needs a term after it", 6),
        ("and deep", "and: 'and' needs a term on each side", 0),
        ("title:!!", "title:!!: title needs letters or digits to look for", 0),
        ("(" * 60 + "x" + ")" * 60, "the query is nested too deeply", 50),
    ],
)
def test_bad_queries_say_where_and_why(
    lib: Library, query: str, message: str, position: int
) -> None:
    with pytest.raises(QueryError) as caught:
        lib.parse_query(query)
    assert message in str(caught.value)
    assert caught.value.position == position
    assert f"(at character {position + 1})" in caught.value.describe()


def test_year_once_the_library_knows_it(lib: Library) -> None:
    db = sqlite3.connect(lib.db_path)
    for name, year in (("Deep", 2019), ("Shallow", 2021), ("Quantum", 2023)):
        db.execute("UPDATE paper SET year = ? WHERE id = ?", (year, lib.ids[name]))  # type: ignore[attr-defined]
    db.commit()
    db.close()
    assert found(lib, "year:2021") == {"Shallow"}
    assert found(lib, "année:2020..2023") == {"Shallow", "Quantum"}
    assert found(lib, "year:<2021") == {"Deep"}
    # A negation is the rest of the library, papers with no year included.
    assert found(lib, "-year:2021") == {"Deep", "Quantum", "Réseaux", "Bayesian"}
    with pytest.raises(QueryError, match="year:20x: a year is written like 2023"):
        lib.parse_query("year:20x")


def test_year_waits_for_its_column() -> None:
    # A library from before the bibliographic fields (schema 0003) has no year.
    with pytest.raises(QueryError, match="year:2023: the year is not known yet"):
        parse("year:2023", {"paper.id", "paper.status"})
    assert parse("year:2020..2023", {"paper.year"}).fields() == {"year"}


def test_a_word_being_typed_is_not_an_operator(lib: Library) -> None:
    assert found(lib, "quokka or") == set()  # "or" as typed so far: a word prefix
    assert found(lib, "not") == set()


def test_term_for_facets_reads_back(lib: Library) -> None:
    assert term_for("tag", "ml") == 'tag:"=ml"'
    assert term_for("status", "to-read") == "status:to-read"
    assert found(lib, term_for("tag", "ml")) == {"Deep", "Quantum"}
    assert found(lib, term_for("listing", "lab-one.txt")) == {"Deep", "Réseaux", "Shallow"}
    assert found(lib, term_for("author", "Yoshua Bengio")) == {"Deep", "Bayesian"}
    lib.change_tags([lib.ids["Réseaux"]], add=['say "hi" \\o/'])  # type: ignore[attr-defined]
    assert found(lib, term_for("tag", 'say "hi" \\o/')) == {"Réseaux"}


FUZZ_WORDS = ["or ", "not ", "and ", "status:", "rating:", "tag:", "added:", "read:", "NEAR("]


# Any text at all: a QueryError or a query SQLite runs; nothing else.
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from([*'abc lrtgsé:()"-<>=.\\*^|,_0123459d', *FUZZ_WORDS]),
        max_size=30,
    ).map("".join)
)
def test_any_text_is_a_query_or_a_query_error(lib: Library, text: str) -> None:
    try:
        query = lib.parse_query(text)
    except QueryError as exc:
        assert str(exc)
        assert 0 <= exc.position <= len(text)
        return
    lib.paper_ids(query)
    lib.count(query)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_parses_or_says_why(text: str) -> None:
    try:
        parse(text, {"paper.id"})
    except QueryError as exc:
        assert 0 <= exc.position <= len(text)


def test_queue_trash_and_attachments(lib: Library) -> None:
    ids = lib.ids  # type: ignore[attr-defined]
    # Deep and Réseaux are To read, so queued.
    assert found(lib, "in:queue") == {"Deep", "Réseaux"}
    assert found(lib, "-in:queue rating:>=3") == {"Shallow", "Quantum"}
    lib.attach(ids["Quantum"], "https://example.org/quantum.pdf")
    assert found(lib, "has:attachment") == {"Quantum"}
    assert found(lib, "dans:file or has:attachment") == {"Deep", "Réseaux", "Quantum"}
    lib.trash([ids["Deep"], ids["Bayesian"]])
    # Trashed papers leave every list, queue and count but the Trash's.
    assert found(lib, "") == {"Réseaux", "Shallow", "Quantum"}
    assert found(lib, "in:queue") == {"Réseaux"}
    assert found(lib, "author:bengio") == set()
    assert found(lib, "in:trash") == {"Deep", "Bayesian"}
    assert found(lib, "in:corbeille author:bengio rating:5") == {"Deep"}
    assert found(lib, "in:trash quokka") == {"Bayesian"}
    assert lib.count(lib.parse_query("in:trash")) == 2


VOCABULARY = [
    "learning",
    "graph",
    "kernel",
    "quokka",
    "deep",
    "tag:ml",
    "status:to-read",
    "rating:>=4",
]


def _expressions() -> st.SearchStrategy[tuple[str, object]]:
    leaf = st.sampled_from(VOCABULARY).map(lambda w: (w, ("leaf", w)))

    def extend(
        children: st.SearchStrategy[tuple[str, object]],
    ) -> st.SearchStrategy[tuple[str, object]]:
        pair = st.tuples(children, children)
        return st.one_of(
            children.map(lambda c: (f"-({c[0]})", ("not", c[1]))),
            pair.map(lambda p: (f"({p[0][0]} {p[1][0]})", ("and", p[0][1], p[1][1]))),
            pair.map(lambda p: (f"({p[0][0]} or {p[1][0]})", ("or", p[0][1], p[1][1]))),
        )

    return st.recursive(leaf, extend, max_leaves=6)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_expressions())
def test_boolean_queries_agree_with_set_algebra(lib: Library, expr: tuple[str, object]) -> None:
    """However words, fields, -, or and parentheses nest, the SQL means the set algebra."""
    everything = found(lib, "")

    def expected(tree: object) -> set[str]:
        kind, *args = tree  # type: ignore[misc]
        if kind == "leaf":
            return found(lib, args[0])
        if kind == "not":
            return everything - expected(args[0])
        left, right = expected(args[0]), expected(args[1])
        return left & right if kind == "and" else left | right

    text, tree = expr
    assert found(lib, text) == expected(tree), text


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="abcdeiklrstuwyé .,;!?$\\{}*^'", max_size=25))
def test_plain_text_finds_what_the_plain_search_finds(lib: Library, text: str) -> None:
    """No operator, field or quote typed: the language is today's search, word for word.

    (An underscore is punctuation to the language, as to the full-text index;
    the plain search took "_" alone for a word that matches nothing.)
    """
    assert lib.paper_ids(lib.parse_query(text)) == lib.paper_ids(PaperFilter(text=text))


@pytest.mark.parametrize(
    "query",
    ["status:read", "not status:new", "rating:>=4 added:<30d", "status:reading -has:abstract"],
)
def test_field_terms_read_the_reading_state_index_not_the_papers(lib: Library, query: str) -> None:
    # Schema 0007: a term on the paper row's reading state walks a narrow
    # index; reading every paper row, titles and all, was 50 ms at 100k.
    from readinglist.library.queries import _where

    where, params = _where(PaperFilter(query=lib.parse_query(query)))
    db = sqlite3.connect(lib.db_path)
    plan = [
        row[3] for row in db.execute(f"EXPLAIN QUERY PLAN SELECT p.id FROM paper p{where}", params)
    ]
    db.close()
    outer = [step for step in plan if step.startswith(("SCAN p", "SEARCH p "))]
    assert outer and all("ix_paper_reading_state" in step for step in outer), plan


def test_a_large_import_builds_the_reading_state_index_again(tmp_path: Path) -> None:
    # Imports that triple a library drop the late indexes and rebuild them.
    entries = [
        (f"Paper number {i} on topic {i % 97}", [f"Author {i % 50} Smith"], None)
        for i in range(21_000)
    ]
    library = Library.open(tmp_path / "library")
    library.import_files([write_listing(tmp_path / "big.txt", entries)])
    library.close()
    db = sqlite3.connect(tmp_path / "library" / "library.sqlite3")
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    db.close()
    assert "ix_paper_reading_state" in names
