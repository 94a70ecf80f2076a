"""Load and validate checklist editions (`resources/checklists/<version>/`) and the mappings
between editions (`resources/checklists/mappings/<from>-to-<to>.yaml`).

The file format is described in docs/checklist-format.md. Every problem raises `ChecklistError`,
whose message names the file, the checkpoint id (when there is one) and the field.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, ValidationError
from pydantic_core import ErrorDetails

from auditor_app.checklist.definition import (
    AREAS,
    AUDIT_TYPES,
    CONDITIONS,
    DUES,
    STAGES,
    TAGS,
    Checklist,
    Checkpoint,
    ConditionalGrade,
    Evidence,
    Section,
    Subsection,
    lang_code,
)
from auditor_app.checklist.grades import grade_keys, raise_to
from auditor_app.resources import RulesFileError, load_yaml, pydantic_where, resources_dir

CHECKLISTS_DIR = "checklists"
MAPPINGS_DIR = "mappings"
EDITION_FILE = "edition.yaml"


class ChecklistError(RulesFileError):
    """A checklist edition or mapping file is missing or invalid."""

    def __init__(self, file: str | Path, problem: str, *, checkpoint: str | None = None,
                 field: str | None = None, path: str = ""):
        self.checkpoint_id = checkpoint
        self.field = field
        parts = []
        if checkpoint:
            parts.append(f"checkpoint {checkpoint}")
        if field:
            parts.append(f"field '{field}'")
        where = ", ".join(parts)
        if path and path != field:
            where = f"{where} ({path})" if where else path
        super().__init__(file, where, problem)


# ---- vocabulary checks, run inside pydantic so the error location points at the field ----

def _one_of(known: tuple[str, ...], what: str):
    def check(value: str) -> str:
        if value not in known:
            raise ValueError(f"unknown {what} {value!r}; known: {', '.join(known)}")
        return value
    return AfterValidator(check)


def _grade(value: str) -> str:
    known = grade_keys()
    if value not in known:
        raise ValueError(f"unknown grade {value!r}; known: {', '.join(known)}")
    return value


def _raise_reason(value: str) -> str:
    known = tuple(r.key for r in raise_to().reasons)
    if value not in known:
        raise ValueError(f"unknown reason to raise a grade {value!r}; known: {', '.join(known)}")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _no_repeats(values: list[str]) -> list[str]:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"listed more than once: {', '.join(repeated)}")
    return values


Text = Annotated[StrictStr, AfterValidator(_not_blank)]
GradeKey = Annotated[StrictStr, AfterValidator(_grade)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _EvidenceModel(_Model):
    documents: list[Text] = []
    tour: list[Text] = []
    interviews: list[Text] = []
    # The same items in Chinese, in the same order (checked in _build_checkpoint).
    documents_zh: list[Text] | None = None
    tour_zh: list[Text] | None = None
    interviews_zh: list[Text] | None = None


class _ConditionalModel(_Model):
    grade: GradeKey
    when: Annotated[StrictStr, _one_of(CONDITIONS, "condition")]
    note: Text
    note_zh: Text | None = None


class _CheckpointModel(_Model):
    id: StrictStr
    question: Text
    question_zh: Text | None = None
    guidance: Text
    guidance_zh: Text | None = None
    evidence: _EvidenceModel
    grade: GradeKey
    conditional: _ConditionalModel | None = None
    stage: Annotated[StrictStr, _one_of(STAGES, "stage")]
    audit_types: Annotated[
        list[Annotated[StrictStr, _one_of(AUDIT_TYPES, "audit type")]],
        Field(min_length=1), AfterValidator(_no_repeats),
    ] | None = None
    tags: Annotated[
        list[Annotated[StrictStr, _one_of(TAGS, "tag")]], AfterValidator(_no_repeats)
    ] = []
    due: Annotated[StrictStr, _one_of(DUES, "due")] | None = None
    raise_reasons: Annotated[
        list[Annotated[StrictStr, AfterValidator(_raise_reason)]], AfterValidator(_no_repeats)
    ] | None = None


class _SubsectionModel(_Model):
    id: StrictStr
    title: Text
    title_zh: Text | None = None
    checkpoints: Annotated[list[_CheckpointModel], Field(min_length=1)]


class _SectionFile(_Model):
    id: StrictStr
    title: Text
    title_zh: Text | None = None
    area: Annotated[StrictStr, _one_of(AREAS, "area")]
    subsections: Annotated[list[_SubsectionModel], Field(min_length=1)]


class _EditionFile(_Model):
    schema_: Literal["escp-checklist/1"] = Field(alias="schema")
    version: StrictStr
    title: Text
    title_zh: Text | None = None
    effective_date: date
    sections: Annotated[list[StrictStr], Field(min_length=1), AfterValidator(_no_repeats)]
    # Older editions split one area over several sections (3.0: Facilities, Fire, EHS and
    # Dormitory are all `safety`); they must say so, so that a typo'd area in 4.0 is still caught.
    sections_share_areas: bool = False


class _MappingFile(_Model):
    schema_: Literal["escp-checklist-mapping/1"] = Field(alias="schema")
    from_: StrictStr = Field(alias="from")
    to: StrictStr
    checkpoints: dict[StrictStr, Annotated[list[StrictStr], AfterValidator(_no_repeats)]]


# ---- turning a pydantic error into a ChecklistError ----

def _read(file: Path) -> Any:
    """load_yaml, with its errors (missing file, bad YAML) raised as ChecklistError too."""
    try:
        return load_yaml(file)
    except ChecklistError:
        raise
    except RulesFileError as exc:
        raise ChecklistError(exc.file, exc.problem, path=exc.where) from None


def _validate(model: type[BaseModel], raw: Any, file: Path) -> Any:
    if not isinstance(raw, dict):
        raise ChecklistError(file, f"expected a mapping of fields, found {type(raw).__name__}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise _error_from(file, raw, err) from None


def _error_from(file: Path, raw: dict, err: ErrorDetails) -> ChecklistError:
    loc = tuple(err.get("loc", ()))
    problem = err["msg"].removeprefix("Value error, ")
    if err.get("type") == "missing":
        problem = "is required but missing"
    elif err.get("type") == "extra_forbidden":
        problem = "is not a known field"
    elif "input" in err and err.get("type", "").endswith("_type"):
        problem = f"{problem} (found {err['input']!r})"
    # Find the checkpoint the error sits in, to name it by its id.
    for k in range(1, len(loc)):
        if loc[k - 1] == "checkpoints" and isinstance(index := loc[k], int):
            node: Any = raw
            try:
                for part in loc[: k + 1]:
                    node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            cp_id = node.get("id") if isinstance(node, dict) else None
            label = cp_id if isinstance(cp_id, str) else f"#{index + 1} ({pydantic_where({'loc': loc[:k + 1]})})"
            field = pydantic_where({"loc": loc[k + 1:]}) or None
            return ChecklistError(file, problem, checkpoint=label, field=field,
                                  path=pydantic_where({"loc": loc}))
    return ChecklistError(file, problem, field=pydantic_where({"loc": loc}) or None)


# ---- the Chinese twin of every text ----

# Every text of an edition shown to users (titles, question, guidance, conditional note, evidence
# items) carries its Simplified Chinese as `<field>_zh`; an edition where one is missing is refused.
REQUIRE_ZH = True

_NO_ZH = ("has no Chinese text: every user-visible text needs its `{field}` twin "
          "(docs/checklist-format.md, \"Languages\")")


def _zh(file: Path, value: str | None, *, field: str, checkpoint: str | None = None,
        path: str = "") -> str:
    if value is None:
        if REQUIRE_ZH:
            raise ChecklistError(file, _NO_ZH.format(field=field), checkpoint=checkpoint,
                                 field=field, path=path)
        return ""
    return value.strip()


def _zh_items(file: Path, items_zh: list[str] | None, items: list[str], *, field: str,
              checkpoint: str, path: str) -> tuple[str, ...]:
    if items_zh is None:
        if items and REQUIRE_ZH:
            raise ChecklistError(file, _NO_ZH.format(field=field), checkpoint=checkpoint,
                                 field=field, path=path)
        return ()
    if len(items_zh) != len(items):
        english = field.removesuffix("_zh")
        raise ChecklistError(file, f"has {len(items_zh)} item(s) but '{english}' has {len(items)}: "
                                   f"give every item its Chinese, in the same order",
                             checkpoint=checkpoint, field=field, path=path)
    return tuple(item.strip() for item in items_zh)


# ---- editions ----

def _checklists_root() -> Path:
    return resources_dir() / CHECKLISTS_DIR


def _read_edition_file(folder: Path) -> _EditionFile:
    file = folder / EDITION_FILE
    edition = _validate(_EditionFile, _read(file), file)
    if edition.version != folder.name:
        raise ChecklistError(file, f"version {edition.version!r} differs from its folder name "
                                   f"{folder.name!r}", field="version")
    return edition


@lru_cache(maxsize=None)
def _editions(root: str) -> tuple[_EditionFile, ...]:
    base = Path(root)
    folders = sorted(p for p in base.iterdir() if (p / EDITION_FILE).is_file()) if base.is_dir() else []
    return tuple(sorted((_read_edition_file(f) for f in folders), key=lambda e: e.effective_date))


def list_editions() -> list[tuple[str, str, date]]:
    """(version, title, effective date) of every edition, oldest first."""
    return [(e.version, e.title, e.effective_date) for e in _editions(str(_checklists_root()))]


def edition_title(version: str, lang: str | None = "en", default: str = "") -> str:
    """An edition's title in `lang` (its English when it has no `title_zh`), read from edition.yaml only;
    `default` (else the version) for an edition not installed."""
    for e in _editions(str(_checklists_root())):
        if e.version == version:
            return (e.title_zh or e.title) if lang_code(lang) == "zh" else e.title
    return default or version


def load_checklist(version: str | None = None) -> Checklist:
    """One edition, validated; None means the newest by effective date. Loaded once per run."""
    root = str(_checklists_root())
    if version is None:
        editions = _editions(root)
        if not editions:
            raise ChecklistError(root, "no checklist edition found (no <version>/edition.yaml)")
        version = editions[-1].version
    return _load(root, version)


def clear_cache() -> None:
    """Forget loaded editions and mappings (tests; after editing resources)."""
    _editions.cache_clear()
    _load.cache_clear()
    _load_mapping.cache_clear()


_SECTION_ID = re.compile(r"^[1-9][0-9]*$")
_FILE_NUMBER = re.compile(r"^([0-9]+)-")


@lru_cache(maxsize=None)
def _load(root: str, version: str) -> Checklist:
    folder = Path(root) / version
    if not (folder / EDITION_FILE).is_file():
        known = ", ".join(e.version for e in _editions(root)) or "none"
        raise ChecklistError(folder / EDITION_FILE, f"no checklist edition {version!r}; known: {known}")
    edition = _read_edition_file(folder)
    edition_file = folder / EDITION_FILE
    sections: list[Section] = []
    seen_ids: dict[str, Path] = {}        # checkpoint id -> file it was first defined in
    area_files: dict[str, Path] = {}
    section_files: dict[str, Path] = {}
    for index, name in enumerate(edition.sections):
        file = folder / name
        if not file.is_file():
            raise ChecklistError(edition_file, f"section file {name!r} is listed but missing "
                                               f"from {folder}", field=f"sections[{index}]")
        section = _build_section(file, _validate(_SectionFile, _read(file), file))
        for cp in section.checkpoints:
            if cp.id in seen_ids:
                where = "twice in this file" if seen_ids[cp.id] == file else f"also in {seen_ids[cp.id]}"
                raise ChecklistError(file, f"duplicate checkpoint id, defined {where}",
                                     checkpoint=cp.id, field="id")
            seen_ids[cp.id] = file
        if section.id in section_files:
            raise ChecklistError(file, f"section id {section.id!r} is also used by "
                                       f"{section_files[section.id]}", field="id")
        section_files[section.id] = file
        if section.area in area_files and not edition.sections_share_areas:
            raise ChecklistError(file, f"area {section.area!r} is already used by "
                                       f"{area_files[section.area]}; one section per area unless "
                                       f"edition.yaml sets sections_share_areas: true", field="area")
        area_files.setdefault(section.area, file)
        sections.append(section)
    title_zh = _zh(edition_file, edition.title_zh, field="title_zh")
    return Checklist(edition.version, edition.title, edition.effective_date, tuple(sections), title_zh)


def _build_section(file: Path, model: _SectionFile) -> Section:
    if not _SECTION_ID.match(model.id):
        raise ChecklistError(file, f"section id {model.id!r} must be a number like \"9\"", field="id")
    numbered = _FILE_NUMBER.match(file.name)
    if numbered and int(numbered.group(1)) != int(model.id):
        raise ChecklistError(file, f"section id {model.id!r} does not match the file's number "
                                   f"{numbered.group(1)!r}", field="id")
    subsections: list[Subsection] = []
    for si, sub in enumerate(model.subsections):
        if not re.fullmatch(rf"{re.escape(model.id)}\.[1-9][0-9]*", sub.id):
            raise ChecklistError(file, f"subsection id {sub.id!r} must be "
                                       f"\"{model.id}.<n>\" (under section {model.id})",
                                 field=f"subsections[{si}].id")
        if any(s.id == sub.id for s in subsections):
            raise ChecklistError(file, f"subsection id {sub.id!r} is used twice",
                                 field=f"subsections[{si}].id")
        checkpoints = []
        for ci, cp in enumerate(sub.checkpoints):
            if not re.fullmatch(rf"{re.escape(sub.id)}\.[1-9][0-9]*", cp.id):
                raise ChecklistError(file, f"checkpoint id must be \"{sub.id}.<n>\" "
                                           f"(under subsection {sub.id} of section {model.id})",
                                     checkpoint=cp.id, field="id",
                                     path=f"subsections[{si}].checkpoints[{ci}].id")
            checkpoints.append(_build_checkpoint(file, cp, model.id, sub.id,
                                                 f"subsections[{si}].checkpoints[{ci}]"))
        sub_title_zh = _zh(file, sub.title_zh, field=f"subsections[{si}].title_zh")
        subsections.append(Subsection(sub.id, sub.title, tuple(checkpoints), sub_title_zh))
    title_zh = _zh(file, model.title_zh, field="title_zh")
    return Section(model.id, model.title, model.area, tuple(subsections), title_zh)


def _build_checkpoint(file: Path, cp: _CheckpointModel, section_id: str, sub_id: str,
                      where: str = "") -> Checkpoint:
    def zh(value: str | None, field: str) -> str:
        return _zh(file, value, field=field, checkpoint=cp.id, path=f"{where}.{field}")

    def zh_items(kind: str) -> tuple[str, ...]:
        field = f"evidence.{kind}_zh"
        return _zh_items(file, getattr(cp.evidence, f"{kind}_zh"), getattr(cp.evidence, kind),
                         field=field, checkpoint=cp.id, path=f"{where}.{field}")

    question_zh = zh(cp.question_zh, "question_zh")
    guidance_zh = zh(cp.guidance_zh, "guidance_zh")
    conditional = None
    if cp.conditional is not None:
        if cp.conditional.grade == cp.grade:
            raise ChecklistError(file, f"conditional grade {cp.grade!r} equals the default grade; "
                                       f"drop `conditional` or change it",
                                 checkpoint=cp.id, field="conditional.grade")
        conditional = ConditionalGrade(cp.conditional.grade, cp.conditional.when,
                                       cp.conditional.note,
                                       zh(cp.conditional.note_zh, "conditional.note_zh"))
    evidence = Evidence(tuple(cp.evidence.documents), tuple(cp.evidence.tour),
                        tuple(cp.evidence.interviews), zh_items("documents"), zh_items("tour"),
                        zh_items("interviews"))
    audit_types = frozenset(cp.audit_types) if cp.audit_types is not None else frozenset(AUDIT_TYPES)
    raise_reasons = tuple(cp.raise_reasons) if cp.raise_reasons is not None else None
    return Checkpoint(cp.id, cp.question.strip(), cp.guidance.strip(), evidence, cp.grade,
                      conditional, cp.stage, audit_types, frozenset(cp.tags), section_id, sub_id,
                      cp.due, raise_reasons, question_zh, guidance_zh)


# ---- mappings between editions ----

def mapping_file(from_version: str, to_version: str) -> Path:
    return _checklists_root() / MAPPINGS_DIR / f"{from_version}-to-{to_version}.yaml"


def load_mapping(from_version: str, to_version: str) -> dict[str, tuple[str, ...]]:
    """Old checkpoint id -> the new ids that carry it over; an empty tuple means retired."""
    return dict(_load_mapping(str(_checklists_root()), from_version, to_version))


@lru_cache(maxsize=None)
def _load_mapping(root: str, from_version: str, to_version: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    file = mapping_file(from_version, to_version)
    model = _validate(_MappingFile, _read(file), file)
    for field, stated, expected in (("from", model.from_, from_version), ("to", model.to, to_version)):
        if stated != expected:
            raise ChecklistError(file, f"says {stated!r} but the file name says {expected!r}", field=field)
    old, new = _load(root, from_version), _load(root, to_version)
    for old_id, new_ids in model.checkpoints.items():
        if old_id not in old:
            raise ChecklistError(file, f"dangling: no checkpoint {old_id} in edition {from_version}",
                                 checkpoint=old_id, field=f"checkpoints.{old_id}")
        for new_id in new_ids:
            if new_id not in new:
                raise ChecklistError(file, f"dangling: target {new_id} is not a checkpoint of "
                                           f"edition {to_version}",
                                     checkpoint=old_id, field=f"checkpoints.{old_id}")
    unmapped = [cp.id for cp in old.checkpoints if cp.id not in model.checkpoints]
    if unmapped:
        raise ChecklistError(file, f"{len(unmapped)} checkpoint(s) of edition {from_version} are not "
                                   f"mapped (map retired ones to []): {', '.join(unmapped)}",
                             field="checkpoints")
    # Keep the old edition's order so that listings read like the checklist.
    return tuple((cp.id, tuple(model.checkpoints[cp.id])) for cp in old.checkpoints)


def carry_over(checkpoint_id: str, from_version: str, to_version: str) -> tuple[str, ...]:
    """The checkpoint ids in `to_version` that an answer to `checkpoint_id` carries over to."""
    if from_version == to_version:
        load_checklist(from_version).checkpoint(checkpoint_id)
        return (checkpoint_id,)
    mapping = load_mapping(from_version, to_version)
    if checkpoint_id not in mapping:
        raise KeyError(f"checkpoint {checkpoint_id!r} is not in checklist edition {from_version}")
    return mapping[checkpoint_id]
