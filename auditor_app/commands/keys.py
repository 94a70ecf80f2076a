"""`auditor-app keys ...`: the public keys packages are sealed to, and a firm key pair for tests and demos.

- `keys import-recipient FILE`: keep a recipient (the audit firm's or the program's public key);
- `keys list`: the recipients packages from this data folder are sealed to;
- `keys firm-keypair DIR --label NAME [--role firm|program]`: make a key pair; the private key file
  (0600) stays with the lead, the `.recipient.json` goes to every auditor's laptop;
- `keys unlock [--passphrase]`: open the data folder (made and encrypted the first time, a plaintext one
  from an earlier version converted) and say how its key is kept; `--passphrase` keeps it under a
  passphrase from now on (asked twice, or AUDITOR_APP_NEW_PASSPHRASE), instead of the keyring or a key file.
  Every command unlocks the same way: the keyring, AUDITOR_APP_PASSPHRASE, or a prompt in a terminal.
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
    unlock = keys.add_parser("unlock", help="unlock (and on first use encrypt) the data folder; how its key is kept")
    unlock.add_argument("--passphrase", action="store_true", help="keep the folder's key under a new passphrase")
    unlock.set_defaults(func=run_unlock, uses_data_folder=True)


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


def run_unlock(args) -> int:
    import os

    from auditor_app.confidential import folder_key
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store

    folder = DataFolder.default()
    store = open_store(folder)  # unlocks; converts a plaintext database and its backups
    try:
        if args.passphrase:
            new = os.environ.get("AUDITOR_APP_NEW_PASSPHRASE")
            if new is None:
                new = folder_key.ask_terminal("New passphrase for the data folder", True)
            if new is None:
                print("No passphrase set; nothing was changed.")
                return 2
            folder_key.set_passphrase(folder, new)
        print(f"{folder.root}: unlocked; {folder_key.status(folder)}")
    finally:
        store.close()
    return 0
