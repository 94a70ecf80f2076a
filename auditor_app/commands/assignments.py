"""`auditor-app assignments`: download the audits assigned to you, so they are on the laptop before
going on site (kept in the data folder; `--offline` lists the last download)."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("assignments", help="download and list the audits assigned to you on the platform")
    p.add_argument("--offline", action="store_true", help="list the last download without connecting")
    p.set_defaults(func=run, uses_data_folder=True)


def run(args) -> int:
    from auditor_app.paths import DataFolder
    from auditor_app.sync.account import download_assignments, saved_assignments
    from auditor_app.text import printable

    folder = DataFolder.default()
    if args.offline:
        found = saved_assignments(folder)
    else:
        found = [a.model_dump(mode="json") for a in download_assignments(folder)]
    if not found:
        print("No assignments.")
        return 0
    for a in found:
        factory = a.get("factory") or {}
        line = (f"{a['id'][:8]}  {a['audit_type']:<4} {printable(str(factory.get('name', '')))}  "
                f"{a['window_start']} to {a['window_end']}")
        if a.get("previous_audit_id"):
            line += f"  follows {a['previous_audit_id'][:8]} ({len(a.get('previous_cap') or [])} NCs in its CAP)"
        print(line)
    print(f"{len(found)} assignment(s){'' if args.offline else ', kept on this laptop'}.")
    return 0
