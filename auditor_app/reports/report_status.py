"""The recommended factory status (`rating_source.facts_from_document` + `recommend_status`): computed
once per report, shown on the cover, in the executive summary and with its reasons in section 3."""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.platypus import Spacer, TableStyle

from auditor_app.checklist.rating import alternatives_heading, headline
from auditor_app.reports.fonts import markup
from auditor_app.reports.styles import Table, grid, para

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


def status_label(key: str | None) -> str | None:
    if not key:
        return None
    from auditor_app.checklist.status_rules import load_status_rules

    try:
        statuses = load_status_rules().statuses
    except Exception:  # noqa: BLE001 - a label is not worth failing the report for
        return key.replace("_", " ").capitalize()
    return statuses[key].label if key in statuses else key.replace("_", " ").capitalize()


_UUID = re.compile(r"\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def short_ids(text: str) -> str:
    """Row ids as their first 8 characters, as the app shows them everywhere else."""
    return _UUID.sub(r"\1", text)


def _validity(rec) -> str:
    """'valid 10 months', 'validity unchanged', or for a referral the 24-hour notice due (rating.headline)."""
    return headline(rec).text


def status_box(rec, problem: str | None, width: float) -> Table:
    if rec is None:
        cell = para(f"Status not computed: {problem}", "body")
        colour = colors.HexColor("#8894A0")
    else:
        cell = [para(f"Recommended status: {rec.label}", "status"),
                para(None, "status", raw=f"<font size='9'>{_validity(rec)} · ESCP's review team decides</font>")]
        colour = colors.HexColor(STATUS_COLOURS.get(rec.status, "#1D4E89"))
    box = Table([[cell]], colWidths=[width])
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colour), ("TOPPADDING", (0, 0), (-1, -1), 8),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 9)]))
    return box


def status_story(rec, problem: str | None, width: float) -> list:
    story: list = [para("3. Recommended factory status", "h1"), status_box(rec, problem, width), Spacer(1, 5)]
    if rec is None:
        return story
    story.append(para("Reasons", "h2"))
    for reason in rec.reasons:
        story.append(para(None, "body", raw=f"• {markup(short_ids(reason.text))}"))
        story.append(Spacer(1, 2))
    if rec.alternatives:
        alts = ", ".join(status_label(a) or a for a in rec.alternatives)
        story.append(para(f"{alternatives_heading(rec).text}: {alts}."))
    majors = [(s, v) for s, v in rec.section_shares.items() if v[0]]
    if majors:
        story.append(para("Major NCs by section (share of applicable checkpoints)", "h3"))
        rows = [[s, str(m), str(d), f"{100 * m / d:.1f} %" if d else "—"] for s, (m, d, _) in sorted(
            majors, key=lambda kv: [int(p) if p.isdigit() else 0 for p in kv[0].split(".")])]
        story.append(grid(["Section", "Major NCs", "Applicable checkpoints", "Share"], rows, [width / 4] * 4))
    story.append(Spacer(1, 4))
    story.append(para("This is the status the program's rules give for the findings recorded; ESCP's review "
                      "team decides the final status.", "muted"))
    return story
