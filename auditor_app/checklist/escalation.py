"""Raising a finding to Zero Tolerance with a recorded reason (grades.yaml `raise_to`).

Any checkpoint's finding may be raised above the grade the checklist gives it (its conditional grade
included) to `raise_to.grade` when the auditor records one of the reasons that apply at that
checkpoint: the reasons whose `areas` include the checkpoint's section's area, or the checkpoint's own
`raise_reasons` list when its edition gives one. The finding keeps the reason's key; the auditor's
account of the facts stays in the finding's description.

`grade_problem` is what an operation that records a finding asks before saving it.
"""

from __future__ import annotations

from auditor_app.checklist.definition import Checklist
from auditor_app.checklist.grades import RaiseReason, grade, raise_to


def raise_reasons_for(checklist: Checklist, checkpoint_id: str) -> tuple[RaiseReason, ...]:
    """The reasons for which a finding at this checkpoint may be raised."""
    checkpoint = checklist.checkpoint(checkpoint_id)
    rule = raise_to()
    if checkpoint.raise_reasons is not None:
        return tuple(rule.reason(key) for key in checkpoint.raise_reasons)
    area = checklist.section_of(checkpoint_id).area
    return tuple(r for r in rule.reasons if not r.areas or area in r.areas)


def checklist_grade(checklist: Checklist, checkpoint_id: str, *, transparent: bool, systemic: bool) -> str:
    """The grade the checklist gives (conditional grade applied; isolated = not systemic)."""
    return checklist.checkpoint(checkpoint_id).grade_for(transparent=transparent, isolated=not systemic)


def is_raised(checklist: Checklist, checkpoint_id: str, finding_grade: str, *, transparent: bool,
              systemic: bool) -> bool:
    """The finding's grade is above the checklist's for it."""
    base = checklist_grade(checklist, checkpoint_id, transparent=transparent, systemic=systemic)
    return grade(finding_grade).rank > grade(base).rank


def grade_problem(checklist: Checklist, checkpoint_id: str, finding_grade: str, *, transparent: bool,
                  systemic: bool, raised_reason: str = "") -> str | None:
    """Why this grade with this reason cannot be recorded at this checkpoint, or None when it can."""
    rule = raise_to()
    target = grade(rule.grade)
    base = checklist_grade(checklist, checkpoint_id, transparent=transparent, systemic=systemic)
    allowed = raise_reasons_for(checklist, checkpoint_id)
    words = ", ".join(f"{r.key} ({r.label})" for r in allowed) or "none at this checkpoint"
    if raised_reason:
        if finding_grade != rule.grade:
            return (f"a reason to raise the grade ({raised_reason}) is only recorded with the grade "
                    f"{target.label}")
        if base == rule.grade:
            return (f"checkpoint {checkpoint_id} is already {target.label} in the checklist; there is "
                    "nothing to raise")
        if raised_reason not in {r.key for r in allowed}:
            return (f"reason {raised_reason!r} does not apply at checkpoint {checkpoint_id}; "
                    f"the reasons that do: {words}")
        return None
    if finding_grade == rule.grade and base != rule.grade:
        return (f"checkpoint {checkpoint_id} is {grade(base).label} in the checklist; raising it to "
                f"{target.label} needs a recorded reason: {words}")
    return None
