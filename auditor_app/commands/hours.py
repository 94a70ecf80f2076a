"""`auditor-app hours`: working hours and wages computed from the factory's attendance and payroll files.

Reads the two exports (CSV in UTF-8, GBK/GB18030 or UTF-16, or XLSX; English or Chinese headers),
computes every worker's months under the law in force on each day (standard system, or an approved
comprehensive or flexible one given with its number and period) and prints the breaches, the
triangulation signals, the findings they propose (for the auditor to confirm; nothing is stored) and
the notes to read before relying on the figures. --json prints everything, with a `violations` list.
Worker ids are working papers: reports never print them.
"""

from __future__ import annotations

import argparse
from datetime import date

from auditor_app.errors import UserError

SHOWN = 40  # violations in the text output; --all lists every one


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "hours", help="check working hours and wages from the factory's attendance and payroll files",
        description="Compute working hours, overtime, rest days, holiday work, overtime premiums and the "
        "minimum wage from a factory's attendance (one row per worker per day) and payroll (one row per "
        "worker per month) files, CSV or XLSX, and list the breaches found and the findings they propose.")
    parser.add_argument("--attendance", required=True, metavar="FILE", help="attendance records (CSV or XLSX)")
    parser.add_argument("--payroll", required=True, metavar="FILE", help="payroll records (CSV or XLSX)")
    parser.add_argument("--city", required=True, help="the factory's city, for the minimum wage (e.g. Shenzhen, 东莞)")
    parser.add_argument("--from", dest="start", metavar="YYYY-MM", help="first month reviewed (default: the first in the file)")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM", help="last month reviewed (default: the last in the file)")
    parser.add_argument("--workers", metavar="ID,ID,...", help="only these sampled workers (default: everyone in the file)")
    parser.add_argument("--system", choices=("standard", "comprehensive", "flexible"), default="standard",
                        help="working-hour system; comprehensive and flexible need the approval's number and period")
    parser.add_argument("--approval-number", help="the labour bureau approval's number")
    parser.add_argument("--approval-from", metavar="YYYY-MM-DD", help="first day the approval covers")
    parser.add_argument("--approval-to", metavar="YYYY-MM-DD", help="last day the approval covers")
    parser.add_argument("--cycle", choices=("week", "month", "quarter", "year"), default="month",
                        help="comprehensive system: the period hours are totalled over (default month)")
    parser.add_argument("--checklist", default="4.0", help="checklist edition for the proposed findings (default 4.0)")
    parser.add_argument("--all", action="store_true", help=f"list every violation (default: the first {SHOWN})")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    parser.set_defaults(func=run)


def _day(text: str | None, flag: str) -> date:
    if not text:
        raise UserError(f"{flag} is needed with --system comprehensive or flexible")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{flag} {text!r} is not a date; use YYYY-MM-DD") from None


def _approval(args: argparse.Namespace):
    from auditor_app.hours import Approval

    if args.system == "standard":
        if args.approval_number or args.approval_from or args.approval_to:
            raise UserError("an approval needs --system comprehensive or --system flexible")
        return None
    if not args.approval_number:
        raise UserError(f"--approval-number is needed with --system {args.system}: without an approval the "
                        f"standard system applies")
    return Approval(args.system, args.approval_number, _day(args.approval_from, "--approval-from"),
                    _day(args.approval_to, "--approval-to"), args.cycle)


def run(args: argparse.Namespace) -> int:
    from auditor_app.hours import compute, import_attendance, import_payroll, propose_findings
    from auditor_app.text import dumps_printable

    approval = _approval(args)
    attendance = import_attendance(args.attendance)
    payroll = import_payroll(args.payroll)
    period = None
    if args.start or args.end:
        period = (args.start or attendance.first_day().strftime("%Y-%m"),
                  args.end or attendance.last_day().strftime("%Y-%m"))
    workers = [w.strip() for w in args.workers.split(",") if w.strip()] if args.workers else None
    result = compute(attendance, payroll, args.city, period, approval, workers=workers)
    findings = propose_findings(result, args.checklist)
    if args.json:
        print(dumps_printable({**result.as_dict(), "findings": [f.as_dict() for f in findings]},
                              indent=2))
        return 0
    _print_text(args, result, findings)
    return 0


def _print_text(args: argparse.Namespace, result, findings) -> None:
    from auditor_app.hours.texts import figures_text
    from auditor_app.text import printable

    files = result.files
    a, p = files["attendance"], files["payroll"]
    print(printable(f"Attendance {a['name']}: {a['rows']} rows, {a['workers']} workers, {a['first_day']} to "
                    f"{a['last_day']} ({a['encoding']}); payroll {p['name']}: {p['rows']} rows ({p['encoding']})"))
    system = result.system["kind"]
    if system != "standard":
        system += f" (approval {result.system['number']}, {result.system['valid_from']} to {result.system['valid_to']})"
    print(printable(f"City {result.city['name']} ({result.city['name_local']}); months {result.period['from']} to "
                    f"{result.period['to']}; {len(result.sample)} workers; {system} working-hour system"))
    counts = {rule: len(items) for rule, items in result.by_rule().items() if items}
    print("\nBreaches: " + (", ".join(f"{rule} {n}" for rule, n in counts.items()) if counts else "none found"))
    shown = result.violations if args.all else result.violations[:SHOWN]
    width = max([len(v.worker_id) for v in shown] + [6])
    for v in shown:
        print(printable(f"  {v.worker_id:<{width}}  {v.rule:<16}  {v.date or v.month:<10}  {figures_text(v)}"))
    if len(shown) < len(result.violations):
        print(f"  … {len(result.violations) - len(shown)} more (--all lists them)")
    if result.signals:
        print(f"\nSignals to triangulate ({len(result.signals)}): overtime hours paid against hours recorded")
        for s in result.signals[:SHOWN] if not args.all else result.signals:
            f = s.figures
            print(printable(f"  {s.worker_id:<{width}}  {s.month}  paid for {f['paid_overtime_hours']:g} h, "
                            f"records show {f['attendance_overtime_hours']:g} h"))
    if findings:
        print(f"\nProposed findings (checklist {args.checklist}; for the auditor to accept, edit or reject)")
        for f in findings:
            kind = "" if f.kind == "nc" else " (lead to verify)"
            print(printable(f"  {f.checkpoint_id} {f.grade}{kind}: {f.description}"))
    if result.notes:
        print("\nNotes")
        for note in result.notes:
            print(printable(f"  - {note}"))
