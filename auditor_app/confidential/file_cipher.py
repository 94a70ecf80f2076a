"""Files encrypted one by one (evidence originals, derived copies): AES-256-GCM in chunks, so a 200 MB
video never sits in memory and a reader can seek (a resumed upload starts mid-file).

Layout: `ESCPENC1` (8 bytes), a random 16-byte salt, then chunks of at most 64 KiB of plaintext, each
sealed with its own 16-byte tag. The file's key is HKDF-SHA256(folder's evidence key, salt); chunk i's
nonce is i (8 bytes, big-endian) and a last-chunk flag (4 bytes), the header is authenticated with
every chunk (the STREAM construction of age and Tink): chunks cannot be reordered, dropped, cut off
or moved to another file without the tag failing. The file's name stays the SHA-256 of the plaintext
(content addressing is unchanged); the plaintext size follows from the file's size.

A file without the magic is a plaintext file from before encryption (read as it is, converted at start).
"""

from __future__ import annotations

import io
import os
import secrets
from functools import lru_cache
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from auditor_app.confidential.hkdf import hkdf_sha256

MAGIC = b"ESCPENC1"
SALT = 16
HEADER = len(MAGIC) + SALT
CHUNK = 64 * 1024
TAG = 16


class Damaged(OSError):
    """The file's bytes do not decrypt: damaged on disk, or encrypted under another key."""


def _aead(key: bytes, header: bytes) -> AESGCM:
    return _file_aead(key, bytes(header[len(MAGIC):HEADER]))


@lru_cache(maxsize=4096)
def _file_aead(key: bytes, salt: bytes) -> AESGCM:
    """A file's cipher, kept for the files read again (the Evidence page's thumbnails at each refresh):
    the key derivation costs as much as decrypting a thumbnail. Salts are random per file, so a new
    file never meets another's entry."""
    return AESGCM(hkdf_sha256(key, b"escp-file", 32, salt=salt))


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(8, "big") + (b"\0\0\0\1" if last else b"\0\0\0\0")


def is_encrypted(head: bytes) -> bool:
    return head[:len(MAGIC)] == MAGIC


