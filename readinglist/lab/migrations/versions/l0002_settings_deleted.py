"""The lab's settings (shared tags), and papers a member deleted for good.

- ``lab_setting``: the lab's own settings, one row each (``shared_tags``:
  ``on``/``off``); every member reads them, only the admin (the schema's
  owner) writes them, and a change is stamped and announced like any row so
  that members pick it up at their next pull.
- ``member_private.deleted``: the member deleted the paper for good on one
  of their machines; it leaves all of them, stays in the lab for the others,
  and the lab's later changes to it are not sent to that member.

Revision ID: l0002
Revises: l0001
Create Date: 2026-11-25
"""

from alembic import op

revision = "l0002"
down_revision = "l0001"
branch_labels = None
depends_on = None

MEMBER_ROLE = "readinglist_lab_member"


def upgrade() -> None:
    op.execute(
        "CREATE TABLE lab_setting ("
        " key text PRIMARY KEY,"
        " value text NOT NULL,"
        " updated_at timestamptz NOT NULL DEFAULT now(),"
        " seq bigint NOT NULL)"
    )
    op.execute("CREATE INDEX ix_lab_setting_seq ON lab_setting (seq)")
    op.execute(
        "CREATE TRIGGER lab_setting_stamp BEFORE INSERT OR UPDATE ON lab_setting"
        " FOR EACH ROW EXECUTE FUNCTION lab_stamp()"
    )
    op.execute(
        "CREATE TRIGGER lab_setting_notify AFTER INSERT OR UPDATE ON lab_setting"
        " FOR EACH ROW EXECUTE FUNCTION lab_notify()"
    )
    # Members read the settings; only the owner (the admin) changes them.
    op.execute(f"GRANT SELECT ON lab_setting TO {MEMBER_ROLE}")
    op.execute("INSERT INTO lab_setting (key, value) VALUES ('shared_tags', 'off')")
    op.execute("ALTER TABLE member_private ADD COLUMN deleted boolean NOT NULL DEFAULT false")


def downgrade() -> None:
    op.execute("ALTER TABLE member_private DROP COLUMN deleted")
    op.execute("DROP TABLE lab_setting")
