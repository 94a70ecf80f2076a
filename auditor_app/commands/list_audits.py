"""`auditor-app list`: the audits in the data folder."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("list", help="list the audits in the data folder")
    p.add_argument("--search", default="", help="factory name, address, Connect id or audit id")
    p.add_argument("--state", help="draft, finalized, submitted, accepted or returned")
    p.add_argument("--type", dest="audit_type", help="audit type code, e.g. ICA")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run, uses_data_folder=True)


def run(args) -> int:
    from auditor_app.audits import list_audits
    from auditor_app.store.db import open_store
    from auditor_app.text import dumps_printable, printable

    store = open_store()
    try:
        with store.session() as session:
            audits = list_audits(session, args.search, args.state, args.audit_type)
    finally:
        store.close()
    if args.json:
        print(dumps_printable([{**a._asdict(), "planned_start": str(a.planned_start or ""),
                                "actual_start": str(a.actual_start or "")} for a in audits], indent=2))
        return 0
    if not audits:
        print(f"No audits in {store.folder.root}. Create one in the app, or run `auditor-app demo`.")
        return 0
    for a in audits:
        # Names may come from an imported package: shown, never obeyed by the terminal.
        factory = printable(a.factory_name) + (f" ({printable(a.factory_name_local)})"
                                               if a.factory_name_local else "")
        when = a.actual_start or a.planned_start or ""
        print(f"{a.id[:8]}  {a.audit_type:<3} r{a.revision}  {a.state:<9} {str(when):<10}  "
              f"{a.open_findings:>3} open NCs  {factory}")
    return 0
