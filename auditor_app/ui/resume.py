"""Where the auditor was: reopened after a crash.

A small JSON file in the data folder, rewritten atomically (temp file, fsync, rename) every time the
auditor opens an audit or changes stage. `clean_exit` is set when the window closes normally; if it
is false at start-up, the app crashed (or the laptop died) and reopens the same audit and stage.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from auditor_app.paths import DataFolder

FILE_NAME = "ui-state.json"


@dataclass(frozen=True)
class ResumeState:
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
            json.dump(asdict(state), handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
