"""Submissions against a real server (SQLite and PostgreSQL): idempotent manifests, resumable uploads
re-hashed by the server, "complete" checking the whole package, signed receipts, forged packages."""

from __future__ import annotations

import base64
import copy
import hashlib
import json

from connect_helpers import server_holdings

from auditor_app.package.seal import compute_seal
from auditor_app.signing.device_key import DeviceKey
from auditor_app.signing.seal_statement import signed_bytes
from auditor_app.store.canonical import canonical_bytes, sha256_hex
from auditor_app.store.eventlog import event_hash
from auditor_app.sync.protocol import receipt_problems


def upload_all(api, laptop, manifest, missing) -> None:
    by_sha = {m["sha256"]: m for m in manifest["members"]}
    for need in missing:
        data = laptop.member_bytes(by_sha[need["sha256"]])
        r = api.patch(f"/blobs/{need['sha256']}", params={"offset": need["received"]}, data=data[need["received"]:])
        assert r.status_code == 200 and r.json()["complete"], r.text


def test_a_submission_is_received_exactly_once_and_answered_with_a_signed_receipt(world):
    a, laptop = world["a"], world.laptops["a"]
    audit_id = laptop.sealed_audit()
    manifest = laptop.manifest(audit_id)
    first = a.put(f"/submissions/{audit_id}", json=manifest)
    assert first.status_code == 201, first.text
    assert first.json()["state"] == "receiving"
    assert {m["sha256"] for m in first.json()["missing"]} == {m["sha256"] for m in manifest["members"]}
    # The same body again (a retry, even re-serialized): the same answer, nothing added.
    again = a.put(f"/submissions/{audit_id}", data=json.dumps(manifest, indent=1),
                  headers={"Content-Type": "application/json"})
    assert again.status_code == 200 and again.json() == first.json()
    # Another body for the same revision: 409, and the stored manifest is unchanged.
    changed = dict(manifest, exported_at="2030-01-01T00:00:00.000Z")
    conflict = a.put(f"/submissions/{audit_id}", json=changed)
    assert conflict.status_code == 409 and conflict.json()["code"] == "conflict"
    assert "new revision" in conflict.json()["detail"]
    # Completing before every blob is in: told which are missing.
    early = a.post(f"/submissions/{audit_id}/complete")
    assert early.status_code == 409 and early.json()["code"] == "missing_blobs"
    upload_all(a, laptop, manifest, first.json()["missing"])
    assert a.get(f"/submissions/{audit_id}").json()["missing"] == []
    done = a.post(f"/submissions/{audit_id}/complete")
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["state"] == "verified"
    assert receipt_problems(body["receipt"], server_key=world.server_key, audit_id=audit_id, manifest=manifest) == []
    # "complete" again: the same receipt; a receipt edited by anyone fails the check.
    assert a.post(f"/submissions/{audit_id}/complete").json()["receipt"] == body["receipt"]
    edited = dict(body["receipt"], submitted_by="someone else")
    assert "signature does not verify" in " ".join(receipt_problems(edited, server_key=world.server_key,
                                                                    audit_id=audit_id, manifest=manifest))
    held = server_holdings(world.server)
    assert held["rows_per_submission"][audit_id] == 1 and held["bad_hashes"] == []
    assert {m["sha256"] for m in manifest["members"]} <= set(held["blob_files"])


