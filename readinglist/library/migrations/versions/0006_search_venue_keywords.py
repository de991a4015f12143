"""The full-text index covers the venue and the source's keywords too.

A search for "NeurIPS" or for a keyword a BibTeX file carried finds the paper.
FTS5 takes its columns only when the table is created, so the view it reads,
the table and the triggers that keep it in step are made again with the two
columns (each trigger tells the index the exact text it held, as in the
first schema), and the index is rebuilt from the papers, in one transaction
with the backup taken before it, as for 0002.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

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


def _build(columns: tuple[str, ...]) -> None:
    """The view, the index over ``columns`` (beyond title/authors/abstract/note), its triggers."""
    extra_view = "".join(f", p.{c} AS {c}" for c in columns)
    op.execute(
        "CREATE VIEW paper_search AS SELECT p.id AS id, p.title AS title,"
        f" p.authors_text AS authors, a.text AS abstract, n.body AS note{extra_view}"
        " FROM paper p LEFT JOIN paper_abstract a ON a.paper_id = p.id"
        " LEFT JOIN note n ON n.paper_id = p.id"
    )
    names = ("title", "authors", "abstract", "note", *columns)
    op.execute(
        f"CREATE VIRTUAL TABLE paper_fts USING fts5({', '.join(names)},"
        " content = 'paper_search', content_rowid = 'id',"
        " tokenize = 'unicode61 remove_diacritics 2', prefix = '2')"
    )

    def text(pid: str, **given: str) -> str:
        """The indexed values of paper ``pid``, in column order."""
        current = {
            "title": f"(SELECT title FROM paper WHERE id = {pid})",
            "authors": f"(SELECT authors_text FROM paper WHERE id = {pid})",
            "abstract": f"(SELECT text FROM paper_abstract WHERE paper_id = {pid})",
            "note": f"(SELECT body FROM note WHERE paper_id = {pid})",
        }
        current.update({c: f"(SELECT {c} FROM paper WHERE id = {pid})" for c in columns})
        current.update(given)
        return ", ".join([pid, *current.values()])

    cols = ", ".join(names)
    add = f"INSERT INTO paper_fts (rowid, {cols}) VALUES ({{}});"
    forget = f"INSERT INTO paper_fts (paper_fts, rowid, {cols}) VALUES ('delete', {{}});"
    bulk_off = "WHEN (SELECT bulk FROM fts_control) = 0"
    old_paper = {"title": "old.title", "authors": "old.authors_text"}
    old_paper.update({c: f"old.{c}" for c in columns})
    watched = ", ".join(["title", "authors_text", *columns])
    triggers = {
        "paper_fts_insert": (f"AFTER INSERT ON paper {bulk_off}", add.format(text("new.id"))),
        "paper_fts_update": (
            f"AFTER UPDATE OF {watched} ON paper",
            forget.format(text("old.id", **old_paper)) + add.format(text("new.id")),
        ),
        "paper_fts_delete": (
            "BEFORE DELETE ON paper",
            "DELETE FROM paper_abstract WHERE paper_id = old.id;"
            " DELETE FROM note WHERE paper_id = old.id;"
            + forget.format(text("old.id", abstract="NULL", note="NULL", **old_paper)),
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
    op.execute("INSERT INTO paper_fts (paper_fts) VALUES ('rebuild')")


def _drop() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE paper_fts")
    op.execute("DROP VIEW paper_search")


def upgrade() -> None:
    _drop()
    _build(("venue", "keywords"))


def downgrade() -> None:
    _drop()
    _build(())
