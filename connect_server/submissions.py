"""Submissions, exactly once: the manifest keyed by the audit revision's UUID, blobs by SHA-256 in
resumable pieces, and "complete", which checks the whole package and answers with a signed receipt.

Every step can be repeated: the same manifest again is the same submission, a piece at an offset
already passed is refused with the offset to resume from, "complete" on a verified submission gives
the same receipt. Each database change commits before its answer is sent, so an answer lost on the
way finds the work done when the client asks again.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from starlette.requests import ClientDisconnect

from auditor_app.package.limits import AUDIT
from auditor_app.sync.protocol import (
    API,
    HEX64,
    RECEIPT_FORMAT,
    UUID,
    BlobNeed,
    BlobStatus,
    Problem,
    SubmissionOut,
    SubmissionSummary,
    manifest_digest,
)
from connect_server.blobs import Busy
from connect_server.deps import api_user, transaction
from connect_server.errors import ApiError, forbidden, not_found
from connect_server.models import Blob, Submission, SubmissionBlob, User, utcnow
from connect_server.security import may_see, visible
from connect_server.verification import manifest_shape_problems, package_problems, signer_problems

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": Problem} for code in (400, 401, 403, 404, 409, 413, 422,
                                                                                   423)}
router = APIRouter(prefix=API, responses=ERRORS)
MANIFEST_EXAMPLE = {"format": "escp-package", "format_version": 1, "members": []}


def _missing(request: Request, sub: Submission, members: list[SubmissionBlob]) -> list[BlobNeed]:
    store = request.app.state.blobs
    needs = {}
    for m in members:
        if m.sha256 not in needs and not store.has(m.sha256):
            needs[m.sha256] = BlobNeed(sha256=m.sha256, size=m.size, received=store.received(m.sha256))
    return list(needs.values())


def _out(request: Request, db, sub: Submission) -> SubmissionOut:
    members = list(db.scalars(select(SubmissionBlob).where(SubmissionBlob.audit_id == sub.audit_id)))
    missing = _missing(request, sub, members) if sub.state != "verified" else []
    return SubmissionOut(audit_id=sub.audit_id, state=sub.state, missing=missing,  # type: ignore[arg-type]
                         problems=sub.problems or [], receipt=sub.receipt)


def _visible_submission(db, user: User, audit_id: str) -> Submission:
    sub = db.get(Submission, audit_id)
    if sub is None or not may_see(user, sub.user_id, sub.firm_id):
        raise not_found("that submission")
    return sub


@router.put("/submissions/{audit_id}", tags=["submissions"],
            responses={200: {"model": SubmissionOut}, 201: {"model": SubmissionOut}})
def put_submission(request: Request, response: Response, audit_id: str = Path(pattern=UUID),
                   manifest: dict[str, Any] = Body(examples=[MANIFEST_EXAMPLE],
                                                   description="the .escp package's manifest.json"),
                   user: User = Depends(api_user)) -> SubmissionOut:
    """Announce a sealed audit revision by its package manifest. The same manifest again answers the
    same (201 the first time, 200 after); another manifest for the same audit id is a 409."""
    if user.role not in ("auditor", "lead"):
        raise forbidden("only auditors and leads submit audits")
    problems = manifest_shape_problems(manifest, audit_id)
    if problems:
        raise ApiError(422, "the manifest is not one this platform accepts", code="invalid", problems=problems)
    digest = manifest_digest(manifest)
    for _attempt in range(2):
        try:
            with transaction(request) as db:
                sub = db.get(Submission, audit_id)
                if sub is None:
                    sub = Submission(audit_id=audit_id, manifest=manifest, manifest_sha256=digest, user_id=user.id,
                                     firm_id=user.firm_id, audit_type=manifest["audit"]["type"],
                                     factory_name=manifest["audit"]["factory_name"], state="receiving",
                                     problems=[], signer={})
                    db.add(sub)
                    db.flush()
                    db.add_all([SubmissionBlob(audit_id=audit_id, path=m["path"], sha256=m["sha256"], size=m["size"])
                                for m in manifest["members"]])
                    db.flush()
                    response.status_code = 201
                    return _out(request, db, sub)
                if sub.user_id != user.id:
                    raise ApiError(409, "this audit revision was submitted by another account", code="conflict")
                if sub.manifest_sha256 != digest:
                    raise ApiError(409, "another package of this audit revision was submitted before; a corrected "
                                        "audit is a new revision (its own id)", code="conflict")
                return _out(request, db, sub)
        except IntegrityError:
            continue  # the same submission arrived twice at once: answer as the one that won
    raise ApiError(409, "the submission is being recorded by another request: try again", code="busy")


@router.get("/submissions", tags=["submissions"])
def list_submissions(request: Request, user: User = Depends(api_user)) -> list[SubmissionSummary]:
    with transaction(request) as db:
        rows = db.scalars(select(Submission).where(visible(user, Submission.user_id, Submission.firm_id))
                          .order_by(Submission.received_at.desc())).all()
        logins = {u.id: u.login for u in db.scalars(select(User))}
        return [SubmissionSummary(audit_id=r.audit_id, state=r.state, factory_name=r.factory_name,
                                  audit_type=r.audit_type, submitted_by=logins.get(r.user_id, ""), firm_id=r.firm_id,
                                  received_at=r.received_at, verified_at=r.verified_at) for r in rows]


@router.get("/submissions/{audit_id}", tags=["submissions"])
def get_submission(request: Request, audit_id: str = Path(pattern=UUID),
                   user: User = Depends(api_user)) -> SubmissionOut:
    """The submission's state, the blobs the server still lacks (with the bytes received so far), its
    problems and its receipt."""
    with transaction(request) as db:
        return _out(request, db, _visible_submission(db, user, audit_id))


@router.post("/submissions/{audit_id}/complete", tags=["submissions"])
def complete(request: Request, audit_id: str = Path(pattern=UUID), user: User = Depends(api_user)) -> SubmissionOut:
    """Check the whole package (every blob present, audit.json and events.json, the chain, the seal, the
    signature by the submitter's registered device key) and answer with the server-signed receipt.
    A package that fails is refused (422) with every problem; a verified one answers the same receipt."""
    store = request.app.state.blobs
    with transaction(request) as db:
        sub = _visible_submission(db, user, audit_id)
        if sub.user_id != user.id:
            raise forbidden("only the account that submitted an audit completes it")
        if sub.state == "verified":
            return _out(request, db, sub)
        out = _out(request, db, sub)
        manifest = sub.manifest
    if out.missing:
        raise ApiError(409, f"{len(out.missing)} file(s) of the package have not arrived yet", code="missing_blobs",
                       problems=[m.sha256 for m in out.missing])

    def read(sha256: str) -> bytes:
        with store.open(sha256) as f:
            return f.read()

    problems, document, _events = package_problems(manifest, read)
    with transaction(request) as db:
        signer: dict[str, Any] = {}
        if not problems:
            who, signer = signer_problems(db, document, user)
            problems += who
        locked = db.get(Submission, audit_id, with_for_update=True)
        assert locked is not None
        sub = locked
        if sub.state == "verified":  # a concurrent "complete" won
            return _out(request, db, sub)
        if problems:
            sub.state, sub.problems = "rejected", problems
        else:
            now = utcnow()
            sub.state, sub.problems, sub.signer, sub.verified_at = "verified", [], signer, now
            sub.supersedes_id = document["audit"].get("supersedes_id")
            sub.receipt = request.app.state.key.sign({
                "format": RECEIPT_FORMAT, "audit_id": audit_id, "manifest_sha256": sub.manifest_sha256,
                "seal": manifest["audit"]["seal"],
                "event_head": {"seq": manifest["events"]["head_seq"], "hash": manifest["events"]["head_hash"]},
                "signer_key_id": signer.get("key_id"), "submitted_by": user.login,
                "blobs": sorted(m["sha256"] for m in manifest["members"]),
                "received_at": _iso(sub.received_at), "verified_at": _iso(now)})
        out = _out(request, db, sub)
    if problems:
        raise ApiError(422, "the package was refused: " + problems[0], code="rejected", problems=problems)
    return out


def _iso(when) -> str:
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# ---- blobs -------------------------------------------------------------------------------------------

def _blob_size(request: Request, user: User, sha256: str, *, writing: bool) -> int:
    """The size of a blob this user may see (or, `writing`, upload: a member of its own submission); 404
    otherwise. A verified submission's blobs are complete, so an upload to one is answered "complete"
    without writing: two retries of one submission race, one verifies while the other still uploads."""
    with transaction(request) as db:
        rows = db.execute(select(SubmissionBlob.size, Submission.user_id, Submission.firm_id)
                          .join(Submission, Submission.audit_id == SubmissionBlob.audit_id)
                          .where(SubmissionBlob.sha256 == sha256)).all()
    for size, owner, firm in rows:
        if writing and owner == user.id:
            return size
        if not writing and may_see(user, owner, firm):
            return size
    raise not_found("a blob with that SHA-256 in your submissions")


def _status(request: Request, sha256: str, size: int) -> BlobStatus:
    store = request.app.state.blobs
    done = store.has(sha256)
    return BlobStatus(sha256=sha256, size=size, received=size if done else store.received(sha256), complete=done)


@router.get("/blobs/{sha256}", tags=["blobs"])
def blob_status(request: Request, sha256: str = Path(pattern=HEX64), user: User = Depends(api_user)) -> BlobStatus:
    """How much of a blob the server holds: resume an upload from `received`."""
    return _status(request, sha256, _blob_size(request, user, sha256, writing=False))


@router.patch("/blobs/{sha256}", tags=["blobs"], openapi_extra={"requestBody": {
    "required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
async def upload_blob(request: Request, sha256: str = Path(pattern=HEX64), offset: int = Query(ge=0, le=2 ** 40),
                      user: User = Depends(api_user)) -> BlobStatus:
    """Append the request body to the upload of `sha256` at `offset`, which must be the bytes received so
    far (else 409 offset_mismatch, with `received`). With the last byte in, the server hashes the whole
    blob: bytes that do not have this SHA-256 are dropped (422) and the upload starts again from 0.
    One upload of a blob at a time: another one meanwhile gets 423 busy."""
    size = await run_in_threadpool(_blob_size, request, user, sha256, writing=True)
    store = request.app.state.blobs
    if store.has(sha256):
        await run_in_threadpool(_record_blob, request, sha256, size)  # a crash may have left it unrecorded
        return _status(request, sha256, size)
    try:
        with store.writer(sha256) as upload:
            if offset != upload.received:
                raise ApiError(409, f"the upload of this blob is at byte {upload.received}, not {offset}: resume "
                                    "from there", code="offset_mismatch", extra={"received": upload.received})
            try:
                async for chunk in request.stream():
                    if upload.received + len(chunk) > size:
                        upload.truncate(offset)
                        raise ApiError(413, f"more bytes than the blob's {size}", code="too_large")
                    upload.write(chunk)
            except ClientDisconnect:
                upload.sync()  # keep what arrived: the client resumes from here
                raise ApiError(400, "the connection closed during the upload", code="disconnected") from None
            if upload.received < size:
                await run_in_threadpool(upload.sync)
                return BlobStatus(sha256=sha256, size=size, received=upload.received, complete=False)
            if not await run_in_threadpool(upload.finish):
                raise ApiError(422, "the bytes received do not have this SHA-256; upload the blob again from 0",
                               code="hash_mismatch")
    except Busy:
        raise ApiError(423, "another upload of this blob is in progress: ask for its status and resume",
                       code="busy") from None
    await run_in_threadpool(_record_blob, request, sha256, size)
    return _status(request, sha256, size)


def _record_blob(request: Request, sha256: str, size: int) -> None:
    try:
        with transaction(request) as db:
            if db.get(Blob, sha256) is None:
                db.add(Blob(sha256=sha256, size=size))
    except IntegrityError:
        pass  # recorded by a concurrent request


# ---- the previous audit's CAP, for assignments -----------------------------------------------------

def cap_of(db, store, sub: Submission) -> list[dict[str, Any]]:
    """The NCs of a verified submission and their CAP items, for a follow-up's assignment."""
    member = db.scalars(select(SubmissionBlob).where(SubmissionBlob.audit_id == sub.audit_id,
                                                     SubmissionBlob.path == AUDIT)).one()
    with store.open(member.sha256) as f:
        document = json.loads(f.read())
    caps = {c["finding_id"]: c for c in document.get("cap_item", [])}
    keep = ("root_cause", "corrective_action", "preventive_action", "responsible_person", "due_date", "status")
    return [{"finding_id": f["id"], "checkpoint_id": f["checkpoint_id"], "grade": f["grade"],
             "description": f["description"], "cap": {k: caps.get(f["id"], {}).get(k) for k in keep
                                                       if k in caps.get(f["id"], {})}}
            for f in document.get("finding", []) if not f.get("deleted_at")]
