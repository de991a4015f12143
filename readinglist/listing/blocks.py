"""Entry-aligned blocks of a listing file, so that a re-import can recognise what it read before.

A listing imported again is mostly the same bytes as last time, often with a
few entries added at the end. Its file is cut into blocks of about
``BLOCK_ENTRIES`` entries, each cut just before a title that follows a certain
abstract (a line with the "see more" marker): the reader always starts an
entry there, so a block's entries are the same whatever text follows it. The
library keeps each block's hash with what it held (entries, title keys, the
entries to check); the next import skips, unread, the blocks at the start of
the file whose bytes are unchanged, and reads the rest.

Only UTF-8 files without carriage returns are cut (the bytes are then the text
the reader sees, line for line); others are read whole every time.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from readinglist.listing.model import HEADER, ListingEntry
from readinglist.listing.reader import BLOCK_SIZE, Parser, clean_line
from readinglist.listing.scoring import ELLIPSIS_OPEN, find_marker

#: Entries per block, about: the cut waits for the next certain abstract.
BLOCK_ENTRIES = 1000
#: Files smaller than this are read whole every time (it takes under a second).
MIN_BYTES = 4 * 1024 * 1024
#: Files bigger than this are read whole every time too: cutting and matching
#: hold the file's bytes in memory, and an import of any size streams in
#: bounded memory (about 175,000 entries).
MAX_BYTES = 160 * 1024 * 1024
#: How far back a certain abstract is looked for before a title (blank lines between).
_LOOK_BACK = 4

#: One entry as a block needs it: line, title key, and (title, confidence,
#: truncated) when it is to be checked, else None.
Mark = tuple[int, str, "tuple[str, float, bool] | None"]


def digest(data: bytes | memoryview) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def keys_digest(keys: Iterable[str]) -> str:
    return digest("\n".join(sorted(keys)).encode("utf-8", "surrogatepass"))


def wanted(encoding: str, size: int) -> bool:
    """Whether a listing file is cut: UTF-8, neither small nor huge (CRs: see ``cuttable``)."""
    return encoding in ("utf-8", "utf-8-sig") and MIN_BYTES <= size <= MAX_BYTES


def cuttable(data: bytes) -> bool:
    """Whether the file's bytes can be cut into blocks (UTF-8, no CR: bytes are lines)."""
    return b"\r" not in data


@dataclass(slots=True)
class Block:
    """Bytes ``offset`` to ``offset + length`` of the file: lines from ``line`` on."""

    line: int
    offset: int
    length: int
    hash: str
    #: Entries in it, and those with a title key (each a paper, new or known).
    entries: int
    keyed: int
    #: The digest of the title keys first seen in this block (their papers
    #: are linked to the listing at a line of the block).
    first_keys: str
    #: The entries to check: (line, title, confidence, truncated).
    flagged: list[tuple[int, str, float, bool]]
    #: The digest of its papers' state right after the import (None: the
    #: block cannot be skipped, e.g. one of its papers was in the Trash).
    state: str | None = None

    def to_json(self) -> list[Any]:
        return [
            self.line,
            self.offset,
            self.length,
            self.hash,
            self.entries,
            self.keyed,
            self.first_keys,
            [list(f) for f in self.flagged],
            self.state,
        ]

    @classmethod
    def from_json(cls, data: Sequence[Any]) -> Block:
        line, offset, length, hash_, entries, keyed, first, flagged, state = data
        return cls(
            int(line),
            int(offset),
            int(length),
            str(hash_),
            int(entries),
            int(keyed),
            str(first),
            [(int(a), str(b), float(c), bool(d)) for a, b, c, d in flagged],
            None if state is None else str(state),
        )

    @property
    def end(self) -> int:
        return self.offset + self.length


