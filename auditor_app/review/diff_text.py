"""A revision diff in words, one line per change (the command line; the window lays it out side by side)."""

from __future__ import annotations

from typing import Any

from auditor_app.review.diff import FieldChange, RevisionDiff
from auditor_app.text import printable

_CLIP = 80


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    text = printable(str(value))
    return text if len(text) <= _CLIP else text[:_CLIP - 1] + "…"


def field_line(change: FieldChange) -> str:
    return f"    {change.field.replace('_', ' ')}: {_show(change.old)} -> {_show(change.new)}"


def _fields(changes: tuple[FieldChange, ...]) -> list[str]:
    return [field_line(c) for c in changes]


def diff_lines(diff: RevisionDiff) -> list[str]:
    lines = [f"revision {diff.old_revision} ({diff.old_id[:8]}) -> revision {diff.new_revision} ({diff.new_id[:8]})"
             + ("" if diff.supersedes else "; the second does not name the first as the revision it supersedes")]
    if diff.empty:
        return lines + ["no change to findings, CAP rows, photos or answers"]
    for f in diff.findings:
        if f.change == "added":
            lines.append(f"finding {f.checkpoint_id} added ({f.new_grade}): {_show(f.description)}")
        elif f.change == "removed":
            lines.append(f"finding {f.checkpoint_id} removed ({f.old_grade}): {_show(f.description)}")
        else:
            grade = f" ({f.old_grade} -> {f.new_grade})" if f.old_grade != f.new_grade else f" ({f.new_grade})"
            lines.append(f"finding {f.checkpoint_id} changed{grade}")
            lines += _fields(f.fields)
    for c in diff.cap_rows:
        lines.append(f"CAP row of finding {c.checkpoint_id} {c.change}")
        lines += _fields(c.fields)
    for e in diff.evidence:
        where = e.findings_after if e.change != "removed" else e.findings_before
        cited = f" (evidence of {', '.join(where)})" if where else ""
        if e.change == "relinked":
            cited = f" (evidence of {', '.join(e.findings_before) or 'none'} -> {', '.join(e.findings_after) or 'none'})"
        lines.append(f"photo {_show(e.name)} {e.change}{cited}")
    for a in diff.answers:
        lines.append(f"checkpoint {a.checkpoint_id}: answer {_show(a.old)} -> {_show(a.new)}")
    return lines
