"""The installation's device key: one Ed25519 key per data folder, made on first use.

It signs what this installation vouches for: the seal statement of a finalized audit, and the
certificate of the key that signs report PDFs. The private half stays on this machine (the OS keyring,
or `keys/device-ed25519.pem` readable only by the user; see `key_store`) and never goes into a
package; the public half travels inside every statement and certificate, and sits in
`keys/device-ed25519.pub` for a lead or support to read.

A key is named by its key id: the first 16 hex characters of SHA-256 over its raw 32-byte public key,
shown to people as its fingerprint in groups of four ("3f2a 91c0 5b7e d204").
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

from auditor_app.paths import DataFolder
from auditor_app.signing import key_store

if TYPE_CHECKING:  # certificates only for the PDF signature; x509 is 20 ms of the window's start (issue 17)
    from cryptography import x509

DEVICE_SLOT = key_store.KeySlot(name="device-ed25519", label="the device key",
                                title="ESCP Field Auditor device key (Ed25519)")
ED25519_PUBLIC_BYTES = 32
ED25519_SIGNATURE_BYTES = 64


class DeviceKey:
    """The device key of one installation: its public identity, and signing with its private half.

    The private key is held inside and only used through `sign` and `sign_certificate`; nothing here
    exports it."""

    def __init__(self, private_key: ed25519.Ed25519PrivateKey, *, stored_in: str = ""):
        self._private = private_key
        self.public_key_raw: bytes = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.key_id: str = key_id_of(self.public_key_raw)
        self.stored_in = stored_in  # "the system keyring" or the key file's path, for reports

    @classmethod
    def generate(cls) -> DeviceKey:
        """A fresh key held in memory only (tests, and "another key" in checks)."""
        return cls(ed25519.Ed25519PrivateKey.generate())

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.key_id)

    @property
    def public_key_b64(self) -> str:
        return base64.b64encode(self.public_key_raw).decode("ascii")

    @property
    def public_key(self) -> ed25519.Ed25519PublicKey:
        return self._private.public_key()

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature of `data`."""
        return self._private.sign(data)

    def sign_certificate(self, builder: x509.CertificateBuilder) -> x509.Certificate:
        """`builder` signed by the device key (Ed25519 takes no separate hash algorithm)."""
        return builder.sign(self._private, None)

    def __repr__(self) -> str:  # never the private key, even in a traceback's locals
        return f"DeviceKey(key_id={self.key_id!r}, stored_in={self.stored_in!r})"


def load_or_create(folder: DataFolder) -> DeviceKey:
    """The data folder's device key; made and stored the first time (see `key_store` for where).

    Raises `UserFacingError` when the key exists but cannot be read; it is never replaced."""
    private, stored_in = key_store.load_or_create(folder, DEVICE_SLOT, ed25519.Ed25519PrivateKey,
                                                  ed25519.Ed25519PrivateKey.generate, id_of=_id_of_public)
    assert isinstance(private, ed25519.Ed25519PrivateKey)  # key_store returns only keys of the kind asked
    return DeviceKey(private, stored_in=stored_in)


def key_id_of(public_key_raw: bytes) -> str:
    return hashlib.sha256(public_key_raw).hexdigest()[:16]


def fingerprint_of(key_id: str) -> str:
    return " ".join(key_id[i:i + 4] for i in range(0, len(key_id), 4))


def public_key_from_b64(public_key_b64: str) -> ed25519.Ed25519PublicKey | None:
    """The Ed25519 public key written as base64 of its raw 32 bytes, or None if it is not one."""
    raw = _b64(public_key_b64)
    if raw is None or len(raw) != ED25519_PUBLIC_BYTES:
        return None
    try:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        return None


def verify_signature(public_key_b64: str, signature: bytes, data: bytes) -> bool:
    """True when `signature` is the Ed25519 signature of `data` by the key `public_key_b64`.

    False for anything else, including a public key or signature that is not well formed: callers
    ask one question ("does it verify?") and word the answer themselves."""
    public = public_key_from_b64(public_key_b64)
    if public is None or not isinstance(signature, bytes) or len(signature) != ED25519_SIGNATURE_BYTES:
        return False
    try:
        public.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def _id_of_public(public: PublicKeyTypes) -> str:
    return key_id_of(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def _b64(text: str) -> bytes | None:
    """Strict base64 (no stray characters): a signature with junk appended is not the same signature."""
    if not isinstance(text, str):
        return None
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
