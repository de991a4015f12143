"""A narrow index over the reading state, for the search language's field terms.

``status:``, ``rating:``, ``added:`` and ``year:`` compare columns of the
paper row. Without an index SQLite reads every paper row, titles and all, to
test them (about 50 ms at 100k papers). This index holds those columns and
the row id, so that a term on them walks the index alone: by key when the
status is given, and as a scan of a table a few times narrower when it is not.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_paper_reading_state"
        " ON paper (status, rating, added_at, year, queue_position)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_paper_reading_state")
