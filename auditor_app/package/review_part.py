"""The review part of a package (format_version 3): `review.json`, a lead's comments, the auditor's
answers and the signed decisions about the audit the package carries.

Checked with no key, like the rest of a package: the schema (`resources/schemas/escp-review.schema.json`),
then every entry's hash, chain link and Ed25519 signature and the review's state machine
(`review.records.chain_problems`), then that it belongs to this package: its audit is the revision
under review, every entry about it names its seal and the key that sealed it, and the manifest's
`review` section (entries, head, state) says the same. An approval by the installation or the
person that sealed the audit is refused here too.

A package with a review is an ordinary package plus this member: `add_review` copies a package
member by member, adds review.json and rewrites the manifest (format_version 3).
"""

from __future__ import annotations

import json
import os
import uuid
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from auditor_app.package.errors import ExportError
from auditor_app.package.limits import MANIFEST, MAX_REVIEW_BYTES, READ_CHUNK, REVIEW, REVIEW_FORMAT_VERSION
from auditor_app.package.manifest import manifest_problems
from auditor_app.resources import resources_dir
from auditor_app.review.records import chain_problems, state_of, under_review
from auditor_app.store.canonical import canonical_bytes, sha256_hex
from auditor_app.store.dir_sync import fsync_dir

FORMAT = "escp-review/1"
SCHEMA_FILE = "schemas/escp-review.schema.json"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = json.loads((resources_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def review_document(audit_id: str, thread_id: str, entries: list[dict]) -> dict[str, Any]:
    return {"format": FORMAT, "audit_id": audit_id, "thread_id": thread_id, "entries": entries}


def review_section(review: dict[str, Any]) -> dict[str, Any]:
    """The manifest's `review` section for a review.json."""
    entries = review["entries"]
    return {"member": REVIEW, "entries": len(entries), "head_hash": entries[-1]["hash"], "state": state_of(entries)}


def review_problems(manifest: dict, document: dict | None, review: Any, present: bool) -> list[str]:
    """What does not add up in review.json, or between it, the manifest and audit.json."""
    section = manifest.get("review")
    if section is None:
        return [f"{REVIEW}: in a package whose manifest names no review"] if present else []
    if not present or review is None:
        return []  # missing or unreadable: said where the members are read
    errors = sorted(_validator().iter_errors(review), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        return [f"{REVIEW}: {'/'.join(map(str, e.absolute_path)) or '(top level)'}: {e.message}" for e in errors[:20]]
    entries = review["entries"]
    problems = [f"{REVIEW}: {p}" for p in chain_problems(entries)]
    if problems:
        return problems
    audit_id = manifest["audit"]["id"]
    if review["audit_id"] != audit_id or under_review(entries) != audit_id:
        problems.append(f"{REVIEW}: a review of another audit than the one in this package ({audit_id})")
    if any(e["thread_id"] != review["thread_id"] for e in entries):
        problems.append(f"{REVIEW}: its entries belong to another review record")
    if section != review_section(review):
        problems.append(f"{REVIEW}: the manifest's review section does not match it (entries, head or state)")
    if document is not None and isinstance(document.get("audit"), dict):
        problems += _pin_problems(document["audit"], entries)
    return problems


def _pin_problems(audit: dict, entries: list[dict]) -> list[str]:
    statement = audit.get("seal_statement") or {}
    signer = statement.get("signer") if isinstance(statement, dict) else None
    key_id = signer.get("key_id") if isinstance(signer, dict) else None
    problems = []
    for entry in entries:
        pin = entry["audit"]
        if pin["id"] != audit["id"]:
            continue
        if pin["seal"] != (audit.get("seal") or "") or pin["revision"] != audit.get("revision"):
            problems.append(f"{REVIEW}: entry {entry['seq']} ({entry['kind']}) is about another seal of this audit")
        elif pin["sealed_by"]["key_id"] != (key_id or ""):
            problems.append(f"{REVIEW}: entry {entry['seq']} ({entry['kind']}) names another key as the audit's sealer")
    return problems


def _info(name: str, like: zipfile.ZipInfo | None, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=like.date_time if like else (1980, 1, 1, 0, 0, 0))
    info.compress_type = compress
    info.create_system = 3
    info.external_attr = 0o100600 << 16
    return info


def add_review(source: str | Path, out_path: str | Path, review: dict[str, Any]) -> dict:
    """Write `out_path`: the package `source` (already checked) with `review` as review.json and its
    manifest rewritten to name it (format_version 3). Temp file, fsync, rename: never half a package.
    Returns the new manifest."""
    data = canonical_bytes(review)
    if len(data) > MAX_REVIEW_BYTES:
        raise ExportError(f"{REVIEW} would be {len(data)} bytes, over the package limit of {MAX_REVIEW_BYTES}")
    out_path = Path(out_path)
    tmp = out_path.with_name(f".{out_path.name}.{uuid.uuid4().hex[:8]}.part")
    with zipfile.ZipFile(source) as src:
        manifest_info = src.getinfo(MANIFEST)
        manifest = json.loads(src.read(manifest_info))
        members = [m for m in manifest["members"] if m["path"] != REVIEW]
        manifest.update(format_version=REVIEW_FORMAT_VERSION, review=review_section(review),
                        members=members + [{"path": REVIEW, "size": len(data), "sha256": sha256_hex(data)}])
        problems = manifest_problems(manifest)
        if problems:
            raise ValueError(f"built an invalid manifest: {problems}")
        try:
            with open(tmp, "xb") as raw:
                with zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
                    zf.writestr(_info(MANIFEST, manifest_info, zipfile.ZIP_DEFLATED), canonical_bytes(manifest))
                    for info in src.infolist():
                        if info.filename in (MANIFEST, REVIEW):
                            continue
                        copy = _info(info.filename, info, info.compress_type)
                        copy.file_size = info.file_size
                        with src.open(info) as stream, zf.open(copy, "w") as out:
                            while chunk := stream.read(READ_CHUNK):
                                out.write(chunk)
                    zf.writestr(_info(REVIEW, manifest_info, zipfile.ZIP_DEFLATED), data)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, out_path)
            fsync_dir(out_path.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return manifest
