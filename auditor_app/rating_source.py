"""Facts for the status recommendation, from an audit document (stored audit or `.escp` file).

The rating rules (`auditor_app.checklist.rating`) take plain facts; this is the one place that
knows how an audit document turns into them. Finding the document (a stored audit by id, a
package by path) is the caller's business (`auditor_app.commands.audit_target` for the command
line): this module sits below `audits/`, `package/` and `store/` and imports none of them.
"""

from __future__ import annotations

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
