"""The Connect protocol: one definition of what travels between the app and the platform.

Both sides import this module: `connect_server` validates requests and shapes responses with these
models, `auditor_app.sync.client` builds the requests and checks the answers. See docs/connect.md.

The payload of a submission is the `.escp` package taken apart: its manifest is the submission's
body, and each member (audit.json, events.json, evidence/<sha256>) is a blob named by its SHA-256.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor_app.signing.device_key import key_id_of, verify_signature
from auditor_app.store.canonical import canonical_bytes

API = "/api/v1"
RECEIPT_FORMAT = "escp-connect-receipt/1"
ALERT_RECEIPT_FORMAT = "escp-connect-alert-receipt/1"
ENROL_PROOF_FORMAT = "escp-connect-enrol/1"
SESSION_PROOF_FORMAT = "escp-connect-session/1"
ROLES = ("auditor", "lead", "reviewer", "admin")
SUBMISSION_STATES = ("receiving", "verified", "rejected")
# A blob is sent in chunks of this size (the last one shorter); each chunk is one request, so a cut
# connection costs at most one chunk, and the server keeps whatever part of it arrived.
CHUNK_BYTES = 8 * 1024 * 1024
# How far a session proof's time may be from the server's clock.
PROOF_WINDOW_S = 300

HEX64 = r"^[0-9a-f]{64}$"
KEY_ID = r"^[0-9a-f]{16}$"
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
AUDIT_TYPE = r"^[A-Za-z]{2,4}$"

Role = Literal["auditor", "lead", "reviewer", "admin"]


class _In(BaseModel):
    """A request body: unknown fields are refused, so a typo is a 422 and not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """Every 4xx answer: one sentence, and the list of problems when there are several."""

    detail: str
    code: str = Field(description="what the client does: resume on offset_mismatch, busy, missing_blobs; "
                                  "stop and show detail on anything else")
    problems: list[str] = []


class DeviceIn(_In):
    key_id: str = Field(pattern=KEY_ID)
    public_key: str = Field(min_length=40, max_length=64, description="base64 of the raw 32-byte Ed25519 key")
    name: str = Field(default="", max_length=200, description="the computer's name, for people")


class EnrolRequest(_In):
    """A laptop registers its device key for the user the enrolment token was issued to. `proof` is the
    device key's signature over `enrol_proof_bytes(token, public_key)`: only the key's holder enrols it."""

    token: str = Field(min_length=16, max_length=200)
    device: DeviceIn
    proof: str = Field(max_length=200)


class SessionRequest(_In):
    """A new session for an enrolled device: `proof` signs `session_proof_bytes(key_id, at)`."""

    key_id: str = Field(pattern=KEY_ID)
    at: str = Field(max_length=40, description="the client's time, ISO 8601 with zone")
    proof: str = Field(max_length=200)


class ServerKey(BaseModel):
    key_id: str
    public_key: str


class UserOut(BaseModel):
    id: str
    login: str
    name: str
    role: Role
    firm_id: str | None = None
    firm_name: str | None = None


class SessionOut(BaseModel):
    session_token: str
    expires_at: datetime
    user: UserOut
    device_key_id: str
    server_key: ServerKey


class AssignmentIn(_In):
    auditor_id: str = Field(max_length=64)
    audit_type: str = Field(pattern=AUDIT_TYPE)
    factory: dict[str, Any] = Field(description="the factory profile: name, name_local, address, country, ...")
    window_start: date
    window_end: date
    previous_audit_id: str | None = Field(default=None, pattern=UUID)
    notes: str = Field(default="", max_length=5000)


class AssignmentOut(BaseModel):
    id: str
    auditor_id: str
    firm_id: str
    audit_type: str
    factory: dict[str, Any]
    window_start: date
    window_end: date
    previous_audit_id: str | None
    previous_cap: list[dict[str, Any]] = Field(default=[], description="the previous audit's NCs and their CAP")
    notes: str
    created_at: datetime


class BlobNeed(BaseModel):
    sha256: str
    size: int
    received: int = Field(description="bytes already received: resume the upload from here")


class SubmissionOut(BaseModel):
    audit_id: str
    state: Literal["receiving", "verified", "rejected"]
    missing: list[BlobNeed] = []
    problems: list[str] = []
    receipt: dict[str, Any] | None = None


class BlobStatus(BaseModel):
    sha256: str
    size: int
    received: int
    complete: bool


class SubmissionSummary(BaseModel):
    audit_id: str
    state: str
    factory_name: str | None
    audit_type: str
    submitted_by: str
    firm_id: str | None
    received_at: datetime
    verified_at: datetime | None


class AlertIn(_In):
    """A Zero Tolerance finding, sent as soon as it is recorded: no worker identities, evidence by hash."""

    audit_id: str = Field(pattern=UUID)
    finding_id: str = Field(pattern=UUID)
    factory_name: str = Field(max_length=500)
    audit_type: str = Field(pattern=AUDIT_TYPE)
    checkpoint_id: str = Field(max_length=20)
    grade: str = Field(max_length=20)
    description: str = Field(max_length=20000)
    evidence: list[Annotated[str, Field(pattern=HEX64)]] = Field(default=[], max_length=1000)
    found_at: datetime


