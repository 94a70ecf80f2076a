"""The roster check on import: workers triaged into groups the auditor can act on.

Each group has a count, a summary message and the workers concerned (worker ids: working papers only).
Worker groups, in the order they are reported:
- underage:        under the minimum working age on the audit day (child labour to confirm);
- id_mismatch:     the identity number's birth date or sex differs from the roster, or two workers
                   share one number (borrowed cards);
- historical:      employed under the minimum age on a day inside the records' review period;
- juvenile:        16-17 (China): registration and health checks to verify;
- past_retirement: at or past the statutory retirement age under the rules in force on the audit
                   date (China: the 2025 reform, by month of birth): contract type to check;
- id_invalid:      identity numbers that fail the GB 11643 check (format, date, check digit);
- implausible:     dates that cannot be true (data to verify, never child labour);
- hired_underage_before_period: hired under the minimum age but of age before the review period
                   (outside the records under review; reported, not counted).
Roster-wide groups: dispatch (agency) share and intern share against the legal caps, and the roster
size against the declared headcount.

Rules are data: resources/rules/roster-checks.yaml (limits, what joins the sample), the legal table of
the country (legal-<CC>.yaml), minimum-age.yaml and sampling.yaml (the review period). Every text is
built from a message id and parameters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from auditor_app.checklist.age_flags import age_flags, age_rule, birthday, cited, dates_plausible, review_start
from auditor_app.checklist.cn_id import check_id, masked
from auditor_app.checklist.legal import legal_tables, retirement
from auditor_app.checklist.messages import Message, Words, message, prepares
from auditor_app.checklist.roster import Roster
from auditor_app.checklist.roster_dates import age_on
from auditor_app.resources import load_rules

CHECKS_FILE = "rules/roster-checks.yaml"

WORKER_GROUPS = ("underage", "id_mismatch", "historical", "juvenile", "past_retirement", "id_invalid",
                 "implausible", "hired_underage_before_period")
ROSTER_GROUPS = ("dispatch_share", "intern_share", "headcount")
LEVELS = ("flag", "verify", "info")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Implausible(_Model):
    hired_before_age: Annotated[int, Field(ge=5, le=16)]
    oldest_age: Annotated[int, Field(ge=60, le=120)]


class _Sample(_Model):
    flagged_share: tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=1)]]
    interview_groups: tuple[Literal[WORKER_GROUPS], ...]  # type: ignore[valid-type]

    @field_validator("flagged_share")
    @classmethod
    def _share(cls, value):
        if value[0] > value[1]:
            raise ValueError("the flagged share cannot be more than the whole sample")
        return value


class _Retirement(_Model):
    women_scheme: Literal["women_workers", "women_cadres"]


class _ContractTypes(_Model):
    contract_types: tuple[str, ...]


class _Headcount(_Model):
    tolerance_share: Annotated[float, Field(ge=0, lt=1)]


class RosterChecks(_Model):
    implausible: _Implausible
    sample: _Sample
    retirement: _Retirement
    dispatch: _ContractTypes
    interns: _ContractTypes
    headcount: _Headcount


@lru_cache(maxsize=None)
def load_roster_checks(path: str = CHECKS_FILE) -> RosterChecks:
    return load_rules(RosterChecks, path)


@dataclass(frozen=True)
class WorkerNote:
    worker_id: str
    message: Message

    @property
    def text(self) -> str:
        return self.message.text


@dataclass(frozen=True)
class TriageGroup:
    key: str
    level: str                     # flag | verify | info
    message: Message               # the summary, with the count
    workers: tuple[WorkerNote, ...] = ()

    @property
    def count(self) -> int:
        return len(self.workers)

    @property
    def text(self) -> str:
        return self.message.text


@dataclass(frozen=True)
class RosterTriage:
    on_date: date
    country: str
    review_months: int
    groups: tuple[TriageGroup, ...]

    def group(self, key: str) -> TriageGroup | None:
        return next((g for g in self.groups if g.key == key), None)

    def interview_candidates(self) -> list[tuple[str, str]]:
        """(worker id, group key) of the flagged workers that may join the sample, in priority order,
        each worker once."""
        order = load_roster_checks().sample.interview_groups
        seen: set[str] = set()
        out = []
        for key in order:
            group = self.group(key)
            for note in group.workers if group else ():
                if note.worker_id not in seen:
                    seen.add(note.worker_id)
                    out.append((note.worker_id, key))
        return out

    def as_dict(self) -> dict:
        return {"audit_date": self.on_date.isoformat(), "country": self.country,
                "review_months": self.review_months,
                "groups": [{"key": g.key, "level": g.level, "count": g.count, **g.message.as_dict(),
                            "workers": [{"worker_id": n.worker_id, **n.message.as_dict()} for n in g.workers]}
                           for g in self.groups]}


def _share_group(key, workers, total, cap, source, source_zh=None, level_over="flag") -> TriageGroup:
    over = Fraction(len(workers), total) > Fraction(str(cap)) if total else False
    msg = message(f"triage_{key}", count=len(workers), total=total, cap=cap, source=source, source_zh=source_zh,
                  over=over)
    return TriageGroup(key, level_over if over else "info", msg,
                       tuple(WorkerNote(w, message("worker_listed", worker_id=w)) for w in workers))


def triage_roster(roster: Roster, on_date: date, country: str = "CN", headcount: int | None = None) -> RosterTriage:
    """Triage every worker of the roster for the audit on `on_date`."""
    from auditor_app.checklist.sampling import load_sampling

    checks = load_roster_checks()
    months = load_sampling().records.review_months
    rule = age_rule(country, on_date=on_date)
    legal = legal_tables(country)
    limits = checks.implausible
    period_start = review_start(on_date, months)
    notes: dict[str, list[WorkerNote]] = {key: [] for key in WORKER_GROUPS}

    for flag in age_flags(roster, on_date, country, months):
        assert flag.message is not None
        key = {"underage": "underage", "young": "juvenile", "historical": "historical"}[flag.kind]
        notes[key].append(WorkerNote(flag.worker_id, flag.message))
        if flag.kind == "young" and flag.underage_in_period:
            notes["historical"].append(WorkerNote(flag.worker_id, flag.message))

    seen_ids: dict[str, str] = {}
    for w in roster.workers:
        birth_ok, hire_ok = dates_plausible(w, on_date, limits.hired_before_age, limits.oldest_age)
        problems: list[dict[str, Any]] = []
        if w.birth_date > on_date:
            problems.append({"what": "born_after_audit", "born": w.birth_date.isoformat()})
        elif age_on(w.birth_date, on_date) > limits.oldest_age:
            problems.append({"what": "too_old", "age": age_on(w.birth_date, on_date), "limit": limits.oldest_age})
        if w.hire_date is not None:
            if w.hire_date > on_date:
                problems.append({"what": "hired_after_audit", "hired": w.hire_date.isoformat()})
            if w.hire_date < w.birth_date:
                problems.append({"what": "hired_before_birth", "hired": w.hire_date.isoformat(),
                                 "born": w.birth_date.isoformat()})
            elif age_on(w.birth_date, w.hire_date) < limits.hired_before_age:
                problems.append({"what": "hired_too_young", "hired": w.hire_date.isoformat(),
                                 "age": age_on(w.birth_date, w.hire_date), "limit": limits.hired_before_age})
        if problems:
            notes["implausible"].append(WorkerNote(w.worker_id, message(
                "worker_implausible", worker_id=w.worker_id, problems=problems, on=on_date.isoformat())))
        if birth_ok and hire_ok and w.hire_date is not None:
            hire_age = age_on(w.birth_date, w.hire_date)
            of_age = birthday(w.birth_date, rule.minimum_age)
            if hire_age < rule.minimum_age and of_age <= period_start:
                notes["hired_underage_before_period"].append(WorkerNote(w.worker_id, message(
                    "worker_hired_underage_before_period", worker_id=w.worker_id, born=w.birth_date.isoformat(),
                    hired=w.hire_date.isoformat(), hire_age=hire_age, of_age_on=of_age.isoformat(),
                    minimum=rule.minimum_age, period_start=period_start.isoformat())))

        if w.id_number and rule.country == "CN":
            check = check_id(w.id_number)
            shown = masked(check.number)
            if not check.ok:
                notes["id_invalid"].append(WorkerNote(w.worker_id, message(
                    "worker_id_invalid", worker_id=w.worker_id, id=shown, problem=check.problem,
                    expected=check.expected_check)))
            differences: list[dict[str, Any]] = []
            if check.birth_date is not None and check.birth_date != w.birth_date:
                differences.append({"what": "birth", "id": check.birth_date.isoformat(),
                                    "roster": w.birth_date.isoformat(),
                                    "id_age": age_on(check.birth_date, on_date)})
            if check.gender is not None and check.gender != w.gender:
                differences.append({"what": "sex", "id": check.gender, "roster": w.gender})
            other = seen_ids.setdefault(check.number, w.worker_id)
            if other != w.worker_id:
                differences.append({"what": "shared", "other": other})
            if differences:
                under = any(d["what"] == "birth" and d["id_age"] < rule.minimum_age for d in differences)
                notes["id_mismatch"].append(WorkerNote(w.worker_id, message(
                    "worker_id_mismatch", worker_id=w.worker_id, id=shown, differences=differences,
                    under_minimum=under, minimum=rule.minimum_age)))

        if birth_ok:
            scheme = "men" if w.gender == "male" else checks.retirement.women_scheme
            due = retirement(w.birth_date, scheme, on_date, rule.country)
            if due is not None and due.on <= on_date:
                notes["past_retirement"].append(WorkerNote(w.worker_id, message(
                    "worker_past_retirement", worker_id=w.worker_id, born=w.birth_date.isoformat(),
                    scheme=scheme, years=due.years, months=due.months, on=due.on.isoformat(),
                    contract_type=w.contract_type or None)))

    groups: list[TriageGroup] = []
    juvenile_source = juvenile_source_zh = None
    retirement_source = retirement_source_zh = None
    if legal is not None:
        if "juvenile_work_limits" in legal.tables:
            entry = legal.in_force("juvenile_work_limits", on_date)
            juvenile_source, juvenile_source_zh = entry.short, entry.short_zh
        if "retirement_age" in legal.tables:
            entry = legal.in_force("retirement_age", on_date)
            retirement_source, retirement_source_zh = entry.short, entry.short_zh
    params: dict[str, dict[str, Any]] = {
        "underage": {"minimum": rule.minimum_age, "country": rule.name, "country_code": rule.country, "law": rule.law,
                     "law_zh": rule.law_zh},
        "id_mismatch": {"minimum": rule.minimum_age},
        "historical": {"minimum": rule.minimum_age, "review_months": months, "period_start": period_start.isoformat()},
        "juvenile": {"minimum": rule.minimum_age, "under": rule.young_worker_under, "source": juvenile_source,
                     "source_zh": juvenile_source_zh},
        "past_retirement": {"on": on_date.isoformat(), "source": retirement_source, "source_zh": retirement_source_zh,
                            "women_scheme": checks.retirement.women_scheme},
        "id_invalid": {},
        "implausible": {"hired_before_age": limits.hired_before_age, "oldest_age": limits.oldest_age},
        "hired_underage_before_period": {"review_months": months, "period_start": period_start.isoformat()},
    }
    levels = {"underage": "flag", "id_mismatch": "flag", "historical": "flag", "juvenile": "flag",
              "past_retirement": "verify", "id_invalid": "verify", "implausible": "verify",
              "hired_underage_before_period": "info"}
    for key in WORKER_GROUPS:
        found = notes[key]
        if found:
            groups.append(TriageGroup(key, levels[key], message(f"triage_{key}", count=len(found), **params[key]),
                                      tuple(found)))

    total = len(roster.workers)
    if legal is not None and "dispatch" in legal.tables and "contract_type" in roster.columns:
        entry = legal.in_force("dispatch", on_date)
        agency = [w.worker_id for w in roster.workers if w.contract_type in checks.dispatch.contract_types]
        groups.append(_share_group("dispatch_share", agency, total, entry.value["share_of_total_workforce"],
                                   entry.short, entry.short_zh))
    if legal is not None and "interns" in legal.tables and "contract_type" in roster.columns:
        entry = legal.in_force("interns", on_date)
        students = [w.worker_id for w in roster.workers if w.contract_type in checks.interns.contract_types]
        if students:
            groups.append(_share_group("intern_share", students, total, entry.value["share_of_workforce"],
                                       entry.short, entry.short_zh))
    if headcount is not None and headcount != total:
        gap = abs(headcount - total)
        over = Fraction(gap, headcount) > Fraction(str(checks.headcount.tolerance_share))
        groups.append(TriageGroup("headcount", "flag" if over else "info", message(
            "triage_headcount", roster=total, headcount=headcount, tolerance=checks.headcount.tolerance_share,
            over=over)))
    return RosterTriage(on_date, rule.country, months, tuple(groups))


# ---- how the messages are put together (words: resources/messages/roster.yaml) ----

def _workers(p, w: Words) -> dict:
    return {**p, "workers": w.count(p["count"], "workers")}


for _key in ("id_mismatch", "historical", "id_invalid", "implausible", "hired_underage_before_period"):
    prepares(f"triage_{_key}")(_workers)


@prepares("triage_underage")
def _t_underage(p, w: Words) -> dict:
    from auditor_app.checklist.age_flags import country_name

    return {**_workers(p, w), "country": country_name(w, p), "law": cited(p, w, "law")}


def _source(p, w: Words) -> str:
    source = cited(p, w, "source")
    return w.t("source", source=source) if source else ""


@prepares("triage_juvenile")
def _t_juvenile(p, w: Words) -> dict:
    return {**_workers(p, w), "upper": p["under"] - 1, "source": _source(p, w)}


@prepares("triage_past_retirement")
def _t_retirement(p, w: Words) -> dict:
    return {**_workers(p, w), "source": _source(p, w), "women": w.t(f"retirement.{p['women_scheme']}")}


def _share(p, w: Words) -> dict:
    return {**p, "source": cited(p, w, "source"),
            "share": w.pct(p["count"], p["total"]) if p["total"] else w.t("pct", value=0),
            "cap": w.share_pct(p["cap"]), "verdict": w.either(p["over"], "cap.over", "cap.within")}


prepares("triage_dispatch_share")(_share)
prepares("triage_intern_share")(_share)


@prepares("triage_headcount")
def _t_headcount(p, w: Words) -> dict:
    gap = p["headcount"] - p["roster"]
    return {**p, "words": w.either(gap > 0, "headcount.fewer", "headcount.more", n=abs(gap)),
            "pct": w.pct(abs(gap), p["headcount"]), "tolerance": w.share_pct(p["tolerance"]),
            "tail": w.t("headcount.ask") if p["over"] else ""}


@prepares("worker_implausible")
def _w_implausible(p, w: Words) -> dict:
    return {**p, "problems": w.listing([w.t(f"implausible.{d['what']}", **d) for d in p["problems"]])}


@prepares("worker_id_invalid")
def _w_id_invalid(p, w: Words) -> dict:
    return {**p, "problem": w.t(f"id_problem.{p['problem']}", expected=p.get("expected"))}


def _difference(d, minimum: int, w: Words) -> str:
    if d["what"] == "birth":
        under = w.t("id_difference.under", minimum=minimum) if d["id_age"] < minimum else ""
        return w.t("id_difference.birth", id=d["id"], id_age=d["id_age"], under=under, roster=d["roster"])
    if d["what"] == "sex":
        return w.t("id_difference.sex", id=w.t(f"sex.{d['id']}"), roster=w.t(f"sex.{d['roster']}"))
    return w.t("id_difference.shared", other=d["other"])


@prepares("worker_id_mismatch")
def _w_id_mismatch(p, w: Words) -> dict:
    return {**p, "differences": w.t("list.semicolon").join(_difference(d, p["minimum"], w) for d in p["differences"]),
            "under": w.t("id_difference.under_minimum") if p["under_minimum"] else ""}


@prepares("worker_past_retirement")
def _w_retirement(p, w: Words) -> dict:
    months = w.t("retirement.months", months=p["months"]) if p["months"] else ""
    return {**p, "scheme": w.t(f"scheme.{p['scheme']}"), "age": w.t("retirement.age", years=p["years"], months=months),
            "contract": _contract(p["contract_type"], w)}


def _contract(value: str | None, w: Words) -> str:
    """A contract type the roster normalised (permanent ...) in its label, another as written."""
    if not value:
        return w.t("contract.not_given")
    if w.lang == "en":
        return value
    try:
        return w.label("contract_types", value)
    except KeyError:
        return value


def level_counts(triage: RosterTriage) -> dict[str, int]:
    return dict(Counter(g.level for g in triage.groups))
