"""The review record: signed entries in a hash chain, kept apart from the audit.

A review is not audit content: comments and decisions never change an audit's rows, its event chain
or its seal. They are entries of their own record (one per audit under review, across its
revisions: the thread), each of them

- **pinned to the revision it concerns**: the audit id, its revision, its seal and who sealed it
  (the key id and name of its seal statement), so an entry cannot be moved onto another audit;
- **chained**: `prev_hash` is the hash of the entry before it (64 zeros for the first), so none can
  be removed, reordered or changed without breaking the chain;
- **signed** with the author's device key (`signing.device_key`): the Ed25519 signature over the
  entry's RFC 8785 canonical bytes (all fields but `hash` and `signature`), whose SHA-256 is `hash`.

`chain_problems` checks a whole record without any store: the chain, each signature, the state
machine (`states`), and the rules of who may write what. An auditor cannot approve its own audit:
an approval (or a submission) signed by the key that sealed the revision, or in the name of its
signer, is refused wherever it is checked.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from typing import Any

from auditor_app.review.states import KINDS, OPENS_REVISION, ReviewStateError, next_state, replay
from auditor_app.signing.device_key import DeviceKey, key_id_of, public_key_from_b64, verify_signature
from auditor_app.store.canonical import canonical_bytes, sha256_hex
from auditor_app.text import printable

FORMAT = "escp-review-entry/1"
GENESIS = "0" * 64
TARGET_KINDS = ("audit", "finding", "cap_item", "interview", "evidence", "field")
MAX_TEXT = 20_000
MAX_NAME = 200
_HEX64 = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_UTC = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")
KEYS = ("format", "id", "thread_id", "seq", "kind", "audit", "target", "reply_to", "text", "author", "at",
        "prev_hash", "hash", "signature")


class SelfApproval(ReviewStateError):
    """The key (or the person) that sealed the audit tried to approve it."""


def audit_pin(audit_row: dict[str, Any]) -> dict[str, Any]:
    """What an entry says about the revision it concerns, from the audit row of its document."""
    statement = audit_row.get("seal_statement") or {}
    signer = statement.get("signer") if isinstance(statement, dict) else None
    signer = signer if isinstance(signer, dict) else {}
    return {"id": audit_row["id"], "revision": audit_row["revision"], "seal": audit_row.get("seal") or "",
            "supersedes": audit_row.get("supersedes_id"),
            "sealed_by": {"key_id": str(signer.get("key_id") or ""), "name": str(signer.get("name") or "")}}


def signed_bytes(entry: dict[str, Any]) -> bytes:
    return canonical_bytes({k: v for k, v in entry.items() if k not in ("hash", "signature")})


def make_entry(key: DeviceKey, *, entry_id: str, thread_id: str, seq: int, prev_hash: str, kind: str,
               audit_row: dict[str, Any], author_name: str, author_firm: str, at: str, text: str = "",
               target: dict[str, str] | None = None, reply_to: str | None = None) -> dict[str, Any]:
    """One entry, hashed and signed with `key`. `audit_row`: the audit row of the revision concerned."""
    entry: dict[str, Any] = {
        "format": FORMAT, "id": entry_id, "thread_id": thread_id, "seq": seq, "kind": kind,
        "audit": audit_pin(audit_row), "target": target, "reply_to": reply_to, "text": text,
        "author": {"name": author_name, "firm": author_firm, "key_id": key.key_id, "public_key": key.public_key_b64},
        "at": at, "prev_hash": prev_hash,
    }
    data = signed_bytes(entry)
    entry["hash"] = sha256_hex(data)
    entry["signature"] = base64.b64encode(key.sign(data)).decode("ascii")
    problems = entry_problems(entry)
    if problems:  # our own entry must pass our own check
        raise ValueError(f"built an invalid review entry: {problems}")
    return entry


def state_of(entries: list[dict]) -> str | None:
    """The review's state after these entries (checked ones: `chain_problems`)."""
    return replay(entry["kind"] for entry in entries)


def under_review(entries: list[dict]) -> str | None:
    """The id of the revision under review: the last one received or resubmitted."""
    for entry in reversed(entries):
        if entry["kind"] in OPENS_REVISION:
            return entry["audit"]["id"]
    return None


