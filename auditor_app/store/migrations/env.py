"""Alembic environment: migrations run on the connection the store hands over."""

from alembic import context

from auditor_app.store.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through auditor_app.store.db, which passes a connection")

context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
