"""The Corrective Action Plan PDF (A4 landscape): one row per NC with the CAP fields of the domain
brief §8, then the signatures of the auditor and the factory manager, then the seal fingerprint.

Printed and signed on site at the closing meeting, so it stands on its own: the header repeats
the factory, audit and deadlines; evidence refers to the report's photo numbers and hash prefixes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle

from auditor_app.audits.deadlines import closing_day
from auditor_app.checklist import cap_policy
from auditor_app.reports.binding import RED, finalized
from auditor_app.reports.cap_signatures import signatures_story
from auditor_app.reports.common import (
    MARGIN, ReportCancelled, audit_type_words, day_text, decor_for, write_pdf,
)
from auditor_app.reports.content import ReportContent, grades_in_order, read_content
from auditor_app.reports.fonts import cjk_font, markup
from auditor_app.reports.report import BuildResult
from auditor_app.reports.report_findings import grade_badge
from auditor_app.reports.report_hours import hours_citations
from auditor_app.reports.report_meetings import urgent_findings, zt_notice_words
from auditor_app.reports.styles import SPLIT_IN_ROW, Table, bold, grid_style, key_values, para

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN
COLUMNS = [("#", 7), ("Checkpoint", 25), ("Finding and objective evidence", 52), ("Root cause", 26),
           ("Corrective action", 31), ("Preventive action", 30), ("Responsible · due", 25),
           ("Factory comment", 26), ("Verification", 27), ("Status", 16)]


def closing_date(doc: dict) -> date | None:
    """The closing meeting's day on site (the factory's date, not UTC's): CAP deadlines count from it."""
    return closing_day(doc)


def _due(f: dict, cap: dict, closing: date | None) -> tuple[str, date | None]:
    if cap.get("due_date"):
        return cap["due_date"], date.fromisoformat(cap["due_date"])
    if closing is None:
        return "not set", None
    try:
        due = cap_policy.due_date(f["grade"], closing)
    except KeyError:
        return "not set", None
    return f"{due.isoformat()} (by policy)", due


def _evidence_refs(f: dict, content: ReportContent) -> str:
    """Photos by report number and hash prefix, then the interviews cited (anonymised: code, kind)."""
    refs = [f"{content.evidence_label[e]} ({content.evidence[e]['sha256'][:8]})"
            for e in content.finding_evidence.get(f["id"], [])]
    parts = ["Photos " + ", ".join(refs) if refs else "No photo"]
    parts += content.finding_interviews.get(f["id"], [])
    return "; ".join(parts)


def _row(n: int, f: dict, content: ReportContent, closing: date | None, today: date,
         cited: dict[str, str] | None = None) -> list:
    cap = content.cap_by_finding.get(f["id"]) or {}
    version = content.doc["audit"]["checklist_version"]
    section = next((s for s in content.sections if s.id == f.get("_section_id")), None)
    checkpoint = [bold(f["checkpoint_id"], "cell"),
                  para(f"{section.id}. {section.title}" if section else "", "small"),
                  Spacer(1, 2), grade_badge(f["grade"], width=21 * mm),
                  para(f"Checklist {version}", "small")]
    scale = "Systemic" if f.get("systemic") else "Isolated"
    finding = [para(f.get("description") or "—", "cell"), Spacer(1, 2),
               para(None, "small", raw=f"<b>Evidence:</b> {markup(_evidence_refs(f, content))}"),
               para(None, "small", raw=f"<b>Frequency:</b> {markup(f.get('frequency') or '—')} · "
                                       f"<b>Workers:</b> {int(f.get('workers_affected') or 0)} · {scale}")]
    if cited and cited.get(f["id"]):
        finding.append(para(cited[f["id"]], "small"))
    due_text, due = _due(f, cap, closing)
    status = cap.get("status") or f.get("status") or "open"
    overdue = False
    if due is not None:
        try:
            overdue = cap_policy.is_overdue(due, status, today)
        except ValueError:
            overdue = False
    responsible = [para(cap.get("responsible_person") or "—", "cell"),
                   para(None, "small", raw=f"<b>Due:</b> {markup(due_text)}"
                        + (f" <font color='{RED}'><b>OVERDUE</b></font>" if overdue else ""))]
    position = str(cap.get("factory_position") or "—")
    comment = [bold(position.capitalize(), "cell"), para(cap.get("factory_comment") or "", "small")]
    verification = [para(cap.get("verification_method") or "—", "small")]
    if cap.get("auditor_verification"):
        verification.append(para(None, "small", raw=f"<b>Auditor:</b> {markup(cap['auditor_verification'])}"))
    return [para(str(n), "cell"), checkpoint, finding, para(cap.get("root_cause") or "—", "cell"),
            para(cap.get("corrective_action") or "—", "cell"), para(cap.get("preventive_action") or "—", "cell"),
            responsible, comment, verification, para(status.replace("_", " ").capitalize(), "cell")]


