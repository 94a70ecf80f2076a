"""Facts for the status recommendation, from an audit document (stored audit or `.escp` file).

The rating rules (`auditor_app.checklist.rating`) take plain facts; this is the one place that
knows how an audit document turns into them. Finding the document (a stored audit by id, a
package by path) is the caller's business (`auditor_app.commands.audit_target` for the command
line): this module sits below `audits/`, `package/` and `store/` and imports none of their
operations; only the factory's time zone is read through `checklist.time_zones`, the one place that
knows it.

What the document does not record yet (see docs/status-rules.md, "What the audit does not store"):
termination triggers (CAP not accepted, audit or fee refused), the follow-up audits used in the
certification cycle, whether an audit other than an ICA belongs to the initial cycle, and why a
finding was raised to Zero Tolerance. They are read under the names proposed for them
(`audit.termination_triggers`, `audit.follow_ups_in_cycle`, `audit.initial_cycle`,
`finding.raised_reason`) as soon as a document carries them, and are unknown until then.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from auditor_app.checklist.visit_scope import scope_of_document
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.rating import AuditFacts, FindingFacts
from auditor_app.checklist.time_zones import factory_zone


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def audit_end(doc: dict[str, Any]) -> tuple[datetime | None, date | None]:
    """When the audit ended, in the factory's time zone, and that day on site.

    The closing meeting's `held_at` when recorded; else the end of `audit.actual_end` (midnight after
    it, on site); else not known. The 24-hour Zero Tolerance clock runs from this moment."""
    zone = factory_zone(doc.get("factory_profile"))
    for meeting in doc.get("meeting") or []:
        if meeting.get("kind") == "closing" and meeting.get("held_at"):
            held = _moment(meeting["held_at"]).astimezone(zone)
            return held, held.date()
    end = doc["audit"].get("actual_end")
    if end:
        day = date.fromisoformat(end) if isinstance(end, str) else end
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone), day
    return None, None


def facts_from_document(doc: dict) -> AuditFacts:
    audit = doc["audit"]
    checklist = load_checklist(audit["checklist_version"])
    section_of: dict[str, str] = {}
    section_titles: dict[str, str] = {}
    every: dict[str, str] = {}
    # A visit of `checklist: carried` (PV, FU, DR) answers only the carried NCs' checkpoints (visit_scope).
    in_scope = {cp.id for cp in scope_of_document(checklist, doc)}
    for section in checklist.sections:
        section_titles[section.id] = section.title
        for checkpoint in section.checkpoints:
            every[checkpoint.id] = section.id
            # Only the checkpoints asked in this type of audit count (a previous-CAP check is not
            # "unanswered" in an ICA); a finding elsewhere still finds its section.
            if audit["audit_type"] in checkpoint.audit_types and checkpoint.id in in_scope:
                section_of[checkpoint.id] = section.id
    findings = [
        FindingFacts(id=f["id"], checkpoint_id=f["checkpoint_id"],
                     section_id=every.get(f["checkpoint_id"], f["checkpoint_id"].split(".")[0]),
                     grade=f["grade"], open=f["status"] != "closed", transparent=bool(f["transparent"]),
                     record_inconsistency=bool(f["record_inconsistency"]),
                     raised_reason=f.get("raised_reason") or "")
        for f in doc["finding"] if not f.get("deleted_at")
    ]
    answers = {a["checkpoint_id"]: a["answer"] for a in doc["answer"]}
    for cp in answers:  # answered although not asked in this audit type: it counts as answered
        if cp in every:
            section_of.setdefault(cp, every[cp])
    end, end_day = audit_end(doc)
    return AuditFacts(audit_type=audit["audit_type"], previously_certified=bool(audit["previously_certified"]),
                      current_status=audit["current_status"], answers=answers, section_of=section_of,
                      section_titles=section_titles, findings=findings, audit_end=end, end_day=end_day,
                      checklist_version=checklist.version,
                      termination_triggers=tuple(audit.get("termination_triggers") or ()),
                      follow_ups_in_cycle=audit.get("follow_ups_in_cycle"),
                      initial_cycle=audit.get("initial_cycle"))
