"""Importing an `.escp` file into the data folder: all or nothing.

Every check of `read_package` passes first. Then, in one transaction, the store's verified import
path (`store.verified_import`) checks that the event chain replays to exactly these rows and inserts
them with the chain kept verbatim; the rows are read back; only when they read back exactly as
audit.json says are the evidence originals written, and only then is the transaction committed.
Any failure rolls the rows back and removes the files it wrote.

The confidential part (sealed.json) opens with the firm's or the program's private key: its values
go to the audit's vault under the audit's own key before the rows (`keep_confidential`). Without
the key the audit is imported all the same, its confidential values staying markers; the result
says what is sealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from auditor_app.confidential.audit_values import for_folder
from auditor_app.confidential.recipients import PrivateKey
from auditor_app.package.confidential_import import forget_confidential, keep_confidential, open_sealed
from auditor_app.package.contents import TABLES
from auditor_app.package.document import audit_document
from auditor_app.package.errors import PackageError
from auditor_app.package.reader import Package, read_package
from auditor_app.store.canonical import canonical_bytes
from auditor_app.store.eventlog import audit_events
from auditor_app.store.evidence_files import Arrival, EvidenceFiles, in_flight
from auditor_app.store.models import Audit
from auditor_app.store.verified_import import ImportRefused, insert_verified_audit

__all__ = ["ImportResult", "Package", "PackageError", "import_package", "read_package"]


@dataclass(frozen=True)
class ImportResult:
    audit_id: str
    factory_name: str | None
    already_imported: bool
    rows: int
    events: int
    evidence_written: int
    confidential: str = ""  # what is sealed, and whether it was opened here


def _label(package: Package) -> str:
    audit = package.manifest["audit"]
    return f"audit {audit['id']} ({audit['factory_name'] or 'no factory name'}, {audit['type']})"


def _same_as_local(session, package: Package) -> bool:
    local = audit_document(session, package.audit_id)
    return (canonical_bytes(local) == canonical_bytes(package.document)
            and audit_events(session, package.audit_id) == package.events)


def _read_back_problem(session, package: Package) -> str | None:
    session.expire_all()
    stored = audit_document(session, package.audit_id)
    for table in TABLES:
        if canonical_bytes(stored.get(table)) != canonical_bytes(package.document.get(table)):
            return f"audit.json: the {table} rows do not read back as written (they do not fit the tables)"
    if audit_events(session, package.audit_id) != package.events:
        return "events.json: the events do not read back as written"
    return None


def _write_evidence(files: EvidenceFiles, package: Package, written: list[str], arriving: Arrival) -> None:
    """Copy each original the data folder lacks; `written` collects them for clean-up on failure."""
    for sha in package.evidence:
        if files.has(sha):
            continue
        # Encrypted on its way to disk: the original is never in the clear in the data folder.
        with files.incoming(arriving) as (tmp, out):
            digest = package.copy_evidence(sha, out)  # type: ignore[arg-type]  # a sink with `write`
        if digest != sha:
            tmp.unlink(missing_ok=True)
            raise PackageError(str(package.path), [f"evidence/{sha}: changed while it was imported"])
        try:
            files.publish(tmp, sha, out.size)
        finally:
            tmp.unlink(missing_ok=True)  # gone already once published
        written.append(sha)


def import_package(store, path: str | Path, *, key: PrivateKey | None = None) -> ImportResult:
    """Import the package; `key` (the firm's or the program's) opens its confidential part."""
    package = read_package(path)
    source = str(path)
    if package.for_outside:
        raise PackageError(source, ["a package for outside the firm carries copies of the photos without GPS, "
                                    "not the originals: it can be verified and read, not imported"])
    opened = open_sealed(package, key) if key is not None else None
    files = EvidenceFiles(store.folder)
    values = for_folder(str(store.folder.root.resolve()))
    written: list[str] = []
    kept = False
    try:
        # Its originals stay registered in flight until the rows commit: reconcile leaves them alone.
        with in_flight(*package.evidence) as arriving, store.transaction() as session:
            if session.get(Audit, package.audit_id) is not None:
                if _same_as_local(session, package):
                    return ImportResult(package.audit_id, package.manifest["audit"]["factory_name"],
                                        True, 0, 0, 0, package.confidential)
                raise PackageError(source, [
                    f"{_label(package)} is already in this data folder with different content: "
                    "the local copy was kept and nothing was imported"])
            # The audit is not here: a key, values and rosters put in place now go again if it fails.
            kept = values.keys.secret(package.audit_id) is None
            keep_confidential(values, package, opened)
            try:
                rows = insert_verified_audit(session, package.document, package.events)
            except ImportRefused as exc:
                raise PackageError(source, [f"{_label(package)}: {p}" for p in exc.problems]) from None
            problem = _read_back_problem(session, package)
            if problem:
                raise PackageError(source, [problem])
            _write_evidence(files, package, written, arriving)
    except IntegrityError as exc:
        _remove(files, written)
        if kept:
            forget_confidential(values, package.audit_id)
        raise PackageError(source, [f"{_label(package)} clashes with data already in this data "
                                    f"folder ({exc.orig}); nothing was imported"]) from None
    except BaseException:
        _remove(files, written)
        if kept:
            forget_confidential(values, package.audit_id)
        raise
    said = package.confidential + ("; opened with the key of " + key.label if opened is not None and key else "")
    return ImportResult(package.audit_id, package.manifest["audit"]["factory_name"], False,
                        rows, len(package.events), len(written), said)


def _remove(files: EvidenceFiles, written: list[str]) -> None:
    for sha in written:
        files.path(sha).unlink(missing_ok=True)
