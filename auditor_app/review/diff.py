"""What changed between two revisions of an audit: findings added, removed or changed (grade,
description and the rest of what the CAP shows), CAP rows changed, photos added or removed, and
checkpoint answers changed. A structured result for the side-by-side view; `diff_text` words it.

Rows are paired by what they are, not by id (`matching`): a new revision copies every row under a
new id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor_app.package.cap_content import CAP_FIELDS as SIGNED_CAP_FIELDS
from auditor_app.package.cap_content import FINDING_FIELDS
from auditor_app.review.matching import Row, pair_findings, rows

CAP_FIELDS = SIGNED_CAP_FIELDS + ("auditor_verification", "status", "verification_result")
FINDING_EXTRA = ("status", "raised_reason")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class FindingChange:
    change: str  # added | removed | changed
    checkpoint_id: str
    old_id: str | None
    new_id: str | None
    old_grade: str | None
    new_grade: str | None
    description: str  # the new one (the old one for a removed finding)
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class CapChange:
    change: str  # added | removed | changed
    checkpoint_id: str
    old_id: str | None
    new_id: str | None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class EvidenceChange:
    change: str  # added | removed | relinked
    sha256: str
    name: str
    findings_before: tuple[str, ...] = ()  # checkpoints of the findings it was evidence of
    findings_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerChange:
    checkpoint_id: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RevisionDiff:
    old_id: str
    new_id: str
    old_revision: int
    new_revision: int
    supersedes: bool  # the new revision names the old one as the revision it supersedes
    findings: list[FindingChange] = field(default_factory=list)
    cap_rows: list[CapChange] = field(default_factory=list)
    evidence: list[EvidenceChange] = field(default_factory=list)
    answers: list[AnswerChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.findings or self.cap_rows or self.evidence or self.answers)


def _changes(old: Row, new: Row, fields: tuple[str, ...]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(f, old.get(f), new.get(f)) for f in fields if old.get(f) != new.get(f))


def _photos(document: dict) -> dict[str, tuple[str, set[str]]]:
    """sha256 -> (original name, checkpoints of the live findings it is evidence of)."""
    findings = {f["id"]: f["checkpoint_id"] for f in rows(document, "finding")}
    live = {e["id"]: e for e in rows(document, "evidence")}
    out: dict[str, tuple[str, set[str]]] = {e["sha256"]: (e["original_name"], set()) for e in live.values()}
    for link in rows(document, "finding_evidence"):
        photo = live.get(link["evidence_id"])
        if photo is not None and link["finding_id"] in findings:
            out[photo["sha256"]][1].add(findings[link["finding_id"]])
    return out


def revision_diff(old: dict, new: dict) -> RevisionDiff:
    """The differences from `old` to `new` (two audit documents, `package.document.audit_document`)."""
    result = RevisionDiff(old["audit"]["id"], new["audit"]["id"], old["audit"]["revision"], new["audit"]["revision"],
                          new["audit"].get("supersedes_id") == old["audit"]["id"])
    caps_old = {c["finding_id"]: c for c in rows(old, "cap_item")}
    caps_new = {c["finding_id"]: c for c in rows(new, "cap_item")}
    for a, b in pair_findings(old, new):
        _finding(result, a, b)
        checkpoint = (a or b or {}).get("checkpoint_id", "")
        _cap(result, checkpoint, caps_old.get(a["id"]) if a else None, caps_new.get(b["id"]) if b else None)
    photos_old, photos_new = _photos(old), _photos(new)
    for sha in sorted(set(photos_old) | set(photos_new)):
        before, after = photos_old.get(sha), photos_new.get(sha)
        if before is None and after is not None:
            result.evidence.append(EvidenceChange("added", sha, after[0], (), tuple(sorted(after[1]))))
        elif after is None and before is not None:
            result.evidence.append(EvidenceChange("removed", sha, before[0], tuple(sorted(before[1])), ()))
        elif before is not None and after is not None and before[1] != after[1]:
            result.evidence.append(EvidenceChange("relinked", sha, after[0], tuple(sorted(before[1])),
                                                  tuple(sorted(after[1]))))
    answers_old = {a["checkpoint_id"]: a["answer"] for a in rows(old, "answer")}
    answers_new = {a["checkpoint_id"]: a["answer"] for a in rows(new, "answer")}
    for checkpoint in sorted(set(answers_old) | set(answers_new)):
        if answers_old.get(checkpoint) != answers_new.get(checkpoint):
            result.answers.append(AnswerChange(checkpoint, answers_old.get(checkpoint), answers_new.get(checkpoint)))
    return result


def _finding(result: RevisionDiff, a: Row | None, b: Row | None) -> None:
    if a is None and b is not None:
        result.findings.append(FindingChange("added", b["checkpoint_id"], None, b["id"], None, b["grade"],
                                             b["description"]))
    elif b is None and a is not None:
        result.findings.append(FindingChange("removed", a["checkpoint_id"], a["id"], None, a["grade"], None,
                                             a["description"]))
    elif a is not None and b is not None:
        fields = _changes(a, b, FINDING_FIELDS + FINDING_EXTRA)
        if fields:
            result.findings.append(FindingChange("changed", b["checkpoint_id"], a["id"], b["id"], a["grade"],
                                                 b["grade"], b["description"], fields))


def _cap(result: RevisionDiff, checkpoint: str, a: Row | None, b: Row | None) -> None:
    if a is None and b is None:
        return
    if a is None or b is None:
        change = "added" if a is None else "removed"
        result.cap_rows.append(CapChange(change, checkpoint, a["id"] if a else None, b["id"] if b else None))
        return
    fields = _changes(a, b, CAP_FIELDS)
    if fields:
        result.cap_rows.append(CapChange("changed", checkpoint, a["id"], b["id"], fields))
