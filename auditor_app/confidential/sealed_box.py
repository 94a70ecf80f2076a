"""Encrypting to several public keys at once, age-style.

One random content key encrypts the body (ChaCha20-Poly1305); for each recipient an ephemeral
X25519 key agreement gives a wrap key (HKDF-SHA256 over the shared secret and both public keys)
that encrypts the content key. Anyone holding one recipient's private key opens the body; nobody
else learns more than its size. The audit id is bound to the body as associated data.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from auditor_app.confidential.recipients import PrivateKey, Recipient

BOX_FORMAT = "escp-sealed/1"
_ZERO_NONCE = b"\0" * 12  # each wrap key is used once


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _wrap_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=ephemeral + recipient, info=b"escp sealed v1 wrap").derive(shared)


def seal(body: bytes, to: list[Recipient], audit_id: str) -> dict:
    content_key = ChaCha20Poly1305.generate_key()
    stanzas = []
    for r in to:
        eph = X25519PrivateKey.generate()
        eph_pub = eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        shared = eph.exchange(X25519PublicKey.from_public_bytes(r.public))
        wrapped = ChaCha20Poly1305(_wrap_key(shared, eph_pub, r.public)).encrypt(_ZERO_NONCE, content_key, None)
        stanzas.append({"key_id": r.key_id, "label": r.label, "role": r.role,
                        "ephemeral": _b64(eph_pub), "wrapped_key": _b64(wrapped)})
    nonce = os.urandom(12)
    ciphertext = ChaCha20Poly1305(content_key).encrypt(nonce, body, audit_id.encode("ascii"))
    return {"format": BOX_FORMAT, "audit_id": audit_id, "recipients": stanzas,
            "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}


class NotForThisKey(ValueError):
    """The box was not sealed to this key (or was altered)."""


def open_box(box: dict, key: PrivateKey) -> bytes:
    own = key.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    try:
        for stanza in box["recipients"]:
            if stanza["key_id"] != key.key_id:
                continue
            eph_pub = base64.b64decode(stanza["ephemeral"], validate=True)
            shared = key.key.exchange(X25519PublicKey.from_public_bytes(eph_pub))
            content_key = ChaCha20Poly1305(_wrap_key(shared, eph_pub, own)).decrypt(
                _ZERO_NONCE, base64.b64decode(stanza["wrapped_key"], validate=True), None)
            return ChaCha20Poly1305(content_key).decrypt(base64.b64decode(box["nonce"], validate=True),
                                                         base64.b64decode(box["ciphertext"], validate=True),
                                                         str(box["audit_id"]).encode("ascii"))
    except (KeyError, TypeError, ValueError, InvalidTag) as exc:
        raise NotForThisKey(f"the sealed part does not open with this key ({type(exc).__name__})") from None
    labels = ", ".join(f"{s.get('label')} ({s.get('role')})" for s in box.get("recipients", []))
    raise NotForThisKey(f"the sealed part is not sealed to this key; it is sealed to {labels or 'nobody'}")


def box_problems(box: object) -> list[str]:
    """[] when `box` has the shape of a sealed part (checked without any key)."""
    if not isinstance(box, dict) or box.get("format") != BOX_FORMAT:
        return [f"not a sealed part ({BOX_FORMAT})"]
    problems = []
    stanzas = box.get("recipients")
    if not isinstance(stanzas, list) or not stanzas:
        problems.append("it names no recipient")
    else:
        for s in stanzas:
            if not isinstance(s, dict) or not all(isinstance(s.get(k), str) for k in
                                                  ("key_id", "label", "role", "ephemeral", "wrapped_key")):
                problems.append("a recipient entry is incomplete")
                break
    for key in ("nonce", "ciphertext", "audit_id"):
        if not isinstance(box.get(key), str):
            problems.append(f"{key} is missing")
    return problems
