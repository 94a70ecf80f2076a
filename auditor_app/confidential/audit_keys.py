"""Each audit's own confidential key: 32 random bytes in `<data folder>/audit-keys/<audit id>.key`.

Never in the database, so no copy of the database (WAL, backups, a disk image of them) holds it.
From it come the key of the keyed hashes ("markers", `markers.py`) and the key that encrypts the
audit's values in the vault (`vault.py`). Erasing it (`erase`) leaves a small `.erased` note saying
when and why, so the app says "erased" rather than "missing", and the audit stays in sealed mode.

An audit with neither a key nor a note was recorded before confidential values were sealed: its
values stay as they were (plain), read and exported as before.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from auditor_app.confidential.folder_modes import FILE_MODE, private_folder
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import create_new, write_atomic

KEY_BYTES = 32
_AUDIT_ID = re.compile(r"[0-9A-Za-z-]{1,64}")


def derive(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose ("markers", "vault") from the audit's secret."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=f"escp audit {purpose} v1".encode()).derive(secret)


class KeyExists(ValueError):
    """A different key is already kept for this audit."""


class AuditKeys:
    def __init__(self, folder: DataFolder):
        self.root = folder.audit_keys
        self._cache: dict[str, bytes] = {}

    def _path(self, audit_id: str, suffix: str) -> Path:
        if not _AUDIT_ID.fullmatch(audit_id):
            raise ValueError(f"not an audit id: {audit_id!r}")
        return self.root / f"{audit_id}{suffix}"

    def secret(self, audit_id: str) -> bytes | None:
        """The audit's key, or None (never made here, or erased)."""
        if audit_id in self._cache:
            return self._cache[audit_id]
        try:
            data = bytes.fromhex(self._path(audit_id, ".key").read_text(encoding="ascii").strip())
        except (FileNotFoundError, ValueError):
            return None
        if len(data) != KEY_BYTES:
            return None
        self._cache[audit_id] = data
        return data

    def sealed_mode(self, audit_id: str) -> bool:
        """True when the audit's confidential values are kept as markers (it has or had a key)."""
        return self.secret(audit_id) is not None or self.erased(audit_id) is not None

    def create(self, audit_id: str) -> bytes:
        """The audit's key, made now if it has none (a new audit)."""
        return self.put(audit_id, secrets.token_bytes(KEY_BYTES), replace_missing_only=True)

    def put(self, audit_id: str, secret: bytes, *, replace_missing_only: bool = False) -> bytes:
        """Keep `secret` as the audit's key (from a sealed package opened with the firm's key).

        An audit keeps one key: a different one already here is `KeyExists` unless
        `replace_missing_only`, which returns the one kept."""
        if len(secret) != KEY_BYTES:
            raise ValueError("an audit key is 32 bytes")
        private_folder(self.root)
        path = self._path(audit_id, ".key")
        create_new(path, secret.hex().encode("ascii"), mode=FILE_MODE)
        kept = self.secret(audit_id)
        if kept != secret and not replace_missing_only:
            raise KeyExists(f"audit {audit_id} already has another confidential key on this laptop")
        assert kept is not None
        return kept

    def forget(self, audit_id: str) -> None:
        """Remove a key made moments ago for an import that then failed (no row names it)."""
        self._cache.pop(audit_id, None)
        self._path(audit_id, ".key").unlink(missing_ok=True)

    def erased(self, audit_id: str) -> dict | None:
        """{"erased_at", "reason"} when the audit's key was erased here, else None."""
        try:
            note = json.loads(self._path(audit_id, ".erased").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        return note if isinstance(note, dict) else {}

    def erase(self, audit_id: str, erased_at: str, reason: str) -> None:
        """Overwrite and remove the key; note when and why. The note is written first, so a crash
        in between leaves an audit that says "erased", never one that looks plain."""
        private_folder(self.root)
        note = json.dumps({"erased_at": erased_at, "reason": reason}, ensure_ascii=False).encode("utf-8")
        write_atomic(self._path(audit_id, ".erased"), note, mode=FILE_MODE)
        path = self._path(audit_id, ".key")
        self._cache.pop(audit_id, None)
        try:
            with open(path, "r+b") as f:
                size = os.fstat(f.fileno()).st_size
                f.write(b"0" * size)
                f.flush()
                os.fsync(f.fileno())
            path.unlink()
        except FileNotFoundError:
            pass