def test_uploads_resume_from_the_servers_offset_and_are_rehashed(world):
    a, laptop = world["a"], world.laptops["a"]
    audit_id = laptop.sealed_audit(evidence_sizes=(300_000,))
    manifest = laptop.manifest(audit_id)
    need = {m["sha256"]: m for m in a.put(f"/submissions/{audit_id}", json=manifest).json()["missing"]}
    big = max(manifest["members"], key=lambda m: m["size"])
    data = laptop.member_bytes(big)
    sha = big["sha256"]
    assert need[sha]["received"] == 0
    part = a.patch(f"/blobs/{sha}", params={"offset": 0}, data=data[:100_000])
    assert part.status_code == 200 and part.json() == {"sha256": sha, "size": 300_000, "received": 100_000,
                                                       "complete": False}
    # A piece at the wrong offset is refused with where to resume.
    wrong = a.patch(f"/blobs/{sha}", params={"offset": 0}, data=data[:10])
    assert wrong.status_code == 409 and wrong.json()["code"] == "offset_mismatch"
    assert wrong.json()["received"] == 100_000
    assert a.get(f"/blobs/{sha}").json()["received"] == 100_000
    assert a.get(f"/submissions/{audit_id}").json()["missing"][0]["received"] in (0, 100_000)
    # More bytes than the blob has: refused, the upload stays where it was.
    over = a.patch(f"/blobs/{sha}", params={"offset": 100_000}, data=data[100_000:] + b"extra")
    assert over.status_code == 413
    assert a.get(f"/blobs/{sha}").json()["received"] == 100_000
    # Bytes that are not the blob: re-hashed at the end, dropped, start again from 0.
    bad = a.patch(f"/blobs/{sha}", params={"offset": 100_000}, data=b"\0" * 200_000)
    assert bad.status_code == 422 and bad.json()["code"] == "hash_mismatch"
    assert a.get(f"/blobs/{sha}").json() == {"sha256": sha, "size": 300_000, "received": 0, "complete": False}
    assert a.patch(f"/blobs/{sha}", params={"offset": 0}, data=data).json()["complete"] is True
    # Once complete, a repeated piece changes nothing.
    assert a.patch(f"/blobs/{sha}", params={"offset": 0}, data=data[:5]).json()["complete"] is True
    rest = [m for m in a.get(f"/submissions/{audit_id}").json()["missing"]]
    upload_all(a, laptop, manifest, rest)
    assert a.post(f"/submissions/{audit_id}/complete").json()["state"] == "verified"
    held = server_holdings(world.server)
    assert held["bad_hashes"] == [] and sha in held["blob_files"] and sha not in held["partials"]


def _forge(manifest: dict, audit: dict, events: list, key: DeviceKey | None) -> tuple[dict, dict[str, bytes]]:
    """Edit the first finding's description as a forger would: an update event appended to the chain, every
    hash and the seal recomputed, the seal statement pointed at the new seal; re-signed with `key` (a
    key of the forger's own) or left with the old signature when there is no key."""
    audit, events = copy.deepcopy(audit), copy.deepcopy(events)
    finding = audit["finding"][0]
    old = finding["description"]
    finding["description"] = "Wages paid on time"
    edit = _append(events, "finding", finding["id"], {"description": [old, finding["description"]]})
    row = audit["audit"]
    before = {"seal": row["seal"], "seal_statement": copy.deepcopy(row["seal_statement"])}
    statement = row["seal_statement"]
    row["seal"] = statement["seal"] = compute_seal(audit)
    statement["event_head"] = {"seq": edit["seq"], "hash": edit["hash"]}
    if key is not None:
        statement["signer"].update(key_id=key.key_id, public_key=key.public_key_b64)
        statement["signature"] = base64.b64encode(key.sign(signed_bytes(statement))).decode()
    ev = _append(events, "audit", row["id"], {"seal": [before["seal"], row["seal"]],
                                              "seal_statement": [before["seal_statement"], statement]})
    blobs = {"audit.json": canonical_bytes(audit), "events.json": canonical_bytes(events)}
    forged = copy.deepcopy(manifest)
    forged["audit"]["seal"] = audit["audit"]["seal"]
    forged["events"] = {"count": len(events), "head_seq": ev["seq"], "head_hash": ev["hash"]}
    for m in forged["members"]:
        if m["path"] in blobs:
            m["size"], m["sha256"] = len(blobs[m["path"]]), sha256_hex(blobs[m["path"]])
    return forged, {sha256_hex(b): b for b in blobs.values()}


def _append(events: list, entity: str, entity_id: str, changes: dict) -> dict:
    last = events[-1]
    ev = {"audit_id": last["audit_id"], "seq": last["seq"] + 1, "at": last["at"], "actor": last["actor"],
          "action": "update", "entity": entity, "entity_id": entity_id, "changes": changes, "prev_hash": last["hash"]}
    ev["hash"] = event_hash(ev)
    events.append(ev)
    return ev


