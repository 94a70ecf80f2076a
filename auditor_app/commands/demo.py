"""`auditor-app demo`: fill the data folder with a realistic demo audit."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("demo", help="create the demo audit (a toy factory in Dongguan) in the data folder")
    p.add_argument("--force", action="store_true", help="add another demo audit even if one exists")
    p.set_defaults(func=run)


def run(args) -> int:
    from auditor_app.demo import create_demo_audit, ensure_demo
    from auditor_app.store.db import open_store

    store = open_store()
    try:
        audit_id = create_demo_audit(store) if args.force else ensure_demo(store)
        print(f"Demo audit {audit_id[:8]} is in {store.folder.root}")
    finally:
        store.close()
    return 0
