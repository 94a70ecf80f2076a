"""The offline audit store: SQLAlchemy models, the database, the event log, the evidence files. No Qt."""