def test_forged_packages_are_refused_with_the_reason(world):
    a, laptop = world["a"], world.laptops["a"]
    for key, reason in ((None, "signature does not match"), (DeviceKey.generate(), "not registered")):
        audit_id = laptop.sealed_audit()
        manifest = laptop.manifest(audit_id)
        members = {m["path"]: m for m in manifest["members"]}
        audit = json.loads(laptop.member_bytes(members["audit.json"]))
        events = json.loads(laptop.member_bytes(members["events.json"]))
        forged, blobs = _forge(manifest, audit, events, key)
        status = a.put(f"/submissions/{audit_id}", json=forged)
        assert status.status_code == 201, status.text
        for need in status.json()["missing"]:
            data = blobs.get(need["sha256"]) or laptop.member_bytes(
                next(m for m in manifest["members"] if m["sha256"] == need["sha256"]))
            assert a.patch(f"/blobs/{need['sha256']}", params={"offset": 0}, data=data).json()["complete"]
        refused = a.post(f"/submissions/{audit_id}/complete")
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "rejected"
        assert refused.json()["problems"] == [p for p in refused.json()["problems"] if reason in p]
        assert a.get(f"/submissions/{audit_id}").json()["state"] == "rejected"
        assert a.get(f"/submissions/{audit_id}").json()["receipt"] is None


def test_a_package_edited_without_events_is_refused(world):
    """Hashes recomputed, no matching event: the replay of the chain finds the edit."""
    a, laptop = world["a"], world.laptops["a"]
    audit_id = laptop.sealed_audit()
    manifest = laptop.manifest(audit_id)
    members = {m["path"]: m for m in manifest["members"]}
    audit = json.loads(laptop.member_bytes(members["audit.json"]))
    audit["finding"][0]["grade"] = "minor"
    data = canonical_bytes(audit)
    forged = copy.deepcopy(manifest)
    for m in forged["members"]:
        if m["path"] == "audit.json":
            m["size"], m["sha256"] = len(data), hashlib.sha256(data).hexdigest()
    missing = a.put(f"/submissions/{audit_id}", json=forged).json()["missing"]
    for need in missing:
        blob = data if need["sha256"] == sha256_hex(data) else laptop.member_bytes(
            next(m for m in manifest["members"] if m["sha256"] == need["sha256"]))
        a.patch(f"/blobs/{need['sha256']}", params={"offset": 0}, data=blob)
    refused = a.post(f"/submissions/{audit_id}/complete")
    assert refused.status_code == 422
    assert any("changed after it was sealed" in p or "event log" in p for p in refused.json()["problems"])


def test_manifests_that_cannot_be_a_sealed_audit_get_4xx_with_reasons(world):
    a, laptop = world["a"], world.laptops["a"]
    audit_id = laptop.sealed_audit()
    manifest = laptop.manifest(audit_id)
    other = "00000000-0000-4000-8000-000000000000"
    cases = {
        "another audit's address": (other, manifest, "not " + other),
        "a draft": (audit_id, _with(manifest, ("audit", "state"), "draft"), "only a finalized"),
        "a newer format": (audit_id, dict(manifest, format_version=99), "update the app"),
        "an unknown field": (audit_id, dict(manifest, extra=1), "Additional properties"),
        "no audit.json": (audit_id, dict(manifest, members=manifest["members"][1:]), "does not list audit.json"),
        "an oversized member": (audit_id, _with(manifest, ("members", 0, "size"), 60 * 1024 * 1024), "over the limit"),
    }
    for name, (target, body, reason) in cases.items():
        r = a.put(f"/submissions/{target}", json=body)
        assert r.status_code == 422, name
        assert reason in r.text, (name, r.text)
    for junk in (b"not json", b"[1, 2]", b'{"format": NaN}', b"", b"{" * 5000):
        r = a.put(f"/submissions/{audit_id}", data=junk, headers={"Content-Type": "application/json"})
        assert 400 <= r.status_code < 500 and r.json()["detail"], junk[:20]
    assert a.put("/submissions/not-a-uuid", json=manifest).status_code == 422
    assert a.get(f"/submissions/{audit_id}").status_code == 404  # nothing was recorded


def _with(value: dict, path: tuple, new) -> dict:
    value = copy.deepcopy(value)
    target = value
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return value
