"""Each audit's own confidential key: 32 random bytes in `<data folder>/audit-keys/<audit id>.key`.

Never in the database, so no copy of the database (WAL, backups, a disk image of them) holds it. The
file holds it wrapped by the data folder's key (AES-256-GCM under a key derived from it, the audit id
bound in), so a copy of the folder without its key (`folder_key`: keyring, passphrase) opens nothing;
a key file an earlier version wrote in the clear (hex) is wrapped at start (`wrap_plain_keys`).
From it come the key of the keyed hashes ("markers", `markers.py`) and the key that encrypts the
audit's values in the vault (`vault.py`). Erasing it (`erase`) leaves a small `.erased` note saying
when and why, so the app says "erased" rather than "missing", and the audit stays in sealed mode.

An audit with neither a key nor a note was recorded before confidential values were sealed: its
values stay as they were (plain), read and exported as before.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from auditor_app.confidential.folder_modes import FILE_MODE, private_folder
from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import create_new, write_atomic

KEY_BYTES = 32
WRAPPED = b"wrapped:v1:"
WRAP_LABEL = "audit-keys"
_AUDIT_ID = re.compile(r"[0-9A-Za-z-]{1,64}")


def derive(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose ("markers", "vault") from the audit's secret."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=f"escp audit {purpose} v1".encode()).derive(secret)


class KeyExists(ValueError):
    """A different key is already kept for this audit."""


class KeyUnreadable(UserFacingError):
    """An audit's key file does not open with this data folder's key (damaged, or from another folder)."""


class AuditKeys:
    def __init__(self, folder: DataFolder):
        self.folder = folder
        self.root = folder.audit_keys
        self._cache: dict[str, bytes] = {}
        self._kek: AESGCM | None = None

    def _wrapping(self) -> AESGCM:
        if self._kek is None:
            from auditor_app.confidential import folder_key  # unlocked once per process (Store does it)

            self._kek = AESGCM(folder_key.unlock(self.folder).derive(WRAP_LABEL))
        return self._kek

    def _wrap(self, audit_id: str, secret: bytes) -> bytes:
        nonce = secrets.token_bytes(12)
        sealed = self._wrapping().encrypt(nonce, secret, _bound(audit_id))
        return WRAPPED + base64.b64encode(nonce + sealed) + b"\n"

    def _unwrap(self, audit_id: str, stored: bytes) -> bytes | None:
        """The key from the file's bytes: wrapped (now), or hex (an earlier version's); None if not a key."""
        stored = stored.strip()
        if not stored.startswith(WRAPPED):
            try:
                plain = bytes.fromhex(stored.decode("ascii"))
            except ValueError:
                return None
            return plain if len(plain) == KEY_BYTES else None
        try:
            blob = base64.b64decode(stored[len(WRAPPED):], validate=True)
            return self._wrapping().decrypt(blob[:12], blob[12:], _bound(audit_id))
        except (ValueError, InvalidTag):
            raise KeyUnreadable(f"the confidential key of audit {audit_id} ({self._path(audit_id, '.key')}) does "
                                "not open with this data folder's key: it is damaged or from another data folder",
                                "Restore the data folder's audit-keys folder from its backup; nothing was "
                                "changed.") from None

    def _path(self, audit_id: str, suffix: str) -> Path:
        if not _AUDIT_ID.fullmatch(audit_id):
            raise ValueError(f"not an audit id: {audit_id!r}")
        return self.root / f"{audit_id}{suffix}"

    def secret(self, audit_id: str) -> bytes | None:
        """The audit's key, or None (never made here, or erased)."""
        if audit_id in self._cache:
            return self._cache[audit_id]
        try:
            data = self._unwrap(audit_id, self._path(audit_id, ".key").read_bytes())
        except FileNotFoundError:
            return None
        if data is None or len(data) != KEY_BYTES:
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
        create_new(path, self._wrap(audit_id, secret), mode=FILE_MODE)
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
            _overwrite(path)
            path.unlink()
        except FileNotFoundError:
            pass

    def wrap_plain_keys(self) -> int:
        """Wrap the keys an earlier version kept in the clear (hex) with the folder's key; returns how many.
        The wrapped file is renamed over the plain one, whose bytes were overwritten through a second name
        once the wrapped one was checked (best effort on SSDs)."""
        if not self.root.is_dir():
            return 0
        done = 0
        for path in sorted(self.root.glob("*.key")):
            audit_id = path.name[:-len(".key")]
            stored = path.read_bytes()
            if not _AUDIT_ID.fullmatch(audit_id) or stored.strip().startswith(WRAPPED):
                continue
            secret = self._unwrap(audit_id, stored)
            if secret is None:
                continue  # not a key: left for a person to look at, as before
            doomed = path.with_name(path.name + ".plain")
            doomed.unlink(missing_ok=True)
            os.link(path, doomed)
            try:
                write_atomic(path, self._wrap(audit_id, secret), mode=FILE_MODE)
                self._cache.pop(audit_id, None)
                if self.secret(audit_id) != secret:  # never lose a key: read back before the plain copy goes
                    os.replace(doomed, path)
                    raise KeyUnreadable(f"the key of audit {audit_id} could not be wrapped", "Start again.")
                _overwrite(doomed)
            finally:
                doomed.unlink(missing_ok=True)
            done += 1
        return done


def _bound(audit_id: str) -> bytes:
    return b"escp-audit-key:" + audit_id.encode("ascii")


def _overwrite(path: Path) -> None:
    with open(path, "r+b") as f:
        size = os.fstat(f.fileno()).st_size
        f.write(b"0" * size)
        f.flush()
        os.fsync(f.fileno())
