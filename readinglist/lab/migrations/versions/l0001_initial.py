"""The lab server's first schema: shared papers, members, each member's private state.

Every row carries ``seq``, from one sequence, set by a trigger that first
takes a transaction-wide advisory lock: writers commit one after another in
``seq`` order, so a reader that has seen ``seq`` n has seen everything below
it, and "what changed since n" never skips a row committed late.

Row-level security keeps each member's state, queue, tags, history and notes to their own
role; status and rating are visible to the lab when the member shares them.

Revision ID: l0001
Revises:
Create Date: 2026-11-25
"""

from alembic import op

revision = "l0001"
down_revision = None
branch_labels = None
depends_on = None

MEMBER_ROLE = "readinglist_lab_member"
PRIVATE = ("member_state", "member_private", "member_event", "member_note")


def upgrade() -> None:
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{MEMBER_ROLE}')"
        f" THEN CREATE ROLE {MEMBER_ROLE} NOLOGIN; END IF; END $$"
    )
    op.execute("CREATE SEQUENCE lab_seq")
    op.execute(
        "CREATE FUNCTION lab_stamp() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN PERFORM pg_advisory_xact_lock(7340214);"
        " NEW.seq := nextval('lab_seq'); RETURN NEW; END $$"
    )
    # One notification per table and transaction that changed rows (PostgreSQL
    # folds equal payloads; a statement that changes nothing says nothing, or
    # every listener's sync would wake the others): the listeners pull the rest.
    op.execute(
        "CREATE FUNCTION lab_notify() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN PERFORM pg_notify('readinglist_lab', TG_TABLE_NAME); RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TABLE lab_paper ("
        " uuid uuid PRIMARY KEY,"
        " title_key text NOT NULL,"
        " first_author_key text NOT NULL DEFAULT '',"
        " doi text,"
        " fields jsonb NOT NULL,"
        " version integer NOT NULL DEFAULT 1,"
        " created_by text NOT NULL DEFAULT current_user,"
        " updated_by text NOT NULL DEFAULT current_user,"
        " updated_at timestamptz NOT NULL DEFAULT now(),"
        " seq bigint NOT NULL)"
    )
    op.execute("CREATE INDEX ix_lab_paper_title_key ON lab_paper (title_key)")
    op.execute("CREATE INDEX ix_lab_paper_doi ON lab_paper (doi) WHERE doi IS NOT NULL")
    op.execute(
        "CREATE TABLE lab_member ("
        " member text PRIMARY KEY DEFAULT current_user,"
        " share boolean NOT NULL DEFAULT false,"
        " joined_at timestamptz NOT NULL DEFAULT now(),"
        " seq bigint NOT NULL)"
    )
    op.execute(
        "CREATE TABLE member_state ("
        " member text NOT NULL DEFAULT current_user,"
        " paper uuid NOT NULL REFERENCES lab_paper (uuid),"
        " status text NOT NULL DEFAULT 'new',"
        " rating integer NOT NULL DEFAULT 0,"
        " hlc bigint NOT NULL,"
        " seq bigint NOT NULL,"
        " PRIMARY KEY (member, paper))"
    )
    # What is never shared (queue, Trash, personal tags), apart from what may be.
    op.execute(
        "CREATE TABLE member_private ("
        " member text NOT NULL DEFAULT current_user,"
        " paper uuid NOT NULL REFERENCES lab_paper (uuid),"
        " queue_position integer,"
        " trashed boolean NOT NULL DEFAULT false,"
        " tags jsonb NOT NULL DEFAULT '[]',"
        " hlc bigint NOT NULL,"
        " seq bigint NOT NULL,"
        " PRIMARY KEY (member, paper))"
    )
    op.execute(
        "CREATE TABLE member_event ("
        " uuid uuid PRIMARY KEY,"
        " member text NOT NULL DEFAULT current_user,"
        " paper uuid NOT NULL REFERENCES lab_paper (uuid),"
        " old_status text,"
        " new_status text NOT NULL,"
        " at timestamp NOT NULL,"
        " seq bigint NOT NULL)"
    )
    op.execute(
        "CREATE TABLE member_note ("
        " member text NOT NULL DEFAULT current_user,"
        " paper uuid NOT NULL REFERENCES lab_paper (uuid),"
        " body text NOT NULL,"
        " version integer NOT NULL DEFAULT 1,"
        " seq bigint NOT NULL,"
        " PRIMARY KEY (member, paper))"
    )
    # "Read by n in the lab" counts a paper's rows across members.
    op.execute("CREATE INDEX ix_member_state_paper ON member_state (paper)")
    for table in ("lab_paper", "lab_member", *PRIVATE):
        op.execute(f"CREATE INDEX ix_{table}_seq ON {table} (seq)")
        op.execute(
            f"CREATE TRIGGER {table}_stamp BEFORE INSERT OR UPDATE ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION lab_stamp()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION lab_notify()"
        )
        op.execute(f"GRANT SELECT, INSERT, UPDATE ON {table} TO {MEMBER_ROLE}")
    op.execute(f"GRANT USAGE ON SEQUENCE lab_seq TO {MEMBER_ROLE}")
    op.execute(f"GRANT SELECT ON lab_schema_version TO {MEMBER_ROLE}")

    op.execute("ALTER TABLE lab_member ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY lab_member_read ON lab_member FOR SELECT USING (true)")
    op.execute(
        "CREATE POLICY lab_member_own_insert ON lab_member FOR INSERT"
        " WITH CHECK (member = current_user)"
    )
    op.execute(
        "CREATE POLICY lab_member_own_update ON lab_member FOR UPDATE"
        " USING (member = current_user) WITH CHECK (member = current_user)"
    )
    for table in PRIVATE:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY {table}_own ON {table} FOR ALL"
            " USING (member = current_user) WITH CHECK (member = current_user)"
        )
    # Shared status and rating: readable by the lab, still writable only by their member.
    op.execute(
        "CREATE POLICY member_state_shared ON member_state FOR SELECT USING ("
        " EXISTS (SELECT 1 FROM lab_member m WHERE m.member = member_state.member AND m.share))"
    )


def downgrade() -> None:
    for table in (*reversed(PRIVATE), "lab_member", "lab_paper"):
        op.execute(f"DROP TABLE {table}")
    op.execute("DROP FUNCTION lab_notify()")
    op.execute("DROP FUNCTION lab_stamp()")
    op.execute("DROP SEQUENCE lab_seq")
