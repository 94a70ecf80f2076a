"""Factory profile and the scope of the audit: meetings held, forms signed, consents, tour areas,
documents reviewed with the periods sampled, and interviews as counts by stratum (never names,
never notes; quotes only when marked quotable, by anonymous code)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from auditor_app.reports.common import doc_zone, when_text, yes_no
from auditor_app.reports.content import interview_summary
from auditor_app.reports.fonts import markup
from auditor_app.reports.styles import bold, grid_style, key_value_style, para
from auditor_app.store.vocab import STAGE_LABELS

FORM_LABELS = {"integrity_declaration": "Integrity Declaration", "nda": "Non-Disclosure Agreement",
               "important_message": "\"Important Message\" form"}
CONSENT_LABELS = {"visit": "the visit", "photos": "photos", "interviews": "worker interviews"}


def key_values(rows: list[tuple[str, object]], width: float, key_w: float = 42 * mm) -> Table:
    data = [[bold(k, "cell"), v if not isinstance(v, (str, int, type(None))) else para(v, "cell")]
            for k, v in rows]
    return Table(data, colWidths=[key_w, width - key_w], style=key_value_style())


def grid(header: list[str], rows: list[list], widths: list[float]) -> Table:
    head = [para(h, "cell_head") for h in header]
    body = [[c if not isinstance(c, (str, int, type(None))) else para(c, "cell") for c in row] for row in rows]
    return Table([head] + body, colWidths=widths, repeatRows=1, style=grid_style())


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


def _meetings(doc: dict, width: float) -> list:
    zone = doc_zone(doc)
    rows = []
    for m in sorted(doc.get("meeting", []), key=lambda m: 0 if m.get("kind") == "opening" else 1):
        attendees = m.get("attendees") or []
        people = "<br/>".join(f"{markup(a.get('name', ''))} — {markup(a.get('title', ''))}"
                              f" <font color='#5F6B7A'>({markup(a.get('side', ''))})</font>" for a in attendees)
        forms = "<br/>".join(f"{FORM_LABELS.get(k, k)}: {markup(when_text(v, zone))}"
                             for k, v in (m.get("forms_signed") or {}).items() if v) or "—"
        consents = m.get("consents") or {}
        given = ", ".join(CONSENT_LABELS.get(k, k) for k, v in consents.items() if v)
        refused = ", ".join(CONSENT_LABELS.get(k, k) for k, v in consents.items() if not v)
        consent_text = (f"Consent to {given}" if given else "") + (f"; refused: {refused}" if refused else "")
        rows.append([bold(f"{str(m.get('kind', '')).capitalize()} meeting", "cell"),
                     para(when_text(m.get("held_at"), zone) if m.get("held_at") else "Not held", "cell"),
                     para(None, "cell", raw=people or "—"),
                     para(None, "cell", raw=forms + (f"<br/>{markup(consent_text)}" if consent_text else ""))])
    if not rows:
        return [para("No meetings recorded.", "muted")]
    return [grid(["Meeting", "Held", "Attendees", "Forms signed · consents"], rows,
                 [26 * mm, 30 * mm, (width - 56 * mm) * 0.52, (width - 56 * mm) * 0.48])]


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


def _documents(doc: dict, width: float) -> list:
    rows = [[para(d.get("category") or "—", "cell"), para(d.get("name"), "cell"),
             para(str(d.get("status", "")).capitalize(), "cell"),
             para("; ".join(d.get("periods") or []) or "—", "cell"), para(d.get("notes") or "", "cell")]
            for d in sorted(doc.get("document_check", []), key=lambda d: (d.get("category") or "", d.get("name") or ""))]
    if not rows:
        return [para("No documents recorded.", "muted")]
    return [grid(["Category", "Document", "Status", "Periods sampled", "Notes"], rows,
                 [26 * mm, 48 * mm, 20 * mm, 38 * mm, width - 132 * mm])]


def _interviews(doc: dict, width: float) -> list:
    s = interview_summary(doc)
    story: list = [para(
        f"{s.workers} workers interviewed: {s.individual} individual interview{'s' if s.individual != 1 else ''} "
        f"and {s.groups} group interview{'s' if s.groups != 1 else ''}. Workers were selected at random by "
        "the auditor, not by management. Names and interview notes are confidential and do not appear in "
        "this report.")]
    for draw in doc.get("sample_draw", [])[-1:]:
        story.append(para(
            f"Random draw: {draw.get('size')} workers from a roster of {draw.get('roster_workers')} "
            f"(seed {draw.get('seed')}, drawn {when_text(draw.get('drawn_at'), doc_zone(doc))}).", "muted"))
    if s.by_stratum:
        rows = [[bold(label, "cell"), para(" · ".join(f"{v}: {n}" for v, n in values), "cell")]
                for label, values in s.by_stratum]
        story += [Spacer(1, 4), grid(["Stratum", "Workers interviewed"], rows, [34 * mm, width - 34 * mm])]
    if s.quotes:
        story += [para("Quotes (with the worker's consent, anonymised)", "h3")]
        story += [para(None, "body", raw=f"“{markup(text)}” <font color='#5F6B7A'>— interview {markup(code)}</font>")
                  for text, code in s.quotes]
    return story


def _stages(doc: dict, width: float) -> list:
    rows = doc.get("stage_progress", [])
    if not rows:
        return []
    order = list(STAGE_LABELS)
    rows = sorted(rows, key=lambda r: order.index(r["stage"]) if r["stage"] in order else 99)
    text = " · ".join(f"{STAGE_LABELS.get(r['stage'], r['stage'])}: {r['status'].replace('_', ' ')}" for r in rows)
    return [para(text, "muted")]


def scope_story(doc: dict, width: float) -> list:
    return ([para("2. Scope and process", "h1")] + _stages(doc, width)
            + [para("Meetings", "h2")] + _meetings(doc, width)
            + [para("Factory tour", "h2")] + _tour(doc, width)
            + [para("Documents reviewed", "h2")] + _documents(doc, width)
            + [para("Worker interviews", "h2")] + _interviews(doc, width))
