"""Each hard case of the format, on small hand-written listings."""

from __future__ import annotations

from pathlib import Path

import pytest

from readinglist.listing import (
    MARKERS,
    ListingEntry,
    normalize_title,
    parse_text,
    read_listing,
    render_listing,
)

LONG = (
    "We study how well the proposed estimator behaves when the data are scarce, and we show "
    "that a careful choice of the prior yields consistent gains on every benchmark we tried, "
    "including two new ones that we release with the paper."
)
LONG2 = (
    "Nous proposons une méthode simple pour apprendre des représentations robustes à partir "
    "de données bruitées, et nous montrons qu'elle surpasse les méthodes existantes sur "
    "plusieurs jeux de données publics de référence."
)

Raw = tuple[str, tuple[str, ...], str | None]

BASIC: list[Raw] = [
    ("Scaling Laws Do Not Scale", ("Michael Madaio",), LONG),
    ("Generative Flow Networks: a Markov Chain Perspective", ("Tristan Deleu",), None),
    (
        "Bidirectional Learning for Offline Model-based Biological Sequence Design",
        ("Can Chen", "Yingxue Zhang"),
        None,
    ),
    ("Discrete Key-Value Bottleneck", ("Frederik Träuble", "Bernhard Schölkopf"), LONG2),
]


def triples(entries: tuple[ListingEntry, ...]) -> list[Raw]:
    return [(e.title, e.authors, e.abstract) for e in entries]


def test_render_splices_marker_after_char_140() -> None:
    text = render_listing(BASIC, "en")
    lines = text.split("\n")
    assert lines[:2] == ["Publications", ""]
    marked = lines[4]
    assert marked[140 : 140 + len(MARKERS["en"])] == MARKERS["en"]
    assert marked.replace(MARKERS["en"], "") == LONG
    assert text.endswith("\n")
    with pytest.raises(ValueError):
        render_listing(BASIC, "de")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_round_trip_and_language(language: str) -> None:
    listing = parse_text(render_listing(BASIC, language))
    assert triples(listing.entries) == BASIC
    assert listing.language == language
    assert not any(e.truncated for e in listing.entries)


def test_marker_mid_word_is_removed_exactly() -> None:
    abstract = "x" * 137 + "scaling the neural networks used for value estimation, and more."
    text = render_listing([("A Title About Atari Agents", ("Max Schwarzer",), abstract)])
    assert "sca\u2026 (see more)ling" in text
    (entry,) = parse_text(text).entries
    assert entry.abstract == abstract


def test_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    text = render_listing(BASIC, "fr").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    listing = read_listing(path)
    assert listing.encoding == "utf-8-sig"
    assert triples(listing.entries) == BASIC
    plain = tmp_path / "plain.txt"
    plain.write_text(render_listing(BASIC, "fr"), encoding="utf-8")
    # Same text once decoded and newline-normalized: same hash.
    assert read_listing(plain).content_hash == listing.content_hash


def test_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    entries: list[Raw] = [
        ("Apprentissage frugal : une étude", ("Sébastien Lefèvre", "Zoë Müller"), None),
        ("Réseaux de neurones équivariants", ("François Côté",), None),
    ]
    path = tmp_path / "ansi.txt"
    path.write_bytes(render_listing(entries, "fr").encode("cp1252"))
    listing = read_listing(path)
    assert listing.encoding == "cp1252"
    assert listing.warnings == ("read as Windows-1252: the file is not valid UTF-8",)
    assert triples(listing.entries) == entries


def test_no_final_newline_after_abstract_is_complete() -> None:
    text = render_listing(BASIC).rstrip("\n")
    listing = parse_text(text)
    assert triples(listing.entries) == BASIC
    assert not listing.entries[-1].truncated


def test_title_without_authors_at_eof_is_truncated() -> None:
    text = render_listing(BASIC) + "Equivariance with Learned Canonicalization Functions\n"
    listing = parse_text(text)
    assert triples(listing.entries)[:-1] == BASIC
    last = listing.entries[-1]
    assert last.title == "Equivariance with Learned Canonicalization Functions"
    assert last.authors == ()
    assert last.truncated
    assert not any(e.truncated for e in listing.entries[:-1])