def plain_size(stored_size: int) -> int:
    body = stored_size - HEADER
    if body < TAG:
        raise Damaged("too short to be an encrypted file")
    chunks = max(1, -(-body // (CHUNK + TAG)))
    return body - chunks * TAG


class _Sealer:
    """Seals one file's chunks in order into one reused buffer (`encrypt_into`): a fresh 64 KiB bytes
    object per chunk cost three times the cipher itself (new memory, page faults) on a 4 MB photo."""

    def __init__(self, key: bytes):
        self.header = MAGIC + secrets.token_bytes(SALT)
        self._aead = _aead(key, self.header)
        self._out = bytearray(CHUNK + TAG)
        self._index = 0

    def seal(self, plain, last: bool) -> memoryview:
        """The sealed chunk, valid until the next call (write it out first)."""
        sealed = memoryview(self._out)[:len(plain) + TAG]  # encrypt_into wants the exact size
        self._aead.encrypt_into(_nonce(self._index, last), plain, self.header, sealed)
        self._index += 1
        return sealed


def sealed_size(plain: int) -> int:
    """The stored size of a file of `plain` bytes."""
    return HEADER + plain + max(1, -(-plain // CHUNK)) * TAG


def encrypt_bytes(data: bytes, key: bytes) -> bytes:
    out = io.BytesIO()
    write_encrypted(out, (data,), key)
    return out.getvalue()


def decrypt_bytes(blob: bytes, key: bytes) -> bytes:
    """The plaintext of a whole encrypted file held in memory (small files: thumbnails, drafts), in one
    pass with no file reads; `Damaged` when it is not one or does not decrypt."""
    header = blob[:HEADER]
    if len(header) != HEADER or not is_encrypted(header):
        raise Damaged("not an encrypted file")
    aead = _aead(key, header)
    size = plain_size(len(blob))
    chunks = max(1, -(-size // CHUNK))
    view = memoryview(blob)
    if chunks == 1:  # a thumbnail, a draft: one chunk, decrypted straight into its bytes
        try:
            return aead.decrypt(_nonce(0, True), view[HEADER:], header)
        except InvalidTag:
            raise Damaged("damaged, or encrypted under another key") from None
    out = bytearray(size)
    for index in range(chunks):
        start = HEADER + index * (CHUNK + TAG)
        sealed = view[start:start + CHUNK + TAG]
        try:
            aead.decrypt_into(_nonce(index, index == chunks - 1), sealed, header,
                              memoryview(out)[index * CHUNK:index * CHUNK + len(sealed) - TAG])
        except InvalidTag:
            raise Damaged("damaged, or encrypted under another key") from None
    return bytes(out)


def write_encrypted(out: BinaryIO, pieces: Iterable[bytes], key: bytes) -> int:
    """Write the encrypted form of `pieces` to `out`; returns the plaintext size."""
    writer = EncryptingWriter(out, key)
    for piece in pieces:
        writer.write(piece)
    writer.finish()
    return writer.size


class EncryptingWriter:
    """A file-like sink (`write`) that writes the encrypted form to `out`; `finish()` seals the last chunk.
    One chunk is always held back: only the last one is flagged last."""

    def __init__(self, out: BinaryIO, key: bytes):
        self._out = out
        self._sealer = _Sealer(key)
        self._pending = bytearray()
        self.size = 0
        out.write(self._sealer.header)

    def write(self, data) -> int:
        view = memoryview(data).cast("B")
        self.size += len(view)
        if self._pending:  # top up the held-back chunk first
            take = min(CHUNK - len(self._pending), len(view))
            self._pending += view[:take]
            view = view[take:]
            if not view:
                return len(data)
            self._out.write(self._sealer.seal(self._pending, False))
            self._pending.clear()
        start = 0
        while len(view) - start > CHUNK:
            self._out.write(self._sealer.seal(view[start:start + CHUNK], False))
            start += CHUNK
        self._pending += view[start:]
        return len(data)

    def finish(self) -> None:
        self._out.write(self._sealer.seal(self._pending, True))
        self._pending.clear()


class DecryptingReader(io.RawIOBase):
    """The plaintext of an encrypted file: read, seek, tell; one chunk decrypted at a time."""

    def __init__(self, path: str | os.PathLike, key: bytes):
        self._f = open(path, "rb")
        try:
            self._header = self._f.read(HEADER)
            if not is_encrypted(self._header) or len(self._header) != HEADER:
                raise Damaged(f"{path}: not an encrypted file")
            self._size = plain_size(os.fstat(self._f.fileno()).st_size)
            self._aead = _aead(key, self._header)
        except BaseException:
            self._f.close()
            raise
        self._chunks = max(1, -(-self._size // CHUNK))
        self._pos = 0
        self._sealed = bytearray(CHUNK + TAG)
        self._plain = bytearray(CHUNK)
        self._cached: int | None = None
        self._length = 0

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def _chunk(self, index: int) -> memoryview:
        """Chunk `index`'s plaintext, in a buffer reused by the next chunk (and the one cached)."""
        if self._cached != index:
            self._cached = None
            self._f.seek(HEADER + index * (CHUNK + TAG))
            got = self._f.readinto(self._sealed)
            length = max(got - TAG, 0)
            try:
                self._aead.decrypt_into(_nonce(index, index == self._chunks - 1), memoryview(self._sealed)[:got],
                                        self._header, memoryview(self._plain)[:length])
            except InvalidTag:
                raise Damaged(f"{self._f.name}: damaged, or encrypted under another key") from None
            self._cached, self._length = index, length
        return memoryview(self._plain)[:self._length]

    def readinto(self, buffer) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._pos < self._size:
            index, at = divmod(self._pos, CHUNK)
            piece = self._chunk(index)[at:at + len(view) - done]
            view[done:done + len(piece)] = piece
            done += len(piece)
            self._pos += len(piece)
        return done

    def readall(self) -> bytes:
        out = bytearray(max(self._size - self._pos, 0))
        self.readinto(out)
        if self._size == 0:
            self._chunk(0)  # an empty file still has its authenticated last chunk
        return bytes(out)

    def close(self) -> None:
        self._f.close()
        super().close()


def open_plain(path: str | os.PathLike, key: bytes) -> io.BufferedReader:
    """A reader of the file's plaintext, whether it is encrypted or (from before encryption) plain."""
    with open(path, "rb") as f:
        head = f.read(len(MAGIC))
    if is_encrypted(head):
        return io.BufferedReader(DecryptingReader(path, key), buffer_size=CHUNK)
    return open(path, "rb")


def read_plain(path: str | os.PathLike, key: bytes) -> bytes:
    with open_plain(path, key) as f:
        return f.read()


def stored_plain_size(path: Path) -> int:
    """The plaintext size of a stored file (encrypted or not), from its size and first bytes."""
    with open(path, "rb") as f:
        head = f.read(len(MAGIC))
        size = os.fstat(f.fileno()).st_size
    return plain_size(size) if is_encrypted(head) else size
