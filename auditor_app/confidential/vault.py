"""The confidential values of each audit, encrypted with the audit's own key.

`<data folder>/confidential/<audit id>/<marker hash>`: a 12-byte nonce and the ChaCha20-Poly1305
ciphertext of the value's canonical JSON, bound to the audit and the marker (so a file copied under
another name does not open). Written whole before the row that names the marker commits, like an
evidence file before its row; a value no row names any more (a note edited or deleted) is removed
after the commit. Without the audit's key the files are noise.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from auditor_app.confidential.audit_keys import derive
from auditor_app.confidential.folder_modes import FILE_MODE, private_folder
from auditor_app.confidential.markers import PREFIX, is_marker
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import write_atomic
from auditor_app.store.canonical import canonical_bytes


class Vault:
    def __init__(self, folder: DataFolder):
        self.root = folder.confidential

    def _path(self, audit_id: str, marker: str) -> Path:
        if not is_marker(marker):
            raise ValueError("not a marker")
        return self.root / audit_id / marker[len(PREFIX):]

    @staticmethod
    def _aead(secret: bytes) -> ChaCha20Poly1305:
        return ChaCha20Poly1305(derive(secret, "vault"))

    def put(self, secret: bytes, audit_id: str, marker: str, value: Any) -> None:
        path = self._path(audit_id, marker)
        if path.exists():
            return  # the marker names the value: the file already holds it
        private_folder(self.root)
        private_folder(path.parent)
        nonce = os.urandom(12)
        data = nonce + self._aead(secret).encrypt(nonce, canonical_bytes(value), _aad(audit_id, marker))
        write_atomic(path, data, mode=FILE_MODE)

    def get(self, secret: bytes | None, audit_id: str, marker: str) -> Any:
        """The value behind `marker`, or the marker itself when it is not here or will not open."""
        if secret is None:
            return marker
        try:
            data = self._path(audit_id, marker).read_bytes()
            plain = self._aead(secret).decrypt(data[:12], data[12:], _aad(audit_id, marker))
        except (OSError, InvalidTag, ValueError):
            return marker
        return json.loads(plain.decode("utf-8"))

    def drop(self, audit_id: str, markers: list[str]) -> None:
        for marker in markers:
            try:
                self._path(audit_id, marker).unlink()
            except (FileNotFoundError, ValueError):
                pass

    def drop_audit(self, audit_id: str) -> None:
        shutil.rmtree(self.root / audit_id, ignore_errors=True)


BLOB_MAGIC = b"ESCP-SEALED-1\n"


def seal_blob(secret: bytes, label: str, data: bytes) -> bytes:
    """A whole file (a kept roster) encrypted with the audit's vault key, bound to `label`."""
    nonce = os.urandom(12)
    return BLOB_MAGIC + nonce + Vault._aead(secret).encrypt(nonce, data, label.encode("utf-8"))


def open_blob(secret: bytes | None, label: str, data: bytes) -> bytes | None:
    """The bytes `seal_blob` sealed; a file that is not sealed comes back as it is; None when it
    will not open (no key, erased, altered)."""
    if not data.startswith(BLOB_MAGIC):
        return data
    if secret is None:
        return None
    body = data[len(BLOB_MAGIC):]
    try:
        return Vault._aead(secret).decrypt(body[:12], body[12:], label.encode("utf-8"))
    except InvalidTag:
        return None


def _aad(audit_id: str, marker: str) -> bytes:
    return f"{audit_id}/{marker}".encode("ascii")
