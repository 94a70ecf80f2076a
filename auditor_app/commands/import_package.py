"""`auditor-app import file.escp`: bring an audit from a portable audit file into the data folder."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("import", help="import an audit from an .escp file; a damaged file is refused whole")
    p.add_argument("package", metavar="FILE", type=Path, help="the .escp file")
    p.add_argument("--key", type=Path, help="the firm's (or the program's) private key file: opens the "
                   "confidential part (notes, quotes, rosters); without it they stay sealed")
    p.set_defaults(func=run, uses_data_folder=True)


def run(args) -> int:
    from auditor_app.errors import UserError, as_user_error
    from auditor_app.package.errors import PackageError
    from auditor_app.package.importer import import_package
    from auditor_app.paths import DataFolder
    from auditor_app.store.db import open_store
    from auditor_app.store.folder_lock import owning
    from auditor_app.text import printable

    if not args.package.is_file():
        raise UserError(f"{args.package}: no such file")
    from auditor_app.confidential.recipients import read_private_key

    key = read_private_key(args.key) if args.key else None
    folder = DataFolder.default()
    # A writer: the folder is ours for the whole import, or refused if the window has it.
    with owning(folder):
        store = open_store(folder)
        try:
            try:
                result = import_package(store, args.package, key=key)
            except PackageError as exc:
                # Problems quote member and file names from the package: shown, never obeyed.
                listed = "\n".join(f"  - {printable(p)}" for p in exc.problems)
                raise UserError(f"{args.package} was refused, nothing was imported:\n{listed}") from None
            except OSError as exc:  # the data folder's disk, not the package: nothing was kept either
                if as_user_error(exc) is not None:
                    raise  # a full or read-only disk: the entry point says so (exit 1) and logs it
                raise UserError(f"cannot write to {folder.root} ({exc.strerror or exc}); "
                                "nothing was imported") from None
        finally:
            store.close()
    name = printable(result.factory_name) if result.factory_name else "no factory name"
    if result.already_imported:
        print(f"Audit {result.audit_id[:8]} ({name}) was already imported: nothing changed")
    else:
        print(f"Imported audit {result.audit_id[:8]} ({name}) into {folder.root}: {result.rows} "
              f"rows, {result.events} events, {result.evidence_written} new evidence files")
    print(f"  {printable(result.confidential)}")
    return 0
