"""What `export`, `rate` and `report` are pointed at: a stored audit (its id or a unique start of
it) or a `.escp` file. A helper for those commands, not a sub-command itself.

It lives here, above `audits/`, `package/` and `store/`, because it needs all three; the modules
below it (`rating_source` among them) then never import upward.
"""

from __future__ import annotations

from pathlib import Path

from auditor_app.errors import AuditIdError, UserError


def is_package_path(target: str) -> bool:
    return target.endswith(".escp") or Path(target).is_file()


def find_audit(store, session, text: str) -> str:
    """The id of the stored audit `text` names; the error names the data folder searched."""
    from auditor_app.audits.queries import resolve_audit_id

    try:
        return resolve_audit_id(session, text)
    except AuditIdError as exc:
        if exc.matches is None:  # not an id at all: where we looked does not matter
            raise
        raise AuditIdError(f"{exc.message} in {store.folder.root}", exc.hint, matches=exc.matches) from None


def document_for(target: str) -> dict:
    """The audit document of an `.escp` file path or of a stored audit (id or unique start)."""
    if is_package_path(target):
        from auditor_app.package.importer import PackageError, read_package

        try:
            return read_package(target).document
        except PackageError as exc:
            raise UserError(str(exc)) from None
    from auditor_app.package.document import audit_document
    from auditor_app.store.db import open_store

    store = open_store()
    try:
        with store.session() as session:
            return audit_document(session, find_audit(store, session, target))
    finally:
        store.close()