def _certain_before(data: bytes, offset: int) -> bool:
    """Whether the last non-blank line before ``offset`` is a certain abstract."""
    end = offset - 1  # the newline ending the previous line
    for _ in range(_LOOK_BACK):
        if end < 0:
            return False
        start = data.rfind(b"\n", 0, end) + 1
        raw = data[start:end]
        end = start - 1
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            return False
        # Only lines the reader takes as they are (no invisible characters,
        # already normalized): the marker is then where the reader sees it.
        text = line.strip()
        if text != clean_line(line) or not text.isprintable():
            return False
        if not (text.isascii() or unicodedata.is_normalized("NFC", text)):
            return False
        return ELLIPSIS_OPEN in text and find_marker(text) is not None
    return False


def cut(
    data: bytes,
    marks: Sequence[Mark],
    *,
    start: int = 0,
    start_line: int = 1,
    seen: set[str] | None = None,
    size: int | None = None,
) -> list[Block]:
    """Cut ``data[start:]`` (which begins at line ``start_line``) into blocks.

    ``marks``: the entries read from there, in file order. ``seen``: title
    keys met earlier in the listing (their papers are linked at earlier lines);
    updated in place.
    """
    seen = set() if seen is None else seen
    size = BLOCK_ENTRIES if size is None else size
    blocks: list[Block] = []
    offset, line = start, start_line
    block_offset, block_line = start, start_line
    members: list[Mark] = []

    def close(end: int) -> None:
        first = []
        for _, key, _ in members:
            if key and key not in seen:
                seen.add(key)
                first.append(key)
        blocks.append(
            Block(
                block_line,
                block_offset,
                end - block_offset,
                digest(memoryview(data)[block_offset:end]),
                len(members),
                sum(1 for _, key, _ in members if key),
                keys_digest(first),
                [(m[0], *m[2]) for m in members if m[2] is not None],
            )
        )

    find = data.find
    for mark in marks:
        if len(members) >= size:
            # Find where the entry's title line starts.
            while line < mark[0]:
                nl = find(b"\n", offset)
                if nl < 0:
                    break
                offset, line = nl + 1, line + 1
            if line == mark[0] and _certain_before(data, offset):
                close(offset)
                members = []
                block_offset, block_line = offset, line
        members.append(mark)
    close(len(data))
    return blocks


def matching(blocks: Sequence[Block], data: bytes) -> int:
    """How many of ``blocks``, from the first, hold the same bytes in ``data``.

    The last block counts only if ``data`` ends with it: text after it could
    still belong to its last entry.
    """
    view = memoryview(data)
    count = 0
    for index, block in enumerate(blocks):
        if block.end > len(data) or digest(view[block.offset : block.end]) != block.hash:
            break
        if index == len(blocks) - 1 and block.end != len(data):
            break
        count += 1
    return count


def read_from(
    name: str, data: bytes, start: int, start_line: int, keep_from: int
) -> tuple[list[ListingEntry], str]:
    """Read the listing's entries from byte ``start`` (line ``start_line``, a block's start) on.

    Returns those from line ``keep_from`` on (the ones before only teach the
    reader the file's style), and the language the reader found. Fed as
    ``ListingStream`` feeds it, in blocks of whole lines.
    """
    text = data[start:].decode("utf-8")
    parser = Parser(name)
    if start == 0:
        if text.startswith("\ufeff"):
            text = text[1:]
        number = 1
    else:
        # The file's header is far behind: a header and a blank line stand in
        # for it, numbered so that the entries keep their lines in the file.
        text = f"{HEADER}\n\n{text}"
        number = start_line - 2
    ends_with_newline = text.endswith("\n")
    if ends_with_newline:
        text = text[:-1]
    out: list[ListingEntry] = []
    at = 0
    while at < len(text):
        end = text.rfind("\n", at, at + BLOCK_SIZE) if at + BLOCK_SIZE < len(text) else -1
        piece = text[at:end] if end > at else text[at:]
        out.extend(parser.feed(piece, number))
        number += piece.count("\n") + 1
        at += len(piece) + 1
    out.extend(parser.finish(ends_with_newline=ends_with_newline))
    return [e for e in out if e.line >= keep_from], parser.language
