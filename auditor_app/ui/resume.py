"""Where the auditor was: reopened after a crash.

A small JSON file in the data folder, rewritten atomically (temp file, fsync, rename) every time the
auditor opens an audit or changes stage, by `StateKeeper` off the GUI thread (an fsync can take tens of
milliseconds on a laptop disk: not on every stage click). `clean_exit` is set when the window closes
normally; if it is false at start-up, the app crashed (or the laptop died) and reopens the same audit
and stage.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import NamedTuple

from auditor_app.paths import DataFolder

log = logging.getLogger(__name__)
FILE_NAME = "ui-state.json"


class ResumeState(NamedTuple):  # not a dataclass: defined at every start (docs/architecture.md)
    audit_id: str | None = None
    stage: str | None = None
    clean_exit: bool = True


def state_path(folder: DataFolder) -> Path:
    return folder.root / FILE_NAME


def load_state(folder: DataFolder) -> ResumeState:
    """The last saved state; a missing or damaged file means "nothing to resume", never an error."""
    try:
        raw = json.loads(state_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ResumeState()
    if not isinstance(raw, dict):
        return ResumeState()
    audit_id, stage = raw.get("audit_id"), raw.get("stage")
    return ResumeState(
        audit_id=audit_id if isinstance(audit_id, str) else None,
        stage=stage if isinstance(stage, str) else None,
        clean_exit=raw.get("clean_exit") is not False,
    )


def save_state(folder: DataFolder, state: ResumeState) -> None:
    path = state_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".ui-state-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state._asdict(), handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class StateKeeper:
    """Writes the newest state on its own thread; states kept faster than the disk are skipped (only the
    last one matters). `wait()` until it is on disk; `close()` writes what is waiting and stops."""

    def __init__(self, folder: DataFolder):
        self.folder = folder
        self._lock = threading.Lock()
        self._waiting: ResumeState | None = None
        self._stopping = False
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._loop, name="resume-state", daemon=True)
        self._thread.start()

    def keep(self, state: ResumeState) -> None:
        with self._lock:
            closed = self._stopping
            if not closed:
                self._waiting = state
                self._idle.clear()
        if closed:  # a window closed twice: written here, as before there was a thread
            _save_quietly(self.folder, state)
        else:
            self._wake.set()

    def wait(self, timeout: float = 5.0) -> bool:
        return self._idle.wait(timeout)

    def close(self) -> None:
        with self._lock:
            self._stopping = True
        self._wake.set()
        self._thread.join(10)

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                state, self._waiting = self._waiting, None
            if state is not None:
                _save_quietly(self.folder, state)
            with self._lock:
                if self._waiting is None:
                    self._idle.set()
                    if self._stopping:
                        return


def _save_quietly(folder: DataFolder, state: ResumeState) -> None:
    try:
        save_state(folder, state)
    except OSError as exc:  # never stop the auditor for this; the audit itself is saved
        log.warning("could not save the resume state: %s", exc)
