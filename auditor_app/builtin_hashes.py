"""SHA-256 and BLAKE2b from CPython itself, without `hashlib`.

Importing `hashlib` (or `hmac`, `secrets`) loads OpenSSL's libcrypto: ~2.3 ms of every start of the
window (issue 17), which needs only a few hashes of short inputs before the audit list shows (the folder
key's id and labels, the Qt code cache's keys). Evidence and packages, hashed in bulk, keep `hashlib`'s
OpenSSL SHA-256. These are the implementations `hashlib` itself falls back to without OpenSSL; their
module names are CPython's, so any other Python gets `hashlib`'s."""

from __future__ import annotations

try:
    from _sha256 import sha256
except ImportError:  # pragma: no cover - Python 3.12 renamed it
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

__all__ = ["blake2b", "sha256"]
