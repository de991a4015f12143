"""The first schema: papers, authors, listings, tags, notes, reading history, full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _fk(name: str, target: str, **kw):
    return sa.Column(
        name,
        sa.Integer,
        sa.ForeignKey(target, ondelete="CASCADE"),
        nullable=False,
        **kw,
    )


def upgrade() -> None:
    op.create_table(
        "paper",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_key", sa.Text, nullable=False, unique=True),
        sa.Column("abstract", sa.Text),
        sa.Column("authors_text", sa.Text, nullable=False, server_default=""),
        sa.Column("sources_text", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.Text, nullable=False, server_default="new"),
        sa.Column("rating", sa.Integer, nullable=False, server_default="0"),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("rating BETWEEN 0 AND 5", name="ck_paper_rating"),
    )
    op.create_index("ix_paper_status", "paper", ["status"])
    op.create_index("ix_paper_rating", "paper", ["rating"])
    op.create_index("ix_paper_added_at", "paper", ["added_at"])
    op.execute("CREATE INDEX ix_paper_title_nocase ON paper (title COLLATE NOCASE)")
    op.execute("CREATE INDEX ix_paper_authors_nocase ON paper (authors_text COLLATE NOCASE)")
    op.execute("CREATE INDEX ix_paper_sources_nocase ON paper (sources_text COLLATE NOCASE)")

    op.create_table(
        "author",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False, unique=True),
    )
    op.create_table(
        "paper_author",
        _fk("paper_id", "paper.id", primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        _fk("author_id", "author.id"),
    )
    op.create_index("ix_paper_author_author_id", "paper_author", ["author_id"])

    op.create_table(
        "source_listing",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("language", sa.Text, nullable=False, server_default="unknown"),
        sa.Column("content_hash", sa.Text, nullable=False, server_default=""),
        sa.Column("entry_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("first_imported_at", sa.DateTime, nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "paper_source",
        _fk("paper_id", "paper.id", primary_key=True),
        _fk("listing_id", "source_listing.id", primary_key=True),
        sa.Column("line", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_paper_source_listing_id", "paper_source", ["listing_id"])

    op.create_table(
        "tag",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text(collation="NOCASE"), nullable=False, unique=True),
    )
    op.create_table(
        "paper_tag",
        _fk("paper_id", "paper.id", primary_key=True),
        _fk("tag_id", "tag.id", primary_key=True),
    )
    op.create_index("ix_paper_tag_tag_id", "paper_tag", ["tag_id"])

    op.create_table(
        "note",
        _fk("paper_id", "paper.id", primary_key=True),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "reading_event",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("paper_id", "paper.id"),
        sa.Column("old_status", sa.Text),
        sa.Column("new_status", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_reading_event_paper_id", "reading_event", ["paper_id"])
    op.create_index("ix_reading_event_at", "reading_event", ["at"])

    # Title, authors, abstract and note in one index; rowid is paper.id. The
    # library writes it in the same transaction as the rows it mirrors.
    # remove_diacritics 2 folds accents (Schölkopf = Scholkopf); the prefix
    # indexes make search-as-you-type on 1-3 letters cheap.
    op.execute(
        "CREATE VIRTUAL TABLE paper_fts USING fts5("
        "title, authors, abstract, note, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE paper_fts")
    for table in (
        "reading_event",
        "note",
        "paper_tag",
        "tag",
        "paper_source",
        "source_listing",
        "paper_author",
        "author",
        "paper",
    ):
        op.drop_table(table)
