"""The wage-and-hour review kept with the audit: the result computed from the factory's attendance and
payroll files (`auditor_app.hours`), the files' names and SHA-256, and the auditor's decision on each
proposed finding (accepted: the auditor raised the NC through the NC editor; rejected: recorded, with
an optional note). Computing is done before, off the GUI thread; these operations only store."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Words, message, prepares
from auditor_app.store.models import Audit, Finding, HoursReview
from auditor_app.store.types import format_utc, utcnow

if TYPE_CHECKING:
    from auditor_app.hours.findings import ProposedFinding
    from auditor_app.hours.result import HoursResult

# auditor_app.hours is imported where it is used: its package loads the whole hours engine (half a
# second), and this module is imported with auditor_app.audits at every start of the window.

DECISIONS = ("accepted", "rejected")
FILE_KINDS = ("attendance", "payroll")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@prepares("refusal.hours.file_facts")
def _file_kind(p, w: Words) -> dict:
    return {"file": w.t(f"refusal.hours.file.{p['file']}")}


def hours_review(session: Session, audit_id: str) -> HoursReview | None:
    return session.scalars(select(HoursReview).where(HoursReview.audit_id == audit_id)).one_or_none()


def review_result(review: HoursReview | dict | None) -> HoursResult | None:
    """The stored result as the computation gave it (a row or its canonical-document dict)."""
    from auditor_app.hours.result import HoursResult

    data = (review.get("result") if isinstance(review, dict) else review.result) if review is not None else None
    return HoursResult.from_dict(data) if data else None


def review_proposals(review: HoursReview | dict | None, checklist_version: str) -> list[ProposedFinding]:
    from auditor_app.hours.findings import propose_findings

    result = review_result(review)
    return propose_findings(result, checklist_version) if result is not None else []


@operation
def save_hours_review(session: Session, audit_id: str, result: dict[str, Any], files: dict[str, dict]) -> HoursReview:
    """Keep a computation with the audit (replacing the last one). Decisions on proposals the new
    result still makes are kept; the others go."""
    from auditor_app.hours.approval import Approval
    from auditor_app.hours.findings import propose_findings
    from auditor_app.hours.result import HoursResult

    audit = session.get(Audit, audit_id)
    if audit is None:
        raise InvalidChange(message("refusal.no_audit"))
    try:
        parsed = HoursResult.from_dict(result)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidChange(message("refusal.hours.incomplete")) from exc
    for kind in FILE_KINDS:
        facts = files.get(kind) or {}
        if not _SHA256.match(str(facts.get("sha256", ""))) or not str(facts.get("name", "")).strip():
            raise InvalidChange(message("refusal.hours.file_facts", file=kind))
    period = parsed.period
    if not (_MONTH.match(period.get("from", "")) and _MONTH.match(period.get("to", ""))):
        raise InvalidChange(message("refusal.hours.period"))
    approval = {} if parsed.system.get("kind") == "standard" else Approval.from_dict(parsed.system).as_dict()
    review = hours_review(session, audit_id)
    if review is None:
        review = HoursReview(audit_id=audit_id, decisions={})
        session.add(review)
    proposed = {p.checkpoint_id for p in propose_findings(parsed, audit.checklist_version)}
    review.city = str(parsed.city.get("key", ""))
    review.period_from, review.period_to = period["from"], period["to"]
    review.approval = approval
    review.files = {kind: dict(files[kind]) for kind in FILE_KINDS}
    review.result = parsed.as_dict()
    review.decisions = {cp: d for cp, d in (review.decisions or {}).items() if cp in proposed}
    review.computed_at = utcnow()
    return review


@operation
def decide_hours_finding(session: Session, audit_id: str, checkpoint_id: str, decision: str | None,
                         note: str = "") -> None:
    """Record the auditor's decision on the proposal under `checkpoint_id` (None: undecided again)."""
    if decision is not None and decision not in DECISIONS:
        raise InvalidChange(message("refusal.hours.decision"))
    review = hours_review(session, audit_id)
    audit = session.get(Audit, audit_id)
    if review is None or audit is None:
        raise InvalidChange(message("refusal.hours.no_review"))
    if checkpoint_id not in {p.checkpoint_id for p in review_proposals(review, audit.checklist_version)}:
        raise InvalidChange(message("refusal.hours.no_proposal", checkpoint=checkpoint_id))
    decisions = dict(review.decisions or {})
    if decision is None:
        decisions.pop(checkpoint_id, None)
    else:
        decisions[checkpoint_id] = {"decision": decision, "at": format_utc(utcnow()), "note": note.strip()}
        if decision == "accepted":
            # The NCs already on the checkpoint were not raised by the review; the next ones are.
            decisions[checkpoint_id]["existing"] = sorted(session.scalars(select(Finding.id).where(
                Finding.audit_id == audit_id, Finding.checkpoint_id == checkpoint_id, Finding.deleted_at.is_(None))))
    review.decisions = decisions


def raised_by_review(decisions: dict, findings: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Checkpoint id -> ids of the live findings (given as (id, checkpoint id)) raised after the
    auditor accepted the review's proposal on that checkpoint."""
    out: dict[str, list[str]] = {}
    for finding_id, checkpoint_id in findings:
        decided = decisions.get(checkpoint_id) or {}
        if decided.get("decision") == "accepted" and finding_id not in (decided.get("existing") or ()):
            out.setdefault(checkpoint_id, []).append(finding_id)
    return out
