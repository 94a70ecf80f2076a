"""The closing page: live status, CAP edits, signature pads, finalize with blockers, seal, revision."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from pages_helpers import make_audit, make_context
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.audits import add_finding, update_cap_item
from auditor_app.store.eventlog import AuditFrozen
from auditor_app.store.models import Audit, CapItem, Signature
from auditor_app.ui.pages.closing import ClosingPage


@pytest.fixture
def audit_id(store):
    return make_audit(store)


@pytest.fixture
def page(qtbot, store, ops, audit_id):
    page = ClosingPage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    wait_for_operations()
    return page


def settle(ops):
    wait_for_operations()
    flush(ops)
    wait_for_operations()


def sign(qtbot, box, name):
    box.name.setFocus()
    qtbot.keyClicks(box.name, name)
    pad = box.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 60))
    for x in range(30, 200, 20):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(210, 70))


def test_status_follows_findings_live(qtbot, page, store, audit_id, ops):
    assert page.cap_empty.isVisible()
    first = page.status_label.text()
    page.ctx.write(add_finding, audit_id, "11.1.1", description="Trainees paid below minimum")
    settle(ops)
    qtbot.waitUntil(lambda: page.status_label.text() != first)
    assert page.cap_table.rowCount() == 1 and page.cap_table.isVisible()
    assert page.reasons_label.text()
    assert page.recommendation.status != "certified"


def test_cap_cells_are_saved(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        fid = add_finding(s, audit_id, "9.6.3", description="No PPE signs").id
    page.refresh({"finding"})
    table = page.cap_table
    assert table.item(0, 0).text() == "9.6.3" and table.item(0, 2).text() == "No PPE signs"
    assert not (table.item(0, 2).flags() & Qt.ItemFlag.ItemIsEditable)  # the finding is edited elsewhere
    table.item(0, 4).setText("Post noise and PPE signs at all 42 machines")
    table.item(0, 6).setText("Huang Qiang, EHS")
    table.cellWidget(0, 8).setCurrentIndex(1)  # dispute
    table.cellWidget(0, 7).setDate(date(2027, 1, 15))
    settle(ops)
    qtbot.wait(350)
    settle(ops)
    with store.session() as s:
        cap = s.scalars(select(CapItem).where(CapItem.finding_id == fid)).one()
    assert cap.corrective_action == "Post noise and PPE signs at all 42 machines"
    assert cap.responsible_person == "Huang Qiang, EHS"
    assert (cap.factory_position, cap.due_date) == ("dispute", date(2027, 1, 15))


def test_signatures_drawn_and_stored_with_hash(qtbot, page, store, audit_id, ops):
    manager = page.boxes["factory_manager"]
    sign(qtbot, manager, "Wu Meiling")
    qtbot.keyClicks(manager.title_edit, "General Manager")
    manager.authority.setChecked(True)
    sign(qtbot, page.boxes["auditor"], "Li Na")
    qtbot.wait(350)
    settle(ops)
    with store.session() as s:
        sigs = {sig.role: sig for sig in s.scalars(select(Signature))}
    m = sigs["factory_manager"]
    assert (m.name, m.title, m.has_authority) == ("Wu Meiling", "General Manager", True)
    assert m.image_png.startswith(b"\x89PNG") and m.image_sha256 == hashlib.sha256(m.image_png).hexdigest()
    assert sigs["auditor"].name == "Li Na"
    assert "Signed" in manager.signed_label.text()


def test_finalize_lists_blockers_then_seals_and_freezes(qtbot, page, store, audit_id, ops, monkeypatch):
    with store.transaction() as s:
        add_finding(s, audit_id, "9.6.3", description="")
    page.refresh({"finding"})
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.finalize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)  # after every pending edit is committed
    assert "factory manager has not signed" in warned[0] and "NC 9.6.3 has no description" in warned[0]
    # fix what was missing, like the auditor would
    with store.transaction() as s:
        from auditor_app.store.models import Finding
        s.scalars(select(Finding)).one().description = "No PPE signs at moulding"
    sign(qtbot, page.boxes["factory_manager"], "Wu Meiling")
    sign(qtbot, page.boxes["auditor"], "Li Na")
    qtbot.mouseClick(page.finalize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.frozen, timeout=5000)
    with store.session() as s:
        audit = s.get(Audit, audit_id)
    assert audit.state == "finalized" and len(audit.seal) == 64
    assert audit.seal in page.seal_label.text()
    assert not page.finalize_button.isVisible() and page.revision_button.isVisible()
    assert not page.boxes["auditor"].name.isEnabled() and page.boxes["auditor"].pad.read_only
    # a later edit is refused by the store
    failures = []
    page.ctx.write_failed.connect(failures.append)
    with store.session() as s:
        cap_id = s.scalars(select(CapItem)).one().id
    page.ctx.write(update_cap_item, cap_id, "root_cause", "late edit")
    settle(ops)
    assert isinstance(failures[0], AuditFrozen)


def test_new_revision_from_a_finalized_audit(qtbot, page, store, audit_id, ops, monkeypatch):
    sign(qtbot, page.boxes["factory_manager"], "Wu Meiling")
    sign(qtbot, page.boxes["auditor"], "Li Na")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.finalize_button, Qt.MouseButton.LeftButton)
    settle(ops)
    started = []
    page.revision_started.connect(started.append)
    qtbot.mouseClick(page.revision_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        new = s.get(Audit, started[0])
        assert (new.state, new.supersedes_id, new.revision) == ("draft", audit_id, 2)
        assert s.scalars(select(Signature).where(Signature.audit_id == new.id)).all() == []


def test_clear_asks_before_removing_a_stored_signature(qtbot, page, store, ops, monkeypatch):
    box = page.boxes["auditor"]
    sign(qtbot, box, "Li Na")
    qtbot.wait(350)
    settle(ops)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(box.clear_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        assert len(s.scalars(select(Signature)).all()) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(box.clear_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        assert s.scalars(select(Signature)).all() == []
    assert box.pad.is_empty()
