"""The folder key's HKDF (confidential/hkdf.py, from CPython's SHA-256) gives what `cryptography`'s HKDF
gives, and its HMAC what `hmac` gives: a database or evidence key derived differently would open nothing
made before."""

from __future__ import annotations

import hmac
import os
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from auditor_app.confidential import folder_key
from auditor_app.confidential.hkdf import hkdf_sha256, hmac_sha256


def _reference(secret: bytes, info: bytes, length: int, salt: bytes | None = None) -> bytes:
    return HKDF(hashes.SHA256(), length, salt=salt, info=info).derive(secret)


@pytest.mark.parametrize("length", [1, 16, 31, 32, 33, 64, 100, 255 * 32])
def test_equal_to_cryptography_at_every_length(length):
    for _ in range(5):
        secret, info = os.urandom(32), b"escp-folder:" + os.urandom(8).hex().encode()
        assert hkdf_sha256(secret, info, length) == _reference(secret, info, length)


def test_equal_to_cryptography_with_a_salt():
    # Each evidence file's key: the folder's evidence key, the file's random 16-byte salt (file_cipher).
    for salt in (os.urandom(16), os.urandom(16), b"\x00" * 16, os.urandom(64), os.urandom(65), os.urandom(200)):
        secret = os.urandom(32)
        assert hkdf_sha256(secret, b"escp-file", 32, salt=salt) == _reference(secret, b"escp-file", 32, salt)


def test_rfc_5869_test_case_3():  # SHA-256, zero-length salt and info
    okm = hkdf_sha256(bytes([0x0B] * 22), b"", 42)
    assert okm.hex() == ("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f"
                         "3c738d2d9d201395faa4b61a96c8")


def test_the_folder_keys_labels_are_derived_as_before():
    key = folder_key.FolderKey(os.urandom(32), "file", "id")
    for label in ("sqlcipher", "evidence", "derived"):
        assert key.derive(label) == _reference(key.secret, b"escp-folder:" + label.encode(), 32)
    assert key.database_key == "x'" + _reference(key.secret, b"escp-folder:sqlcipher", 32).hex() + "'"


@pytest.mark.parametrize("length", [0, -1, 255 * 32 + 1])
def test_refuses_a_length_hkdf_cannot_give(length):
    with pytest.raises(ValueError, match="HKDF-SHA256 gives 1 to 8160 bytes"):
        hkdf_sha256(b"secret", b"info", length)


@pytest.mark.parametrize("key_bytes", [0, 1, 31, 32, 63, 64, 65, 100, 131, 1000])
def test_hmac_equal_to_the_standard_library_s(key_bytes):
    for message_bytes in (0, 1, 55, 56, 64, 1000):
        key, message = os.urandom(key_bytes), os.urandom(message_bytes)
        assert hmac_sha256(key, message) == hmac.digest(key, message, "sha256")


@pytest.mark.parametrize(("key", "data", "mac"), [
    (bytes([0x0B] * 20), b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (bytes([0xAA] * 131), b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
])
def test_rfc_4231_test_cases_1_2_and_6(key, data, mac):
    assert hmac_sha256(key, data).hex() == mac


def test_deriving_loads_no_openssl():
    # OpenSSL's libcrypto (through hashlib or hmac) would cost every start ~2.3 ms; SQLCipher has its own.
    code = ("import sys; from auditor_app.confidential import folder_key; "
            "folder_key.FolderKey(bytes(32), 'file', 'id').database_key; "
            "print(sorted({'_hashlib', 'hashlib', 'hmac', 'secrets'} & set(sys.modules)))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
