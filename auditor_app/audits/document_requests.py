"""The document request list, derived from the checklist edition the audit is done under."""

from __future__ import annotations


def document_requests(checklist, audit_type: str) -> list[tuple[str, str]]:
    """(category, document) pairs: the documents named by the checkpoints that apply to this audit type.

    Category is the checklist section, so the list reads in the order of the checklist; duplicates
    (the same register named by several checkpoints) are asked for once.
    """
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for checkpoint in checklist.checkpoints:
        if checkpoint.audit_types and audit_type not in checkpoint.audit_types:
            continue
        section = checklist.section_of(checkpoint.id).title
        for name in checkpoint.evidence.documents:
            key = " ".join(name.lower().split())
            if key not in seen:
                seen.add(key)
                out.append((section, name))
    return out
