"""Held-out evaluation listings for the reader's confidence: the weaknesses a real page shows.

``tests.support.synth`` draws ordinary entries; this module mixes into them, at rates
like those of real copied pages, the shapes the reader used to get wrong:

* author names with a parenthesized part (a nickname, an initialism, a former name, an
  affiliation): ``Olga (Lyalya) Smirnova``, ``Tariq Haddad (Mila)``;
* abstracts that start with a label: ``Abstract:``, ``Abstract.``, ``Résumé :``,
  ``Summary:``, with or without a space, long (with the marker) or short;
* short abstracts (under 140 characters, so without the marker) that read like a
  title: one sentence, often "We ..." or "This paper ...", sometimes without a full stop;
* coined one- or two-word titles (``Kestrel``, ``Lumen IO``) right after the names of
  the entry before.

A corpus is many listings of different sizes, English and French, most with author
lines and some without, so that errors are measured listing by listing as a user meets
them.  The word lists are written for this module and overlap neither the reader's
lexicon on purpose nor the examples of the tests (those are held out from the fitting).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import NamedTuple

from tests.support.synth import Entry, Generator, _words, render

_NICKNAMES = _words("""Lyalya Sasha Kostya Zhenya Tolya Dima Pasha Nico Beto Chema Paco Pepe Lulu
Mimi Bibi Kiki Titi Jojo Pipo Loulou Fifi Manu Gigi Toto Bea Lena Rosi Kai Ren Mila Nana
Dede Tati Vova Ksyusha Lesha""")
_AFFILIATIONS = [
    "Mila",
    "Inria",
    "CNRS",
    "KAIST",
    "ETH Zurich",
    "Univ. of Toronto",
    "DeepMind",
    "Université Laval",
    "McGill",
    "Sorbonne",
    "LIP6",
    "IST Austria",
    "equal contribution",
    "corresponding author",
    "now at Google",
]
_FORMER = ["née", "born", "formerly", "ex", "geb."]
_GIVEN = _words("""Olga Tariq Hélène Kwame Sun-hee Ana Ioannis Maëlle Lucas Ingrid Rustam Chiamaka
Tomás Ewa Yusuke Amélie Farid Noor Joon-ho Aleksei Giulia Benedikt Soraya Mateus Yeon-woo
Léonie Haruki Idris Marguerite Zhiwei Dong-hyun Pilar Oskar Rosalind""")
_FAMILY = _words("""Smirnova Haddad Dufour Mensah Park Souza Papadakis Le Gall Lindgren Aliyev
Okonkwo Ibarra Zielińska Morimoto Rousseau Benkirane Qureshi Cho Volkov Bianchi Vogt Rahimi
Carvalho Seo Marchand Fujita Oyelaran Lefèvre Wu Kang Ortega Nyberg Franklin""")

_LABELS = [
    "Abstract: ",
    "Abstract:",
    "Abstract. ",
    "Abstract.",
    "ABSTRACT: ",
    "Abstract — ",
    "Summary: ",
    "Summary:",
    "Résumé : ",
    "Résumé: ",
    "Résumé :",
    "Résumé. ",
    "TL;DR: ",
]
_FR_LABELS = ["Résumé : ", "Résumé: ", "Résumé :", "Résumé. "]

# One-sentence abstracts that read like a title: no marker, often no full stop.
_SHORT_EN = [
    "We show that {a} improves {t}",
    "We show that {a} is enough for {t}.",
    "We study {a} in the regime of {b}",
    "This paper revisits {a} for {t}",
    "This paper introduces {a} for {t}.",
    "We introduce {a}, a method for {t}",
    "We propose {a} and evaluate it on {t}",
    "In this paper we analyse {a} for {t}.",
    "Here we argue that {a} matters for {t}",
    "We present {a} for {t}",
    "Our method combines {a} with {b}",
    "A short note on why {a} fails on {t}.",
    "We find that {a} does not transfer to {t}",
]
_SHORT_FR = [
    "Nous montrons que {a} améliore {t}",
    "Nous proposons {a} pour {t}.",
    "Cet article étudie {a} pour {t}",
    "Nous présentons {a} pour {t}",
    "Dans cet article, nous analysons {a}.",
    "Ce travail revisite {a} pour {t}",
]
_TASKS_EN = """protein design|flood forecasting|legal retrieval|crop monitoring|speech
separation|chip placement|molecular docking|sea ice prediction|math word problems|table
parsing|bird song recognition|sign language translation|traffic control""".replace("\n", " ").split(
    "|"
)
_TASKS_FR = """la prévision des crues|la traduction automatique|la recherche
d'information|la segmentation d'images|le contrôle robotique|la découverte de
molécules|la reconnaissance de la parole""".replace("\n", " ").split("|")
_TOPIC_A = """sparse routing|tempered sampling|latent rewiring|contrastive probing|graph
rewiring|token merging|spectral pruning|adaptive dropout|weight averaging|soft
quantization|curriculum mixing|neural caching|kernel herding|lazy training""".replace(
    "\n", " "
).split("|")
_TOPIC_FR = """l'élagage spectral|le routage parcimonieux|la quantification douce|le
mélange de données|l'échantillonnage tempéré|la fusion de jetons""".replace("\n", " ").split("|")

