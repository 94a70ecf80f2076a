"""Removing a tour area so that it can be undone, without a soft-delete column.

`remove_area` runs in one write: it reads the area, its photo links and the NCs that name it, then
removes them one by one through the session, so the event log shows each change (the database's own
ON DELETE CASCADE / SET NULL would change those rows without an event). It returns what it read;
`restore_area` re-creates the same rows with the same ids in one write: the event log shows delete,
then create, of the very same area.
"""

from __future__ import annotations

from sqlalchemy import inspect, select

from auditor_app.store.models import AreaEvidence, Evidence, Finding, TourArea


def _columns(row) -> dict:
    return {attr.key: getattr(row, attr.key) for attr in inspect(type(row)).column_attrs}


def remove_area(session, area_id: str) -> dict:
    """Delete the area, its photo links, and its mention in NCs; return what undo needs."""
    area = session.get(TourArea, area_id)
    links = list(session.scalars(select(AreaEvidence).where(AreaEvidence.tour_area_id == area_id)))
    findings = list(session.scalars(select(Finding).where(Finding.tour_area_id == area_id)))
    removed = {"area": _columns(area), "links": [_columns(link) for link in links],
               "finding_ids": [f.id for f in findings]}
    for link in links:
        session.delete(link)
    for finding in findings:
        finding.tour_area_id = None
    session.flush()  # links and NC references go before the area they point to
    session.delete(area)
    return removed


def restore_area(session, removed: dict) -> None:
    """Put back what `remove_area` removed: the same area row, its links, its NCs' references."""
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
