"""What the window shows of the outbox: one line per item (the sync panel) and one badge per audit (the
audit list). Reads only; the caller passes a read-only session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.demo_marker import is_demo_audit
from auditor_app.store.models import Audit, FactoryProfile, Finding, OutboxItem
from auditor_app.sync.outbox import SUBMISSION, ZT_GRADE, ZT_PREFIX, zt_kind
from auditor_app.sync.zt_notice import receipt_time

from auditor_app.sync.badge import FAILED, NOT_QUEUED, SENDING, SENT, WAITING, Badge


@dataclass(frozen=True)
class ItemView:
    item_id: str
    audit_id: str
    kind: str
    state: str  # pending | sending | sent | failed
    what: str  # "Audit package" or "Zero Tolerance alert (2.1.1)"
    factory: str
    error: str
    attempts: int
    received_at: datetime | None  # the receipt's time, once sent
    checkpoint: str = ""  # an alert's checkpoint (the window words `what` in its language from kind + this)


def item_views(session: Session, audit_id: str | None = None) -> list[ItemView]:
    """Every outbox item (of one audit), alerts first, oldest first."""
    query = select(OutboxItem).order_by(OutboxItem.created_at, OutboxItem.id)
    if audit_id:
        query = query.where(OutboxItem.audit_id == audit_id)
    rows = session.scalars(query).all()
    names = dict(session.execute(select(FactoryProfile.audit_id, FactoryProfile.name)
                                 .where(FactoryProfile.audit_id.in_({r.audit_id for r in rows}))).all())
    views = [ItemView(r.id, r.audit_id, r.kind, r.state, _what(r), names.get(r.audit_id, ""), r.last_error or "",
                      r.attempts, receipt_time(r.receipt or {}) if r.state == "sent" else None, _checkpoint(r))
             for r in rows]
    return sorted(views, key=lambda v: not v.kind.startswith(ZT_PREFIX))


def _checkpoint(row: OutboxItem) -> str:
    return "" if row.kind == SUBMISSION else str(((row.payload or {}).get("body") or {}).get("checkpoint_id", ""))


def _what(row: OutboxItem) -> str:
    if row.kind == SUBMISSION:
        return "Audit package"
    checkpoint = _checkpoint(row)
    return f"Zero Tolerance alert ({checkpoint})" if checkpoint else "Zero Tolerance alert"


def badge(audit_state: str, items: list[ItemView], sending: bool = False) -> Badge:
    """The audit's sync badge: a refusal first (it needs the auditor), then sending, waiting, sent."""
    failed = [i for i in items if i.state == "failed"]
    if failed:
        reason = failed[0].error.splitlines()[0].rstrip(".") if failed[0].error else "no reason given"
        return Badge(f"{FAILED}", f"{failed[0].what} refused: {reason}. Open the sync panel to retry.")
    if sending:
        return Badge(SENDING, "Sending to Connect now.")
    waiting = [i for i in items if i.state in ("pending", "sending")]
    if waiting:
        why = f" The last try: {waiting[0].error.splitlines()[0].rstrip('.')}." if waiting[0].error else ""
        return Badge(WAITING, f"{waiting[0].what} waits to be sent (Sync now).{why}")
    submission = next((i for i in items if i.kind == SUBMISSION and i.state == "sent"), None)
    if submission is not None:
        when = submission.received_at
        return Badge(f"{SENT} {_short(when)}" if when else SENT,
                     f"The platform verified the audit package and signed its receipt{_long(when)}.")
    alerts = [i for i in items if i.state == "sent"]
    if audit_state == "draft":
        tip = "A draft stays on this laptop; it is queued when it is finalized."
        if alerts:
            tip += f" Zero Tolerance alert received by the platform{_long(alerts[-1].received_at)}."
        return Badge(NOT_QUEUED, tip)
    return Badge(NOT_QUEUED, "Not in the outbox (an audit imported or made before Connect).")


def badges(session: Session, audits: dict[str, str], sending: frozenset[str] = frozenset()) -> dict[str, Badge]:
    """{audit id: badge} for audits given as {id: state}."""
    by_audit: dict[str, list[ItemView]] = {}
    for view in item_views(session):
        by_audit.setdefault(view.audit_id, []).append(view)
    return {a: badge(state, by_audit.get(a, []), a in sending) for a, state in audits.items()}


def unsent_zt_findings(session: Session, audit_ids: set[str] | None = None) -> list[tuple[str, str]]:
    """(audit id, checkpoint) of live Zero Tolerance findings of drafts whose alert the platform has not
    received yet (the bar that offers to send it)."""
    query = (select(Finding.id, Finding.audit_id, Finding.checkpoint_id).join(Audit, Audit.id == Finding.audit_id)
             .where(Finding.grade == ZT_GRADE, Finding.deleted_at.is_(None), Audit.state == "draft"))
    if audit_ids is not None:
        query = query.where(Finding.audit_id.in_(audit_ids))
    sent = set(session.scalars(select(OutboxItem.kind).where(OutboxItem.state == "sent",
                                                            OutboxItem.kind.like(ZT_PREFIX + "%"))))
    return [(audit, checkpoint) for fid, audit, checkpoint in session.execute(query)
            if zt_kind(fid) not in sent and not is_demo_audit(session, audit)]


def _short(when: datetime | None) -> str:
    return f"{when.day} {when:%b %H:%M} UTC" if when else ""


def _long(when: datetime | None) -> str:
    return f" at {when:%Y-%m-%d %H:%M} UTC" if when else ""
