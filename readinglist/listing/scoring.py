"""Per-line role scores (title / author / abstract) as log-likelihood-like numbers."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from itertools import islice

from readinglist.listing.lexicon import (
    GIVEN_NAMES,
    MODEL_SUFFIXES,
    PARTICLES,
    SENTENCE_OPENERS,
    SENTENCE_WORDS,
    STOPWORDS_EN,
    STOPWORDS_FR,
    TITLE_SUFFIXES,
    TITLE_WORDS,
)
from readinglist.listing.model import MARKERS, normalize_title

NEG = -1.0e9
#: (title score, author score, abstract score, best label, lead of the best label)
Emission = tuple[float, float, float, str, float]
LEAD_SHIFT = 1.1
#: Lead above which a line's best label cannot be overturned by the grammar; below it
#: the label is written in lower case so that the line's segment goes through the DP.
CLEAR_LEAD = 1.0
CERTAIN_ABSTRACT: Emission = (-30.0, -40.0, 0.0, "C", 30.0)
ELLIPSIS_OPEN = "\u2026 ("
_MARKER_LIST = tuple(MARKERS.values())

# A name line: up to 8 space-separated tokens of letters, dots, apostrophes and hyphens
# (digits and underscores are rejected separately: \w alone would let them in).
_NAME_SHAPE = re.compile(r"[\w.'\u2019\u2010-]+(?: [\w.'\u2019\u2010-]+){0,7}")
_DIGIT_OR_US = re.compile(r"[\d_]")
_CAMEL = re.compile(r"[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]")
_NAME_CAMEL = re.compile(r"^(?:Mc|Mac|O'|O\u2019|D'|D\u2019|De|Di|Da|Du|La|Le|Van|Von|Fitz)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(SENTENCE_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_CAP_WORD = re.compile(r"(?<![\w'\u2019-])[^\W\d_a-z\u00df-\u00ff][\w'\u2019-]{3,}")
_LONG_WORD = re.compile(r"(?<![\w'\u2019-])[^\W\d_][\w'\u2019-]{3,}")
_STOP = STOPWORDS_EN | STOPWORDS_FR
_HYPHEN = re.compile("[-\u2010]")
# A parenthesized part of a short line: "Maria (Masha) Ivanova", "Wei Li (Mila)".
_PAREN_PART = re.compile(r"\(([^()]{1,40})\)")
_INITIALS = re.compile(r"(?:[^\W\d_]\.[ \u2010-]?){1,4}")
_NICKNAME = re.compile(r"[^\W\d_a-z][^\W\d_A-Z]{1,12}")
# What a page may print after an author's name: affiliation numbers glued to it
# ("Ivanova1,2"), footnote symbols, an ORCID.  A lone number after a space is not
# one of them ("Orca 2" is a title).
_NAME_MARKS = re.compile(
    r"(?:(?<=[^\W\d_])\d{1,2}(?:,\d{1,2})*[*\u2020\u2021\u00a7]*|\s*[*\u2020\u2021\u00a7]+"
    r"|\s+(?:https?://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX])$"
)
_MARK_ENDS = frozenset("0123456789X*\u2020\u2021\u00a7")
_ABSTRACT_LABEL = re.compile(
    r"(?:abstract|summary|résumé|resume|tl;dr|synopsis)(?:\s*[:.\u2014\u2013]|\s+-\s)",
    re.IGNORECASE,
)
# One cheap gate for both: the label words as a page writes them, and the openers.
_OPENINGS = SENTENCE_OPENERS + tuple(
    f(w)
    for w in ("Abstract", "Summary", "Résumé", "Resume", "Synopsis", "TL;DR")
    for f in (str, str.upper, str.lower)
)
# Title odds of a one-word line, and of a word and an acronym, seen once, whose first
# word is in no other line of the file and no given name: about what an entry boundary
# costs, so that the grammar decides and the entry's margin (so its confidence) is low.
ONE_WORD_ODDS = 2.2
ACRONYM_ODDS = 3.0
# Their first three characters: a set lookup spares most lines the prefix scan.
_OPENING_HEADS = frozenset(w[:3] for w in _OPENINGS)
_FORMER_NAME = ("née ", "nee ", "born ", "formerly ", "ex ", "ex-", "geb. ", "now ", "former ")


def softplus(x: float) -> float:
    """log(1 + e**x) without overflow."""
    if x > 30.0:
        return x
    if x < -30.0:
        return 0.0
    return math.log1p(math.exp(x))


def find_marker(line: str) -> tuple[int, str] | None:
    """Position and text of the "show more" marker in a line, preferring char 140."""
    if ELLIPSIS_OPEN not in line:
        return None
    for marker in _MARKER_LIST:
        if line.startswith(marker, 140):
            return 140, marker
    best: tuple[int, str] | None = None
    for marker in _MARKER_LIST:
        pos = line.find(marker)
        if pos >= 0 and (best is None or abs(pos - 140) < abs(best[0] - 140)):
            best = (pos, marker)
    return best


def _triples(word: str) -> list[str]:
    marked = f"^{word.lower()}$"
    return [marked[i : i + 3] for i in range(len(marked) - 2)]


class WordShapes:
    """Letter-triple models of two word lists of a file (its prose, its names): how much
    more a word looks like one than like the other.  A coined title's words are often
    plain words ("Swift", "Atlas") where an unknown name's are not."""

    _SMOOTH = 0.1
    _KINDS = 5000.0

    def __init__(self, prose: Iterable[str], names: Iterable[str]) -> None:
        prose_counts, prose_log = self._model(prose)
        names_counts, names_log = self._model(names)
        log, smooth = math.log, self._SMOOTH
        # One log-odds per triple seen in either list; a triple seen in neither weighs
        # nothing but the lists' sizes (the constant below).
        self._odds = {
            t: log(prose_counts[t] + smooth) - log(names_counts[t] + smooth)
            for t in prose_counts.keys() | names_counts.keys()
        }
        self._shift = names_log - prose_log
        self._cache: dict[str, float] = {}

    @classmethod
    def _model(cls, words: Iterable[str]) -> tuple[Counter[str], float]:
        counts: Counter[str] = Counter()
        for word in words:
            counts.update(_triples(word))
        return counts, math.log(sum(counts.values()) + cls._SMOOTH * cls._KINDS)

    def odds(self, word: str) -> float:
        """Mean log-odds per letter triple of prose against names, clipped to ±3."""
        got = self._cache.get(word)
        if got is not None:
            return got
        get = self._odds.get
        marked = f"^{word.lower()}$"
        n = len(marked) - 2
        odds = sum([get(marked[i : i + 3], 0.0) for i in range(n)]) / n + self._shift
        odds = -3.0 if odds < -3.0 else 3.0 if odds > 3.0 else odds
        if len(self._cache) < 100_000:
            self._cache[word] = odds
        return odds


