"""Files encrypted one by one: the layout on disk stays the one documented in `file_cipher` (files already on
auditors' laptops must keep opening), whatever way the bytes are written or read, and any change to the
stored bytes is refused."""

from __future__ import annotations

import io
import os

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from auditor_app.confidential import file_cipher as fc

KEY = bytes(range(32))
SIZES = (0, 1, fc.CHUNK - 1, fc.CHUNK, fc.CHUNK + 1, 3 * fc.CHUNK, 3 * fc.CHUNK + 17)


def reference_decrypt(blob: bytes, key: bytes) -> bytes:
    """The documented layout, read independently: magic, salt, chunks of CHUNK + TAG with nonce = index and
    last flag, the header as associated data, the file key HKDF-derived from the salt."""
    assert blob[:8] == fc.MAGIC
    header = blob[:fc.HEADER]
    aead = AESGCM(HKDF(hashes.SHA256(), 32, salt=header[8:], info=b"escp-file").derive(key))
    body = blob[fc.HEADER:]
    chunks = [body[i:i + fc.CHUNK + fc.TAG] for i in range(0, len(body), fc.CHUNK + fc.TAG)] or [b""]
    return b"".join(aead.decrypt(i.to_bytes(8, "big") + (b"\0\0\0\1" if i == len(chunks) - 1 else b"\0\0\0\0"),
                                 chunk, header) for i, chunk in enumerate(chunks))


def pieces(data: bytes, size: int):
    return [data[i:i + size] for i in range(0, len(data), size)] or [b""]


@pytest.mark.parametrize("size", SIZES)
def test_every_way_of_writing_gives_the_documented_layout(size):
    data = os.urandom(size)
    whole = fc.encrypt_bytes(data, KEY)
    assert len(whole) == fc.sealed_size(size) and fc.plain_size(len(whole)) == size
    assert reference_decrypt(whole, KEY) == data
    for piece in (1000, fc.CHUNK, fc.CHUNK + 5, 10 ** 6):  # pieces smaller, equal and larger than a chunk
        out = io.BytesIO()
        assert fc.write_encrypted(out, pieces(data, piece), KEY) == size
        assert len(out.getvalue()) == len(whole) and reference_decrypt(out.getvalue(), KEY) == data


@pytest.mark.parametrize("size", SIZES)
def test_every_way_of_reading_gives_the_plaintext(size, tmp_path):
    data = os.urandom(size)
    path = tmp_path / "f"
    path.write_bytes(fc.encrypt_bytes(data, KEY))
    assert fc.decrypt_bytes(path.read_bytes(), KEY) == data
    assert fc.read_plain(path, KEY) == data
    assert fc.stored_plain_size(path) == size
    with fc.open_plain(path, KEY) as f:  # seek and small reads across chunk borders
        for at in sorted({0, size // 2, max(size - 3, 0), fc.CHUNK - 2}):
            f.seek(at)
            assert f.read(7) == data[at:at + 7]


def test_any_change_to_the_stored_bytes_is_refused(tmp_path):
    data = os.urandom(2 * fc.CHUNK + 100)
    blob = fc.encrypt_bytes(data, KEY)
    flipped = bytearray(blob)
    flipped[fc.HEADER + fc.CHUNK + 40] ^= 1
    second_chunk = slice(fc.HEADER + fc.CHUNK + fc.TAG, fc.HEADER + 2 * (fc.CHUNK + fc.TAG))
    swapped = bytearray(blob)
    swapped[fc.HEADER:fc.HEADER + fc.CHUNK + fc.TAG], swapped[second_chunk] = blob[second_chunk], \
        blob[fc.HEADER:fc.HEADER + fc.CHUNK + fc.TAG]
    cut = blob[:fc.HEADER + 2 * (fc.CHUNK + fc.TAG)]  # the last chunk dropped: the new last is not flagged last
    for bad in (bytes(flipped), bytes(swapped), cut, blob[:-1]):
        with pytest.raises(fc.Damaged):
            fc.decrypt_bytes(bad, KEY)
        path = tmp_path / "bad"
        path.write_bytes(bad)
        with pytest.raises(fc.Damaged):
            fc.read_plain(path, KEY)
    with pytest.raises(fc.Damaged):
        fc.decrypt_bytes(blob, bytes(32))  # another key
