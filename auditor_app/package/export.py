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

from auditor_app.confidential.audit_values import for_folder
from auditor_app.package.document import audit_document
from auditor_app.package.errors import ExportError
from auditor_app.package.limits import (
    AUDIT,
    EVENTS,
    MANIFEST,
    MAX_AUDIT_BYTES,
    MAX_SEALED_BYTES,
    SEALED,
    MAX_EVENTS_BYTES,
    MAX_EVIDENCE_BYTES,
    MAX_TOTAL_BYTES,
    READ_CHUNK,
    evidence_member,
)
from auditor_app.package.manifest import build_manifest
from auditor_app.package.outside_copies import make_copies
from auditor_app.package.seal import seal_problem
from auditor_app.package.sealing import confidential_section, summary
from auditor_app.store.canonical import canonical_bytes, sha256_hex
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.evidence_files import EvidenceFiles, fsync_dir
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


def _snapshot(store, audit_id: str) -> tuple[dict, list[dict], dict]:
    # One read transaction: the document, its values and the chain are from the same moment.
    with store.session() as session:
        document = audit_document(session, audit_id)
        plain = audit_document(session, audit_id, confidential=True)
        events = audit_events(session, audit_id)
    problems = chain_problems(events)
    sealed = seal_problem(document)
    if sealed:
        problems.append(sealed)
    if problems:
        raise ExportError(f"audit {audit_id} cannot be exported: its record is damaged: "
                          + "; ".join(problems))
    return document, events, plain


def _evidence_members(files: EvidenceFiles, document: dict) -> list[dict]:
    members = {}
    for row in document["evidence"]:
        sha = row["sha256"]
        try:
            size = files.path(sha).stat().st_size
        except FileNotFoundError:
            raise ExportError(f"the original of evidence {row['original_name']!r} ({sha[:12]}…) is "
                              "missing from the data folder; nothing was exported") from None
        if size > MAX_EVIDENCE_BYTES:
            raise ExportError(f"evidence {row['original_name']!r} is {size} bytes, over the package "
                              f"limit of {MAX_EVIDENCE_BYTES}")
        members[sha] = {"path": evidence_member(sha), "size": size, "sha256": sha}
    return [members[sha] for sha in sorted(members)]


def _copy_evidence(zf: zipfile.ZipFile, files: EvidenceFiles, member: dict, when: datetime) -> None:
    info = _zip_info(member["path"], when, zipfile.ZIP_STORED)
    info.file_size = member["size"]
    digest = hashlib.sha256()
    with open(files.path(member["sha256"]), "rb") as src, zf.open(info, "w") as out:
        while chunk := src.read(READ_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != member["sha256"]:
        raise ExportError(f"the stored evidence file {member['sha256']} is damaged (its bytes no "
                          "longer match its SHA-256); nothing was exported")


def export_audit(store, audit_id: str, out_path: str | Path, *, outside: bool = False) -> ExportResult:
    """Write the package; `outside`: for outside the firm, with photo copies stripped of GPS and
    camera serials in place of the originals (`outside_copies`)."""
    out_path = Path(out_path)
    document, events, plain = _snapshot(store, audit_id)
    confidential, box = confidential_section(for_folder(str(store.folder.root.resolve())), audit_id, document, plain)
    audit_bytes = canonical_bytes(document)
    events_bytes = canonical_bytes(events)
    sealed_bytes = canonical_bytes(box) if box is not None else None
    json_members = [(AUDIT, audit_bytes, MAX_AUDIT_BYTES), (EVENTS, events_bytes, MAX_EVENTS_BYTES)]
    if sealed_bytes is not None:
        json_members.append((SEALED, sealed_bytes, MAX_SEALED_BYTES))
    for name, data, limit in json_members:
        if len(data) > limit:
            raise ExportError(f"{name} would be {len(data)} bytes, over the package limit of {limit}")
    files = EvidenceFiles(store.folder)
    evidence = _evidence_members(files, document)
    copies: list[dict] = []
    copied: dict[str, bytes] = {}
    if outside:
        evidence, copies, copied = make_copies(files, evidence)
    members = [{"path": name, "size": len(data), "sha256": sha256_hex(data)}
               for name, data, _limit in json_members] + evidence
    if sum(m["size"] for m in members) > MAX_TOTAL_BYTES:
        raise ExportError(f"the audit's files add up to more than the package limit of {MAX_TOTAL_BYTES} bytes")
    now = utcnow()
    manifest = build_manifest(document, events, members, format_utc(now), confidential, copies if outside else None)
    when = now.replace(tzinfo=None)
    tmp = out_path.with_name(f".{out_path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "xb") as raw:
            with zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
                zf.writestr(_zip_info(MANIFEST, when, zipfile.ZIP_DEFLATED), canonical_bytes(manifest))
                zf.writestr(_zip_info(AUDIT, when, zipfile.ZIP_DEFLATED), audit_bytes)
                zf.writestr(_zip_info(EVENTS, when, zipfile.ZIP_DEFLATED), events_bytes)
                if sealed_bytes is not None:
                    zf.writestr(_zip_info(SEALED, when, zipfile.ZIP_DEFLATED), sealed_bytes)
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
    return ExportResult(out_path, audit_id, out_path.stat().st_size, len(evidence), len(events), manifest)
