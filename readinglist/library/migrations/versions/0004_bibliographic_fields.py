"""Papers in and out: the bibliographic fields of BibTeX, RIS and CSL-JSON, and a verbatim store.

- ``paper`` gains entry_type, year, date, venue, volume, number, pages, doi,
  url, arxiv, cite_key, language and keywords (all NULL when unknown).
- ``paper_field``: every other field of an imported entry, as the source wrote
  it, under the source's name for it (BibTeX names as they are, ``ris:XX``,
  ``csl:name``), so that an export gives back what an import read.
- Indexes: the DOI, lower-cased (an import matches papers by it), and the
  year (``list --year`` and sorting by year).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("entry_type", "TEXT"),
    ("year", "INTEGER"),
    ("date", "TEXT"),
    ("venue", "TEXT"),
    ("volume", "TEXT"),
    ("number", "TEXT"),
    ("pages", "TEXT"),
    ("doi", "TEXT"),
    ("url", "TEXT"),
    ("arxiv", "TEXT"),
    ("cite_key", "TEXT"),
    ("language", "TEXT"),
    ("keywords", "TEXT"),
)


def upgrade() -> None:
    # ADD COLUMN rewrites nothing in SQLite: instant even at a million papers.
    for name, kind in COLUMNS:
        op.execute(f"ALTER TABLE paper ADD COLUMN {name} {kind}")
    op.execute("CREATE INDEX ix_paper_doi ON paper (lower(doi)) WHERE doi IS NOT NULL")
    op.execute("CREATE INDEX ix_paper_year ON paper (year) WHERE year IS NOT NULL")
    op.create_table(
        "paper_field",
        sa.Column(
            "paper_id",
            sa.Integer,
            sa.ForeignKey("paper.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("paper_field")
    op.execute("DROP INDEX ix_paper_year")
    op.execute("DROP INDEX ix_paper_doi")
    with op.batch_alter_table("paper") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
