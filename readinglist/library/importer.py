"""Import listing entries in bulk: one transaction per listing, one row per paper."""

from __future__ import annotations

import json
import queue
import threading
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any, NamedTuple, Protocol, TypeVar

from sqlalchemy import Connection

from readinglist.library.errors import ImportCancelled
from readinglist.library.journal import Recorder
from readinglist.library.queries import CHUNK
from readinglist.library.status import utcnow
from readinglist.library.types import FlaggedEntry, ImportReport, PreviewEntry
from readinglist.listing import FLAG_BELOW as FLAG_BELOW  # the one definition, re-exported
from readinglist.listing import name_key, normalize_title
from readinglist.listing.blocks import Block, Mark, keys_digest
from readinglist.listing.blocks import digest as block_digest
from readinglist.listing.blocks import matching as blocks_matching

BATCH = 5000
# New papers enter the full-text index at the end of a listing's import, this
# many per statement (between them a cancel is noticed), with FTS5 holding up
# to FTS_HASH_BYTES of terms in memory before it writes a segment: fewer,
# larger segments mean far less merging than a segment per batch.
FILL_CHUNK = 50_000
FTS_HASH_BYTES = 64 * 1024 * 1024
# The full-text index's columns (the view paper_search has the same names).
FTS_COLUMNS = "title, authors, abstract, note, venue, keywords"
# Indexes only the table's sorting and the sidebar's counts read. An import
# that can at least triple the library drops them and builds them again at the
# end, in the same transaction: one sort is far cheaper than a random b-tree
# insert per row once the index outgrows the page cache (a third of the
# writing time at a million papers).
LATE_INDEXES = (
    "ix_paper_title_nocase",
    "ix_paper_authors_nocase",
    "ix_paper_author_author_id",
    "ix_paper_source_listing_id",
    "ix_paper_reading_state",
)
LATE_INDEXES_MIN = 20_000
# A listing file holds about this many bytes per entry (abstracts included).
BYTES_PER_ENTRY = 900

T = TypeVar("T")
ProgressFn = Callable[[int, int | None], None]
# Paper columns beyond the listing's, and their values for each new paper by title key.
PaperColumns = tuple[Sequence[str], Mapping[str, tuple[object, ...]]]
CancelFn = Callable[[], bool]


class EntryLike(Protocol):
    """What the importer needs of an entry: ``readinglist.listing.ListingEntry`` fits."""

    @property
    def title(self) -> str: ...
    @property
    def authors(self) -> Sequence[str]: ...
    @property
    def abstract(self) -> str | None: ...
    @property
    def line(self) -> int: ...
    @property
    def confidence(self) -> float: ...
    @property
    def truncated(self) -> bool: ...


