"""The data folder: where the audit database, evidence files and caches live.

AUDITOR_APP_HOME overrides the platform default (tests, portable installs on a USB stick).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "escp-field-auditor"
APP_AUTHOR = "ESCP"


def default_home() -> Path:
    override = os.environ.get("AUDITOR_APP_HOME")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


@dataclass(frozen=True)
class DataFolder:
    """The layout of one data folder. Creating it is idempotent."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "audits.sqlite3"

    @property
    def evidence(self) -> Path:
        """Original evidence files, content-addressed, never re-encoded."""
        return self.root / "evidence"

    @property
    def derived(self) -> Path:
        """Display copies and thumbnails: can always be rebuilt from the originals."""
        return self.root / "derived"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def rosters(self) -> Path:
        """Factories' worker rosters as imported (names, worker ids, birth dates): confidential, like
        interview notes. One folder per audit; the folder 0700, the files 0600 (`kept_rosters.py`).
        Never copied into a package or a report; the call list is rebuilt from them."""
        return self.root / "rosters"

    @property
    def incoming(self) -> Path:
        """Temp files being written; same file system as evidence/ so rename is atomic."""
        return self.root / "incoming"

    def ensure(self) -> "DataFolder":
        for folder in (self.root, self.evidence, self.derived, self.quarantine, self.backups, self.incoming):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @classmethod
    def default(cls) -> "DataFolder":
        return cls(default_home())
