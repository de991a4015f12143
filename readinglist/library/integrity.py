"""Crash safety of the library file: unclean-shutdown check, quick_check, moving bad files aside."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import sys
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from readinglist.library import backup as backups
from readinglist.library.db import DB_FILENAME
from readinglist.library.errors import CorruptDatabaseError, LibraryError
from readinglist.library.types import BackupInfo

# One marker file per open Library, locked for as long as it is open. The
# kernel drops the lock when the process dies however it dies, so a marker
# whose lock can be taken belongs to a session that never closed: an unclean
# shutdown. Locks (not PIDs) make this safe against PID reuse, and they work
# the same on Windows.
SESSIONS_DIRNAME = ".sessions"
WAL_SUFFIXES = ("-wal", "-shm")

# SQLite's primary result codes that mean the file itself is damaged; every
# other failure (locked, read-only, disk full, cannot open) is not the file's
# fault and must never get a library moved aside.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def is_corruption(exc: BaseException) -> bool:
    """Whether a sqlite3 (or SQLAlchemy-wrapped) error says the file is damaged."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(orig).lower()
    return "malformed" in text or "not a database" in text


@dataclass
class Session:
    """This process's claim on a data folder, and what earlier sessions left behind."""

    marker: Path
    handle: IO[bytes] | None
    stale: list[Path] = field(default_factory=list)
    others_alive: bool = False
    wal_left: bool = False

    @property
    def unclean(self) -> bool:
        """An earlier session ended without closing the library (killed, crashed, power cut)."""
        return bool(self.stale) or self.wal_left

    @classmethod
    def start(cls, data_dir: Path) -> Session:
        folder = data_dir / SESSIONS_DIRNAME
        marker = folder / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            folder.mkdir(exist_ok=True)
            handle = marker.open("wb")
        except OSError as exc:
            raise LibraryError(_unwritable(data_dir, exc)) from exc
        # A fresh file: nobody else can hold its lock.
        _try_lock(handle)
        session = cls(marker, handle)
        # A Library dropped without close() lets go of its lock when collected
        # (quietly: that is not the caller's error to hear about); its marker
        # stays, so the next start checks the file as after a crash.
        weakref.finalize(session, _close_quietly, handle)
        for other in folder.iterdir():
            if other == marker:
                continue
            try:
                with other.open("rb") as probe:
                    if _try_lock(probe):
                        session.stale.append(other)
                    else:
                        session.others_alive = True
            except OSError:
                session.others_alive = True
        # SQLite removes the -wal when the last connection closes; one left
        # with nobody else open is a crash too, even of a version of
        # readinglist that wrote no markers.
        wal = data_dir / (DB_FILENAME + "-wal")
        with contextlib.suppress(OSError):
            session.wal_left = not session.others_alive and wal.stat().st_size > 0
        return session

    def forget_stale(self) -> None:
        """Drop the markers of dead sessions once the library has been checked."""
        for path in self.stale:
            with contextlib.suppress(OSError):
                path.unlink()
        self.stale.clear()

    def end(self) -> None:
        """A clean close: the marker goes, so the next start skips the check."""
        if self.handle is None:
            return
        # Windows cannot remove a file that is still open.
        self.handle.close()
        self.handle = None
        with contextlib.suppress(OSError):
            self.marker.unlink()


def _close_quietly(handle: IO[bytes]) -> None:
    with contextlib.suppress(OSError):
        handle.close()


def _unwritable(data_dir: Path, exc: OSError) -> str:
    why = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        advice = "free some space and try again"
    else:
        advice = "check the folder's permissions, or use --data-dir to choose another"
    return (
        f"Cannot write in the library folder {data_dir} ({why}), and readinglist must, "
        f"to keep your changes safe: {advice}."
    )


# Below this much free space SQLite cannot grow its shared-memory index or
# log, and reports only "disk I/O error".
LOW_SPACE = 256 * 1024


