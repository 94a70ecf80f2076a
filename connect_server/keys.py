"""The server's own Ed25519 key: it signs receipts, so a laptop can prove what the platform accepted.

Kept as a PKCS8 PEM file readable only by the server's user (`server-ed25519.pem` in the data
folder), made on first start. Several app servers behind one database share it (the same file or
secret). Laptops learn the public half when they enrol and check every receipt against it.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from auditor_app.signing.atomic_files import create_new
from auditor_app.signing.device_key import key_id_of
from auditor_app.sync.protocol import signed_part


class ServerKey:
    def __init__(self, private: ed25519.Ed25519PrivateKey):
        self._private = private
        raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.public_key = base64.b64encode(raw).decode("ascii")
        self.key_id = key_id_of(raw)

    def sign(self, document: dict[str, Any]) -> dict[str, Any]:
        """`document` with "server_key_id" and "signature" added (over its canonical JSON)."""
        signed = dict(document, server_key_id=self.key_id)
        signed["signature"] = base64.b64encode(self._private.sign(signed_part(signed))).decode("ascii")
        return signed

    def public(self) -> dict[str, str]:
        return {"key_id": self.key_id, "public_key": self.public_key}

    def __repr__(self) -> str:
        return f"ServerKey(key_id={self.key_id!r})"


def load_or_create(path: Path) -> ServerKey:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fresh = ed25519.Ed25519PrivateKey.generate()
        pem = fresh.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
        create_new(path, pem, mode=0o600)  # two first starts at once: one file wins, both read it
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, ed25519.Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return ServerKey(private)
