"""Decoding, sanity checks and chunked parsing of listing files into entries."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path

from readinglist.listing.model import (
    HEADER,
    MARKERS,
    Listing,
    ListingEntry,
    ListingError,
)
from readinglist.listing.scoring import LineScorer, find_marker
from readinglist.listing.segment import (
    ABSTRACT,
    AUTHOR,
    AUTHOR_LAYOUT,
    NO_AUTHOR_LAYOUT,
    TITLE,
    confidence,
    viterbi,
)

MAX_LINE = 65536
BLOCK_SIZE = 1 << 22
#: Lines per DP chunk; chunks end on a certain abstract, so results do not depend on it.
CHUNK_LINES = 40000
_SNIFF = 65536

# Zero-width, BOM and bidi-control characters: invisible, and they break name matching.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIBTEX = re.compile(r"@[A-Za-z]+\s*[{(]")
_RIS = re.compile(r"^(?:TY|T1|AU|PY|ER)  -", re.MULTILINE)
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|div|p|meta|table|span)\b", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ")", "]", '"', "\u201d", "'", "\u2019", "}", "$", "%", "*")
_FR_WORDS = re.compile(r"\b(?:les|des|pour|avec|une|dans|sur|est|nous|cette|sont|du)\b")
_EN_WORDS = re.compile(r"\b(?:the|and|for|with|this|that|are|we|our|from|is)\b")

# Layouts, as stored on the parser.
_LAYOUTS = {"authors": AUTHOR_LAYOUT, "no-authors": NO_AUTHOR_LAYOUT}


def _fail(name: str, why: str) -> ListingError:
    label = f"'{name}'" if name else "the text"
    return ListingError(f"Cannot import {label}: {why}")


def sniff_bytes(head: bytes, name: str) -> None:
    """Refuse binary data from the first bytes of a file."""
    if b"\x00" in head:
        raise _fail(name, "it contains binary data (NUL bytes); choose a plain-text listing.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(name, "it is UTF-16 text; save it again as UTF-8 and retry.")
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
    """Incremental parser: feed cleaned lines with their numbers, get entries back."""

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
        self.header_missing = False
        self.lines: list[str] = []
        self.numbers: list[int] = []
        #: Indexes (into `lines`) of lines that follow a blank line: likely titles.
        self.after_blank: set[int] = set()
        self._blank = False
        self.marker_counts = {"en": 0, "fr": 0}
        self.word_counts = {"en": 0, "fr": 0}
        self.warnings: list[str] = []
        self.count = 0
        self._pending_head: list[tuple[int, str]] = []

    # -- input -------------------------------------------------------------------------
    def feed(self, numbered: list[tuple[int, str]]) -> list[ListingEntry]:
        """Add lines (1-based number, raw text); returns entries that are now final."""
        for number, raw in numbered:
            if len(raw) > MAX_LINE:
                raise _fail(
                    self.name,
                    f"line {number} is longer than {MAX_LINE} characters; this is not a listing.",
                )
            line = clean_line(raw)
            if not line:
                self._blank = True
                continue
            if not self.header_seen:
                self._pending_head.append((number, line))
                self._look_for_header()
                continue
            if self._blank:
                self.after_blank.add(len(self.lines))
            self._blank = False
            self.lines.append(line)
            self.numbers.append(number)
        if len(self.lines) >= CHUNK_LINES:
            return self._process(final=False)
        return []

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
        self.header_missing = True
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
    def _process(self, final: bool, ends_with_newline: bool = True) -> list[ListingEntry]:
        lines = self.lines
        if not lines:
            return []
        scorer = self.scorer
        repeats = Counter(line for line in lines if len(line) <= 80)
        certain_idx = [i for i, line in enumerate(lines) if "\u2026 (" in line]
        scorer.learn_prose(
            lines[i] for i in certain_idx[:3000] if find_marker(lines[i]) is not None
        )
        e_t: list[float] = []
        e_a: list[float] = []
        e_b: list[float] = []
        certain: list[int] = []
        emissions = scorer.emissions
        for i, line in enumerate(lines):
            t, a, b, sure = emissions(line, repeats[line] >= 2)
            e_t.append(t)
            e_a.append(a)
            e_b.append(b)
            if sure:
                certain.append(i)
        for i in self.after_blank:
            if i < len(e_t):
                e_t[i] += 2.0
                e_a[i] -= 1.0
        # Cut after the last certain abstract so the next chunk starts on a title.
        if final:
            cut = len(lines)
        elif certain and certain[-1] < len(lines) - 1:
            cut = certain[-1] + 1
        elif len(lines) < 4 * CHUNK_LINES:
            return []
        else:
            cut = len(lines) - 2000
        if self.layout is None:
            self.layout = self._choose_layout(e_t[:cut], e_a[:cut], e_b[:cut])
        labels, margins, _ = viterbi(e_t, e_a, e_b, _LAYOUTS[self.layout])
        if not final and cut == len(lines) - 2000:
            # No certain point: end the chunk on the last title the DP placed.
            while cut > 1 and labels[cut] != TITLE:
                cut -= 1
        entries = self._entries(labels[:cut], margins, cut, final, ends_with_newline)
        self._count_language(lines[:cut], labels[:cut])
        del self.lines[:cut]
        del self.numbers[:cut]
        self.after_blank = {i - cut for i in self.after_blank if i >= cut}
        self.count += len(entries)
        return entries

    def _choose_layout(self, e_t: list[float], e_a: list[float], e_b: list[float]) -> str:
        _, _, with_authors = viterbi(e_t, e_a, e_b, AUTHOR_LAYOUT, margins=False)
        _, _, without = viterbi(e_t, e_a, e_b, NO_AUTHOR_LAYOUT, margins=False)
        return "authors" if with_authors >= without else "no-authors"

    def _count_language(self, lines: list[str], labels: list[int]) -> None:
        counts = self.marker_counts
        words = self.word_counts
        sampled = 0
        for line, label in zip(lines, labels, strict=True):
            if label != ABSTRACT:
                continue
            found = find_marker(line)
            if found is not None:
                counts["fr" if found[1] == MARKERS["fr"] else "en"] += 1
            elif sampled < 200:
                sampled += 1
                low = line.lower()
                words["en"] += len(_EN_WORDS.findall(low))
                words["fr"] += len(_FR_WORDS.findall(low))

    def _entries(
        self,
        labels: list[int],
        margins: list[float],
        cut: int,
        final: bool,
        ends_with_newline: bool,
    ) -> list[ListingEntry]:
        lines = self.lines
        numbers = self.numbers
        out: list[ListingEntry] = []
        n = cut
        i = 0
        authors_seen = self.scorer.authors_seen
        while i < n:
            # Lines before the first title (a cut-off chunk start) join no entry.
            if labels[i] != TITLE:
                i += 1
                continue
            start = i
            title = lines[i]
            worst = margins[i]
            i += 1
            authors: list[str] = []
            while i < n and labels[i] == AUTHOR:
                authors.append(lines[i])
                worst = min(worst, margins[i])
                i += 1
            abstract: str | None = None
            cut_marker = False
            if i < n and labels[i] == ABSTRACT:
                worst = min(worst, margins[i])
                at_eof = final and i == n - 1 and not ends_with_newline
                abstract, cut_marker = _remove_marker(lines[i], at_eof)
                i += 1
            if i < len(margins):
                worst = min(worst, margins[i])
            truncated = False
            if final and i >= n:
                truncated = self._is_truncated(authors, abstract, cut_marker, ends_with_newline)
            conf = confidence(worst)
            if conf > 0.9 and len(authors_seen) < 200000:
                authors_seen.update(authors)
            out.append(
                ListingEntry(
                    title=title,
                    authors=tuple(authors),
                    abstract=abstract,
                    line=numbers[start],
                    confidence=round(conf, 4),
                    truncated=truncated,
                )
            )
        return out

    def _is_truncated(
        self, authors: list[str], abstract: str | None, cut_marker: bool, ends_with_newline: bool
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
        self.encoding = self._check_file()

    @property
    def language(self) -> str:
        return self._parser.language

    def _check_file(self) -> str:
        if self.path.is_dir():
            raise _fail(self.name, "it is a folder; choose a listing file.")
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
                    try:
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

    def _cp1252_fallback(self) -> str:
        self.warnings.append("read as Windows-1252: the file is not valid UTF-8")
        return "cp1252"

    def _decoded_blocks(self) -> Iterator[str]:
        codec = self.encoding
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        with self.path.open("rb") as fh:
            while True:
                block = fh.read(self.block_size)
                if not block:
                    tail = decoder.decode(b"", final=True)
                    if tail:
                        yield tail
                    return
                text = decoder.decode(block)
                if text:
                    yield text

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
            for text in self._decoded_blocks():
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
                digest.update(text.encode("utf-8", "surrogatepass"))
                last_char = text[-1]
                chunk = rest + text
                parts = chunk.split("\n")
                rest = parts.pop()
                if len(rest) > MAX_LINE:
                    raise _fail(
                        self.name,
                        f"line {number + len(parts) + 1} is longer than {MAX_LINE} characters; "
                        "this is not a listing.",
                    )
                numbered = list(enumerate(parts, number + 1))
                number += len(parts)
                yield from parser.feed(numbered)
            if held_cr:
                digest.update(b"\n")
                last_char = "\n"
                if rest:
                    number += 1
                    yield from parser.feed([(number, rest)])
                    rest = ""
            if rest:
                number += 1
                yield from parser.feed([(number, rest)])
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
    entries = parser.feed(list(enumerate(text.split("\n"), 1)))
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
    stream = ListingStream(path, known_authors=known_authors, known_titles=known_titles)
    entries = tuple(stream.entries())
    return Listing(
        name=stream.name,
        entries=entries,
        language=stream.language,
        encoding=stream.encoding,
        warnings=tuple(stream.warnings),
        content_hash=stream.content_hash,
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
