"""`auditor-app check AUDIT|file.escp [--json]`: is the audit complete? Every gap, stage by stage.

Exit 0 when nothing is open (what was closed with a reason is listed too), 1 otherwise: a lead who
receives a package sees at once what the audit day did not produce.
"""

from __future__ import annotations

import argparse

from auditor_app.commands.audit_target import is_package_path

SHOWN_PER_STAGE = 25  # a new audit has ~235 unanswered checkpoints: the count says the rest


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="list what the audit still lacks before it can be finalized (exit 0: complete)",
        description="List every gap of an audit (a stored audit id or a .escp file), stage by stage, and "
        "the gaps closed with a reason. Exit 0 when the audit is complete, 1 when gaps remain.")
    parser.add_argument("target", metavar="AUDIT|file.escp", help="audit id, or path to a .escp package")
    parser.add_argument("--json", action="store_true", help="print the gaps as JSON")
    parser.add_argument("--all", action="store_true", help=f"list every gap (default: {SHOWN_PER_STAGE} per stage)")
    parser.set_defaults(func=run, uses_data_folder=lambda args: not is_package_path(args.target))


def run(args: argparse.Namespace) -> int:
    from auditor_app.audits.completeness import check_document
    from auditor_app.audits.gaps import REASON_LABELS
    from auditor_app.commands.audit_target import document_for
    from auditor_app.store.vocab import STAGE_LABELS
    from auditor_app.text import dumps_printable, printable

    doc = document_for(args.target)
    state = check_document(doc)
    if args.json:
        print(dumps_printable(state.as_dict(), indent=2))
        return 0 if state.complete else 1
    audit, factory = doc["audit"], (doc.get("factory_profile") or {}).get("name") or "no factory name"
    head = (f"Audit of {factory} ({audit['audit_type']}, {audit['state']}): {state.answered} of "
            f"{state.applicable} checkpoints answered; ")
    head += "complete." if state.complete else f"{len(state.open)} gap(s) open."
    print(printable(head))
    for stage, gaps in state.by_stage():
        print(f"\n{STAGE_LABELS[stage]} ({len(gaps)})")
        shown = gaps if args.all else gaps[:SHOWN_PER_STAGE]
        for gap in shown:
            print(printable(f"  - {gap.text}" + ("" if gap.closable else "  [must be done]")))
        if len(shown) < len(gaps):
            print(f"  … and {len(gaps) - len(shown)} more (--all lists them)")
    if state.closed:
        print(f"\nClosed with a reason ({len(state.closed)})")
        for closed in state.closed:
            note = f": {closed.note}" if closed.note else ""
            print(printable(f"  - {closed.gap.text} — {REASON_LABELS.get(closed.reason, closed.reason)}{note}"))
    return 0 if state.complete else 1
