"""The lead's review held by the platform (docs/review.md, "The platform route").

The platform keeps the same review record as the laptops: signed, chained entries
(`auditor_app.review.records`), one record (thread) per submitted audit across its revisions, its id the
id of the first revision received. Laptops post the entries they made and fetch the others'.

Every post is checked whole before anything is kept: the record held plus the new entries must pass
`records.chain_problems` (hashes, links, signatures, the state machine, self-approval); each new entry
must be signed with a device key enrolled to the signed-in account and concern a verified submission of
the thread's firm exactly as that submission was sealed; receive, comment, return, approve and submit
are a lead's of that firm, answer and resubmit the auditor's who submitted the audit; the account that
submitted a revision (or whose key sealed it) never approves it. Entries the platform holds already are
skipped, so a post repeated after a lost answer changes nothing; entries that differ from the ones held
at the same place are refused (the record went another way: pull first).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from auditor_app.package.limits import AUDIT
from auditor_app.review.records import audit_pin, chain_problems, entry_problems, state_of, under_review
from auditor_app.review.states import AUDITOR_KINDS, LEAD_KINDS, OPENS_REVISION
from auditor_app.sync.protocol import (
    API,
    UUID,
    Problem,
    ReviewEntriesIn,
    ReviewPosted,
    ReviewRecordOut,
    ReviewSummary,
)
from connect_server.blobs import READ_CHUNK
from connect_server.deps import api_user, transaction
from connect_server.errors import ApiError, forbidden, not_found
from connect_server.models import Device, ReviewRecordEntry, ReviewThread, Submission, SubmissionBlob, User, utcnow
from connect_server.package_file import write_package
from connect_server.security import may_see

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": Problem} for code in (400, 401, 403, 404, 409, 422)}
router = APIRouter(prefix=API, responses=ERRORS)

_ACTS = {"receive": "receive an audit for review", "comment": "comment on it", "return": "return it for rework",
         "approve": "approve it", "submit": "mark it submitted to the program", "answer": "answer a comment",
         "resubmit": "resubmit it"}


# ---- reading ---------------------------------------------------------------------------------------

def held_entries(db, thread_id: str) -> list[dict[str, Any]]:
    return [row.record for row in db.scalars(select(ReviewRecordEntry).where(ReviewRecordEntry.thread_id == thread_id)
                                             .order_by(ReviewRecordEntry.seq))]


def revisions(records: list[dict[str, Any]]) -> list[str]:
    return [e["audit"]["id"] for e in records if e["kind"] in OPENS_REVISION]


def submitters(db, thread_id: str) -> set[str]:
    """The accounts that submitted the thread's revisions: the auditor side of the review."""
    return set(db.scalars(select(Submission.user_id).join(ReviewRecordEntry,
                                                          ReviewRecordEntry.audit_id == Submission.audit_id)
                          .where(ReviewRecordEntry.thread_id == thread_id,
                                 ReviewRecordEntry.kind.in_(sorted(OPENS_REVISION)))))


def may_see_thread(db, user: User, thread: ReviewThread) -> bool:
    if user.role in ("reviewer", "admin"):
        return True
    if user.role == "lead" and thread.firm_id is not None and thread.firm_id == user.firm_id:
        return True
    return user.id in submitters(db, thread.id)


def _record_out(thread: ReviewThread, records: list[dict[str, Any]], after: int) -> dict[str, Any]:
    return {"thread_id": thread.id, "firm_id": thread.firm_id, "state": thread.state,
            "under_review": thread.under_review, "revisions": revisions(records), "head_seq": thread.head_seq,
            "head_hash": thread.head_hash, "entries": [e for e in records if e["seq"] > after]}


