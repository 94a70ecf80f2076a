"""Erasing an audit's confidential data: its key, its vault, its rosters.

Every copy of a note or quote (the database and its WAL, backups, events, audit.json of any package)
holds only markers, keyed hashes under the audit's key; the values are in the vault, encrypted with
it. Once the key is overwritten and removed, neither can be read or guessed again. Packages already
sent hold the values sealed to the firm's and the program's keys: those copies are theirs to erase.
Allowed once the audit is accepted and the retention period (`retention.yaml`) has passed, or when
the lead asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from auditor_app.confidential.audit_values import for_folder
from auditor_app.confidential.retention import accepted_at, erasable_from, load_retention
from auditor_app.errors import UserFacingError
from auditor_app.kept_rosters import KeptRosters
from auditor_app.store.eventlog import audit_events
from auditor_app.store.models import Audit
from auditor_app.store.types import format_utc, parse_utc, utcnow


@dataclass(frozen=True)
class Erased:
    audit_id: str
    erased_at: str
    reason: str
    rosters_removed: int


def erase_reason(session, audit_id: str, *, lead_request: bool, now: datetime) -> str:
    """Why erasing is allowed now (a sentence for the note); `UserFacingError` when it is not."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise UserFacingError("that audit is not in this data folder")
    if lead_request:
        return "erased at the lead's request"
    accepted = accepted_at(audit_events(session, audit_id)) if audit.state == "accepted" else None
    if accepted is None:
        raise UserFacingError("the audit is not accepted yet: its confidential data is kept until the program "
                              "accepts it and the retention period has passed",
                              "A lead may ask for erasure sooner (--lead-request).")
    due = erasable_from(parse_utc(accepted), load_retention())
    if now < due:
        raise UserFacingError(f"the retention period runs until {format_utc(due)[:10]}: the confidential data "
                              "is kept until then", "A lead may ask for erasure sooner (--lead-request).")
    return f"retention period over (accepted {accepted[:10]})"


def erase_confidential(store, audit_id: str, *, lead_request: bool = False, now: datetime | None = None) -> Erased:
    now = now or utcnow()
    values = for_folder(str(store.folder.root.resolve()))
    with store.session() as session:
        reason = erase_reason(session, audit_id, lead_request=lead_request, now=now)
    if not values.sealed_mode(audit_id):
        raise UserFacingError("this audit was recorded before confidential data was sealed: it has no key to "
                              "erase, and its notes are in the database as written")
    values.keys.erase(audit_id, format_utc(now), reason)
    values.vault.drop_audit(audit_id)
    removed = KeptRosters(store.folder).forget(audit_id)
    return Erased(audit_id, format_utc(now), reason, removed)
