"""Read a big listing in a process of its own, so that parsing runs beside whatever consumes it.

Reading a listing is pure Python. In a thread it shares one interpreter lock
with the thread that writes the library, and the two take turns instead of
running at once; in a second process each has a core. Entries cross the pipe
as plain tuples (the cheapest thing to pickle), with their title and name keys
already worked out, in batches a few megabytes big. Below ``PROCESS_MIN_BYTES``
starting a process costs more than it saves, so small files stay in-process.

The child never writes anything. When the consumer stops early (a cancel, an
error, Ctrl+C) the child is terminated; when the parent dies, the child's next
send fails on the broken pipe and it exits.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from readinglist.listing import blocks as cutting
from readinglist.listing.model import ListingEntry, ListingError, name_key, normalize_title
from readinglist.listing.reader import ListingStream

#: Files at least this big are read in a separate process (about 8,000 entries).
PROCESS_MIN_BYTES = 8 * 1024 * 1024
#: Entries per message: big enough that pickling overhead vanishes, small enough
#: that the consumer never waits long for the first one.
BATCH = 4000

#: Batches taken off the pipe ahead of the consumer by a thread, so that the
#: child reads on while the consumer is busy elsewhere (the importer indexes
#: its first papers midway): about 25,000 entries, some 40 MB.
AHEAD = 6

#: title, authors, abstract, line, confidence, truncated, title key, author keys
Row = tuple[str, tuple[str, ...], str | None, int, float, bool, str, tuple[str, ...]]


def start_early(paths: Iterable[str | os.PathLike[str]]) -> dict[str, ProcessReader]:
    """Start reading the big files among ``paths`` now, before the library is even open.

    Opening a library (and, for a new one, making it) takes a good part of a
    second; the children read meanwhile. Pass the result to
    ``Library.import_files(readers=...)``, which checks every file as usual,
    and ``close()`` what is left over.
    """
    readers: dict[str, ProcessReader] = {}
    for path in paths:
        key = reader_key(path)
        if key not in readers and worth_a_process(path) and Path(path).is_file():
            readers[key] = ProcessReader(Path(path)).start()
    return readers


def reader_key(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(path)


def worth_a_process(path: str | os.PathLike[str]) -> bool:
    try:
        return os.path.getsize(path) >= PROCESS_MIN_BYTES
    except OSError:
        return False


def row_of(entry: ListingEntry) -> Row:
    """An entry as the tuple that crosses the pipe, with its keys."""
    return (
        entry.title,
        entry.authors,
        entry.abstract,
        entry.line,
        entry.confidence,
        entry.truncated,
        normalize_title(entry.title),
        tuple(map(name_key, entry.authors)),
    )


def entry_of(row: Row) -> ListingEntry:
    return ListingEntry(row[0], row[1], row[2], row[3], row[4], row[5])


def _produce(path: str, out: Connection) -> None:
    """The child: read ``path`` and send ("rows", [...]) messages, then how it ended.

    Sending blocks until the parent takes the batch; a thread of the parent
    takes up to ``AHEAD`` batches ahead of its consumer. A sender thread here
    was tried and was slower: every 64 kB write to the pipe gives up the
    interpreter lock, and taking it back from the parsing thread costs up to a
    switch interval.
    """
    # Ctrl+C reaches the whole terminal's process group; what it means is the
    # parent's to decide (it terminates this process).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Nothing this process makes forms a cycle; the collector would only
    # walk the growing batches again and again.
    gc.disable()
    try:
        stream = ListingStream(path)
        batch: list[Row] = []
        # What the file's blocks need of each entry, for the next import.
        marks: list[cutting.Mark] | None = (
            [] if cutting.wanted(stream.encoding, os.path.getsize(path)) else None
        )
        for entry in stream.entries():
            row = row_of(entry)
            batch.append(row)
            if marks is not None:
                marks.append((row[3], row[6], (row[0], row[4], row[5]) if entry.flagged else None))
            if len(batch) >= BATCH:
                out.send(("rows", batch))
                batch = []
        if batch:
            out.send(("rows", batch))
        # Cut while the parent writes its last rows: it has no use for this core now.
        blocks = None
        if marks is not None:
            data = Path(path).read_bytes()
            if cutting.cuttable(data):
                blocks = [b.to_json() for b in cutting.cut(data, marks)]
        out.send(("done", stream.language, stream.content_hash, stream.warnings, blocks))
    except ListingError as exc:
        out.send(("error", str(exc)))
    except OSError:  # BrokenPipeError and the like
        pass  # the parent stopped listening: cancelled, or gone
    except MemoryError:
        out.send(("error", f"Cannot import '{Path(path).name}': not enough memory to read it."))
    finally:
        out.close()


class ProcessReader:
    """One listing read by a child process; ``rows()`` produces its entries once.

    Like ``ListingStream`` (whose checks ``stream`` has already passed), the
    name is known at once and ``language``, ``content_hash`` and ``warnings``
    are final once ``rows()`` is exhausted. ``start()`` may be called early,
    so that the child is reading while the caller gets ready; ``close()``
    stops a child whose rows are not wanted after all (``rows()`` does that
    itself when its consumer stops early).
    """

    def __init__(self, stream: ListingStream | Path) -> None:
        self.path = stream.path if isinstance(stream, ListingStream) else Path(stream)
        self.name = self.path.name
        self.encoding = stream.encoding if isinstance(stream, ListingStream) else ""
        self.language = "unknown"
        self.content_hash = ""
        self.warnings: list[str] = (
            list(stream.warnings) if isinstance(stream, ListingStream) else []
        )
        #: The file cut into blocks (``listing.blocks``), once ``rows()`` is
        #: exhausted; None when it is not cut.
        self.blocks: list[cutting.Block] | None = None
        self._started = False
        self._child: multiprocessing.process.BaseProcess | None = None
        self._receive: Connection | None = None

    def start(self) -> ProcessReader:
        if self._child is None:
            # "spawn" everywhere: forking a process that runs threads (the
            # GUI's workers, SQLite's) is unsafe, and it is what Windows and
            # macOS do anyway.
            context = multiprocessing.get_context("spawn")
            receive, send = context.Pipe(duplex=False)
            child = context.Process(
                target=_produce, args=(str(self.path), send), name="listing-reader", daemon=True
            )
            child.start()
            send.close()
            self._child, self._receive = child, receive
        return self

    def close(self) -> None:
        if self._receive is not None:
            self._receive.close()
        child = self._child
        if child is not None:
            if child.is_alive() and child.exitcode is None:
                child.terminate()
            child.join()

    def rows(self) -> Iterator[Row]:
        if self._started:
            raise RuntimeError("ProcessReader.rows() can only be iterated once")
        self._started = True
        self.start()
        child, receive = self._child, self._receive
        assert child is not None and receive is not None
        messages: queue.Queue[tuple[Any, ...] | None] = queue.Queue(maxsize=AHEAD)
        stop = threading.Event()

        def take() -> None:
            while not stop.is_set():
                message: tuple[Any, ...] | None
                try:
                    message = receive.recv()
                except (EOFError, OSError):  # OSError: it died in the middle of a message
                    message = None
                while not stop.is_set():
                    try:
                        messages.put(message, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if message is None or message[0] != "rows":
                    return

        taker = threading.Thread(target=take, name="listing-receiver", daemon=True)
        taker.start()
        try:
            while True:
                got = messages.get()
                if got is None:
                    child.join(5)
                    raise ListingError(
                        f"Cannot import '{self.name}': the process reading it stopped "
                        f"unexpectedly (exit code {child.exitcode}); nothing was imported. "
                        "Try again; if it happens again, free some memory first."
                    )
                kind = got[0]
                if kind == "rows":
                    yield from got[1]
                elif kind == "done":
                    _, self.language, self.content_hash, self.warnings, blocks = got
                    if blocks is not None:
                        self.blocks = [cutting.Block.from_json(b) for b in blocks]
                    return
                else:
                    raise ListingError(got[1])
        finally:
            stop.set()
            # The child first: its end wakes the taker from a read on the pipe.
            if child.is_alive() and child.exitcode is None:
                child.terminate()
            taker.join(5)
            self.close()

    def entries(self) -> Iterator[ListingEntry]:
        return map(entry_of, self.rows())
