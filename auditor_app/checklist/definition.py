"""One checklist edition as plain, frozen values: sections, subsections, checkpoints.

Built by `auditor_app.checklist.loader` from the YAML files in `resources/checklists/<version>/`;
nothing here reads files. Every audit is pinned to one edition, so these objects never change once
loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The twelve areas of the ESCP standard, in the order of the 4.0 sections.
AREAS = (
    "audit_process",
    "business_ethics",
    "discrimination",
    "disciplinary_practices",
    "employee_representation",
    "employment_practices",
    "environment_chemical_safety",
    "modern_day_slavery",
    "safety",
    "underage_labor",
    "wages",
    "working_hours",
)

# Where in the audit day a checkpoint is mostly answered (domain brief §6).
STAGES = ("opening", "tour", "documents", "interviews")

# Audit and visit types (domain brief §5): QCA is the program's quality check audit (unannounced,
# scheduled by ESCP), ReIA the re-initial audit of a factory in Remediation.
AUDIT_TYPES = ("ICA", "IAA", "PV", "FU", "SA", "OE", "RA", "DR", "QCA", "ReIA")

# Tags other modules rely on: status rules look for record_inconsistency and transparency,
# the interview planner for underage/young_worker/migrant, and so on. A new tag needs code, so
# the list lives here rather than in a data file.
TAGS = (
    "record_inconsistency",
    "underage",
    "young_worker",
    "hidden_production",
    "fee",
    "migrant",
    "transparency",
)

# Conditions under which a conditional grade replaces the default one.
CONDITIONS = ("transparent", "isolated")

# Per-checkpoint CAP deadlines that override the grade's (resources/rules/cap-policy.yaml `immediate`).
DUES = ("immediate",)

# The languages the standard is written in. Every user-visible text `x` in resources/ has its
# Simplified Chinese beside it as `x_zh` (docs/checklist-format.md, "Languages"); the plain attribute
# (`question`, `title`, ...) is always the English.
LANGS = ("en", "zh")


def lang_code(lang: str | None) -> str:
    """"en" or "zh" for a language or locale name: "zh", "zh_CN", "zh-Hans", "en_GB", None -> "en"."""
    if not lang:
        return "en"
    code = lang.strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    if code not in LANGS:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGS)}")
    return code


class _Localized:
    """`text(field, lang)`: the English attribute `field`, or its Chinese twin `field_zh`.

    Objects built without Chinese (e.g. by hand in a test) fall back to the English.
    """

    def text(self, field: str, lang: str | None = "en"):
        english = getattr(self, field)
        if lang_code(lang) == "en":
            return english
        chinese = getattr(self, f"{field}_zh", None)
        return chinese if chinese else english


@dataclass(frozen=True)
class Evidence(_Localized):
    """Typical evidence for a checkpoint, by where the auditor finds it.

    `documents_zh` etc. are the same items in Chinese, in the same order: `text("documents", "zh")`.
    """

    documents: tuple[str, ...] = ()
    tour: tuple[str, ...] = ()
    interviews: tuple[str, ...] = ()
    documents_zh: tuple[str, ...] = ()
    tour_zh: tuple[str, ...] = ()
    interviews_zh: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.documents or self.tour or self.interviews)


@dataclass(frozen=True)
class ConditionalGrade(_Localized):
    """A grade that replaces the default when `when` holds (e.g. critical if transparent)."""

    grade: str
    when: str
    note: str
    note_zh: str = ""


@dataclass(frozen=True)
class Checkpoint(_Localized):
    """One checkpoint. `question` and `guidance` are English; `question_zh` and `guidance_zh` the
    Chinese; `text("question", lang)` picks one."""

    id: str
    question: str
    guidance: str
    evidence: Evidence
    grade: str
    conditional: ConditionalGrade | None
    stage: str
    audit_types: frozenset[str]
    tags: frozenset[str]
    section_id: str
    subsection_id: str
    # "immediate": contained before the audit team leaves, CAP due the audit day (cap-policy.yaml).
    due: str | None = None
    # Reasons (grades.yaml `raise_to.reasons`) for which a finding here may be raised to Zero
    # Tolerance; None: the reasons whose areas include this checkpoint's section's area.
    raise_reasons: tuple[str, ...] | None = None
    question_zh: str = ""
    guidance_zh: str = ""

    def grade_for(self, transparent: bool, isolated: bool) -> str:
        """The grade of a non-compliance here, given what the auditor saw on site."""
        cond = self.conditional
        if cond is not None:
            holds = {"transparent": transparent, "isolated": isolated}[cond.when]
            if holds:
                return cond.grade
        return self.grade


@dataclass(frozen=True)
class Subsection(_Localized):
    id: str
    title: str
    checkpoints: tuple[Checkpoint, ...]
    title_zh: str = ""


@dataclass(frozen=True)
class Section(_Localized):
    id: str
    title: str
    area: str
    subsections: tuple[Subsection, ...]
    title_zh: str = ""

    @property
    def checkpoints(self) -> tuple[Checkpoint, ...]:
        return tuple(cp for sub in self.subsections for cp in sub.checkpoints)


@dataclass(frozen=True)
class Checklist(_Localized):
    version: str
    title: str
    effective_date: date
    sections: tuple[Section, ...]
    title_zh: str = ""
    # Derived lookups, built once; not part of equality or repr.
    _by_id: dict = field(init=False, repr=False, compare=False)
    _section_by_id: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Checkpoint] = {}
        section_of: dict[str, Section] = {}
        for section in self.sections:
            for cp in section.checkpoints:
                by_id[cp.id] = cp
                section_of[cp.id] = section
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_section_by_id", section_of)

    @property
    def checkpoints(self) -> tuple[Checkpoint, ...]:
        """Every checkpoint in checklist order."""
        return tuple(self._by_id.values())

    def checkpoint(self, checkpoint_id: str) -> Checkpoint:
        try:
            return self._by_id[checkpoint_id]
        except KeyError:
            raise KeyError(
                f"checkpoint {checkpoint_id!r} is not in checklist edition {self.version}"
            ) from None

    def __contains__(self, checkpoint_id: object) -> bool:
        return checkpoint_id in self._by_id

    def section_of(self, checkpoint_id: str) -> Section:
        self.checkpoint(checkpoint_id)  # same KeyError message for an unknown id
        return self._section_by_id[checkpoint_id]

    def for_audit_type(self, code: str) -> list[Checkpoint]:
        """The checkpoints answered in an audit or visit of this type, in checklist order."""
        if code not in AUDIT_TYPES:
            raise KeyError(f"unknown audit type {code!r}; known: {', '.join(AUDIT_TYPES)}")
        return [cp for cp in self._by_id.values() if code in cp.audit_types]

    def by_tag(self, tag: str) -> list[Checkpoint]:
        if tag not in TAGS:
            raise KeyError(f"unknown tag {tag!r}; known: {', '.join(TAGS)}")
        return [cp for cp in self._by_id.values() if tag in cp.tags]
