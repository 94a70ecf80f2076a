"""Audit man-days and sample sizes (resources/rules/sampling.yaml).

`plan_audit` turns a headcount into what the audit needs: man-days (and so the fee), how many workers
to interview individually and in groups, and how many pay/time records to review per pay period.
The numbers are the program's editable table; this module only looks them up and adds adjustments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from auditor_app.resources import load_rules

SAMPLING_FILE = "rules/sampling.yaml"


@dataclass(frozen=True)
class SamplePlan:
    man_days: float
    individual_interviews: int
    group_interviews: int
    group_size: int
    workers_to_interview: int
    records_to_review: int
    fee_usd: int
    band: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgeBand:
    label: str
    min: int
    max: int | None

    def contains(self, age: int) -> bool:
        return age >= self.min and (self.max is None or age <= self.max)


# ── file schema ──────────────────────────────────────────────────────────────────────────────

class _Band(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(ge=1)
    max: int | None

    @model_validator(mode="after")
    def _order(self):
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        man_days = getattr(self, "man_days", None)
        if man_days is not None and (man_days <= 0 or (man_days * 2) != int(man_days * 2)):
            raise ValueError(f"man_days {man_days} must be a positive multiple of 0.5")
        return self


class _AuditBand(_Band):
    man_days: float
    individual: int = Field(ge=0)
    groups: int = Field(ge=0)
    group_size: int = Field(ge=0)

    @model_validator(mode="after")
    def _groups_have_size(self):
        if self.groups and self.group_size < 2:
            raise ValueError("a group interview needs group_size of at least 2")
        return self


class _SurveyBand(_Band):
    man_days: float
    survey: int = Field(ge=1)


class _Adjustments(BaseModel):
    model_config = ConfigDict(extra="forbid")
    per_additional_site: float = Field(ge=0)
    per_additional_shift: float = Field(ge=0)


class _Records(BaseModel):
    model_config = ConfigDict(extra="forbid")
    minimum: int = Field(ge=1)
    percent: float = Field(gt=0, le=100)
    percent_above: int = Field(ge=0)


class _ProgressVisit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    audit_types: list[str]
    bands: list[_SurveyBand]

    @field_validator("bands")
    @classmethod
    def _contiguous(cls, bands):
        _check_contiguous(bands, start=1)
        return bands


class _AgeBandModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    min: int = Field(ge=0)
    max: int | None


class _SamplingFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fee_per_man_day_usd: int = Field(gt=0)
    audit_types: list[str]
    bands: list[_AuditBand]
    adjustments: _Adjustments
    records: _Records
    progress_visit: _ProgressVisit
    age_bands: list[_AgeBandModel]

    @field_validator("bands")
    @classmethod
    def _contiguous(cls, bands):
        _check_contiguous(bands, start=1)
        return bands

    @field_validator("age_bands")
    @classmethod
    def _ages_contiguous(cls, bands):
        _check_contiguous(bands, start=0)
        return bands

    @model_validator(mode="after")
    def _check(self):
        overlap = set(self.audit_types) & set(self.progress_visit.audit_types)
        if overlap:
            raise ValueError(f"audit types listed twice (full audit and PV): {sorted(overlap)}")
        return self


def _check_contiguous(bands, start: int) -> None:
    """Bands must cover start..∞ in order without gaps or overlaps."""
    if not bands:
        raise ValueError("at least one band is needed")
    expected = start
    for i, band in enumerate(bands):
        if band.min != expected:
            raise ValueError(f"band {i} starts at {band.min}, expected {expected} (gap or overlap)")
        if band.max is None:
            if i != len(bands) - 1:
                raise ValueError(f"band {i} is open-ended (max: null) but is not the last band")
            return
        expected = band.max + 1
    raise ValueError("the last band must be open-ended (max: null)")


@lru_cache(maxsize=None)
def load_sampling(path: str = SAMPLING_FILE) -> _SamplingFile:
    return load_rules(_SamplingFile, path)


def age_bands(path: str = SAMPLING_FILE) -> tuple[AgeBand, ...]:
    return tuple(AgeBand(b.label, b.min, b.max) for b in load_sampling(path).age_bands)


def audit_types(path: str = SAMPLING_FILE) -> tuple[str, ...]:
    table = load_sampling(path)
    return tuple(table.audit_types) + tuple(table.progress_visit.audit_types)


# ── the plan ────────────────────────────────────────────────────────────────────────────────

def _band_for(bands, headcount: int):
    for band in bands:
        if headcount >= band.min and (band.max is None or headcount <= band.max):
            return band
    raise AssertionError("bands are validated to cover every headcount")  # pragma: no cover


def _band_label(band) -> str:
    return f"{band.min}+ workers" if band.max is None else f"{band.min}-{band.max} workers"


def records_to_review(headcount: int, path: str = SAMPLING_FILE) -> int:
    rule = load_sampling(path).records
    wanted = rule.minimum
    if headcount > rule.percent_above:
        wanted = max(wanted, math.ceil(headcount * rule.percent / 100))
    return min(wanted, headcount)


def plan_audit(headcount: int, sites: int = 1, shifts: int = 1, audit_type: str = "ICA",
               path: str = SAMPLING_FILE) -> SamplePlan:
    """Man-days, interviews, records and fee for an audit of a factory with `headcount` workers."""
    if isinstance(headcount, bool) or not isinstance(headcount, int) or headcount < 1:
        raise ValueError(f"headcount must be a whole number of workers, at least 1 (got {headcount!r})")
    for label, value in (("sites", sites), ("shifts", shifts)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{label} must be a whole number, at least 1 (got {value!r})")
    table = load_sampling(path)
    kind = audit_type.strip().upper()
    notes: list[str] = []

    if kind in table.progress_visit.audit_types:
        band = _band_for(table.progress_visit.bands, headcount)
        individual, groups, group_size = band.survey, 0, 0
        notes.append(f"Progress Visit: survey of {band.survey} workers for {_band_label(band)}.")
    elif kind in table.audit_types:
        band = _band_for(table.bands, headcount)
        individual, groups, group_size = band.individual, band.groups, band.group_size
    else:
        known = ", ".join(table.audit_types + table.progress_visit.audit_types)
        raise ValueError(f"no sampling rule for audit type {audit_type!r}; known types: {known}")

    workers = individual + groups * group_size
    if workers > headcount:
        # A tiny factory: everyone is interviewed, one by one (a group of 1 is not a group).
        notes.append(f"Only {headcount} workers, fewer than the sample of {workers}: "
                     f"interview every worker individually.")
        individual, groups, group_size, workers = headcount, 0, 0, headcount

    man_days = band.man_days
    if sites > 1:
        extra = (sites - 1) * table.adjustments.per_additional_site
        man_days += extra
        notes.append(f"+{extra:g} man-days for {sites - 1} additional site(s).")
    if shifts > 1:
        extra = (shifts - 1) * table.adjustments.per_additional_shift
        man_days += extra
        notes.append(f"+{extra:g} man-days for {shifts - 1} additional shift(s); "
                     f"interview workers from every shift.")

    records = records_to_review(headcount, path)
    notes.append(f"Review {records} workers' time and pay records per pay period "
                 f"(12 months incl. the latest period, low and peak season).")
    return SamplePlan(
        man_days=man_days,
        individual_interviews=individual,
        group_interviews=groups,
        group_size=group_size,
        workers_to_interview=workers,
        records_to_review=records,
        fee_usd=round(man_days * table.fee_per_man_day_usd),
        band=_band_label(band),
        notes=tuple(notes),
    )
