"""Enrolment, sessions, and who sees what (a test for every denial), assignments, Zero Tolerance alerts
and the web view, against a real server on SQLite and on PostgreSQL."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime, timedelta, timezone

import requests
from connect_helpers import Api
from sqlalchemy import select

from auditor_app.signing.device_key import DeviceKey
from auditor_app.sync.protocol import API, alert_receipt_problems, enrol_proof_bytes, session_proof_bytes
from connect_server.models import EnrolmentToken, SessionToken
from connect_server.security import token_hash


def _enrol_body(token: str, key: DeviceKey, proof_key: DeviceKey | None = None) -> dict:
    proof = (proof_key or key).sign(enrol_proof_bytes(token, key.public_key_b64))
    return {"token": token, "device": {"key_id": key.key_id, "public_key": key.public_key_b64},
            "proof": base64.b64encode(proof).decode()}


def _session_body(key: DeviceKey, at: datetime, proof_key: DeviceKey | None = None) -> dict:
    text = at.isoformat(timespec="seconds").replace("+00:00", "Z")
    proof = (proof_key or key).sign(session_proof_bytes(key.key_id, text))
    return {"key_id": key.key_id, "at": text, "proof": base64.b64encode(proof).decode()}


def test_an_enrolment_token_enrols_one_laptop_once_and_is_stored_hashed(world):
    anon = Api(world.server.url)
    login, token = world.server.user("auditor", "Firm X")
    laptop, other = DeviceKey.generate(), DeviceKey.generate()
    assert anon.post("/enrol", json=_enrol_body(token, laptop, proof_key=other)).status_code == 422  # not its key
    first = anon.post("/enrol", json=_enrol_body(token, laptop))
    assert first.status_code == 200, first.text
    assert first.json()["user"]["login"] == login and first.json()["server_key"] == world.server_key
    # The same laptop again (its answer was lost): a new session; another laptop: refused.
    assert anon.post("/enrol", json=_enrol_body(token, laptop)).status_code == 200
    refused = anon.post("/enrol", json=_enrol_body(token, other))
    assert refused.status_code == 401 and "already used" in refused.json()["detail"]
    assert anon.post("/enrol", json=_enrol_body("x" * 43, other)).status_code == 401
    # Another user's token cannot take over a registered key.
    _login2, token2 = world.server.user("auditor", "Firm Y")
    assert anon.post("/enrol", json=_enrol_body(token2, laptop)).status_code == 409
    with world.server.admin() as db:
        stored = {t.token_sha256 for t in db.scalars(select(EnrolmentToken))}
        sessions = {t.token_sha256 for t in db.scalars(select(SessionToken))}
    assert token not in stored and first.json()["session_token"] not in sessions  # hashes only
    # An expired token.
    _login3, token3 = world.server.user("auditor", "Firm X")
    with world.server.admin() as db:
        db.get(EnrolmentToken, token_hash(token3)).expires_at = datetime.now(timezone.utc) - timedelta(minutes=1)
    assert anon.post("/enrol", json=_enrol_body(token3, DeviceKey.generate())).status_code == 401


def test_sessions_expire_and_are_renewed_with_the_device_key(world):
    anon = Api(world.server.url)
    _login, token = world.server.user("auditor", "Firm X")
    key = DeviceKey.generate()
    session = anon.post("/enrol", json=_enrol_body(token, key)).json()["session_token"]
    me = Api(world.server.url, session)
    assert me.get("/me").status_code == 200
    with world.server.admin() as db:
        db.get(SessionToken, token_hash(session)).expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)
    expired = me.get("/me")
    assert expired.status_code == 401 and expired.json()["code"] == "auth"
    now = datetime.now(timezone.utc)
    assert anon.post("/session", json=_session_body(key, now, proof_key=DeviceKey.generate())).status_code == 401
    assert anon.post("/session", json=_session_body(key, now - timedelta(hours=1))).status_code == 401
    assert anon.post("/session", json=_session_body(DeviceKey.generate(), now)).status_code == 401  # not enrolled
    renewed = anon.post("/session", json=_session_body(key, now))
    assert renewed.status_code == 200
    assert Api(world.server.url, renewed.json()["session_token"]).get("/me").status_code == 200
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic abc"}):
        assert requests.get(world.server.url + API + "/me", headers=headers, timeout=10).status_code == 401


def _submit(world, who: str) -> str:
    """A verified submission by `who`, through the app's own sync client."""
    from auditor_app.sync.client import ConnectClient
    from auditor_app.sync.worker import sync_once

    laptop = world.laptops[who]
    audit_id = laptop.sealed_audit()
    client = ConnectClient(world.server.url, world[who].token)
    try:
        report = sync_once(laptop.store, laptop.folder, client=client, server_key=world.server_key)
    finally:
        client.close()
    assert [(r.state, r.message, r.problems) for r in report.results if r.audit_id == audit_id] == [("sent", "", [])]
    return audit_id


