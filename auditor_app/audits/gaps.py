"""Closing a gap of the completeness check with a reason (the worker was absent, the document not
available...), or opening it again. The report prints each closed gap with its reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.completeness import check_document
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.checklist.messages import Words, message, prepares
from auditor_app.package.document import audit_document
from auditor_app.store.models import GapClosure
from auditor_app.store.types import utcnow
from auditor_app.store.vocab import GAP_REASONS

def reason_label(reason: str, lang: str | None = "en") -> str:
    """Why a gap was closed, in `lang` (resources/messages/audit.yaml `gap_reason.*`); an unknown
    reason as stored."""
    if reason not in GAP_REASONS:
        return reason
    return Words(lang or "en").t(f"gap_reason.{reason}")


@prepares("gaps.reason_unknown")
def _reasons(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    return {"reasons": w.join(reason_label(r, w.lang) for r in p["reasons"])}


@prepares("refusal.gap.must_be_done")
def _gap_said(p: Mapping[str, Any], w: Words) -> dict[str, Any]:
    gap = p["gap"]
    return {"gap": w.message(gap["id"], gap["params"]) if "id" in gap else gap["text"]}


@operation
def close_gap(session: Session, audit_id: str, gap: str, reason: str, note: str = "") -> None:
    close_gaps(session, audit_id, [gap], reason, note)


@operation
def close_gaps(session: Session, audit_id: str, gaps: list[str], reason: str, note: str = "") -> int:
    """Close each of `gaps` (open, closable gaps of the audit) with one reason; returns how many."""
    if reason not in GAP_REASONS:
        raise InvalidChange(message("gaps.reason_unknown", reasons=list(GAP_REASONS)))
    if reason == "other" and not note.strip():
        raise InvalidChange(message("gaps.other_needs_note"))
    open_gaps = {g.key: g for g in check_document(audit_document(session, audit_id)).open}
    now = utcnow()
    for key in dict.fromkeys(gaps):
        found = open_gaps.get(key)
        if found is None:
            raise InvalidChange(message("refusal.gap.not_open"))
        if not found.closable:
            said = found.message
            raise InvalidChange(message("refusal.gap.must_be_done", gap={"id": said.id, "params": dict(said.params)}
                                        if said is not None else {"text": found.text}))
        session.add(GapClosure(audit_id=audit_id, gap=key, reason=reason, note=note.strip(), closed_at=now))
    return len(set(gaps))


@operation
def reopen_gap(session: Session, audit_id: str, gap: str) -> None:
    for row in session.scalars(select(GapClosure).where(GapClosure.audit_id == audit_id, GapClosure.gap == gap)):
        session.delete(row)
