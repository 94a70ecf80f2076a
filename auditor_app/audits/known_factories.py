"""Factories audited before on this laptop: a New audit can start from one, its profile copied from
the factory's most recent audit (the auditor then corrects what changed: headcount, departments)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.store.models import Audit, FactoryProfile
from auditor_app.store.rows import columns
from auditor_app.store.vocab import AUDIT_TYPES

PROFILE_FIELDS = [c.key for c in columns(FactoryProfile) if c.key not in ("id", "audit_id", "created_at", "updated_at")]


@dataclass(frozen=True)
class KnownFactory:
    label: str          # what the auditor picks by: name, local name, city part of the address
    profile: dict       # every profile field as last recorded
    last_audit: str     # "2026-03-14, Full audit": when and how the factory was last audited
    last_date: str = ""       # the same, as the date ...
    last_type: str = ""       # ... and the audit type's code, for other languages


def _identity(profile: FactoryProfile) -> tuple:
    """One factory, however many audits: its Connect id, else its name and address as typed."""
    if profile.connect_id:
        return ("connect", profile.connect_id.strip().upper())
    return ("typed", profile.name.strip().casefold(), profile.address.strip().casefold())


def known_factories(session: Session) -> list[KnownFactory]:
    rows = session.execute(select(FactoryProfile, Audit).join(Audit, Audit.id == FactoryProfile.audit_id)
                           .order_by(Audit.created_at.desc())).all()
    seen: dict[tuple, KnownFactory] = {}
    for profile, audit in rows:
        key = _identity(profile)
        if key in seen:
            continue  # rows come newest first: the first one is the latest profile
        when = audit.planned_start or audit.created_at.date()
        label = profile.name + (f" ({profile.name_local})" if profile.name_local else "")
        seen[key] = KnownFactory(label=label, profile={k: getattr(profile, k) for k in PROFILE_FIELDS},
                                 last_audit=f"{when.isoformat()}, {AUDIT_TYPES.get(audit.audit_type, audit.audit_type)}",
                                 last_date=when.isoformat(), last_type=audit.audit_type)
    return sorted(seen.values(), key=lambda f: f.label.casefold())
