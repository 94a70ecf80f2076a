"""The figures a reader of a hours review looks at first, as (key, message) pairs: shared by the page and
the report so they say the same, in the reader's language (resources/messages/hours.yaml). Counts name
no worker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor_app.checklist.messages import Message, Words, message, prepares
from auditor_app.hours.result import HoursResult

RULES = ("rest_day", "daily_overtime", "weekly_hours", "monthly_overtime", "overtime_premium", "holiday_premium",
         "minimum_wage", "missing_punch")
KEYS = ("sample", "median_week", "longest_week", "most_overtime", "longest_run", "long_days", "pay_short",
        "minimum_wage", "recorded_paid")


@dataclass(frozen=True)
class KeyFigure:
    key: str          # one of KEYS
    value: Message    # hours.key.<key>

    def label(self, lang: str = "en") -> str:
        return Words(lang).t(f"hours.key.{self.key}.label")


def rule_words(rule: str, lang: str = "en") -> str:
    """A breach kind as the table of workers names it ("days over 11 hours")."""
    return Words(lang).t(f"hours.rule.{rule}")


def system_words(result: HoursResult) -> Message:
    system = result.system
    if system.get("kind", "standard") == "standard":
        return message("hours.system.standard")
    return message("hours.system.approved", kind=system["kind"], number=system["number"],
                   valid_from=system["valid_from"], valid_to=system["valid_to"],
                   cycle=system.get("cycle") if system["kind"] == "comprehensive" else None)


@prepares("hours.system.approved")
def _system(p: Mapping[str, Any], w: Words) -> dict:
    cycle = w.t("hours.system.cycle", period=w.t(f"hours.system.period.{p['cycle']}")) if p.get("cycle") else ""
    return {**p, "kind_words": w.t(f"hours.system.kind.{p['kind']}"), "cycle_words": cycle}


def _figure_words(p: Mapping[str, Any], w: Words) -> dict:
    """`*_workers` counts as "n of m workers", `*_months` counts as worker-months, in the language; the
    city by its local name in Chinese."""
    out = dict(p)
    if p.get("city_local") and w.lang == "zh":
        out["city"] = p["city_local"]
    for name, value in p.items():
        if name.endswith("_workers"):
            out[name] = w.t("hours.key.workers", n=value, sample=p["sample"])
        elif name.endswith("_months"):
            out[name] = w.count(value, "hours.count.worker-month")
    return out


for _key in KEYS:
    prepares(f"hours.key.{_key}")(_figure_words)


def key_figures(result: HoursResult) -> list[KeyFigure]:
    months, weeks = result.months, result.weeks
    sample = len(result.sample)
    limits = result.limits
    by_rule = result.by_rule()

    def workers(rule: str) -> int:
        return len({v.worker_id for v in by_rule[rule]})

    def figure(key: str, **params: Any) -> KeyFigure:
        return KeyFigure(key, message(f"hours.key.{key}", sample=sample, **params))

    shortfall = sum(float(v.figures.get("shortfall") or 0) for r in ("overtime_premium", "holiday_premium")
                    for v in by_rule[r])
    hours_paid = [m for m in months if m.pay and m.pay.get("overtime_hours_paid") is not None]
    city = result.city
    out = [
        figure("sample", sample_months=len(months), period_from=result.period["from"], period_to=result.period["to"]),
        figure("median_week", median=_median([w.median for w in weeks]), limit=limits["weekly_hours"]),
        figure("longest_week", longest=max((m.max_week_hours for m in months), default=0.0),
               over=sum(w.over_limit for w in weeks), limit=limits["weekly_hours"],
               critical=sum(w.over_critical for w in weeks), critical_limit=limits["weekly_hours_critical"],
               weekly_workers=workers("weekly_hours")),
        figure("most_overtime", most=max((m.overtime for m in months), default=0.0),
               limit=limits["monthly_overtime_hours"], over_months=len(by_rule["monthly_overtime"]),
               overtime_workers=workers("monthly_overtime")),
        figure("longest_run", days=max((m.longest_run for m in months), default=0), limit=limits["max_consecutive_days"],
               rest_workers=workers("rest_day")),
        figure("long_days", days=sum(m.days_over_limit for m in months), daily_workers=workers("daily_overtime")),
        figure("pay_short", shortfall=shortfall,
               short_months=len(by_rule["overtime_premium"]) + len(by_rule["holiday_premium"]),
               premium_workers=workers("overtime_premium"), holiday_workers=workers("holiday_premium")),
        figure("minimum_wage", wage_months=len(by_rule["minimum_wage"]), wage_workers=workers("minimum_wage"),
               city=city.get("name", ""), city_local=city.get("name_local") or city.get("name", "")),
    ]
    if hours_paid:
        out.append(figure("recorded_paid", recorded=sum(m.overtime for m in hours_paid),
                          paid=sum(float(m.pay["overtime_hours_paid"] or 0) for m in hours_paid if m.pay),
                          differing_months=len(result.signals)))
    return out


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    ranked = sorted(values)
    n = len(ranked)
    return round(ranked[n // 2] if n % 2 else (ranked[n // 2 - 1] + ranked[n // 2]) / 2, 1)
