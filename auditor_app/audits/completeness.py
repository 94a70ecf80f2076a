"""Is the audit done? Every gap, stage by stage, from the audit document (stored or in a package).

A gap is something the audit day should have produced and did not: a checkpoint not answered, a
drawn worker not interviewed, a document not reviewed, a tour area not visited, a CAP row without
root cause, action, responsible person or due date, an age flag without a decision, the closing
meeting not recorded, a Zero Tolerance finding without its 24-hour notice, a signature missing or
drawn for an earlier version of the CAP. Most gaps can be closed with a recorded reason instead
(`gap_closure` rows; the report prints them); the record and the signatures cannot.

Finalize is refused while a gap is open; `auditor-app check` prints the same list for a lead who
receives a package. Gap keys are "<kind>:<ref>" and name rows by id, so a closure follows its row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor_app.checklist.grades import load_grades
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.selection import DIMENSIONS
from auditor_app.package.cap_content import cap_sha256
from auditor_app.store.vocab import STAGES

SIGNER_LABELS = {"factory_manager": "The factory manager", "auditor": "The auditor"}
CAP_REQUIRED = (("root_cause", "no root cause"), ("corrective_action", "no corrective action"),
                ("responsible_person", "no responsible person"), ("due_date", "no due date"))


@dataclass(frozen=True)
class Gap:
    key: str
    stage: str
    text: str
    closable: bool = True


@dataclass(frozen=True)
class ClosedGap:
    gap: Gap
    reason: str
    note: str
    closed_at: str


@dataclass
class Completeness:
    open: list[Gap] = field(default_factory=list)
    closed: list[ClosedGap] = field(default_factory=list)
    answered: int = 0
    applicable: int = 0

    @property
    def complete(self) -> bool:
        return not self.open

    def by_stage(self) -> list[tuple[str, list[Gap]]]:
        return [(stage, [g for g in self.open if g.stage == stage]) for stage in STAGES
                if any(g.stage == stage for g in self.open)]

    def as_dict(self) -> dict[str, Any]:
        return {"complete": self.complete, "answered": self.answered, "applicable": self.applicable,
                "open": [{"key": g.key, "stage": g.stage, "text": g.text, "closable": g.closable}
                         for g in self.open],
                "closed": [{"key": c.gap.key, "stage": c.gap.stage, "text": c.gap.text, "reason": c.reason,
                            "note": c.note, "closed_at": c.closed_at} for c in self.closed]}


def _rows(doc: dict, table: str) -> list[dict]:
    return list(doc.get(table) or [])


def _stratum(stratum: dict) -> str:
    keys = [k for k in DIMENSIONS if stratum.get(k)] + sorted(k for k in stratum if k not in DIMENSIONS)
    return " / ".join(str(stratum[k]) for k in keys if stratum.get(k))


def _tour(doc: dict) -> list[Gap]:
    return [Gap(f"area:{a['id']}", "tour", f"Tour area “{a['name']}” not visited")
            for a in _rows(doc, "tour_area") if not a.get("visited_at")]


def _documents(doc: dict) -> list[Gap]:
    return [Gap(f"document:{d['id']}", "documents", f"“{d['name']}” not reviewed")
            for d in _rows(doc, "document_check") if d.get("status") == "requested"]


def _interviews(doc: dict) -> list[Gap]:
    gaps = []
    for iv in sorted(_rows(doc, "interview"), key=lambda r: r["code"]):
        if iv.get("conducted_at"):
            continue
        if iv.get("kind") == "group":
            text = f"Group interview {iv['code']} not held"
        else:
            stratum = _stratum(iv.get("stratum") or {})
            text = f"{iv['code']}{f' ({stratum})' if stratum else ''} drawn but not interviewed"
        gaps.append(Gap(f"interview:{iv['id']}", "interviews", text))
    draws = sorted(_rows(doc, "sample_draw"), key=lambda d: d.get("drawn_at") or "")
    if draws:
        for n, flag in enumerate(draws[-1].get("age_flags") or [], start=1):
            who = flag.get("code") or "a worker not drawn"
            gaps.append(Gap(f"age_flag:{draws[-1]['id']}.{n}", "interviews",
                            f"Age flag without a decision: {flag.get('text', '')} ({who})"))
    return gaps


def _checklist(doc: dict, result: Completeness) -> list[Gap]:
    audit = doc["audit"]
    checklist = load_checklist(audit["checklist_version"])
    answered = {a["checkpoint_id"] for a in _rows(doc, "answer")}
    applicable = checklist.for_audit_type(audit["audit_type"])
    result.applicable = len(applicable)
    result.answered = sum(1 for cp in applicable if cp.id in answered)
    gaps = [Gap(f"checkpoint:{cp.id}", "checklist", f"Checkpoint {cp.id} not answered: {_short(cp.question)}")
            for cp in applicable if cp.id not in answered]
    for f in _live_findings(doc):
        if not (f.get("description") or "").strip():
            gaps.append(Gap(f"nc:{f['id']}", "checklist", f"NC {f['checkpoint_id']} has no description",
                            closable=False))
    return gaps


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _live_findings(doc: dict) -> list[dict]:
    return sorted((f for f in _rows(doc, "finding") if not f.get("deleted_at")),
                  key=lambda f: (f.get("created_at") or "", f["id"]))


def _closing(doc: dict) -> list[Gap]:
    gaps = []
    findings = {f["id"]: f for f in _live_findings(doc)}
    for cap in _rows(doc, "cap_item"):
        finding = findings.get(cap["finding_id"])
        if finding is None:
            continue
        for key, words in CAP_REQUIRED:
            if not (str(cap.get(key) or "")).strip():
                gaps.append(Gap(f"cap.{key}:{cap['id']}", "closing", f"CAP of NC {finding['checkpoint_id']}: {words}"))
    closing = next((m for m in _rows(doc, "meeting") if m.get("kind") == "closing"), None)
    missing = []
    if closing is None or not closing.get("held_at"):
        missing.append("the time it was held")
    if closing is None or not closing.get("attendees"):
        missing.append("who attended")
    if closing is None or not closing.get("factory_position"):
        missing.append("the factory's position on the findings")
    if missing:
        gaps.append(Gap("closing_meeting", "closing", "The closing meeting is not recorded: " + ", ".join(missing),
                        closable=False))
    notice_grades = {g.key for g in load_grades() if g.report_within_hours}
    urgent = [f for f in findings.values() if f.get("grade") in notice_grades]
    if urgent and not (closing and closing.get("zt_notice_at") and (closing.get("zt_notice_to") or "").strip()):
        ids = ", ".join(f["checkpoint_id"] for f in urgent)
        gaps.append(Gap("zt_notice", "closing", f"Zero Tolerance NC {ids}: the notice to the program (to whom, when) "
                                                "is not recorded", closable=False))
    signed = {s["role"]: s for s in _rows(doc, "signature")}
    content = cap_sha256(doc)
    for role, label in SIGNER_LABELS.items():
        signature = signed.get(role)
        if signature is None:
            gaps.append(Gap(f"signature:{role}", "closing", f"{label} has not signed the CAP", closable=False))
        elif signature.get("cap_sha256") != content:
            gaps.append(Gap(f"signature:{role}", "closing",
                            f"{label} signed an earlier version of the CAP: sign again", closable=False))
    return gaps


def check_document(doc: dict[str, Any]) -> Completeness:
    """Every open gap of the audit in stage order, and those closed with a reason."""
    result = Completeness()
    gaps = _tour(doc) + _documents(doc) + _interviews(doc) + _checklist(doc, result) + _closing(doc)
    closures = {c["gap"]: c for c in _rows(doc, "gap_closure")}
    for gap in sorted(gaps, key=lambda g: STAGES.index(g.stage)):
        closure = closures.get(gap.key) if gap.closable else None
        if closure is None:
            result.open.append(gap)
        else:
            result.closed.append(ClosedGap(gap, closure["reason"], closure.get("note") or "",
                                           closure.get("closed_at") or ""))
    return result
