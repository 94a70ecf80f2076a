"""`auditor-app sample --roster roster.csv --seed S`: the audit plan, age flags and interview draw.

Prints man-days, interviews, records and fee for the headcount; the underage/young workers with the
dates that prove it; and the drawn workers as anonymous codes with their strata. Names are never
printed; worker ids appear only in the age flags and in the auditor's own code key (--key).
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from auditor_app.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sample",
        help="plan man-days and interviews, flag young workers, draw workers to interview",
        description="Read a factory roster (CSV from Excel), plan the audit (man-days, interviews, "
        "records, fee), flag underage and young workers, and draw the workers to interview at random. "
        "The same roster and seed always give the same draw.",
    )
    parser.add_argument("--roster", required=True, metavar="roster.csv", help="the worker roster (CSV)")
    parser.add_argument("--seed", required=True, type=int, help="random seed; record it in the audit")
    parser.add_argument("--headcount", type=int, help="workers on site (default: roster length)")
    parser.add_argument("--sites", type=int, default=1, help="number of sites (default 1)")
    parser.add_argument("--shifts", type=int,
                        help="number of shifts (default: distinct shifts in the roster, else 1)")
    parser.add_argument("--size", type=int, help="workers to draw (default: the plan's interview count)")
    parser.add_argument("--date", help="audit date YYYY-MM-DD for ages (default: today)")
    parser.add_argument("--type", dest="audit_type", default="ICA", help="audit type (default ICA; PV)")
    parser.add_argument("--country", default="CN", help="country for the minimum working age (default CN)")
    parser.add_argument("--key", action="store_true",
                        help="also print the code → worker id key (keep it out of reports)")
    parser.add_argument("--json", action="store_true", help="print everything as JSON")
    parser.set_defaults(func=run)


def _audit_date(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--date {text!r} is not a date; use YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    from auditor_app.checklist.age_flags import age_flags
    from auditor_app.checklist.roster import RosterError, read_roster
    from auditor_app.checklist.sampling import plan_audit
    from auditor_app.checklist.selection import draw_sample
    from auditor_app.resources import RulesFileError

    on_date = _audit_date(args.date)
    try:
        roster = read_roster(args.roster)
    except RosterError as exc:
        raise UserError(str(exc)) from None
    headcount = args.headcount if args.headcount is not None else len(roster)
    roster_shifts = len({w.shift for w in roster.workers if w.shift})
    shifts = args.shifts if args.shifts is not None else max(1, roster_shifts)
    try:
        plan = plan_audit(headcount, sites=args.sites, shifts=shifts, audit_type=args.audit_type)
        flags = age_flags(roster, on_date, args.country)
        size = args.size if args.size is not None else plan.workers_to_interview
        sample = draw_sample(roster, size, args.seed, on_date, args.country)
    except (ValueError, RulesFileError) as exc:
        raise UserError(str(exc)) from None

    notes = list(roster.warnings)
    if headcount != len(roster):
        notes.append(f"headcount {headcount} differs from the roster ({len(roster)} workers): "
                     f"ask for the complete roster")
    if args.json:
        out = {
            "roster": {"file": roster.name, "workers": len(roster), "encoding": roster.encoding,
                       "columns": roster.columns, "warnings": notes},
            "audit_date": on_date.isoformat(),
            "plan": {**plan.__dict__, "notes": list(plan.notes), "headcount": headcount,
                     "sites": args.sites, "shifts": shifts, "audit_type": args.audit_type.upper()},
            "age_flags": [{"worker_id": f.worker_id, "age": f.age, "kind": f.kind,
                           "birth_date": f.birth_date.isoformat(),
                           "hire_date": f.hire_date.isoformat() if f.hire_date else None,
                           "age_at_hire": f.age_at_hire, "hired_underage": f.hired_underage,
                           "text": f.text} for f in flags],
            "sample": sample.public(),
        }
        if args.key:
            out["key"] = {s.code: s.worker_id for s in sample.drawn}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0

    print(f"Roster {roster.name}: {len(roster)} workers ({roster.encoding}); audit date {on_date}")
    for note in notes:
        print(f"  ! {note}")
    shift_src = "" if args.shifts is not None else " (from the roster)" if roster_shifts else ""
    print(f"\nPlan ({args.audit_type.upper()}, {headcount} workers, band {plan.band}, "
          f"{args.sites} site(s), {shifts} shift(s){shift_src})")
    print(f"  man-days            {plan.man_days:g}")
    print(f"  fee                 US${plan.fee_usd:,}")
    groups = (f" + {plan.group_interviews} group(s) of {plan.group_size}" if plan.group_interviews else "")
    print(f"  interviews          {plan.workers_to_interview} workers: "
          f"{plan.individual_interviews} individual{groups}")
    print(f"  records to review   {plan.records_to_review} per pay period")
    for note in plan.notes:
        print(f"  - {note}")

    print(f"\nAge flags ({len(flags)}):" if flags else "\nAge flags: none")
    for f in flags:
        print(f"  [{f.kind}] {f.text}")

    print(f"\nDrawn workers ({len(sample.drawn)}, seed {sample.seed}):")
    for s in sample.drawn:
        stratum = " / ".join(s.stratum[d] for d in ("department", "gender", "shift", "contract_type",
                                                       "age_band"))
        key = f"  = {s.worker_id}" if args.key else ""
        print(f"  {s.code}  {stratum}  ({'; '.join(s.reasons)}){key}")
    for note in sample.notes:
        print(f"  - {note}")
    print(f"\nMethod: {sample.method_note}")
    return 0