class LineScorer:
    """Scores lines for the three roles; holds what is learnt about the file so far."""

    def __init__(self, known_authors: Collection[str] = (), known_titles: Collection[str] = ()):
        self.known_authors = frozenset(normalize_title(a) for a in known_authors)
        self.known_titles = frozenset(normalize_title(t) for t in known_titles)
        #: Lowercase words seen in abstracts: a capitalized one in a short line is a title word.
        self.prose: set[str] = set()
        self.prose_lines = 0
        #: Lines read as authors with high confidence in earlier chunks.
        self.authors_seen: set[str] = set()
        #: Words of the file's short lines, counted once per distinct line: a one- or
        #: two-word line whose first word is in no other line may be a coined title
        #: ("Kestrel", "Lumen IO"); a given name recurs.
        self.name_words: Counter[str] = Counter()
        self._token_cache: dict[str, tuple[float, float, int, bool]] = {}
        #: Full results by line, for lines seen once / repeated in the file (names recur).
        self.cache_plain: dict[str, Emission] = {}
        self.cache_rep: dict[str, Emission] = {}

    def learn_prose(self, lines: Iterable[str], limit: int = 3000) -> None:
        """Add the lowercase words of (marker-certain) abstract lines, up to a bounded number."""
        room = limit - self.prose_lines
        if room <= 0:
            return
        taken = list(islice(lines, room))
        if not taken:
            return
        self.prose_lines += len(taken)
        # One pass of the regex over all of them, and the filter over each
        # distinct word once (lines do not join words: "\n" is no letter).
        words = set(_WORD.findall("\n".join(taken)))
        self.prose.update(w for w in words if len(w) >= 5 and w.islower())
        self.clear_caches()

    def clear_caches(self) -> None:
        self._token_cache.clear()
        self.cache_plain.clear()
        self.cache_rep.clear()

    def _token(self, tok: str) -> tuple[float, float, int, bool]:
        """Position-free evidence of a capitalized token: (title, name, wordy, acronym)."""
        bare = tok.lower().strip(".'\u2019:,")
        out: tuple[float, float, int, bool]
        if _CJK.match(tok):
            out = (0.0, 2.5, 0, False) if len(tok) <= 4 else (0.5 * (len(tok) - 4), 0.0, 0, False)
        elif len(bare) <= 1 or (len(tok) == 2 and tok[1] == "."):
            out = (0.0, 2.0, 0, False)
        elif bare in TITLE_WORDS:
            out = (3.5, 0.0, 1, False)
        elif "-" in tok or "\u2010" in tok:
            parts = [p for p in _HYPHEN.split(bare) if p]
            if any(
                p in TITLE_WORDS or p in self.prose or (len(p) >= 7 and p.endswith(TITLE_SUFFIXES))
                for p in parts
            ):
                out = (2.0, 0.0, 1, False)
            elif any(p[0].islower() and len(p) >= 5 for p in _HYPHEN.split(tok) if p):
                out = (1.5, 0.0, 0, False)
            else:
                out = (0.0, 0.0, 0, False)
        else:
            title_ev = 3.0 if tok[-1] == ":" else 0.0
            name_ev = 0.0
            wordy = 0
            acronym = False
            if bare in self.prose:
                title_ev += 2.0
                wordy = 1
            elif len(bare) >= 7 and bare.endswith(TITLE_SUFFIXES):
                title_ev += 1.5
                wordy = 1
            if _CAMEL.search(tok) and not _NAME_CAMEL.match(tok):
                title_ev += 2.0
            elif len(tok) >= 2 and tok.isupper():
                acronym = True
            elif ("'" in tok or "\u2019" in tok) and not tok.endswith(("'s", "\u2019s")):
                name_ev += 1.0
            out = (title_ev, name_ev, wordy, acronym)
        if len(self._token_cache) > 200000:
            self._token_cache.clear()
        self._token_cache[tok] = out
        return out

    def name_title_odds(self, line: str) -> float:
        """For a name-shaped line: > 0 means it reads as a title, < 0 as a person's name."""
        tokens = line.split(" ")
        ntok = len(tokens)
        title_ev = 0.0
        name_ev = 0.0
        all_caps = line.isupper()
        prose = self.prose
        wordy = 0
        lower_line = line.islower()
        token_cache = self._token_cache
        for idx, tok in enumerate(tokens):
            if title_ev - name_ev >= 6.5:
                break  # clearly a title already
            if not tok:
                continue
            if tok[0].islower():
                bare = tok.strip(".'\u2019:,")
                if bare in PARTICLES and 0 < idx < ntok - 1:
                    name_ev += 1.0
                elif bare in _STOP:
                    title_ev += 3.5
                elif bare in TITLE_WORDS or bare in prose or not lower_line:
                    title_ev += 2.5
                else:
                    title_ev += 0.6
                continue
            if idx == 0 and tok.lower() in GIVEN_NAMES:
                name_ev += 2.5
                continue
            t_ev, n_ev, w, acronym = token_cache.get(tok) or self._token(tok)
            title_ev += t_ev
            name_ev += n_ev
            wordy += w
            if acronym and not all_caps:
                title_ev += 0.8
        if wordy >= 2 and wordy == ntok:
            title_ev += 1.5
        if ntok >= 5:
            title_ev += 1.2 * (ntok - 4)
        elif ntok in (2, 3):
            name_ev += 0.8
        if line.endswith(".") and len(tokens[-1]) > 2:
            title_ev += 2.0
        return title_ev - name_ev - 1.0

    def sentence_odds(self, line: str, cut: bool = False) -> float:
        """For a line that cannot be a name: > 0 means abstract sentence, < 0 means title.

        `cut`: the line ends the file without a newline, so it may stop mid-sentence."""
        n = len(line)
        words = line.count(" ") + 1
        ev = 0.0
        if line[:3] in _OPENING_HEADS and line.startswith(_OPENINGS):
            if _ABSTRACT_LABEL.match(line):
                # "Abstract: ...", "Résumé : ...": only an abstract opens so.
                ev += 8.0
            elif line.startswith(SENTENCE_OPENERS):
                # "We show that ...", even with no full stop: a title rarely opens so.
                ev += 2.5
        if line.endswith(".") and ev < 2.5:
            ev += 2.5
        if ". " in line and (n >= 40 or ev > 0.0):
            ev += 2.0
        elif ev == 0.0 and n <= 140 and not cut:
            # One unfinished sentence at most: a title (unmarked abstracts end a sentence).
            return -9.0 if line.endswith("?") else -8.0
        hits = len(_SENTENCE_WORD.findall(line))
        ev += 1.5 * min(hits, 3)
        longw = len(_LONG_WORD.findall(line))
        if longw >= 2:
            ratio = len(_CAP_WORD.findall(line)) / longw
            ev += 2.0 - 6.0 * ratio
        if words < 6:
            ev -= 4.0
        colon = line.find(":")
        if 0 <= colon < 60:
            ev -= 1.0
        if line.endswith("?"):
            ev -= 1.0
        if n > 140:
            ev += (n - 140) / 15.0
        if cut and words >= 8:
            ev += 3.5
        return ev - 4.0

    def _coined_odds(self, line: str) -> float:
        """For a one- or two-word line seen once: > 0 when it reads as a coined title.

        A model-name ending ("Lumen Mini", "Kestrel XL") makes a title; a single word
        or a word and an acronym ("Perceiver IO") leans to one when the first word is
        found in no other line of the file (a given name recurs, a coined word not) and
        is no common given name; < 0 when it does recur."""
        first, _, second = line.partition(" ")
        if second:
            if second in MODEL_SUFFIXES:
                return 4.0
            if not second.isupper():
                return 0.0  # a plain two-word line: a name as often as not
            odds = ACRONYM_ODDS
        else:
            odds = ONE_WORD_ODDS
        if self.name_words.get(first, 0) >= 2:
            return -1.0
        if first.lower() in GIVEN_NAMES or len(first) <= 2 or first.isupper():
            return 0.0
        return odds

    @classmethod
    def _without_parens(cls, line: str) -> tuple[str, float]:
        """The line without its parenthesized parts (three at most), and their odds."""
        odds = 0.0
        for _ in range(3):  # "Ana (Ani) Souza (Inria)": one part at a time
            found = cls._without_paren(line) if "(" in line else None
            if found is None:
                break
            line, part = found
            odds += part
        return line, odds

    @staticmethod
    def _without_paren(line: str) -> tuple[str, float] | None:
        """The line without its first parenthesized part, and that part's title odds.

        A person's name may carry a nickname, initials, a former name or an affiliation
        in parentheses; a title rather an acronym of its own words ("... Networks
        (GNNs)").  None when the line has no such part (or nothing outside it)."""
        m = _PAREN_PART.search(line)
        if m is None:
            return None
        before, after = line[: m.start()].strip(), line[m.end() :].strip()
        rest = f"{before} {after}" if before and after else before or after
        if not rest:
            return None
        inner = m.group(1).strip()
        acronym = inner[:-1] if inner.endswith("s") else inner
        if acronym.isupper() and acronym.isalpha():
            # An acronym: of the words before it in a title ("Graph Neural Networks
            # (GNNs)"), else an institution ("Wei Li (CNRS)").
            initials = "".join(w[0] for w in before.split() if w[:1].isupper())
            odds = 4.0 if len(acronym) >= 2 and initials.endswith(acronym) else 0.0
        elif _INITIALS.fullmatch(inner) or inner.lower().startswith(_FORMER_NAME):
            odds = -2.5
        elif _NICKNAME.fullmatch(inner):
            odds = -1.0
        else:
            odds = 0.5
        return rest, odds

    def emit(self, line: str, repeated: bool, coined: bool = True) -> Emission:
        """Scores (title, author, abstract), best label ('T', 'A', 'B', or 'C' for a certain
        abstract) and its lead over the runner-up; memoized for short lines."""
        n = len(line)
        if n > 300:
            if ELLIPSIS_OPEN in line and find_marker(line) is not None:
                return CERTAIN_ABSTRACT
            return (-8.0 - (n - 300) / 50.0, -40.0, 0.0, "B", 8.0 + (n - 300) / 50.0)
        if ELLIPSIS_OPEN in line and find_marker(line) is not None:
            return CERTAIN_ABSTRACT
        shape = line
        paren = 0.0
        if n <= 80:
            if line[-1] in _MARK_ENDS:
                # Footnote marks or an ORCID after a name: "Wei Li1,2", "Ana Souza*".
                found = _NAME_MARKS.search(line)
                if found is not None and found.start() > 0:
                    shape = line[: found.start()]
            if "(" in shape:
                shape, paren = self._without_parens(shape)
        if n <= 80 and _NAME_SHAPE.fullmatch(shape) and not _DIGIT_OR_US.search(shape):
            d = self.name_title_odds(shape) + paren
            spaces = line.count(" ")
            if repeated:
                d -= 3.0
            elif (
                coined and (spaces if shape is line else shape.count(" ")) <= 1 and self.name_words
            ):
                d += self._coined_odds(shape)
            if self.known_authors or self.known_titles:
                key = normalize_title(line)
                if key in self.known_authors:
                    d -= 8.0
                if key in self.known_titles:
                    d += 8.0
            # P(author) = s(-d); the rest splits between title and abstract by sentence
            # odds.  softplus(x) - softplus(-x) = x saves half the logarithms.
            not_author = -softplus(-d)
            e = self.sentence_odds(line) if spaces >= 3 else -12.0
            t = not_author - softplus(e)
            a = not_author - d
            b = t + e
        else:
            e = self.sentence_odds(line)
            t = -softplus(e)
            b = t + e
            a = -14.0
            if self.known_titles and normalize_title(line) in self.known_titles:
                t += 6.0
        if t >= a and t >= b:
            # Leads are shifted by what the grammar adds in the usual context: an entry
            # boundary costs about LEAD_SHIFT more than one more author line.
            lead = t - (a if a > b else b) - LEAD_SHIFT
            out: Emission = (t, a, b, "T" if lead >= CLEAR_LEAD else "t", lead)
        elif a >= b:
            lead = a - (t if t > b else b) + LEAD_SHIFT
            out = (t, a, b, "A" if lead >= CLEAR_LEAD else "a", lead)
        else:
            out = (t, a, b, "B", b - (t if t > a else a))
        if n <= 100:
            cache = self.cache_rep if repeated else self.cache_plain
            if len(cache) > 300000:
                cache.clear()
            cache[line] = out
        return out


