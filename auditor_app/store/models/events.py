"""The append-only, hash-chained event log of each audit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditor_app.store.models.base import Base
from auditor_app.store.types import JSONText, UTCDateTime


class Event(Base):
    """What changed (entity, field, old -> new), when, by whom; `hash` chains it to the event before."""

    __tablename__ = "event"
    __table_args__ = (UniqueConstraint("audit_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    audit_id: Mapped[str] = mapped_column(ForeignKey("audit.id", ondelete="RESTRICT"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(12))  # create | update | delete | <named action>
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    # {"field": [old, new], ...} for updates; the full row for create and delete.
    changes: Mapped[dict] = mapped_column(JSONText)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    _chained: bool = False  # not a column: set by the chain (eventlog._Chain), the only writer of events
