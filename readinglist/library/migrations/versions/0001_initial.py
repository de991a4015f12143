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
        sa.Column("authors_text", sa.Text, nullable=False, server_default=""),
        sa.Column("sources_text", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.Text, nullable=False, server_default="new"),
        sa.Column("rating", sa.Integer, nullable=False, server_default="0"),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("rating BETWEEN 0 AND 5", name="ck_paper_rating"),
    )
    # Only the long text columns the table sorts by are indexed: each index
    # costs every import, and the short columns (status, rating) sort in
    # memory in a few tens of milliseconds; "added" sorts by id, which grows
    # in the order papers are added.
    op.execute("CREATE INDEX ix_paper_title_nocase ON paper (title COLLATE NOCASE)")
    op.execute("CREATE INDEX ix_paper_authors_nocase ON paper (authors_text COLLATE NOCASE)")

    # Abstracts (~1.5 kB each) live apart from the paper rows that every
    # list, sort and count reads, so those rows stay small and dense.
    op.create_table(
        "paper_abstract",
        sa.Column(
            "paper_id",
            sa.Integer,
            sa.ForeignKey("paper.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("text", sa.Text, nullable=False),
    )

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
        # Link tables are their primary key: one b-tree, not a rowid table
        # plus an index, which halves the writes of a bulk import.
        sqlite_with_rowid=False,
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
        sqlite_with_rowid=False,
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
        sqlite_with_rowid=False,
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

    # Title, authors, abstract and note in one full-text index whose rowid is
    # paper.id. It reads its text from the paper_search view (external
    # content), so no text is stored twice, and triggers keep it in step with
    # every change, in the same transaction. remove_diacritics 2 folds
    # accents (Schölkopf = Scholkopf).
    op.execute(
        "CREATE VIEW paper_search AS SELECT p.id AS id, p.title AS title,"
        " p.authors_text AS authors, a.text AS abstract, n.body AS note FROM paper p"
        " LEFT JOIN paper_abstract a ON a.paper_id = p.id LEFT JOIN note n ON n.paper_id = p.id"
    )
    op.execute(
        "CREATE VIRTUAL TABLE paper_fts USING fts5("
        "title, authors, abstract, note, content = 'paper_search', content_rowid = 'id', "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    # FTS5 rows added one at a time from a trigger cost three times one bulk
    # statement, so the importer sets bulk = 1 inside its transaction, fills
    # the index itself and sets it back before committing: no other
    # connection ever sees it set.
    op.create_table(
        "fts_control",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bulk", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("id = 1", name="ck_fts_control_single_row"),
    )
    op.execute("INSERT INTO fts_control (id, bulk) VALUES (1, 0)")

    # An external-content index forgets a row only when told the exact text
    # it indexed, so each trigger removes the old text, then adds the new.
    def text(pid: str, **given: str) -> str:
        """The indexed values of paper ``pid``: rowid, title, authors, abstract, note."""
        current = {
            "title": f"(SELECT title FROM paper WHERE id = {pid})",
            "authors": f"(SELECT authors_text FROM paper WHERE id = {pid})",
            "abstract": f"(SELECT text FROM paper_abstract WHERE paper_id = {pid})",
            "note": f"(SELECT body FROM note WHERE paper_id = {pid})",
        }
        current.update(given)
        return ", ".join([pid, *current.values()])

    add = "INSERT INTO paper_fts (rowid, title, authors, abstract, note) VALUES ({});"
    forget = (
        "INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, note)"
        " VALUES ('delete', {});"
    )
    bulk_off = "WHEN (SELECT bulk FROM fts_control) = 0"
    triggers = {
        "paper_fts_insert": (
            f"AFTER INSERT ON paper {bulk_off}",
            add.format(text("new.id")),
        ),
        "paper_fts_update": (
            "AFTER UPDATE OF title, authors_text ON paper",
            forget.format(text("old.id", title="old.title", authors="old.authors_text"))
            + add.format(text("new.id")),
        ),
        # Before the paper goes: its abstract and note are deleted first (so
        # their own triggers keep the index right), then what is left of it.
        "paper_fts_delete": (
            "BEFORE DELETE ON paper",
            "DELETE FROM paper_abstract WHERE paper_id = old.id;"
            " DELETE FROM note WHERE paper_id = old.id;"
            + forget.format(text("old.id", abstract="NULL", note="NULL")),
        ),
        "abstract_fts_insert": (
            f"AFTER INSERT ON paper_abstract {bulk_off}",
            forget.format(text("new.paper_id", abstract="NULL"))
            + add.format(text("new.paper_id")),
        ),
        "abstract_fts_update": (
            "AFTER UPDATE OF text ON paper_abstract",
            forget.format(text("old.paper_id", abstract="old.text"))
            + add.format(text("new.paper_id")),
        ),
        "abstract_fts_delete": (
            "AFTER DELETE ON paper_abstract",
            forget.format(text("old.paper_id", abstract="old.text"))
            + add.format(text("old.paper_id")),
        ),
        "note_fts_insert": (
            "AFTER INSERT ON note",
            forget.format(text("new.paper_id", note="NULL")) + add.format(text("new.paper_id")),
        ),
        "note_fts_update": (
            "AFTER UPDATE OF body ON note",
            forget.format(text("old.paper_id", note="old.body"))
            + add.format(text("new.paper_id")),
        ),
        "note_fts_delete": (
            "AFTER DELETE ON note",
            forget.format(text("old.paper_id", note="old.body"))
            + add.format(text("old.paper_id")),
        ),
    }
    for name, (when, body) in triggers.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


TRIGGERS = (
    "paper_fts_insert",
    "paper_fts_update",
    "paper_fts_delete",
    "abstract_fts_insert",
    "abstract_fts_update",
    "abstract_fts_delete",
    "note_fts_insert",
    "note_fts_update",
    "note_fts_delete",
)


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE paper_fts")
    op.execute("DROP VIEW paper_search")
    op.drop_table("fts_control")
    for table in (
        "reading_event",
        "note",
        "paper_tag",
        "tag",
        "paper_source",
        "source_listing",
        "paper_author",
        "author",
        "paper_abstract",
        "paper",
    ):
        op.drop_table(table)
