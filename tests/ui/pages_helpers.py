"""Shared set-up for the page tests: a real audit in a fresh store and its AuditContext."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image

from auditor_app.audits import create_audit
from auditor_app.checklist.loader import load_checklist
from auditor_app.ui.context import AuditContext

FACTORY = {"name": "Dongguan Test Toys Co.", "headcount_male": 60, "headcount_female": 90, "shifts": 1}
TEAM = [{"name": "Li Na", "role": "lead auditor"}]


def make_audit(store, audit_type: str = "IAA", **kwargs) -> str:
    with store.transaction() as s:
        kwargs.setdefault("team", TEAM)
        audit = create_audit(s, audit_type=audit_type, factory=dict(FACTORY),
                             planned_start=date(2026, 11, 18), **kwargs)
        return audit.id


def make_context(store, ops, audit_id: str) -> AuditContext:
    with store.session() as s:
        from auditor_app.store.models import Audit
        version = s.get(Audit, audit_id).checklist_version
    return AuditContext(store, audit_id, load_checklist(version), ops)


def write_photo(path, colour=(200, 30, 30), size=(64, 48)) -> str:
    """A small real JPEG on disk (each colour gives different bytes, hence a different SHA-256)."""
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return str(path)
