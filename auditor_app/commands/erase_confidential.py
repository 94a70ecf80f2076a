"""`auditor-app erase-confidential AUDIT`: erase an audit's confidential key, vault and rosters.

Allowed once the audit is accepted and the retention period (resources/rules/retention.yaml) is
over, or at the lead's request (`--lead-request`). The rest of the audit stays as it was."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("erase-confidential", help="erase an audit's interview notes, quotes, seed and rosters for good")
    p.add_argument("audit", help="the audit's id (or the first characters of it)")
    p.add_argument("--lead-request", action="store_true", help="erase now, before the retention period is over")
    p.set_defaults(func=run, uses_data_folder=True)


def run(args) -> int:
    from auditor_app.commands.audit_target import find_audit
    from auditor_app.confidential.erasure import erase_confidential
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.store.folder_lock import owning

    folder = DataFolder.default()
    with owning(folder):
        store = open_store(folder)
        try:
            with store.session() as session:
                audit_id = find_audit(store, session, args.audit)
            erased = erase_confidential(store, audit_id, lead_request=args.lead_request)
        finally:
            store.close()
    print(f"Erased the confidential data of audit {audit_id[:8]} ({erased.reason}); "
          f"{erased.rosters_removed} roster files removed")
    return 0
