"""The audit list at start, read without the ORM: the window shows it while SQLAlchemy and the models
load (issue 17: a usable list in the time of a bare window, not after a third of a second of imports).

`read_start_list` is a plain SQL read of what `audits.queries.list_audits` returns unfiltered (a test
proves the two equal on the same database). It answers only when it can be sure: the database exists,
is encrypted with this folder's key and is at the newest schema; and it never asks for a passphrase. Anything else (a first start, a
plaintext database of an earlier version, a migration to run, any SQLite error) gives None, and the
caller opens the store first as it always did: the fast way never writes and never migrates.
"""

from __future__ import annotations

import logging
from datetime import date

from auditor_app.paths import DataFolder
from auditor_app.store.audit_summary import AuditSummary

log = logging.getLogger(__name__)

# list_audits(session) without filters: audits with their factory, newest first, open findings counted.
LIST_SQL = """
select a.id, a.audit_type, a.state, a.revision, f.name, f.name_local, f.connect_id, a.planned_start,
       a.actual_start, a.checklist_version, coalesce(n.open, 0), a.seal is not null, a.supersedes_id
from audit as a
join factory_profile as f on f.audit_id = a.id
left outer join (select audit_id, count(*) as open from finding
                 where status != 'closed' and deleted_at is null group by audit_id) as n on n.audit_id = a.id
order by a.created_at desc
"""


def read_start_list(folder: DataFolder) -> list[AuditSummary] | None:
    """The folder's audit list, or None when only the store may read it (see the module's doc)."""
    from auditor_app.confidential import database, folder_key
    from auditor_app.store import migrations

    path = folder.database
    if not path.is_file() or database.is_plaintext(path) or not folder_key.opens_without_asking(folder):
        return None
    try:
        con = database.connect(path, folder_key.unlock(folder))
    except (database.Error, OSError, folder_key.FolderLocked) as exc:  # the window's unlock words a key problem
        log.info("start list not read (%s): the store reads it", exc)
        return None
    try:
        versions = con.execute("select version_num from alembic_version").fetchall()
        if versions != [(migrations.head(),)]:
            return None  # a migration to run first (or a database newer than this version)
        return [_summary(row) for row in con.execute(LIST_SQL)]
    except (database.Error, ValueError, TypeError) as exc:
        log.info("start list not read (%s): the store reads it", exc)
        return None
    finally:
        con.close()


def _summary(row: tuple) -> AuditSummary:
    (audit_id, audit_type, state, revision, name, name_local, connect_id, planned, actual, checklist, open_findings,
     sealed, supersedes) = row
    return AuditSummary(id=audit_id, audit_type=audit_type, state=state, revision=revision, factory_name=name,
                        factory_name_local=name_local, connect_id=connect_id, planned_start=_date(planned),
                        actual_start=_date(actual), checklist_version=checklist, open_findings=open_findings,
                        sealed=bool(sealed), supersedes_id=supersedes)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
