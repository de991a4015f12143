"""Decoding, sanity checks and chunked parsing of listing files into entries."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from itertools import chain, compress, islice
from pathlib import Path
from typing import Protocol

from readinglist.listing.model import (
    HEADER,
    MARKERS,
    Listing,
    ListingEntry,
    ListingError,
)
from readinglist.listing.scoring import (
    CERTAIN_ABSTRACT,
    ELLIPSIS_OPEN,
    RISKY_MARGIN,
    SURE_MARGIN,
    Emission,
    LineScorer,
    Risk,
    WordShapes,
    calibrate,
    calibrate_short,
    find_marker,
    softplus,
)
from readinglist.listing.segment import (
    ABSTRACT,
    AUTHOR,
    AUTHOR_LAYOUT,
    NO_AUTHOR_LAYOUT,
    TITLE,
    viterbi,
)

MAX_LINE = 65536
BLOCK_SIZE = 1 << 22
#: Lines per DP chunk; chunks end on a certain abstract, so results do not depend on it.
CHUNK_LINES = 40000
_SNIFF = 65536

# Zero-width, BOM and bidi-control characters: invisible, and they break name matching.
# C0 controls but tab, DEL, zero-width, BOM and bidi controls: they hide or reorder text
# on screen and break name matching, so they never reach an entry.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIBTEX = re.compile(r"@[A-Za-z]+\s*[{(]")
_RIS = re.compile(r"^(?:TY|T1|AU|PY|ER)  -", re.MULTILINE)
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|div|p|meta|table|span)\b", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ")", "]", '"', "\u201d", "'", "\u2019", "}", "$", "%", "*")
_FR_WORDS = re.compile(r"\b(?:les|des|pour|avec|une|dans|sur|est|nous|cette|sont|du)\b")
_EN_WORDS = re.compile(r"\b(?:the|and|for|with|this|that|are|we|our|from|is)\b")

# Layouts, as stored on the parser.
_LAYOUTS = {"authors": AUTHOR_LAYOUT, "no-authors": NO_AUTHOR_LAYOUT}


#: What makes a segment need the DP: an unclear line (lower case, B or ?) or a
#: sequence of best labels that breaks the grammar.
_DIRTY = {
    "authors": re.compile(r"TT|TC|CA|CC|[^TAC]"),
    "no-authors": re.compile(r"CC|[^TC]"),
}
_ENTRY = re.compile(r"TA*[BC]?")
_ABSTRACT_LABEL = re.compile(r"[BC]")
_LABEL_CHARS = {TITLE: "T", AUTHOR: "A", ABSTRACT: "B"}
PROSE_LINES = 3000
_SHORT_NAME = 80
_EN_MARKER = MARKERS["en"]
_FR_MARKER = MARKERS["fr"]
LANGUAGE_SAMPLE = 2000
_FORCED_TITLE: Emission = (0.0, -40.0, -40.0, "T", 30.0)
SHORT_LINE = 400
MAX_NAMES = 200_000
NAME_WORD_LINES = 100_000
#: Distinct short-line words the word-shape model looks at (see Parser._word_shapes).
SHAPE_WORDS = 20000
#: Recurring name words a file needs before a word seen once in it means anything.
SHAPE_NAMES = 30


def _fail(name: str, why: str) -> ListingError:
    label = f"'{name}'" if name else "the text"
    return ListingError(f"Cannot import {label}: {why}")


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def sniff_bytes(head: bytes, name: str) -> None:
    """Refuse binary data from the first bytes of a file."""
    if head.startswith(_UTF16_BOMS):
        return  # UTF-16 text (its NUL bytes are half its ASCII letters): read as such
    if b"\x00" in head:
        raise _fail(name, "it contains binary data (NUL bytes); choose a plain-text listing.")
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\x1f\x8b", b"\xd0\xcf\x11\xe0")):
        raise _fail(name, "it is a binary document, not text; copy the page as plain text.")


def sniff_text(text: str, name: str) -> None:
    """Refuse other text formats (HTML, BibTeX, RIS, JSON) and binary-looking text."""
    head = text[:_SNIFF]
    stripped = head.lstrip("\ufeff \t\r\n")
    if not stripped:
        return
    if _HTML.search(head[:4096]) or stripped.startswith("<"):
        raise _fail(name, "it is an HTML page; copy the page's text instead of saving it as HTML.")
    if _BIBTEX.match(stripped):
        raise _fail(name, "it is a BibTeX file; import it as BibTeX, not as a listing.")
    if _RIS.search(head[:4096]):
        raise _fail(name, "it is a RIS file; import it as RIS, not as a listing.")
    if stripped[0] in "{[" and stripped.rstrip()[-1:] in "}]":
        raise _fail(name, "it is JSON data, not a copied publication page.")
    if stripped[0] == "{":
        raise _fail(name, "it is JSON data, not a copied publication page.")
    controls = len(_CONTROL.findall(head))
    if controls > 8 and controls * 50 > len(head):
        raise _fail(name, "it contains binary data (control characters); choose a text listing.")


def clean_line(line: str) -> str:
    """Strip invisible characters, NFC-normalize, trim spaces."""
    if _INVISIBLE.search(line):
        line = _INVISIBLE.sub("", line)
    if not line.isascii() and not unicodedata.is_normalized("NFC", line):
        line = unicodedata.normalize("NFC", line)
    return line.strip()


_is_nfc = unicodedata.is_normalized


def _clean(line: str) -> str:
    """Drop invisible characters; NFC-normalize short lines (titles, names) for matching."""
    if _INVISIBLE.search(line):
        line = _INVISIBLE.sub("", line)
    if len(line) < SHORT_LINE and not unicodedata.is_normalized("NFC", line):
        line = unicodedata.normalize("NFC", line)
    return line.strip()


def _remove_marker(line: str, at_eof: bool) -> tuple[str, bool]:
    """Abstract text without the marker; True when the line was cut inside the marker."""
    found = find_marker(line)
    if found is not None:
        pos, marker = found
        return line[:pos] + line[pos + len(marker) :], False
    if at_eof:
        # A copy cut right inside the marker: drop the partial marker at the end.
        for marker in MARKERS.values():
            for k in range(len(marker) - 1, 0, -1):
                if line.endswith(marker[:k]) and len(line) - k >= 100:
                    return line[:-k].rstrip() if k == 1 else line[:-k], True
    return line, False


class Parser:
    """Incremental parser: feed blocks of whole lines, get the entries that are final."""

    def __init__(
        self,
        name: str,
        known_authors: Collection[str] = (),
        known_titles: Collection[str] = (),
    ) -> None:
        self.name = name
        self.scorer = LineScorer(known_authors, known_titles)
        self.layout: str | None = None
        self.header_seen = False
        self.lines: list[str] = []
        self.numbers: list[int] = []
        #: Indexes (into `lines`) of lines that follow a blank line: likely titles.
        self.after_blank: set[int] = set()
        self._blank = False
        self.marker_counts = {"en": 0, "fr": 0}
        self.word_counts = {"en": 0, "fr": 0}
        self.warnings: list[str] = []
        self.count = 0
        #: Whether some entry so far has a real title (two letters in a row at least).
        self.plausible = False
        self._pending_head: list[tuple[int, str]] = []
        self._name_lines = 0
        #: How many lines at the start of ``lines`` were read into the name words.
        self._counted = 0
        #: Short lines repeated in the chunk or known as names (set by _emissions).
        self._rep: set[str] = set()
        #: Author lines of the chunk already looked at as possible coined titles.
        self._coined: dict[str, tuple[bool, float, float]] = {}
        self._shapes: WordShapes | None = None
        self._shapes_size = (0, 0)

    # -- input -------------------------------------------------------------------------
    def feed(self, block: str, first_number: int) -> list[ListingEntry]:
        """Add a block of whole lines ("\\n"-separated, newlines normalized) starting at
        line `first_number`; returns the entries that are now final."""
        parts = block.split("\n")
        longest = max(map(len, parts))
        if longest > MAX_LINE:
            bad = next(i for i, p in enumerate(parts) if len(p) > MAX_LINE)
            raise _fail(
                self.name,
                f"line {first_number + bad} is longer than {MAX_LINE} characters; "
                "this is not a listing.",
            )
        # isprintable() is False for every invisible character (and for a few harmless
        # ones, which merely take the slow path): a C-speed gate before the regex.
        if block.isascii():
            parts = [p.strip() if p.isprintable() else _clean(p) for p in parts]
        else:
            # A printable short line already in NFC (most accented names and
            # titles) needs no regex pass either.
            nfc = _is_nfc
            parts = [
                p.strip()
                if p.isprintable() and (p.isascii() or len(p) >= SHORT_LINE or nfc("NFC", p))
                else _clean(p)
                for p in parts
            ]
        number = first_number
        if not self.header_seen:
            for k, line in enumerate(parts):
                if self.header_seen:
                    parts = parts[k:]
                    number = first_number + k
                    break
                if line:
                    self._pending_head.append((first_number + k, line))
                    self._look_for_header()
            else:
                parts = []
        if parts:
            self._append(parts, number)
        if len(self.lines) >= CHUNK_LINES:
            return self._process(final=False)
        return []

    def _append(self, parts: list[str], number: int) -> None:
        lines = self.lines
        if "" not in parts:
            if self._blank:
                self.after_blank.add(len(lines))
                self._blank = False
            lines.extend(parts)
            self.numbers.extend(range(number, number + len(parts)))
            return
        numbers = self.numbers
        for k, line in enumerate(parts, number):
            if not line:
                self._blank = True
                continue
            if self._blank:
                self.after_blank.add(len(lines))
                self._blank = False
            lines.append(line)
            numbers.append(k)

    def _look_for_header(self) -> None:
        for idx, (_, line) in enumerate(self._pending_head):
            if line.casefold() == HEADER.casefold():
                rest = self._pending_head[idx + 1 :]
                self.header_seen = True
                self._blank = False
                self._pending_head = []
                for number, text in rest:
                    self.lines.append(text)
                    self.numbers.append(number)
                return
        if len(self._pending_head) >= 40:
            self._accept_headerless()

    def _accept_headerless(self) -> None:
        pending = self._pending_head
        if not any(find_marker(line) for _, line in pending[:200]):
            raise _fail(
                self.name,
                f"it does not start with the line '{HEADER}' and has no abstract markers; "
                "copy the whole publications page.",
            )
        self.header_seen = True
        self.warnings.append(f"no '{HEADER}' header line: read from the first line on")
        self._pending_head = []
        for number, text in pending:
            self.lines.append(text)
            self.numbers.append(number)

    def finish(self, ends_with_newline: bool) -> list[ListingEntry]:
        """Parse what remains; raises ListingError when the whole input held no entry."""
        if not self.header_seen:
            if not self._pending_head:
                raise _fail(self.name, "it is empty; copy a publications page into it.")
            self._accept_headerless()
        out = self._process(final=True, ends_with_newline=ends_with_newline)
        if self.count == 0:
            raise _fail(
                self.name,
                f"it holds only the '{HEADER}' header and no entries; copy the whole page.",
            )
        if not self.plausible:
            raise _fail(
                self.name,
                "no plausible entry (title with words, authors or abstract) was found; "
                "copy the publications page as text.",
            )
        return out

    # -- language ------------------------------------------------------------------------
    @property
    def language(self) -> str:
        en, fr = self.marker_counts["en"], self.marker_counts["fr"]
        if en or fr:
            return "en" if en >= fr else "fr"
        wen, wfr = self.word_counts["en"], self.word_counts["fr"]
        if wfr >= 5 and wfr > 2 * wen:
            return "fr"
        if wen >= 5 and wen > 2 * wfr:
            return "en"
        return "unknown"

    # -- parsing ---------------------------------------------------------------------------
    def _emissions(self, lines: list[str]) -> list[Emission]:
        scorer = self.scorer
        # Only short lines can be names; leaving abstracts out spares hashing ~1 kB each.
        counts = Counter(compress(lines, map(_SHORT_NAME.__ge__, map(len, lines))))
        rep = {line for line, c in counts.items() if c >= 2}
        if scorer.authors_seen:
            rep.update(scorer.authors_seen.intersection(counts))
        if self._name_lines < NAME_WORD_LINES:
            # The words of the file's short lines, once per distinct line: the given
            # names of real authors recur, the words of a coined title do not.  The
            # first hundred thousand lines teach enough of them.  Lines left over from
            # the last chunk were counted then.
            fresh = lines[self._counted :]
            self._name_lines += len(fresh)
            short = counts if not self._counted else {x for x in fresh if len(x) <= _SHORT_NAME}
            scorer.name_words.update(" ".join(short).split(" "))
        certain = [i for i, line in enumerate(lines) if ELLIPSIS_OPEN in line and find_marker(line)]
        if scorer.prose_lines < PROSE_LINES:
            scorer.learn_prose((lines[i] for i in certain), PROSE_LINES)
        # An abstract always ends its entry: the line after a certain one is a title,
        # whatever it looks like, so it need not be scored.
        forced = {i + 1 for i in certain}
        sure = set(certain)
        self._rep = rep
        self._coined = {}
        c_rep, c_plain, emit = scorer.cache_rep, scorer.cache_plain, scorer.emit
        return [
            _FORCED_TITLE
            if i in forced
            else CERTAIN_ABSTRACT
            if i in sure
            else (c_rep.get(line) or emit(line, True))
            if line in rep
            else (c_plain.get(line) or emit(line, False))
            for i, line in enumerate(lines)
        ]

    def _last_line_emission(self, line: str, em: Emission) -> Emission:
        """A copy cut early in an abstract leaves a sentence without marker nor full stop:
        rescore the last line of such a file as possibly cut mid-sentence."""
        if em[3] in "CT" and em[4] >= 29.0:
            return em
        e = self.scorer.sentence_odds(line, cut=True)
        if e <= 0.0 or em[1] > em[0]:
            return em
        b = -softplus(-e)
        t = b - e
        lead = abs(b - max(t, em[1]))
        return (t, em[1], b, "b", lead)

    def _process(self, final: bool, ends_with_newline: bool = True) -> list[ListingEntry]:
        lines = self.lines
        if not lines:
            return []
        if not final and len(lines) < 4 * CHUNK_LINES:
            # Wait for a certain abstract to cut at; scanning back finds one quickly.
            for i in range(len(lines) - 2, -1, -1):
                if ELLIPSIS_OPEN in lines[i]:
                    break
            else:
                return []
        em = self._emissions(lines)
        if final and not ends_with_newline:
            # A copy cut inside a name leaves a word or two that read as no name.
            last = em[-1] if em[-1][4] >= 29.0 else self.scorer.emit(lines[-1], False, False)
            em[-1] = self._last_line_emission(lines[-1], last)
        t_col, a_col, b_col, c_col, l_col = zip(*em, strict=True)
        e_t: Sequence[float] = t_col
        e_a: Sequence[float] = a_col
        e_b: Sequence[float] = b_col
        leads: Sequence[float] = l_col
        greedy = "".join(c_col)
        if self.after_blank:
            e_t, e_a, chars = list(t_col), list(a_col), list(c_col)
            for i in self.after_blank:
                if i < len(e_t):
                    e_t[i] += 2.0
                    e_a[i] -= 1.0
                    chars[i] = "?"
            greedy = "".join(chars)
        # Cut after the last certain abstract: the next chunk then starts on a title.
        last_certain = greedy.rfind("C")
        if final:
            cut = len(lines)
        elif 0 <= last_certain < len(lines) - 1:
            cut = last_certain + 1
        elif len(lines) < 4 * CHUNK_LINES:
            self._counted = len(lines)  # scored, kept for the next chunk
            return []
        else:
            labels, _, _ = viterbi(e_t, e_a, e_b, _LAYOUTS[self.layout or "authors"])
            cut = len(lines) - 2000
            while cut > 1 and labels[cut] != TITLE:
                cut -= 1
        if self.layout is None:
            self.layout = self._choose_layout(e_t[:cut], e_a[:cut], e_b[:cut])
        trans = _LAYOUTS[self.layout]
        # A certain abstract ends an entry, so the segments between certain abstracts are
        # independent.  Most are unambiguous: every line's best label is clear (upper
        # case in `greedy`) and they follow the grammar.  One regex finds the others;
        # only those go through the DP.
        view = greedy[:cut]
        tail = view.rfind("C") + 1
        bad = [0] if view[:1] != "T" else []
        for m in _DIRTY[self.layout].finditer(view, 0, tail):
            bad.append(m.start())
            bad.append(m.end() - 1)
        segments = {(view.rfind("C", 0, p) + 1, view.find("C", p) + 1) for p in bad}
        if tail < cut:
            segments.add((tail, cut))
        margins = list(leads[: cut + 1])
        label_parts: list[str] = []
        done = 0
        for a, b in sorted(segments):
            seg_labels, seg_margins, _ = viterbi(e_t[a:b], e_a[a:b], e_b[a:b], trans)
            label_parts.append(view[done:a])
            label_parts.append("".join(map(_LABEL_CHARS.__getitem__, seg_labels)))
            margins[a:b] = seg_margins
            done = b
        label_parts.append(view[done:])
        labels_text = "".join(label_parts)
        entries = self._entries(labels_text, margins, final, ends_with_newline)
        self._count_language(labels_text)
        del self.lines[:cut]
        del self.numbers[:cut]
        self._counted = len(self.lines)  # their words are in name_words already
        self.after_blank = {i - cut for i in self.after_blank if i >= cut}
        self.count += len(entries)
        if not self.plausible:
            self.plausible = any(sum(ch.isalpha() for ch in e.title[:200]) >= 2 for e in entries)
        return entries

    def _choose_layout(
        self, e_t: Sequence[float], e_a: Sequence[float], e_b: Sequence[float]
    ) -> str:
        _, _, with_authors = viterbi(e_t, e_a, e_b, AUTHOR_LAYOUT, margins=False)
        _, _, without = viterbi(e_t, e_a, e_b, NO_AUTHOR_LAYOUT, margins=False)
        return "authors" if with_authors >= without else "no-authors"

    def _count_language(self, labels: str) -> None:
        counts = self.marker_counts
        lines = self.lines
        fr_marker = MARKERS["fr"]
        for m in _ABSTRACT_LABEL.finditer(labels):
            if counts["en"] + counts["fr"] >= LANGUAGE_SAMPLE:
                return  # enough evidence: the page has one language
            line = lines[m.start()]
            found = find_marker(line) if ELLIPSIS_OPEN in line else None
            if found is not None:
                counts["fr" if found[1] == fr_marker else "en"] += 1
            elif self.word_counts["en"] + self.word_counts["fr"] < 2000:
                low = line.lower()
                self.word_counts["en"] += len(_EN_WORDS.findall(low))
                self.word_counts["fr"] += len(_FR_WORDS.findall(low))

    def _entries(
        self, labels: str, margins: list[float], final: bool, ends_with_newline: bool
    ) -> list[ListingEntry]:
        lines = self.lines
        numbers = self.numbers
        out: list[ListingEntry] = []
        authors_seen = self.scorer.authors_seen
        n = len(labels)
        sure_authors: list[tuple[str, ...]] = []
        calib = calibrate
        risk = self._risk
        shapes = self._word_shapes()
        for m in _ENTRY.finditer(labels):
            start, end = m.span()
            abstract: str | None = None
            cut_marker = False
            author_end = end
            if end - start > 1 and labels[end - 1] in "BC":
                author_end = end - 1
                line = lines[end - 1]
                if line.startswith(_EN_MARKER, 140):
                    abstract = line[:140] + line[140 + len(_EN_MARKER) :]
                elif line.startswith(_FR_MARKER, 140):
                    abstract = line[:140] + line[140 + len(_FR_MARKER) :]
                else:
                    at_eof = final and end == n and not ends_with_newline
                    abstract, cut_marker = _remove_marker(line, at_eof)
            authors = tuple(lines[start + 1 : author_end])
            around = margins[start : end + 1]
            worst = min(around)
            kind = "" if abstract is None else "C" if len(abstract) < len(line) else "B"
            truncated = False
            if final and end == n:
                truncated = self._is_truncated(authors, abstract, cut_marker, ends_with_newline)
            if worst < RISKY_MARGIN:
                if shapes is None:
                    conf = calibrate_short(worst, kind)
                else:
                    at = start + around.index(worst)
                    conf = calib(worst, kind, risk(start, at, author_end, labels, margins, shapes))
            else:
                conf = calib(worst, kind)
            if worst > SURE_MARGIN:
                sure_authors.append(authors)
            # Positional: keyword arguments cost a third more over 100k entries.
            out.append(
                ListingEntry(
                    lines[start], authors, abstract, numbers[start], round(conf, 4), truncated
                )
            )
        if len(authors_seen) < MAX_NAMES:
            authors_seen.update(chain.from_iterable(sure_authors))
        return out

    def _word_shapes(self) -> WordShapes | None:
        """The file's prose words and its names' words as letter-triple models, built
        again while what they come from still grows.  Names' words: the words of the
        short lines that recur in the file (given names, surnames) and are no prose.
        None while the file has too few of them (SHAPE_NAMES): a short page repeats
        few names, so that a word found nowhere else in it says little."""
        scorer = self.scorer
        size = (scorer.prose_lines, len(scorer.name_words))
        old = self._shapes_size
        if size[0] > old[0] or size[1] >= 2 * old[1]:
            prose = scorer.prose
            names = [
                w.lower()
                for w, c in islice(scorer.name_words.items(), SHAPE_WORDS)
                if c >= 2 and w[:1].isupper()
            ]
            names = [w for w in names if w not in prose]
            self._shapes = WordShapes(prose, names) if len(names) >= SHAPE_NAMES else None
            self._shapes_size = size
        return self._shapes

    def _risk(
        self,
        start: int,
        at: int,
        author_end: int,
        labels: str,
        margins: Sequence[float],
        shapes: WordShapes,
    ) -> Risk:
        """What :data:`scoring.Risk` holds for the entry at ``start`` whose smallest
        margin is at line ``at``."""
        lines = self.lines
        line = lines[at] if at < len(lines) else ""
        title = 1.0 if labels[at : at + 1] == "T" else 0.0
        stop = 1.0 if line[-1:] == "." else 0.0
        one = two = 0.0
        if len(line) <= _SHORT_NAME:
            spaces = line.count(" ")
            if spaces <= 1 and line not in self._rep:
                words = self.scorer.name_words
                first, _, second = line.partition(" ")
                if words.get(first, 0) <= 1 and (not second or words.get(second, 0) <= 1):
                    one = 0.0 if spaces else 1.0
                    two = 1.0 if spaces else 0.0
        # A coined title read as a name: only between two names (a title has authors,
        # and the entry before it ends with one).
        coined = english = strict = gap = 0.0
        inner = margins[start + 2 : author_end - 1]
        if not inner or min(inner) >= RISKY_MARGIN:
            return (one, two, title, one * title, stop, coined, english, strict, gap)
        seen = self._coined
        for margin, name in zip(inner, lines[start + 2 : author_end - 1], strict=True):
            if margin >= RISKY_MARGIN:
                continue
            found = seen.get(name)
            if found is None:
                found = seen[name] = self._coined_odds(name, shapes)
            if found[0]:
                english = found[1] if not coined or found[1] > english else english
                coined = 1.0
                gap = max(gap, RISKY_MARGIN - margin)
                strict = max(strict, found[2])
        return (one, two, title, one * title, stop, coined, english, strict, gap)
        seen = self._coined
        for i in range(start + 2, author_end - 1):
            margin = margins[i]
            if margin >= RISKY_MARGIN:
                continue
            name = lines[i]
            found = seen.get(name)
            if found is None:
                found = seen[name] = self._coined_odds(name, shapes)
            if found[0]:
                english = found[1] if not coined or found[1] > english else english
                coined = 1.0
                gap = max(gap, RISKY_MARGIN - margin)
                strict = max(strict, found[2])
        return (one, two, title, one * title, stop, coined, english, strict, gap)

    def _coined_odds(self, name: str, shapes: WordShapes) -> tuple[bool, float, float]:
        """Whether an author line may be a coined title (one or two capitalized words,
        seen once, the first in no other line), how much its words look like prose, and
        whether its second word too is in no other line."""
        if len(name) > 40 or name.count(" ") > 1 or "." in name or name in self._rep:
            return (False, 0.0, 0.0)
        words = self.scorer.name_words
        first, _, second = name.partition(" ")
        if words.get(first, 0) > 1 or not first[:1].isupper():
            return (False, 0.0, 0.0)
        if second and not second[:1].isupper():
            return (False, 0.0, 0.0)
        odds = max(shapes.odds(first), shapes.odds(second)) if second else shapes.odds(first)
        return (True, odds, 1.0 if not second or words.get(second, 0) <= 1 else 0.0)

    def _is_truncated(
        self,
        authors: tuple[str, ...],
        abstract: str | None,
        cut_marker: bool,
        ends_with_newline: bool,
    ) -> bool:
        if cut_marker:
            return True
        if self.layout == "authors" and not authors and abstract is None:
            return True
        if ends_with_newline:
            return False
        if abstract is None:
            # The copy stops after a title or an author line: more may have followed.
            return True
        return not abstract.rstrip().endswith(_TERMINAL)


class ListingStream:
    """A listing file read block by block; attributes fill in as entries are produced.

    `encoding` and `warnings` are known after construction (the file is checked once for
    valid UTF-8 first, at C speed); `language` and `content_hash` are final once
    `entries()` is exhausted (`content_hash` is '' before).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        known_authors: Collection[str] = (),
        known_titles: Collection[str] = (),
        block_size: int = BLOCK_SIZE,
    ) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.block_size = max(1024, block_size)
        self.content_hash = ""
        self.warnings: list[str] = []
        self._parser = Parser(self.name, known_authors, known_titles)
        self._started = False
        self._has_cr = False
        try:
            self.encoding = self._check_file()
            self._check_head()
        except OSError as exc:
            raise _fail(self.name, f"it cannot be read ({exc.strerror or exc}).") from None

    @property
    def language(self) -> str:
        return self._parser.language

    def _check_file(self) -> str:
        if self.path.is_dir():
            raise _fail(self.name, "it is a folder; choose a listing file.")
        try:
            with self.path.open("rb") as fh:
                utf16 = fh.read(2) in _UTF16_BOMS
        except OSError:
            utf16 = False  # the UTF-8 pass below says why it cannot be read
        if utf16:
            return self._check_utf16()
        decoder = codecs.getincrementaldecoder("utf-8")()
        size = 0
        first = True
        try:
            with self.path.open("rb") as fh:
                while True:
                    block = fh.read(self.block_size)
                    if first:
                        first = False
                        if not block.strip(b" \t\r\n\xef\xbb\xbf"):
                            raise _fail(self.name, "it is empty; copy a publications page into it.")
                        sniff_bytes(block[:_SNIFF], self.name)
                    if not block:
                        break
                    size += len(block)
                    if b"\r" in block:
                        self._has_cr = True
                    try:
                        # ASCII is UTF-8: such a block needs no decoding (unless a
                        # multi-byte character began at the end of the last one).
                        if not (block.isascii() and not decoder.getstate()[0]):
                            decoder.decode(block)
                    except UnicodeDecodeError:
                        return self._cp1252_fallback()
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return self._cp1252_fallback()
        except FileNotFoundError:
            raise _fail(self.name or str(self.path), "the file does not exist.") from None
        except PermissionError:
            raise _fail(self.name, "permission denied; check the file's permissions.") from None
        except OSError as exc:
            raise _fail(self.name, f"it cannot be read ({exc.strerror or exc}).") from None
        with self.path.open("rb") as fh:
            bom = fh.read(3) == codecs.BOM_UTF8
        return "utf-8-sig" if bom else "utf-8"

    def _check_utf16(self) -> str:
        """A file with a UTF-16 byte order mark (Windows' "Unicode" text): check it decodes."""
        decoder = codecs.getincrementaldecoder("utf-16")()
        try:
            with self.path.open("rb") as fh:
                while block := fh.read(self.block_size):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise _fail(
                self.name, "it starts as UTF-16 text but is not valid UTF-16; save it as UTF-8."
            ) from None
        return "utf-16"

    def _check_head(self) -> None:
        """Refuse other formats up front, before a caller starts consuming entries."""
        with self.path.open("rb") as fh:
            head = fh.read(_SNIFF).decode(self.encoding, errors="replace")
        sniff_text(head, self.name)
        lines = [clean_line(line) for line in head.replace("\r", "\n").split("\n")[:-1]]
        nonblank = [line for line in lines if line][:40]
        if any(line.casefold() == HEADER.casefold() for line in nonblank):
            return
        if len(nonblank) < 40 and len(head) < _SNIFF:
            return  # short file: Parser decides (empty, no entries...)
        if not any(find_marker(line) for line in lines[:400]):
            raise _fail(
                self.name,
                f"it does not start with the line '{HEADER}' and has no abstract markers; "
                "copy the whole publications page.",
            )

    def _cp1252_fallback(self) -> str:
        self.warnings.append("read as Windows-1252: the file is not valid UTF-8")
        return "cp1252"

    def _decoded_blocks(self) -> Iterator[tuple[bytes, str]]:
        codec = self.encoding
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        with self.path.open("rb") as fh:
            while True:
                block = fh.read(self.block_size)
                if not block:
                    tail = decoder.decode(b"", final=True)
                    if tail:
                        yield b"", tail
                    return
                text = decoder.decode(block)
                yield block, text

    def entries(self) -> Iterator[ListingEntry]:
        """Generate the entries in file order (one pass over the file)."""
        if self._started:
            raise RuntimeError("ListingStream.entries() can only be iterated once")
        self._started = True
        parser = self._parser
        digest = hashlib.sha256()
        rest = ""
        number = 0
        first = True
        held_cr = False
        last_char = ""
        try:
            # Without CR in a UTF-8 file the normalized text's bytes are the file's bytes
            # (BOM aside): hash those instead of encoding the text again.
            raw_hash = self.encoding in ("utf-8", "utf-8-sig") and not self._has_cr
            skip_bom = self.encoding == "utf-8-sig"
            for raw, text in self._decoded_blocks():
                if raw_hash:
                    if skip_bom:
                        raw = raw[3:]
                        skip_bom = False
                    digest.update(raw)
                if not text:
                    continue
                if held_cr:
                    text = "\r" + text
                    held_cr = False
                if text.endswith("\r"):
                    text = text[:-1]
                    held_cr = True
                if first:
                    sniff_text(text, self.name)
                    first = False
                if "\r" in text:
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                if not text:
                    continue
                if not raw_hash:
                    digest.update(text.encode("utf-8", "surrogatepass"))
                last_char = text[-1]
                chunk = rest + text if rest else text
                idx = chunk.rfind("\n")
                if idx < 0:
                    rest = chunk
                else:
                    block, rest = chunk[:idx], chunk[idx + 1 :]
                    yield from parser.feed(block, number + 1)
                    number += block.count("\n") + 1
                if len(rest) > MAX_LINE:
                    raise _fail(
                        self.name,
                        f"line {number + 1} is longer than {MAX_LINE} characters; "
                        "this is not a listing.",
                    )
            if held_cr:
                digest.update(b"\n")
                last_char = "\n"
                if rest:
                    yield from parser.feed(rest, number + 1)
                    number += 1
                    rest = ""
            if rest:
                yield from parser.feed(rest, number + 1)
            yield from parser.finish(ends_with_newline=last_char == "\n")
        except OSError as exc:
            raise _fail(self.name, f"it cannot be read ({exc.strerror or exc}).") from None
        self.warnings.extend(parser.warnings)
        self.content_hash = digest.hexdigest()


