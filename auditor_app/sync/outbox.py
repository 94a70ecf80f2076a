"""The outbox: what waits to be sent, and what the platform's receipts say arrived.

Rows (`store.models.OutboxItem`) are written by `finalize` in the transaction that seals (kind
"submission") and here for Zero Tolerance findings (kind "zt:<finding>"). A row's payload is frozen the
first time it is sent: a submission's manifest, with audit.json and events.json written once to
`<data folder>/outbox/<sha256>`, so every retry sends the same key and the same bytes even if the audit's
life goes on (a new revision, a later state). A row becomes "sent" only with a receipt that verified,
which stays in the row; "failed" when the platform refused (the reason in `last_error`) until Retry.
Local data is never deleted.
"""

from __future__ import annotations

import io
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.audits.demo_marker import is_demo_audit
from auditor_app.audits.operation import InvalidChange, operation
from auditor_app.package.errors import ExportError
from auditor_app.package.limits import AUDIT, EVENTS, SEALED
from auditor_app.paths import DataFolder
from auditor_app.store.canonical import sha256_hex
from auditor_app.store.dir_sync import fsync_dir
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.models import Audit, Evidence, FactoryProfile, Finding, FindingEvidence, OutboxItem
from auditor_app.store.types import format_utc, utcnow

OUTBOX_FOLDER = "outbox"
ZT_GRADE = "zero_tolerance"
SUBMISSION = "submission"
ZT_PREFIX = "zt:"
OPEN_STATES = ("pending", "sending")


class NotSendable(Exception):
    """The audit cannot be sent as it is (its record is damaged, an original is missing): stop and say why."""


def outbox_folder(folder: DataFolder) -> Path:
    return folder.root / OUTBOX_FOLDER


def member_path(folder: DataFolder, member: dict[str, Any]) -> Path:
    """Where the bytes of a package member are kept on this laptop (an original: encrypted; read it
    with `open_member`)."""
    if member["path"] in (AUDIT, EVENTS, SEALED):
        return outbox_folder(folder) / member["sha256"]
    return EvidenceFiles(folder).path(member["sha256"])


def open_member(folder: DataFolder, member: dict[str, Any]) -> io.BufferedReader:
    """The bytes of a package member as sent: a seekable file (an original decrypted chunk by chunk)."""
    if member["path"] in (AUDIT, EVENTS, SEALED):
        return open(outbox_folder(folder) / member["sha256"], "rb")
    return EvidenceFiles(folder).open(member["sha256"])


def open_items(store) -> list[OutboxItem]:
    """Items to send, alerts first (the 24-hour notice), then submissions, oldest first."""
    with store.session() as s:
        rows = list(s.scalars(select(OutboxItem).where(OutboxItem.state.in_(OPEN_STATES))
                              .order_by(OutboxItem.created_at, OutboxItem.id)))
    return sorted(rows, key=lambda r: (not r.kind.startswith(ZT_PREFIX), r.created_at))


def items_by_audit(store) -> dict[str, dict[str, OutboxItem]]:
    """{audit id: {kind: row}}: what the audit list's sync badge shows."""
    with store.session() as s:
        rows = s.scalars(select(OutboxItem)).all()
    found: dict[str, dict[str, OutboxItem]] = {}
    for row in rows:
        found.setdefault(row.audit_id, {})[row.kind] = row
    return found


def retry_failed(store, audit_id: str | None = None) -> int:
    """Put refused items back in the queue (the user's Retry); returns how many."""
    with store.transaction() as s:
        query = select(OutboxItem).where(OutboxItem.state == "failed")
        if audit_id:
            query = query.where(OutboxItem.audit_id == audit_id)
        rows = s.scalars(query).all()
        for row in rows:
            row.state, row.next_attempt_at = "pending", None
        return len(rows)


# ---- freezing a submission ------------------------------------------------------------------------

def frozen_manifest(store, item_id: str) -> dict[str, Any]:
    """The submission's manifest, built and frozen in the row the first time (see the module's doc)."""
    with store.session() as s:
        item = s.get(OutboxItem, item_id)
        assert item is not None
        if item.payload.get("manifest"):
            return item.payload["manifest"]
    with store.transaction() as s:  # the write lock: one snapshot, one manifest
        item = s.get(OutboxItem, item_id)
        assert item is not None
        if item.payload.get("manifest"):
            return item.payload["manifest"]
        manifest = _build(store.folder, s, item.audit_id)
        item.payload = {"manifest": manifest}
        return manifest


