"""Declarative base shared by every table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from auditor_app.store.types import UTCDateTime, new_id, utcnow

# Stable constraint names so Alembic migrations can alter them on SQLite (batch mode).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AuditPart:
    """A row that belongs to one audit: changes to it are substance, logged in the audit's event chain.

    Subclasses define `audit_id`. `updated_at` is bookkeeping, not substance: it is not logged.
    """

    __logged__ = True
    __tablename__: str  # set by each table class
    id: Mapped[str] = mapped_column(primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
