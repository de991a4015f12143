"""Alembic environment of the lab server: runs on the connection readinglist hands it."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    version_table="lab_schema_version",
    transaction_per_migration=True,
)
context.run_migrations()
