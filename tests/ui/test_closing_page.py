"""The closing page: live status, CAP edits, signature pads, finalize with blockers, seal, revision."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from complete_audit import complete_audit
from pages_helpers import make_audit, make_context
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.audits import add_finding, save_finding, update_cap_item
from auditor_app.checklist.cap_policy import finding_due_date
from auditor_app.store.eventlog import AuditFrozen
from auditor_app.store.models import Audit, CapItem, GapClosure, Meeting, Signature
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
    page = box.parent()
    while not isinstance(page, ClosingPage):
        page = page.parent()
    page.show_signatures()  # the pads have a tab of their own
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
    assert page.reasons_label.text(), (page.status_label.text(), page.recommendation)
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


def test_a_refresh_of_the_same_rows_changes_cells_in_place(qtbot, page, store, audit_id):
    # Every save refreshes the page: the table then sets what changed, and makes no cell again (making
    # an editor and a drop-down for each row took ~150 ms at 100 NCs, at each save).
    with store.transaction() as s:
        for checkpoint in ("9.6.3", "11.1.1"):
            add_finding(s, audit_id, checkpoint, description=f"NC at {checkpoint}")
    page.refresh({"finding"})
    table = page.cap_table
    cells = [(table.item(r, 4), table.cellWidget(r, 7), table.cellWidget(r, 8)) for r in range(2)]
    with store.transaction() as s:
        update_cap_item(s, table.cap_ids[1], "corrective_action", "Pay the difference by March")
        update_cap_item(s, table.cap_ids[1], "factory_position", "dispute")
        update_cap_item(s, table.cap_ids[1], "due_date", date(2027, 3, 31))
    page.refresh({"cap_item"})
    assert [(table.item(r, 4), table.cellWidget(r, 7), table.cellWidget(r, 8)) for r in range(2)] == cells
    assert table.item(1, 4).text() == table.item(1, 4).toolTip() == "Pay the difference by March"
    assert table.cellWidget(1, 8).currentData() == "dispute"
    assert table.cellWidget(1, 7).date().toPython() == date(2027, 3, 31)
    assert table.item(0, 4).text() == "" and table.cellWidget(0, 8).currentData() == "agree"

    with store.transaction() as s:  # another NC: the rows change, the table is made again
        add_finding(s, audit_id, "9.1.1", description="Blocked exit")
    page.refresh({"finding"})
    assert table.rowCount() == 3
    assert {table.item(r, 4).text() for r in range(3)} == {"", "Pay the difference by March"}


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


def test_finalize_lists_the_gaps_then_seals_and_freezes(qtbot, page, store, audit_id, ops, monkeypatch):
    with store.transaction() as s:
        add_finding(s, audit_id, "9.6.3", description="")
    page.refresh({"finding"})
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.finalize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "gaps_dialog", None) is not None and page.gaps_dialog.state is not None,
                    timeout=5000)
    dialog = page.gaps_dialog
    texts = [g.text for g in dialog.state.open]
    assert "The factory manager has not signed the CAP" in texts and "NC 9.6.3 has no description" in texts
    assert any(t.startswith("Checkpoint 1.1.1 not answered") for t in texts)
    assert not dialog.finalize_button.isEnabled()
    dialog.reject()
    # complete what was missing, like the auditor would, and sign on the pads
    with store.transaction() as s:
        from auditor_app.store.models import Finding
        finding_id = s.scalars(select(Finding)).one().id
        save_finding(s, audit_id, "9.6.3", finding_id, {"description": "No PPE signs at moulding"}, set())
        complete_audit(s, audit_id, sign=False)
    page.refresh({"finding", "meeting"})
    sign(qtbot, page.boxes["factory_manager"], "Wu Meiling")
    sign(qtbot, page.boxes["auditor"], "Li Na")
    settle(ops)
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


def test_gaps_are_closed_with_a_reason_in_the_dialog(qtbot, page, store, audit_id, ops):
    page.show_gaps()
    dialog = page.gaps_dialog
    qtbot.waitUntil(lambda: dialog.state is not None, timeout=5000)
    stage = next(dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
                 if dialog.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "stage:documents")
    first = stage.child(0)
    name = first.text(0)
    first.setCheckState(0, Qt.CheckState.Checked)
    assert dialog.close_button.isEnabled()
    dialog.reason.setCurrentIndex(dialog.reason.findData("not_available"))
    qtbot.keyClicks(dialog.note, "destroyed in the 2025 flood")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        [closure] = s.scalars(select(GapClosure)).all()
    assert closure.reason == "not_available" and closure.note == "destroyed in the 2025 flood"
    qtbot.waitUntil(lambda: dialog.closed.count() == 1, timeout=5000)
    assert name in dialog.closed.item(0).text() and "not available" in dialog.closed.item(0).text()
    dialog.closed.setCurrentRow(0)
    qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        assert s.scalars(select(GapClosure)).all() == []
    dialog.reject()


def test_the_closing_meeting_is_recorded_and_starts_the_cap_clock(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        add_finding(s, audit_id, "10.2.2", description="Two 15-year-olds in packing")  # Zero Tolerance
    page.refresh(set())
    record = page.record
    page.tabs.setCurrentIndex(1)
    assert record.notice_to.isVisible()  # a ZT finding: the notice fields are shown
    record.held.setChecked(True)
    record.held_at.setDateTime(record.held_at.dateTime().fromString("2026-12-03 16:00", "yyyy-MM-dd HH:mm"))
    next(b for b in record.position_buttons.buttons() if b.property("position") == "partly").setChecked(True)
    record.disagreements.setFocus()
    qtbot.keyClicks(record.disagreements, "Disputes the overtime finding")
    qtbot.keyClicks(record.notice_to, "ESCP program office")
    record.notice_sent.setChecked(True)
    qtbot.wait(400)
    settle(ops)
    with store.session() as s:
        closing = s.scalars(select(Meeting).where(Meeting.kind == "closing")).one()
        cap = s.scalars(select(CapItem)).one()
    assert closing.factory_position == "partly" and closing.disagreements == "Disputes the overtime finding"
    assert closing.zt_notice_to == "ESCP program office" and closing.zt_notice_at is not None
    assert closing.held_at.astimezone(factory_zone_of(store, audit_id)).strftime("%Y-%m-%d %H:%M") == "2026-12-03 16:00"
    # 10.2.2 is due immediately (checklist `due: immediate`): the closing day on site, not the planned end
    assert cap.due_date == finding_due_date("zero_tolerance", date(2026, 12, 3), "immediate") == date(2026, 12, 3)


def test_a_signed_cap_is_read_only_until_the_auditor_chooses_to_clear_the_signatures(
        qtbot, page, store, audit_id, ops, monkeypatch):
    with store.transaction() as s:
        add_finding(s, audit_id, "9.6.3", description="No PPE signs")
    page.refresh(set())
    sign(qtbot, page.boxes["factory_manager"], "Wu Meiling")
    sign(qtbot, page.boxes["auditor"], "Li Na")
    qtbot.wait(350)
    settle(ops)
    page.refresh(set())
    assert page.signed_state.text().startswith("✓ CAP signed by the factory manager 20")
    page.tabs.setCurrentIndex(0)  # back to the CAP: shown as signed
    assert page.signed_bar.isVisible() and page.cap_table.read_only
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.edit_signed_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        assert len(s.scalars(select(Signature)).all()) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.edit_signed_button, Qt.MouseButton.LeftButton)
    settle(ops)
    qtbot.waitUntil(lambda: not page.cap_table.read_only, timeout=5000)
    with store.session() as s:
        assert s.scalars(select(Signature)).all() == []
    assert not page.signed_bar.isVisible()


def factory_zone_of(store, audit_id):
    from auditor_app.checklist.time_zones import factory_zone

    with store.session() as s:
        return factory_zone(s.get(Audit, audit_id).factory)


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