def sealed_revision(db, store, audit_id: str) -> tuple[Submission, dict[str, Any]] | None:
    """A verified submission and what a review entry about it must say of it (`records.audit_pin` of
    its audit.json as received); None when there is no such verified submission."""
    sub = db.get(Submission, audit_id)
    if sub is None or sub.state != "verified":
        return None
    member = db.scalars(select(SubmissionBlob).where(SubmissionBlob.audit_id == audit_id,
                                                     SubmissionBlob.path == AUDIT)).one()
    with store.open(member.sha256) as f:
        document = json.loads(f.read())
    return sub, audit_pin(document["audit"])


@router.get("/reviews", tags=["reviews"])
def list_reviews(request: Request, user: User = Depends(api_user)) -> list[ReviewSummary]:
    """The audits in review this account takes part in (a lead: its firm's; an auditor: those it
    submitted; a reviewer or admin: all), and for a lead the verified submissions of its firm that
    wait to be received (`thread_id` null)."""
    with transaction(request) as db:
        logins = {u.id: u.login for u in db.scalars(select(User))}
        out: list[ReviewSummary] = []
        for thread in db.scalars(select(ReviewThread).order_by(ReviewThread.updated_at.desc())):
            if not may_see_thread(db, user, thread):
                continue
            sub = db.get(Submission, thread.under_review)
            assert sub is not None  # a foreign key of its entry
            out.append(_summary(sub, logins, thread))
        if user.role == "lead" and user.firm_id is not None:
            in_review = set(db.scalars(select(ReviewRecordEntry.audit_id).distinct()))
            waiting = db.scalars(select(Submission).where(Submission.firm_id == user.firm_id,
                                                          Submission.state == "verified")
                                 .order_by(Submission.received_at.desc()))
            out += [_summary(sub, logins, None) for sub in waiting
                    if sub.audit_id not in in_review and sub.supersedes_id not in in_review]
        return out


def _summary(sub: Submission, logins: dict[str, str], thread: ReviewThread | None) -> ReviewSummary:
    return ReviewSummary(audit_id=sub.audit_id, thread_id=thread.id if thread else None,
                         state=thread.state if thread else None, factory_name=sub.factory_name,
                         audit_type=sub.audit_type, revision=int(sub.manifest["audit"]["revision"]),
                         submitted_by=logins.get(sub.user_id, ""), firm_id=sub.firm_id,
                         head_seq=thread.head_seq if thread else 0, submitted_at=sub.received_at,
                         updated_at=thread.updated_at if thread else None)


@router.get("/reviews/{thread_id}", tags=["reviews"])
def get_review(request: Request, thread_id: str = Path(pattern=UUID), after: int = Query(default=0, ge=0, le=2 ** 31),
               user: User = Depends(api_user)) -> ReviewRecordOut:
    """The review record: its state and the entries after `after` (all by default)."""
    with transaction(request) as db:
        thread = db.get(ReviewThread, thread_id)
        if thread is None or not may_see_thread(db, user, thread):
            raise not_found("that review")
        return ReviewRecordOut(**_record_out(thread, held_entries(db, thread_id), after))


# ---- writing ---------------------------------------------------------------------------------------

@router.post("/reviews/{thread_id}/entries", tags=["reviews"])
def post_entries(body: ReviewEntriesIn, request: Request, thread_id: str = Path(pattern=UUID),
                 user: User = Depends(api_user)) -> ReviewPosted:
    """Add entries to the review record (the first post of a record is the lead's receipt). The answer
    has the entries added and the record's new head; `added` 0 when all were held already."""
    if user.role not in ("auditor", "lead"):
        raise forbidden("only a lead of the audit's firm and the auditor who submitted it write in its review")
    incoming = body.entries
    problems = [p for entry in incoming for p in entry_problems(entry)]
    if problems:
        raise ApiError(422, "the review entries are not signed entries: " + problems[0], code="invalid",
                       problems=problems)
    wrong = [e["seq"] for e in incoming if e["thread_id"] != thread_id]
    if wrong:
        raise ApiError(422, f"review entry {wrong[0]} belongs to another review record than {thread_id}",
                       code="invalid")
    first = incoming[0]["seq"]
    if [e["seq"] for e in incoming] != list(range(first, first + len(incoming))):
        raise ApiError(422, "the review entries are not in order, one after the other", code="invalid")
    for _attempt in range(2):
        try:
            with transaction(request) as db:
                return _append(db, request, user, thread_id, incoming)
        except IntegrityError:
            continue  # the same record was started twice at once: check again against the one that won
    raise ApiError(409, "the review record is being written by another request: try again", code="busy")


