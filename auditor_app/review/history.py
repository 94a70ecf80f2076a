"""Who changed what, and when: an audit's change history read from its event log, with every change
made after the factory manager signed the CAP flagged.

The event log (`store.eventlog`) records each change with its actor and time, chained by hashes.
The factory signed when the first factory-manager signature row was created; every later change
is flagged (`after_factory_signed`), and those to what the CAP shows the factory (findings, CAP
rows, the photos and interviews cited, photos) are flagged as such (`on_signed_content`): the
signature covered another version of them. Signing itself (either signature drawn, or its covered
hash stored), stage progress, the seal and the audit's life after it are not flagged; a signature
removed is. A new revision starts with a copy of every row: those events are counted (`copied`),
not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor_app.confidential.markers import is_marker
from auditor_app.package.seal import UNSEALED_AUDIT_FIELDS
from auditor_app.review.diff import FieldChange
from auditor_app.review.diff_text import field_line
from auditor_app.store.rows import BOOKKEEPING

SIGNED_CONTENT = frozenset({"finding", "cap_item", "finding_evidence", "finding_interview", "evidence"})
NOT_FLAGGED_ENTITIES = frozenset({"stage_progress"})
NOT_FLAGGED_ACTIONS = frozenset({"finalize", "revise", "superseded"})
SEALED_VALUE = "(confidential: changed)"
LIFE_CYCLE = frozenset(UNSEALED_AUDIT_FIELDS)


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    at: str
    actor: str
    action: str  # create | update | delete | finalize | revise | superseded | ...
    entity: str
    entity_id: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    after_factory_signed: bool = False
    on_signed_content: bool = False


@dataclass
class ChangeHistory:
    audit_id: str
    supersedes: str | None = None  # the revision this one was copied from
    copied: int = 0  # events of the copy, not listed
    factory_signed_at: str | None = None  # the event time of the factory manager's first signature
    entries: list[HistoryEntry] = field(default_factory=list)

    @property
    def flagged(self) -> list[HistoryEntry]:
        return [e for e in self.entries if e.after_factory_signed]


def _labels(events: list[dict]) -> dict[str, str]:
    """Row id -> a readable name, from the rows as created (deleted rows keep their name)."""
    rows = {ev["entity_id"]: (ev["entity"], ev["changes"]) for ev in events if ev["action"] == "create"}
    out: dict[str, str] = {}
    for row_id, (table, row) in rows.items():
        if table == "finding":
            out[row_id] = f"finding {row.get('checkpoint_id')}"
        elif table == "cap_item":
            finding = rows.get(row.get("finding_id") or "", ("", {}))[1]
            out[row_id] = f"CAP row of finding {finding.get('checkpoint_id', '?')}"
        elif table == "interview":
            out[row_id] = f"interview {row.get('code')}"
        elif table == "evidence":
            out[row_id] = f"photo {row.get('original_name')}"
        elif table == "signature":
            out[row_id] = f"{str(row.get('role', '')).replace('_', ' ')} signature"
        elif table == "answer":
            out[row_id] = f"answer to {row.get('checkpoint_id')}"
        elif table in ("finding_evidence", "finding_interview"):
            finding = rows.get(row.get("finding_id") or "", ("", {}))[1]
            what = "photo" if table == "finding_evidence" else "interview"
            out[row_id] = f"{what} cited by finding {finding.get('checkpoint_id', '?')}"
        else:
            name = row.get("name") or row.get("kind") or row.get("stage") or row.get("gap") or ""
            out[row_id] = f"{table.replace('_', ' ')} {name}".strip()
    return out


def _shown(value: Any) -> Any:
    return SEALED_VALUE if is_marker(value) else value


def _fields(event: dict) -> tuple[FieldChange, ...]:
    if event["action"] != "update":
        return ()
    return tuple(FieldChange(name, _shown(old_new[0]), _shown(old_new[1]))
                 for name, old_new in sorted(event["changes"].items())
                 if name not in BOOKKEEPING and isinstance(old_new, list) and len(old_new) == 2)


def _flagged(event: dict) -> bool:
    if event["action"] in NOT_FLAGGED_ACTIONS or event["entity"] in NOT_FLAGGED_ENTITIES:
        return False
    if event["entity"] == "audit" and event["action"] == "update" and set(event["changes"]) <= LIFE_CYCLE:
        return False  # sealing, and the audit's life after the seal: not what was signed or sealed
    # Signing (a signature drawn, the hash of what it covers stored) is not a change to what was
    # signed; a signature removed (the CAP changed under it) is.
    return not (event["entity"] == "signature" and event["action"] != "delete")


def change_history(events: list[dict]) -> ChangeHistory:
    """The history of one audit from its events (`eventlog.event_fields` dicts, in seq order)."""
    history = ChangeHistory(events[0]["audit_id"] if events else "")
    start = 0
    for index, event in enumerate(events):
        if event["action"] == "revise":
            history.supersedes = event["changes"].get("supersedes")
            history.copied = index
            start = index
            break
    labels = _labels(events)
    signed = False
    for event in events[start:]:
        if (not signed and event["action"] == "create" and event["entity"] == "signature"
                and event["changes"].get("role") == "factory_manager"):
            signed = True
            history.factory_signed_at = event["at"]
            after = False  # the signature itself
        else:
            after = signed and _flagged(event)
        label = labels.get(event["entity_id"]) or event["entity"].replace("_", " ")
        history.entries.append(HistoryEntry(
            event["seq"], event["at"], event["actor"], event["action"], event["entity"], event["entity_id"], label,
            _fields(event), after, after and event["entity"] in SIGNED_CONTENT))
    return history


def history_lines(history: ChangeHistory, *, only_flagged: bool = False) -> list[str]:
    """The history in words, one line per change (and one per field changed)."""
    lines = []
    if history.supersedes:
        lines.append(f"copied from revision {history.supersedes[:8]} ({history.copied} rows)")
    lines.append(f"factory signed the CAP at {history.factory_signed_at}" if history.factory_signed_at
                 else "the factory has not signed the CAP in this revision")
    for e in history.flagged if only_flagged else history.entries:
        flag = ("  !! after the factory signed, on what it signed" if e.on_signed_content
                else "  ! after the factory signed" if e.after_factory_signed else "")
        lines.append(f"{e.at} {e.actor}: {e.action} {e.label}{flag}")
        lines += [field_line(c) for c in e.fields]
    return lines
