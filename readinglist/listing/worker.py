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

import multiprocessing
import os
import signal
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from readinglist.listing.model import ListingEntry, ListingError, name_key, normalize_title
from readinglist.listing.reader import ListingStream

#: Files at least this big are read in a separate process (about 8,000 entries).
PROCESS_MIN_BYTES = 8 * 1024 * 1024
#: Entries per message: big enough that pickling overhead vanishes, small enough
#: that the consumer never waits long for the first one.
BATCH = 4000

#: title, authors, abstract, line, confidence, truncated, title key, author keys
Row = tuple[str, tuple[str, ...], str | None, int, float, bool, str, tuple[str, ...]]


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
    """The child: read ``path`` and send ("rows", [...]) messages, then how it ended."""
    # Ctrl+C reaches the whole terminal's process group; what it means is the
    # parent's to decide (it terminates this process).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        stream = ListingStream(path)
        batch: list[Row] = []
        for entry in stream.entries():
            batch.append(row_of(entry))
            if len(batch) >= BATCH:
                out.send(("rows", batch))
                batch = []
        if batch:
            out.send(("rows", batch))
        out.send(("done", stream.language, stream.content_hash, stream.warnings))
    except ListingError as exc:
        out.send(("error", str(exc)))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent stopped listening: cancelled, or gone
    except MemoryError:
        out.send(("error", f"Cannot import '{Path(path).name}': not enough memory to read it."))
    finally:
        out.close()


class ProcessReader:
    """One listing read by a child process; ``rows()`` produces its entries once.

    Like ``ListingStream`` (whose checks ``stream`` has already passed), the
    name is known at once and ``language``, ``content_hash`` and ``warnings``
    are final once ``rows()`` is exhausted.
    """

    def __init__(self, stream: ListingStream) -> None:
        self.path = stream.path
        self.name = stream.name
        self.encoding = stream.encoding
        self.language = "unknown"
        self.content_hash = ""
        self.warnings: list[str] = list(stream.warnings)
        self._started = False

    def rows(self) -> Iterator[Row]:
        if self._started:
            raise RuntimeError("ProcessReader.rows() can only be iterated once")
        self._started = True
        # "spawn" everywhere: forking a process that runs threads (the GUI's
        # workers, SQLite's) is unsafe, and it is what Windows and macOS do.
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_produce, args=(str(self.path), send), name="listing-reader", daemon=True
        )
        child.start()
        send.close()
        try:
            while True:
                try:
                    message: tuple[Any, ...] = receive.recv()
                except (EOFError, OSError):  # OSError: it died in the middle of a message
                    child.join(5)
                    raise ListingError(
                        f"Cannot import '{self.name}': the process reading it stopped "
                        f"unexpectedly (exit code {child.exitcode}); nothing was imported. "
                        "Try again; if it happens again, free some memory first."
                    ) from None
                kind = message[0]
                if kind == "rows":
                    yield from message[1]
                elif kind == "done":
                    _, self.language, self.content_hash, self.warnings = message
                    return
                else:
                    raise ListingError(message[1])
        finally:
            receive.close()
            if child.is_alive() and child.exitcode is None:
                child.terminate()
            child.join()

    def entries(self) -> Iterator[ListingEntry]:
        return map(entry_of, self.rows())