def test_everyone_sees_only_what_their_role_allows(world):
    a_audit, b_audit = _submit(world, "a"), _submit(world, "b")
    a_blob = next(m["sha256"] for m in world.laptops["a"].manifest(a_audit)["members"] if m["path"] == "audit.json")

    def visible(who: str) -> set[str]:
        return {s["audit_id"] for s in world[who].get("/submissions").json()} & {a_audit, b_audit}

    assert visible("a") == {a_audit} and visible("b") == {b_audit}
    assert visible("a2") == set()  # the same firm, another auditor
    assert visible("lead_x") == {a_audit} and visible("lead_y") == {b_audit}
    assert visible("reviewer") == {a_audit, b_audit} and visible("admin") == {a_audit, b_audit}
    # Denials: another auditor's, another firm's submission, blob and completion are not there at all.
    for who in ("b", "a2", "lead_y"):
        assert world[who].get(f"/submissions/{a_audit}").status_code == 404, who
        assert world[who].get(f"/blobs/{a_blob}").status_code == 404, who
        assert world[who].post(f"/submissions/{a_audit}/complete").status_code == 404, who
    for who in ("b", "a2", "lead_x", "lead_y", "reviewer"):
        assert world[who].patch(f"/blobs/{a_blob}", params={"offset": 0}, data=b"x").status_code == 404, who
    # A lead sees its auditor's submission but does not complete it; reviewers and admins do not submit.
    assert world["lead_x"].get(f"/submissions/{a_audit}").status_code == 200
    assert world["lead_x"].post(f"/submissions/{a_audit}/complete").status_code == 403
    manifest = world.laptops["a"].manifest(a_audit)
    for who in ("reviewer", "admin"):
        assert world[who].put(f"/submissions/{a_audit}", json=manifest).status_code == 403, who
    # The same revision from another account is a conflict, never a second copy.
    assert world["a2"].put(f"/submissions/{a_audit}", json=manifest).status_code == 409


def test_assignments_reach_their_auditor_with_the_previous_cap(world):
    previous = _submit(world, "a")
    a_id, b_id = world.user_id("a"), world.user_id("b")
    body = {"auditor_id": a_id, "audit_type": "FUA", "factory": {"name": "Dongguan Happy Toys Co., Ltd."},
            "window_start": "2027-02-01", "window_end": "2027-02-10", "previous_audit_id": previous}
    made = world["lead_x"].post("/assignments", json=body)
    assert made.status_code == 201, made.text
    assignment = made.json()
    assert {c["checkpoint_id"] for c in assignment["previous_cap"]} >= {"11.1", "9.3"}
    assert any(c["cap"].get("corrective_action") == "pay on the 25th" for c in assignment["previous_cap"])
    assert assignment["id"] in {x["id"] for x in world["a"].get("/assignments").json()}
    assert world["a"].get(f"/assignments/{assignment['id']}").status_code == 200
    # Denials.
    for who in ("a2", "b", "lead_y"):
        assert assignment["id"] not in {x["id"] for x in world[who].get("/assignments").json()}, who
        assert world[who].get(f"/assignments/{assignment['id']}").status_code == 404, who
    for who in ("a", "reviewer"):
        assert world[who].post("/assignments", json=body).status_code == 403, who
    other_firm = dict(body, auditor_id=b_id)
    assert world["lead_x"].post("/assignments", json=other_firm).status_code == 422  # not its firm's auditor
    assert world["admin"].post("/assignments", json=other_firm).status_code == 201
    backwards = dict(body, window_end="2027-01-01")
    assert world["lead_x"].post("/assignments", json=backwards).status_code == 422
    assert world["lead_x"].post("/assignments", json=dict(body, surprise=1)).status_code == 422


