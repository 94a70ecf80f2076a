"""A Progress Visit started from a previous audit, as a PV specialist would: the visit type asked, the
previous CAP shown item by item in Document review, each verified with a result and a note, never
deleted; the carried NCs are on the CAP and in the NCs filter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from auditor_app.audits import add_finding
from auditor_app.store.models import Audit, CapItem, Finding


def start_pv(window, qtbot, store, make_audit):
    first = make_audit()
    with store.transaction() as s:
        for cp, grade, text in (("9.2.2", "critical", "Rear exit locked"), ("9.6.3", "minor", "No noise signs")):
            finding = add_finding(s, first, cp, description=text, grade=grade)
            s.flush()
            cap = s.scalars(select(CapItem).where(CapItem.finding_id == finding.id)).one()
            cap.corrective_action, cap.due_date = f"Fix: {text}", date(2026, 1, 10)
    window.audit_list.reload(select_id=first)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.start_visit_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.kind.setCurrentIndex(dialog.kind.findData("PV"))
    assert dialog.announced.isChecked() and "Progress" in dialog.kind.currentText()
    assert "Zero Tolerance" in dialog.what.text()  # what a PV is, as the program defines it
    assert dialog.lead.text() == "Li Wei"
    dialog.lead.setText("Chen Jing")
    dialog.planned_start.setDate(date(2026, 3, 2))
    dialog.accept()
    qtbot.waitUntil(lambda: window.audit_view is not None, timeout=3000)
    return first, window.audit_view


def test_a_progress_visit_verifies_the_previous_cap_item_by_item(window, qtbot, store, make_audit):
    first, view = start_pv(window, qtbot, store, make_audit)
    with store.session() as s:
        audit = s.get(Audit, view.audit_id)
        assert (audit.audit_type, audit.announced, audit.follows_id) == ("PV", True, first)
        assert audit.team == [{"name": "Chen Jing", "role": "PV specialist"}]
    view.show_stage("documents")
    page = view.pages["documents"]
    tabs = page.tabs
    index = tabs.indexOf(tabs.previous_cap)
    assert tabs.isTabVisible(index) and tabs.tabText(index) == "Previous CAP (0 of 2 verified)"
    tabs.setCurrentIndex(index)
    panel = tabs.previous_cap
    table = panel.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["9.2.2", "9.6.3"]
    assert table.item(0, 4).text() == "Fix: Rear exit locked" and "(overdue)" in table.item(0, 6).text()
    # closing without saying what was seen is asked for first
    box = table.cellWidget(0, 7)
    box.setCurrentIndex(box.findData("closed"))
    box.activated.emit(box.currentIndex())
    assert panel.problem.isVisible() and "needs a note" in panel.problem.text()
    table.item(0, 8).setText("Chain removed; exits open on every floor")
    qtbot.waitUntil(lambda: tabs.tabText(index) == "Previous CAP (1 of 2 verified)", timeout=5000)
    box = table.cellWidget(1, 7)
    box.setCurrentIndex(box.findData("progress"))
    box.activated.emit(box.currentIndex())
    qtbot.waitUntil(lambda: tabs.tabText(index) == "Previous CAP (2 of 2 verified)", timeout=5000)
    with store.session() as s:
        rows = s.execute(select(Finding.checkpoint_id, Finding.status, Finding.deleted_at, CapItem.verification_result)
                         .join(CapItem, CapItem.finding_id == Finding.id)
                         .where(Finding.audit_id == view.audit_id).order_by(Finding.checkpoint_id)).all()
    assert [tuple(r) for r in rows] == [("9.2.2", "closed", None, "closed"), ("9.6.3", "in_progress", None, "progress")]
    # the carried NCs are on the closing page's CAP
    closing = view.pages["closing"]
    assert closing.cap_table.rowCount() == 2
