"""The document request list: resources/rules/document-requests.yaml, filtered by the checklist.

Each document names the checklist sections or checkpoints it is evidence for; it is requested
when one of them applies to the audit type in the audit's edition.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from auditor_app.checklist.loader import ChecklistError, carry_over, load_checklist
from auditor_app.resources import RulesFileError, load_rules, resources_dir

REQUESTS_FILE = "rules/document-requests.yaml"


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    name_zh: str  # every user-visible text has its Chinese twin (docs/checklist-format.md)
    refs: list[str]
    periods: bool = False


class _Category(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    name_zh: str
    documents: list[_Document]


class _RequestsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    edition: str
    categories: list[_Category]


def _load(path: str) -> _RequestsFile:
    return load_rules(_RequestsFile, path)


def _matches(ref: str, checkpoint_id: str) -> bool:
    return checkpoint_id == ref or checkpoint_id.startswith(ref + ".")


def _applicable_ids(checklist, audit_type: str, edition: str) -> set[str] | None:
    """Applicable checkpoints in the file's numbering; None when the edition has no mapping to it."""
    ids = [cp.id for cp in checklist.checkpoints if not cp.audit_types or audit_type in cp.audit_types]
    if checklist.version == edition:
        return set(ids)
    try:
        return {target for cp in ids for target in carry_over(cp, checklist.version, edition)}
    except ChecklistError:
        return None


def document_requests(checklist, audit_type: str, path: str = REQUESTS_FILE,
                      lang: str = "en") -> list[tuple[str, str]]:
    """(category, document) pairs for this audit type, in the file's order; `lang` "zh" gives the
    Chinese names (`name_zh`)."""
    zh = lang.lower().startswith("zh")
    requests = _load(path)
    every = [cp.id for cp in load_checklist(requests.edition).checkpoints]
    applicable = _applicable_ids(checklist, audit_type, requests.edition)
    out = []
    for c, category in enumerate(requests.categories):
        for d, document in enumerate(category.documents):
            for ref in document.refs:
                if not any(_matches(ref, cp) for cp in every):
                    raise RulesFileError(resources_dir() / path, f"categories[{c}].documents[{d}].refs",
                                         f"{ref!r} matches no checkpoint of checklist {requests.edition}")
            if applicable is None or any(_matches(ref, cp) for ref in document.refs for cp in applicable):
                out.append((category.name_zh, document.name_zh) if zh else (category.name, document.name))
    return out
