"""Facts for the status recommendation, from an audit document (stored audit or `.escp` file).

The rating rules (`auditor_app.checklist.rating`) take plain facts; this is the one place that
knows how an audit document turns into them.
"""

from __future__ import annotations

from pathlib import Path

from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.rating import AuditFacts, FindingFacts


def facts_from_document(doc: dict) -> AuditFacts:
    audit = doc["audit"]
    checklist = load_checklist(audit["checklist_version"])
    section_of, section_titles = {}, {}
    for section in checklist.sections:
        section_titles[section.id] = section.title
        for checkpoint in section.checkpoints:
            section_of[checkpoint.id] = section.id
    findings = [
        FindingFacts(id=f["id"], checkpoint_id=f["checkpoint_id"],
                     section_id=section_of.get(f["checkpoint_id"], f["checkpoint_id"].split(".")[0]),
                     grade=f["grade"], open=f["status"] != "closed", transparent=bool(f["transparent"]),
                     record_inconsistency=bool(f["record_inconsistency"]))
        for f in doc["finding"] if not f.get("deleted_at")
    ]
    answers = {a["checkpoint_id"]: a["answer"] for a in doc["answer"]}
    return AuditFacts(audit_type=audit["audit_type"], previously_certified=bool(audit["previously_certified"]),
                      current_status=audit["current_status"], answers=answers, section_of=section_of,
                      section_titles=section_titles, findings=findings)


def document_for(target: str) -> dict:
    """The audit document of an `.escp` file path or of a stored audit (id or unique prefix)."""
    from auditor_app.cli import UserError

    if target.endswith(".escp") or Path(target).is_file():
        from auditor_app.package.importer import PackageError, read_package

        try:
            return read_package(target).document
        except PackageError as exc:
            raise UserError(str(exc)) from None
    from auditor_app.audits.queries import resolve_audit_id
    from auditor_app.package.document import audit_document
    from auditor_app.store.db import open_store

    store = open_store()
    try:
        with store.session() as session:
            try:
                return audit_document(session, resolve_audit_id(session, target))
            except LookupError as exc:
                raise UserError(str(exc)) from None
    finally:
        store.close()


def facts_for(target: str) -> AuditFacts:
    return facts_from_document(document_for(target))