def _build(folder: DataFolder, s: Session, audit_id: str) -> dict[str, Any]:
    """The submission's manifest, and its JSON members (audit.json, events.json, sealed.json) written
    once to the outbox folder: the same parts as an `.escp` export (`package.parts`)."""
    # Here, not at the top: the audit list reads this module's kinds at every start (issue 17).
    from auditor_app.package.manifest import build_manifest
    from auditor_app.package.parts import audit_parts, evidence_members

    parts = audit_parts(folder, s, audit_id)
    problems = list(parts.problems)
    if parts.document["audit"]["state"] != "finalized" or not parts.document["audit"].get("seal"):
        problems.append(f"the audit is {parts.document['audit']['state']}, not finalized")
    too_big = parts.over_limit()
    if too_big:
        problems.append(too_big)
    if problems:
        raise NotSendable("the audit's record is damaged: " + "; ".join(problems))
    for _name, data, _limit in parts.json_members:
        _write_once(outbox_folder(folder) / sha256_hex(data), data)
    try:
        evidence = evidence_members(EvidenceFiles(folder), parts.document)
    except ExportError as exc:
        raise NotSendable(str(exc).replace("; nothing was exported", "")) from None
    return build_manifest(parts.document, parts.events, parts.members() + evidence, format_utc(utcnow()),
                          parts.confidential)


def _write_once(path: Path, data: bytes) -> None:
    if path.is_file() and path.stat().st_size == len(data):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    with open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


# ---- Zero Tolerance alerts ------------------------------------------------------------------------

def queue_zt_alerts(store) -> int:
    """An outbox row for every live Zero Tolerance finding that has none yet; returns how many were added.

    The body names the audit, factory, checkpoint, grade, description and evidence hashes: no worker
    identities (interviews are not cited, only photos and documents by hash)."""
    with store.transaction() as s:
        have = {(r.audit_id, r.kind) for r in s.scalars(select(OutboxItem).where(OutboxItem.kind.like(ZT_PREFIX + "%")))}
        findings = s.scalars(select(Finding).where(Finding.grade == ZT_GRADE, Finding.deleted_at.is_(None))
                             .order_by(Finding.created_at)).all()
        added = 0
        for finding in findings:
            kind = zt_kind(finding.id)
            if (finding.audit_id, kind) in have or is_demo_audit(s, finding.audit_id):
                continue
            s.add(OutboxItem(id=str(uuid.uuid4()), audit_id=finding.audit_id, kind=kind,
                             payload={"body": alert_body(s, finding)}))
            added += 1
        return added


def zt_kind(finding_id: str) -> str:
    """"zt:" and the finding's id: one alert per finding."""
    return ZT_PREFIX + finding_id


def alert_body(s: Session, finding: Finding) -> dict[str, Any]:
    from auditor_app.sync.protocol import AlertIn  # pydantic's wire models: not at start (issue 17)

    audit = s.get(Audit, finding.audit_id)
    assert audit is not None
    factory = s.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == audit.id)).first()
    shas = sorted(set(s.scalars(select(Evidence.sha256).join(FindingEvidence, FindingEvidence.evidence_id == Evidence.id)
                                .where(FindingEvidence.finding_id == finding.id))))
    body = AlertIn(audit_id=audit.id, finding_id=finding.id, factory_name=(factory.name if factory else "")[:500],
                   audit_type=audit.audit_type, checkpoint_id=finding.checkpoint_id, grade=finding.grade,
                   description=finding.description[:20000], evidence=shas, found_at=finding.created_at)
    return body.model_dump(mode="json")  # the platform hashes the same normal form


# ---- results --------------------------------------------------------------------------------------

def record_attempt(store, item_id: str, *, error: str, final: bool, next_at: datetime | None = None) -> None:
    with store.transaction() as s:
        item = s.get(OutboxItem, item_id)
        assert item is not None
        item.attempts += 1
        item.last_error = error
        item.state = "failed" if final else "pending"
        item.next_attempt_at = next_at


def mark_sent(store, item_id: str, receipt: dict[str, Any]) -> None:
    """The receipt verified: keep it in the row, and a submitted audit moves to "submitted"."""
    with store.transaction() as s:
        item = s.get(OutboxItem, item_id)
        assert item is not None
        item.attempts += 1
        item.state, item.receipt, item.last_error, item.next_attempt_at = "sent", receipt, "", None
        if item.kind == SUBMISSION:
            mark_submitted(s, item.audit_id)


@operation
def mark_submitted(session: Session, audit_id: str) -> None:
    """The platform's verified receipt is in the outbox row: the audit's life goes on as submitted."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        from auditor_app.checklist.messages import message  # pydantic: not at the window's start

        raise InvalidChange(message("refusal.no_audit"))
    if audit.state == "finalized":
        audit.state = "submitted"
        session.flush()
