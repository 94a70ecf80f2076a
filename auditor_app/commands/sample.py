"""`auditor-app sample`: the audit plan and fee, the roster check and the interview draw.

Prints man-days, interviews, records and the program's fee for the headcount and audit type (extra
man-days only as a request needing the program's approval); the roster check's triaged groups, each
with its count and the workers concerned; and the drawn workers as anonymous codes with their strata.
Names are never printed; worker ids appear only in the roster check and in the auditor's own code key
(--key), both working papers. Without --roster, the plan alone (give --headcount).
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from auditor_app.errors import UserError

WORKERS_SHOWN = 12  # per group in the text output; --json and --all list every worker


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sample",
        help="plan man-days, fee and interviews, check the roster, draw workers to interview",
        description="Plan the audit or visit (man-days, interviews, records, the program's fee), check a "
        "factory roster (CSV from Excel: underage, juvenile, historical child labour in the review period, "
        "past retirement age, identity numbers, implausible dates, agency share) and draw the workers to "
        "interview at random. The same roster and seed always give the same draw.",
    )
    parser.add_argument("--roster", metavar="roster.csv", help="the worker roster (CSV); without it, the plan only")
    parser.add_argument("--seed", type=int, help="random seed; record it in the audit (needed with --roster)")
    parser.add_argument("--headcount", type=int, help="workers on site (default: roster length)")
    parser.add_argument("--sites", type=int, default=1, help="number of sites (default 1)")
    parser.add_argument("--shifts", type=int,
                        help="number of shifts (default: distinct shifts in the roster, else 1)")
    parser.add_argument("--size", type=int, help="workers to draw (default: the plan's interview count)")
    parser.add_argument("--date", help="audit date YYYY-MM-DD for ages and the laws in force (default: today)")
    parser.add_argument("--type", dest="audit_type", default="ICA",
                        help="audit or visit type (default ICA; PV, DR, FU, SA, RA, QCA, ReIA, ...)")
    parser.add_argument("--country", default="CN", help="country for the minimum working age and the laws (default CN)")
    parser.add_argument("--key", action="store_true",
                        help="also print the code → worker id key (keep it out of reports)")
    parser.add_argument("--all", action="store_true", help="list every worker of every roster-check group")
    parser.add_argument("--json", action="store_true", help="print everything as JSON")
    parser.set_defaults(func=run)


def _audit_date(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--date {text!r} is not a date; use YYYY-MM-DD") from None


def _print_plan(plan, audit_type: str, headcount: int, sites: int, shifts: int, shift_src: str) -> None:
    print(f"\nPlan ({audit_type}, {headcount} workers, band {plan.band}, "
          f"{sites} site(s), {shifts} shift(s){shift_src})")
    print(f"  man-days            {plan.man_days:g}" + ("  (off site)" if plan.fee_basis == "desktop_review" else ""))
    basis = {"per_man_day": "per man-day", "progress_visit": "Progress Visit fee",
             "desktop_review": "Desktop Review flat fee"}[plan.fee_basis]
    print(f"  fee                 US${plan.fee_usd:,} ({basis})")
    if plan.extra_man_days:
        cost = f", US${plan.extra_fee_usd:,} if approved" if plan.extra_fee_usd else ""
        print(f"  extra man-days      {plan.extra_man_days:g} requested: need the program's prior approval{cost}")
    if plan.workers_to_interview:
        groups = f" + {plan.group_interviews} group(s) of {plan.group_size}" if plan.group_interviews else ""
        print(f"  interviews          {plan.workers_to_interview} workers: {plan.individual_interviews} individual{groups}")
        print(f"  records to review   {plan.records_to_review} per pay period")
    else:
        print("  interviews          none")
    for note in plan.notes:
        print(f"  - {note}")


def run(args: argparse.Namespace) -> int:
    from auditor_app.checklist.roster import RosterError, read_roster
    from auditor_app.checklist.roster_checks import triage_roster
    from auditor_app.checklist.sampling import plan_audit
    from auditor_app.checklist.selection import draw_sample
    from auditor_app.resources import RulesFileError

    on_date = _audit_date(args.date)
    roster = None
    if args.roster:
        if args.seed is None:
            raise UserError("--seed is needed with --roster: record it in the audit so the draw can be checked")
        try:
            roster = read_roster(args.roster)
        except RosterError as exc:
            raise UserError(str(exc)) from None
    elif args.headcount is None:
        raise UserError("give --roster roster.csv (with --seed), or --headcount N for the plan alone")
    headcount = args.headcount if args.headcount is not None else len(roster) if roster is not None else 0
    roster_shifts = len({w.shift for w in roster.workers if w.shift}) if roster is not None else 0
    shifts = args.shifts if args.shifts is not None else max(1, roster_shifts)
    try:
        plan = plan_audit(headcount, sites=args.sites, shifts=shifts, audit_type=args.audit_type)
        triage = sample = None
        if roster is not None:
            triage = triage_roster(roster, on_date, args.country,
                                   headcount=args.headcount if args.headcount is not None else None)
            size = args.size if args.size is not None else plan.workers_to_interview
            if size or args.size is not None:
                sample = draw_sample(roster, size, args.seed, on_date, args.country, triage=triage)
    except (ValueError, RulesFileError) as exc:
        raise UserError(str(exc)) from None

    from auditor_app.checklist.sampling import audit_types

    audit_type = next((k for k in audit_types() if k.upper() == args.audit_type.strip().upper()),
                      args.audit_type.strip())
    notes = list(roster.warnings) if roster is not None else []
    if args.json:
        out: dict = {"audit_date": on_date.isoformat(),
                     "plan": {**plan.__dict__, "notes": list(plan.notes), "headcount": headcount,
                              "sites": args.sites, "shifts": shifts, "audit_type": audit_type}}
        if roster is not None:
            out["roster"] = {"file": roster.name, "workers": len(roster), "encoding": roster.encoding,
                             "columns": roster.columns, "warnings": notes}
        if triage is not None:
            out["roster_check"] = triage.as_dict()
        if sample is not None:
            out["sample"] = sample.public()
            out["document_checks"] = [{"worker_id": w, "group": g} for w, g in sample.document_checks]
            if args.key:
                out["key"] = {s.code: s.worker_id for s in sample.drawn}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0

    if roster is not None:
        print(f"Roster {roster.name}: {len(roster)} workers ({roster.encoding}); audit date {on_date}")
        for note in notes:
            print(f"  ! {note}")
    else:
        print(f"Audit date {on_date}")
    shift_src = "" if args.shifts is not None else " (from the roster)" if roster_shifts else ""
    _print_plan(plan, audit_type, headcount, args.sites, shifts, shift_src)

    if triage is not None:
        marks = {"flag": "!", "verify": "?", "info": "-"}
        print(f"\nRoster check ({len(triage.groups)} group(s); worker ids are working papers, never the report):"
              if triage.groups else "\nRoster check: nothing to report")
        for group in triage.groups:
            print(f"  {marks[group.level]} [{group.key}] {group.text}")
            shown = group.workers if args.all else group.workers[:WORKERS_SHOWN]
            if group.key in ("dispatch_share", "intern_share"):
                if group.workers:
                    print(f"      {', '.join(n.worker_id for n in shown)}"
                          + (" …" if len(shown) < len(group.workers) else ""))
                continue
            for worker in shown:
                print(f"      {worker.text}")
            if len(shown) < len(group.workers):
                print(f"      … {len(group.workers) - len(shown)} more (--all lists them)")

    if sample is None:
        if roster is not None:
            print(f"\nNo interviews in a {audit_type}: no workers drawn.")
        return 0
    print(f"\nDrawn workers ({len(sample.drawn)}, seed {sample.seed}):")
    for s in sample.drawn:
        stratum = " / ".join(s.stratum[d] for d in ("department", "gender", "shift", "contract_type",
                                                       "age_band"))
        key = f"  = {s.worker_id}" if args.key else ""
        print(f"  {s.code}  {stratum}  ({'; '.join(s.reasons)}){key}")
    for note in sample.notes:
        print(f"  - {note}")
    if sample.document_checks:
        print("\nFlagged workers for document checks (not drawn):")
        print("  " + ", ".join(f"{w} ({g})" for w, g in sample.document_checks))
    print(f"\nMethod: {sample.method_note}")
    return 0
