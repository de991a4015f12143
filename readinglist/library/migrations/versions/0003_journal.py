"""The library becomes the user's: a journal of changes, a Trash, attachments, a queue.

- ``journal``: every change, with the rows it touched before and after, in
  the transaction that made it; undo, redo and the history are read from it
  (and a lab server will sync it). ``uuid`` names an entry across machines.
- ``paper.trashed_at``: a paper in the Trash keeps all it has; a partial
  index finds the (few) trashed papers without costing imports anything.
- ``paper.queue_position``: the read-next order of the To read papers.
- ``paper.edited``: the fields the user edited by hand, which an import of a
  listing never overwrites.
- ``attachment``, ``saved_search``, ``not_duplicate`` and ``library_setting``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN rewrites nothing in SQLite: instant even at a million papers.
    op.execute("ALTER TABLE paper ADD COLUMN trashed_at DATETIME")
    op.execute("ALTER TABLE paper ADD COLUMN queue_position INTEGER")
    op.execute("ALTER TABLE paper ADD COLUMN edited TEXT NOT NULL DEFAULT ''")
    op.execute(
        "CREATE INDEX ix_paper_trashed_at ON paper (trashed_at) WHERE trashed_at IS NOT NULL"
    )
    op.execute(
        "CREATE INDEX ix_paper_queue_position ON paper (queue_position)"
        " WHERE queue_position IS NOT NULL"
    )

    op.create_table(
        "journal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.Text, nullable=False, unique=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("papers", sa.Text, nullable=False, server_default="[]"),
        sa.Column("changes", sa.Text, nullable=False, server_default="{}"),
        sa.Column("state", sa.Text, nullable=False, server_default="done"),
        sa.Column("burst", sa.Text),
        sa.CheckConstraint("state IN ('done', 'undone', 'dropped')", name="ck_journal_state"),
    )
    op.create_index("ix_journal_at", "journal", ["at"])

    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "paper_id",
            sa.Integer,
            sa.ForeignKey("paper.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False, server_default=""),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("kind IN ('file', 'link')", name="ck_attachment_kind"),
    )
    op.create_index("ix_attachment_paper_id", "attachment", ["paper_id"])

    op.create_table(
        "saved_search",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text(collation="NOCASE"), nullable=False, unique=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "not_duplicate",
        sa.Column(
            "paper_a",
            sa.Integer,
            sa.ForeignKey("paper.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "paper_b",
            sa.Integer,
            sa.ForeignKey("paper.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.CheckConstraint("paper_a < paper_b", name="ck_not_duplicate_order"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "library_setting",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    for table in ("library_setting", "not_duplicate", "saved_search", "attachment", "journal"):
        op.drop_table(table)
    op.execute("DROP INDEX ix_paper_queue_position")
    op.execute("DROP INDEX ix_paper_trashed_at")
    with op.batch_alter_table("paper") as batch:
        batch.drop_column("edited")
        batch.drop_column("queue_position")
        batch.drop_column("trashed_at")
