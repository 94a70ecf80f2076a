"""What both PDFs say, read out of the canonical audit document in report order: live findings by
section, evidence numbers (E-01, E-02 ... so the CAP can cite the report's photos), the checklist
wording; interview counts by stratum are in `interviews.py`.

Privacy lives in these two modules: interviews become counts (never names, never notes), and only
quotes marked quotable come out, attributed to the interview's anonymous code. An interview cited
as evidence of a finding appears as its code and kind only ("Interview W-07 (individual)").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor_app.checklist import grades as grade_rules
from auditor_app.checklist.definition import Checklist
from auditor_app.reports.interviews import InterviewSummary, interview_summary
from auditor_app.reports.wording import ENGLISH, Wording

__all__ = ["InterviewSummary", "ReportContent", "Section", "cited_interviews", "content_photo_order", "grade_label",
           "grades_in_order", "interview_citation", "interview_summary", "photo_order", "read_content"]


@dataclass
class Section:
    id: str
    title: str                        # English; "" for a section the pinned edition lacks
    findings: list[dict] = field(default_factory=list)
    title_zh: str = ""

    def heading(self, w: Wording = ENGLISH) -> str:
        """The section's title in the wording's languages."""
        if not self.title:
            return w("report.section_not_in_edition")
        return w.pick(lambda lang: self.title_zh if lang == "zh" and self.title_zh else self.title)


@dataclass
class ReportContent:
    doc: dict
    checklist: Checklist | None       # the pinned edition, None when this install lacks it
    checklist_problem: str | None
    sections: list[Section]           # every section of the edition, in order (some without NCs)
    findings: list[dict]              # live findings in report order
    evidence: dict[str, dict]         # evidence id -> row (live only)
    evidence_label: dict[str, str]    # evidence id -> "E-07"
    finding_evidence: dict[str, list[str]]  # finding id -> evidence ids, in label order
    cap_by_finding: dict[str, dict]
    # finding id -> "Interview W-07 (individual)", ... by code: the anonymised interview references
    finding_interviews: dict[str, list[str]] = field(default_factory=dict)

    def question(self, checkpoint_id: str, w: Wording = ENGLISH) -> str:
        """The checkpoint's question in the wording's languages (the edition's own Chinese)."""
        if self.checklist is not None and checkpoint_id in self.checklist:
            checkpoint = self.checklist.checkpoint(checkpoint_id)
            return w.pick(lambda lang: checkpoint.text("question", lang))
        return ""


def _number_key(checkpoint_id: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 10**6 for p in checkpoint_id.split("."))


def _grade_rank(key: str) -> int:
    try:
        return grade_rules.grade(key).rank
    except KeyError:
        return 0


def read_content(doc: dict, checklist=None, w: Wording = ENGLISH) -> ReportContent:
    problem = None
    if checklist is None:
        from auditor_app.checklist.loader import load_checklist

        try:
            checklist = load_checklist(doc["audit"]["checklist_version"])
        except Exception as exc:  # noqa: BLE001 - a report without question text beats no report
            checklist, problem = None, str(exc)
    # Copies: the section id is added to each, and the caller's document must stay as it was.
    findings = sorted((dict(f) for f in doc.get("finding", []) if not f.get("deleted_at")),
                      key=lambda f: (_number_key(f["checkpoint_id"]), -_grade_rank(f["grade"]), f["id"]))
    sections: dict[str, Section] = {}
    if checklist is not None:
        for s in checklist.sections:
            sections[s.id] = Section(s.id, s.title, title_zh=s.text("title", "zh"))
    for f in findings:
        sid = (checklist.section_of(f["checkpoint_id"]).id
               if checklist is not None and f["checkpoint_id"] in checklist
               else f["checkpoint_id"].split(".")[0])
        f["_section_id"] = sid
        sections.setdefault(sid, Section(sid, "")).findings.append(f)
    ordered = sorted(sections.values(), key=lambda s: _number_key(s.id))
    findings = [f for s in ordered for f in s.findings]

    evidence = {e["id"]: e for e in doc.get("evidence", []) if not e.get("deleted_at")}
    links: dict[str, list[str]] = {}
    for link in doc.get("finding_evidence", []):
        if link["evidence_id"] in evidence:
            links.setdefault(link["finding_id"], []).append(link["evidence_id"])
    labels: dict[str, str] = {}
    for f in findings:  # numbered in the order a reader meets them
        linked = sorted(links.get(f["id"], []), key=lambda eid: (evidence[eid].get("captured_at") or "", eid))
        links[f["id"]] = linked
        for eid in linked:
            labels.setdefault(eid, f"E-{len(labels) + 1:02d}")
    caps = {c["finding_id"]: c for c in doc.get("cap_item", [])}
    return ReportContent(doc, checklist, problem, ordered, findings, evidence, labels, links, caps,
                         cited_interviews(doc, w))


def photo_order(doc: dict, checklist=None) -> list[str]:
    """The SHA-256 of the report's photos in reading order, each once: the order a `PhotoCopier`
    prepares them in so the layout never waits for a photo it does not need yet. Here, not in
    `report`, so that the photos can be started before the layout's modules (ReportLab) are loaded."""
    return content_photo_order(read_content(doc, checklist))


def content_photo_order(content: ReportContent) -> list[str]:
    shas = [content.evidence[e]["sha256"] for f in content.findings for e in content.finding_evidence.get(f["id"], [])]
    return list(dict.fromkeys(shas))


def interview_citation(row: dict, w: Wording = ENGLISH) -> str:
    """How a finding cites an interview: its anonymous code and kind, nothing that was said in it."""
    code = row.get("code") or "—"
    if row.get("kind") == "group":
        return w("report.citation.group", code=code, n=max(1, int(row.get("group_size") or 1)))
    return w("report.citation.individual", code=code)


def cited_interviews(doc: dict, w: Wording = ENGLISH) -> dict[str, list[str]]:
    """finding id -> citations of the interviews linked to it, ordered by code."""
    interviews = {r["id"]: r for r in doc.get("interview", [])}
    cited: dict[str, list[dict]] = {}
    for link in doc.get("finding_interview", []):
        row = interviews.get(link.get("interview_id"))
        if row is not None:
            cited.setdefault(link["finding_id"], []).append(row)
    return {fid: [interview_citation(r, w) for r in sorted(rows, key=lambda r: (r.get("code") or "", r["id"]))]
            for fid, rows in cited.items()}


def grade_label(key: str, w: Wording = ENGLISH) -> str:
    try:
        grade_rules.grade(key)
    except KeyError:
        return key.replace("_", " ").title()
    return w.grade(key)


def grades_in_order() -> list[tuple[str, str]]:
    return [(g.key, g.label) for g in grade_rules.load_grades()]