#: A margin above which an entry's author lines are taken as names for the rest of the file.
SURE_MARGIN = 2.95


#: Logistic weights of :func:`confidence_features` (bias last), fitted by
#: ``python -m tests.support.fit_confidence`` on generated training listings.
CALIBRATION = (
    3.4265,
    -0.7040,
    -0.3695,
    22.9602,
    -4.4663,
    -13.9738,
    -1.7286,
    -1.4019,
    3.3748,
    -3.2752,
    -0.2795,
    -1.7276,
    -1.2401,
    0.2843,
    -0.3569,
    -3.2740,
)
#: Margins are clipped to this: beyond it a line is as sure as it gets.
_CLIP = 12.0
#: Below this smallest margin an entry is looked at more closely (:data:`Risk`): about
#: what an unknown two-word name scores against a title, so most misreads are below.
RISKY_MARGIN = 3.5

#: What the reader finds around an unsure entry (smallest margin under
#: :data:`RISKY_MARGIN`), each 0/1 unless said: the line with the smallest margin is
#: one word / two words whose words occur in no other line; it is read as a title; both
#: (a one-word title); it ends with a full stop; the entry holds a possible coined title
#: read as a name (a one- or two-word author line between two others, seen once, whose
#: first word is in no other line); how much more that line's words look like the file's
#: prose than like its names (letter triples, clipped to ±3); its second word too is in
#: no other line; how far its margin is under RISKY_MARGIN.
Risk = tuple[float, float, float, float, float, float, float, float, float]
_NO_RISK = (0.0,) * 12


