"""Whether an audit is of the demo factory: such audits are for learning the app and never go to
the platform (no submission, no Zero Tolerance alert), whatever a newcomer does with them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.store.models import Audit, FactoryProfile
from auditor_app.store.vocab import DEMO_CONNECT_PREFIX


def is_demo_audit(session: Session, audit_id: str) -> bool:
    connect_id = session.scalars(select(FactoryProfile.connect_id).where(FactoryProfile.audit_id == audit_id)).first()
    return (connect_id or "").startswith(DEMO_CONNECT_PREFIX)


def demo_draft_id(session: Session) -> str | None:
    """The demo audit a newcomer works in (a draft of the demo factory, not its Progress Visit), if the
    folder has one: what `demo.ensure_demo` looks for before making it, and `auditor-app run` before
    importing the demo at all."""
    return session.scalars(select(FactoryProfile.audit_id).join(Audit, Audit.id == FactoryProfile.audit_id)
                           .where(FactoryProfile.connect_id.startswith(DEMO_CONNECT_PREFIX, autoescape=True),
                                  Audit.state == "draft", Audit.audit_type != "PV")).first()
