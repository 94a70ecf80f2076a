"""Working hours and wages computed from the factory's own records (no Qt, no database).

    records = import_attendance(path)            # AttendanceRecords; HoursFileError if refused
    payroll = import_payroll(path)               # PayrollRecords
    result = compute(records, payroll, "Shenzhen", ("2025-11", "2026-10"), approval=None,
                     progress=callback)           # HoursResult; .as_dict() is JSON
    proposals = propose_findings(result)         # ProposedFinding per checkpoint, for the auditor

Every figure of the law comes from resources/rules/ (legal-CN.yaml, holidays-CN.yaml,
minimum-wage-CN.yaml, hours-rules.yaml); see docs/hours-and-wages.md.
"""

from auditor_app.hours.approval import Approval
from auditor_app.hours.attendance import AttendanceRecords, import_attendance
from auditor_app.hours.compute import compute
from auditor_app.hours.errors import HoursFileError
from auditor_app.hours.findings import ProposedFinding, propose_findings
from auditor_app.hours.payroll import PayrollRecords, import_payroll
from auditor_app.hours.period import Period
from auditor_app.hours.result import RULES, HoursResult, Signal, Violation, WeekSummary, WorkerMonth

__all__ = ["RULES", "Approval", "AttendanceRecords", "HoursFileError", "HoursResult", "PayrollRecords", "Period",
           "ProposedFinding", "Signal", "Violation", "WeekSummary", "WorkerMonth", "compute", "import_attendance",
           "import_payroll", "propose_findings"]
