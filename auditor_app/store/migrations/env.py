"""Alembic environment: migrations run on the connection the store hands over, inside its transaction.

`db.upgrade` has already begun an IMMEDIATE transaction on that connection (it emits BEGIN itself,
which Python's sqlite3 driver would not do before DDL), so every migration of the run commits
together, or none does.
"""

from alembic import context

from auditor_app.store.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through auditor_app.store.db, which passes a connection")
if not connection.in_transaction():
    # Without the caller's transaction each CREATE/ALTER would commit on its own.
    raise RuntimeError("migrations run inside the transaction auditor_app.store.db.upgrade begins")

# transactional_ddl: SQLite's DDL is transactional once BEGIN is emitted (Alembic assumes it is not).
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
