"""The factories' rosters kept on this laptop after import, so that the call list and the replacement
of absent workers still work after a restart without asking for the file again.

Layout (`DataFolder.rosters`): `<audit id>/<sha256>.roster` holds the file's bytes exactly as imported
(so its SHA-256 is the one the draw recorded) and `<sha256>.json` its name and when it was kept. A
roster names every worker with a birth date: the folders are 0700 and the files 0600, written whole
(temp file, fsync, rename), and for an audit with a confidential key (`auditor_app.confidential`)
encrypted with it, so erasing the key erases the rosters' every copy. Nothing here goes into a
report; a package carries them only inside its sealed part.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from auditor_app.confidential.audit_keys import AuditKeys
from auditor_app.confidential.vault import open_blob, seal_blob
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import write_atomic

log = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_AUDIT_ID = re.compile(r"[0-9A-Za-z-]{1,64}")
_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class KeptRoster:
    sha256: str
    name: str
    kept_at: str
    data: bytes


def _private_folder(path: Path) -> Path:
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(path, FOLDER_MODE)  # mkdir's mode is narrowed by the umask only, never widened; an old folder too
    return path


class KeptRosters:
    """The rosters of one data folder, by audit and SHA-256."""

    def __init__(self, folder: DataFolder):
        self.root = folder.rosters
        self.keys = AuditKeys(folder)

    def _folder(self, audit_id: str) -> Path:
        if not _AUDIT_ID.fullmatch(audit_id):
            raise ValueError(f"not an audit id: {audit_id!r}")
        return self.root / audit_id

    def keep(self, audit_id: str, data: bytes, name: str) -> str:
        """Keep `data` (a roster file as imported) for the audit; returns its SHA-256."""
        sha = hashlib.sha256(data).hexdigest()
        _private_folder(self.root)
        folder = _private_folder(self._folder(audit_id))
        target = folder / f"{sha}.roster"
        if not target.exists():
            secret = self.keys.secret(audit_id)
            kept = seal_blob(secret, f"{audit_id}/{sha}", data) if secret is not None else data
            write_atomic(target, kept, mode=FILE_MODE)
        kept_at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        meta = json.dumps({"name": name, "kept_at": kept_at}, ensure_ascii=False).encode("utf-8")
        write_atomic(folder / f"{sha}.json", meta, mode=FILE_MODE)
        return sha

    def _meta(self, folder: Path, sha: str) -> dict:
        try:
            meta = json.loads((folder / f"{sha}.json").read_text(encoding="utf-8"))
            return meta if isinstance(meta, dict) else {}
        except (OSError, ValueError):
            return {}

    def forget(self, audit_id: str) -> int:
        """Remove every roster kept for the audit (erasure); returns how many files went."""
        folder = self._folder(audit_id)
        gone = 0
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            path.unlink(missing_ok=True)
            gone += 1
        if folder.is_dir():
            folder.rmdir()
        return gone

    def shas(self, audit_id: str) -> list[str]:
        """The SHA-256 of every roster kept for the audit, the one kept last first."""
        folder = self._folder(audit_id)
        try:
            names = [p.stem for p in folder.glob("*.roster") if _SHA.fullmatch(p.stem)]
        except OSError:
            return []
        return sorted(names, key=lambda sha: str(self._meta(folder, sha).get("kept_at", "")), reverse=True)

    def read(self, audit_id: str, sha: str) -> KeptRoster | None:
        """The kept roster with this SHA-256, or None (never kept, unreadable or not what was kept)."""
        if not _SHA.fullmatch(sha):
            return None
        folder = self._folder(audit_id)
        try:
            data = (folder / f"{sha}.roster").read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("a kept roster could not be read: %s", exc.strerror or exc)
            return None
        opened = open_blob(self.keys.secret(audit_id), f"{audit_id}/{sha}", data)
        if opened is None:
            log.warning("a kept roster cannot be opened (its audit's key is not here or was erased)")
            return None
        data = opened
        if hashlib.sha256(data).hexdigest() != sha:
            log.warning("a kept roster no longer matches its SHA-256; ignored")
            return None
        meta = self._meta(folder, sha)
        return KeptRoster(sha, str(meta.get("name") or "roster.csv"), str(meta.get("kept_at") or ""), data)
