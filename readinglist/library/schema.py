"""Bring a database to the current schema: check, back up, migrate (Alembic), refuse newer."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError

from readinglist import __version__
from readinglist.library.backup import DEFAULT_KEEP, make_backup
from readinglist.library.db import close_after_write
from readinglist.library.errors import CorruptDatabaseError, LibraryError, NewerSchemaError
from readinglist.library.integrity import is_corruption, quick_check

# Every schema revision this version knows, oldest first, with the release
# that introduced it (for messages). The last one is the head.
REVISIONS: dict[str, str] = {
    "0001": "0.1.0",
    "0002": "0.2.0",
    "0003": "0.3.0",
    "0004": "0.3.0",
    "0005": "0.3.0",
    "0006": "0.3.0",
    "0007": "0.4.0",
}
HEAD = next(reversed(REVISIONS))


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, or None for a file with no schema yet."""
    try:
        with engine.connect() as conn:
            has_table = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).first()
            if not has_table:
                others = conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE type='table'"
                ).scalar_one()
                if others:
                    raise CorruptDatabaseError(
                        f"{engine.url.database} holds tables but is not a readinglist library."
                    )
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            return None if row is None else str(row[0])
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        # Locked, read-only or full is not damage: those go up as they are,
        # and only a file SQLite calls corrupt is reported as one.
        if not is_corruption(exc):
            if isinstance(exc, DatabaseError):
                raise
            raise LibraryError(f"Could not read {engine.url.database}: {_reason(exc)}.") from exc
        raise CorruptDatabaseError(
            f"{engine.url.database} is not a readable readinglist library ({_reason(exc)})."
        ) from exc


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__


def refuse_newer(db_path: Path) -> None:
    """Raise NewerSchemaError for a file from a newer readinglist, before anything writes to it.

    The engine turns WAL on as it connects, which rewrites the file header; a
    newer version's file must be refused before that, read-only.
    """
    if not db_path.exists():
        return
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=15)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        # Not a library, damaged or locked: the full open says which.
        return
    if row is not None:
        _refuse_unknown(str(row[0]), db_path)


def upgrade_due(db_path: Path) -> bool:
    """Whether opening ``db_path`` will migrate it (read-only; False when unsure or new)."""
    if not db_path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=15)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None and str(row[0]) in REVISIONS and str(row[0]) != HEAD


def _refuse_unknown(revision: str, db_path: Path) -> None:
    if revision not in REVISIONS:
        raise NewerSchemaError(
            f"{db_path} was written by a newer readinglist (schema {revision}); this is "
            f"readinglist {__version__} (schema {HEAD}). Update readinglist to open it; "
            "the file was left untouched."
        )


def ensure_current(engine: Engine, db_path: Path, data_dir: Path, keep: int = DEFAULT_KEEP) -> bool:
    """Upgrade the database to HEAD if needed; return True if anything was migrated."""
    revision = current_revision(engine)
    if revision == HEAD:
        return False
    if revision is not None:
        _refuse_unknown(revision, db_path)
    if revision is not None:
        # An existing library: keep a copy from before the first step. If the
        # copy cannot be made (disk full), nothing is migrated.
        make_backup(db_path, data_dir, reason=f"before-schema-{HEAD}", keep=keep)
    _upgrade(engine)
    return True


def _upgrade(engine: Engine) -> None:
    # Alembic is imported only when a migration runs: an up-to-date library
    # opens without paying for it at start-up.
    from alembic import command
    from alembic.config import Config

    config = Config()
    script_dir = resources.files("readinglist.library").joinpath("migrations")
    config.set_main_option("script_location", str(script_dir))
    try:
        with engine.connect() as conn:
            conn.info["write"] = True
            try:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                conn.commit()
            finally:
                close_after_write(conn)
    except OperationalError as exc:
        raise LibraryError(
            f"Could not upgrade the library at {engine.url.database}: {_reason(exc)}. "
            "Nothing was changed."
        ) from exc


def check_restorable(path: Path, name: str) -> None:
    """Raise unless ``path`` is a sound readinglist library this version can open."""
    try:
        problems = quick_check(path)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problems = [str(exc)]
        row = None
    if problems or row is None:
        why = problems[0] if problems else "it holds no library"
        raise LibraryError(f"The backup {name} cannot be restored: {why}. Choose another one.")
    if str(row[0]) not in REVISIONS:
        raise NewerSchemaError(
            f"The backup {name} was written by a newer readinglist (schema {row[0]}); this is "
            f"readinglist {__version__} (schema {HEAD}). Nothing was changed."
        )
