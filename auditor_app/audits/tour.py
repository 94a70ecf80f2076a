"""The factory tour: the areas walked, what was seen in each, and removing one so it can be undone.

Removing an area deletes its photo links and clears its mention in NCs one by one through the
session, so the event log shows each change; it returns what it removed, and `restore_tour_area`
re-creates the same rows with the same ids (the log shows delete, then create, of the same area).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import lists_joined, message, prepares
from auditor_app.store.models import AreaEvidence, Audit, Evidence, FactoryProfile, Finding, TourArea
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import TOUR_AREA_KINDS

AREA_FIELDS = {"kind", "name", "observations"}


# A department whose name says it is one of these is that kind of area, under its own name.
_KIND_WORDS = (("warehouse", ("warehouse", "仓库", "仓储")), ("dormitory", ("dormitory", "宿舍")),
               ("canteen", ("canteen", "食堂")))


def _kind_of(department: str) -> str:
    lower = department.casefold()
    return next((kind for kind, words in _KIND_WORDS if any(w in lower for w in words)), "production")


def suggested_areas(profile: FactoryProfile) -> list[tuple[str, str]]:
    """(kind, name) of the areas every tour covers, from what the profile says the factory has; the
    profile's own names kept as written ("Finished goods warehouse", never a second "Warehouse")."""
    departments = [d.strip() for d in (profile.departments or []) if d and d.strip()]
    areas = [(_kind_of(d), d) for d in departments]
    if not any(kind == "production" for kind, _ in areas):
        areas.insert(0, ("production", "Production floor"))
    kinds = {kind for kind, _ in areas}
    if "warehouse" not in kinds:
        areas.append(("warehouse", "Warehouse"))
    if profile.has_dormitory and "dormitory" not in kinds:
        areas.append(("dormitory", "Dormitory"))
    if profile.has_canteen and "canteen" not in kinds:
        areas.append(("canteen", "Canteen"))
    areas += [("other_site", site.get("name") or "Other site") for site in (profile.other_sites or [])]
    return areas


for _id in ("refusal.tour.kind", "refusal.tour.fields"):  # lists of codes, joined in the language
    prepares(_id)(lists_joined)


def _area(session: Session, area_id: str) -> TourArea:
    area = session.get(TourArea, area_id)
    if area is None:
        raise InvalidChange(message("refusal.tour.no_area"))
    return area


def _check_kind(kind: str) -> None:
    if kind not in TOUR_AREA_KINDS:
        raise InvalidChange(message("refusal.tour.kind", kind=kind, kinds=list(TOUR_AREA_KINDS)))


@operation
def add_tour_area(session: Session, audit_id: str, kind: str, name: str) -> str:
    _check_kind(kind)
    if not name.strip():
        raise InvalidChange(message("refusal.tour.no_name"))
    area = TourArea(audit_id=audit_id, kind=kind, name=name.strip())
    session.add(area)
    session.flush()
    return area.id


@operation
def add_usual_areas(session: Session, audit_id: str) -> list[str]:
    """Production per department, warehouse, dormitory, canteen and other sites, skipping those listed."""
    if session.get(Audit, audit_id) is None:
        raise InvalidChange(message("refusal.no_audit"))
    profile = session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == audit_id)).one()
    existing = {(a.kind, a.name.casefold()) for a in session.scalars(
        select(TourArea).where(TourArea.audit_id == audit_id))}
    added = []
    for kind, name in suggested_areas(profile):
        if (kind, name.casefold()) not in existing:
            area = TourArea(audit_id=audit_id, kind=kind, name=name)
            session.add(area)
            existing.add((kind, name.casefold()))
            added.append(area)
    session.flush()
    return [a.id for a in added]


@operation
def update_tour_area(session: Session, area_id: str, **fields) -> None:
    unknown = set(fields) - AREA_FIELDS
    if unknown:
        raise InvalidChange(message("refusal.tour.fields", fields=sorted(unknown)))
    if "kind" in fields:
        _check_kind(fields["kind"])
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        if not fields["name"]:
            raise InvalidChange(message("refusal.tour.no_name"))
    area = _area(session, area_id)
    for key, value in fields.items():
        setattr(area, key, value)


@operation
def mark_area_visited(session: Session, area_id: str, visited: bool, at: datetime | None = None) -> None:
    area = _area(session, area_id)
    if visited and area.visited_at is None:
        area.visited_at = at or utcnow()
    elif not visited:
        area.visited_at = None


def _columns(row) -> dict:
    return {attr.key: getattr(row, attr.key) for attr in inspect(type(row)).column_attrs}


@operation
def remove_tour_area(session: Session, area_id: str) -> dict:
    """Delete the area, its photo links, and its mention in NCs; return what undo needs."""
    area = _area(session, area_id)
    links = list(session.scalars(select(AreaEvidence).where(AreaEvidence.tour_area_id == area_id)))
    findings = list(session.scalars(select(Finding).where(Finding.tour_area_id == area_id)))
    removed = {"area": _columns(area), "links": [_columns(link) for link in links],
               "finding_ids": [f.id for f in findings]}
    for finding in findings:
        finding.tour_area_id = None
    session.flush()  # NC references go before the area they point to
    session.delete(area)  # its photo links go with it (ORM cascade: each delete is an event)
    session.flush()
    return removed


@operation
def restore_tour_area(session: Session, removed: dict) -> None:
    """Put back what `remove_tour_area` removed: the same area row, its links, its NCs' references."""
    area_id = removed["area"]["id"]
    session.add(TourArea(**removed["area"]))
    session.flush()  # the area first: links refer to it
    for link in removed["links"]:
        if session.get(Evidence, link["evidence_id"]) is not None:
            session.add(AreaEvidence(**link))
    for finding_id in removed["finding_ids"]:
        finding = session.get(Finding, finding_id)
        if finding is not None and finding.tour_area_id is None:  # not moved to another area since
            finding.tour_area_id = area_id
