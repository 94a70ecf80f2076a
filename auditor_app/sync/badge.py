"""An audit's sync badge in the audit list: its words and tip (`sync.status.badges` reads them from the
outbox). Its own module, free of SQLAlchemy: the list at start shows audits before the store is open."""

from __future__ import annotations

from typing import NamedTuple

# Badge words; the audit list colours them by the first word.
NOT_QUEUED, WAITING, SENDING, SENT, FAILED = "not queued", "waiting", "sending", "sent", "failed"


class Badge(NamedTuple):  # not a dataclass: defined at every start (docs/architecture.md)
    text: str
    tip: str


__all__ = ["FAILED", "NOT_QUEUED", "SENDING", "SENT", "WAITING", "Badge"]