def confidence_features(worst: float, abstract: str, risk: Risk | None = None) -> tuple[float, ...]:
    """What the calibration weighs: the abstract's kind, then for an entry the reader is
    sure of its smallest margin (clipped), for an unsure one (``risk`` given) that
    margin, whether it is near zero and what :data:`Risk` holds."""
    w = min(max(worst, 0.0), _CLIP)
    kinds = (1.0 if abstract == "B" else 0.0, 1.0 if abstract == "" else 0.0)
    if risk is None:
        return (w, *kinds, *_NO_RISK)
    return (0.0, *kinds, 1.0, w, 1.0 if w < 1.5 else 0.0, *risk)


_W_SURE, _W_UNMARKED, _W_NONE, _W_RISKY, _W_WORST, _W_LOW = CALIBRATION[:6]
_R_ONE, _R_TWO, _R_TITLE, _R_ONE_TITLE, _R_STOP, _R_COINED, _R_ENGLISH, _R_STRICT, _R_GAP = (
    CALIBRATION[6:-1]
)
_BIAS = CALIBRATION[-1]
#: The constant part of the logistic by abstract kind.
_BASE = {"C": _BIAS, "B": _BIAS + _W_UNMARKED, "": _BIAS + _W_NONE}
#: No reading is certain: the most the reader claims.
MOST_SURE = 0.999