def test_abstract_cut_mid_word_is_truncated() -> None:
    text = render_listing(BASIC[:1])
    cut = text[: text.index(MARKERS["en"]) + len(MARKERS["en"]) + 25]
    (entry,) = parse_text(cut).entries
    assert entry.truncated
    assert entry.authors == ("Michael Madaio",)
    assert entry.abstract == LONG[:165].rstrip()


def test_cut_inside_the_marker() -> None:
    text = render_listing(BASIC[:1])
    cut = text[: text.index(MARKERS["en"]) + 4]
    (entry,) = parse_text(cut).entries
    assert entry.truncated
    assert entry.abstract == LONG[:140]


def test_no_author_layout() -> None:
    entries: list[Raw] = [(t, (), a) for t, _, a in BASIC]
    entries.insert(2, ("Can We Scale Transformers to Predict Parameters?", (), None))
    listing = parse_text(render_listing(entries, "en"))
    assert triples(listing.entries) == entries
    assert not listing.entries[-1].truncated


def test_150_authors() -> None:
    authors = tuple(
        f"{first} {last}"
        for first in ("Anna", "Boris", "Chen", "Dana", "Emeka")
        for last in (
            "Okafor",
            "Larsen",
            "Tanaka",
            "Moreau",
            "Silva",
            "Nguyen",
            "Kowalski",
            "Haddad",
            "Petrov",
            "Rossi",
            "Garcia",
            "Kim",
            "Singh",
            "Müller",
            "Cohen",
            "Ivanova",
            "Dubois",
            "Sato",
            "Lindqvist",
            "Costa",
            "Novak",
            "Hansen",
            "Yilmaz",
            "Diallo",
            "Ferreira",
            "Kovacs",
            "Schmidt",
            "Wang",
            "Papadopoulos",
            "Jensen",
        )
    )
    assert len(authors) == 150
    entries: list[Raw] = [
        ("Gemini: A Family of Highly Capable Multimodal Models", authors, LONG),
        *BASIC,
    ]
    assert triples(parse_text(render_listing(entries)).entries) == entries


def test_names_of_every_shape() -> None:
    entries: list[Raw] = [
        ("Learning to Rank with Partial Feedback", ("王小明", "Tanaka 太郎", "DOHA HWANG"), None),
        (
            "Optimal Transport for Domain Adaptation",
            ("Charline Le Lan", "Ludwig van der Berg", "Maria de la Cruz", "Kurt von Stein"),
            None,
        ),
        (
            "Fair Ranking under Uncertainty",
            ("Conor O'Brien", "Alexander D’Amour", "Sékou-Oumar Kaba", "Jean\u2010Pierre Roy"),
            LONG,
        ),
        (
            "Robust Estimation in High Dimensions",
            ("Sukarno", "Fragkiskos D. Malliaros", "Alexandre AGM Duval", "J. R. Smith"),
            None,
        ),
        ("Sparse Coding of Natural Images", ("Nasim Rahaman",), LONG),
    ]
    assert triples(parse_text(render_listing(entries)).entries) == entries


def test_title_shapes() -> None:
    entries: list[Raw] = [
        ("Can Forward Gradient Match Backpropagation?", ("Louis Fournier",), None),
        ("Attention is not all you need.", ("Edouard Oyallon",), None),
        (
            r"$\alpha$-Divergence Variational Inference with $O(\sqrt{T})$ Regret",
            ("Anna Harutyunyan",),
            None,
        ),
        (
            "iMixer: Hierarchical Hopfield Network Implies an Invertible Mixer",
            ("Toshihiro Ota",),
            None,
        ),
        ("k-means Clustering Revisited", ("Nikolay Malkin",), None),
        ("3D Molecule Generation with Equivariant Diffusion", ("Minkai Xu",), LONG),
        ("100 Days of Continual Learning", ("Rishabh Agarwal",), None),
        ("Neural Ordinary Differential Equations", ("Ricky Chen", "Yulia Rubanova"), None),
        ("Deep Sets", ("Manzil Zaheer",), None),
        ("Graph Attention Networks", ("Petar Veličković",), LONG),
    ]
    assert triples(parse_text(render_listing(entries)).entries) == entries


