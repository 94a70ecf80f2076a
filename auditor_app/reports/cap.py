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
from auditor_app.reports.wording import CAP_LANGUAGE, Wording

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN
# The columns: fragment ids of their heads (resources/messages/report.yaml) and widths in mm.
COLUMNS = [("cap.col.number", 7), ("cap.col.checkpoint", 25), ("cap.col.finding", 52), ("cap.col.root_cause", 26),
           ("cap.col.corrective", 31), ("cap.col.preventive", 30), ("cap.col.responsible", 25),
           ("cap.col.comment", 26), ("cap.col.verification", 27), ("cap.col.status", 16)]
# The CAP is signed by a factory manager who may read no English: both languages unless asked otherwise.
DEFAULT_LANGUAGE = CAP_LANGUAGE


def closing_date(doc: dict) -> date | None:
    """The closing meeting's day on site (the factory's date, not UTC's): CAP deadlines count from it."""
    return closing_day(doc)


def _due(f: dict, cap: dict, closing: date | None, w: Wording) -> tuple[str, date | None]:
    if cap.get("due_date"):
        return cap["due_date"], date.fromisoformat(cap["due_date"])
    if closing is None:
        return w("cap.due.not_set"), None
    try:
        due = cap_policy.due_date(f["grade"], closing)
    except KeyError:
        return w("cap.due.not_set"), None
    return w("cap.due.by_policy", day=due.isoformat()), due


def _evidence_refs(f: dict, content: ReportContent, w: Wording) -> str:
    """Photos by report number and hash prefix, then the interviews cited (anonymised: code, kind)."""
    refs = [f"{content.evidence_label[e]} ({content.evidence[e]['sha256'][:8]})"
            for e in content.finding_evidence.get(f["id"], [])]
    parts = [w("cap.evidence.photos", refs=", ".join(refs)) if refs else w("cap.evidence.no_photo")]
    parts += content.finding_interviews.get(f["id"], [])
    return "; ".join(parts)


def _labelled(w: Wording, fragment_id: str, value_markup: str) -> str:
    """'<b>Frequency:</b> value' in the wording's languages (the value as typed, once)."""
    return f"<b>{markup(w(fragment_id) + w.colon)}</b> {value_markup}"


def _item_status(key: str, w: Wording) -> str:
    statuses = cap_policy.load_cap_policy().item_statuses
    if key not in statuses:
        return key.replace("_", " ").capitalize()
    return w.pick(lambda lang: statuses[key].label_zh if lang == "zh" else statuses[key].label)


def _row(n: int, f: dict, content: ReportContent, closing: date | None, today: date,
         cited: dict[str, str] | None = None, w: Wording | None = None) -> list:
    w = w or Wording(DEFAULT_LANGUAGE)
    cap = content.cap_by_finding.get(f["id"]) or {}
    version = content.doc["audit"]["checklist_version"]
    section = next((s for s in content.sections if s.id == f.get("_section_id")), None)
    checkpoint = [bold(f["checkpoint_id"], "cell"),
                  para(f"{section.id}. {section.heading(w)}" if section else "", "small"),
                  Spacer(1, 2), grade_badge(f["grade"], width=21 * mm, w=w),
                  para(w("cap.checklist_version", version=version), "small")]
    scale = w("report.finding.systemic" if f.get("systemic") else "report.finding.isolated")
    finding = [para(f.get("description") or "—", "cell"), Spacer(1, 2),
               para(None, "small", raw=_labelled(w, "report.finding.evidence", markup(_evidence_refs(f, content, w)))),
               para(None, "small", raw=_labelled(w, "report.finding.frequency", markup(f.get("frequency") or "—"))),
               para(None, "small", raw=_labelled(w, "cap.workers", str(int(f.get("workers_affected") or 0)))
                    + f" · {markup(scale)}")]
    if cited and cited.get(f["id"]):
        finding.append(para(cited[f["id"]], "small"))
    due_text, due = _due(f, cap, closing, w)
    status = cap.get("status") or f.get("status") or "open"
    overdue = False
    if due is not None:
        try:
            overdue = cap_policy.is_overdue(due, status, today)
        except ValueError:
            overdue = False
    responsible = [para(cap.get("responsible_person") or "—", "cell"),
                   para(None, "small", raw=_labelled(w, "cap.due", markup(due_text))
                        + (f" <font color='{RED}'><b>{markup(w('cap.overdue'))}</b></font>" if overdue else ""))]
    position = str(cap.get("factory_position") or "")
    comment = [bold(w.label("factory_positions", position) if position else "—", "cell"),
               para(cap.get("factory_comment") or "", "small")]
    verification = [para(cap.get("verification_method") or "—", "small")]
    if cap.get("auditor_verification"):
        verification.append(para(None, "small", raw=_labelled(w, "report.signer.auditor",
                                                              markup(cap["auditor_verification"]))))
    return [para(str(n), "cell"), checkpoint, finding, para(cap.get("root_cause") or "—", "cell"),
            para(cap.get("corrective_action") or "—", "cell"), para(cap.get("preventive_action") or "—", "cell"),
            responsible, comment, verification, para(_item_status(status, w), "cell")]


