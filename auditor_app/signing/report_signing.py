"""The final report and CAP of a finalized audit leave this laptop signed (PAdES) by who sealed it.

Only the installation whose device key signed the seal statement signs the PDFs, in the name of
the signer the statement records: a lead who prints a received package gets the same pages but no
signature of theirs on someone else's audit (the seal printed in the report still ties the pages to
the audit). A draft is never signed: its PDFs say DRAFT and may change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor_app.paths import DataFolder
from auditor_app.signing.device_key import load_or_create
from auditor_app.signing.pdf_signing import sign_pdf

REASONS = {
    "report": "Final audit report of sealed audit {seal}",
    "cap": "Corrective Action Plan of sealed audit {seal}",
}


def signer_of(doc: dict[str, Any], folder: DataFolder | None) -> dict[str, str] | None:
    """The seal's signer when this installation holds the key that signed it, else None."""
    audit = doc.get("audit") or {}
    statement = audit.get("seal_statement") or {}
    signer = statement.get("signer") if isinstance(statement, dict) else None
    if folder is None or audit.get("state") != "finalized" or not isinstance(signer, dict):
        return None
    key = load_or_create(folder)
    if signer.get("key_id") != key.key_id:
        return None
    return {"name": str(signer.get("name") or ""), "firm": str(signer.get("firm") or ""), "seal": audit["seal"]}


def sign_finalized(doc: dict[str, Any], folder: DataFolder | None, pdfs: dict[str, Path]) -> bool:
    """Sign each PDF in place (`{"report": path, "cap": path}`); True when they were signed.

    Each file is replaced atomically by its signed form; a failure raises `UserFacingError` and
    leaves the unsigned file, which the caller discards."""
    signer = signer_of(doc, folder)
    if signer is None:
        return False
    assert folder is not None
    key = load_or_create(folder)
    profile = doc.get("factory_profile") or {}
    location = ", ".join(str(profile.get(k) or "") for k in ("name", "country") if profile.get(k))
    for kind, path in pdfs.items():
        sign_pdf(path, path, key=key, folder=folder, signer_name=signer["name"], signer_firm=signer["firm"],
                 reason=REASONS[kind].format(seal=signer["seal"][:16]), location=location)
    return True
