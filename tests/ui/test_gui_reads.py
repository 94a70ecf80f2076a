"""The GUI thread reads little: a page's refresh costs a few statements, however many rows it shows."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import timedelta

from pages_helpers import make_audit, make_context
from sqlalchemy import event

from auditor_app.audits import add_finding, add_tour_area
from auditor_app.store.models import AreaEvidence, Evidence, FindingEvidence
from auditor_app.store.types import utcnow
from auditor_app.ui.pages.evidence import EvidencePage

PHOTOS = 300
MAX_STATEMENTS = 30


@contextmanager
def gui_statements(store):
    """Count the SQL statements run on this (the GUI) thread while the block runs."""
    gui = threading.get_ident()
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if threading.get_ident() == gui:
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def audit_with_photos(store, photos: int) -> str:
    audit_id = make_audit(store)
    with store.transaction() as s:
        finding = add_finding(s, audit_id, "9.3.3", description="Tags not signed")
        area_id = add_tour_area(s, audit_id, "production", "Assembly")
        now = utcnow()
        rows = [Evidence(audit_id=audit_id, sha256=f"{n:064x}", original_name=f"IMG_{n:04d}.JPG",
                         media_type="image/jpeg", size=1000 + n, width=4000, height=3000,
                         captured_at=now - timedelta(minutes=n), caption=f"photo {n}") for n in range(photos)]
        s.add_all(rows)
        s.flush()
        s.add_all([FindingEvidence(audit_id=audit_id, finding_id=finding.id, evidence_id=r.id) for r in rows[::3]])
        s.add_all([AreaEvidence(audit_id=audit_id, tour_area_id=area_id, evidence_id=r.id) for r in rows[::5]])
    return audit_id


def test_an_evidence_refresh_with_300_photos_reads_in_a_few_statements(qtbot, store, ops):
    audit_id = audit_with_photos(store, PHOTOS)
    page = EvidencePage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.grid.count() == PHOTOS
    with gui_statements(store) as seen:
        page.refresh({"evidence"})
    assert page.grid.count() == PHOTOS
    print(f"evidence refresh with {PHOTOS} photos: {len(seen)} statements on the GUI thread")
    assert len(seen) <= MAX_STATEMENTS, "\n".join(seen[:40])
