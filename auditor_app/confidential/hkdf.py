"""HKDF-SHA256 (RFC 5869) over HMAC-SHA256 (RFC 2104) and CPython's own SHA-256 (`builtin_hashes`): one
derivation for the folder key and the evidence files.

The folder key's labels (the database's, the evidence's) are derived at every start, before the audit
list shows. `cryptography`'s HKDF would load its Rust bindings for that, about 20 ms of processor time,
for what is two HMAC calls; the standard library's `hashlib` and `hmac` load OpenSSL's libcrypto (~2.3 ms;
SQLCipher brings its own copy). Each evidence file's key is derived with it too (`file_cipher`, with the
file's salt). `tests/confidential/test_hkdf.py` proves HKDF equal to `cryptography`'s and HMAC to `hmac`'s,
and checks RFC 5869's and RFC 4231's test vectors."""

from __future__ import annotations

from auditor_app.builtin_hashes import sha256

HASH_BYTES = 32
_BLOCK_BYTES = 64
_INNER = bytes(byte ^ 0x36 for byte in range(256))  # RFC 2104's ipad and opad, as translation tables
_OUTER = bytes(byte ^ 0x5C for byte in range(256))


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    """What `hmac.digest(key, message, "sha256")` gives."""
    if len(key) > _BLOCK_BYTES:
        key = sha256(key).digest()
    key = key.ljust(_BLOCK_BYTES, b"\0")
    inner = sha256(key.translate(_INNER) + message).digest()
    return sha256(key.translate(_OUTER) + inner).digest()


def hkdf_sha256(secret: bytes, info: bytes, length: int, salt: bytes | None = None) -> bytes:
    if not 0 < length <= 255 * HASH_BYTES:
        raise ValueError(f"HKDF-SHA256 gives 1 to {255 * HASH_BYTES} bytes, not {length}")
    pseudorandom = hmac_sha256(salt or bytes(HASH_BYTES), secret)  # extract; no salt is HashLen zeros
    blocks, previous = [], b""
    for counter in range(1, -(-length // HASH_BYTES) + 1):  # expand
        previous = hmac_sha256(pseudorandom, previous + info + bytes([counter]))
        blocks.append(previous)
    return b"".join(blocks)[:length]