# Coined titles: one word, a word and an acronym, two invented words, a version number.
_COINED_ONE = _words("""Kestrel Lumiere Nimbus Aurora Sparrow Tessera Quill Halcyon Zephyr Obsidian
Verdant Cinder Lyra Solace Marigold Tundra Basalt Ember Fennec Orrery Cobalt Sable Wren
Pollux Azimuth""")
_COINED_TWO = """Lumen IO|Kestrel XL|Nimbus Zero|Quill RL|Tessera Net|Halcyon Diffusion|
Sable Lite|Wren GPT|Orrery Bench|Cobalt 2|Fennec Mini|Basalt LM|Zephyr Flow|Aurora Seg|
Sparrow Tiny|Polaris Nav""".replace("\n", "").split("|")

_COINED_HEADS = _words("""Zor Vel Lum Nex Tor Ast Bri Cal Dra Fen Gal Hel Ira Jun Kel Mor Nor Ori
Pyr Quo Ryn Syl Tal Ulm Vor Wyn Xan Yor Zep Omni Pico Aero Hexa Glyph Crypt""")
_COINED_TAILS = _words("ion ara ex is on ia yx ora ent ix une ar os ium iva eon")
# Partly in the reader's list of model-name endings, partly not (Edge, Duo, Prime...).
_COINED_SECOND = _words("""IO XL GPT LM RL Net Zero Mini Lite Bench Seg Flow Diffusion 2 3D Pro
Edge Duo Prime One Core Live Go Swift""")


class Weaknesses(NamedTuple):
    """Rates at which the weak shapes are mixed in."""

    paren_name: float = 0.03  # per author name
    labelled_abstract: float = 0.08  # per abstract
    short_abstract: float = 0.06  # per entry: a one-sentence abstract instead of its own
    coined_title: float = 0.02  # per entry that follows an entry without abstract


#: The rates of the held-out corpus: each weakness far more frequent than on a real
#: page (a coined one- or two-word title is perhaps one paper in 300 there).
REALISTIC = Weaknesses()
#: None of them: the synthetic listings of the other tests and benchmarks.
ORDINARY = Weaknesses(paren_name=0.0, labelled_abstract=0.0, short_abstract=0.0, coined_title=0.0)
#: Every weakness at two to five times those rates, to see them clearly.
STRESS = Weaknesses(paren_name=0.06, labelled_abstract=0.15, short_abstract=0.12, coined_title=0.1)


#: The two halves of every word list above: "train" for fitting the calibration and for
#: looking at misreads while working on the reader, "test" for the benchmark and the
#: tests, so that what is measured never saw a word of what was tuned on.
SPLITS = ("train", "test")


class _Vocabulary(NamedTuple):
    nicknames: list[str]
    affiliations: list[str]
    former: list[str]
    given: list[str]
    family: list[str]
    short_en: list[str]
    short_fr: list[str]
    tasks_en: list[str]
    tasks_fr: list[str]
    topic_a: list[str]
    topic_fr: list[str]
    coined_one: list[str]
    coined_two: list[str]
    coined_heads: list[str]
    coined_tails: list[str]
    coined_second: list[str]


