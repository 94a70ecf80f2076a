"""Factory profile and the scope of the audit: stage progress (drafts only), the meetings, tour areas,
documents reviewed with the periods sampled, worker interviews as counts (never names, never notes),
and what was not completed, with the reason recorded for each."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from auditor_app.reports.binding import finalized
from auditor_app.reports.gaps import closed_gaps
from auditor_app.reports.report_hours import hours_story
from auditor_app.reports.report_interviews import interviews_story
from auditor_app.reports.report_meetings import meetings_story
from auditor_app.reports.styles import grid, key_values, para
from auditor_app.reports.wording import ENGLISH, Wording
from auditor_app.store.vocab import STAGES

__all__ = ["grid", "key_values", "profile_story", "scope_story"]


def profile_story(doc: dict, width: float, w: Wording = ENGLISH) -> list:
    """The factory as management confirmed it: names, addresses and the roster's words (departments,
    shifts) as recorded, under labels in the report's language."""
    f = doc.get("factory_profile") or {}
    story: list = [para(f"1. {w('report.profile.heading')}", "h1"),
                   para(w("report.profile.confirmed"), "muted"),
                   Spacer(1, 4)]
    sites = "; ".join(f"{s.get('name', '')} — {s.get('address', '')} ({s.get('activity', '')})"
                      for s in f.get("other_sites") or []) or w("report.profile.no_other_sites")
    facilities = w("report.profile.facilities_value", dormitory=lambda lang: Wording(lang).yes_no(f.get("has_dormitory")),
                   canteen=lambda lang: Wording(lang).yes_no(f.get("has_canteen")))
    story.append(key_values([
        (w("report.profile.factory"), f.get("name") or "—"),
        (w("report.profile.factory_local"), f.get("name_local") or "—"),
        (w("report.profile.connect_id"), f.get("connect_id") or "—"),
        (w("report.profile.address"), f.get("address") or "—"),
        (w("report.profile.address_local"), f.get("address_local") or "—"),
        (w("report.profile.country"), f.get("country") or "—"),
        (w("report.profile.contact"), " · ".join(x for x in (f.get("contact_name"), f.get("contact_title")) if x) or "—"),
        (w("report.profile.shifts"), str(f.get("shifts") or "—")),
        (w("report.profile.departments"), ", ".join(f.get("departments") or []) or "—"),
        (w("report.profile.facilities"), facilities),
        (w("report.profile.other_sites"), sites),
    ], width, key_w=(52 if w.lang == "both" else 42) * mm))
    male, female = int(f.get("headcount_male") or 0), int(f.get("headcount_female") or 0)
    story += [para(w("report.profile.headcount"), "h2"), grid(
        [w("report.profile.total_workers"), w("report.profile.male"), w("report.profile.female"),
         w("report.profile.migrant"), w("report.profile.young")],
        [[str(male + female), str(male), str(female), str(f.get("headcount_migrant") or 0),
          str(f.get("headcount_young") or 0)]], [width / 5] * 5)]
    return story


def _area_kind(kind: str, w: Wording) -> str:
    try:
        return w(f"report.area_kind.{kind}")
    except KeyError:  # a kind this install does not know: as stored
        return kind.replace("_", " ").capitalize()


def _tour(doc: dict, width: float, w: Wording) -> list:
    photo_count: dict[str, int] = {}
    for link in doc.get("area_evidence", []):
        photo_count[link["tour_area_id"]] = photo_count.get(link["tour_area_id"], 0) + 1
    rows = [[para(_area_kind(a.get("kind", ""), w), "cell"), para(a.get("name"), "cell"),
             para(a.get("observations") or "—", "cell"),
             para(str(photo_count.get(a["id"], 0)), "cell")]
            for a in doc.get("tour_area", [])]
    if not rows:
        return [para(w("report.tour.none"), "muted")]
    return [grid([w("report.tour.col.area"), w("report.tour.col.where"), w("report.tour.col.observations"),
                  w("report.tour.col.photos")], rows, [24 * mm, 46 * mm, width - 86 * mm, 16 * mm])]


def _document_status(doc: dict, status: str, w: Wording) -> str:
    # A finalized report describes a finished audit: a document still "requested" was never provided.
    if finalized(doc) and status == "requested":
        return w("report.documents.not_provided")
    if status in ("requested", "received", "missing", "inconsistent"):
        return w.label("document_statuses", status)
    return status.replace("_", " ").capitalize()


def _documents(doc: dict, width: float, w: Wording) -> list:
    rows = [[para(d.get("category") or "—", "cell"), para(d.get("name"), "cell"),
             para(_document_status(doc, str(d.get("status", "")), w), "cell"),
             para("; ".join(d.get("periods") or []) or "—", "cell"), para(d.get("notes") or "", "cell")]
            for d in sorted(doc.get("document_check", []), key=lambda d: (d.get("category") or "", d.get("name") or ""))]
    if not rows:
        return [para(w("report.documents.none"), "muted")]
    return [grid([w("report.documents.col.category"), w("report.documents.col.document"),
                  w("report.col.status"), w("report.documents.col.periods"), w("report.documents.col.notes")], rows,
                 [26 * mm, 48 * mm, 20 * mm, 38 * mm, width - 132 * mm])]


def _stages(doc: dict, width: float, w: Wording) -> list:
    """Where each stage of the audit day stands: a draft's working state, left out once finalized."""
    rows = doc.get("stage_progress", [])
    if not rows or finalized(doc):
        return []
    order = list(STAGES)
    rows = sorted(rows, key=lambda r: order.index(r["stage"]) if r["stage"] in order else 99)

    def status(code: str) -> str:
        try:
            return w(f"report.stage_status.{code}")
        except KeyError:
            return code.replace("_", " ")
    text = " · ".join(f"{w.label('stages', r['stage'])}{w.colon} {status(r['status'])}" for r in rows)
    return [para(text, "muted")]


def gaps_story(doc: dict, width: float, checklist=None, w: Wording = ENGLISH) -> list:
    """"Not completed, with reasons": each gap closed with a reason, named in words."""
    gaps = closed_gaps(doc, checklist, w)
    if not gaps:
        return [para(w("report.gaps.heading"), "h2"),
                para(w("report.gaps.none"), "muted")]
    rows = [[g.what, g.reason, g.note or "—"] for g in gaps]
    return [para(w("report.gaps.heading"), "h2"),
            para(w("report.gaps.intro"), "muted"),
            grid([w("report.gaps.col.what"), w("report.gaps.col.reason"), w("report.gaps.col.note")], rows,
                 [width * 0.46, 26 * mm, width * 0.54 - 26 * mm])]


def scope_story(doc: dict, width: float, checklist=None, w: Wording = ENGLISH) -> list:
    return ([para(f"2. {w('report.scope.heading')}", "h1")] + _stages(doc, width, w)
            + [para(w("report.scope.meetings"), "h2")] + meetings_story(doc, width, w)
            + [para(w.label("stages", "tour"), "h2")] + _tour(doc, width, w)
            + [para(w("report.scope.documents"), "h2")] + _documents(doc, width, w)
            + hours_story(doc, width, w)
            + [para(w.label("stages", "interviews"), "h2")] + interviews_story(doc, width, w)
            + gaps_story(doc, width, checklist, w))