class SourceLike(Protocol):
    """The listing an import comes from; read again at the end, as a stream learns as it goes."""

    @property
    def name(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def warnings(self) -> Sequence[str]: ...


class Prepared(NamedTuple):
    """An entry with its title key and author keys worked out (by the reader, ahead).

    The same fields, in the same order, as ``readinglist.listing.worker.Row``,
    so rows from the reader process become these with ``Prepared._make``.
    """

    title: str
    authors: tuple[str, ...]
    abstract: str | None
    line: int
    confidence: float
    truncated: bool
    key: str
    author_keys: tuple[str, ...]


def prepare(entries: Iterable[EntryLike]) -> Iterator[Prepared]:
    """Pair each entry with the keys the importer matches it by."""
    for e in entries:
        authors = tuple(e.authors)
        yield Prepared(
            e.title,
            authors,
            e.abstract,
            e.line,
            e.confidence,
            e.truncated,
            normalize_title(e.title),
            tuple(map(name_key, authors)),
        )


@dataclass(slots=True)
class _Known:
    id: int
    # The length alone: a re-import compares a million abstracts by length
    # and reads one back only when a longer copy may complete it.
    abstract_len: int
    has_authors: bool
    # In the Trash: an import leaves it there (and says so).
    trashed: bool = False
    # Fields the user edited by hand, which an import never overwrites.
    edited: frozenset[str] = frozenset()


def _batches(entries: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(entries)
    while batch := list(islice(it, size)):
        yield batch


_DONE = object()


def read_ahead(entries: Iterable[T], depth: int = 4) -> Iterator[T]:
    """Produce ``entries`` from a thread of its own, a few batches ahead of the consumer.

    Reading a listing is Python work; writing it is mostly SQLite, which lets
    go of the GIL, so on two cores the two overlap. An error in the reader is
    raised here, in the consumer; a consumer that stops early stops the reader.
    """
    out: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for batch in _batches(entries, BATCH):
                while not stop.is_set():
                    try:
                        out.put(batch, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            out.put(_DONE)
        except BaseException as exc:  # handed over to the consumer, which raises it
            out.put(exc)

    worker = threading.Thread(target=produce, name="listing-reader", daemon=True)
    worker.start()
    try:
        while (item := out.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield from item  # type: ignore[misc]
    finally:
        stop.set()
        worker.join(timeout=5)


def lookup(conn: Connection, sql: str, keys: Sequence[str | int]) -> list[tuple[Any, ...]]:
    """Run ``sql`` (with ``{marks}`` for the placeholders) over ``keys`` in chunks."""
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        found.extend(tuple(r) for r in conn.exec_driver_sql(sql.format(marks=marks), tuple(chunk)))
    return found


def _known_papers(conn: Connection, keys: Sequence[str]) -> dict[str, _Known]:
    rows = lookup(
        conn,
        "SELECT p.title_key, p.id, coalesce(length(a.text), 0), p.authors_text != '',"
        " p.trashed_at IS NOT NULL, p.edited"
        " FROM paper p LEFT JOIN paper_abstract a ON a.paper_id = p.id"
        " WHERE p.title_key IN ({marks})",
        keys,
    )
    return {
        str(k): _Known(
            int(i), int(n), bool(h), bool(t), frozenset(e.split(",")) if e else frozenset()
        )
        for k, i, n, h, t, e in rows
    }


def _may_fill(paper: _Known, field: str) -> bool:
    """Whether an import may complete this field of a known paper."""
    return not paper.trashed and field not in paper.edited


def _fills_abstract(
    conn: Connection, paper_id: int, old_len: int, new: str | None, held: str | None = None
) -> bool:
    """Whether ``new`` improves on the paper's abstract (``held`` if known, else read back).

    A later copy may carry an abstract the first lacked, or the whole of one
    that a cut-off copy held only the start of.
    """
    if not new:
        return False
    if not old_len:
        return True
    if len(new) <= old_len:
        return False
    if held is None:
        held = conn.exec_driver_sql(
            "SELECT text FROM paper_abstract WHERE paper_id = ?", (paper_id,)
        ).scalar_one_or_none()
    return new.startswith(held or "")


def preview(
    conn: Connection, entries: Sequence[EntryLike], keys: Sequence[str] | None = None
) -> list[PreviewEntry]:
    """What importing ``entries`` would do, entry by entry, without writing anything.

    ``keys``: which paper each entry is, when more than its title decides (a DOI).
    """
    keys = [normalize_title(e.title) for e in entries] if keys is None else list(keys)
    known = _known_papers(conn, list(set(keys)))
    out: list[PreviewEntry] = []
    first_seen: set[str] = set()
    for index, (entry, key) in enumerate(zip(entries, keys, strict=True)):
        paper = known.get(key)
        if key in first_seen:
            state = "duplicate"
        elif paper is None:
            state = "new"
        elif paper.trashed:
            state = "trashed"
        elif (
            _may_fill(paper, "abstract")
            and _fills_abstract(conn, paper.id, paper.abstract_len, entry.abstract)
        ) or (_may_fill(paper, "authors") and entry.authors and not paper.has_authors):
            state = "update"
        else:
            state = "unchanged"
        first_seen.add(key)
        out.append(
            PreviewEntry(
                index=index,
                line=entry.line,
                title=entry.title,
                authors=tuple(entry.authors),
                abstract=entry.abstract,
                confidence=entry.confidence,
                truncated=entry.truncated,
                state=state,
                paper_id=paper.id if paper else None,
            )
        )
    return out


# -- blocks read before: a re-import skips them unread (listing/blocks.py) --

#: Where a listing's blocks are kept, by listing name (library_setting). A
#: cache: written with the import but not journaled, and trusted only where
#: the papers it names are still exactly as it says (see ``plan_skip``).
BLOCKS_KEY = "import.blocks/"
#: What the reader reads again before the first changed block, unused, so
#: that it has learned the file's style (names, prose) when it gets there.
CONTEXT_BYTES = 8 * 1024 * 1024
_BLOCKS_VERSION = 1


def mark_of(row: Prepared) -> Mark:
    flag = row.confidence < FLAG_BELOW or row.truncated
    return (row.line, row.key, (row.title, row.confidence, row.truncated) if flag else None)


def _stamp() -> str:
    from readinglist import __version__

    # A new version may read the same bytes differently: its blocks start afresh.
    return f"{_BLOCKS_VERSION}/{__version__}"


@dataclass(slots=True)
class BlockRecord:
    """A listing's blocks as last imported, with what its reader said of the whole file."""

    listing: str
    size: int
    language: str
    warnings: list[str]
    content_hash: str
    blocks: list[Block]

    def to_json(self) -> str:
        return json.dumps(
            {
                "stamp": _stamp(),
                "size": self.size,
                "language": self.language,
                "warnings": self.warnings,
                "content_hash": self.content_hash,
                "blocks": [b.to_json() for b in self.blocks],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, listing: str, text: str) -> BlockRecord | None:
        try:
            data = json.loads(text)
            if data.get("stamp") != _stamp():
                return None
            return cls(
                listing,
                int(data["size"]),
                str(data["language"]),
                [str(w) for w in data["warnings"]],
                str(data["content_hash"]),
                [Block.from_json(b) for b in data["blocks"]],
            )
        except (ValueError, KeyError, TypeError):
            return None


def _records(conn: Connection) -> dict[str, str]:
    return {
        str(k)[len(BLOCKS_KEY) :]: str(v)
        for k, v in conn.exec_driver_sql(
            "SELECT key, value FROM library_setting WHERE key >= ? AND key < ?",
            (BLOCKS_KEY, BLOCKS_KEY[:-1] + chr(ord(BLOCKS_KEY[-1]) + 1)),
        )
    }


def any_blocks(conn: Connection) -> bool:
    """Whether some listing's blocks are kept (else there is nothing a re-import can skip)."""
    return bool(_records(conn))


def _listing_id(conn: Connection, name: str) -> int | None:
    found = conn.exec_driver_sql("SELECT id FROM source_listing WHERE name = ?", (name,)).scalar()
    return None if found is None else int(found)


StateRow = tuple[int, str, int, int, int, int, str]


def _state_rows(conn: Connection, listing_id: int, lo: int, hi: int) -> list[StateRow]:
    """The papers linked to a listing at lines ``lo`` to ``hi`` (excluded), as a skip needs them:
    line, title key, id, abstract length, has authors, in the Trash, edited fields."""
    # Straight to the driver: plain tuples, a third of the cost of Row objects.
    driver: Any = conn.connection.dbapi_connection
    rows: list[StateRow] = driver.execute(
        "SELECT ps.line, p.title_key, p.id, coalesce(length(a.text), 0),"
        " p.authors_text != '', p.trashed_at IS NOT NULL, coalesce(p.edited, '')"
        " FROM paper_source ps JOIN paper p ON p.id = ps.paper_id"
        " LEFT JOIN paper_abstract a ON a.paper_id = ps.paper_id"
        " WHERE ps.listing_id = ? AND ps.line >= ? AND ps.line < ? ORDER BY ps.line",
        (listing_id, lo, hi),
    ).fetchall()
    return rows


def _by_block(blocks: Sequence[Block], rows: Sequence[StateRow]) -> list[list[StateRow]]:
    out: list[list[StateRow]] = [[] for _ in blocks]
    starts = [b.line for b in blocks]
    for row in rows:
        index = bisect_right(starts, row[0]) - 1
        if index >= 0:
            out[index].append(row)
    return out


def _state_digest(rows: Sequence[StateRow]) -> str:
    return block_digest(repr(list(rows)).encode("utf-8", "surrogatepass"))


def save_blocks(
    conn: Connection,
    record: BlockRecord,
    skipped: int = 0,
    kept: Sequence[StateRow] = (),
    changed: Collection[int] = (),
) -> None:
    """Keep ``record`` for the next import of its listing, each block with its papers' state.

    A block whose papers are not exactly its first-seen title keys, linked at
    its lines (one was in the Trash, or linked earlier at another line), gets
    no state: it is read again next time. The first ``skipped`` blocks were
    skipped by this import, ``kept`` their papers (checked before it): they
    keep their state unless one of ``changed`` (papers it completed) is theirs.
    """
    listing_id = _listing_id(conn, record.listing)
    if listing_id is None or not record.blocks:
        return
    blocks = record.blocks
    stale = {
        index
        for index, found in enumerate(_by_block(blocks[:skipped], kept))
        if any(r[2] in changed for r in found)
    }
    stale.update(range(skipped, len(blocks)))
    start = 0
    for index in sorted(stale):
        if index < start:
            continue
        # Consecutive stale blocks in one query.
        end = index
        while end + 1 in stale:
            end += 1
        hi = blocks[end + 1].line if end + 1 < len(blocks) else 1 << 62
        part = blocks[index : end + 1]
        rows = _state_rows(conn, listing_id, part[0].line, hi)
        for block, found in zip(part, _by_block(part, rows), strict=True):
            ok = keys_digest(r[1] for r in found) == block.first_keys
            # A paper in the Trash is left out of the listing's links and
            # reported by every import: such a block is read every time.
            ok = ok and not any(r[5] for r in found)
            block.state = _state_digest(found) if ok else None
        start = end + 1
    conn.exec_driver_sql(
        "INSERT INTO library_setting (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (BLOCKS_KEY + record.listing, record.to_json()),
    )


@dataclass(slots=True)
class Skip:
    """What a re-import skips: the first ``blocks`` of the file, unread.

    Their papers are the ``rows`` of ``record``'s listing (the same name, or
    another listing that held the same bytes). The rest of the file is read
    from ``context`` on (what is before ``tail`` only teaches the reader).
    """

    record: BlockRecord
    blocks: list[Block]
    rows: list[StateRow]
    context: Block | None
    tail: Block | None

    @property
    def entries(self) -> int:
        return sum(b.entries for b in self.blocks)

    @property
    def keyed(self) -> int:
        return sum(b.keyed for b in self.blocks)

    def flagged(self) -> list[FlaggedEntry]:
        return [FlaggedEntry(*f) for b in self.blocks for f in b.flagged]


def _verified(conn: Connection, record: BlockRecord, count: int) -> tuple[int, list[StateRow]]:
    """How many of the first ``count`` blocks still hold exactly the papers they held, and those."""
    listing_id = _listing_id(conn, record.listing)
    if listing_id is None or not count:
        return 0, []
    blocks = record.blocks[:count]
    limit = record.blocks[count].line if count < len(record.blocks) else 1 << 62
    rows = _state_rows(conn, listing_id, blocks[0].line, limit)
    kept: list[StateRow] = []
    good = 0
    for block, found in zip(blocks, _by_block(blocks, rows), strict=True):
        if block.state is None or _state_digest(found) != block.state:
            break
        kept.extend(found)
        good += 1
    return good, kept


def plan_skip(conn: Connection, name: str, data: bytes) -> Skip | None:
    """What of ``data`` (the file of listing ``name``) a re-import need not read again, if any.

    The blocks kept for this listing (else for another with the same first
    block) are matched from the start of the file; those that match and
    whose papers are as the last import left them are skipped. None when
    there is nothing to skip, or too little left before the first changed
    block for the reader to learn the file's style from.
    """
    texts = _records(conn)
    if not texts:
        return None
    candidates = [name] if name in texts else []
    candidates += [other for other in texts if other != name]
    for listing in candidates:
        record = BlockRecord.from_json(listing, texts[listing])
        if record is None or not record.blocks:
            continue
        if listing != name and block_digest(data[: record.blocks[0].end]) != record.blocks[0].hash:
            continue
        count = blocks_matching(record.blocks, data)
        good, rows = _verified(conn, record, count)
        if not good:
            continue
        if good == len(record.blocks):
            return Skip(record, record.blocks, rows, None, None)
        tail = record.blocks[good]
        context = None
        for block in reversed(record.blocks[:good]):
            if tail.offset - block.offset >= CONTEXT_BYTES:
                context = block
                break
        if context is None:
            return None
        return Skip(record, record.blocks[:good], rows, context, tail)
    return None


class SkipSource:
    """The listing a re-import with skipped blocks reads: what the reader said of the
    whole file last time, and of the part read now."""

    def __init__(self, name: str, skip: Skip, language: str, content_hash: str) -> None:
        self.name = name
        # The language is decided on the first abstracts, which were skipped.
        known = skip.record.language
        self.language = known if known != "unknown" else language
        self.content_hash = content_hash
        self.warnings = list(skip.record.warnings)


class _Importer:
    """One listing's import, inside the caller's write transaction."""

    def __init__(
        self,
        conn: Connection,
        source: SourceLike,
        now: datetime,
        recorder: Recorder | None = None,
        columns: PaperColumns | None = None,
    ) -> None:
        self.conn = conn
        # More columns for the new papers, by title key (see import_entries).
        names, self.column_values = columns or ((), {})
        self.no_values = (None,) * len(names)
        self.insert_paper = (
            "INSERT INTO paper (id, title, title_key, authors_text, sources_text,"
            f" status, rating, added_at, updated_at{''.join(', ' + n for n in names)})"
            f" VALUES (?, ?, ?, ?, ?, 'new', 0, ?, ?{', ?' * len(names)})"
        )
        # The journal entry of this import: the ids it adds are kept as
        # ranges; the known papers it changes are watched before the change.
        self.recorder = recorder
        # As text, the form SQLite keeps, so no adapter runs on every row.
        self.now = now.isoformat(sep=" ", timespec="microseconds")
        self.next_paper = self._max_id("paper") + 1
        self.first_new_id = self.next_paper
        # The papers this import added below this id are in the full-text index.
        self.indexed_upto = self.first_new_id
        # Into an empty library, the only papers a title can match are the
        # ones this import added: the hashes of their keys, kept here, spare
        # a database lookup for every entry not seen before.
        self.added: set[int] | None = set() if self.next_paper == 1 else None
        self.next_author = self._max_id("author") + 1
        self.first_new_author = self.next_author
        self.author_ids: dict[str, int] = {}
        self.source = source
        self.listing_existed = (
            conn.exec_driver_sql(
                "SELECT 1 FROM source_listing WHERE name = ?", (source.name,)
            ).first()
            is not None
        )
        if recorder is not None:
            recorder.watch("source_listing", "name", [source.name])
        self.listing_id = self._upsert_listing(source.name)
        self.listing_name = source.name
        self.report = ImportReport(listing=source.name, language=source.language)
        self.touched_sources: list[int] = []
        # A paper this import added, found again later in the listing with
        # more to it: the change is written at the end, just before the new
        # papers are indexed (see _apply_late_changes).
        self.late_abstracts: dict[int, str] = {}
        self.late_authors: set[int] = set()
        # Known papers already watched, by table: watched again after this
        # import wrote their rows, those rows would pass for what was there
        # before (a paper listed twice gained a source row the undo kept).
        # Papers known before this import whose abstract or authors it filled.
        self.changed: set[int] = set()
        self.watched: dict[str, set[int]] = {
            "paper_abstract": set(),
            "paper_author": set(),
            "paper_source": set(),
        }

    def _not_linked(self, ids: list[int]) -> list[int]:
        """Those of ``ids`` this import's listing does not list yet."""
        if not self.listing_existed:
            return ids
        linked = {
            int(r[0])
            for r in lookup(
                self.conn,
                f"SELECT paper_id FROM paper_source WHERE listing_id = {self.listing_id}"
                " AND paper_id IN ({marks})",
                ids,
            )
        }
        return [pid for pid in ids if pid not in linked]

    def take_skipped(self, skip: Skip) -> None:
        """Count the skipped blocks' entries as read, unchanged; link their papers if new here.

        Their papers are as the import that read them left them, and that
        import read these very bytes: reading them again would change nothing
        but, from a listing of another name, add this listing to their sources.
        """
        report = self.report
        report.entries += skip.entries
        report.unchanged += skip.keyed
        report.flagged.extend(skip.flagged())
        if skip.record.listing == self.listing_name:
            return
        ids = self._not_linked([row[2] for row in skip.rows])
        if not ids:
            return
        wanted = set(ids)
        rec = self.recorder
        if rec is not None:
            rec.watch_papers(ids, tables=())
            rec.watch("paper", "id", ids, columns=("sources_text", "updated_at"))
            rec.watch("paper_source", "paper_id", ids)
            self.watched["paper_source"].update(ids)
        self.conn.exec_driver_sql(
            "INSERT OR IGNORE INTO paper_source (paper_id, listing_id, line) VALUES (?, ?, ?)",
            [(row[2], self.listing_id, row[0]) for row in skip.rows if row[2] in wanted],
        )
        self.touched_sources.extend(ids)

    def _max_id(self, table: str) -> int:
        return int(
            self.conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar_one()
        )

    def _upsert_listing(self, name: str) -> int:
        self.conn.exec_driver_sql(
            "INSERT INTO source_listing (name, first_imported_at, imported_at) VALUES (?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET imported_at = excluded.imported_at",
            (name, self.now, self.now),
        )
        return int(
            self.conn.exec_driver_sql(
                "SELECT id FROM source_listing WHERE name = ?", (name,)
            ).scalar_one()
        )

    def _author_ids(self, people: Iterable[tuple[str, str]]) -> None:
        """Learn the ids of these authors (key, name), creating those not yet known."""
        wanted: dict[str, str] = {}
        known = self.author_ids
        for key, name in people:
            if key and key not in known and key not in wanted:
                wanted[key] = name
        # Into a library that had no authors, every known one is in author_ids.
        if wanted and self.first_new_author > 1:
            for found_key, aid in lookup(
                self.conn,
                "SELECT name_key, id FROM author WHERE name_key IN ({marks})",
                list(wanted),
            ):
                self.author_ids[found_key] = int(aid)
                del wanted[found_key]
        new_rows = []
        for key, name in wanted.items():
            self.author_ids[key] = self.next_author
            new_rows.append((self.next_author, name, key))
            self.next_author += 1
        if new_rows:
            self.conn.exec_driver_sql(
                "INSERT INTO author (id, name, name_key) VALUES (?, ?, ?)", new_rows
            )

    def _author_rows(self, paper_id: int, keys: Sequence[str]) -> list[tuple[int, int, int]]:
        rows: list[tuple[int, int, int]] = []
        seen: set[int] = set()
        for key in keys:
            aid = self.author_ids.get(key)
            # The same person twice in one list is a copy artefact; keep the first.
            if aid is not None and aid not in seen:
                seen.add(aid)
                rows.append((paper_id, len(rows), aid))
        return rows

    def _state(self, paper: _Known) -> tuple[int, str | None, bool]:
        """A known paper's abstract (length, and text when held back) and whether it
        has authors, counting the changes held back."""
        held = self.late_abstracts.get(paper.id) if paper.id >= self.first_new_id else None
        return (
            paper.abstract_len if held is None else len(held),
            held,
            paper.has_authors or paper.id in self.late_authors,
        )

    def add_batch(self, batch: Sequence[Prepared]) -> None:
        conn, report = self.conn, self.report
        keyed: dict[str, Prepared] = {}
        for item in batch:
            report.entries += 1
            if item.confidence < FLAG_BELOW or item.truncated:
                report.flagged.append(
                    FlaggedEntry(item.line, item.title, item.confidence, item.truncated)
                )
            if not item.key:
                continue
            if item.key in keyed:
                report.unchanged += 1  # the same paper twice in one listing
                continue
            keyed[item.key] = item
        if self.added is None:
            known = _known_papers(conn, list(keyed))
        else:
            maybe = [key for key in keyed if hash(key) in self.added]
            known = _known_papers(conn, maybe) if maybe else {}

        new_papers: list[tuple[object, ...]] = []
        new_abstracts: list[tuple[int, str]] = []
        author_rows: list[tuple[int, int, int]] = []
        abstract_updates: list[tuple[int, str]] = []
        author_updates: list[int] = []
        source_rows: list[tuple[int, int, int]] = []

        self._author_ids(
            pair
            for key, item in keyed.items()
            if key not in known or not self._state(known[key])[2]
            for pair in zip(item.author_keys, item.authors, strict=True)
        )
        if self.recorder is not None and known:
            self._watch_known(known, keyed)
        for key, entry in keyed.items():
            paper = known.get(key)
            if paper is not None and paper.trashed:
                report.trashed.append(paper.id)
                continue
            if paper is None:
                pid = self.next_paper
                self.next_paper += 1
                if self.added is not None:
                    self.added.add(hash(key))
                rows = self._author_rows(pid, entry.author_keys)
                author_rows.extend(rows)
                authors_text = ", ".join(entry.authors)
                new_papers.append(
                    (
                        pid,
                        entry.title,
                        key,
                        authors_text,
                        self.listing_name,
                        self.now,
                        self.now,
                        *self.column_values.get(key, self.no_values),
                    )
                )
                if entry.abstract:
                    new_abstracts.append((pid, entry.abstract))
                source_rows.append((pid, self.listing_id, entry.line))
                report.new += 1
                continue
            changed = False
            fresh = paper.id >= self.first_new_id
            abstract_len, held, has_authors = self._state(paper)
            if _may_fill(paper, "abstract") and _fills_abstract(
                conn, paper.id, abstract_len, entry.abstract, held
            ):
                assert entry.abstract is not None
                if fresh:
                    self.late_abstracts[paper.id] = entry.abstract
                else:
                    abstract_updates.append((paper.id, entry.abstract))
                changed = True
            if entry.authors and not has_authors and _may_fill(paper, "authors"):
                author_rows.extend(self._author_rows(paper.id, entry.author_keys))
                if fresh:
                    self.late_authors.add(paper.id)
                else:
                    author_updates.append(paper.id)
                changed = True
            source_rows.append((paper.id, self.listing_id, entry.line))
            if changed:
                report.updated += 1
                self.changed.add(paper.id)
            else:
                report.unchanged += 1

        if new_papers:
            # The insert triggers stay off: finish() indexes the new papers in
            # bulk (see fts_control in the first migration).
            conn.exec_driver_sql("UPDATE fts_control SET bulk = 1")
            conn.exec_driver_sql(self.insert_paper, new_papers)
            if new_abstracts:
                conn.exec_driver_sql(
                    "INSERT INTO paper_abstract (paper_id, text) VALUES (?, ?)", new_abstracts
                )
            conn.exec_driver_sql("UPDATE fts_control SET bulk = 0")
        if author_rows:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO paper_author (paper_id, position, author_id)"
                " VALUES (?, ?, ?)",
                author_rows,
            )
        if abstract_updates:
            conn.exec_driver_sql(
                "INSERT INTO paper_abstract (paper_id, text) VALUES (?, ?)"
                " ON CONFLICT(paper_id) DO UPDATE SET text = excluded.text",
                abstract_updates,
            )
            conn.exec_driver_sql(
                "UPDATE paper SET updated_at = ? WHERE id = ?",
                [(self.now, pid) for pid, _ in abstract_updates],
            )
        if author_updates:
            conn.exec_driver_sql(
                "UPDATE paper SET authors_text = (SELECT group_concat(name, ', ') FROM"
                " (SELECT a.name FROM paper_author pa JOIN author a ON a.id = pa.author_id"
                "  WHERE pa.paper_id = paper.id ORDER BY pa.position)), updated_at = ?"
                " WHERE id = ?",
                [(self.now, pid) for pid in author_updates],
            )
        if source_rows:
            before = conn.exec_driver_sql("SELECT total_changes()").scalar_one()
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO paper_source (paper_id, listing_id, line) VALUES (?, ?, ?)",
                source_rows,
            )
            # Papers already known that now also come from this listing need
            # their sources column redrawn in finish(); new ones were given it.
            added = conn.exec_driver_sql("SELECT total_changes()").scalar_one() - before
            if added > len(new_papers):
                self.touched_sources.extend(
                    pid for pid, _, _ in source_rows if pid < self.first_new_id
                )

    def _watch_known(self, known: dict[str, _Known], keyed: dict[str, Prepared]) -> None:
        """Watch what this batch may change of the papers it knows, before it changes it.

        A known paper may gain this listing as a source, an abstract or
        authors; only those rows are watched, and of the paper row only the
        columns drawn from them. Re-importing a known listing changes almost
        nothing, and importing a second listing of the same papers changes
        only their sources: neither copies whole papers into the journal.
        """
        old = {key: p for key, p in known.items() if p.id < self.first_new_id and not p.trashed}
        if not old:
            return
        abstracts: list[int] = []
        authors: list[int] = []
        for key, paper in old.items():
            entry = keyed[key]
            if (
                entry.abstract
                and _may_fill(paper, "abstract")
                and (paper.abstract_len == 0 or len(entry.abstract) > paper.abstract_len)
            ):
                abstracts.append(paper.id)
            if entry.authors and not paper.has_authors and _may_fill(paper, "authors"):
                authors.append(paper.id)
        ids = [p.id for p in old.values()]
        sources = self._not_linked(ids)
        rec = self.recorder
        assert rec is not None
        watched = self.watched
        abstracts = [pid for pid in abstracts if pid not in watched["paper_abstract"]]
        authors = [pid for pid in authors if pid not in watched["paper_author"]]
        sources = [pid for pid in sources if pid not in watched["paper_source"]]
        changing = sorted({*abstracts, *authors, *sources})
        if not changing:
            return
        rec.watch_papers(changing, tables=())
        rec.watch("paper", "id", changing, columns=("authors_text", "sources_text", "updated_at"))
        rec.watch("paper_abstract", "paper_id", abstracts)
        rec.watch("paper_author", "paper_id", authors)
        rec.watch("paper_source", "paper_id", sources)
        watched["paper_abstract"].update(abstracts)
        watched["paper_author"].update(authors)
        watched["paper_source"].update(sources)

    def index_ready(self) -> None:
        """Index the next ``FILL_CHUNK`` papers this import added, once there are that many.

        Called between batches: the statement is the one ``finish`` would run
        for them (the same segment), run while the reader process reads on,
        instead of after it is done. Their later changes reach the index
        through its triggers (see ``_apply_late_changes``).
        """
        while self.next_paper - self.indexed_upto >= FILL_CHUNK:
            if self.indexed_upto == self.first_new_id:
                self.conn.exec_driver_sql(
                    "INSERT INTO paper_fts (paper_fts, rank) VALUES ('hashsize', ?)",
                    (FTS_HASH_BYTES,),
                )
            start = self.indexed_upto
            self.conn.exec_driver_sql(
                f"INSERT INTO paper_fts (rowid, {FTS_COLUMNS})"
                f" SELECT id, {FTS_COLUMNS} FROM paper_search WHERE id >= ? AND id < ?",
                (start, start + FILL_CHUNK),
            )
            self.indexed_upto = start + FILL_CHUNK

    def _index_new_papers(self, cancel: CancelFn | None) -> None:
        """Give the papers this import added their held-back changes, then index the rest.

        Indexed here (or by ``index_ready``) rather than batch by batch: FTS5
        writes out what it holds at every later statement, so a fill per batch
        leaves a small segment per batch, and merging those cost a third of a
        big import.
        """
        conn = self.conn
        if self.late_abstracts or self.late_authors:
            self._apply_late_changes()
        if self.next_paper > self.indexed_upto:
            if self.indexed_upto == self.first_new_id:
                conn.exec_driver_sql(
                    "INSERT INTO paper_fts (paper_fts, rank) VALUES ('hashsize', ?)",
                    (FTS_HASH_BYTES,),
                )
            for start in range(self.indexed_upto, self.next_paper, FILL_CHUNK):
                if cancel is not None and cancel():
                    raise ImportCancelled("Import cancelled; the library is as it was.")
                conn.exec_driver_sql(
                    f"INSERT INTO paper_fts (rowid, {FTS_COLUMNS})"
                    f" SELECT id, {FTS_COLUMNS} FROM paper_search"
                    " WHERE id >= ? AND id < ?",
                    (start, min(start + FILL_CHUNK, self.next_paper)),
                )

    def _apply_late_changes(self) -> None:
        """Write the fuller copies' abstracts and authors of papers this import added.

        The index's triggers would do it row by row, each row costing a
        segment of its own, and they would take papers not yet indexed out of
        the index. So the triggers these statements fire are set aside
        (inside the transaction, so a rollback restores them too) and built
        again as the schema wrote them; the papers already indexed (by
        ``index_ready``) are taken out of the index before, in one statement,
        and put back after, in another.
        """
        conn = self.conn
        upto = self.indexed_upto
        indexed = sorted(
            {p for p in self.late_abstracts if p < upto}
            | {p for p in self.late_authors if p < upto}
        )
        chosen = "SELECT value FROM json_each(?)"
        if indexed:
            conn.exec_driver_sql(
                f"INSERT INTO paper_fts (paper_fts, rowid, {FTS_COLUMNS})"
                f" SELECT 'delete', id, {FTS_COLUMNS} FROM paper_search WHERE id IN ({chosen})",
                (json.dumps(indexed),),
            )
        triggers = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND name IN ('abstract_fts_insert', 'abstract_fts_update', 'paper_fts_update')"
            " ORDER BY name"
        ).all()
        for name, _ in triggers:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        self._write_late(self.late_abstracts, self.late_authors)
        for _, sql in triggers:
            conn.exec_driver_sql(sql)
        if indexed:
            conn.exec_driver_sql(
                f"INSERT INTO paper_fts (rowid, {FTS_COLUMNS})"
                f" SELECT id, {FTS_COLUMNS} FROM paper_search WHERE id IN ({chosen})",
                (json.dumps(indexed),),
            )

    def _write_late(self, abstracts: dict[int, str], authors: set[int]) -> None:
        if abstracts:
            self.conn.exec_driver_sql(
                "INSERT INTO paper_abstract (paper_id, text) VALUES (?, ?)"
                " ON CONFLICT(paper_id) DO UPDATE SET text = excluded.text",
                list(abstracts.items()),
            )
        if authors:
            self.conn.exec_driver_sql(
                "UPDATE paper SET authors_text = (SELECT group_concat(name, ', ') FROM"
                " (SELECT a.name FROM paper_author pa JOIN author a ON a.id = pa.author_id"
                "  WHERE pa.paper_id = paper.id ORDER BY pa.position)) WHERE id = ?",
                [(pid,) for pid in sorted(authors)],
            )

    def finish(self, cancel: CancelFn | None = None) -> ImportReport:
        conn = self.conn
        self._index_new_papers(cancel)
        self.report.language = self.source.language
        conn.exec_driver_sql(
            "UPDATE source_listing SET entry_count = ?, language = ?, content_hash = ?"
            " WHERE id = ?",
            (
                self.report.entries,
                self.source.language,
                self.source.content_hash,
                self.listing_id,
            ),
        )
        redraw = (
            "UPDATE paper SET sources_text = (SELECT group_concat(name, ', ') FROM"
            " (SELECT l.name FROM paper_source ps JOIN source_listing l ON l.id = ps.listing_id"
            "  WHERE ps.paper_id = paper.id ORDER BY l.name))"
        )
        if self.touched_sources:
            conn.exec_driver_sql(redraw + " WHERE id = ?", [(p,) for p in self.touched_sources])
        if self.recorder is not None:
            # Several listings in one import: the ranges of all of them.
            ranges = self.recorder.ranges
            for name, lo, hi in (
                ("paper", self.first_new_id, self.next_paper),
                ("author", self.first_new_author, self.next_author),
            ):
                if hi > lo:
                    old = ranges.get(name)
                    ranges[name] = [min(old[0], lo), max(old[1], hi)] if old else [lo, hi]
            self.recorder.papers_added += self.next_paper - self.first_new_id
        self.report.first_new_id = self.first_new_id
        return self.report


def _late_indexes(conn: Connection, expected: int) -> list[str]:
    """Drop the sort indexes when ``expected`` entries could at least triple the library.

    Returns the statements that build them again (as the schema wrote them);
    a rollback brings them back by itself.
    """
    if expected < LATE_INDEXES_MIN:
        return []
    papers = conn.exec_driver_sql("SELECT count(*) FROM paper").scalar_one()
    # Twice the library, not just its size: the same listing imported again
    # holds as many entries as the library has papers, and adds none.
    if expected < 2 * papers:
        return []
    names = ",".join("?" * len(LATE_INDEXES))
    found = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({names})"
        " ORDER BY name",
        LATE_INDEXES,
    ).all()
    for name, _ in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [str(sql) for _, sql in found]


def import_entries(
    conn: Connection,
    source: SourceLike,
    entries: Iterable[Prepared],
    *,
    total: int | None = None,
    expected: int | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    recorder: Recorder | None = None,
    columns: PaperColumns | None = None,
    skip: Skip | None = None,
    changed: set[int] | None = None,
) -> ImportReport:
    """Import ``entries`` inside the caller's transaction; raise ImportCancelled to roll back.

    ``expected`` (else ``total``) is about how many entries there will be,
    which decides whether the sort indexes are built at the end instead.
    ``columns``: more paper columns (names, and values by title key) that new
    papers get in the same insert, before they are indexed (records_import's
    bibliographic fields: set afterwards, each would be indexed twice).
    ``skip``: the blocks of the file skipped unread; ``entries`` are the rest.
    ``changed`` receives the ids of known papers whose abstract or authors it filled.
    """
    importer = _Importer(conn, source, utcnow(), recorder, columns)
    if skip is not None:
        importer.take_skipped(skip)
    rebuild = _late_indexes(conn, expected or total or 0)
    done = 0
    for batch in _batches(entries, BATCH):
        if cancel is not None and cancel():
            raise ImportCancelled("Import cancelled; the library is as it was.")
        importer.add_batch(batch)
        importer.index_ready()
        done += len(batch)
        if progress is not None:
            progress(done, total)
    report = importer.finish(cancel)
    if changed is not None:
        changed.update(importer.changed)
    for sql in rebuild:
        conn.exec_driver_sql(sql)
    return report
