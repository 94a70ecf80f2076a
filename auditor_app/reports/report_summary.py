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

KEY_ISSUE_FROM = "critical"   # this grade and every more severe one is a key issue
ISSUE_CHARS = 160


def _rank(key: str) -> int:
    try:
        return grade_rules.grade(key).rank
    except KeyError:
        return 0


def _first_words(text: str, limit: int = ISSUE_CHARS) -> str:
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text or "(no description)"
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",.;:") + "…"


def key_issues(content: ReportContent) -> list[dict]:
    floor = _rank(KEY_ISSUE_FROM)
    issues = [f for f in content.findings if _rank(f["grade"]) >= floor]
    return sorted(issues, key=lambda f: -_rank(f["grade"]))  # stable: checklist order within a grade


def _grade_table(content: ReportContent, width: float) -> list:
    grades = list(reversed(grades_in_order()))  # most severe first
    live = [sum(1 for f in content.findings if f["grade"] == key) for key, _ in grades]
    still = [sum(1 for f in content.findings if f["grade"] == key and f.get("status") != "closed")
             for key, _ in grades]
    rows = [[bold("NCs", "cell")] + [str(n) for n in live] + [bold(str(len(content.findings)), "cell")],
            ["Open at the end of the audit"] + [str(n) for n in still] + [str(sum(still))]]
    first = 46 * mm
    rest = (width - first) / (len(grades) + 1)
    return [grid([""] + [label for _, label in grades] + ["Total"], rows, [first] + [rest] * (len(grades) + 1))]


def _issue_lines(content: ReportContent) -> list:
    issues = key_issues(content)
    if not issues:
        return [para("No Zero Tolerance or Critical NC was found.")]
    return [para(None, "body", raw=f"• <b>{markup(f['checkpoint_id'])} {markup(grade_label(f['grade']))}</b> — "
                                   f"{markup(_first_words(f.get('description') or ''))}")
            for f in issues]


def _site_days(audit: dict) -> str:
    days = [d for d in audit.get("site_days") or [] if isinstance(d, dict) and d.get("date")]
    if days:
        return "\n".join(f"{d['date']}: in {d.get('time_in') or '—'}, out {d.get('time_out') or '—'}"
                         for d in sorted(days, key=lambda d: d["date"])) + "\n(factory local time)"
    start = audit.get("actual_start") or audit.get("planned_start")
    end = audit.get("actual_end") or audit.get("planned_end")
    if not start:
        return "Not recorded"
    span = start if not end or end == start else f"{start} to {end}"
    return f"{span} (times in and out not recorded)"


def _man_days(doc: dict) -> str:
    plan = (latest_draw(doc) or {}).get("plan") or {}
    if plan.get("man_days") is None:
        return "—"
    return f"{float(plan['man_days']):g} (sampling plan)"


def _lead(team: list[dict]) -> str:
    leads = [m for m in team if "lead" in str(m.get("role") or "").lower()]
    return ", ".join(str(m.get("name") or "") for m in leads) or "—"


def _previous(audit: dict) -> str:
    lines = []
    if audit.get("follows_id"):
        lines.append(f"Follows audit {audit['follows_id'][:8]} (its open NCs were carried over)")
    if audit.get("supersedes_id"):
        lines.append(f"Revision {audit.get('revision', 1)}; supersedes audit {audit['supersedes_id'][:8]}")
    return "\n".join(lines) or "None recorded"


def details_rows(doc: dict) -> list[tuple[str, object]]:
    audit = doc["audit"]
    team = audit.get("team") or []
    people = "<br/>".join(f"{markup(m.get('name', ''))} <font color='#5F6B7A'>({markup(m.get('role', ''))})</font>"
                          for m in team) or "—"
    before = status_label(audit.get("current_status"))
    if before is None:
        before = "Not recorded" + (" (previously certified)" if audit.get("previously_certified") else "")
    return [
        ("Days on site", _site_days(audit)),
        ("Man-days", _man_days(doc)),
        ("Auditors", para(None, "cell", raw=people)),
        ("Written by", _lead(team)),
        ("Reviewed by", "— (no lead review recorded)"),
        ("Previous audit", _previous(audit)),
        ("Factory status before this audit", before),
    ]


def summary_story(content: ReportContent, rec, problem: str | None, width: float) -> list:
    story: list = [para("Executive summary", "h1"), status_box(rec, problem, width), Spacer(1, 4)]
    if rec is not None and rec.reasons:
        story.append(para("The reasons are in section 3; ESCP's review team decides the final status.", "muted"))
    story += [para("Non-compliances by grade", "h2")] + _grade_table(content, width)
    story += [para("Key issues", "h2")] + _issue_lines(content)
    story += [para("Audit details", "h2"), key_values(details_rows(content.doc), width, key_w=52 * mm)]
    story.append(PageBreak())
    return story