def _append(db, request: Request, user: User, thread_id: str, incoming: list[dict[str, Any]]) -> ReviewPosted:
    thread = db.get(ReviewThread, thread_id, with_for_update=True)
    if thread is not None and not may_see_thread(db, user, thread):
        raise not_found("that review")
    held = held_entries(db, thread_id)
    first = incoming[0]["seq"]
    if first > len(held) + 1:
        raise ApiError(409, f"the platform holds {len(held)} entries of this review: entries from {first} on do not "
                            "follow them", code="conflict")
    for ours, theirs in zip(held[first - 1:], incoming):
        if ours["hash"] != theirs["hash"]:
            raise ApiError(409, f"the review record on the platform went another way from entry {ours['seq']} on: "
                                "nothing was added", code="conflict",
                           problems=["fetch the platform's record (`auditor-app review pull`) and continue from it"])
    new = incoming[len(held) - first + 1:]
    if not new:
        assert thread is not None
        return ReviewPosted(**_record_out(thread, held, len(held)), added=0)
    problems = chain_problems(held + new)
    if problems:
        raise ApiError(422, "the review entries were refused: " + problems[0], code="rejected", problems=problems)
    store = request.app.state.blobs
    if thread is None:
        receipt = _receipt_revision(db, store, user, thread_id, new[0])
        firm_id = receipt.firm_id
    else:
        firm_id = thread.firm_id
    records = list(held)
    for entry in new:
        _check_author(db, store, user, firm_id, records, entry)
        if db.get(ReviewRecordEntry, entry["id"]) is not None:
            raise ApiError(409, f"review entry {entry['seq']} repeats the id of an entry of another review",
                           code="conflict")
        records.append(entry)
    now = utcnow()
    if thread is None:
        thread = ReviewThread(id=thread_id, firm_id=firm_id, state="", under_review="", head_seq=0,
                              head_hash="", updated_at=now)
        db.add(thread)
        db.flush()
    for entry in new:
        db.add(ReviewRecordEntry(id=entry["id"], thread_id=thread_id, seq=entry["seq"], kind=entry["kind"],
                                 audit_id=entry["audit"]["id"], user_id=user.id, key_id=entry["author"]["key_id"],
                                 hash=entry["hash"], record=entry, received_at=now))
    thread.state = state_of(records) or ""
    thread.under_review = under_review(records) or thread_id
    thread.head_seq, thread.head_hash, thread.updated_at = records[-1]["seq"], records[-1]["hash"], now
    db.flush()
    return ReviewPosted(**_record_out(thread, records, len(held)), added=len(new))


def _receipt_revision(db, store, user: User, thread_id: str, entry: dict[str, Any]) -> Submission:
    """A new record starts with a lead receiving a verified submission not yet in review; its id is the
    record's."""
    if entry["audit"]["id"] != thread_id:
        raise ApiError(422, "a review record's id is the id of the audit received first", code="invalid")
    found = sealed_revision(db, store, thread_id)
    if found is None or not may_see(user, found[0].user_id, found[0].firm_id):
        raise not_found("a verified submission with that id")
    sub, _pin = found
    elsewhere = db.scalars(select(ReviewRecordEntry.thread_id).where(ReviewRecordEntry.audit_id == thread_id)).first()
    if elsewhere is not None or (sub.supersedes_id and db.scalars(select(ReviewRecordEntry.thread_id).where(
            ReviewRecordEntry.audit_id == sub.supersedes_id)).first()):
        raise ApiError(409, "this audit is in review already (as itself or as a correction of a revision in review)",
                       code="conflict")
    return sub


