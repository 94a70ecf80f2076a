"""The data folder: where the audit database, evidence files and caches live.

AUDITOR_APP_HOME overrides the platform default (tests, portable installs on a USB stick).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

from auditor_app.confidential.folder_modes import make_new_files_private, private_folder, tighten

APP_NAME = "escp-field-auditor"
APP_AUTHOR = "ESCP"


def default_home() -> Path:
    override = os.environ.get("AUDITOR_APP_HOME")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


class DataFolder(NamedTuple):  # not a dataclass: defined at every start (docs/architecture.md)
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

    @property
    def confidential(self) -> Path:
        """Each audit's confidential values (notes, quotes, the draw's seed), encrypted with the
        audit's own key (`auditor_app.confidential.vault`)."""
        return self.root / "confidential"

    @property
    def audit_keys(self) -> Path:
        """Each audit's confidential key, one 0600 file per audit, never in the database or its
        backups: erasing it makes the audit's confidential values unreadable everywhere."""
        return self.root / "audit-keys"

    @property
    def recipients(self) -> Path:
        """Public keys (the audit firm's, the program's) that packages seal confidential data to."""
        return self.root / "recipients"

    def ensure(self, tighten_all: bool = True) -> "DataFolder":
        """Make the folder, private: 0700 folders and 0600 files, new ones through the umask, old
        ones tightened (a folder made by an earlier version was world-readable). `tighten_all=False`
        leaves the walk over every file to the caller (the window does it off the GUI thread, after
        the list shows: it grows with the evidence); the root is 0700 either way, so no other account
        reaches inside meanwhile."""
        make_new_files_private()
        for folder in (self.root, self.evidence, self.derived, self.quarantine, self.backups, self.incoming):
            private_folder(folder)
        if tighten_all:
            tighten(self.root)
        return self

    @classmethod
    def default(cls) -> "DataFolder":
        return cls(default_home())
