"""Start-up check that evidence files and evidence rows agree.

Files are written before rows, so after a crash a file may have no row: it is moved to quarantine
(never deleted; the auditor or support can look at it). A row whose file is gone is reported, since
only the auditor can bring the photo back. Half-written temp files in incoming/ go to quarantine too.

A file being imported right now also has no row yet, so reconcile never touches a file younger than
the folder owner's start (`since`: the FolderLock's `started_at`; by default this process's lock on
the folder, else the process start) nor one registered in `evidence_files.IN_FLIGHT`. Files are
listed before rows are read, so a row committed meanwhile counts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from auditor_app.store.db import Store
from auditor_app.store.dir_sync import fsync_dir
from auditor_app.store.evidence_files import IN_FLIGHT, EvidenceFiles
from auditor_app.store.folder_lock import held_since, process_started_at
from auditor_app.store.models import Evidence
from auditor_app.store.types import utcnow

# File times can lag the clock (FAT on a USB stick keeps two-second steps): a file this close to
# the owner's start may be the owner's own, so it waits for the next start.
CLOCK_SLACK = 2.0


@dataclass
class ReconcileReport:
    quarantined: list[Path] = field(default_factory=list)  # where the orphan files now are
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (evidence_id, sha, original_name)
    orphaned_temp: list[Path] = field(default_factory=list)  # where the temp files now are
    checked: int = 0  # evidence rows looked at
    left_alone: list[Path] = field(default_factory=list)  # too new to judge, or being imported now

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


def reconcile(store: Store, since: datetime | None = None) -> ReconcileReport:
    """Tidy the evidence folder; `since` is when the folder's owner started (see the module doc)."""
    folder = store.folder
    files = EvidenceFiles(folder)
    report = ReconcileReport()
    since = since or held_since(folder) or process_started_at()
    cutoff = since.timestamp() - CLOCK_SLACK
    # Files first, rows second: a file whose row commits in between is then not an orphan.
    on_disk = files.all_hashes()
    strays = files.stray_files()
    temps = sorted(p for p in folder.incoming.iterdir() if p.is_file()) if folder.incoming.is_dir() else []
    with store.session() as s:
        rows = s.execute(select(Evidence.id, Evidence.sha256, Evidence.original_name)
                         .order_by(Evidence.created_at)).all()
    report.checked = len(rows)
    known = {row.sha256 for row in rows}
    # A file published after the listing is there now: look again before calling it missing.
    report.missing = [(row.id, row.sha256, row.original_name) for row in rows
                      if row.sha256 not in on_disk and not files.has(row.sha256)]
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")

    def has_row(sha: str) -> bool:
        with store.session() as s:
            return s.scalar(select(Evidence.id).where(Evidence.sha256 == sha).limit(1)) is not None

    for sha in sorted(on_disk - known):
        _tidy(files.path(sha), sha, cutoff, folder.quarantine, f"{stamp}-evidence-{sha}",
              report.quarantined, report, has_row)
    for stray in strays:
        _tidy(stray, stray.name, cutoff, folder.quarantine, f"{stamp}-evidence-{stray.name}",
              report.quarantined, report)
    for tmp in temps:
        _tidy(tmp, tmp.name, cutoff, folder.quarantine, f"{stamp}-incoming-{tmp.name}",
              report.orphaned_temp, report)
    return report


def _tidy(path: Path, name: str, cutoff: float, quarantine: Path, new_name: str, moved: list[Path],
          report: ReconcileReport, has_row: Callable[[str], bool] | None = None) -> None:
    """Quarantine `path` unless it is younger than the owner's start, an import is writing it, or
    (for an original) a row named it since the rows were read."""
    # Checked and moved with registration held off: an import cannot start counting on this file
    # in between (it registers first, then finds the file gone and writes it again). One that
    # registered and finished after the rows were read has committed its row: `has_row` sees it.
    with IN_FLIGHT.still():
        try:
            young = path.stat().st_mtime >= cutoff
        except FileNotFoundError:
            return  # gone meanwhile (tidied by someone else): nothing to do
        if young or IN_FLIGHT.holds(name):
            report.left_alone.append(path)
            return
        if has_row is not None and has_row(name):
            return  # not an orphan after all
        dest = _quarantine(path, quarantine, new_name)
    if dest is not None:
        moved.append(dest)


def _quarantine(path: Path, quarantine: Path, name: str) -> Path | None:
    quarantine.mkdir(parents=True, exist_ok=True)
    dest = quarantine / name
    n = 1
    while dest.exists():
        n += 1
        dest = quarantine / f"{name}.{n}"
    # Same file system (both under the data folder): a rename, atomic, nothing copied or lost.
    try:
        os.replace(path, dest)
    except FileNotFoundError:
        return None  # moved by another reconcile since we looked
    fsync_dir(quarantine)
    fsync_dir(path.parent)
    return dest
