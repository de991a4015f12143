"""The two seed listings shipped with the app parse exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from readinglist.listing import MARKERS, Listing, normalize_title, read_listing

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def fr() -> Listing:
    return read_listing(SEEDS / "publications-fr.txt")


@pytest.fixture(scope="module")
def en() -> Listing:
    return read_listing(SEEDS / "publications-en.txt")


def test_french_seed_titles_and_authors(fr: Listing) -> None:
    assert fr.language == "fr"
    assert fr.encoding == "utf-8"
    assert fr.warnings == ()
    assert [e.title for e in fr.entries] == [
        "Scaling Laws Do Not Scale",
        "Generative Flow Networks: a Markov Chain Perspective",
        "Better Training of GFlowNets with Local Credit and Incomplete Trajectories",
        "Bidirectional Learning for Offline Model-based Biological Sequence Design",
        "Bigger, Better, Faster: Human-level Atari with human-level efficiency",
        "Bootstrapped Representations in Reinforcement Learning",
        "Can Forward Gradient Match Backpropagation?",
        "Can We Scale Transformers to Predict Parameters of Diverse ImageNet Models?",
        "Convergence of Proximal Point and Extragradient-Based Methods Beyond Monotonicity: "
        "the Case of Negative Comonotonicity",
        "CrossSplit: Mitigating Label Noise Memorization through Data Splitting",
        "Discovering Object-Centric Generalized Value Functions From Pixels",
        "Discrete Key-Value Bottleneck",
    ]
    by_title = {e.title: e for e in fr.entries}
    assert by_title["Generative Flow Networks: a Markov Chain Perspective"].authors == (
        "Tristan Deleu",
    )
    assert by_title[
        "Bidirectional Learning for Offline Model-based Biological Sequence Design"
    ].authors == (
        "Can Chen",
        "Yingxue Zhang",
    )
    assert by_title["Bootstrapped Representations in Reinforcement Learning"].authors == (
        "Charline Le Lan",
        "Stephen Tu",
        "Mark Rowland",
        "Anna Harutyunyan",
        "Rishabh Agarwal",
        "Will Dabney",
    )
    assert by_title[
        "Can We Scale Transformers to Predict Parameters of Diverse ImageNet Models?"
    ].authors == ("Boris Knyazev", "DOHA HWANG")
    assert [e.line for e in fr.entries][:3] == [3, 6, 8]


def test_french_seed_abstracts_lose_the_marker_exactly(fr: Listing) -> None:
    first = fr.entries[0].abstract
    assert first is not None
    assert "(AI) models and aspects" in first
    assert MARKERS["fr"] not in first
    assert first.endswith("impacted by those models.")
    bbf = fr.entries[4].abstract
    assert bbf is not None
    assert "BBF relies on scaling the neural networks" in bbf
    gfn = fr.entries[2].abstract
    assert gfn is not None
    assert "distribution specified by an energy function" in gfn
    assert gfn.endswith("They are trained to generate an object")
    assert fr.entries[1].abstract is None
    assert fr.entries[3].abstract is None
    assert sum(e.abstract is not None for e in fr.entries) == 7


def test_short_title_after_a_name_starts_a_new_entry(fr: Listing, en: Listing) -> None:
    for listing in (fr, en):
        dkvb = next(e for e in listing.entries if e.title == "Discrete Key-Value Bottleneck")
        assert dkvb.authors == (
            "Frederik Träuble",
            "Anirudh Goyal",
            "Nasim Rahaman",
            "Michael Curtis Mozer",
            "Kenji Kawaguchi",
            "Bernhard Schölkopf",
        )
        assert dkvb.abstract is None
    # In the English seed the next title follows Bernhard Schölkopf directly.
    titles = [e.title for e in en.entries]
    assert titles[titles.index("Discrete Key-Value Bottleneck") + 1] == (
        "Equivariance with Learned Canonicalization Functions"
    )


def test_french_seed_ends_after_authors_without_newline(fr: Listing) -> None:
    assert not (SEEDS / "publications-fr.txt").read_bytes().endswith(b"\n")
    *complete, last = fr.entries
    assert last.truncated
    assert not any(e.truncated for e in complete)


def test_english_seed(en: Listing) -> None:
    assert en.language == "en"
    assert len(en.entries) == 12
    assert not any(e.truncated for e in en.entries)
    faenet = next(e for e in en.entries if e.title.startswith("FAENet"))
    assert faenet.authors == (
        "Alexandre AGM Duval",
        "Victor Schmidt",
        "Alex Hernandez-Garcia",
        "Santiago Miret",
        "Fragkiskos D. Malliaros",
    )
    assert faenet.abstract is not None
    assert "invariant to specific symmetries" in faenet.abstract
    eq = next(e for e in en.entries if e.title.startswith("Equivariance"))
    assert eq.authors == ("Sékou-Oumar Kaba", "Arnab Kumar Mondal", "Yan Zhang")
    fusion = en.entries[-1]
    assert len(fusion.authors) == 9
    assert fusion.abstract is not None
    assert fusion.abstract.endswith("https://github.com/SongtaoLiu0823/FusionRetro.")
    assert "Current strategies use a decoupled approach" in fusion.abstract


def test_both_seeds_hold_16_distinct_papers(fr: Listing, en: Listing) -> None:
    fr_keys = {normalize_title(e.title) for e in fr.entries}
    en_keys = {normalize_title(e.title) for e in en.entries}
    assert len(fr_keys) == len(en_keys) == 12
    assert len(fr_keys & en_keys) == 8
    assert len(fr_keys | en_keys) == 16


def test_shared_papers_read_identically(fr: Listing, en: Listing) -> None:
    en_by_title = {e.title: e for e in en.entries}
    for e in fr.entries:
        if e.title in en_by_title:
            other = en_by_title[e.title]
            assert (e.authors, e.abstract) == (other.authors, other.abstract)


def test_confidence_in_range_and_hash_stable(fr: Listing) -> None:
    assert all(0.0 <= e.confidence <= 1.0 for e in fr.entries)
    assert len(fr.content_hash) == 64
    assert read_listing(SEEDS / "publications-fr.txt").content_hash == fr.content_hash


def test_seeds_flag_only_the_entry_the_copy_cut_off(fr: Listing, en: Listing) -> None:
    # Every entry of both seeds is read right (the tests above): the preview must
    # highlight none of them but the French copy's last, which stops after its authors.
    assert [e.title for e in en.entries if e.flagged] == []
    assert [(e.title, e.truncated) for e in fr.entries if e.flagged] == [
        ("Discrete Key-Value Bottleneck", True)
    ]
    assert all(e.confidence >= 0.99 for e in (*fr.entries, *en.entries))
