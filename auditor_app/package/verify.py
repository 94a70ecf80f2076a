"""Checking an `.escp` file without importing it: every hash, the manifest schema, the event chain,
the seal, and that every evidence original the audit names is present."""

from __future__ import annotations

from pathlib import Path

from auditor_app.package.reader import inspect_package


def verify_package(path: str | Path) -> list[str]:
    """[] when the package is intact; otherwise every problem found, each naming the member."""
    _package, problems = inspect_package(path)
    return problems
