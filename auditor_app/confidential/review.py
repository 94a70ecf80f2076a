"""The sealed part as a lead reads it: notes and all quotes per interview code, the draw's seed,
who is behind each code (the call list) and the age flags with worker ids, from the rosters."""

from __future__ import annotations

import base64
from datetime import date

from auditor_app.checklist.age_flags import age_flags
from auditor_app.checklist.call_list import CallListProblem, call_entries, draw_key
from auditor_app.checklist.roster import RosterError, read_roster
from auditor_app.confidential.fields import show
from auditor_app.confidential.sealed_part import OpenedPart


def _rows(document: dict, table: str) -> list[dict]:
    return [r for r in document.get(table) or [] if isinstance(r, dict)]


def _days(audit: dict) -> list[date]:
    return [date.fromisoformat(d) for d in (audit.get("actual_start"), audit.get("planned_start")) if d]


def review_lines(document: dict, opened: OpenedPart) -> list[str]:
    """Readable lines of the confidential part, in interview-code order."""
    lines: list[str] = []
    for iv in sorted(_rows(document, "interview"), key=lambda r: r.get("code") or ""):
        notes = show("notes", iv.get("notes"), opened.value)
        quotes = show("quotes", iv.get("quotes"), opened.value) or []
        lines.append(f"{iv.get('code')}: notes: {notes or '(none)'}")
        lines += [f"    quote{'' if q.get('quotable') else ' (not quotable)'}: {q.get('text')}" for q in quotes]
    interviews = [{**iv, "conducted_at": iv.get("conducted_at")} for iv in _rows(document, "interview")]
    country = (document.get("factory_profile") or {}).get("country") or "CN"
    rosters = {}
    for kept in opened.rosters:
        try:
            rosters[kept["sha256"]] = read_roster(base64.b64decode(kept["data"]), kept["name"])
        except (RosterError, KeyError, ValueError):
            lines.append(f"roster {kept.get('name')}: cannot be read")
    for draw in _rows(document, "sample_draw"):
        plain = {**draw, "seed": show("seed", draw.get("seed"), opened.value)}
        lines.append(f"draw of {draw.get('size')} workers: seed {plain['seed']}")
        roster = rosters.get(draw.get("roster_sha256") or "")
        if roster is None:
            continue
        try:
            key = draw_key(roster, draw["roster_sha256"], plain, _days(document["audit"]), country)
        except (CallListProblem, ValueError) as exc:
            lines.append(f"  call list: {exc}")
            continue
        for entry in call_entries(plain, interviews, {}, key):
            who = f"{entry.worker.worker_id} {entry.worker.name}".strip() if entry.worker else "?"
            lines.append(f"  call list: {entry.code} = {who} ({entry.line or entry.stratum.get('department', '')})")
        for flag in age_flags(roster, key.on_date, country):
            lines.append(f"  age flag: {flag.text}")
    return lines
