"""Factory profile and the scope of the audit: stage progress (drafts only), the meetings, tour areas,
documents reviewed with the periods sampled, worker interviews as counts (never names, never notes),
and what was not completed, with the reason recorded for each."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from auditor_app.reports.binding import finalized
from auditor_app.reports.common import yes_no
from auditor_app.reports.gaps import closed_gaps
from auditor_app.reports.report_hours import hours_story
from auditor_app.reports.report_interviews import interviews_story
from auditor_app.reports.report_meetings import meetings_story
from auditor_app.reports.styles import grid, key_values, para
from auditor_app.store.vocab import STAGE_LABELS

__all__ = ["grid", "key_values", "profile_story", "scope_story"]
# A finalized report describes a finished audit: a document still "requested" was never provided.
FINAL_DOCUMENT_STATUS = {"requested": "Not provided"}


def profile_story(doc: dict, width: float) -> list:
    f = doc.get("factory_profile") or {}
    story: list = [para("1. Factory profile", "h1"),
                   para("As confirmed by factory management at the opening meeting of this audit.", "muted"),
                   Spacer(1, 4)]
    sites = "; ".join(f"{s.get('name', '')} — {s.get('address', '')} ({s.get('activity', '')})"
                      for s in f.get("other_sites") or []) or "None declared"
    story.append(key_values([
        ("Factory", f.get("name") or "—"),
        ("Factory (Chinese)", f.get("name_local") or "—"),
        ("Connect ID", f.get("connect_id") or "—"),
        ("Address", f.get("address") or "—"),
        ("Address (Chinese)", f.get("address_local") or "—"),
        ("Country", f.get("country") or "—"),
        ("Contact", " · ".join(x for x in (f.get("contact_name"), f.get("contact_title")) if x) or "—"),
        ("Shifts", str(f.get("shifts") or "—")),
        ("Departments", ", ".join(f.get("departments") or []) or "—"),
        ("Dormitory / canteen", f"Dormitory: {yes_no(f.get('has_dormitory'))} · Canteen: {yes_no(f.get('has_canteen'))}"),
        ("Other sites", sites),
    ], width))
    male, female = int(f.get("headcount_male") or 0), int(f.get("headcount_female") or 0)
    story += [para("Headcount", "h2"), grid(
        ["Total workers", "Male", "Female", "Migrant", "Young workers (16–17)"],
        [[str(male + female), str(male), str(female), str(f.get("headcount_migrant") or 0),
          str(f.get("headcount_young") or 0)]], [width / 5] * 5)]
    return story


def _tour(doc: dict, width: float) -> list:
    photo_count: dict[str, int] = {}
    for link in doc.get("area_evidence", []):
        photo_count[link["tour_area_id"]] = photo_count.get(link["tour_area_id"], 0) + 1
    rows = [[para(a.get("kind", "").replace("_", " ").capitalize(), "cell"), para(a.get("name"), "cell"),
             para(a.get("observations") or "—", "cell"),
             para(str(photo_count.get(a["id"], 0)), "cell")]
            for a in doc.get("tour_area", [])]
    if not rows:
        return [para("No tour areas recorded.", "muted")]
    return [grid(["Area", "Where", "Observations", "Photos"], rows,
                 [22 * mm, 48 * mm, width - 84 * mm, 14 * mm])]


def _document_status(doc: dict, status: str) -> str:
    if finalized(doc) and status in FINAL_DOCUMENT_STATUS:
        return FINAL_DOCUMENT_STATUS[status]
    return status.replace("_", " ").capitalize()


def _documents(doc: dict, width: float) -> list:
    rows = [[para(d.get("category") or "—", "cell"), para(d.get("name"), "cell"),
             para(_document_status(doc, str(d.get("status", ""))), "cell"),
             para("; ".join(d.get("periods") or []) or "—", "cell"), para(d.get("notes") or "", "cell")]
            for d in sorted(doc.get("document_check", []), key=lambda d: (d.get("category") or "", d.get("name") or ""))]
    if not rows:
        return [para("No documents recorded.", "muted")]
    return [grid(["Category", "Document", "Status", "Periods sampled", "Notes"], rows,
                 [26 * mm, 48 * mm, 20 * mm, 38 * mm, width - 132 * mm])]


def _stages(doc: dict, width: float) -> list:
    """Where each stage of the audit day stands: a draft's working state, left out once finalized."""
    rows = doc.get("stage_progress", [])
    if not rows or finalized(doc):
        return []
    order = list(STAGE_LABELS)
    rows = sorted(rows, key=lambda r: order.index(r["stage"]) if r["stage"] in order else 99)
    text = " · ".join(f"{STAGE_LABELS.get(r['stage'], r['stage'])}: {r['status'].replace('_', ' ')}" for r in rows)
    return [para(text, "muted")]


def gaps_story(doc: dict, width: float, checklist=None) -> list:
    """"Not completed, with reasons": each gap closed with a reason, named in words."""
    gaps = closed_gaps(doc, checklist)
    if not gaps:
        return [para("Not completed, with reasons", "h2"),
                para("No part of the audit is recorded as not completed.", "muted")]
    rows = [[g.what, g.reason, g.note or "—"] for g in gaps]
    return [para("Not completed, with reasons", "h2"),
            para("What the audit could not complete, and the reason the auditor recorded for each.", "muted"),
            grid(["Not completed", "Reason", "Note"], rows, [width * 0.46, 26 * mm, width * 0.54 - 26 * mm])]


def scope_story(doc: dict, width: float, checklist=None) -> list:
    return ([para("2. Scope and process", "h1")] + _stages(doc, width)
            + [para("Meetings", "h2")] + meetings_story(doc, width)
            + [para("Factory tour", "h2")] + _tour(doc, width)
            + [para("Documents reviewed", "h2")] + _documents(doc, width)
            + hours_story(doc, width)
            + [para("Worker interviews", "h2")] + interviews_story(doc, width)
            + gaps_story(doc, width, checklist))
