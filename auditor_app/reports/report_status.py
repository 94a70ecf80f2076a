"""The recommended factory status (`rating_source.facts_from_document` + `recommend_status`): computed
once per report, shown on the cover, in the executive summary and with its reasons in section 3."""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.platypus import Spacer, TableStyle

from auditor_app.checklist.rating import alternatives_heading, headline
from auditor_app.reports.fonts import markup
from auditor_app.reports.styles import Table, grid, para
from auditor_app.reports.wording import ENGLISH, Wording

STATUS_COLOURS = {"referred": "#6B0F1F", "certified": "#2E7D4F", "progressing": "#2F7F8C", "assessed": "#C7861C",
                  "probation": "#C5622A", "remediation": "#B5522A", "terminated": "#8E1B2E"}


def recommendation(doc: dict):
    """(Recommendation, None), or (None, why it could not be computed)."""
    from auditor_app.checklist.rating import recommend_status
    from auditor_app.rating_source import facts_from_document

    try:
        return recommend_status(facts_from_document(doc)), None
    except Exception as exc:  # noqa: BLE001 - the report still shows everything else
        return None, str(exc)


def status_label(key: str | None, w: Wording = ENGLISH) -> str | None:
    if not key:
        return None
    from auditor_app.checklist.status_rules import load_status_rules

    try:
        statuses = load_status_rules().statuses
    except Exception:  # noqa: BLE001 - a label is not worth failing the report for
        return key.replace("_", " ").capitalize()
    if key not in statuses:
        return key.replace("_", " ").capitalize()
    return w.pick(lambda lang: statuses[key].label_zh if lang == "zh" else statuses[key].label)


_UUID = re.compile(r"\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def short_ids(text: str) -> str:
    """Row ids as their first 8 characters, as the app shows them everywhere else."""
    return _UUID.sub(r"\1", text)


def _validity(rec, lang: str = "en") -> str:
    """'valid 10 months', 'validity unchanged', or for a referral the 24-hour notice due (rating.headline)."""
    return headline(rec).render(lang).lstrip("，")  # the Chinese is written to follow a label: no comma to lead


def status_box(rec, problem: str | None, width: float, w: Wording = ENGLISH) -> Table:
    if rec is None:
        cell = para(w("report.status.not_computed", problem=problem), "body")
        colour = colors.HexColor("#8894A0")
    else:
        # In two languages the status is two lines of a smaller size: the box stays the cover's size.
        size = 15 if len(w.langs) == 1 else 12
        lines = [markup(w.one("report.status.recommended", lang,
                              label=status_label(rec.status, Wording(lang)) or rec.label)) for lang in w.langs]
        cell = [para(None, "status", raw="<br/>".join(f"<font size='{size}'>{line}</font>" for line in lines)),
                para(None, "status_note", raw="<br/>".join(
                    markup(w.one("report.status.decides", lang, validity=_validity(rec, lang))) for lang in w.langs))]
        colour = colors.HexColor(STATUS_COLOURS.get(rec.status, "#1D4E89"))
    box = Table([[cell]], colWidths=[width])
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colour), ("TOPPADDING", (0, 0), (-1, -1), 8),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 9)]))
    return box


def status_story(rec, problem: str | None, width: float, w: Wording = ENGLISH, content=None) -> list:
    story: list = [para(f"3. {w('report.status.heading')}", "h1"), status_box(rec, problem, width, w), Spacer(1, 5)]
    if rec is None:
        return story
    story.append(para(w("report.status.reasons"), "h2"))
    for reason in rec.reasons:
        # Each reason in each language: the rating's own message (resources/messages/rating.yaml).
        text = "<br/>".join(markup(short_ids(reason.render(lang))) for lang in w.langs)
        story.append(para(None, "body", raw=f"• {text}"))
        story.append(Spacer(1, 2))
    if rec.alternatives:
        story.append(para(w.pick(lambda lang: w.one("report.status.alternatives", lang,
                                                    heading=alternatives_heading(rec).render(lang),
                                                    statuses=Wording(lang).words[lang].join(
                                                        status_label(a, Wording(lang)) or a for a in rec.alternatives)))))
    majors = [(s, v) for s, v in rec.section_shares.items() if v[0]]
    if majors:
        titles = {s.id: s.heading(w) for s in content.sections} if content is not None else {}
        story.append(para(w("report.status.major_shares"), "h3"))
        rows = [[f"{s} {titles[s]}" if s in titles else s, str(m), str(d), f"{100 * m / d:.1f} %" if d else "—"]
                for s, (m, d, _) in sorted(
                    majors, key=lambda kv: [int(p) if p.isdigit() else 0 for p in kv[0].split(".")])]
        story.append(grid([w("report.col.section"), w("report.status.col.majors"), w("report.status.col.applicable"),
                           w("report.status.col.share")], rows, [width * 0.4] + [width * 0.2] * 3))
    story.append(Spacer(1, 4))
    story.append(para(w("report.status.final_word"), "muted"))
    return story
