"""The seal statement: signed by the device key, and every way of tampering with it named."""

from __future__ import annotations

import base64
import copy
import json

import pytest

from auditor_app.package.seal import compute_seal
from auditor_app.signing.device_key import DeviceKey, load_or_create, verify_signature
from auditor_app.signing.seal_statement import (
    FORMAT,
    make_statement,
    signed_bytes,
    signer_text,
    statement_problems,
)
from auditor_app.store.canonical import canonical_bytes, sha256_hex

AUDIT = "6f1c9a52-3b0e-4d6a-9a51-0c2f8e7d4b11"
SIGNED_AT = "2026-11-19T08:40:12.345Z"
BAD_SIGNATURE = ("the seal statement's signature does not match: the audit was changed and re-sealed without "
                 "the device key")


def document(finding_text: str = "Fire exit blocked") -> dict:
    return {"audit": {"id": AUDIT, "factory": "Dongguan Bright Textiles", "state": "finalized"},
            "finding": [{"id": "f1", "audit_id": AUDIT, "text": finding_text}]}


def chain(n: int = 5) -> list[dict]:
    """Event dicts as the event log gives them (only seq and hash matter here)."""
    return [{"audit_id": AUDIT, "seq": seq, "hash": sha256_hex(f"event {seq}".encode())} for seq in range(1, n + 1)]


@pytest.fixture
def key(data_folder):
    return load_or_create(data_folder)


@pytest.fixture
def sealed(key):
    """A finalized audit: its document, events, seal and statement."""
    doc, events = document(), chain()
    seal = compute_seal(doc)
    statement = make_statement(key, audit_id=AUDIT, seal=seal, head_seq=5, head_hash=events[4]["hash"],
                               signer_name="Li Na", signer_firm="Pearl River Assurance", signed_at=SIGNED_AT)
    return doc, events, seal, statement


def problems(statement, seal, events, audit_id=AUDIT):
    return statement_problems(statement, audit_id=audit_id, seal=seal, events=events)


def test_the_statement_is_json_signed_over_its_canonical_bytes(key, sealed):
    _doc, events, seal, statement = sealed
    assert statement == json.loads(json.dumps(statement))  # JSON-able as it is
    assert statement["format"] == FORMAT == "escp-seal-statement/1"
    assert statement["audit_id"] == AUDIT and statement["seal"] == seal
    assert statement["event_head"] == {"seq": 5, "hash": events[4]["hash"]}
    assert statement["signer"] == {"name": "Li Na", "firm": "Pearl River Assurance", "key_id": key.key_id,
                                   "public_key": key.public_key_b64}
    assert statement["signed_at"] == SIGNED_AT
    unsigned = {k: v for k, v in statement.items() if k != "signature"}
    assert signed_bytes(statement) == canonical_bytes(unsigned)
    signature = base64.b64decode(statement["signature"])
    assert len(signature) == 64
    assert verify_signature(key.public_key_b64, signature, canonical_bytes(unsigned))


def test_an_untouched_statement_has_no_problems(sealed):
    _doc, events, seal, statement = sealed
    assert problems(statement, seal, events) == []
    # Events after the seal (submitted, accepted) do not matter: the head is found by its seq.
    assert problems(statement, seal, chain(9)) == []


def test_the_seal_changed(sealed):
    _doc, events, seal, statement = sealed
    other = sha256_hex(b"another seal")
    assert problems(statement, other, events) == [
        f"the seal statement names the seal {seal[:12]}…, but the audit's seal is {other[:12]}…"]


def test_the_signature_changed(sealed):
    _doc, events, seal, statement = sealed
    forged = copy.deepcopy(statement)
    raw = bytearray(base64.b64decode(forged["signature"]))
    raw[10] ^= 0x01
    forged["signature"] = base64.b64encode(bytes(raw)).decode()
    assert problems(forged, seal, events) == [BAD_SIGNATURE]


def test_a_signed_field_changed(sealed):
    _doc, events, seal, statement = sealed
    forged = copy.deepcopy(statement)
    forged["signer"]["name"] = "Someone Else"
    assert problems(forged, seal, events) == [BAD_SIGNATURE]
    forged = copy.deepcopy(statement)
    forged["signed_at"] = "2026-11-20T08:40:12.345Z"
    assert problems(forged, seal, events) == [BAD_SIGNATURE]


def test_the_event_head_differs(sealed):
    _doc, events, seal, statement = sealed
    rewritten = copy.deepcopy(events)
    rewritten[4]["hash"] = sha256_hex(b"a rewritten history")
    assert problems(statement, seal, rewritten) == [
        f"the seal statement's last event before sealing (5, {events[4]['hash'][:12]}…) is not event 5 of the "
        f"audit's event log ({rewritten[4]['hash'][:12]}…): the history was changed"]
    assert problems(statement, seal, chain(3)) == [
        "the seal statement names event 5 as the last before sealing, but the audit's event log has no event 5"]


def test_the_event_head_edited_in_the_statement(sealed):
    _doc, events, seal, statement = sealed
    forged = copy.deepcopy(statement)
    forged["event_head"] = {"seq": 4, "hash": events[3]["hash"]}
    assert problems(forged, seal, events) == [BAD_SIGNATURE]


def test_another_audits_statement(key, sealed):
    _doc, events, seal, statement = sealed
    other_audit = "0d9e8f7a-1111-4222-8333-944455556666"
    assert problems(statement, seal, events, audit_id=other_audit) == [
        f"the seal statement is about audit {AUDIT}, not this audit ({other_audit})"]


