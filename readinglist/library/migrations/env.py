"""Alembic environment: runs on the connection readinglist hands it, one transaction per step."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables.
    render_as_batch=True,
    transaction_per_migration=True,
)
context.run_migrations()
