"""Start-up check that evidence files and evidence rows agree.

Files are written before rows, so after a crash a file may have no row: it is moved to quarantine
(never deleted; the auditor or support can look at it). A row whose file is gone is reported, since
only the auditor can bring the photo back. Half-written temp files in incoming/ go to quarantine too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from auditor_app.store.db import Store
from auditor_app.store.evidence_files import EvidenceFiles, fsync_dir
from auditor_app.store.models import Evidence
from auditor_app.store.types import utcnow


@dataclass
class ReconcileReport:
    quarantined: list[Path] = field(default_factory=list)  # where the orphan files now are
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (evidence_id, sha, original_name)
    orphaned_temp: list[Path] = field(default_factory=list)  # where the temp files now are
    checked: int = 0  # evidence rows looked at

    @property
    def clean(self) -> bool:
        return not (self.quarantined or self.missing or self.orphaned_temp)

    def summary(self) -> str:
        if self.clean:
            return f"Evidence check: all {self.checked} evidence records have their files; nothing to tidy."
        parts = [f"Evidence check of {self.checked} evidence records:"]
        if self.missing:
            names = ", ".join(name for _, _, name in self.missing[:5])
            more = f" and {len(self.missing) - 5} more" if len(self.missing) > 5 else ""
            parts.append(f"{_count(len(self.missing), 'photo')} recorded in an audit "
                         f"{'has' if len(self.missing) == 1 else 'have'} no file on this computer "
                         f"({names}{more}); import {'it' if len(self.missing) == 1 else 'them'} "
                         "again from the camera or a backup.")
        if self.quarantined:
            parts.append(f"{_count(len(self.quarantined), 'evidence file')} without a record "
                         f"(left by an interrupted import) moved to {self.quarantined[0].parent}.")
        if self.orphaned_temp:
            parts.append(f"{_count(len(self.orphaned_temp), 'unfinished temporary file')} moved to "
                         f"{self.orphaned_temp[0].parent}.")
        parts.append("Nothing was deleted.")
        return " ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def reconcile(store: Store) -> ReconcileReport:
    """Run before anything else writes (at start-up): a file being imported right now would look orphaned."""
    folder = store.folder
    files = EvidenceFiles(folder)
    report = ReconcileReport()
    with store.session() as s:
        rows = s.execute(select(Evidence.id, Evidence.sha256, Evidence.original_name)
                         .order_by(Evidence.created_at)).all()
    report.checked = len(rows)
    on_disk = files.all_hashes()
    known = {row.sha256 for row in rows}
    report.missing = [(row.id, row.sha256, row.original_name) for row in rows if row.sha256 not in on_disk]
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    for sha in sorted(on_disk - known):
        report.quarantined.append(_quarantine(files.path(sha), folder.quarantine, f"{stamp}-evidence-{sha}"))
    for stray in files.stray_files():
        report.quarantined.append(_quarantine(stray, folder.quarantine, f"{stamp}-evidence-{stray.name}"))
    if folder.incoming.is_dir():
        for tmp in sorted(folder.incoming.iterdir()):
            if tmp.is_file():
                report.orphaned_temp.append(_quarantine(tmp, folder.quarantine, f"{stamp}-incoming-{tmp.name}"))
    return report


def _quarantine(path: Path, quarantine: Path, name: str) -> Path:
    quarantine.mkdir(parents=True, exist_ok=True)
    dest = quarantine / name
    n = 1
    while dest.exists():
        n += 1
        dest = quarantine / f"{name}.{n}"
    # Same file system (both under the data folder): a rename, atomic, nothing copied or lost.
    os.replace(path, dest)
    fsync_dir(quarantine)
    fsync_dir(path.parent)
    return dest
