"""The one engine factory: a SQLite file with WAL, foreign keys and real transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

DB_FILENAME = "library.sqlite3"


def make_engine(db_path: Path) -> Engine:
    """An engine over ``db_path``; tests call this with a file in ``tmp_path``."""
    engine = create_engine(
        f"sqlite:///{db_path}",
        # Readers reuse a few connections: opening one (the file, five
        # pragmas, parsing a schema of some forty tables and triggers) costs
        # more than a keystroke's query. A thread has a connection to itself
        # while it holds it; a writer's is closed after it (see close_after_write),
        # and close() disposes of the rest, so nothing stays open on exit.
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=-1,
        connect_args={"timeout": 15, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # pysqlite's own transaction handling defers BEGIN until the first
        # DML and commits before DDL; turn it off and let SQLAlchemy emit
        # BEGIN itself, so a migration step or an import is truly atomic.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock at once, so two writers queue up on
        # the busy timeout instead of failing halfway with SQLITE_BUSY.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

    return engine


def close_after_write(conn: Connection) -> None:
    """Close a connection that wrote instead of returning it to the readers' pool.

    A writer may have changed its connection (a larger cache for an import,
    the flag that makes it take the write lock at once); readers must not
    inherit that.
    """
    conn.invalidate()
