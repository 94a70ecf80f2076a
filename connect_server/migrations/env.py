"""Alembic environment for the Connect server: runs on the engine `connect_server.db.migrate` passes."""

from alembic import context

from connect_server.models import Base

engine = context.config.attributes.get("engine")
if engine is None:
    raise RuntimeError("migrations run through connect_server.db.migrate, which passes an engine")
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()
    if connection.in_transaction():
        connection.commit()