def parse_text(
    text: str,
    *,
    name: str = "",
    known_authors: Collection[str] = (),
    known_titles: Collection[str] = (),
    encoding: str = "utf-8",
    warnings: tuple[str, ...] = (),
) -> Listing:
    """Parse a whole listing held in memory."""
    if not isinstance(text, str):
        raise _fail(name, "the input is not text.")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise _fail(name, "it is empty; copy a publications page into it.")
    if "\x00" in text[:_SNIFF]:
        raise _fail(name, "it contains binary data (NUL bytes); choose a plain-text listing.")
    sniff_text(text, name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    parser = Parser(name, known_authors, known_titles)
    entries = parser.feed(text[:-1] if text.endswith("\n") else text, 1)
    entries += parser.finish(ends_with_newline=text.endswith("\n"))
    return Listing(
        name=name,
        entries=tuple(entries),
        language=parser.language,
        encoding=encoding,
        warnings=tuple(warnings) + tuple(parser.warnings),
        content_hash=digest,
    )


def read_listing(
    path: str | os.PathLike[str],
    *,
    known_authors: Collection[str] = (),
    known_titles: Collection[str] = (),
) -> Listing:
    """Read and parse a listing file; raises ListingError when it is not one."""
    return listing_from(ListingStream(path, known_authors=known_authors, known_titles=known_titles))


class _Source(Protocol):
    """A one-pass reader of a listing file: ``ListingStream`` or ``worker.ProcessReader``."""

    name: str
    encoding: str
    content_hash: str

    @property
    def language(self) -> str: ...
    @property
    def warnings(self) -> Sequence[str]: ...
    def entries(self) -> Iterator[ListingEntry]: ...


def listing_from(source: _Source) -> Listing:
    """Read ``source`` to the end and gather it into a ``Listing``."""
    entries = tuple(source.entries())
    return Listing(
        name=source.name,
        entries=entries,
        language=source.language,
        encoding=source.encoding,
        warnings=tuple(source.warnings),
        content_hash=source.content_hash,
    )


def iter_listing(
    path: str | os.PathLike[str],
    *,
    known_authors: Collection[str] = (),
    known_titles: Collection[str] = (),
) -> Iterator[ListingEntry]:
    """Stream the entries of a (possibly huge) listing file with bounded memory."""
    stream = ListingStream(path, known_authors=known_authors, known_titles=known_titles)
    yield from stream.entries()
