"""What can go wrong with a lab, as one-line messages."""

from __future__ import annotations

from readinglist.library.errors import LibraryError


class LabError(LibraryError):
    """A lab command that could not be done; the message says why in one line."""


class ServerUnreachable(LabError):
    """The lab server cannot be reached (offline, stopped, wrong address or password)."""
