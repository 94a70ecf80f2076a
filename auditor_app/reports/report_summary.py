"""The executive summary that opens the report (after the cover): the recommended status, NCs by
grade, the key issues (Zero Tolerance and Critical NCs, one line each), and the audit's details:
days on site with time in and out, man-days, the team and their roles, who wrote and who reviewed
the report, the previous audit and the factory's status before this one."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from auditor_app.checklist import grades as grade_rules
from auditor_app.reports.content import ReportContent, grade_label, grades_in_order
from auditor_app.reports.fonts import markup
from auditor_app.reports.interviews import latest_draw
from auditor_app.reports.report_status import status_box, status_label
from auditor_app.reports.styles import bold, grid, key_values, para
from auditor_app.reports.wording import ENGLISH, Wording

KEY_ISSUE_FROM = "critical"   # this grade and every more severe one is a key issue
ISSUE_CHARS = 160


def _rank(key: str) -> int:
    try:
        return grade_rules.grade(key).rank
    except KeyError:
        return 0


def _first_words(text: str, limit: int = ISSUE_CHARS, w: Wording = ENGLISH) -> str:
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text or w("report.no_description")
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",.;:") + "…"


def key_issues(content: ReportContent) -> list[dict]:
    floor = _rank(KEY_ISSUE_FROM)
    issues = [f for f in content.findings if _rank(f["grade"]) >= floor]
    return sorted(issues, key=lambda f: -_rank(f["grade"]))  # stable: checklist order within a grade


def _grade_table(content: ReportContent, width: float, w: Wording) -> list:
    grades = list(reversed(grades_in_order()))  # most severe first
    live = [sum(1 for f in content.findings if f["grade"] == key) for key, _ in grades]
    still = [sum(1 for f in content.findings if f["grade"] == key and f.get("status") != "closed")
             for key, _ in grades]
    rows = [[bold(w("report.col.ncs"), "cell")] + [str(n) for n in live] + [bold(str(len(content.findings)), "cell")],
            [w("report.summary.open_at_end")] + [str(n) for n in still] + [str(sum(still))]]
    first = 46 * mm
    rest = (width - first) / (len(grades) + 1)
    return [grid([""] + [w.grade(key) for key, _ in grades] + [w("report.total")], rows,
                 [first] + [rest] * (len(grades) + 1))]


def _issue_lines(content: ReportContent, w: Wording) -> list:
    issues = key_issues(content)
    if not issues:
        return [para(w("report.summary.no_key_issues"))]
    return [para(None, "body", raw=f"• <b>{markup(f['checkpoint_id'])} {markup(grade_label(f['grade'], w))}</b> — "
                                   f"{markup(_first_words(f.get('description') or '', w=w))}")
            for f in issues]


def _site_days(audit: dict, w: Wording) -> str:
    days = [d for d in audit.get("site_days") or [] if isinstance(d, dict) and d.get("date")]
    if days:
        lines = [w("report.summary.day", day=d["date"], time_in=d.get("time_in") or "—",
                   time_out=d.get("time_out") or "—") for d in sorted(days, key=lambda d: d["date"])]
        return "\n".join(lines + [w("report.summary.local_time")])
    start = audit.get("actual_start") or audit.get("planned_start")
    end = audit.get("actual_end") or audit.get("planned_end")
    if not start:
        return w("report.not_recorded")
    return w("report.summary.span", start=start,
             end=lambda lang: w.one("report.cover.to", lang, end=end) if end and end != start else "")


def _man_days(doc: dict, w: Wording) -> str:
    plan = (latest_draw(doc) or {}).get("plan") or {}
    if plan.get("man_days") is None:
        return "—"
    return w("report.summary.man_days", n=f"{float(plan['man_days']):g}")


def _lead(team: list[dict]) -> str:
    leads = [m for m in team if "lead" in str(m.get("role") or "").lower()]
    return ", ".join(str(m.get("name") or "") for m in leads) or "—"


def _previous(audit: dict, w: Wording) -> str:
    lines = []
    if audit.get("follows_id"):
        lines.append(w("report.summary.follows", id=audit["follows_id"][:8]))
    if audit.get("supersedes_id"):
        lines.append(w("report.summary.supersedes", revision=audit.get("revision", 1), id=audit["supersedes_id"][:8]))
    return "\n".join(lines) or w("report.none")


def details_rows(doc: dict, w: Wording = ENGLISH) -> list[tuple[str, object]]:
    audit = doc["audit"]
    team = audit.get("team") or []
    people = "<br/>".join(f"{markup(m.get('name', ''))} <font color='#5F6B7A'>({markup(m.get('role', ''))})</font>"
                          for m in team) or "—"
    before = status_label(audit.get("current_status"), w)
    if before is None:
        before = w("report.summary.before_not_recorded_certified" if audit.get("previously_certified")
                   else "report.not_recorded")
    return [
        (w("report.summary.days_on_site"), _site_days(audit, w)),
        (w("report.summary.man_days_label"), _man_days(doc, w)),
        (w("report.summary.auditors"), para(None, "cell", raw=people)),
        (w("report.summary.written_by"), _lead(team)),
        (w("report.summary.reviewed_by"), w("report.summary.no_review")),
        (w("report.summary.previous"), _previous(audit, w)),
        (w("report.summary.status_before"), before),
    ]


def summary_story(content: ReportContent, rec, problem: str | None, width: float, w: Wording = ENGLISH) -> list:
    story: list = [para(w("report.summary.heading"), "h1"), status_box(rec, problem, width, w), Spacer(1, 4)]
    if rec is not None and rec.reasons:
        story.append(para(w("report.summary.reasons_in_3"), "muted"))
    story += [para(w("report.summary.by_grade"), "h2")] + _grade_table(content, width, w)
    story += [para(w("report.summary.key_issues"), "h2")] + _issue_lines(content, w)
    story += [para(w("report.summary.details"), "h2"), key_values(details_rows(content.doc, w), width, key_w=52 * mm)]
    story.append(PageBreak())
    return story
