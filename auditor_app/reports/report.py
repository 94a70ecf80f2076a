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
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from auditor_app.reports.charts import nc_chart, nc_counts
from auditor_app.reports.common import (
    MARGIN, ReportCancelled, day_text, decor_for, doc_zone, when_text, write_pdf,
)
from auditor_app.reports.content import ReportContent, content_photo_order, grades_in_order, photo_order, read_content
from auditor_app.reports.binding import finalized, seal_explanation
from auditor_app.reports.fonts import MONO, cjk_font, markup
from auditor_app.reports.photos import (
    Lookup, PhotoCache, PhotoCopier, PhotoCopies, PhotoNotAsPlanned, PhotoSource, report_steps,
)
from auditor_app.reports.report_findings import findings_story
from auditor_app.reports.report_scope import profile_story, scope_story
from auditor_app.reports.report_status import recommendation, status_box, status_story
from auditor_app.reports.report_summary import summary_story
from auditor_app.reports.report_visit import visit_story
from auditor_app.reports.styles import bold, grid, key_values, para
from auditor_app.reports.wording import ENGLISH, Wording

WIDTH = A4[0] - 2 * MARGIN


@dataclass
class BuildResult:
    path: Path
    pages: int
    photos: int = 0
    photo_problems: dict[str, str] = field(default_factory=dict)


def _edition(content: ReportContent, w: Wording) -> str:
    if content.checklist is None:
        return content.doc["audit"]["checklist_version"]
    checklist = content.checklist

    def in_lang(lang: str) -> str:
        title = checklist.text("title", lang)
        if checklist.version not in title:
            title = w.one("report.cover.edition_of", lang, title=title, version=checklist.version)
        return w.one("report.cover.edition", lang, title=title, effective=checklist.effective_date.isoformat())
    return w.pick(in_lang)


def cover_story(content: ReportContent, rec, problem: str | None, w: Wording = ENGLISH) -> list:
    doc = content.doc
    audit, f = doc["audit"], doc.get("factory_profile") or {}
    team = "<br/>".join(f"{markup(m.get('name', ''))} <font color='#5F6B7A'>({markup(m.get('role', ''))})</font>"
                        for m in audit.get("team") or []) or "—"
    start = audit.get("actual_start") or audit.get("planned_start")
    end = audit.get("actual_end") or audit.get("planned_end")
    planned = (audit.get("planned_start") if audit.get("actual_start") and audit.get("planned_start")
               and audit["actual_start"] != audit["planned_start"] else None)
    dates = w.pick(lambda lang: day_text(start)
                   + (w.one("report.cover.to", lang, end=end) if end and end != start else "")
                   + (w.one("report.cover.planned", lang, day=planned) if planned else ""))
    sealed = finalized(doc)
    kind = w.pick(lambda lang: w.one("report.cover.type", lang, type=Wording(lang).audit_type(audit["audit_type"]),
                                     announced=w.one("report.cover.announced" if audit.get("announced")
                                                     else "report.cover.unannounced", lang)))
    supersedes = audit.get("supersedes_id")
    reference = w("report.cover.reference", id=audit["id"], revision=audit.get("revision", 1),
                  supersedes=lambda lang: w.one("report.cover.supersedes", lang, id=supersedes[:8]) if supersedes else "")
    state = (w("report.cover.finalized", when=when_text(audit.get("sealed_at"), doc_zone(content.doc))) if sealed
             else w("report.cover.draft"))
    open_n = sum(1 for x in content.findings if x.get("status") != "closed")
    story: list = [
        Spacer(1, 10 * mm),
        para(w("report.cover.program"), "subtitle"),
        para(w.inline("report.cover.title"), "title"),
        Spacer(1, 8 * mm),
        para(f.get("name") or w("report.factory_not_named"), "factory"),
        para(f.get("name_local") or "", "factory_local"),
        para(" · ".join(x for x in (f.get("address"), f.get("address_local")) if x), "muted"),
        Spacer(1, 8 * mm),
        key_values([
            (w("report.cover.audit_type"), kind),
            (w("report.cover.audit_dates"), dates),
            (w("report.cover.audit_firm"), audit.get("audit_firm") or "—"),
            (w("report.cover.audit_team"), para(None, "cell", raw=team)),
            (w("report.cover.checklist_edition"), _edition(content, w)),
            (w("report.cover.connect_id"), f.get("connect_id") or "—"),
            (w("report.cover.audit_reference"), reference),
            (w("report.cover.report_state"), state),
        ], WIDTH, key_w=(58 if w.lang == "both" else 44) * mm),
        Spacer(1, 10 * mm),
        status_box(rec, problem, WIDTH, w),
        Spacer(1, 4 * mm),
        para(w("report.cover.counts", n=len(content.findings), open=open_n), "muted"),
    ]
    if sealed:
        story += [Spacer(1, 6 * mm), para(w("report.cover.seal"), "muted"),
                  para(None, "body", raw=f"<font name='{MONO}' size='8'>{audit['seal']}</font>"),
                  para(seal_explanation(doc, w), "muted")]
    story.append(PageBreak())
    return story


