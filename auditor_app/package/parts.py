"""What a package of one audit is made of, read in one session: shared by the `.escp` export and the
outbox (a submission to Connect is the same package, member by member).

`audit_parts` reads the canonical document (markers in place of confidential values), its plain
twin (for the sealed part only), the event chain, and builds the manifest's `confidential` section
and `sealed.json` (`package.sealing`). `evidence_members` lists the originals by their plaintext
SHA-256 and size (the stored files are encrypted: `store.evidence_files`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from auditor_app.confidential.audit_values import for_folder
from auditor_app.package.document import audit_document
from auditor_app.package.errors import ExportError
from auditor_app.package.limits import (
    AUDIT,
    EVENTS,
    MAX_AUDIT_BYTES,
    MAX_EVENTS_BYTES,
    MAX_EVIDENCE_BYTES,
    MAX_SEALED_BYTES,
    SEALED,
    evidence_member,
)
from auditor_app.package.seal import seal_problem
from auditor_app.package.sealing import confidential_section
from auditor_app.paths import DataFolder
from auditor_app.store.canonical import canonical_bytes, sha256_hex
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.evidence_files import EvidenceFiles


@dataclass(frozen=True)
class AuditParts:
    document: dict  # audit.json: markers in place of confidential values
    events: list[dict]
    confidential: dict  # the manifest's `confidential` section
    json_members: list[tuple[str, bytes, int]] = field(default_factory=list)  # (name, bytes, limit)
    problems: list[str] = field(default_factory=list)  # a damaged record: chain or seal

    def members(self) -> list[dict]:
        """The manifest entries of the JSON members, in zip order."""
        return [{"path": name, "size": len(data), "sha256": sha256_hex(data)} for name, data, _ in self.json_members]

    def over_limit(self) -> str | None:
        for name, data, limit in self.json_members:
            if len(data) > limit:
                return f"{name} would be {len(data)} bytes, over the package limit of {limit}"
        return None


def audit_parts(folder: DataFolder, session: Session, audit_id: str) -> AuditParts:
    """The package's JSON members of one audit, from one read of `session` (one moment)."""
    document = audit_document(session, audit_id)
    plain = audit_document(session, audit_id, confidential=True)
    events = audit_events(session, audit_id)
    problems = chain_problems(events)
    sealed = seal_problem(document)
    if sealed:
        problems.append(sealed)
    values = for_folder(str(folder.root.resolve()))
    section, box = confidential_section(values, audit_id, document, plain)
    members = [(AUDIT, canonical_bytes(document), MAX_AUDIT_BYTES), (EVENTS, canonical_bytes(events), MAX_EVENTS_BYTES)]
    if box is not None:
        members.append((SEALED, canonical_bytes(box), MAX_SEALED_BYTES))
    return AuditParts(document, events, section, members, problems)


def evidence_members(files: EvidenceFiles, document: dict) -> list[dict]:
    """{"path", "size", "sha256"} of every original the document names, sorted by hash; the size is
    the original's (plaintext) size. Raises ExportError for a missing or oversized original."""
    members = {}
    for row in document["evidence"]:
        sha = row["sha256"]
        try:
            size = files.size(sha)
        except FileNotFoundError:
            raise ExportError(f"the original of evidence {row['original_name']!r} ({sha[:12]}…) is "
                              "missing from the data folder; nothing was exported") from None
        if size > MAX_EVIDENCE_BYTES:
            raise ExportError(f"evidence {row['original_name']!r} is {size} bytes, over the package "
                              f"limit of {MAX_EVIDENCE_BYTES}")
        members[sha] = {"path": evidence_member(sha), "size": size, "sha256": sha}
    return [members[sha] for sha in sorted(members)]
