"""The full-text index keeps a second index of two-letter prefixes.

Typing two letters is a prefix search over every word that starts with them
("de" matches de, deep, detection, des, ...). Without a prefix index FTS5
merges the posting lists of all those words on every keystroke: 140 ms for
half of a million-paper library on the machine the benchmarks ran on, and
20 ms with it. The cost is about a third more index and a few percent more
import time. FTS5 takes its prefix option only when the table is created, so
the index is made again and rebuilt from the papers (on a million papers,
under a minute, once, with the backup taken before any migration).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CREATE = (
    "CREATE VIRTUAL TABLE paper_fts USING fts5("
    "title, authors, abstract, note, content = 'paper_search', content_rowid = 'id', "
    "tokenize = 'unicode61 remove_diacritics 2'{prefix})"
)


def _recreate(prefix: str) -> None:
    # The triggers that keep the index in step name it only in their bodies,
    # so they stay in place while the table is replaced (in one transaction).
    op.execute("DROP TABLE paper_fts")
    op.execute(_CREATE.format(prefix=prefix))
    op.execute("INSERT INTO paper_fts (paper_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _recreate(", prefix = '2'")


def downgrade() -> None:
    _recreate("")
