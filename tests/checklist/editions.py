"""Small checklist editions written into a temporary resources folder (helpers for the tests).

The `tmp_res` fixture (conftest.py) copies the real grades file, writes editions from plain dicts and points
AUDITOR_APP_RESOURCES at the copy, so every test sees only the files it wrote.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

import auditor_app
from auditor_app.checklist import loader

# The shipped resources folder (not resources_dir(): the environment may point elsewhere).
REAL_RESOURCES = Path(auditor_app.__file__).resolve().parent.parent / "resources"


def checkpoint(cp_id: str, **fields) -> dict:
    cp = {
        "id": cp_id,
        "question": f"Is checkpoint {cp_id} complied with?",
        "guidance": "Compare the records with what workers say.",
        "evidence": {"documents": ["Time records"], "tour": [], "interviews": ["Workers"]},
        "grade": "major",
        "stage": "documents",
    }
    cp.update(fields)
    return cp


def base_sections() -> dict[str, dict]:
    """Two valid sections, by file name."""
    return {
        "01-audit-process.yaml": {
            "id": "1", "title": "Audit Process", "area": "audit_process",
            "subsections": [{"id": "1.1", "title": "Access", "checkpoints": [
                checkpoint("1.1.1", grade="zero_tolerance", stage="tour", tags=["transparency"],
                           conditional={"grade": "critical", "when": "transparent",
                                        "note": "Critical if the factory was transparent."}),
                checkpoint("1.1.2", grade="critical", audit_types=["ICA", "IAA"],
                           tags=["record_inconsistency"]),
            ]}],
        },
        "02-business-ethics.yaml": {
            "id": "2", "title": "Business Ethics", "area": "business_ethics",
            "subsections": [{"id": "2.1", "title": "Bribery", "checkpoints": [
                checkpoint("2.1.1", grade="zero_tolerance", stage="opening"),
                checkpoint("2.1.2", grade="major", conditional={
                    "grade": "minor", "when": "isolated", "note": "Minor for a single case."}),
            ]}],
        },
    }


def _zh(text: str) -> str:
    return f"中文：{text}"


def fill_zh(node):
    """Give every English text of a section, subsection, checkpoint, conditional or evidence dict its
    Chinese twin (`x_zh`) where the test did not write one, so that small editions load."""
    if isinstance(node, list):
        for item in node:
            fill_zh(item)
        return node
    if not isinstance(node, dict):
        return node
    for key in ("title", "question", "guidance", "note"):
        if isinstance(node.get(key), str) and f"{key}_zh" not in node:
            node[f"{key}_zh"] = _zh(node[key])
    for key in ("documents", "tour", "interviews"):
        items = node.get(key)
        if isinstance(items, list) and items and all(isinstance(i, str) for i in items) \
                and f"{key}_zh" not in node:
            node[f"{key}_zh"] = [_zh(i) for i in items]
    for key in ("subsections", "checkpoints", "evidence", "conditional"):
        fill_zh(node.get(key))
    return node


class Resources:
    def __init__(self, root: Path):
        self.root = root

    def edition(self, version: str = "9.0", sections: dict[str, dict] | None = None,
                effective: str = "2030-01-01", zh: bool = True, **edition_fields) -> Path:
        """Write an edition; `zh=True` gives every text its Chinese twin where the test left it out."""
        sections = copy.deepcopy(base_sections() if sections is None else sections)
        folder = self.root / "checklists" / version
        folder.mkdir(parents=True, exist_ok=True)
        edition = {"schema": "escp-checklist/1", "version": version, "title": "Test Checklist",
                   "effective_date": effective, "sections": list(sections)}
        if zh:
            edition["title_zh"] = "测试检查表"
        edition.update(edition_fields)
        self.write(folder / "edition.yaml", edition)
        for name, content in sections.items():
            self.write(folder / name, fill_zh(content) if zh else content)
        loader.clear_cache()
        return folder

    def mapping(self, from_version: str, to_version: str, checkpoints: dict, **fields) -> Path:
        data = {"schema": "escp-checklist-mapping/1", "from": from_version, "to": to_version,
                "checkpoints": checkpoints}
        data.update(fields)
        path = self.root / "checklists" / "mappings" / f"{from_version}-to-{to_version}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.write(path, data)
        loader.clear_cache()
        return path

    @staticmethod
    def write(path: Path, data) -> None:
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
