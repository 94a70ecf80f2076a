"""When the CAP's clock starts: the closing meeting's day, on site (in the factory's time zone).

CAP due dates count from the closing meeting, where the CAP is agreed and signed. Until it is
recorded, from the audit's last day (or first, or today on site). Dates are the factory's: a
meeting at 09:00 in Dongguan is on the same day there whatever zone the laptop is set to.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import select

from auditor_app.checklist.time_zones import factory_zone
from auditor_app.store.models import Audit, FactoryProfile, Meeting
from auditor_app.store.types import parse_utc


def site_date(moment: datetime, zone) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(zone).date()


def closing_day(document: dict[str, Any]) -> date | None:
    """The closing meeting's day on site, from an audit document; else the audit's last day."""
    zone = factory_zone(document.get("factory_profile"))
    for meeting in document.get("meeting") or []:
        if meeting.get("kind") == "closing" and meeting.get("held_at"):
            return site_date(parse_utc(meeting["held_at"]), zone)
    audit = document["audit"]
    end = audit.get("actual_end")
    return date.fromisoformat(end) if end else None


def clock_start_for(session, audit_id: str) -> date:
    """`cap_clock_start` of a stored audit."""
    audit = session.get(Audit, audit_id)
    profile = session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == audit_id)).one_or_none()
    held = session.scalars(select(Meeting.held_at).where(Meeting.audit_id == audit_id,
                                                         Meeting.kind == "closing")).first()
    return cap_clock_start(held, audit, profile)


def cap_clock_start(closing_held_at: datetime | None, audit, profile) -> date:
    """The day CAP deadlines count from, for a stored audit (rows, not a document)."""
    zone = factory_zone(profile)
    if closing_held_at is not None:
        return site_date(closing_held_at, zone)
    return audit.actual_end or audit.actual_start or datetime.now(zone).date()