def calibrate(worst: float, abstract: str, risk: Risk | None = None) -> float:
    """Probability that an entry is read exactly right: a logistic model of its margin.

    ``worst``: the smallest max-marginal margin over the entry's lines and the line
    after it (the log-odds of the best reading against the best reading that changes
    one of those lines' roles); ``abstract``: 'C' (with the marker), 'B' (without) or
    '' (none); ``risk``: what :data:`Risk` says, for an entry whose ``worst`` is under
    :data:`RISKY_MARGIN`.  Written out (not over :func:`confidence_features`) for speed,
    as it runs once per entry; a test holds the two equal (up to :data:`MOST_SURE`)."""
    w = worst if worst < _CLIP else _CLIP
    w = w if w > 0.0 else 0.0
    if risk is None:
        z = _BASE[abstract] + _W_SURE * w
    else:
        z = _BASE[abstract] + _W_RISKY + _W_WORST * w + (_W_LOW if w < 1.5 else 0.0)
        one, two, title, one_title, stop, coined, english, strict, gap = risk
        z += (
            _R_ONE * one
            + _R_TWO * two
            + _R_TITLE * title
            + _R_ONE_TITLE * one_title
            + _R_STOP * stop
            + _R_COINED * coined
            + _R_ENGLISH * english
            + _R_STRICT * strict
            + _R_GAP * gap
        )
    if z < -35.0:
        return 0.0
    p = 1.0 / (1.0 + math.exp(-z))
    return p if p < MOST_SURE else MOST_SURE


#: The margin-only model (the weights of :func:`confidence_features` before the risk
#: features: margin clipped, near zero, unmarked abstract, no abstract; bias last),
#: fitted as before on the training listings.
SHORT_PAGE = (0.5187, -2.8983, -0.5578, 0.0556, 5.3668)


def calibrate_short(worst: float, abstract: str) -> float:
    """Confidence of an unsure entry of a page too short to learn its names from (see
    ``Parser._word_shapes``): the margin-only model, which needs nothing learnt."""
    w = min(max(worst, 0.0), _CLIP)
    z = SHORT_PAGE[4] + SHORT_PAGE[0] * w + (SHORT_PAGE[1] if w < 1.5 else 0.0)
    z += SHORT_PAGE[2] if abstract == "B" else SHORT_PAGE[3] if abstract == "" else 0.0
    p = 1.0 / (1.0 + math.exp(-z))
    return p if p < MOST_SURE else MOST_SURE
