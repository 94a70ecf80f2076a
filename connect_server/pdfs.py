"""The audit report and the CAP of a verified submission, as PDF for the web view.

Built with the app's own builders (`auditor_app.reports`: `build_report`, `build_cap`) from the package
the platform holds: audit.json and the photos, each read from the blob store and checked against its
SHA-256. The first request builds a PDF and keeps it as a blob (a `rendered_pdf` row names it); later ones
read it back. The PDFs are not PAdES-signed: only the installation that sealed an audit signs its PDFs;
the seal, printed in the report, is what the platform verified.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditor_app.package.contents import fill_added_fields
from auditor_app.package.limits import AUDIT
from auditor_app.package.reader import parse_json
from connect_server.blobs import BlobStore
from connect_server.models import Blob, RenderedPdf, Submission, SubmissionBlob

KINDS = ("report", "cap")


class NotRenderable(Exception):
    """The submission has no verified package to build from (a sentence)."""


class BlobPhotos:
    """Evidence photos from the blob store, hash-checked (the report builder's PhotoSource)."""

    def __init__(self, blobs: BlobStore):
        self.blobs = blobs

    def read(self, sha: str) -> bytes:
        with self.blobs.open(sha) as src:
            data = src.read()
        if hashlib.sha256(data).hexdigest() != sha:
            raise ValueError("the photo in the blob store does not match its hash")
        return data


def file_name(sub: Submission, kind: str) -> str:
    name = "".join(c if c.isalnum() or c in " -_" else " " for c in (sub.factory_name or "audit")).strip()[:60]
    return f"{name} {sub.audit_type} {'report' if kind == 'report' else 'CAP'}.pdf"


def cached_pdf(db: Session, blobs: BlobStore, sub: Submission, kind: str) -> bytes:
    """The PDF of `kind` for a verified submission: from the blob store, or built now and kept there."""
    if kind not in KINDS:
        raise NotRenderable("there is no such document")
    if sub.state != "verified":
        raise NotRenderable("the report and the CAP are built once the package is verified")
    row = db.get(RenderedPdf, (sub.audit_id, kind))
    if row is not None and blobs.has(row.sha256):
        with blobs.open(row.sha256) as src:
            return src.read()
    data = build_pdf(db, blobs, sub, kind)
    sha = store_blob(db, blobs, data)
    try:
        with db.begin_nested():
            if row is None:
                db.add(RenderedPdf(audit_id=sub.audit_id, kind=kind, sha256=sha, size=len(data)))
            else:
                row.sha256, row.size = sha, len(data)
    except IntegrityError:  # another request built it at the same time: either copy is the same document
        pass
    return data


def build_pdf(db: Session, blobs: BlobStore, sub: Submission, kind: str) -> bytes:
    from auditor_app.reports.cap import build_cap
    from auditor_app.reports.report import build_report

    member = db.query(SubmissionBlob).filter_by(audit_id=sub.audit_id, path=AUDIT).one_or_none()
    if member is None or not blobs.has(member.sha256):
        raise NotRenderable("the audit document of this submission is not held")
    with blobs.open(member.sha256) as src:
        raw = src.read()
    problems: list[str] = []
    document = parse_json(AUDIT, raw, problems)
    if problems or not isinstance(document, dict):
        raise NotRenderable("the audit document of this submission cannot be read")
    fill_added_fields(document)
    with tempfile.TemporaryDirectory(prefix="connect-pdf-") as tmp:
        out = Path(tmp) / f"{kind}.pdf"
        if kind == "report":
            build_report(document, out, photos=BlobPhotos(blobs))  # photo copies made in memory
        else:
            build_cap(document, out)
        return out.read_bytes()


def store_blob(db: Session, blobs: BlobStore, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    if not blobs.has(sha):
        with blobs.writer(sha) as upload:
            upload.truncate(0)
            upload.write(data)
            if not upload.finish():
                raise NotRenderable("the PDF could not be stored")
    if db.get(Blob, sha) is None:
        try:
            with db.begin_nested():
                db.add(Blob(sha256=sha, size=len(data)))
        except IntegrityError:
            pass
    return sha
