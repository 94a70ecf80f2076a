"""Derived copies of the photos, encrypted at rest like the originals: `derived/<kind>/<name>`.

The display copy and thumbnail (`images.make_derived`), the camera's preview (`camera_preview`) and
the report's print-size copies (`reports.photos`) show the pictures, so a copied disk must not: each
is written whole through `file_cipher` (AES-256-GCM, under a key derived from the data folder's key)
and read back as bytes in memory, never as a plaintext file. Readers take bytes (Pillow, QImage and
ReportLab read from memory); nothing outside this module opens these files.

They are a cache, rebuilt from the original: written atomically (temp file in incoming/, renamed) but
not fsynced, and a file that is missing, empty or does not decrypt (damaged, or a plaintext copy an
earlier version left) reads as None, so the caller makes it again, encrypted.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from auditor_app.confidential import file_cipher
from auditor_app.paths import DataFolder

DISPLAY, THUMBS, PREVIEWS, PDF = "display", "thumbs", "previews", "pdf"
KINDS = (DISPLAY, THUMBS, PREVIEWS, PDF)
KEY_LABEL = "derived"
DONE_NOTE = ".derived-encrypted-v1"


class DerivedFiles:
    """One kind of derived copy of a data folder (display copies, thumbnails, previews, PDF copies)."""

    def __init__(self, folder: DataFolder, kind: str):
        if kind not in KINDS:
            raise ValueError(f"not a kind of derived copy: {kind!r}")
        self.folder = folder
        self.kind = kind
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        if self._key is None:
            from auditor_app.confidential import folder_key  # unlocked once per process (Store does it)

            self._key = folder_key.unlock(self.folder).derive(KEY_LABEL)
        return self._key

    def path(self, name: str) -> Path:
        """Where the encrypted file is: for existence and housekeeping, never to read it."""
        if not name or "/" in name or "\\" in name or name.startswith("."):
            raise ValueError(f"not a derived copy's name: {name!r}")
        return self.folder.derived / self.kind / name

    def read(self, name: str) -> bytes | None:
        """The copy's bytes, or None when there is no usable one (make it again). Copies are small
        (a thumbnail ~15 KB, a display copy ~300 KB): read whole and decrypted in memory in one pass."""
        try:
            return file_cipher.decrypt_bytes(self.path(name).read_bytes(), self.key) or None
        except (FileNotFoundError, file_cipher.Damaged):
            return None

    def has(self, name: str) -> bool:
        """A non-empty file is there (its bytes are checked only when read)."""
        try:
            return self.path(name).stat().st_size > 0
        except FileNotFoundError:
            return False

    def write(self, name: str, data: bytes) -> None:
        """Encrypt and rename into place (a cache: not fsynced)."""
        dest = self.path(name)
        dest.parent.mkdir(parents=True, exist_ok=True)
        _write_encrypted(self.folder, dest, data, self.key)

    def remove(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)


def _write_encrypted(folder: DataFolder, dest: Path, data: bytes, key: bytes) -> None:
    folder.incoming.mkdir(parents=True, exist_ok=True)
    tmp = folder.incoming / f"derived-{uuid.uuid4().hex}.part"
    try:
        with open(tmp, "xb") as out:
            file_cipher.write_encrypted(out, (data,), key)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def encrypt_plaintext_derived(folder: DataFolder) -> int:
    """Encrypt the derived copies an earlier version wrote in the clear (a data folder's first start with
    encryption), so old audits need not be decoded again; returns how many. Each is renamed over by its
    encrypted twin, its old bytes overwritten first (best effort on SSDs). A note
    in the data folder says it is done, so later starts do not read every file's first bytes."""
    done_note = folder.root / DONE_NOTE
    if done_note.exists():
        return 0
    converted = 0
    for kind in KINDS:
        files = DerivedFiles(folder, kind)
        place = folder.derived / kind
        for path in sorted(place.iterdir()) if place.is_dir() else []:
            if not path.is_file() or path.name.startswith("."):
                continue
            with open(path, "rb") as f:
                head = f.read(len(file_cipher.MAGIC))
                if file_cipher.is_encrypted(head):
                    continue
                data = head + f.read()
            # Encrypted beside it, the plaintext's bytes zeroed in place, then renamed over: a crash in
            # between leaves zeros, which read as no copy (made again), never the picture.
            folder.incoming.mkdir(parents=True, exist_ok=True)
            tmp = folder.incoming / f"derived-{uuid.uuid4().hex}.part"
            try:
                with open(tmp, "xb") as out:
                    file_cipher.write_encrypted(out, (data,), files.key)
                _zero(path)
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            converted += 1
    if folder.root.is_dir():
        done_note.write_bytes(b"")
    return converted


def _zero(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.write(b"\0" * size)
        f.flush()
        os.fsync(f.fileno())
