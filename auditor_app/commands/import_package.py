"""`auditor-app import file.escp`: bring an audit from a portable audit file into the data folder."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("import", help="import an audit from an .escp file; a damaged file is refused whole")
    p.add_argument("package", metavar="FILE", type=Path, help="the .escp file")
    p.set_defaults(func=run)


def run(args) -> int:
    from auditor_app.cli import UserError
    from auditor_app.package.errors import PackageError
    from auditor_app.package.importer import import_package
    from auditor_app.store.db import open_store

    if not args.package.is_file():
        raise UserError(f"{args.package}: no such file")
    store = open_store()
    try:
        try:
            result = import_package(store, args.package)
        except PackageError as exc:
            listed = "\n".join(f"  - {p}" for p in exc.problems)
            raise UserError(f"{args.package} was refused, nothing was imported:\n{listed}") from None
        except OSError as exc:  # the data folder's disk, not the package: nothing was kept either
            raise UserError(f"cannot write to {store.folder.root} ({exc.strerror or exc}); "
                            "nothing was imported") from None
    finally:
        store.close()
    name = result.factory_name or "no factory name"
    if result.already_imported:
        print(f"Audit {result.audit_id[:8]} ({name}) was already imported: nothing changed")
    else:
        print(f"Imported audit {result.audit_id[:8]} ({name}) into {store.folder.root}: {result.rows} "
              f"rows, {result.events} events, {result.evidence_written} new evidence files")
    return 0
