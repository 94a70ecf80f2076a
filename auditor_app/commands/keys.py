"""`auditor-app keys ...`: the public keys packages are sealed to, and a firm key pair for tests and demos.

- `keys import-recipient FILE`: keep a recipient (the audit firm's or the program's public key);
- `keys list`: the recipients packages from this data folder are sealed to;
- `keys firm-keypair DIR --label NAME [--role firm|program]`: make a key pair; the private key file
  (0600) stays with the lead, the `.recipient.json` goes to every auditor's laptop.
"""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("keys", help="recipients of sealed confidential data; a firm key pair")
    keys = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    imp = keys.add_parser("import-recipient", help="keep a public key packages are sealed to")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=run_import, uses_data_folder=True)
    lst = keys.add_parser("list", help="the public keys packages are sealed to")
    lst.set_defaults(func=run_list)
    pair = keys.add_parser("firm-keypair", help="make a key pair (private key 0600, and a recipient file)")
    pair.add_argument("out_dir", type=Path)
    pair.add_argument("--label", required=True)
    pair.add_argument("--role", choices=("firm", "program"), default="firm")
    pair.set_defaults(func=run_keypair)


def run_import(args) -> int:
    from auditor_app.confidential.recipients import import_recipient
    from auditor_app.paths import DataFolder
    from auditor_app.text import printable

    folder = DataFolder.default().ensure()
    r = import_recipient(folder, args.file)
    print(f"Packages from {folder.root} are now sealed to {printable(r.label)} ({r.role}, key {r.key_id}) too")
    return 0


def run_list(args) -> int:
    from auditor_app.confidential.recipients import recipients
    from auditor_app.paths import DataFolder
    from auditor_app.text import printable

    found = recipients(DataFolder.default())
    if not found:
        print("No recipients: packages leave confidential data out (keys import-recipient FILE)")
    for r in found:
        print(f"{r.key_id}  {r.role:8} {printable(r.label)}")
    return 0


def run_keypair(args) -> int:
    from auditor_app.confidential.recipients import make_keypair

    private, public = make_keypair(args.out_dir, args.label, args.role)
    print(f"Private key (keep it, mode 0600): {private}\nRecipient file (for the auditors' laptops): {public}")
    return 0
