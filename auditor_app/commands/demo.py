"""`auditor-app demo`: fill the data folder with a realistic demo audit."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("demo", help="create the demo audit (a toy factory in Dongguan) in the data folder")
    p.add_argument("--force", action="store_true", help="add another demo audit even if one exists")
    p.set_defaults(func=run, uses_data_folder=True)


def run(args) -> int:
    from auditor_app.demo import create_demo_audit, ensure_demo
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.store.folder_lock import owning

    folder = DataFolder.default()
    # A writer: the folder is ours until the audit is in, or refused if the window has it.
    with owning(folder):
        store = open_store(folder)
        try:
            audit_id = create_demo_audit(store) if args.force else ensure_demo(store)
        finally:
            store.close()
    print(f"Demo audit {audit_id[:8]} is in {folder.root}")
    return 0