def write_trouble(folder: Path) -> str | None:
    """Why ``folder`` cannot take writes now ("full", "read-only"), or None if it can."""
    try:
        if shutil.disk_usage(folder).free < LOW_SPACE:
            return "the disk it is on is full; free some space and try again"
    except OSError:
        return None
    # access() reports a read-only file system even to root.
    if not os.access(folder, os.W_OK):
        return "the folder is read-only; check its permissions"
    return None


def live_sessions(data_dir: Path) -> int:
    """How many libraries are open on ``data_dir`` right now, in this or other processes."""
    folder = data_dir / SESSIONS_DIRNAME
    if not folder.is_dir():
        return 0
    alive = 0
    for marker in folder.iterdir():
        try:
            with marker.open("rb") as probe:
                alive += not _try_lock(probe)
        except OSError:
            continue
    return alive


def quick_check(db_path: Path, *, full: bool = False) -> list[str]:
    """SQLite's quick_check (or integrity_check) of a file: an empty list when it is sound.

    Raises ``CorruptDatabaseError`` only when SQLite cannot read the file as a
    database at all; other failures (locked, unreadable folder) raise sqlite3's own.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(db_path, timeout=15)
        try:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return [str(exc)]
        raise
    return [] if rows == ["ok"] else rows


def check_after_crash(db_path: Path) -> None:
    """Raise ``CorruptDatabaseError`` if the library file fails SQLite's quick_check."""
    if not db_path.exists():
        return
    try:
        problems = quick_check(db_path)
    except sqlite3.Error:
        # Locked or unreadable for reasons other than damage: opening the
        # library proper reports those with a better message.
        return
    if problems:
        raise CorruptDatabaseError(
            f"{db_path} is damaged: readinglist was not closed properly and SQLite's check "
            f"found: {problems[0]}" + (f" (and {len(problems) - 1} more)" if problems[1:] else "")
        )


def set_aside(db_path: Path) -> Path:
    """Move a bad library file (with its -wal and -shm) to ``NAME.corrupt-YYYYmmdd-HHMMSS``.

    Nothing is deleted; the returned path is where the file now is.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    n = 1
    while any(target.with_name(target.name + s).exists() for s in ("", *WAL_SUFFIXES)):
        n += 1
        target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}-{n}")
    try:
        # The -wal goes first: a -wal left beside a new, empty library would
        # be replayed into it.
        for suffix in WAL_SUFFIXES:
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        db_path.replace(target)
    except OSError as exc:
        raise LibraryError(
            f"Could not move the damaged library {db_path} aside: {exc.strerror or exc}."
        ) from exc
    return target


def latest_good_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup SQLite can read (its paper count is known), if any."""
    for path in backups.list_backup_files(data_dir):
        info = backups.describe(path)
        if info.papers >= 0:
            return info
    return None


class DamagedLibraryError(CorruptDatabaseError):
    """A library file that cannot be read: where it was moved, and the backup to offer."""

    def __init__(
        self, message: str, db_path: Path, moved_to: Path | None, backup: BackupInfo | None
    ) -> None:
        super().__init__(message)
        self.db_path = db_path
        self.moved_to = moved_to
        self.backup = backup


def damaged(data_dir: Path, cause: CorruptDatabaseError, *, move: bool) -> DamagedLibraryError:
    """The error to raise for a damaged library, after moving the file aside if ``move``."""
    db_path = data_dir / DB_FILENAME
    moved_to = set_aside(db_path) if move and db_path.exists() else None
    backup = latest_good_backup(data_dir)
    parts = [str(cause).rstrip(".") + "."]
    if moved_to is not None:
        parts.append(f"The damaged file was kept as {moved_to}.")
    if backup is not None:
        parts.append(
            f"The latest backup, {Path(backup.path).name} ({backup.created_at:%Y-%m-%d %H:%M}, "
            f"{backup.papers} papers), can be put back with 'readinglist restore'."
        )
    else:
        parts.append("There is no backup to go back to.")
    return DamagedLibraryError(" ".join(parts), db_path, moved_to, backup)
