"""A whole audit through the main window, as a user clicks and types it: new audit -> every stage ->
NCs with photos -> signatures -> finalize; then what was stored, the seal, and a refused later edit."""

from __future__ import annotations

import hashlib
from datetime import date

from pages_helpers import write_photo
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.ui.pages.closing import ClosingPage
from auditor_app.audits import change_grade
from auditor_app.checklist.demo_roster import demo_workers, roster_csv
from auditor_app.package.document import audit_document
from auditor_app.package.seal import compute_seal
from auditor_app.store.eventlog import AuditFrozen
from auditor_app.store.models import (
    Answer,
    AreaEvidence,
    Audit,
    Evidence,
    Finding,
    FindingEvidence,
    Interview,
    SampleDraw,
    Signature,
    TourArea,
)


def settle(window, qtbot, ms: int = 0):
    if ms:
        qtbot.wait(ms)
    wait_for_operations()
    flush(window.ops)
    wait_for_operations()


def activate(window, qtbot):
    """Keys reach shortcuts only in the active window (offscreen, a closed dialog leaves none active)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def click_box(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def sign(qtbot, box, name):
    page = box.parent()
    while not isinstance(page, ClosingPage):
        page = page.parent()
    page.show_signatures()  # the pads have a tab of their own
    box.name.setFocus()
    qtbot.keyClicks(box.name, name)
    qtbot.mousePress(box.pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 60))
    for x in range(30, 220, 15):
        qtbot.mouseMove(box.pad, QPoint(x, 45 + (x % 30)))
    qtbot.mouseRelease(box.pad, Qt.MouseButton.LeftButton, pos=QPoint(230, 70))


def test_walk_through_a_whole_audit(qtbot, window, store, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.resize(1280, 720)  # the whole day on a 720p laptop
    activate(window, qtbot)

    # ---- new audit ----
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.new_audit_dialog is not None and window.new_audit_dialog.isVisible())
    dialog = window.new_audit_dialog
    qtbot.keyClicks(dialog.name, "Sunrise Plastic Toys Co.")
    dialog.male.clear()
    qtbot.keyClicks(dialog.male, "40")
    dialog.female.clear()
    qtbot.keyClicks(dialog.female, "80")
    dialog.tabs.setCurrentIndex(1)
    dialog.team.item(0, 0).setText("Li Na")
    dialog.planned_start.setDate(date(2026, 11, 18))
    dialog.planned_end.setDate(date(2026, 11, 18))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.audit_view is not None)
    view = window.audit_view
    activate(window, qtbot)
    audit_id = view.audit_id
    pages = view.pages

    # ---- opening meeting ----
    opening = pages["opening"]
    for box in list(opening.form_boxes.values()) + list(opening.consent_boxes.values()):
        click_box(qtbot, box)
    settle(window, qtbot)

    # ---- tour: the usual areas, an observation, "raise an NC here" ----
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    tour = pages["tour"]
    qtbot.mouseClick(tour.suggest_button, Qt.MouseButton.LeftButton)
    settle(window, qtbot)
    tour.area_list.setCurrentRow(0)
    click_box(qtbot, tour.visited)
    qtbot.mouseClick(tour.observations, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tour.observations, "Rear exit chained at 10:20")
    settle(window, qtbot, 350)
    area_id = tour.current_area_id()
    qtbot.mouseClick(tour.raise_button, Qt.MouseButton.LeftButton)
    checklist = pages["checklist"]
    assert view.current_stage() == "checklist" and checklist.banner.isVisible()
    checklist.filter.setCurrentIndex(0)
    checklist.search.setText("9.4")
    checklist.select(checklist.tree.visible_ids()[0])
    exit_checkpoint = checklist.current_id()
    checklist.tree.setFocus()
    qtbot.keyClick(checklist.tree, Qt.Key.Key_N)
    editor = checklist.editor
    assert editor.area.currentData() == area_id
    qtbot.keyClicks(editor.description, "Rear exit of the assembly floor chained shut during working hours")
    click_box(qtbot, editor.systemic)
    editor.accept()
    settle(window, qtbot)
    activate(window, qtbot)
    checklist.search.clear()

    # ---- documents: the first request received ----
    qtbot.keyClick(view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    docs = pages["documents"]
    docs.table.selectRow(0)
    docs.status_buttons.buttons()[1].click()
    settle(window, qtbot)

    # ---- interviews: roster, draw, one interview held ----
    qtbot.keyClick(view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    interviews = pages["interviews"]
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_csv(demo_workers(120, seed=3, on_date=date(2026, 11, 18))), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(roster), ""))
    qtbot.mouseClick(interviews.draw_box.import_button, Qt.MouseButton.LeftButton)
    wait_for_operations()
    interviews.draw_box.seed.setValue(2026)
    qtbot.mouseClick(interviews.draw_box.draw_button, Qt.MouseButton.LeftButton)
    settle(window, qtbot)
    interviews.list.setCurrentRow(0)
    click_box(qtbot, interviews.form.conducted)
    qtbot.mouseClick(interviews.form.notes, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(interviews.form.notes, "Says the rear door is always chained")
    settle(window, qtbot, 350)

    # ---- evidence: two photos, one linked to the exit NC ----
    qtbot.keyClick(view, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    evidence = pages["evidence"]
    photos = [write_photo(tmp_path / "IMG_0001.jpg", (200, 10, 10)), write_photo(tmp_path / "IMG_0002.jpg", (10, 200, 10))]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (photos, ""))
    qtbot.mouseClick(evidence.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: evidence.grid.count() == 2 and evidence.last_import is not None)
    settle(window, qtbot)
    evidence.grid.setCurrentRow(0)
    assert evidence.name_label.text() == "IMG_0001.jpg"  # taken at the same time: in name order
    qtbot.keyClicks(evidence.caption, "Chained rear exit, assembly floor")
    evidence.finding_links.item(0).setCheckState(Qt.CheckState.Checked)
    evidence.area_links.item(0).setCheckState(Qt.CheckState.Checked)
    settle(window, qtbot, 350)

    # ---- checklist: answer by keys, a second NC with the other photo ----
    qtbot.keyClick(view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    checklist.select(checklist.checkpoints[0].id)
    checklist.tree.setFocus()
    for key in (Qt.Key.Key_Y, Qt.Key.Key_Y, Qt.Key.Key_A):
        qtbot.keyClick(checklist.tree, key)
    checklist.select("12.1.1")
    checklist.tree.setFocus()
    qtbot.keyClick(checklist.tree, Qt.Key.Key_N)
    editor = checklist.editor
    qtbot.keyClicks(editor.description, "Time records show 72 h weeks in August for assembly")
    editor.workers.setValue(35)
    for i in range(editor.photos.count()):
        if "IMG_0002" in editor.photos.item(i).text():
            editor.photos.item(i).setCheckState(Qt.CheckState.Checked)
    editor.accept()
    settle(window, qtbot)
    activate(window, qtbot)

    # ---- closing: CAP, the meeting's record, signatures ----
    qtbot.keyClick(view, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    closing = pages["closing"]
    assert closing.cap_table.rowCount() == 2
    for row, (cause, action) in enumerate((("Exit key kept by security", "Remove the chain; daily exit check"),
                                           ("Peak orders", "Hire for peak; cap weekly hours at 60"))):
        closing.cap_table.item(row, 3).setText(cause)
        closing.cap_table.item(row, 4).setText(action)
        closing.cap_table.item(row, 6).setText("Mr Zhao, production manager")
    closing.tabs.setCurrentIndex(1)
    record = closing.record
    record.held.setChecked(True)
    record.copy_opening()  # nobody was typed at the opening: add the manager by hand
    qtbot.mouseClick(record.add_button, Qt.MouseButton.LeftButton)
    record.attendees.item(record.attendees.rowCount() - 1, 0).setText("Wu Meiling")
    record.attendees.item(record.attendees.rowCount() - 1, 1).setText("General Manager")
    next(b for b in record.position_buttons.buttons() if b.property("position") == "agree").setChecked(True)
    qtbot.keyClicks(record.explained, "Findings presented; final CAP due in 20 working days")
    closing.tabs.setCurrentIndex(0)
    sign(qtbot, closing.boxes["factory_manager"], "Wu Meiling")
    qtbot.keyClicks(closing.boxes["factory_manager"].title_edit, "General Manager")
    click_box(qtbot, closing.boxes["factory_manager"].authority)
    sign(qtbot, closing.boxes["auditor"], "Li Na")
    settle(window, qtbot, 350)

    # ---- finalize: refused while gaps are open; each is completed or closed with a reason ----
    qtbot.mouseClick(closing.finalize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(closing, "gaps_dialog", None) is not None
                    and closing.gaps_dialog.state is not None, timeout=10_000)
    gaps = closing.gaps_dialog
    assert not gaps.finalize_button.isEnabled()
    open_stages = {g.stage for g in gaps.state.open}
    assert {"checklist", "documents", "interviews"} <= open_stages and closing.frozen is False
    gaps.reject()
    activate(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2 * len(checklist.checkpoints)):  # the rest of the checklist, by keys (bounded: never hang)
        if len(checklist.answers) >= len(checklist.checkpoints):
            break
        checklist.next_unanswered()
        qtbot.keyClick(checklist.tree, Qt.Key.Key_Y)
        if len(checklist.answers) % 40 == 0:
            settle(window, qtbot)
    settle(window, qtbot)
    unanswered = [cp.id for cp in checklist.checkpoints if cp.id not in checklist.answers]
    assert not unanswered, f"left unanswered by keys: {unanswered[:5]} (current {checklist.current_id()})"
    qtbot.keyClick(view, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    closing.show_gaps()
    gaps = closing.gaps_dialog
    qtbot.waitUntil(lambda: gaps.state is not None and "checklist" not in {g.stage for g in gaps.state.open},
                    timeout=10_000)
    for stage, reason in (("stage:documents", "not_available"), ("stage:interviews", "absent"),
                          ("stage:tour", "not_applicable")):
        item = next(gaps.tree.topLevelItem(i) for i in range(gaps.tree.topLevelItemCount())
                    if gaps.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == stage)
        item.setCheckState(0, Qt.CheckState.Checked)  # the whole stage
        gaps.reason.setCurrentIndex(gaps.reason.findData(reason))
        gaps.note.setText("walk-through: the rest was not sampled")
        qtbot.mouseClick(gaps.close_button, Qt.MouseButton.LeftButton)
        settle(window, qtbot)
        qtbot.waitUntil(lambda s=stage: s.split(":")[1] not in {g.stage for g in gaps.state.open}, timeout=10_000)
    qtbot.waitUntil(lambda: gaps.state.complete, timeout=10_000)
    assert gaps.finalize_button.isEnabled()
    qtbot.mouseClick(gaps.finalize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.frozen, timeout=10_000)
    settle(window, qtbot)

    # ---- what was stored ----
    with store.session() as s:
        audit = s.get(Audit, audit_id)
        findings = {f.checkpoint_id: f for f in s.scalars(select(Finding).where(Finding.audit_id == audit_id))}
        links = {(link.finding_id, s.get(Evidence, link.evidence_id).original_name)
                 for link in s.scalars(select(FindingEvidence))}
        answers = {a.checkpoint_id: a.answer for a in s.scalars(select(Answer))}
        draw = s.scalars(select(SampleDraw)).one()
        held = [iv for iv in s.scalars(select(Interview)) if iv.conducted_at]
        sigs = {sig.role: sig for sig in s.scalars(select(Signature))}
        area_links = s.scalars(select(AreaEvidence.tour_area_id)).all()
        area = s.get(TourArea, area_id)
        document = audit_document(s, audit_id)
    assert audit.state == "finalized" and audit.seal == compute_seal(document)
    exit_nc, hours_nc = findings[exit_checkpoint], findings["12.1.1"]
    assert exit_nc.tour_area_id == area_id and exit_nc.systemic
    assert hours_nc.workers_affected == 35
    assert links == {(exit_nc.id, "IMG_0001.jpg"), (hours_nc.id, "IMG_0002.jpg")}
    assert area_links == [area_id] and area.observations == "Rear exit chained at 10:20"
    first_ids = [cp.id for cp in checklist.checkpoints[:3]]
    assert [answers[i] for i in first_ids] == ["yes", "yes", "na"]
    assert set(answers) >= {cp.id for cp in checklist.checkpoints}
    assert audit.seal_statement["seal"] == audit.seal and audit.seal_statement["signer"]["name"]
    assert answers[exit_checkpoint] == "nc" and answers["12.1.1"] == "nc"
    assert draw.seed == 2026 and draw.roster_sha256 == hashlib.sha256(roster.read_bytes()).hexdigest()
    assert len(held) == 1 and held[0].notes == "Says the rear door is always chained"
    assert sigs["factory_manager"].has_authority and sigs["factory_manager"].title == "General Manager"
    assert sigs["auditor"].image_sha256 == hashlib.sha256(sigs["auditor"].image_png).hexdigest()
    assert audit.seal in closing.seal_label.text() and closing.revision_button.isVisible()

    # ---- a later edit is refused ----
    failures = []
    view.ctx.write_failed.connect(failures.append)
    monkeypatch.setattr("auditor_app.ui.audit_view.show_error", lambda *a, **k: None)
    view.ctx.write(change_grade, exit_nc.id, "minor")
    settle(window, qtbot)
    assert isinstance(failures[0], AuditFrozen)
    with store.session() as s:
        assert s.get(Finding, exit_nc.id).description.endswith("Rear exit of the assembly floor chained shut during working hours")
        assert compute_seal(audit_document(s, audit_id)) == audit.seal
