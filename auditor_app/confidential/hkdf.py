"""HKDF-SHA256 (RFC 5869) from the standard library's HMAC: one derivation for the folder key and the
evidence files.

The folder key's labels (the database's, the evidence's) are derived at every start, before the audit
list shows. `cryptography`'s HKDF would load its Rust bindings for that, about 20 ms of processor time,
for what is two HMAC calls. Each evidence file's key is derived with it too (`file_cipher`, with the
file's salt). `tests/confidential/test_hkdf.py` proves it equal to `cryptography`'s, and checks RFC
5869's own test vector."""

from __future__ import annotations

import hashlib
import hmac

HASH_BYTES = hashlib.sha256().digest_size


def hkdf_sha256(secret: bytes, info: bytes, length: int, salt: bytes | None = None) -> bytes:
    if not 0 < length <= 255 * HASH_BYTES:
        raise ValueError(f"HKDF-SHA256 gives 1 to {255 * HASH_BYTES} bytes, not {length}")
    pseudorandom = hmac.digest(salt or bytes(HASH_BYTES), secret, "sha256")  # extract; no salt is HashLen zeros
    blocks, previous = [], b""
    for counter in range(1, -(-length // HASH_BYTES) + 1):  # expand
        previous = hmac.digest(pseudorandom, previous + info + bytes([counter]), "sha256")
        blocks.append(previous)
    return b"".join(blocks)[:length]
