"""Breaches become proposed findings under the checkpoint they belong to, never raised silently."""

from __future__ import annotations

from datetime import date

from auditor_app.checklist.loader import load_checklist
from auditor_app.hours import Approval, compute, import_attendance, import_payroll, propose_findings
from auditor_app.hours.result import HoursResult, Signal, Violation
from auditor_app.hours.sample_files import write_sample_files


def _result(tmp_path, **kw) -> HoursResult:
    files = write_sample_files(tmp_path, **kw)
    return compute(import_attendance(files.attendance), import_payroll(files.payroll), files.city, files.period)


def test_each_planted_breach_is_proposed_under_its_checkpoint(tmp_path):
    result = _result(tmp_path, workers=16)
    proposals = propose_findings(result)
    checklist = load_checklist("4.0")
    assert [(p.checkpoint_id, p.rules) for p in proposals] == [
        ("11.1.1", ("minimum_wage",)), ("11.2.1", ("overtime_premium", "holiday_premium")),
        ("12.2.4", ("daily_overtime", "monthly_overtime")), ("12.3.1", ("rest_day",))]
    for p in proposals:
        assert p.grade == checklist.checkpoint(p.checkpoint_id).grade and p.kind == "nc"
        assert p.sample_size == 16 and p.share_of_sample == round(p.workers_affected / 16, 4)
        for worker in result.sample:
            assert worker not in p.description            # reports never name workers
    rest = proposals[-1]
    assert rest.workers_affected == 1 and rest.worst["figures"]["days_without_rest"] == 13
    assert rest.description == ("1 of 16 sampled workers (6 %) worked more than 6 days in a row without a day off; "
                                "the longest run was 13 days (2026-01-12 to 2026-01-24).")
    assert proposals[2].worst["rule"] == "monthly_overtime"       # 60 h beats a 12-hour day


def _synthetic(violations, signals=(), system=None) -> HoursResult:
    return HoursResult({"key": "shenzhen", "name": "Shenzhen", "name_local": "深圳", "province": "Guangdong"},
                       {"from": "2026-01", "to": "2026-12"}, system or {"kind": "standard"},
                       ("W1", "W2", "W3", "W4"), (), (), tuple(violations), tuple(signals), (), {},
                       {"premium_holiday": 3.0, "standard_day_hours": 8, "daily_overtime_hours": 3}, {})


def test_weeks_over_78_go_to_the_critical_checkpoint_and_approved_systems_to_theirs():
    week = {"hours": 62.0, "limit_hours": 60, "critical_hours": 78, "over_critical": False, "week_end": "2026-03-08"}
    pay = {"hourly_rate": 25.0, "working_day_hours": 10.0, "rest_day_hours": 0.0, "owed": 375.0, "paid": 250.0,
           "shortfall": 125.0, "paid_premium_pct": 100.0}
    violations = [Violation("W1", "weekly_hours", "2026-03", "2026-03-02", week),
                  Violation("W2", "weekly_hours", "2026-03", "2026-03-02", {**week, "hours": 80.0, "over_critical": True}),
                  Violation("W3", "overtime_premium", "2026-03", None, pay)]
    approval = Approval("comprehensive", "A-1", date(2026, 1, 1), date(2026, 12, 31))
    proposals = {p.checkpoint_id: p for p in propose_findings(_synthetic(violations, system=approval.as_dict()))}
    assert set(proposals) == {"11.2.3", "12.2.2", "12.2.3"}
    assert proposals["12.2.3"].grade == "critical" and proposals["12.2.3"].worker_ids == ("W2",)
    assert proposals["12.2.2"].share_of_sample == 0.25


def test_hours_paid_against_hours_recorded_is_a_lead_not_a_finding():
    signal = Signal("W4", "overtime_hours_differ", "2026-05", {"attendance_overtime_hours": 40.0,
                                                               "paid_overtime_hours": 20.0, "difference": -20.0})
    (lead,) = propose_findings(_synthetic([], [signal]))
    assert (lead.checkpoint_id, lead.kind, lead.workers_affected) == ("12.1.3", "lead", 1)
    assert "possible second set of records" in lead.description