def same_person(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def is_self_approval(entry: dict[str, Any]) -> bool:
    """An approval or submission by the installation or the person that sealed the revision."""
    if entry["kind"] not in ("approve", "submit"):
        return False
    sealer = entry["audit"]["sealed_by"]
    return entry["author"]["key_id"] == sealer["key_id"] or same_person(entry["author"]["name"], sealer["name"])


def entry_problems(entry: Any) -> list[str]:
    """[] when `entry` is a well-formed entry whose hash and signature hold; else each problem."""
    shape = _shape_problems(entry)
    if shape:
        return shape
    where = f"review entry {entry['seq']}"
    problems = []
    author = entry["author"]
    if key_id_of(base64.b64decode(author["public_key"])) != author["key_id"]:
        problems.append(f"{where}: its key id is not the id of the public key it carries")
    data = signed_bytes(entry)
    if sha256_hex(data) != entry["hash"]:
        problems.append(f"{where} ({entry['kind']}) was altered: hash mismatch")
    if not verify_signature(author["public_key"], base64.b64decode(entry["signature"]), data):
        problems.append(f"{where} ({entry['kind']}): the signature does not match its content and key")
    return problems


def chain_problems(entries: list[Any]) -> list[str]:
    """[] when `entries` (in seq order) are one intact, signed review record that the state machine
    and the rules of authorship accept; else every problem found (the first misfit stops the replay)."""
    problems: list[str] = []
    for entry in entries:
        problems += entry_problems(entry)
    if problems:
        return problems
    prev, state, current = GENESIS, None, None
    seen: dict[str, dict] = {}
    thread = entries[0]["thread_id"] if entries else None
    for number, entry in enumerate(entries, start=1):
        where = f"review entry {entry['seq']} ({entry['kind']})"
        if entry["seq"] != number:
            return problems + [f"review entry {number} is missing (found entry {entry['seq']} in its place)"]
        if entry["prev_hash"] != prev:
            problems.append(f"{where} does not link to the entry before it")
        if entry["thread_id"] != thread:
            problems.append(f"{where} belongs to another review record")
        if entry["id"] in seen:
            problems.append(f"{where} repeats the id of entry {seen[entry['id']]['seq']}")
        rule = _rule_problem(entry, current, seen)
        if rule:
            problems.append(f"{where}: {rule}")
        try:
            state = next_state(state, entry["kind"])
        except ReviewStateError as exc:
            return problems + [f"{where}: {exc.message}"]
        if entry["kind"] in OPENS_REVISION:
            current = entry["audit"]
        seen[entry["id"]] = entry
        prev = entry["hash"]
    return problems


def _rule_problem(entry: dict, current: dict | None, seen: dict[str, dict]) -> str | None:
    kind, audit = entry["kind"], entry["audit"]
    if is_self_approval(entry):
        return "an auditor cannot approve its own audit: signed by the key or in the name of who sealed it"
    if kind == "resubmit":
        if entry["author"]["key_id"] != audit["sealed_by"]["key_id"]:
            return "a revision is resubmitted by the installation that sealed it"
        if current is not None and audit["supersedes"] != current["id"]:
            return f"revision {audit['id']} does not supersede the audit under review ({current['id']})"
    elif kind != "receive" and current is not None and audit != current:
        return f"concerns audit {audit['id']} (revision {audit['revision']}), not the one under review"
    if kind in OPENS_REVISION and not audit["seal"]:
        return "only a sealed audit is reviewed"
    if kind == "comment" and entry["target"] is None:
        return "a comment names what it is about"
    if kind in ("comment", "answer") and not entry["text"].strip():
        return "a comment or an answer has text"
    if kind == "answer":
        replied = seen.get(entry["reply_to"] or "")
        if replied is None or replied["kind"] != "comment":
            return "an answer replies to a comment made before it"
    elif entry["reply_to"] is not None and entry["reply_to"] not in seen:
        return "replies to an entry that is not before it"
    return None


def _shape_problems(entry: Any) -> list[str]:
    if not isinstance(entry, dict):
        return ["a review entry is not a JSON object"]
    seq = entry.get("seq")
    where = f"review entry {seq}" if isinstance(seq, int) and not isinstance(seq, bool) else "a review entry"
    if entry.get("format") != FORMAT:
        return [f"{where}: format is {printable(repr(entry.get('format')))[:60]}, not {FORMAT}"]
    if set(entry) != set(KEYS):
        return [f"{where}: fields are not {sorted(KEYS)}"]
    problems = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            problems.append(f"{where}: its {what} is missing or not well formed")

    need(isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1, "number")
    need(_is(entry["id"], _UUID), "id")
    need(_is(entry["thread_id"], _UUID), "review record id")
    need(entry["kind"] in KINDS, "kind")
    need(_audit_ok(entry["audit"]), "audit")
    need(_target_ok(entry["target"]), "target")
    need(entry["reply_to"] is None or _is(entry["reply_to"], _UUID), "reply")
    need(isinstance(entry["text"], str) and len(entry["text"]) <= MAX_TEXT, "text")
    author = entry["author"]
    need(isinstance(author, dict) and set(author) == {"name", "firm", "key_id", "public_key"}
         and _text(author.get("name"), MAX_NAME) and bool(author["name"].strip())
         and _text(author.get("firm"), MAX_NAME) and _is(author.get("key_id"), _KEY_ID)
         and public_key_from_b64(author.get("public_key")) is not None, "author")  # type: ignore[arg-type]
    need(_is(entry["at"], _UTC) and _time_ok(entry["at"]), "time")
    need(_is(entry["prev_hash"], _HEX64), "link to the entry before")
    need(_is(entry["hash"], _HEX64), "hash")
    need(_signature_ok(entry["signature"]), "signature")
    return problems


def _is(value: Any, pattern: re.Pattern) -> bool:
    return isinstance(value, str) and bool(pattern.fullmatch(value))


def _text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _audit_ok(audit: Any) -> bool:
    if not isinstance(audit, dict) or set(audit) != {"id", "revision", "seal", "supersedes", "sealed_by"}:
        return False
    sealer = audit["sealed_by"]
    return (_is(audit["id"], _UUID) and isinstance(audit["revision"], int) and not isinstance(audit["revision"], bool)
            and (audit["seal"] == "" or _is(audit["seal"], _HEX64))
            and (audit["supersedes"] is None or _is(audit["supersedes"], _UUID))
            and isinstance(sealer, dict) and set(sealer) == {"key_id", "name"}
            and (sealer["key_id"] == "" or _is(sealer["key_id"], _KEY_ID)) and _text(sealer["name"], MAX_NAME))


def _target_ok(target: Any) -> bool:
    if target is None:
        return True
    return (isinstance(target, dict) and set(target) == {"kind", "id", "label"} and target["kind"] in TARGET_KINDS
            and _text(target["id"], 300) and bool(target["id"]) and _text(target["label"], 300))


def _time_ok(text: str) -> bool:
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _signature_ok(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return len(base64.b64decode(value.encode("ascii"), validate=True)) == 64
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return False
