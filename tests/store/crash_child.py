"""The process test_crash kills: adds findings with a photo each, reporting every commit.

Usage: crash_child.py <data folder> <audit id> <first counter> <work folder>
Prints "ready" once the store is open, then "committed <finding-id> <sha256>" after each
finding + photo pair has been committed (the line is a promise the parent checks after SIGKILL).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.store.evidence import import_photo
from auditor_app.store.models import Finding


def photo(counter: int, work: Path) -> Path:
    # Sixteen 8x8 black-or-white squares spell the counter: every photo is different.
    img = Image.new("L", (32, 32), 128)
    for bit in range(16):
        if counter >> bit & 1:
            img.paste(255, ((bit % 4) * 8, (bit // 4) * 8, (bit % 4) * 8 + 8, (bit // 4) * 8 + 8))
    path = work / f"IMG_{counter:06d}.JPG"
    img.save(path, "JPEG", quality=90, comment=f"crash loop {counter}")
    return path


def main(root: str, audit_id: str, first: int, work: str) -> None:
    store = open_store(DataFolder(Path(root)), actor="crash-child")
    work_dir = Path(work)
    work_dir.mkdir(parents=True, exist_ok=True)
    print("ready", flush=True)
    counter = first
    while True:
        with store.transaction() as s:
            finding = Finding(audit_id=audit_id, checkpoint_id="9.1.1", grade="minor",
                              description=f"crash loop finding {counter}")
            s.add(finding)
        shot = import_photo(store, audit_id, photo(counter, work_dir), link_finding_id=finding.id)
        print(f"committed {finding.id} {shot.sha256}", flush=True)
        counter += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
