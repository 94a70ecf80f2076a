"""The manifest of an `.escp` file: what audit it carries and the size and SHA-256 of every member.

Validated against `resources/schemas/escp-manifest.schema.json`. The format version is checked
before the schema, so a package from a newer app says "update the app", not "invalid field".
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import auditor_app
from auditor_app.package.limits import FORMAT, FORMAT_VERSION, MANIFEST, NEWEST_FORMAT_VERSION
from auditor_app.resources import resources_dir
from auditor_app.store.db import head_revision
from auditor_app.store.eventlog import GENESIS

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

APP_NAME = "ESCP Field Auditor"
SCHEMA_FILE = "schemas/escp-manifest.schema.json"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    # jsonschema (a quarter of a second) is imported when a manifest is first checked, not with this
    # module, which the window's audit list reaches through the outbox at every start.
    from jsonschema import Draft202012Validator

    schema = json.loads((resources_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def build_manifest(document: dict, events: list[dict], members: list[dict], exported_at: str,
                   confidential: dict | None = None, copies: list[dict] | None = None) -> dict:
    """`members`: [{"path", "size", "sha256"}] for every member except the manifest, in zip order;
    `confidential`: what is sealed and to whom (`package.sealing`)."""
    audit = document["audit"]
    factory = document.get("factory_profile") or {}
    head = events[-1] if events else {"seq": 0, "hash": GENESIS}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app": {"name": APP_NAME, "version": auditor_app.__version__, "store_schema": head_revision()},
        "exported_at": exported_at,
        "audit": {
            "id": audit["id"],
            "type": audit["audit_type"],
            "state": audit["state"],
            "revision": audit["revision"],
            "factory_name": factory.get("name"),
            "checklist_version": audit["checklist_version"],
            "seal": audit.get("seal"),
            "sealed_at": audit.get("sealed_at"),
        },
        "events": {"count": len(events), "head_seq": head["seq"], "head_hash": head["hash"]},
        "members": members,
    }
    if confidential is not None:
        manifest["confidential"] = confidential
    if copies is not None:
        manifest["copies"] = copies
    problems = manifest_problems(manifest)
    if problems:  # our own output must be readable by our own reader
        raise ValueError(f"built an invalid manifest: {problems}")
    return manifest


def _where(error) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "(top level)"


def manifest_problems(manifest: Any) -> list[str]:
    """[] when the manifest is one this version can read; otherwise each problem, naming the field."""
    if not isinstance(manifest, dict):
        return [f"{MANIFEST}: not a JSON object"]
    if manifest.get("format") != FORMAT:
        return [f"{MANIFEST}: format is {manifest.get('format')!r}, not {FORMAT!r}: not an ESCP audit package"]
    version = manifest.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > NEWEST_FORMAT_VERSION:
        return [f"{MANIFEST}: made by a newer version of the app (package format {version}, this app "
                f"reads up to {NEWEST_FORMAT_VERSION}): update the app"]
    errors = sorted(_validator().iter_errors(manifest), key=lambda e: list(map(str, e.absolute_path)))
    problems = [f"{MANIFEST}: {_where(e)}: {e.message}" for e in errors]
    if problems:
        return problems
    seen: set[str] = set()
    for member in manifest["members"]:
        if member["path"] in seen:
            problems.append(f"{MANIFEST}: {member['path']} is listed twice")
        seen.add(member["path"])
    return problems
