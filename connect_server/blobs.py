"""Blobs by SHA-256, behind a small interface: a folder by default (one machine), an S3-compatible
bucket when one machine is outgrown (see docs/connect.md; the interface is what such a backend
implements).

An upload arrives in pieces, each appended at the offset the client names, which must be the number
of bytes already received: a cut connection keeps what arrived, and the client resumes from there.
When the last byte is in, the server hashes the whole upload again; only bytes with the SHA-256 they
were sent under become the blob, by one atomic rename. One writer per blob at a time (a file lock, so
several server processes on one folder take turns); a second one is told the blob is busy.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

import portalocker

READ_CHUNK = 1024 * 1024


class Busy(Exception):
    """Another request is writing this blob right now."""


class BlobStore(Protocol):
    """What the server needs from a place to keep blobs."""

    def has(self, sha256: str) -> bool:
        """The complete blob is stored."""
        ...

    def received(self, sha256: str) -> int:
        """Bytes of an unfinished upload of this blob (0 if none)."""
        ...

    def writer(self, sha256: str) -> AbstractContextManager[PartialUpload]:
        """Exclusive access to the unfinished upload of `sha256`; raises `Busy` if it is taken."""
        ...

    def open(self, sha256: str) -> BinaryIO:
        """The complete blob for reading."""
        ...

    def stored(self) -> list[str]:
        """Every complete blob (for checks and tests)."""
        ...


class PartialUpload(Protocol):
    received: int

    def write(self, data: bytes) -> None: ...

    def sync(self) -> None: ...

    def truncate(self, size: int) -> None: ...

    def finish(self) -> bool:
        """Hash what was received; store it as the blob if the hash is its name (True), else discard it."""
        ...


class FolderBlobStore:
    """`<root>/<sha[:2]>/<sha>` for complete blobs, `<root>/partial/<sha>` for uploads in progress."""

    def __init__(self, root: Path):
        self.root = root
        self.partial = root / "partial"
        self.locks = root / "locks"
        for folder in (self.root, self.partial, self.locks):
            folder.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def received(self, sha256: str) -> int:
        try:
            return (self.partial / sha256).stat().st_size
        except FileNotFoundError:
            return 0

    @contextmanager
    def writer(self, sha256: str) -> Iterator[_FolderUpload]:
        lock = portalocker.Lock(self.locks / sha256, mode="a", timeout=0, fail_when_locked=True)
        try:
            lock.acquire()
        except portalocker.AlreadyLocked:
            raise Busy(sha256) from None
        try:
            with open(self.partial / sha256, "ab") as out:
                upload = _FolderUpload(self, sha256, out)
                try:
                    yield upload
                finally:
                    if not out.closed:
                        upload.sync()
        finally:
            lock.release()

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path(sha256), "rb")

    def stored(self) -> list[str]:
        return sorted(p.name for p in self.root.glob("??/*") if p.is_file())


class _FolderUpload:
    def __init__(self, store: FolderBlobStore, sha256: str, out: BinaryIO):
        self.store, self.sha256, self.out = store, sha256, out
        self.received = os.fstat(out.fileno()).st_size
        self._digest: hashlib._Hash | None = hashlib.sha256() if self.received == 0 else None

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.received += len(data)
        if self._digest is not None:  # hashed on the way in when the upload started here at 0
            self._digest.update(data)

    def sync(self) -> None:
        self.out.flush()
        os.fsync(self.out.fileno())

    def truncate(self, size: int) -> None:
        self.out.flush()
        self.out.truncate(size)
        self.received = size
        self._digest = None

    def finish(self) -> bool:
        self.sync()
        partial = self.store.partial / self.sha256
        if self._digest is not None:
            actual = self._digest.hexdigest()
        else:  # resumed (another request wrote the first part): read it all again
            digest = hashlib.sha256()
            with open(partial, "rb") as src:
                while chunk := src.read(READ_CHUNK):
                    digest.update(chunk)
            actual = digest.hexdigest()
        self.out.close()
        if actual != self.sha256:
            partial.unlink(missing_ok=True)
            self.received = 0
            return False
        target = self.store.path(self.sha256)
        target.parent.mkdir(exist_ok=True)
        os.replace(partial, target)
        _fsync_dir(target.parent)
        return True


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
