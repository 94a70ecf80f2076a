"""Enrolment and sessions, the current user, assignments and Zero Tolerance alerts."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Depends, Path, Request, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from auditor_app.signing.device_key import key_id_of
from auditor_app.sync.protocol import (
    ALERT_RECEIPT_FORMAT,
    API,
    PROOF_WINDOW_S,
    UUID,
    AlertIn,
    AlertOut,
    AssignmentIn,
    AssignmentOut,
    EnrolRequest,
    Problem,
    ServerKey,
    SessionOut,
    SessionRequest,
    UserOut,
    b64decode,
    enrol_proof_bytes,
    manifest_digest,
    session_proof_bytes,
    signature_ok,
)
from connect_server.deps import api_user, transaction
from connect_server.errors import ApiError, forbidden, not_found
from connect_server.models import Assignment, Device, EnrolmentToken, Firm, Submission, User, ZtAlert, utcnow
from connect_server.security import may_see, open_session, token_hash, visible

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": Problem} for code in (400, 401, 403, 404, 409, 422)}
router = APIRouter(prefix=API, responses=ERRORS)


def user_out(db, user: User) -> UserOut:
    firm = db.get(Firm, user.firm_id) if user.firm_id else None
    return UserOut(id=user.id, login=user.login, name=user.name, role=user.role,  # type: ignore[arg-type]
                   firm_id=user.firm_id, firm_name=firm.name if firm else None)


@router.get("/health", tags=["platform"])
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/server-key", tags=["platform"])
def server_key(request: Request) -> ServerKey:
    """The key that signs receipts (the app pins it at enrolment)."""
    return ServerKey(**request.app.state.key.public())


# ---- enrolment and sessions ------------------------------------------------------------------------

@router.post("/enrol", tags=["sessions"])
def enrol(body: EnrolRequest, request: Request) -> SessionOut:
    """Register this laptop's device key for the user the enrolment token was issued to, and open a
    session. The token works once; the same device may repeat the call (a lost answer)."""
    raw = b64decode(body.device.public_key)
    if raw is None or len(raw) != 32:
        raise ApiError(422, "device.public_key is not base64 of a 32-byte Ed25519 public key", code="invalid")
    if key_id_of(raw) != body.device.key_id:
        raise ApiError(422, "device.key_id is not the id of device.public_key", code="invalid")
    if not signature_ok(body.device.public_key, body.proof, enrol_proof_bytes(body.token, body.device.public_key)):
        raise ApiError(422, "the proof is not the device key's signature of this enrolment", code="invalid")
    settings = request.app.state.settings
    with transaction(request) as db:
        token = db.get(EnrolmentToken, token_hash(body.token), with_for_update=True)
        if token is None or token.expires_at <= utcnow():
            raise ApiError(401, "the enrolment token is unknown or has expired: ask your platform administrator "
                                "for a new one", code="auth")
        if token.used_at is not None and token.device_key_id != body.device.key_id:
            raise ApiError(401, "the enrolment token was already used to enrol another laptop", code="auth")
        device = db.get(Device, body.device.key_id)
        if device is not None and device.user_id != token.user_id:
            raise ApiError(409, "this device key is registered to another user", code="conflict")
        if device is None:
            db.add(Device(key_id=body.device.key_id, public_key=body.device.public_key, user_id=token.user_id,
                          name=body.device.name))
        token.used_at = token.used_at or utcnow()
        token.device_key_id = body.device.key_id
        user = db.get(User, token.user_id)
        assert user is not None  # a foreign key
        session, expires = open_session(db, user, kind="api", hours=settings.session_hours,
                                        device_key_id=body.device.key_id)
        out = user_out(db, user)
    return SessionOut(session_token=session, expires_at=expires, user=out, device_key_id=body.device.key_id,
                      server_key=ServerKey(**request.app.state.key.public()))


@router.post("/session", tags=["sessions"])
def new_session(body: SessionRequest, request: Request) -> SessionOut:
    """A new session for an enrolled laptop, proved by its device key (sessions expire; keys do not)."""
    try:
        at = datetime.fromisoformat(body.at.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(422, "at is not an ISO 8601 time", code="invalid") from None
    if at.tzinfo is None:
        raise ApiError(422, "at has no time zone", code="invalid")
    skew = abs((datetime.now(timezone.utc) - at).total_seconds())
    if skew > PROOF_WINDOW_S:
        raise ApiError(401, f"this computer's clock is {int(skew)} seconds off the platform's: set the clock and "
                            "try again", code="auth")
    with transaction(request) as db:
        device = db.get(Device, body.key_id)
        if device is None or not signature_ok(device.public_key, body.proof,
                                              session_proof_bytes(body.key_id, body.at)):
            raise ApiError(401, "this laptop is not enrolled with the platform (or its proof does not verify): "
                                "sign in with an enrolment token", code="auth")
        user = db.get(User, device.user_id)
        assert user is not None
        session, expires = open_session(db, user, kind="api", hours=request.app.state.settings.session_hours,
                                        device_key_id=device.key_id)
        out = user_out(db, user)
    return SessionOut(session_token=session, expires_at=expires, user=out, device_key_id=body.key_id,
                      server_key=ServerKey(**request.app.state.key.public()))


@router.get("/me", tags=["sessions"])
def me(request: Request, user: User = Depends(api_user)) -> UserOut:
    with transaction(request) as db:
        return user_out(db, user)


# ---- assignments -----------------------------------------------------------------------------------

def assignment_out(row: Assignment) -> AssignmentOut:
    return AssignmentOut(id=row.id, auditor_id=row.auditor_id, firm_id=row.firm_id, audit_type=row.audit_type,
                         factory=row.factory, window_start=row.window_start, window_end=row.window_end,
                         previous_audit_id=row.previous_audit_id, previous_cap=row.previous_cap or [],
                         notes=row.notes, created_at=row.created_at)


@router.get("/assignments", tags=["assignments"])
def list_assignments(request: Request, user: User = Depends(api_user)) -> list[AssignmentOut]:
    """The audits assigned to this auditor (a lead: its firm's; a reviewer: all)."""
    with transaction(request) as db:
        rows = db.scalars(select(Assignment).where(visible(user, Assignment.auditor_id, Assignment.firm_id))
                          .order_by(Assignment.window_start, Assignment.id)).all()
        return [assignment_out(r) for r in rows]


@router.get("/assignments/{assignment_id}", tags=["assignments"])
def get_assignment(request: Request, assignment_id: str = Path(max_length=64),
                   user: User = Depends(api_user)) -> AssignmentOut:
    with transaction(request) as db:
        row = db.get(Assignment, assignment_id)
        if row is None or not may_see(user, row.auditor_id, row.firm_id):
            raise not_found("that assignment")
        return assignment_out(row)


@router.post("/assignments", status_code=201, tags=["assignments"])
def create_assignment(body: AssignmentIn, request: Request, user: User = Depends(api_user)) -> AssignmentOut:
    """A lead assigns an audit to an auditor of its firm (an admin to anyone's)."""
    if user.role not in ("lead", "admin"):
        raise forbidden("only an audit-firm lead or an admin assigns audits")
    if body.window_end < body.window_start:
        raise ApiError(422, "window_end is before window_start", code="invalid")
    with transaction(request) as db:
        return assignment_out(add_assignment(db, body, user, request.app.state.blobs))


def add_assignment(db, body: AssignmentIn, creator: User, store) -> Assignment:
    """Shared by the API and `connect-server admin assign`."""
    auditor = db.get(User, body.auditor_id)
    if auditor is None or auditor.role not in ("auditor", "lead") or auditor.firm_id is None:
        raise ApiError(422, "auditor_id names no auditor of a firm", code="invalid")
    if creator.role == "lead" and auditor.firm_id != creator.firm_id:
        raise ApiError(422, "auditor_id names no auditor of a firm", code="invalid")  # no hint of other firms
    if len(json.dumps(body.factory)) > 100_000:
        raise ApiError(422, "the factory profile is too large", code="invalid")
    previous_cap: list[dict[str, Any]] = []
    if body.previous_audit_id:
        from connect_server.submissions import cap_of

        previous = db.get(Submission, body.previous_audit_id)
        if previous is not None and previous.state == "verified" and may_see(creator, previous.user_id,
                                                                             previous.firm_id):
            previous_cap = cap_of(db, store, previous)
    row = Assignment(auditor_id=auditor.id, firm_id=auditor.firm_id, audit_type=body.audit_type,
                     factory=body.factory, window_start=body.window_start, window_end=body.window_end,
                     previous_audit_id=body.previous_audit_id, previous_cap=previous_cap, notes=body.notes,
                     created_by=creator.id)
    db.add(row)
    db.flush()
    return row


# ---- Zero Tolerance alerts -------------------------------------------------------------------------

@router.put("/alerts/{alert_id}", tags=["alerts"], responses={200: {"model": AlertOut}, 201: {"model": AlertOut}})
def put_alert(body: AlertIn, request: Request, response: Response, alert_id: str = Path(pattern=UUID),
              user: User = Depends(api_user)) -> AlertOut:
    """Record a Zero Tolerance finding with the server's time; the signed receipt is the app's record of
    the 24-hour notice. The same alert again gets the same receipt; another body for the id is a 409."""
    if user.role not in ("auditor", "lead"):
        raise forbidden("only auditors and leads send Zero Tolerance alerts")
    data = body.model_dump(mode="json")
    digest = manifest_digest(data)
    for _attempt in range(2):
        try:
            with transaction(request) as db:
                found = db.get(ZtAlert, alert_id)
                if found is None:
                    now = utcnow()
                    receipt = request.app.state.key.sign({
                        "format": ALERT_RECEIPT_FORMAT, "alert_id": alert_id, "audit_id": body.audit_id,
                        "body_sha256": digest, "received_at": now.isoformat().replace("+00:00", "Z")})
                    db.add(ZtAlert(id=alert_id, body=data, body_sha256=digest, audit_id=body.audit_id,
                                   user_id=user.id, firm_id=user.firm_id, receipt=receipt, received_at=now))
                    db.flush()
                    response.status_code = 201
                    return AlertOut(alert_id=alert_id, received_at=now, receipt=receipt)
                if found.user_id != user.id or found.body_sha256 != digest:
                    raise ApiError(409, "another alert was recorded under this id", code="conflict")
                return AlertOut(alert_id=alert_id, received_at=found.received_at, receipt=found.receipt)
        except IntegrityError:
            continue  # the same alert arrived twice at once: read the one that won
    raise ApiError(409, "the alert is being recorded by another request: try again", code="busy")


@router.get("/alerts", tags=["alerts"])
def list_alerts(request: Request, user: User = Depends(api_user)) -> list[AlertOut]:
    with transaction(request) as db:
        rows = db.scalars(select(ZtAlert).where(visible(user, ZtAlert.user_id, ZtAlert.firm_id))
                          .order_by(ZtAlert.received_at)).all()
        return [AlertOut(alert_id=r.id, received_at=r.received_at, receipt=r.receipt) for r in rows]