def _vocabulary(split: str) -> _Vocabulary:
    """Every other word of each list: the test half takes the even places."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    k = 0 if split == "test" else 1
    lists = (
        _NICKNAMES,
        _AFFILIATIONS,
        _FORMER,
        _GIVEN,
        _FAMILY,
        _SHORT_EN,
        _SHORT_FR,
        _TASKS_EN,
        _TASKS_FR,
        _TOPIC_A,
        _TOPIC_FR,
        _COINED_ONE,
        _COINED_TWO,
        _COINED_HEADS,
        _COINED_TAILS,
        _COINED_SECOND,
    )
    return _Vocabulary(*(list(words[k::2]) for words in lists))


class HeldOutGenerator:
    """Entries of ordinary shape, with the weak shapes mixed in at ``rates``."""

    def __init__(
        self, seed: int, language: str, rates: Weaknesses = REALISTIC, split: str = "test"
    ) -> None:
        self.rng = random.Random(seed * 7919 + 17)
        self.base = Generator(seed, language=language)
        self.language = language
        self.rates = rates
        self.used: set[str] = set()
        self.words = _vocabulary(split)

    def paren_name(self) -> str:
        rng = self.rng
        w = self.words
        given, family = rng.choice(w.given), rng.choice(w.family)
        kind = rng.randrange(6)
        if kind == 0:
            return f"{given} ({rng.choice(w.nicknames)}) {family}"
        if kind == 1:
            return f"{given} {family} ({rng.choice(w.nicknames)})"
        if kind == 2:
            initials = "-".join(f"{c}." for c in rng.sample("ABCDEFGHJKLMPRST", 2))
            return f"{given} ({initials}) {family}"
        if kind == 3:
            return f"{given} {family} ({rng.choice(w.affiliations)})"
        if kind == 4:
            return f"{given} {family} ({rng.choice(w.former)} {rng.choice(w.family)})"
        return f"{given} ({rng.choice(w.former)} {rng.choice(w.family)}) {family}"

    def authors(self, base: tuple[str, ...]) -> tuple[str, ...]:
        rate = self.rates.paren_name
        rng = self.rng
        names = (self.paren_name() if rng.random() < rate else a for a in base)
        # A person is named once per paper: the ordinary generator draws lab members
        # with replacement, so it can repeat one in a list, which no real page does.
        return tuple(dict.fromkeys(names))

    def short_abstract(self) -> str:
        rng = self.rng
        w = self.words
        if self.language == "fr" and rng.random() < 0.6:
            text = rng.choice(w.short_fr).format(a=rng.choice(w.topic_fr), t=rng.choice(w.tasks_fr))
        else:
            text = rng.choice(w.short_en).format(
                a=rng.choice(w.topic_a), b=rng.choice(w.topic_a), t=rng.choice(w.tasks_en)
            )
        return text[0].upper() + text[1:]

    def label(self, abstract: str) -> str:
        rng = self.rng
        labels = _FR_LABELS if self.language == "fr" and rng.random() < 0.7 else _LABELS
        return rng.choice(labels) + abstract

    def coined_title(self) -> str:
        """A coined title, never twice in one listing (a title appears once on a page)."""
        rng = self.rng
        w = self.words
        for _ in range(20):
            r = rng.random()
            if r < 0.25:
                title = rng.choice(w.coined_one)
            elif r < 0.45:
                title = rng.choice(w.coined_two)
            else:
                # Invented words, in the place of a model's made-up name.
                word = rng.choice(w.coined_heads) + rng.choice(w.coined_tails)
                title = word if r < 0.75 else f"{word} {rng.choice(w.coined_second)}"
            if title not in self.used:
                break
        self.used.add(title)
        return title

    def entries(self, n: int) -> Iterator[Entry]:
        rng, rates = self.rng, self.rates
        previous: Entry | None = None
        for _ in range(n):
            e = self.base.entry()
            title, authors, abstract = e.title, self.authors(e.authors), e.abstract
            if rng.random() < rates.short_abstract:
                abstract = self.short_abstract()
            if abstract is not None and rng.random() < rates.labelled_abstract:
                abstract = self.label(abstract)
            # The hard place for a coined title is right after a list of names.
            after_names = previous is not None and previous.abstract is None
            if after_names and rng.random() < rates.coined_title:
                title = self.coined_title()
            previous = Entry(title, authors, abstract)
            yield previous


class HeldOutListing(NamedTuple):
    """One listing of a corpus: its text and the entries a perfect reader returns."""

    text: str
    expected: list[Entry]
    language: str
    authors: bool


def heldout_corpus(
    total: int,
    seed: int,
    rates: Weaknesses = REALISTIC,
    *,
    smallest: int = 40,
    split: str = "test",
) -> Iterator[HeldOutListing]:
    """Listings of about ``total`` entries in all, sizes ``smallest``..1500, deterministic.

    ``split``: which half of the weak shapes' words they use ("test" unless fitting or
    tuning, see :data:`SPLITS`)."""
    rng = random.Random(seed)
    done = 0
    k = 0
    while done < total:
        size = min(total - done, int(smallest + rng.random() ** 2 * (1500 - smallest)))
        language = "fr" if rng.random() < 0.35 else "en"
        authors = rng.random() >= 0.1
        gen = HeldOutGenerator(seed * 1000 + k, language, rates, split)
        entries = list(gen.entries(size))
        if not authors:
            entries = [Entry(e.title, (), e.abstract) for e in entries]
        yield HeldOutListing(render(entries, language, authors=authors), entries, language, authors)
        done += size
        k += 1