def cap_table(content: ReportContent, closing: date | None, today: date) -> Table:
    widths = [w * mm for _, w in COLUMNS]
    widths[-1] += WIDTH - sum(widths)  # absorb rounding so the table fills the text width
    head = [para(h, "cell_head") for h, _ in COLUMNS]
    cited = hours_citations(content.doc)
    rows = [_row(n, f, content, closing, today, cited) for n, f in enumerate(content.findings, start=1)]
    # A row may be longer than a page (5,000 characters of root cause): it splits inside the row.
    table = Table([head] + rows, colWidths=widths, repeatRows=1, splitInRow=SPLIT_IN_ROW)
    table.setStyle(grid_style())
    return table


def _header(content: ReportContent, closing: date | None) -> list:
    doc = content.doc
    audit, f = doc["audit"], doc.get("factory_profile") or {}
    counts = {k: sum(1 for x in content.findings if x["grade"] == k) for k, _ in grades_in_order()}
    summary = " · ".join(f"{label}: {counts[key]}" for key, label in grades_in_order())
    final_due = cap_policy.final_cap_due(closing).isoformat() if closing else "—"
    dates = day_text(audit.get("actual_start") or audit.get("planned_start"))
    left = key_values([
        ("Factory", f"{f.get('name', '')}  {f.get('name_local', '')}".strip()),
        ("Address", f.get("address_local") or f.get("address") or "—"),
        ("Audit", f"{audit_type_words(audit['audit_type'])} · {dates} · {audit.get('audit_firm') or ''}"),
    ], WIDTH * 0.58, key_w=24 * mm)
    right = key_values([
        ("Checklist", f"ESCP checklist {audit['checklist_version']}"),
        ("Closing meeting", closing.isoformat() if closing else
         ("not recorded" if finalized(doc) else "not held yet")),
        ("Final CAP due", f"{final_due} (returned by the factory)"),
        ("NCs", f"{len(content.findings)} — {summary}"),
    ], WIDTH * 0.40, key_w=28 * mm)
    top = Table([[left, right]], colWidths=[WIDTH * 0.6, WIDTH * 0.4])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story = [para("Corrective Action Plan", "title"), Spacer(1, 3), top, Spacer(1, 4)]
    notice = zt_notice_words(doc)
    if notice is not None:
        urgent, hours = urgent_findings(doc)
        words, alarm = notice
        story.append(para(None, "cell_bold", raw=(
            f"Zero Tolerance NC(s) {markup(', '.join(x['checkpoint_id'] for x in urgent))}: to be reported to the "
            f"program within {hours} hours of discovery. "
            f"<font color='{RED if alarm else '#1F2933'}'>Notice: {markup(words)}</font>")))
    story.append(para("Due dates count from the closing meeting by grade. Evidence numbers (E-nn) refer to "
                      "the photos in the audit report; the hash prefix identifies the original. Interviews "
                      "are cited by their anonymous code; what workers said stays confidential.", "muted"))
    story.append(Spacer(1, 4))
    return story


def build_cap(doc: dict, out: str | Path, *, checklist=None, today: date | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> BuildResult:
    """Write the CAP to `out`; `today` decides which items are marked overdue (default: today)."""
    cjk_font()
    if progress:
        progress(0, 1)
    content = read_content(doc, checklist)
    closing = closing_date(doc)
    if cancelled and cancelled():
        raise ReportCancelled("CAP cancelled")
    story = _header(content, closing)
    if content.findings:
        story.append(cap_table(content, closing, today or date.today()))
    else:
        story.append(para("No non-compliances: there is nothing to correct.", "body"))
    story += [Spacer(1, 8)] + signatures_story(doc, WIDTH)
    factory = (doc.get("factory_profile") or {}).get("name", "")
    pages = write_pdf(out, story, decor_for(doc, "ESCP Corrective Action Plan"), PAGE,
                      title=f"ESCP corrective action plan — {factory}", author=doc["audit"].get("audit_firm") or "",
                      subject=f"CAP of {doc['audit']['audit_type']} audit {doc['audit']['id']}")
    if progress:
        progress(1, 1)
    return BuildResult(Path(out), pages)


__all__ = ["build_cap", "closing_date"]
