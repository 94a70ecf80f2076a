"""Checking an `.escp` file without importing it: every hash, the manifest schema, the event chain,
the seal and its signature by a device key, and that every evidence original the audit names is present."""

from __future__ import annotations

from pathlib import Path

from auditor_app.package.reader import inspect_package
from auditor_app.package.sealing import summary
from auditor_app.signing.seal_statement import signer_text


def verify_package(path: str | Path) -> list[str]:
    """[] when the package is intact; otherwise every problem found, each naming the member."""
    _package, problems = inspect_package(path)
    return problems


def seal_signer(path: str | Path) -> str | None:
    """Who signed the seal of an intact, sealed package ("signed by Li Na (firm), key ..., time, an
    unregistered key"); None for a draft or a package with problems."""
    package, problems = inspect_package(path)
    if package is None or problems:
        return None
    statement = package.document["audit"].get("seal_statement") or {}
    return signer_text(statement) if statement else None


def confidential_line(path: str | Path) -> str:
    """What of the audit is sealed and to whom (checked without any private key)."""
    package, _problems = inspect_package(path)
    return summary(package.manifest) if package is not None else ""