def _check_author(db, store, user: User, firm_id: str | None, records: list[dict[str, Any]],
                  entry: dict[str, Any]) -> None:
    """May this account add `entry` (already checked by `chain_problems` with the entries before it)?"""
    where = f"review entry {entry['seq']} ({entry['kind']})"
    author = entry["author"]
    device = db.get(Device, author["key_id"])
    if device is None or device.user_id != user.id or device.public_key != author["public_key"]:
        raise forbidden(f"{where} is signed with key {author['key_id']}, which is not a laptop enrolled to this "
                        "account: each person posts the entries signed on their own enrolled laptop")
    found = sealed_revision(db, store, entry["audit"]["id"])
    if found is None or found[0].firm_id != firm_id:
        raise ApiError(422, f"{where} concerns audit {entry['audit']['id']}, which is not a verified submission of "
                            "the audit's firm on this platform", code="rejected")
    sub, pin = found
    if pin != entry["audit"]:
        raise ApiError(422, f"{where} describes audit {entry['audit']['id']} otherwise than it was submitted "
                            "(revision, seal, sealer or the revision it supersedes differ)", code="rejected")
    kind = entry["kind"]
    if kind in LEAD_KINDS:
        if user.role != "lead" or user.firm_id is None or user.firm_id != firm_id:
            raise forbidden(f"only a lead of the audit's firm may {_ACTS[kind]}")
        if kind in ("approve", "submit"):
            sealer = db.get(Device, pin["sealed_by"]["key_id"]) if pin["sealed_by"]["key_id"] else None
            if sub.user_id == user.id or (sealer is not None and sealer.user_id == user.id):
                raise forbidden("an auditor cannot approve its own audit: this account submitted or sealed it; "
                                "another lead of the firm approves it")
    elif kind == "resubmit":
        if sub.user_id != user.id:
            raise forbidden("a corrected revision is resubmitted by the account that submitted it")
    elif kind in AUDITOR_KINDS:
        side = {_submitter(db, e["audit"]["id"]) for e in records if e["kind"] in OPENS_REVISION}
        if user.id not in side:
            raise forbidden(f"only the auditor who submitted the audit may {_ACTS[kind]}")


def _submitter(db, audit_id: str) -> str | None:
    sub = db.get(Submission, audit_id)
    return sub.user_id if sub is not None else None


# ---- the package of a submitted revision ---------------------------------------------------------------

PACKAGE_RESPONSE: dict[int | str, dict[str, Any]] = {200: {
    "description": "the revision's .escp package (a zip: manifest.json, audit.json, events.json, evidence)",
    "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}}


@router.get("/submissions/{audit_id}/package", tags=["reviews"], response_class=StreamingResponse,
            responses=PACKAGE_RESPONSE)
def download_package(request: Request, audit_id: str = Path(pattern=UUID), user: User = Depends(api_user)):
    """A verified submission as the `.escp` file the auditor's laptop would export (without the confidential
    part, which is never submitted): the lead opens it for review like any package."""
    with transaction(request) as db:
        sub = db.get(Submission, audit_id)
        if sub is None or not may_see(user, sub.user_id, sub.firm_id):
            raise not_found("that submission")
        if sub.state != "verified":
            raise ApiError(409, "this submission is not verified yet: its package is not complete", code="conflict")
        manifest = sub.manifest
    # A file with no name (gone with the process, whatever happens), in the data folder: packages are large.
    tmp = tempfile.TemporaryFile(dir=request.app.state.settings.data)
    try:
        write_package(manifest, request.app.state.blobs, tmp)
        size = tmp.tell()
        tmp.seek(0)
    except BaseException:
        tmp.close()
        raise

    def chunks() -> Iterator[bytes]:
        with tmp:
            while data := tmp.read(READ_CHUNK):
                yield data

    return StreamingResponse(chunks(), media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{audit_id}.escp"', "Content-Length": str(size)})
