"""Writing one audit as an `.escp` file (a zip): manifest.json, audit.json, events.json, sealed.json
(the confidential values, encrypted to the firm's and the program's keys: `package.sealing`),
evidence/<sha256>.

Written to a temp file beside the target and renamed into place, so a crash or a full USB stick
never leaves a half package under the real name. Members are in a fixed order; photos are stored,
not deflated (JPEGs do not compress).
"""

from __future__ import annotations

import hashlib
import os
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from auditor_app.confidential.file_cipher import Damaged
from auditor_app.package.errors import ExportError
from auditor_app.package.limits import MANIFEST, MAX_TOTAL_BYTES, READ_CHUNK
from auditor_app.package.manifest import build_manifest
from auditor_app.package.outside_copies import make_copies
from auditor_app.package.parts import AuditParts, audit_parts, evidence_members
from auditor_app.package.sealing import summary
from auditor_app.store.canonical import canonical_bytes
from auditor_app.store.dir_sync import fsync_dir
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.types import format_utc, utcnow


@dataclass(frozen=True)
class ExportResult:
    path: Path
    audit_id: str
    size: int
    evidence_count: int
    event_count: int
    manifest: dict

    @property
    def confidential(self) -> str:
        """What is sealed and to whom, in one line (`package.sealing.summary`)."""
        return summary(self.manifest)


def _zip_info(name: str, when: datetime, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = compress
    info.create_system = 3  # unix: a plain file, rw------- (unzipped, it stays the user's alone)
    info.external_attr = 0o100600 << 16
    return info


def _parts(store, audit_id: str) -> AuditParts:
    # One read transaction: the document, its values and the chain are from the same moment.
    with store.session() as session:
        parts = audit_parts(store.folder, session, audit_id)
    if parts.problems:
        raise ExportError(f"audit {audit_id} cannot be exported: its record is damaged: "
                          + "; ".join(parts.problems))
    return parts


def _copy_evidence(zf: zipfile.ZipFile, files: EvidenceFiles, member: dict, when: datetime) -> None:
    info = _zip_info(member["path"], when, zipfile.ZIP_STORED)
    info.file_size = member["size"]
    digest = hashlib.sha256()
    try:
        with files.open(member["sha256"]) as src, zf.open(info, "w") as out:
            while chunk := src.read(READ_CHUNK):
                digest.update(chunk)
                out.write(chunk)
    except Damaged:  # a chunk that does not decrypt: changed on disk
        digest = hashlib.sha256(b"damaged")
    if digest.hexdigest() != member["sha256"]:
        raise ExportError(f"the stored evidence file {member['sha256']} is damaged (its bytes no "
                          "longer match its SHA-256); nothing was exported")


def export_audit(store, audit_id: str, out_path: str | Path, *, outside: bool = False) -> ExportResult:
    """Write the package; `outside`: for outside the firm, with photo copies stripped of GPS and
    camera serials in place of the originals (`outside_copies`)."""
    out_path = Path(out_path)
    parts = _parts(store, audit_id)
    too_big = parts.over_limit()
    if too_big:
        raise ExportError(too_big)
    files = EvidenceFiles(store.folder)
    evidence = evidence_members(files, parts.document)
    copies: list[dict] = []
    copied: dict[str, bytes] = {}
    if outside:
        evidence, copies, copied = make_copies(files, evidence)
    members = parts.members() + evidence
    if sum(m["size"] for m in members) > MAX_TOTAL_BYTES:
        raise ExportError(f"the audit's files add up to more than the package limit of {MAX_TOTAL_BYTES} bytes")
    now = utcnow()
    manifest = build_manifest(parts.document, parts.events, members, format_utc(now), parts.confidential,
                              copies if outside else None)
    when = now.replace(tzinfo=None)
    tmp = out_path.with_name(f".{out_path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "xb") as raw:
            with zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
                zf.writestr(_zip_info(MANIFEST, when, zipfile.ZIP_DEFLATED), canonical_bytes(manifest))
                for name, data, _limit in parts.json_members:
                    zf.writestr(_zip_info(name, when, zipfile.ZIP_DEFLATED), data)
                for member in evidence:
                    if member["path"] in copied:
                        zf.writestr(_zip_info(member["path"], when, zipfile.ZIP_STORED), copied[member["path"]])
                    else:
                        _copy_evidence(zf, files, member, when)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, out_path)
        fsync_dir(out_path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ExportResult(out_path, audit_id, out_path.stat().st_size, len(evidence), len(parts.events), manifest)
