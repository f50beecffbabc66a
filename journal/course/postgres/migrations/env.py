"""Alembic's environment: run the migrations on the connection `journal course migrate-db` hands over."""

from alembic import context

from journal.course.postgres.schema import metadata

try:
    config = context.config
except (NameError, AttributeError):     # imported outside Alembic (by the doctest collector): nothing to run
    config = None

if config is not None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
