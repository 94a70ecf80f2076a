"""One violation's figures as a short phrase (the `hours` command's table, later the page), from a
message id and the violation's figures (words: resources/messages/hours.yaml)."""

from __future__ import annotations

from auditor_app.checklist.messages import Message, Words, prepares
from auditor_app.hours.result import Violation

RULES = ("rest_day", "daily_overtime", "monthly_overtime", "weekly_hours", "overtime_premium", "holiday_premium",
         "minimum_wage")


def _money(value: object) -> str:
    return f"{float(value or 0):,.2f}"  # type: ignore[arg-type]


def figures_message(v: Violation) -> Message:
    rule = v.rule if v.rule in RULES else "missing_punch"
    return Message(f"hours.figures.{rule}", dict(v.figures))


def figures_text(v: Violation, lang: str | None = "en") -> str:
    return figures_message(v).render(lang)


def _money_values(p) -> dict:
    return {**p, **{k: _money(p.get(k)) for k in ("owed", "paid", "shortfall", "compared_pay", "required")}}


prepares("hours.figures.overtime_premium")(lambda p, w: _money_values(p))
prepares("hours.figures.holiday_premium")(lambda p, w: _money_values(p))


@prepares("hours.figures.daily_overtime")
def _daily(p, w: Words) -> dict:
    return {**p, "day_type": w.t(f"hours.day_type.{p['day_type']}")}


@prepares("hours.figures.monthly_overtime")
def _monthly(p, w: Words) -> dict:
    return {**p, "cycle": w.t("hours.cycle", **p) if "cycle_from" in p else ""}


@prepares("hours.figures.weekly_hours")
def _weekly(p, w: Words) -> dict:
    return {**p, "critical": w.t("hours.critical", **p) if p["over_critical"] else ""}


@prepares("hours.figures.minimum_wage")
def _minimum_wage(p, w: Words) -> dict:
    return {**_money_values(p), "confirm": w.t("hours.to_confirm") if p.get("confirm") else ""}
