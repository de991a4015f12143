"""Whether a library is in a lab: a cheap check for start-up, importing nothing heavy."""

from __future__ import annotations

from readinglist.library import Library


def in_lab(library: Library) -> bool:
    """True when the library joined a lab server (and has not left it)."""
    with library.engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT 1 FROM library_setting WHERE key = 'lab.server'"
        ).first()
    return found is not None