def chart_story(content: ReportContent, w: Wording = ENGLISH) -> list:
    grades = grades_in_order()
    # The chart's labels are short and one-line: in both languages they read "English / 中文".
    chart_grades = [(key, " / ".join(Wording(lang).grade(key) for lang in w.langs)) for key, _ in grades]
    # A section's title on one line per language: "Wages" over "工资".
    sections = [(s.id, "\n".join(s.heading(Wording(lang)) for lang in w.langs)) for s in content.sections]
    counts = nc_counts(content.findings, sections, [k for k, _ in grades])
    # The heading stays with its chart: never alone at the foot of a page.
    story: list = [KeepTogether([para(f"4. {w('report.chart.heading')}", "h1"),
                                 nc_chart(counts, sections, chart_grades, WIDTH, w)]), Spacer(1, 6)]
    rows = []
    for i, (key, _label) in enumerate(grades):
        n = sum(counts[i])
        open_n = sum(1 for f in content.findings if f["grade"] == key and f.get("status") != "closed")
        rows.append([w.grade(key), str(n), str(open_n)])
    rows.append([bold(w("report.total"), "cell"), bold(str(len(content.findings)), "cell"),
                 bold(str(sum(1 for f in content.findings if f.get("status") != "closed")), "cell")])
    story.append(grid([w("report.col.grade"), w("report.col.ncs"), w("report.col.open")], rows, [WIDTH / 3] * 3))
    story.append(PageBreak())
    return story


def _visit(doc: dict, w: Wording) -> list:
    """A visit started from a previous audit (PV, follow-up, desktop review...): its own section."""
    story = visit_story(doc, WIDTH, w)
    return story + [PageBreak()] if story else []


def build_report(doc: dict, out: str | Path, *, photos: PhotoSource | None = None,
                 photo_cache: PhotoCache | None = None, checklist=None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, lang: str = "en",
                 copier: PhotoCopier | None = None) -> BuildResult:
    """Write the audit report to `out` in `lang` ("en", "zh" or "both"). `photos` supplies evidence
    images (None: captions only); `photo_cache` keeps the PDF-sized copies between runs
    (`StorePhotos.cache()`: encrypted in the data folder; default: none, the copies live in memory only).
    `copier`: the photos already being prepared (`photo_order`), started by a caller that had other
    work to do meanwhile (`pair.build_report_and_cap`); the caller closes it."""
    w = Wording(lang)
    cjk_font()
    content = read_content(doc, checklist, w)
    shas = content_photo_order(content) if copier is None else copier.todo
    total = report_steps(shas)
    copies = PhotoCopies()
    rec, problem = recommendation(doc)
    factory = (doc.get("factory_profile") or {}).get("name", "")

    def written(findings: list) -> int:
        """The report with these findings' pages, written to `out`: its page count."""
        story = (cover_story(content, rec, problem, w) + summary_story(content, rec, problem, WIDTH, w)
                 + profile_story(doc, WIDTH, w) + [Spacer(1, 6)]
                 + scope_story(doc, WIDTH, content.checklist, w) + [PageBreak()]
                 + status_story(rec, problem, WIDTH, w, content) + [Spacer(1, 8)]
                 + chart_story(content, w) + _visit(doc, w) + findings)
        if cancelled and cancelled():
            raise ReportCancelled("report cancelled")
        return write_pdf(out, story, decor_for(doc, "report.page_title", w), A4,
                         title=f"ESCP audit report — {factory}", author=doc["audit"].get("audit_firm") or "",
                         subject=f"{doc['audit']['audit_type']} audit {doc['audit']['id']}")

    with contextlib.ExitStack() as stack:
        # The photos are prepared on worker threads while this thread lays out the pages before them
        # and the findings: a finding waits only for its own photos, or not at all when the copy's size
        # is known from the original's header (a planned photo, taken when the PDF is written).
        if copier is None and photos is not None and shas:
            copier = stack.enter_context(PhotoCopier.for_report(shas, photos, photo_cache, progress=progress,
                                                                cancelled=cancelled))
        if copier is None:
            pages = written(findings_story(content, {}, {}, WIDTH, w))
        else:
            try:
                pages = written(findings_story(content, Lookup(copier.planned), Lookup(copier.problem), WIDTH, w,
                                               copier.made))
            except PhotoNotAsPlanned:  # rare: laid out again, every photo known now (the first file is gone)
                done = copier.finish()
                pages = written(findings_story(content, done.photos, done.problems, WIDTH, w))
            copies = copier.finish()
    if progress:
        progress(total, total)
    return BuildResult(Path(out), pages, len(copies.photos), copies.problems)


__all__ = ["BuildResult", "ReportCancelled", "build_report", "photo_order"]
