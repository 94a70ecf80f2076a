"""The audit report PDF (A4 portrait): cover, executive summary with the audit's details, factory
profile, scope and process, the recommended status with its reasons, the chart of NCs, and the
findings with their photos.

Input is the canonical audit document (a stored audit or an `.escp` file: the same dict), so the
report can never say something the sealed audit does not.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from auditor_app.reports.charts import nc_chart, nc_counts
from auditor_app.reports.common import (
    MARGIN, ReportCancelled, audit_type_words, day_text, decor_for, doc_zone, when_text, write_pdf,
)
from auditor_app.reports.content import ReportContent, grades_in_order, read_content
from auditor_app.reports.binding import finalized, seal_explanation
from auditor_app.reports.fonts import MONO, cjk_font, markup
from auditor_app.reports.photos import Lookup, PhotoCache, PhotoCopier, PhotoCopies, PhotoSource
from auditor_app.reports.report_findings import findings_story
from auditor_app.reports.report_scope import profile_story, scope_story
from auditor_app.reports.report_status import recommendation, status_box, status_story
from auditor_app.reports.report_summary import summary_story
from auditor_app.reports.styles import bold, grid, key_values, para

WIDTH = A4[0] - 2 * MARGIN


@dataclass
class BuildResult:
    path: Path
    pages: int
    photos: int = 0
    photo_problems: dict[str, str] = field(default_factory=dict)


def cover_story(content: ReportContent, rec, problem: str | None) -> list:
    doc = content.doc
    audit, f = doc["audit"], doc.get("factory_profile") or {}
    team = "<br/>".join(f"{markup(m.get('name', ''))} <font color='#5F6B7A'>({markup(m.get('role', ''))})</font>"
                        for m in audit.get("team") or []) or "—"
    edition = audit["checklist_version"]
    if content.checklist is not None:
        title = content.checklist.title
        if content.checklist.version not in title:
            title = f"{title}, edition {content.checklist.version}"
        edition = f"{title} (effective {content.checklist.effective_date.isoformat()})"
    dates = day_text(audit.get("actual_start") or audit.get("planned_start"))
    end = audit.get("actual_end") or audit.get("planned_end")
    if end and end != (audit.get("actual_start") or audit.get("planned_start")):
        dates += f" to {end}"
    sealed = finalized(doc)
    story: list = [
        Spacer(1, 10 * mm),
        para("ETHICAL SUPPLY CHAIN PROGRAM", "subtitle"),
        para("Audit Report", "title"),
        Spacer(1, 8 * mm),
        para(f.get("name") or "(factory not named)", "factory"),
        para(f.get("name_local") or "", "factory_local"),
        para(" · ".join(x for x in (f.get("address"), f.get("address_local")) if x), "muted"),
        Spacer(1, 8 * mm),
        key_values([
            ("Audit type", f"{audit_type_words(audit['audit_type'])}, "
                           f"{'announced' if audit.get('announced') else 'unannounced'}"),
            ("Audit dates", dates + (f" (planned {day_text(audit.get('planned_start'))})"
                                     if audit.get("actual_start") and audit.get("planned_start")
                                     and audit["actual_start"] != audit["planned_start"] else "")),
            ("Audit firm", audit.get("audit_firm") or "—"),
            ("Audit team", para(None, "cell", raw=team)),
            ("Checklist edition", edition),
            ("Connect factory ID", f.get("connect_id") or "—"),
            ("Audit reference", f"{audit['id']} · revision {audit.get('revision', 1)}"
                                + (f" (supersedes {audit['supersedes_id'][:8]})" if audit.get("supersedes_id") else "")),
            ("Report state", ("Finalized " + when_text(audit.get("sealed_at"), doc_zone(content.doc))) if sealed
             else "DRAFT — not finalized; findings and status may still change"),
        ], WIDTH, key_w=44 * mm),
        Spacer(1, 10 * mm),
        status_box(rec, problem, WIDTH),
        Spacer(1, 4 * mm),
        para(f"{len(content.findings)} non-compliances recorded; "
             f"{sum(1 for x in content.findings if x.get('status') != 'closed')} open at the end of the audit.",
             "muted"),
    ]
    if sealed:
        story += [Spacer(1, 6 * mm), para("Seal fingerprint (SHA-256 of the sealed audit record)", "muted"),
                  para(None, "body", raw=f"<font name='{MONO}' size='8'>{audit['seal']}</font>"),
                  para(seal_explanation(doc), "muted")]
    story.append(PageBreak())
    return story


def chart_story(content: ReportContent) -> list:
    grades = grades_in_order()
    sections = [(s.id, s.title) for s in content.sections]
    counts = nc_counts(content.findings, sections, [k for k, _ in grades])
    story: list = [para("4. Non-compliances by section and grade", "h1"),
                   nc_chart(counts, sections, grades, WIDTH), Spacer(1, 6)]
    rows = []
    for i, (key, label) in enumerate(grades):
        n = sum(counts[i])
        open_n = sum(1 for f in content.findings if f["grade"] == key and f.get("status") != "closed")
        rows.append([label, str(n), str(open_n)])
    rows.append([bold("Total", "cell"), bold(str(len(content.findings)), "cell"),
                 bold(str(sum(1 for f in content.findings if f.get("status") != "closed")), "cell")])
    story.append(grid(["Grade", "NCs", "Open"], rows, [WIDTH / 3] * 3))
    story.append(PageBreak())
    return story


def build_report(doc: dict, out: str | Path, *, photos: PhotoSource | None = None,
                 photo_cache: PhotoCache | None = None, checklist=None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> BuildResult:
    """Write the audit report to `out`. `photos` supplies evidence images (None: captions only);
    `photo_cache` keeps the PDF-sized copies between runs (`StorePhotos.cache()`: encrypted in the data
    folder; default: none, the copies live in memory only)."""
    cjk_font()
    content = read_content(doc, checklist)
    shas = [content.evidence[e]["sha256"] for f in content.findings
            for e in content.finding_evidence.get(f["id"], [])]
    total = len(set(shas)) + 1
    copies = PhotoCopies()
    with contextlib.ExitStack() as stack:
        # The photos are prepared on worker threads while this thread lays out the pages before them
        # and the findings: each finding waits only for its own photos.
        copier = None
        if photos is not None and shas:
            copier = stack.enter_context(PhotoCopier(
                shas, photos, photo_cache, cancelled=cancelled,
                progress=(lambda d, t: progress(d, total)) if progress else None))
        rec, problem = recommendation(doc)
        story = (cover_story(content, rec, problem) + summary_story(content, rec, problem, WIDTH)
                 + profile_story(doc, WIDTH) + [Spacer(1, 6)]
                 + scope_story(doc, WIDTH, content.checklist) + [PageBreak()]
                 + status_story(rec, problem, WIDTH) + [Spacer(1, 8)]
                 + chart_story(content))
        if copier is not None:
            story += findings_story(content, Lookup(copier.photo), Lookup(copier.problem), WIDTH)
            copies = copier.finish()
        else:
            story += findings_story(content, {}, {}, WIDTH)
        if cancelled and cancelled():
            raise ReportCancelled("report cancelled")
        factory = (doc.get("factory_profile") or {}).get("name", "")
        pages = write_pdf(out, story, decor_for(doc, "ESCP Audit Report"), A4,
                          title=f"ESCP audit report — {factory}", author=doc["audit"].get("audit_firm") or "",
                          subject=f"{doc['audit']['audit_type']} audit {doc['audit']['id']}")
    if progress:
        progress(total, total)
    return BuildResult(Path(out), pages, len(copies.photos), copies.problems)


__all__ = ["BuildResult", "ReportCancelled", "build_report"]