def _alert(audit_id: str, **changes) -> dict:
    body = {"audit_id": audit_id, "finding_id": str(uuid.uuid4()), "factory_name": "Dongguan Happy Toys",
            "audit_type": "IAA", "checkpoint_id": "2.1.1", "grade": "zero_tolerance",
            "description": "Two workers under 16 on the moulding line", "evidence": ["ab" * 32],
            "found_at": "2026-11-18T07:30:00Z"}
    body.update(changes)
    return body


def test_zero_tolerance_alerts_are_recorded_once_and_shown_to_reviewers(world):
    audit_id, alert_id = str(uuid.uuid4()), str(uuid.uuid4())
    body = _alert(audit_id)
    first = world["a"].put(f"/alerts/{alert_id}", json=body)
    assert first.status_code == 201, first.text
    receipt = first.json()["receipt"]
    normal = {**body, "found_at": "2026-11-18T07:30:00Z"}
    assert alert_receipt_problems(receipt, server_key=world.server_key, alert_id=alert_id, body=normal) == []
    again = world["a"].put(f"/alerts/{alert_id}", json=body)
    assert again.status_code == 200 and again.json()["receipt"] == receipt
    assert world["a"].put(f"/alerts/{alert_id}", json=_alert(audit_id, description="other")).status_code == 409
    assert world["b"].put(f"/alerts/{alert_id}", json=body).status_code == 409
    assert world["reviewer"].put(f"/alerts/{uuid.uuid4()}", json=body).status_code == 403
    assert world["a"].put(f"/alerts/{uuid.uuid4()}", json=_alert(audit_id, evidence=["../etc"])).status_code == 422
    seen = {who: {x["alert_id"] for x in world[who].get("/alerts").json()} for who in
            ("a", "a2", "b", "lead_x", "lead_y", "reviewer")}
    assert alert_id in seen["a"] and alert_id in seen["lead_x"] and alert_id in seen["reviewer"]
    assert alert_id not in seen["a2"] | seen["b"] | seen["lead_y"]
    # The reviewer is told in the web view, and acknowledges.
    web = _web_session(world, "reviewer")
    page = web.get(world.server.url + "/web/alerts", timeout=10)
    assert "not yet acknowledged" in page.text and "Two workers under 16" in page.text
    web.post(world.server.url + f"/web/alerts/{alert_id}/acknowledge", timeout=10)
    assert "acknowledged 20" in web.get(world.server.url + "/web/alerts", timeout=10).text


def _web_session(world, who: str) -> requests.Session:
    web = requests.Session()
    r = web.post(world.server.url + "/web/login", data={"login": world.logins[who], "password": "correct horse"},
                 timeout=10)
    assert r.status_code == 200 and "Sign out" in r.text, r.text[:300]
    return web


def test_the_web_view_lists_verified_submissions_to_whom_may_see_them(world):
    audit_id = _submit(world, "a")
    lead = _web_session(world, "lead_x")
    listing = lead.get(world.server.url + "/web/", timeout=10).text
    assert audit_id in listing and "verified: chain, seal and signature" in listing
    detail = lead.get(world.server.url + f"/web/submissions/{audit_id}", timeout=10).text
    assert "Li Wei" in detail and "registered to " + world.logins["a"] in detail
    other = _web_session(world, "lead_y")
    assert audit_id not in other.get(world.server.url + "/web/", timeout=10).text
    assert "not visible to you" in other.get(world.server.url + f"/web/submissions/{audit_id}", timeout=10).text
    assert "Only program reviewers" in other.post(world.server.url + f"/web/alerts/{uuid.uuid4()}/acknowledge",
                                                  timeout=10).text
    anonymous = requests.get(world.server.url + "/web/", timeout=10)
    assert anonymous.url.endswith("/web/login")
    wrong = requests.post(world.server.url + "/web/login", data={"login": world.logins["lead_x"], "password": "no"},
                          timeout=10)
    assert "Wrong login or password" in wrong.text
    lead.post(world.server.url + "/web/logout", timeout=10)
    assert lead.get(world.server.url + "/web/", timeout=10).url.endswith("/web/login")
