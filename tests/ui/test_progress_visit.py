"""A Progress Visit started from a previous audit, as a PV specialist would: the visit type asked, the
previous CAP shown item by item in Document review, each verified with a result and a note, never
deleted; the carried NCs are on the CAP and in the NCs filter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
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


def test_the_worker_survey_is_filled_worker_by_worker_and_summarized(window, qtbot, store, make_audit):
    from auditor_app.audits.worker_survey import responses, target_for

    _first, view = start_pv(window, qtbot, store, make_audit)
    view.show_stage("interviews")
    page = view.pages["interviews"]
    panel = page.survey
    assert panel is not None and page.tabs.currentWidget() is panel
    with store.session() as s:
        target = target_for(s, view.audit_id)
    assert 10 <= target <= 15 and f"Survey {target} workers" in panel.intro.text()
    # an empty form is not saved
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.problem.isVisible()
    for qid, option in (("paid_on_time", "no"), ("weekly_hours", "over_60"), ("rest_day", "yes")):
        box = panel.answers[qid]
        box.setCurrentIndex(box.findData(option))
    panel.comment.setPlainText("Overtime in the peak season")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=5000)
    index = page.tabs.indexOf(panel)
    assert page.tabs.tabText(index) == f"Worker survey (1/{target})"
    assert panel.list.item(0).text() == "S-01 · 2 concerns"
    assert panel.chosen_answers() == {}  # the form is ready for the next worker
    summary = {panel.summary.item(r, 0).text(): (panel.summary.item(r, 1).text(), panel.summary.item(r, 2).text())
               for r in range(panel.summary.rowCount())}
    assert summary[panel.survey.question("paid_on_time").en] == ("No 1", "1")
    assert summary[panel.survey.question("rest_day").en] == ("Yes 1", "")
    # widget -> model, then a change to the same worker's answers
    panel.list.setCurrentRow(0)
    assert panel.respondent.currentText() == "S-01" and not panel.respondent.isEnabled()
    assert panel.comment.toPlainText() == "Overtime in the peak season"  # shown back in the clear
    box = panel.answers["paid_on_time"]
    box.setCurrentIndex(box.findData("yes"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.list.count() and panel.list.item(0).text() == "S-01 · 1 concern", timeout=5000)
    with store.session() as s:
        rows = responses(s, view.audit_id)
    assert [(r.code, r.answers) for r in rows] == [
        ("S-01", {"paid_on_time": "yes", "weekly_hours": "over_60", "rest_day": "yes"})]


def test_a_survey_form_being_filled_survives_a_refresh_and_is_kept_as_a_draft(window, qtbot, store, make_audit):
    """Another change refreshes the page while a worker's answers are half entered: they stay in the form (and
    on disk); choosing another response lets them go."""
    _first, view = start_pv(window, qtbot, store, make_audit)
    view.show_stage("interviews")
    page = view.pages["interviews"]
    panel = page.survey
    box = panel.answers["paid_on_time"]
    box.setCurrentIndex(box.findData("no"))
    panel.comment.setPlainText("Deposit kept by the agent")
    page.refresh({"interview"})  # as after any change on the page
    assert panel.chosen_answers() == {"paid_on_time": "no"}
    assert panel.comment.toPlainText() == "Deposit kept by the agent"
    window.ops.drafts.close()  # written now (the journal writes off the GUI thread)
    kept = window.ops.drafts.drafts(view.audit_id)
    assert [d.values["comment"] for d in kept] == ["Deposit kept by the agent"]
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.list.count() == 1 and not window.ops.drafts.drafts(view.audit_id), timeout=5000)
    assert panel.chosen_answers() == {}  # saved: the form is blank for the next worker
    panel.comment.setPlainText("typed, then another response chosen")
    window.ops.drafts.close()
    assert window.ops.drafts.drafts(view.audit_id)
    panel.list.setCurrentRow(0)
    window.ops.drafts.close()
    assert panel.comment.toPlainText() == "Deposit kept by the agent" and not window.ops.drafts.drafts(view.audit_id)


def test_the_checklist_of_a_progress_visit_shows_the_carried_checkpoints_and_the_whole_one_tick_away(
        window, qtbot, store, make_audit):
    _first, view = start_pv(window, qtbot, store, make_audit)
    view.show_stage("checklist")
    page = view.pages["checklist"]
    assert page.whole.isVisible() and not page.whole.isChecked()
    assert page.tree.visible_ids() == ["9.2.2", "9.6.3"]
    assert page.completion() == (2, 2)
    qtbot.mouseClick(page.whole, Qt.MouseButton.LeftButton)
    assert len(page.tree.visible_ids()) == len(page.checkpoints) > 100
    qtbot.mouseClick(page.whole, Qt.MouseButton.LeftButton)
    assert page.tree.visible_ids() == ["9.2.2", "9.6.3"]


def test_the_opening_meeting_shows_the_factorys_questionnaire_beside_the_advice_given(
        window, qtbot, store, make_audit, tmp_path):
    from auditor_app.audits.questionnaire import blank_questionnaire

    _first, view = start_pv(window, qtbot, store, make_audit)
    view.show_stage("opening")
    panel = view.pages["opening"].questionnaire
    assert panel is not None and panel.table.rowCount() == 0 and "Not received yet" in panel.source.text()
    blank = tmp_path / "blank.csv"
    panel.write_blank(str(blank))
    qtbot.waitUntil(blank.exists, timeout=5000)
    assert blank.read_bytes() == blank_questionnaire()
    # the factory fills it (Excel, GBK) and sends it back
    lines = blank.read_bytes().decode("utf-8-sig").split("\r\n")
    filled_lines = [lines[0]] + [line + ("Chain removed 2026-01-05" if line.startswith("Q04,") else "") if line.endswith(",")
                                 else line for line in lines[1:]]
    answered = tmp_path / "answered.csv"
    answered.write_bytes("\r\n".join(filled_lines).encode("gb18030"))
    panel.import_file(str(answered))
    qtbot.waitUntil(lambda: panel.table.rowCount() == 10, timeout=5000)
    assert "answered.csv" in panel.source.text()
    row = next(r for r in range(10) if panel.table.item(r, 0).text().startswith("Q04"))
    assert panel.table.item(row, 1).text() == "Chain removed 2026-01-05"
    panel.table.item(row, 2).setText("Keep the daily exit check log on the notice board")
    qtbot.waitUntil(lambda: any(r.advice for r in store_rows(store, view.audit_id)), timeout=5000)
    # a file that is not a questionnaire is refused and nothing changes
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a workbook")
    panel.import_file(str(bad))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "operation-error") is not None, timeout=5000)
    box = window.findChild(QMessageBox, "operation-error")
    assert "photo.xlsx cannot be read as an Excel workbook" in box.text()
    box.close()
    rows = {r.question_id: r for r in store_rows(store, view.audit_id)}
    assert rows["Q04"].answer == "Chain removed 2026-01-05"
    assert rows["Q04"].advice == "Keep the daily exit check log on the notice board"


def store_rows(store, audit_id):
    from auditor_app.audits.questionnaire import questionnaire_answers

    with store.session() as s:
        return questionnaire_answers(s, audit_id)
