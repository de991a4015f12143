"""Errors the library raises; each message is one line a user can act on."""

from __future__ import annotations


class LibraryError(Exception):
    """Something the user must hear about; ``str(err)`` says what happened and what to do."""


class NewerSchemaError(LibraryError):
    """The database was written by a newer readinglist than this one."""


class CorruptDatabaseError(LibraryError):
    """The database file cannot be read as a readinglist library."""


class NotFoundError(LibraryError):
    """No paper (or backup, or listing) with that id or name."""


class ImportCancelled(LibraryError):
    """The user cancelled an import; nothing of it was written."""
