"""Labels users see, in English and Simplified Chinese (resources/rules/labels.yaml).

The convention of resources/: every user-visible text `x` has its Chinese twin `x_zh`
(docs/checklist-format.md, "Languages"). This module loads the labels of the fixed vocabulary
(areas, audit-day stages, answers, strata, CAP fields, ...) and offers `label(group, key, lang)`;
grades, statuses, audit types, CAP item statuses and age bands keep their labels in their own rule
files and modules. Code never keys on a label: only on the stored codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from auditor_app.checklist.definition import lang_code
from auditor_app.resources import load_rules

LABELS_FILE = "rules/labels.yaml"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


# A user-visible text: a non-blank string. Used for `label_zh` etc. in every rule file.
Text = Annotated[StrictStr, AfterValidator(_not_blank)]


@dataclass(frozen=True)
class Label:
    """One label in both languages."""

    en: str
    zh: str

    def get(self, lang: str | None = "en") -> str:
        return self.zh if lang_code(lang) == "zh" else self.en

    def __str__(self) -> str:
        return self.en


class _LabelModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: Text
    label_zh: Text


class _LabelsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_: Literal["escp-labels/1"] = Field(alias="schema")
    groups: dict[StrictStr, dict[StrictStr, _LabelModel]]


@lru_cache(maxsize=None)
def load_labels(path: str = LABELS_FILE) -> dict[str, dict[str, Label]]:
    """Every group of labels: {group: {key: Label}}, in the file's order."""
    parsed = load_rules(_LabelsFile, path)
    return {group: {key: Label(m.label, m.label_zh) for key, m in entries.items()}
            for group, entries in parsed.groups.items()}


def labels(group: str, lang: str | None = "en") -> dict[str, str]:
    """{key: label} of one group in one language, in the file's order."""
    return {key: lab.get(lang) for key, lab in _group(group).items()}


def label(group: str, key: str, lang: str | None = "en") -> str:
    """The label of `key` in `group`, e.g. label("stages", "opening", "zh") -> "首次会议"."""
    entries = _group(group)
    if key not in entries:
        raise KeyError(f"no label for {key!r} in group {group!r}; known: {', '.join(entries)}")
    return entries[key].get(lang)


def _group(group: str) -> dict[str, Label]:
    every = load_labels()
    if group not in every:
        raise KeyError(f"no label group {group!r}; known: {', '.join(every)}")
    return every[group]
