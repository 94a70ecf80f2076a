"""A package for outside the firm carries copies of the photos without GPS and camera serials.

Each copy is a new file with its own SHA-256 (`copies/<sha>`); the manifest says which original it
stands in for. The originals stay in the data folder with every byte: such a package can be
verified and read, not imported as the audit's record.
"""

from __future__ import annotations

import hashlib

from auditor_app.confidential.photo_copies import outside_copy
from auditor_app.package.errors import ExportError
from auditor_app.package.limits import COPIES_DIR
from auditor_app.store.evidence_files import EvidenceFiles


def make_copies(files: EvidenceFiles, originals: list[dict]) -> tuple[list[dict], list[dict], dict[str, bytes]]:
    """(members, the manifest's copies, {member path: bytes}) for the originals' members."""
    members, copies, data = [], [], {}
    for original in originals:
        raw = files.read(original["sha256"])
        if hashlib.sha256(raw).hexdigest() != original["sha256"]:
            raise ExportError(f"the stored evidence file {original['sha256']} is damaged (its bytes no "
                              "longer match its SHA-256); nothing was exported")
        copy = outside_copy(raw)
        sha = hashlib.sha256(copy).hexdigest()
        path = f"{COPIES_DIR}{sha}"
        if path not in data:
            members.append({"path": path, "size": len(copy), "sha256": sha})
            data[path] = copy
        copies.append({"of": original["sha256"], "path": path})
    return members, copies, data


def copies_problems(manifest: dict, document: dict | None, copy_members: set[str]) -> list[str]:
    """Every evidence original of the audit has a copy in the package, and every copy is named."""
    copies = manifest.get("copies") or []
    named = {c["path"] for c in copies}
    problems = [f"{c['path']}: the copy of {c['of'][:12]}… is missing from the package"
                for c in copies if c["path"] not in copy_members]
    problems += [f"{path}: not named as a copy of any original" for path in sorted(copy_members - named)]
    if document is not None:
        covered = {c["of"] for c in copies}
        for row in document.get("evidence") or []:
            if isinstance(row, dict) and row.get("sha256") not in covered:
                problems.append(f"evidence/{row.get('sha256')}: neither the original nor a copy is in the package")
    return problems
