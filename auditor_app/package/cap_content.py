"""What a signature on the CAP signs: the CAP's content, as canonical JSON, and its SHA-256.

The content is what the CAP shows the factory manager for each live finding (checkpoint, grade,
description, how often and how many, the evidence cited) and every field of its CAP row. Each drawn
signature stores the hash of the content it signed; a signature whose hash differs from the current
content no longer covers the CAP (the CAP PDF says so, finalize refuses it, an edit clears it).
"""

from __future__ import annotations

from typing import Any

from auditor_app.store.canonical import canonical_hash

FINDING_FIELDS = ("checkpoint_id", "grade", "description", "frequency", "workers_affected", "systemic",
                  "transparent", "record_inconsistency")
CAP_FIELDS = ("root_cause", "corrective_action", "preventive_action", "responsible_person", "due_date",
              "factory_position", "factory_comment", "verification_method")


def cap_content(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The CAP as signed: one entry per live finding, in the order the CAP lists them."""
    caps = {row["finding_id"]: row for row in document.get("cap_item") or []}
    photos = {row["id"]: row["sha256"] for row in document.get("evidence") or [] if not row.get("deleted_at")}
    codes = {row["id"]: row["code"] for row in document.get("interview") or []}
    linked: dict[str, list[str]] = {}
    for link in document.get("finding_evidence") or []:
        if link["evidence_id"] in photos:
            linked.setdefault(link["finding_id"], []).append(photos[link["evidence_id"]])
    cited: dict[str, list[str]] = {}
    for link in document.get("finding_interview") or []:
        if link["interview_id"] in codes:
            cited.setdefault(link["finding_id"], []).append(codes[link["interview_id"]])
    findings = sorted((f for f in document.get("finding") or [] if not f.get("deleted_at")),
                      key=lambda f: (f.get("created_at") or "", f["id"]))
    out = []
    for finding in findings:
        cap = caps.get(finding["id"]) or {}
        out.append({
            **{key: finding.get(key) for key in FINDING_FIELDS},
            "photos": sorted(linked.get(finding["id"], [])),
            "interviews": sorted(cited.get(finding["id"], [])),
            "cap": {key: cap.get(key) for key in CAP_FIELDS},
        })
    return out


def cap_sha256(document: dict[str, Any]) -> str:
    return canonical_hash(cap_content(document))