class AlertOut(BaseModel):
    alert_id: str
    received_at: datetime
    receipt: dict[str, Any]


# ---- signed bytes --------------------------------------------------------------------------------

def enrol_proof_bytes(token: str, public_key: str) -> bytes:
    return canonical_bytes({"format": ENROL_PROOF_FORMAT, "token": token, "public_key": public_key})


def session_proof_bytes(key_id: str, at: str) -> bytes:
    return canonical_bytes({"format": SESSION_PROOF_FORMAT, "key_id": key_id, "at": at})


def signed_part(document: dict[str, Any]) -> bytes:
    """What a receipt's signature is over: the receipt less "signature", RFC 8785 canonical JSON."""
    return canonical_bytes({k: v for k, v in document.items() if k != "signature"})


def manifest_digest(manifest: Any) -> str:
    """The identity of a submission's body: SHA-256 of the manifest's canonical JSON."""
    return hashlib.sha256(canonical_bytes(manifest)).hexdigest()


def b64decode(text: Any) -> bytes | None:
    if not isinstance(text, str):
        return None
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def signature_ok(public_key_b64: str, signature_b64: Any, data: bytes) -> bool:
    signature = b64decode(signature_b64)
    return signature is not None and verify_signature(public_key_b64, signature, data)


def receipt_problems(receipt: Any, *, server_key: dict[str, str], audit_id: str, manifest: dict) -> list[str]:
    """[] when `receipt` is the platform's signed receipt for exactly this submission: this audit, this
    manifest, this seal and every member of the package; otherwise what is wrong, as sentences.

    `server_key` is the key the platform named when this laptop enrolled ({"key_id", "public_key"})."""
    if not isinstance(receipt, dict) or receipt.get("format") != RECEIPT_FORMAT:
        return ["the answer is not a Connect receipt"]
    problems = []
    public = server_key.get("public_key", "")
    raw = b64decode(public)
    if raw is None or key_id_of(raw) != server_key.get("key_id") or receipt.get("server_key_id") != server_key.get(
            "key_id"):
        problems.append("the receipt is signed by another key than the platform's this laptop enrolled with")
    elif not signature_ok(public, receipt.get("signature"), signed_part(receipt)):
        problems.append("the receipt's signature does not verify")
    if receipt.get("audit_id") != audit_id:
        problems.append("the receipt is for another audit")
    if receipt.get("manifest_sha256") != manifest_digest(manifest):
        problems.append("the receipt is for another package of this audit")
    if receipt.get("seal") != manifest["audit"].get("seal"):
        problems.append("the receipt names another seal")
    members = sorted(m["sha256"] for m in manifest["members"])
    if sorted(receipt.get("blobs") or []) != members:
        problems.append("the receipt does not list every file of the package")
    return problems


def alert_receipt_problems(receipt: Any, *, server_key: dict[str, str], alert_id: str, body: dict) -> list[str]:
    if not isinstance(receipt, dict) or receipt.get("format") != ALERT_RECEIPT_FORMAT:
        return ["the answer is not a Connect alert receipt"]
    problems = []
    if receipt.get("server_key_id") != server_key.get("key_id") or not signature_ok(
            server_key.get("public_key", ""), receipt.get("signature"), signed_part(receipt)):
        problems.append("the alert receipt's signature does not verify with the platform's key")
    if receipt.get("alert_id") != alert_id or receipt.get("body_sha256") != manifest_digest(body):
        problems.append("the alert receipt is for another alert")
    return problems


# ---- the lead's review (docs/review.md) ------------------------------------------------------------

REVIEW_ENTRIES_MAX = 500


class ReviewEntriesIn(_In):
    """Signed entries (`escp-review-entry/1`, auditor_app.review.records) continuing a review record, in
    order. Entries the platform holds already are skipped, so a lost answer is repaired by sending again."""

    entries: list[dict[str, Any]] = Field(min_length=1, max_length=REVIEW_ENTRIES_MAX)


class ReviewSummary(BaseModel):
    """An audit in review (`thread_id` set), or a submitted audit of a lead's firm not received yet."""

    audit_id: str = Field(description="the revision under review, or the submitted audit to receive")
    thread_id: str | None = Field(description="the review record's id (its first revision); none before receipt")
    state: str | None = Field(description="received, returned, resubmitted, approved, submitted; none before receipt")
    factory_name: str | None
    audit_type: str
    revision: int
    submitted_by: str
    firm_id: str | None
    head_seq: int = Field(description="how many entries the platform holds")
    submitted_at: datetime
    updated_at: datetime | None


class ReviewRecordOut(BaseModel):
    thread_id: str
    firm_id: str | None
    state: str
    under_review: str
    revisions: list[str] = Field(description="the revisions received or resubmitted, in order")
    head_seq: int
    head_hash: str
    entries: list[dict[str, Any]] = Field(description="the entries after `after` (all of them by default)")


class ReviewPosted(ReviewRecordOut):
    added: int = Field(description="how many of the entries sent were new")
