"""What syncing with a lab server needs: stable ids, sync positions, conflicts.

- ``lab_paper``: a paper's UUID on the lab server, the version of its shared
  fields last seen there and those fields as they were (``base``, JSON), the
  version of the member's note seen there, how many in the lab have read it,
  and what must be pushed whatever the journal says (``force``).
- ``lab_event``: the UUID of a status-history event, so that the histories of
  a member's machines merge as a union.
- ``lab_conflict``: a note edited on two machines while apart, or a shared
  field changed by two members: both versions are kept until resolved.
- ``lab_repush``: journal entries changed after they were pushed (undone,
  redone, a note burst extended) while the library is in a lab; a trigger
  fills it. The entries beyond the
  ``lab.pushed`` high-water mark (a library setting) are the others to push.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE lab_paper ("
        " paper_id INTEGER NOT NULL PRIMARY KEY REFERENCES paper (id) ON DELETE CASCADE,"
        " uuid TEXT NOT NULL UNIQUE,"
        " version INTEGER NOT NULL DEFAULT 0,"
        " base TEXT NOT NULL DEFAULT '{}',"
        " note_version INTEGER NOT NULL DEFAULT 0,"
        " read_by INTEGER,"
        " force TEXT NOT NULL DEFAULT '')"
    )
    op.execute(
        "CREATE TABLE lab_event ("
        " event_id INTEGER NOT NULL PRIMARY KEY REFERENCES reading_event (id) ON DELETE CASCADE,"
        " uuid TEXT NOT NULL UNIQUE)"
    )
    op.execute(
        "CREATE TABLE lab_conflict ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,"
        " kind TEXT NOT NULL CHECK (kind IN ('note', 'field')),"
        " field TEXT NOT NULL DEFAULT '',"
        " mine TEXT,"
        " theirs TEXT,"
        " theirs_version INTEGER NOT NULL DEFAULT 0,"
        " at DATETIME NOT NULL,"
        " UNIQUE (paper_id, kind, field))"
    )
    op.execute("CREATE TABLE lab_repush (entry_id INTEGER NOT NULL PRIMARY KEY)")
    op.execute(
        "CREATE TRIGGER lab_repush_on_change AFTER UPDATE OF state, changes ON journal"
        " WHEN EXISTS (SELECT 1 FROM library_setting WHERE key = 'lab.server')"
        " BEGIN INSERT OR IGNORE INTO lab_repush (entry_id) VALUES (NEW.id); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER lab_repush_on_change")
    for table in ("lab_repush", "lab_conflict", "lab_event", "lab_paper"):
        op.drop_table(table)