PERCEIVER: list[Raw] = [
    ("Neural Ordinary Differential Equations", ("Ricky Chen", "Yulia Rubanova"), None),
    ("Perceiver IO", ("Andrew Jaegle",), LONG),
]


def test_unknown_two_word_title_after_names() -> None:
    assert triples(parse_text(render_listing(PERCEIVER)).entries) == PERCEIVER


def test_known_titles_fix_unknown_two_word_title() -> None:
    listing = parse_text(render_listing(PERCEIVER), known_titles=["Perceiver IO"])
    assert triples(listing.entries) == PERCEIVER


def test_short_abstract_without_marker() -> None:
    short = "We show that a two-layer network suffices for this task."
    entries: list[Raw] = [
        (
            "Discovering Object-Centric Generalized Value Functions From Pixels",
            ("Somjit Nath", "Gopeshh Raaj Subbaraj"),
            short,
        ),
        ("Discrete Key-Value Bottleneck", ("Frederik Träuble",), None),
        (
            "Flexible Phase Dynamics for Bio-Plausible Contrastive Learning",
            ("Ezekiel Williams",),
            "This is an extended abstract of a workshop paper.",
        ),
        ("Bootstrapped Representations in Reinforcement Learning", ("Will Dabney",), LONG),
    ]
    assert triples(parse_text(render_listing(entries)).entries) == entries


def test_known_authors_and_titles_resolve_ambiguity() -> None:
    # Without help, "Quokka Kestrel" reads as a person; the library knows it as a title.
    text = render_listing(
        [
            ("Robust Estimation in High Dimensions", ("Ana Lopez",), None),
            ("Quokka Kestrel", ("Ana Lopez",), None),
        ]
    )
    helped = parse_text(text, known_titles=["Quokka Kestrel"])
    assert [e.title for e in helped.entries] == [
        "Robust Estimation in High Dimensions",
        "Quokka Kestrel",
    ]


def test_invisible_and_combining_characters() -> None:
    text = (
        "Publications\n\nRobust\u200b Estimation in High Dimensions\n"
        "Jose\u0301 Garci\u0301a\n\u202eAli Hassan\u202c\n"
    )
    (entry,) = parse_text(text).entries
    assert entry.title == "Robust Estimation in High Dimensions"
    assert entry.authors == ("José García", "Ali Hassan")


def test_line_numbers_and_blank_lines() -> None:
    text = "\ufeffPublications\n\nDeep Sets\nManzil Zaheer\n\nPerceiver IO\nAndrew Jaegle\n"
    listing = parse_text(text, name="x.txt")
    assert [(e.title, e.line) for e in listing.entries] == [("Deep Sets", 3), ("Perceiver IO", 6)]
    assert listing.name == "x.txt"


def test_normalize_title() -> None:
    assert normalize_title("  Équivariance, with  LEARNED canonicalization! ") == (
        "equivariance with learned canonicalization"
    )
    assert normalize_title("Bigger, Better, Faster") == normalize_title("bigger better faster")


def test_invisible_characters_never_reach_an_entry(tmp_path: Path) -> None:
    hidden = "\x00\x01\u200b\u200e\u202e\u2066\ufeff\x7f"
    filler = render_listing(BASIC * 200)  # pushes the dirty entry past the 64 KB sniff
    dirty = (
        f"Robust Estimation{hidden} in High Dimensions\nAna{hidden} Lopez\n"
        f"{LONG[:100]}{hidden}{LONG[100:]}\n"
    )
    path = tmp_path / "dirty.txt"
    path.write_text(filler + dirty, encoding="utf-8")
    last = read_listing(path).entries[-1]
    assert (last.title, last.authors, last.abstract) == (
        "Robust Estimation in High Dimensions",
        ("Ana Lopez",),
        LONG,
    )


def test_zalgo_title_is_read() -> None:
    zalgo = "".join(ch + "\u0301\u0308\u0327" for ch in "Zalgo Estimation")
    (entry,) = parse_text(f"Publications\n\n{zalgo}\nAna Lopez\n").entries
    assert entry.authors == ("Ana Lopez",)
