"""`auditor-app export AUDIT -o file.escp`: write one audit as a portable audit file."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("export", help="write an audit as a portable .escp file (USB, archive)")
    p.add_argument("audit", metavar="AUDIT", help="audit id or a unique start of it (see `auditor-app list`)")
    p.add_argument("-o", "--output", required=True, type=Path, help="the .escp file to write")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--outside", action="store_true", help="for outside the firm: photo copies without GPS "
                   "and camera serial numbers in place of the originals (verifiable, not importable)")
    p.set_defaults(func=run, uses_data_folder=True)


def run(args) -> int:
    from auditor_app.commands.audit_target import find_audit
    from auditor_app.errors import UserError, as_user_error
    from auditor_app.package.errors import ExportError
    from auditor_app.package.export import export_audit
    from auditor_app.store.db import open_store
    from auditor_app.text import printable

    out = args.output
    if out.exists() and not args.force:
        raise UserError(f"{out} already exists; use --force to replace it")
    if not out.parent.is_dir():
        raise UserError(f"cannot write {out}: folder {out.parent} does not exist")
    store = open_store()
    try:
        with store.session() as session:
            audit_id = find_audit(store, session, args.audit)
        try:
            result = export_audit(store, audit_id, out, outside=args.outside)
        except ExportError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            if as_user_error(exc) is not None:
                raise  # a full or read-only disk: the entry point says so (exit 1) and logs it
            raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        store.close()
    audit = result.manifest["audit"]
    print(f"Exported audit {audit_id[:8]} ({printable(audit['factory_name'])}, {audit['type']}, "
          f"{audit['state']}) to {result.path}: {result.evidence_count} evidence files, "
          f"{result.event_count} events, {result.size} bytes")
    print(f"  {printable(result.confidential)}")
    return 0
