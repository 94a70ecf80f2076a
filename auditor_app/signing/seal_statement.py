"""The seal statement: what finalizing an audit signs with the device key.

The seal alone is SHA-256 over the audit's canonical document: anyone holding the file can change the
audit and compute a new one. The statement binds the seal to this installation's device key: it
names the audit, its seal, the last event of its log at sealing (so the history up to the seal is
pinned too), the signer and the key, and carries an Ed25519 signature over its own RFC 8785
canonical bytes (all fields but "signature"). Whoever changes the audit can still re-seal it, but
cannot sign the new seal without the device key.

The statement carries its public key, so it proves "signed by the holder of key 3f2a 91c0 …", not who
that is: until keys are registered with the Connect platform, `signer_text` says the key is unregistered.
"""

from __future__ import annotations

import base64
import re
from datetime import datetime, timezone
from typing import Any

from auditor_app.signing.device_key import (
    ED25519_SIGNATURE_BYTES,
    DeviceKey,
    fingerprint_of,
    key_id_of,
    public_key_from_b64,
    verify_signature,
)
from auditor_app.store.canonical import canonical_bytes
from auditor_app.text import printable

FORMAT = "escp-seal-statement/1"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[0-9a-f]{16}")


def make_statement(key: DeviceKey, *, audit_id: str, seal: str, head_seq: int, head_hash: str,
                   signer_name: str, signer_firm: str, signed_at: str) -> dict[str, Any]:
    """The signed statement for a seal, as a JSON-able dict (stored on the audit, exported as is).

    `head_seq`/`head_hash` are the audit's last event when it was sealed; `signed_at` an ISO 8601 time
    with its zone (the store writes "2026-11-19T08:40:00.000Z")."""
    if _parse_time(signed_at) is None:
        raise ValueError(f"signed_at must be an ISO 8601 time with a zone, not {signed_at!r}")
    statement: dict[str, Any] = {
        "format": FORMAT,
        "audit_id": audit_id,
        "seal": seal,
        "event_head": {"seq": head_seq, "hash": head_hash},
        "signer": {"name": signer_name, "firm": signer_firm, "key_id": key.key_id,
                   "public_key": key.public_key_b64},
        "signed_at": signed_at,
    }
    statement["signature"] = base64.b64encode(key.sign(signed_bytes(statement))).decode("ascii")
    return statement


def signed_bytes(statement: dict[str, Any]) -> bytes:
    """What the signature is over: the statement less "signature", as RFC 8785 canonical JSON."""
    return canonical_bytes({k: v for k, v in statement.items() if k != "signature"})


def statement_problems(statement: dict[str, Any], *, audit_id: str, seal: str, events: list[dict]) -> list[str]:
    """[] when `statement` is a well-formed statement about this audit and this seal, whose event head
    is the event of that seq in `events` (the audit's log, as `eventlog.event_fields` dicts) and whose
    signature verifies with its public key; otherwise each problem as a sentence."""
    shape = _shape_problems(statement)
    if shape:
        return shape  # nothing below can be read reliably
    problems: list[str] = []
    if statement["audit_id"] != audit_id:
        problems.append(f"the seal statement is about audit {printable(statement['audit_id'])}, not this audit "
                        f"({audit_id})")
    if statement["seal"] != seal:
        problems.append(f"the seal statement names the seal {_short(statement['seal'])}, but the audit's seal is "
                        f"{_short(seal)}")
    problems += _head_problems(statement["event_head"], events)
    signer = statement["signer"]
    public = signer["public_key"]
    if key_id_of(base64.b64decode(public)) != signer["key_id"]:
        problems.append(f"the seal statement's key id {signer['key_id']} is not the id of the public key it "
                        "carries")
    signature = base64.b64decode(statement["signature"])
    if not verify_signature(public, signature, signed_bytes(statement)):
        problems.append("the seal statement's signature does not match: the audit was changed and re-sealed "
                        "without the device key")
    return problems


