"""Reader and writer of "publication listing" text files (pure Python, stdlib only).

A listing is the text of a lab's "Publications" page: a ``Publications`` header line, a
blank line, then entries back to back: a title line, one line per author, optionally one
abstract line (long abstracts carry ``… (see more)`` / ``… (voir plus)`` after char 140).

How it reads: every line gets title / author / abstract scores from cheap features
(:mod:`.scoring`: shape, function words, science vocabulary, words the file's abstracts
use in lower case, given names, initials, particles, lines repeated in the file, the
words of the file's short lines, the ``known_authors`` / ``known_titles`` passed in).  A
name may carry a parenthesized part, affiliation numbers or an ORCID; an abstract may
open with a label (``Abstract:``, ``Résumé :``) or like a sentence ("We show ...") and
lack its full stop; a one- or two-word line whose words appear nowhere else in the file
may be a coined title ("Perceiver IO").  A line with the marker is a certain abstract
and the line after it a certain title, which cuts the file into independent segments;
segments whose per-line best labels are clear and grammatical are taken as they are, the
others go through a Viterbi pass (:mod:`.segment`) under ``title author* abstract?``.

An entry's ``confidence`` is the probability that it is read exactly right: a logistic
model (``scoring.calibrate``, fitted on generated listings by
``tests/support/fit_confidence.py``) of the smallest max-marginal margin over its lines
and the line after it, of its abstract's kind, and, when that margin is small (under
``scoring.RISKY_MARGIN``), of what lies around that closest call (``scoring.Risk``): is
the line one or two words found nowhere else in the file, read as a title, ending with a
full stop; does the entry hold, between two names, a one- or two-word "name" seen once
whose first word is in no other line (a coined title read as a name, "Corvid Atlas"), and
how much more its words look like the file's prose than like its names (letter triples,
``scoring.WordShapes``).  It never exceeds ``scoring.MOST_SURE`` (0.999).
``ListingEntry.flagged`` (confidence below :data:`FLAG_BELOW`, or cut off) is the one
definition of what the user is asked to check (:func:`is_flagged` for other holders of a
confidence): the import preview, the CLI report and ``parse --json`` all use it.

The layout (with or without author lines) is chosen once, on the first chunk, by
comparing the best segmentation under both.  ``language`` comes from the markers, else
from function words of abstracts ('unknown' when unsure).

API (also see :mod:`.model`):

* :func:`parse_text` – parse text in memory; :func:`read_listing` – parse a file.
* :func:`iter_listing` / :class:`ListingStream` – stream a huge file in 4 MB blocks with
  bounded memory: lines are parsed in chunks of ``CHUNK_LINES`` (40k) cut after a certain
  abstract.  ``ListingStream(path)`` checks the file at once (missing, folder, binary,
  HTML/BibTeX/RIS/JSON, header; a full UTF-8 validation pass decides ``encoding`` and
  ``warnings``); ``.entries()`` is a one-shot generator; ``.language`` and
  ``.content_hash`` are final once it is exhausted (``content_hash`` is '' before).
  ``read_listing`` is built on it.
* :func:`render_listing` writes the format; :func:`normalize_title` is the "same paper" key
  and :func:`name_key` the "same author" key.
* :mod:`.worker` – ``ProcessReader`` reads a big file in a child process (spawned), so
  that parsing runs beside whatever consumes the entries; ``start_early`` starts it
  before the consumer is ready.
* :class:`ListingError` (a ``ValueError``) is the only exception for bad input; its text
  is one line naming the file, the reason and what to do.

Encodings: UTF-8 (a BOM is dropped); a file that starts with a UTF-16 byte order mark
(LE or BE, as Windows saves "Unicode" text) is read as UTF-16; a file that is no valid
UTF-8 is read as Windows-1252 with a warning.

``content_hash`` is the SHA-256 of the decoded text (BOM dropped) with CRLF/CR turned into
LF, encoded as UTF-8.  Titles and names (lines under 400 chars) are NFC-normalized and
stripped of zero-width/bidi/BOM characters; abstract lines are only stripped of
surrounding spaces (scanning ~1 kB per abstract would double the parse time).  Blank lines
are skipped (the line after one gets a small title bonus); lines over 64k chars refuse
the file.

Truncation: the last entry gets ``truncated=True`` when (a) in the author layout it is a
title with no author and no abstract, (b) the file ends inside the abstract marker, or
(c) the file does not end with a newline and its last line is a title or an author line
(more may have followed: the French seed ends so) or an abstract that does not end with
sentence punctuation.  A complete final entry followed by a newline is never truncated.
A last line without newline that reads as a sentence is taken as an abstract cut early.
"""

from readinglist.listing.model import (
    FLAG_BELOW,
    MARKERS,
    Listing,
    ListingEntry,
    ListingError,
    is_flagged,
    name_key,
    normalize_title,
    render_listing,
)
from readinglist.listing.reader import ListingStream, iter_listing, parse_text, read_listing

__all__ = [
    "FLAG_BELOW",
    "MARKERS",
    "Listing",
    "ListingEntry",
    "ListingError",
    "ListingStream",
    "is_flagged",
    "iter_listing",
    "name_key",
    "normalize_title",
    "parse_text",
    "read_listing",
    "render_listing",
]