def cap_table(content: ReportContent, closing: date | None, today: date, w: Wording | None = None) -> Table:
    w = w or Wording(DEFAULT_LANGUAGE)
    widths = [width * mm for _, width in COLUMNS]
    widths[-1] += WIDTH - sum(widths)  # absorb rounding so the table fills the text width
    head = [para(w(h), "cell_head") for h, _ in COLUMNS]
    cited = hours_citations(content.doc, w)
    rows = [_row(n, f, content, closing, today, cited, w) for n, f in enumerate(content.findings, start=1)]
    # A row may be longer than a page (5,000 characters of root cause): it splits inside the row.
    table = Table([head] + rows, colWidths=widths, repeatRows=1, splitInRow=SPLIT_IN_ROW)
    table.setStyle(grid_style())
    return table


def _header(content: ReportContent, closing: date | None, w: Wording) -> list:
    doc = content.doc
    audit, f = doc["audit"], doc.get("factory_profile") or {}
    counts = {k: sum(1 for x in content.findings if x["grade"] == k) for k, _ in grades_in_order()}
    summary = " · ".join(f"{w.grade(key)}: {counts[key]}" for key, _ in grades_in_order())
    final_due = cap_policy.final_cap_due(closing).isoformat() if closing else "—"
    dates = day_text(audit.get("actual_start") or audit.get("planned_start"))
    key_w = 36 * mm if w.lang == "both" else 24 * mm
    left = key_values([
        (w("cap.head.factory"), f"{f.get('name', '')}  {f.get('name_local', '')}".strip()),
        (w("cap.head.address"), f.get("address_local") or f.get("address") or "—"),
        (w("cap.head.audit"), f"{audit_type_words(audit['audit_type'], w)} · {dates} · {audit.get('audit_firm') or ''}"),
    ], WIDTH * 0.58, key_w=key_w)
    closing_words = (closing.isoformat() if closing else
                     w("report.not_recorded" if finalized(doc) else "cap.head.not_held_yet"))
    right = key_values([
        (w("cap.head.checklist"), w("cap.head.checklist_value", version=audit["checklist_version"])),
        (w("cap.head.closing"), closing_words),
        (w("cap.head.final_due"), w("cap.head.final_due_value", day=final_due)),
        (w("cap.head.ncs"), f"{len(content.findings)} — {summary}"),
    ], WIDTH * 0.40, key_w=key_w + 4 * mm)
    top = Table([[left, right]], colWidths=[WIDTH * 0.6, WIDTH * 0.4])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story = [para(w.inline("cap.title"), "title"), Spacer(1, 3), top, Spacer(1, 4)]
    notice = zt_notice_words(doc, w)
    if notice is not None:
        urgent, hours = urgent_findings(doc)
        colour = RED if notice[1] else "#1F2933"

        def notice_in(lang: str) -> str:
            words = (zt_notice_words(doc, Wording(lang)) or ("", False))[0]
            return f"<font color='{colour}'>{markup(words)}</font>"
        story.append(para(None, "cell_bold", raw=w.marked(
            "cap.zt_notice", {"notice": notice_in},
            checkpoints=", ".join(x["checkpoint_id"] for x in urgent), hours=hours)))
    story.append(para(w("cap.explanation"), "muted"))
    story.append(Spacer(1, 4))
    return story


def build_cap(doc: dict, out: str | Path, *, checklist=None, today: date | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None, lang: str = DEFAULT_LANGUAGE) -> BuildResult:
    """Write the CAP to `out` in `lang` ("en", "zh" or "both", the default); `today` decides which
    items are marked overdue (default: today)."""
    w = Wording(lang)
    cjk_font()
    if progress:
        progress(0, 1)
    content = read_content(doc, checklist)
    closing = closing_date(doc)
    if cancelled and cancelled():
        raise ReportCancelled("CAP cancelled")
    story = _header(content, closing, w)
    if content.findings:
        story.append(cap_table(content, closing, today or date.today(), w))
    else:
        story.append(para(w("cap.no_ncs"), "body"))
    story += [Spacer(1, 8)] + signatures_story(doc, WIDTH, w)
    factory = (doc.get("factory_profile") or {}).get("name", "")
    pages = write_pdf(out, story, decor_for(doc, "cap.page_title", w), PAGE,
                      title=f"ESCP corrective action plan — {factory}", author=doc["audit"].get("audit_firm") or "",
                      subject=f"CAP of {doc['audit']['audit_type']} audit {doc['audit']['id']}")
    if progress:
        progress(1, 1)
    return BuildResult(Path(out), pages)


__all__ = ["build_cap", "closing_date"]
