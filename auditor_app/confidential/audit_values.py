"""One data folder's confidential values: markers in, values out, per audit.

`for_session(session)` finds the data folder of a store session (its database file's folder). An
audit is in sealed mode when it has (or had) a key (`audit_keys`); an audit recorded before this
version has none and its values stay plain, exactly as before.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from auditor_app.confidential.audit_keys import AuditKeys, derive
from auditor_app.confidential.fields import CONFIDENTIAL, hide, show
from auditor_app.confidential.markers import make_marker
from auditor_app.confidential.vault import Vault
from auditor_app.paths import DataFolder


class AuditValues:
    def __init__(self, folder: DataFolder):
        self.folder = folder
        self.keys = AuditKeys(folder)
        self.vault = Vault(folder)

    def sealed_mode(self, audit_id: str) -> bool:
        return self.keys.sealed_mode(audit_id)

    def hide(self, audit_id: str, table: str, field: str, row_id: str, value: Any,
             *, keep: bool = False) -> tuple[Any, list[str]]:
        """(public value, its markers). `keep` writes each part to the vault first (before its row)."""
        secret = self.keys.secret(audit_id)
        if secret is None:
            return value, []  # plain audit; or erased, where nothing new can be written
        marker_key = derive(secret, "markers")
        public, parts = hide(table, field, value, lambda part: make_marker(marker_key, table, field, row_id, part))
        if keep:
            for marker, part in parts.items():
                self.vault.put(secret, audit_id, marker, part)
        return public, list(parts)

    def show(self, audit_id: str, field: str, value: Any) -> Any:
        secret = self.keys.secret(audit_id)
        return show(field, value, lambda marker: self.vault.get(secret, audit_id, marker))

    def public_row(self, table: str, row: dict, audit_id: str) -> dict:
        """A row (as `row_to_dict` gives it) with markers in place of its confidential values."""
        fields = [f for f in CONFIDENTIAL.get(table, ()) if f in row]
        if not fields or not self.sealed_mode(audit_id):
            return row
        out = dict(row)
        for field in fields:
            out[field], _ = self.hide(audit_id, table, field, row["id"], row[field])
        return out

    def plain_row(self, table: str, row: dict, audit_id: str) -> dict:
        """A row with the values the vault knows in place of its markers."""
        fields = [f for f in CONFIDENTIAL.get(table, ()) if f in row]
        return {**row, **{f: self.show(audit_id, f, row[f]) for f in fields}} if fields else row


@lru_cache(maxsize=64)
def for_folder(root: str) -> AuditValues:
    return AuditValues(DataFolder(Path(root)))


def for_session(session: Session) -> AuditValues | None:
    """The confidential values of the data folder whose database `session` reads; None for a
    database that is not in a data folder (in memory)."""
    try:
        bind = session.get_bind()
    except Exception:  # noqa: BLE001 - a session without a bind has no data folder
        return None
    database = getattr(getattr(bind, "url", None), "database", None)
    if not database or database == ":memory:":
        return None
    return for_folder(str(Path(database).resolve().parent))
