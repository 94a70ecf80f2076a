"""Drafts: what the auditor is typing and has not saved yet, kept on disk until it is saved.

Most edits reach the database within a third of a second (the window's debounced writer). Some text
waits for a decision first: a table cell being edited, an NC editor not yet saved, a New audit dialog
not yet created. Each such editor keeps its current text here, one small JSON file per editor,
written atomically (temp file, fsync, rename) off the GUI thread, and removed once the text is saved
or knowingly discarded. After a crash or a power cut the next start finds what was left and brings it
back (`ui/recovery.py`).

Drafts hold what was typed, interview notes and quotes included: they live in the data folder like the
database, encrypted like it (the `file_cipher` format under the folder key's "drafts" key, issue 16), and
are removed as soon as their text is in the database. A draft an earlier version wrote in the clear is
still read back (then removed once saved, as any draft).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from auditor_app.confidential import file_cipher
from auditor_app.paths import DataFolder
from auditor_app.store.dir_sync import fsync_dir
from auditor_app.store.types import format_utc, parse_utc, utcnow

log = logging.getLogger(__name__)
FOLDER = "drafts"
SUFFIX = ".draft.json"


@dataclass(frozen=True)
class Draft:
    """One editor's unsaved text. `kind` says which editor (and how to bring it back)."""

    key: str
    kind: str
    audit_id: str | None
    label: str  # what the auditor was editing, in their words: "CAP of NC 9.3.3, root cause"
    values: dict[str, Any]
    saved_at: datetime = field(default_factory=utcnow)

    def as_json(self) -> dict:
        return {"key": self.key, "kind": self.kind, "audit_id": self.audit_id, "label": self.label,
                "values": self.values, "saved_at": format_utc(self.saved_at)}

    @classmethod
    def from_json(cls, data: dict) -> Draft:
        return cls(key=str(data["key"]), kind=str(data["kind"]), audit_id=data.get("audit_id"),
                   label=str(data.get("label", "")), values=dict(data.get("values") or {}),
                   saved_at=parse_utc(data["saved_at"]))


def _file_name(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + SUFFIX


class DraftJournal:
    """The drafts of one data folder. `keep` and `drop` return at once; a thread writes in order."""

    def __init__(self, folder: DataFolder):
        self.folder = folder
        self.root = folder.root / FOLDER
        self._key: bytes | None = None
        self._queue: queue.Queue = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._loop, name="draft-journal", daemon=True)
        self._thread.start()

    @property
    def key(self) -> bytes:
        if self._key is None:
            from auditor_app.confidential import folder_key  # unlocked once per process (Store does it)

            self._key = folder_key.unlock(self.folder).derive("drafts")
        return self._key

    # ---- from any thread ----
    def keep(self, draft: Draft) -> None:
        """Keep `draft` (replacing the earlier text of the same key) on disk, off the caller's thread."""
        self._submit(("keep", draft))

    def drop(self, key: str) -> None:
        """The text is saved (or discarded on purpose): forget it."""
        self._submit(("drop", key))

    def wait(self, timeout: float = 5.0) -> bool:
        """Until everything handed over is on disk (tests, closing the window)."""
        return self._idle.wait(timeout)

    def drafts(self) -> list[Draft]:
        """Every draft on disk, oldest first; an unreadable file is skipped (and kept for support)."""
        found: list[Draft] = []
        if not self.root.is_dir():
            return found
        for path in sorted(self.root.glob(f"*{SUFFIX}")):
            try:
                found.append(Draft.from_json(json.loads(file_cipher.read_plain(path, self.key).decode("utf-8"))))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("draft %s cannot be read: %s", path.name, exc)
        return sorted(found, key=lambda d: d.saved_at)

    def write_now(self, draft: Draft) -> None:
        """Write on the calling thread (no GUI): the command line and tests."""
        self._write(draft)

    def remove_now(self, key: str) -> None:
        (self.root / _file_name(key)).unlink(missing_ok=True)

    # ---- the writer thread ----
    def _submit(self, item) -> None:
        self._idle.clear()
        self._queue.put(item)

    def _loop(self) -> None:
        while True:
            action, value = self._queue.get()
            try:
                if action == "keep":
                    self._write(value)
                else:
                    self.remove_now(value)
            except OSError as exc:  # a full disk must not stop the auditor: the database still works
                log.warning("draft not written: %s", exc)
            finally:
                if self._queue.empty():
                    self._idle.set()

    def _write(self, draft: Draft) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        target = self.root / _file_name(draft.key)
        text = json.dumps(draft.as_json(), ensure_ascii=False).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as handle:
                file_cipher.write_encrypted(handle, (text,), self.key)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
            fsync_dir(self.root)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