def signer_text(statement: dict[str, Any], registered: dict[str, str] | None = None) -> str:
    """"signed by Li Na (Pearl River Assurance), key 3f2a 91c0 …, 2026-11-19 08:40 UTC", plus ", an
    unregistered key" when the key id is not in `registered` (key id -> who it is registered to).

    For display only: it says what the statement claims; `statement_problems` says whether to believe it.
    Text from a statement can come from anyone's machine, so control characters are shown escaped."""
    signer = statement.get("signer") if isinstance(statement, dict) else None
    signer = signer if isinstance(signer, dict) else {}
    name = printable(str(signer.get("name") or "")).strip() or "an unnamed signer"
    firm = printable(str(signer.get("firm") or "")).strip()
    key_id = str(signer.get("key_id") or "")
    parts = [f"signed by {name}" + (f" ({firm})" if firm else "")]
    parts.append(f"key {fingerprint_of(key_id)}" if _KEY_ID.fullmatch(key_id) else "an unreadable key")
    when = _parse_time(statement.get("signed_at")) if isinstance(statement, dict) else None
    if when is not None:
        parts.append(when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    text = ", ".join(parts)
    if key_id not in (registered or {}):
        text += ", an unregistered key"
    return text


def _head_problems(head: dict[str, Any], events: list[dict]) -> list[str]:
    seq, want = head["seq"], head["hash"]
    found = [ev for ev in events if isinstance(ev, dict) and ev.get("seq") == seq]
    if not found:
        return [f"the seal statement names event {seq} as the last before sealing, but the audit's event log "
                f"has no event {seq}"]
    have = found[0].get("hash")
    if have != want:
        return [f"the seal statement's last event before sealing ({seq}, {_short(want)}) is not event {seq} of "
                f"the audit's event log ({_short(str(have))}): the history was changed"]
    return []


def _shape_problems(statement: Any) -> list[str]:
    """Sentences for a statement that is not a well-formed escp-seal-statement/1; [] if it is."""
    if not isinstance(statement, dict) or not statement:
        return ["the audit has no seal statement: its seal is not signed"]
    if statement.get("format") != FORMAT:
        return [f"the seal statement's format is {printable(repr(statement.get('format')))}, not {FORMAT}: "
                "this version of the app cannot check it"]
    problems = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            problems.append(f"the seal statement's {what} is missing or not well formed")

    need(isinstance(statement.get("audit_id"), str) and bool(statement["audit_id"]), "audit id")
    need(isinstance(statement.get("seal"), str) and bool(_HEX64.fullmatch(statement["seal"])), "seal")
    head = statement.get("event_head")
    need(isinstance(head, dict) and _is_int(head.get("seq")) and head["seq"] >= 1
         and isinstance(head.get("hash"), str) and bool(_HEX64.fullmatch(head["hash"])), "event head")
    signer = statement.get("signer")
    signer = signer if isinstance(signer, dict) else {}
    need(isinstance(signer.get("name"), str) and bool(signer["name"].strip()), "signer's name")
    need(isinstance(signer.get("firm"), str), "signer's firm")
    need(isinstance(signer.get("key_id"), str) and bool(_KEY_ID.fullmatch(signer["key_id"])), "key id")
    need(public_key_from_b64(signer.get("public_key")) is not None, "public key")  # type: ignore[arg-type]
    need(_parse_time(statement.get("signed_at")) is not None, "signing time")
    signature = statement.get("signature")
    need(isinstance(signature, str) and _b64_length(signature) == ED25519_SIGNATURE_BYTES, "signature")
    return problems


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _b64_length(text: str) -> int | None:
    try:
        return len(base64.b64decode(text.encode("ascii"), validate=True))
    except (ValueError, UnicodeEncodeError):  # binascii.Error is a ValueError
        return None


def _parse_time(text: Any) -> datetime | None:
    """An ISO 8601 time with a zone ("Z" or an offset); None for anything else."""
    if not isinstance(text, str):
        return None
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _short(digest: str) -> str:
    return f"{printable(digest[:12])}…"
