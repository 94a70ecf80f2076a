"""`builtin_hashes`: CPython's own SHA-256 and BLAKE2b give what hashlib's give, without loading OpenSSL."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from auditor_app.builtin_hashes import blake2b, sha256


def test_the_same_digests_as_hashlib():
    for size in (0, 1, 63, 64, 65, 1000, 100_000):
        data = os.urandom(size)
        assert sha256(data).digest() == hashlib.sha256(data).digest()
        assert blake2b(data, digest_size=20).digest() == hashlib.blake2b(data, digest_size=20).digest()
    grown = sha256(b"escp-")
    grown.update(b"folder")
    assert grown.hexdigest() == hashlib.sha256(b"escp-folder").hexdigest()


def test_importing_them_loads_no_openssl():
    code = "import sys, auditor_app.builtin_hashes; print(sorted({'_hashlib', 'hashlib'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