def test_the_public_key_swapped_for_another_keys(sealed):
    _doc, events, seal, statement = sealed
    other = DeviceKey.generate()
    forged = copy.deepcopy(statement)
    forged["signer"]["public_key"] = other.public_key_b64
    assert problems(forged, seal, events) == [
        f"the seal statement's key id {statement['signer']['key_id']} is not the id of the public key it carries",
        BAD_SIGNATURE]
    forged["signer"]["key_id"] = other.key_id  # consistent, but still not what signed it
    assert problems(forged, seal, events) == [BAD_SIGNATURE]


def test_a_copy_changed_and_re_sealed_without_the_key(sealed):
    doc, events, seal, statement = sealed
    changed = document("Fire exit clear")  # the finding softened
    new_seal = compute_seal(changed)
    assert new_seal != seal
    # Re-sealed, the old statement left as it was: it names the old seal.
    assert problems(statement, new_seal, events) == [
        f"the seal statement names the seal {seal[:12]}…, but the audit's seal is {new_seal[:12]}…"]
    # Re-sealed, and the statement edited to name the new seal: the signature gives it away.
    forged = copy.deepcopy(statement)
    forged["seal"] = new_seal
    assert problems(forged, new_seal, events) == [BAD_SIGNATURE]


def test_a_copy_re_sealed_and_signed_with_another_key_is_valid_but_unregistered(key, sealed):
    """Nobody can stop someone signing with a key of their own: the statement then names that key,
    and `signer_text` says it is not registered (until Connect registers keys, none is)."""
    _doc, events, seal, statement = sealed
    impostor = DeviceKey.generate()
    forged = make_statement(impostor, audit_id=AUDIT, seal=seal, head_seq=5, head_hash=events[4]["hash"],
                            signer_name="Li Na", signer_firm="Pearl River Assurance", signed_at=SIGNED_AT)
    assert problems(forged, seal, events) == []
    assert impostor.fingerprint in signer_text(forged, {key.key_id: "Li Na"})
    assert signer_text(forged, {key.key_id: "Li Na"}).endswith(", an unregistered key")
    assert not signer_text(statement, {key.key_id: "Li Na"}).endswith(", an unregistered key")


@pytest.mark.parametrize("change, sentence", [
    (lambda s: s.clear(), "the audit has no seal statement: its seal is not signed"),
    (lambda s: s.update(format="escp-seal-statement/2"),
     "the seal statement's format is 'escp-seal-statement/2', not escp-seal-statement/1: this version of the "
     "app cannot check it"),
    (lambda s: s.pop("signature"), "the seal statement's signature is missing or not well formed"),
    (lambda s: s.update(signature="AAAA"), "the seal statement's signature is missing or not well formed"),
    (lambda s: s["signer"].update(public_key="AAAA"), "the seal statement's public key is missing or not well formed"),
    (lambda s: s["event_head"].update(seq="5"), "the seal statement's event head is missing or not well formed"),
    (lambda s: s["event_head"].update(seq=True), "the seal statement's event head is missing or not well formed"),
    (lambda s: s.update(seal="not a digest"), "the seal statement's seal is missing or not well formed"),
    (lambda s: s.update(signed_at="yesterday"), "the seal statement's signing time is missing or not well formed"),
    (lambda s: s.update(signed_at="2026-11-19T08:40:12"),  # no zone
     "the seal statement's signing time is missing or not well formed"),
    (lambda s: s["signer"].update(name=" "), "the seal statement's signer's name is missing or not well formed"),
])
def test_a_statement_that_is_not_well_formed(sealed, change, sentence):
    _doc, events, seal, statement = sealed
    broken = copy.deepcopy(statement)
    change(broken)
    assert problems(broken, seal, events) == [sentence]


def test_make_statement_wants_a_time_with_its_zone(key):
    with pytest.raises(ValueError):
        make_statement(key, audit_id=AUDIT, seal="0" * 64, head_seq=1, head_hash="1" * 64,
                       signer_name="Li Na", signer_firm="", signed_at="2026-11-19 08:40")


def test_signer_text(key, sealed):
    _doc, _events, _seal, statement = sealed
    assert signer_text(statement) == (f"signed by Li Na (Pearl River Assurance), key {key.fingerprint}, "
                                      "2026-11-19 08:40 UTC, an unregistered key")
    assert signer_text(statement, {key.key_id: "Li Na, Pearl River Assurance"}) == (
        f"signed by Li Na (Pearl River Assurance), key {key.fingerprint}, 2026-11-19 08:40 UTC")
    # Shown in UTC whatever offset it was written with; no firm, no brackets.
    other = make_statement(key, audit_id=AUDIT, seal="0" * 64, head_seq=1, head_hash="1" * 64,
                           signer_name="Wang Fang", signer_firm="", signed_at="2026-11-19T16:40:00+08:00")
    assert signer_text(other) == f"signed by Wang Fang, key {key.fingerprint}, 2026-11-19 08:40 UTC, an unregistered key"


def test_signer_text_shows_control_characters_from_a_statement_escaped(key):
    statement = make_statement(key, audit_id=AUDIT, seal="0" * 64, head_seq=1, head_hash="1" * 64,
                               signer_name="Li Na\x1b[2J", signer_firm="Firm\u202e", signed_at=SIGNED_AT)
    text = signer_text(statement)
    assert "\x1b" not in text and "\u202e" not in text and "\\x1b" in text
    assert signer_text({}) == "signed by an unnamed signer, an unreadable key, an unregistered key"
