"""The previous CAP, verified item by item: a visit started from a previous audit records for every
carried NC what it found (closed with evidence, progress made, still open, not verifiable) with a
note; photos and documents are linked to the carried NC as to any other. A carried NC is never
deleted by an answer or a delete: what the factory did stays on record, whatever the result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.closing import cap_changed
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Words, lists_joined, message, prepares
from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.store.models import Audit, CapItem, Finding
from auditor_app.store.types import utcnow

# result key -> (what the auditor picks, the NC's and the CAP item's status afterwards)
RESULTS = {
    "closed": ("Closed with evidence", "closed"),
    "progress": ("Progress made", "in_progress"),
    "open": ("Still open", "open"),
    "unverifiable": ("Not verifiable", "open"),
}


prepares("refusal.verify.result")(lists_joined)  # the results' codes, joined in the language


@prepares("refusal.verify.needs_note")
def _result_label(p, w: Words) -> dict:
    return {"result": w.t(f"report.visit.result.{p['result']}")}


@prepares("refusal.verify.grade")
def _grades(p, w: Words) -> dict:
    # The English has always named the visit by its code; a Chinese reader gets the visit's name.
    return {"audit_type": w.audit_type(p["audit_type"]) if w.lang == "zh" else p["audit_type"],
            "allowed": w.join(w.grade(g) for g in p["allowed"]), "grade": w.grade(p["grade"]),
            "checkpoint": p["checkpoint"]}


@prepares("refusal.verify.carried")
def _carried(p, w: Words) -> dict:
    return {"doing": w.t(f"refusal.verify.doing.{p['doing']}"), "checkpoints": w.join(p["checkpoints"])}


@dataclass(frozen=True)
class CarriedItem:
    """One previous CAP item as the visit shows it."""
    finding: Finding
    cap: CapItem
    overdue: bool        # its due date passed before the visit and it is not verified closed

    @property
    def verified(self) -> bool:
        return self.cap.verification_result is not None


def carried_items(session: Session, audit_id: str, today: date | None = None) -> list[CarriedItem]:
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("refusal.no_audit"))
    visit_day = today or audit.actual_start or audit.planned_start or date.today()
    rows = session.execute(select(Finding, CapItem).join(CapItem, CapItem.finding_id == Finding.id).where(
        Finding.audit_id == audit_id, Finding.carried_from_id.is_not(None), Finding.deleted_at.is_(None))
        .order_by(Finding.checkpoint_id)).all()
    return [CarriedItem(f, cap, overdue=cap.due_date is not None and cap.due_date < visit_day
                        and cap.verification_result != "closed") for f, cap in rows]


def unverified(session: Session, audit_id: str) -> list[CarriedItem]:
    return [item for item in carried_items(session, audit_id) if not item.verified]


@operation
def verify_carried(session: Session, cap_id: str, result: str, note: str = "") -> CarriedItem:
    """Record what the visit found for one previous CAP item. Closing needs a note saying what was seen;
    a visit closes only the grades its type allows (a Desktop Review closes Minor NCs only)."""
    if result not in RESULTS:
        raise InvalidChange(message("refusal.verify.result", results=list(RESULTS), result=result))
    cap = session.get(CapItem, cap_id)
    if cap is None:
        raise InvalidChange(message("refusal.verify.no_cap"))
    finding = cap.finding
    if finding.carried_from_id is None:
        raise InvalidChange(message("refusal.verify.not_carried"))
    note = note.strip()
    if result in ("closed", "unverifiable") and not note:
        raise InvalidChange(message("refusal.verify.needs_note", result=result))
    audit = session.get(Audit, finding.audit_id)
    assert audit is not None
    kind = load_visit_types().get(audit.audit_type)
    if result == "closed" and kind is not None and finding.grade not in kind.closes_grades:
        raise InvalidChange(message("refusal.verify.grade", audit_type=audit.audit_type,
                                    allowed=list(kind.closes_grades), grade=finding.grade,
                                    checkpoint=finding.checkpoint_id))
    status = RESULTS[result][1]
    cap.verification_result, cap.auditor_verification, cap.verified_at = result, note, utcnow()
    cap.status = finding.status = status
    session.flush()
    cap_changed(session, finding.audit_id)
    return CarriedItem(finding, cap, overdue=False)


def refuse_if_carried(findings: list[Finding], doing: str) -> None:
    """Answers and deletes never remove a carried NC: it is verified instead. `doing` says what would
    have removed it: "answer_yes", "answer_na" or "delete" (refusals.yaml refusal.verify.doing.*)."""
    carried = [f.checkpoint_id for f in findings if f.carried_from_id is not None]
    if carried:
        raise InvalidChange(message("refusal.verify.carried", doing=doing, checkpoints=sorted(set(carried))))
