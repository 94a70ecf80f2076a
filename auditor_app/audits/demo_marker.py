"""Whether an audit is of the demo factory: such audits are for learning the app and never go to
the platform (no submission, no Zero Tolerance alert), whatever a newcomer does with them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.store.models import FactoryProfile
from auditor_app.store.vocab import DEMO_CONNECT_PREFIX


def is_demo_audit(session: Session, audit_id: str) -> bool:
    connect_id = session.scalars(select(FactoryProfile.connect_id).where(FactoryProfile.audit_id == audit_id)).first()
    return (connect_id or "").startswith(DEMO_CONNECT_PREFIX)
