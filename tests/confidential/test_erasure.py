"""Erasing an audit's key makes its notes unreadable everywhere, backups included."""

from __future__ import annotations

from datetime import timedelta

import pytest

from auditor_app.audits.lifecycle import finalize
from auditor_app.confidential.erasure import erase_confidential
from auditor_app.confidential.retention import Retention, load_retention
from auditor_app.errors import UserFacingError
from auditor_app.kept_rosters import KeptRosters
from auditor_app.package.export import export_audit
from auditor_app.package.verify import verify_package
from auditor_app.resources import validate
from auditor_app.store.db import backup_database
from auditor_app.store.models import Audit, Interview
from auditor_app.store.types import utcnow

from complete_audit import complete_audit

from .conftest import NOTE, QUOTE, holding, raw_files


def _accept(store, audit_id):
    with store.transaction() as s:
        complete_audit(s, audit_id)
        finalize(s, audit_id, folder=store.folder)
    for state in ("submitted", "accepted"):
        with store.transaction() as s:
            s.get(Audit, audit_id).state = state


def test_the_retention_rules_are_validated():
    assert load_retention().confidential_days_after_acceptance == 180
    with pytest.raises(Exception, match="confidential_days_after_acceptance"):
        validate(Retention, {"confidential_days_after_acceptance": -1}, "retention.yaml")


def test_not_before_acceptance_and_the_retention_period(store, audit_id):
    with pytest.raises(UserFacingError, match="not accepted yet"):
        erase_confidential(store, audit_id)
    _accept(store, audit_id)
    with pytest.raises(UserFacingError, match="retention period runs until"):
        erase_confidential(store, audit_id)
    later = utcnow() + timedelta(days=181)
    assert erase_confidential(store, audit_id, now=later).reason.startswith("retention period over")


def test_after_erasure_no_file_holds_the_note(store, folder, audit_id, tmp_path):
    KeptRosters(folder).keep(audit_id, "工号,姓名\nA001,Chen Mei\n".encode(), "roster.csv")
    _accept(store, audit_id)
    backup_database(store.engine, folder, "before-erasure")
    erased = erase_confidential(store, audit_id, lead_request=True)
    assert erased.reason == "erased at the lead's request" and erased.rosters_removed == 2
    files = raw_files(folder.root)
    assert any(name.startswith("backups/") for name in files)
    for planted in (NOTE, QUOTE, "Chen Mei"):
        assert holding(files, planted) == []
    assert not (folder.confidential / audit_id).exists()
    assert not (folder.audit_keys / f"{audit_id}.key").exists()
    with store.session() as s:
        notes = s.query(Interview).filter_by(audit_id=audit_id).one().notes
    assert notes.startswith("sealed:v1:")  # the marker stays; nothing opens it
    # The audit itself lives on: it exports and verifies, with its confidential part gone.
    result = export_audit(store, audit_id, tmp_path / "after.escp")
    assert verify_package(result.path) == []
    assert result.confidential.startswith("sealed and not in this package")
