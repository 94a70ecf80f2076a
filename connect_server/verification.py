"""Checking a submission with the app's own package code: the same checks `auditor-app verify` runs
on an `.escp` file, run on the members the server holds as blobs, plus who signed.

At PUT (the manifest alone): the manifest schema, a sealed audit, members that are audit.json,
events.json and evidence named by their SHA-256, sizes within the package limits.
At "complete" (every blob in): audit.json and events.json parsed strictly, every row fits the app's
tables and belongs to this audit, the evidence rows and blobs agree, the event chain is intact and
ends where the manifest says, replaying it gives exactly the rows, the seal matches, the seal
statement's signature verifies, and its key is the device key registered to the submitting user.
"""

from __future__ import annotations

from typing import Any, Callable

from sqlalchemy.orm import Session

from auditor_app.package.contents import document_problems, event_problems, evidence_problems, fill_added_fields
from auditor_app.package.limits import AUDIT, EVENTS, MAX_TOTAL_BYTES, is_evidence_member, member_limit
from auditor_app.package.manifest import manifest_problems
from auditor_app.package.reader import parse_json, seal_statement_problems
from auditor_app.store.verified_import import document_matches_events
from connect_server.models import Device, User


def manifest_shape_problems(manifest: Any, audit_id: str) -> list[str]:
    """What makes this manifest unacceptable as the body of submission `audit_id`; [] if nothing."""
    problems = manifest_problems(manifest)
    if problems:
        return problems
    audit = manifest["audit"]
    if audit["id"] != audit_id:
        problems.append(f"the manifest is for audit {audit['id']}, not {audit_id} named in the address")
    if audit["state"] != "finalized" or not audit.get("seal"):
        problems.append(f"only a finalized (sealed) audit can be submitted; this one is {audit['state']}")
    paths = {m["path"] for m in manifest["members"]}
    for name in (AUDIT, EVENTS):
        if name not in paths:
            problems.append(f"the manifest does not list {name}")
    total = 0
    for member in manifest["members"]:
        total += member["size"]
        if member["size"] > member_limit(member["path"]):
            problems.append(f"{member['path']}: {member['size']} bytes is over the limit of "
                            f"{member_limit(member['path'])}")
        if is_evidence_member(member["path"]) and member["path"].split("/", 1)[1] != member["sha256"]:
            problems.append(f"{member['path']}: the manifest gives it another SHA-256 than its name")
    if total > MAX_TOTAL_BYTES:
        problems.append(f"the package holds {total} bytes, over the limit of {MAX_TOTAL_BYTES}")
    return problems


def package_problems(manifest: dict, read: Callable[[str], bytes]) -> tuple[list[str], dict, list]:
    """Every problem of the package the blobs make up (`read(sha256)` gives a blob's bytes), and the
    parsed audit document and events when they could be read."""
    listed = {m["path"]: m for m in manifest["members"]}
    problems: list[str] = []
    document = parse_json(AUDIT, read(listed[AUDIT]["sha256"]), problems)
    events = parse_json(EVENTS, read(listed[EVENTS]["sha256"]), problems)
    if problems:
        return problems, {}, []
    evidence = {p.split("/", 1)[1] for p in listed if is_evidence_member(p)}
    fill_added_fields(document)
    doc_problems = document_problems(document, manifest)
    problems += doc_problems
    if not doc_problems:
        problems += evidence_problems(document, evidence)
    chain = event_problems(events, manifest)
    problems += chain
    if not problems:
        problems += [f"{AUDIT}: {p}" for p in document_matches_events(document, events)]
        problems += seal_statement_problems(document, events)
    return problems, document if isinstance(document, dict) else {}, events if isinstance(events, list) else []


def signer_problems(db: Session, document: dict, user: User) -> tuple[list[str], dict[str, Any]]:
    """The seal must be signed by a device key registered to the submitting user. Returns the problems
    and what is known of the signer (from the statement, and the registration)."""
    statement = document.get("audit", {}).get("seal_statement") or {}
    signer = dict(statement.get("signer") or {})
    key_id = str(signer.get("key_id") or "")
    device = db.get(Device, key_id) if key_id else None
    if device is None:
        return [f"the seal is signed with key {key_id or '(none)'}, which is not registered with this platform: "
                "enrol the laptop that sealed it (`auditor-app connect login`)"], signer
    owner = db.get(User, device.user_id)
    signer["registered_to"] = owner.login if owner else None
    if device.public_key != signer.get("public_key"):
        return [f"the seal statement carries another public key than the one registered as {key_id}"], signer
    if device.user_id != user.id:
        return [f"the seal is signed with the device key of {signer['registered_to']}, not of the account "
                "submitting it"], signer
    return [], signer
