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
    # content), so abstracts are not stored twice, and triggers keep it in
    # step with every change in the same transaction. remove_diacritics 2
    # folds accents (Schölkopf = Scholkopf).
    op.execute(
        "CREATE VIEW paper_search AS SELECT p.id AS id, p.title AS title,"
        " p.authors_text AS authors, p.abstract AS abstract, n.body AS note"
        " FROM paper p LEFT JOIN note n ON n.paper_id = p.id"
    )
    op.execute(
        "CREATE VIRTUAL TABLE paper_fts USING fts5("
        "title, authors, abstract, note, content = 'paper_search', content_rowid = 'id', "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    # An external-content index forgets a row only when told the exact text
    # it indexed: each trigger removes the old text before adding the new.
    note_of = "(SELECT body FROM note WHERE paper_id = {id})"
    # FTS5 inserts made one by one from a trigger cost three times a single
    # bulk statement, so the importer sets bulk = 1 inside its transaction,
    # fills the index itself, and sets it back before committing: no other
    # connection ever sees it set.
    op.create_table(
        "fts_control",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bulk", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("id = 1", name="ck_fts_control_single_row"),
    )
    op.execute("INSERT INTO fts_control (id, bulk) VALUES (1, 0)")
    op.execute(
        "CREATE TRIGGER paper_fts_insert AFTER INSERT ON paper"
        " WHEN (SELECT bulk FROM fts_control) = 0 BEGIN"
        " INSERT INTO paper_fts (rowid, title, authors, abstract, note)"
        f" VALUES (new.id, new.title, new.authors_text, new.abstract, {note_of.format(id='new.id')});"
        " END"
    )
    op.execute(
        "CREATE TRIGGER paper_fts_update AFTER UPDATE OF title, authors_text, abstract ON paper"
        " BEGIN"
        " INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, note)"
        " VALUES ('delete', old.id, old.title, old.authors_text, old.abstract,"
        f" {note_of.format(id='old.id')});"
        " INSERT INTO paper_fts (rowid, title, authors, abstract, note)"
        f" VALUES (new.id, new.title, new.authors_text, new.abstract, {note_of.format(id='new.id')});"
        " END"
    )
    op.execute(
        "CREATE TRIGGER paper_fts_delete AFTER DELETE ON paper BEGIN"
        " INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, note)"
        " VALUES ('delete', old.id, old.title, old.authors_text, old.abstract, NULL);"
        " END"
    )
    # A note's row goes before its paper's (ON DELETE CASCADE), so the paper
    # trigger above indexes no note text; these keep the note column right.
    paper_cols = "(SELECT {c} FROM paper WHERE id = {id})"

    def indexed(id_: str, note: str) -> str:
        cols = ", ".join(paper_cols.format(c=c, id=id_) for c in ("title", "authors_text", "abstract"))
        return f"{id_}, {cols}, {note}"

    op.execute(
        "CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN"
        " INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, note)"
        f" VALUES ('delete', {indexed('new.paper_id', 'NULL')});"
        f" INSERT INTO paper_fts (rowid, title, authors, abstract, note)"
        f" VALUES ({indexed('new.paper_id', 'new.body')});"
        " END"
    )
    op.execute(
        "CREATE TRIGGER note_fts_update AFTER UPDATE OF body ON note BEGIN"
        " INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, note)"
        f" VALUES ('delete', {indexed('old.paper_id', 'old.body')});"
        f" INSERT INTO paper_fts (rowid, title, authors, abstract, note)"
        f" VALUES ({indexed('new.paper_id', 'new.body')});"
        " END"
    )
    op.execute(
        "CREATE TRIGGER note_fts_delete AFTER DELETE ON note"
        " WHEN EXISTS (SELECT 1 FROM paper WHERE id = old.paper_id) BEGIN"
        " INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, note)"
        f" VALUES ('delete', {indexed('old.paper_id', 'old.body')});"
        f" INSERT INTO paper_fts (rowid, title, authors, abstract, note)"
        f" VALUES ({indexed('old.paper_id', 'NULL')});"
        " END"
    )


def downgrade() -> None:
    for trigger in (
        "paper_fts_insert",
        "paper_fts_update",
        "paper_fts_delete",
        "note_fts_insert",
        "note_fts_update",
        "note_fts_delete",
    ):
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
        "paper",
    ):
        op.drop_table(table)
