"""The library core: storage, import, queries and backups. Never imports Qt."""

from readinglist.library.backup import list_backups
from readinglist.library.core import Library, restore_backup
from readinglist.library.errors import (
    CorruptDatabaseError,
    ImportCancelled,
    LibraryError,
    NewerSchemaError,
    NotFoundError,
)
from readinglist.library.importer import FLAG_BELOW
from readinglist.library.integrity import DamagedLibraryError
from readinglist.library.status import STATUSES, Status
from readinglist.library.types import (
    BackupInfo,
    Facets,
    FlaggedEntry,
    ImportReport,
    PaperDetail,
    PaperFilter,
    PaperRow,
    PaperSummary,
    PreviewEntry,
    SortField,
    StatusChange,
)

__all__ = [
    "FLAG_BELOW",
    "STATUSES",
    "BackupInfo",
    "CorruptDatabaseError",
    "DamagedLibraryError",
    "Facets",
    "FlaggedEntry",
    "ImportCancelled",
    "ImportReport",
    "Library",
    "LibraryError",
    "NewerSchemaError",
    "NotFoundError",
    "PaperDetail",
    "PaperFilter",
    "PaperRow",
    "PaperSummary",
    "PreviewEntry",
    "SortField",
    "Status",
    "StatusChange",
    "list_backups",
    "restore_backup",
]
