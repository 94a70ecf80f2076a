"""`auditor-app connect login URL --token T`: sign this installation in to a Connect platform;
`auditor-app connect status`: where it is signed in and what waits in the outbox."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("connect", help="sign in to the Connect platform (once per laptop)")
    actions = p.add_subparsers(dest="connect_action", metavar="ACTION", required=True)
    login = actions.add_parser("login", help="enrol this laptop's device key with a one-time token")
    login.add_argument("url", metavar="URL", help="the platform's address, e.g. https://connect.example.org")
    login.add_argument("--token", required=True, help="the enrolment token your platform administrator gave you")
    actions.add_parser("status", help="the platform this laptop is signed in to, and the outbox")
    p.set_defaults(func=run, uses_data_folder=True)


def run(args) -> int:
    from auditor_app.paths import DataFolder
    from auditor_app.signing.device_key import fingerprint_of
    from auditor_app.sync.credentials import require_link
    from auditor_app.text import printable

    folder = DataFolder.default()
    folder.ensure()
    if args.connect_action == "login":
        from auditor_app.sync.account import sign_in

        link = sign_in(folder, args.url, args.token)
        print(f"Signed in to {link.url} as {printable(link.user['name'])} ({link.user['role']}"
              + (f", {printable(link.user['firm_name'])}" if link.user.get("firm_name") else "") + ").")
        print(f"This laptop's device key {fingerprint_of(link.device_key_id)} is registered for you; the session "
              f"token is kept in the {'system keyring' if link.token_in == 'keyring' else 'data folder (0600)'}.")
        return 0
    link = require_link(folder)
    print(f"Signed in to {link.url} as {printable(link.user['name'])} ({link.user['role']}); device key "
          f"{fingerprint_of(link.device_key_id)}; platform key {fingerprint_of(link.server_key['key_id'])}.")
    from auditor_app.store.db import open_store
    from auditor_app.sync.outbox import items_by_audit

    store = open_store(folder)
    try:
        for audit_id, kinds in sorted(items_by_audit(store).items()):
            for kind, row in sorted(kinds.items()):
                reason = printable(row.last_error.splitlines()[0]) if row.last_error else ""
                print(f"  {audit_id[:8]}  {kind:<20} {row.state:<8} {reason}")
    finally:
        store.close()
    return 0
