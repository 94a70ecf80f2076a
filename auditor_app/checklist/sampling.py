"""Audit man-days, fees and sample sizes (resources/rules/sampling.yaml).

`plan_audit` turns a headcount into what the audit needs: man-days and the program's fee, how many
workers to interview individually and in groups, and how many pay/time records to review per pay
period. The numbers are the program's editable table; this module only looks them up. Man-days beyond
the table (extra sites, extra shifts) are never added: they are shown as a request that needs the
program's prior approval, with what they would cost if approved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from auditor_app.checklist.definition import lang_code
from auditor_app.checklist.labels import Text
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
    extra_man_days: float = 0.0        # requested beyond the table: needs the program's prior approval
    extra_fee_usd: int = 0             # what the extra man-days would cost if approved
    fee_basis: str = "per_man_day"     # per_man_day | progress_visit | desktop_review


@dataclass(frozen=True)
class AgeBand:
    label: str
    min: int
    max: int | None
    label_zh: str = ""

    def text(self, lang: str | None = "en") -> str:
        """The band's label in `lang` ("en" or "zh")."""
        return (self.label_zh or self.label) if lang_code(lang) == "zh" else self.label

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
    fee_usd: int = Field(gt=0)


class _Adjustments(BaseModel):
    model_config = ConfigDict(extra="forbid")
    per_additional_site: float = Field(ge=0)
    per_additional_shift: float = Field(ge=0)


class _Records(BaseModel):
    model_config = ConfigDict(extra="forbid")
    minimum: int = Field(ge=1)
    percent: float = Field(gt=0, le=100)
    percent_above: int = Field(ge=0)
    review_months: int = Field(ge=1, le=36)


class _ProgressVisit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    audit_types: list[str]
    bands: list[_SurveyBand]

    @field_validator("bands")
    @classmethod
    def _contiguous(cls, bands):
        _check_contiguous(bands, start=1)
        return bands


class _DesktopReview(BaseModel):
    model_config = ConfigDict(extra="forbid")
    audit_types: list[str]
    fee_usd: int = Field(gt=0)


class _AgeBandModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: Text
    label_zh: Text
    min: int = Field(ge=0)
    max: int | None


class _SamplingFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fee_per_man_day_usd: int = Field(gt=0)
    audit_types: list[str]
    bands: list[_AuditBand]
    extra_man_days: _Adjustments
    records: _Records
    progress_visit: _ProgressVisit
    desktop_review: _DesktopReview
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
        groups = (("full audit", self.audit_types), ("PV", self.progress_visit.audit_types),
                  ("desktop review", self.desktop_review.audit_types))
        for i, (name_a, a) in enumerate(groups):
            for name_b, b in groups[i + 1:]:
                overlap = set(a) & set(b)
                if overlap:
                    raise ValueError(f"audit types listed twice ({name_a} and {name_b}): {sorted(overlap)}")
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
    return tuple(AgeBand(b.label, b.min, b.max, b.label_zh) for b in load_sampling(path).age_bands)


def age_band_label(label: str, lang: str | None = "en", path: str = SAMPLING_FILE) -> str:
    """A stored age-band label (a stratum value such as "under 18") in `lang`; unknown labels as given."""
    for band in age_bands(path):
        if band.label == label:
            return band.text(lang)
    return label


def audit_types(path: str = SAMPLING_FILE) -> tuple[str, ...]:
    table = load_sampling(path)
    return (tuple(table.audit_types) + tuple(table.progress_visit.audit_types)
            + tuple(table.desktop_review.audit_types))


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
    """Man-days, interviews, records and the program's fee for an audit or visit of a factory with
    `headcount` workers. Extra sites and shifts are shown as man-days needing prior approval."""
    if isinstance(headcount, bool) or not isinstance(headcount, int) or headcount < 1:
        raise ValueError(f"headcount must be a whole number of workers, at least 1 (got {headcount!r})")
    for label, value in (("sites", sites), ("shifts", shifts)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{label} must be a whole number, at least 1 (got {value!r})")
    table = load_sampling(path)
    kind = audit_type.strip()
    kind = next((k for k in audit_types(path) if k.upper() == kind.upper()), kind)
    notes: list[str] = []

    if kind in table.desktop_review.audit_types:
        fee = table.desktop_review.fee_usd
        notes.append(f"Desktop Review: the factory's evidence is reviewed off site; flat fee US${fee:,} "
                     "(program fee schedule); no man-days on site, no interviews, no payroll sample.")
        return SamplePlan(man_days=0.0, individual_interviews=0, group_interviews=0, group_size=0,
                          workers_to_interview=0, records_to_review=0, fee_usd=fee, band="any size",
                          notes=tuple(notes), fee_basis="desktop_review")

    pv = kind in table.progress_visit.audit_types
    if pv:
        band = _band_for(table.progress_visit.bands, headcount)
        individual, groups, group_size = band.survey, 0, 0
        fee = band.fee_usd
        notes.append(f"Progress Visit: {band.man_days:g} man-day(s) and a survey of {band.survey} workers for "
                     f"{_band_label(band)}; fee US${fee:,} (program fee schedule).")
    elif kind in table.audit_types:
        band = _band_for(table.bands, headcount)
        individual, groups, group_size = band.individual, band.groups, band.group_size
        fee = round(band.man_days * table.fee_per_man_day_usd)
    else:
        known = ", ".join(audit_types(path))
        raise ValueError(f"no sampling rule for audit type {audit_type!r}; known types: {known}")

    workers = individual + groups * group_size
    if workers > headcount:
        # A tiny factory: everyone is interviewed, one by one (a group of 1 is not a group).
        notes.append(f"Only {headcount} workers, fewer than the sample of {workers}: "
                     f"interview every worker individually.")
        individual, groups, group_size, workers = headcount, 0, 0, headcount

    extra = 0.0
    if sites > 1:
        more = (sites - 1) * table.extra_man_days.per_additional_site
        extra += more
        notes.append(f"{sites - 1} additional site(s): +{more:g} man-days only with the program's prior "
                     f"approval; not in the plan or the fee.")
    if shifts > 1:
        more = (shifts - 1) * table.extra_man_days.per_additional_shift
        extra += more
        notes.append(f"{shifts - 1} additional shift(s): interview workers from every shift; +{more:g} "
                     f"man-days only with the program's prior approval; not in the plan or the fee.")
    extra_fee = 0 if pv else round(extra * table.fee_per_man_day_usd)
    if extra and pv:
        notes.append(f"The fee for {extra:g} extra man-day(s) on a Progress Visit is set by the program.")
    elif extra:
        notes.append(f"If the program approves the {extra:g} extra man-day(s): US${extra_fee:,} more.")

    records = records_to_review(headcount, path)
    notes.append(f"Review {records} workers' time and pay records per pay period "
                 f"({table.records.review_months} months incl. the latest period, low and peak season).")
    return SamplePlan(
        man_days=band.man_days,
        individual_interviews=individual,
        group_interviews=groups,
        group_size=group_size,
        workers_to_interview=workers,
        records_to_review=records,
        fee_usd=fee,
        band=_band_label(band),
        notes=tuple(notes),
        extra_man_days=extra,
        extra_fee_usd=extra_fee,
        fee_basis="progress_visit" if pv else "per_man_day",
    )
