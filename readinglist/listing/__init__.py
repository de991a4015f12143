"""Reader and writer of "publication listing" text files (pure Python, stdlib only).

A listing is the text of a lab's "Publications" page: a ``Publications`` header line, a
blank line, then entries back to back: a title line, one line per author, optionally one
abstract line (long abstracts carry ``… (see more)`` / ``… (voir plus)`` after char 140).

How it reads: every line gets a title / author / abstract score from cheap features
(:mod:`.scoring`); a Viterbi pass (:mod:`.segment`) picks the best segmentation of the
whole file under ``title author* abstract?``; an entry's ``confidence`` is ``tanh(m/2)``
of the smallest max-marginal margin over its lines and the line after it.  The layout
(with or without author lines) is chosen once, on the first chunk, by comparing both.

API:

* :func:`parse_text` – parse text in memory; :func:`read_listing` – parse a file.
* :func:`iter_listing` / :class:`ListingStream` – stream a huge file in 4 MB blocks with
  bounded memory: the DP is cut after a certain (marker) abstract line every
  ``CHUNK_LINES`` lines.  ``ListingStream(path).entries()`` is a generator; the stream's
  ``encoding`` and ``warnings`` are known at once (the file is first checked for valid
  UTF-8), ``language`` and ``content_hash`` are final once the generator is exhausted.
* :func:`render_listing` writes the format; :func:`normalize_title` is the "same paper" key.

``content_hash`` is the SHA-256 of the decoded text (BOM dropped) with CRLF/CR turned into
LF, encoded as UTF-8.  Lines are NFC-normalized and stripped of zero-width/bidi/BOM chars.

Truncation: the last entry gets ``truncated=True`` when (a) in the author layout it is a
title with no author and no abstract, (b) the file ends inside the abstract marker, or
(c) the file does not end with a newline and its last line is a title or an author line
(more may have followed: the French seed ends so) or an abstract that does not end with
sentence punctuation.  A complete final entry followed by a newline is never truncated.
"""

from readinglist.listing.model import (
    MARKERS,
    Listing,
    ListingEntry,
    ListingError,
    normalize_title,
    render_listing,
)
from readinglist.listing.reader import ListingStream, iter_listing, parse_text, read_listing

__all__ = [
    "MARKERS",
    "Listing",
    "ListingEntry",
    "ListingError",
    "ListingStream",
    "iter_listing",
    "normalize_title",
    "parse_text",
    "read_listing",
    "render_listing",
]
