"""The checklist page driven like an auditor: keys, the NC editor, delete with undo, filters."""

from __future__ import annotations

import pytest
from audit_states import mark_finalized
from pages_helpers import make_audit, make_context, write_photo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from waiting import flush

from auditor_app.audits import add_finding, live_findings, set_answer
from auditor_app.store.evidence import import_photo
from auditor_app.store.models import Answer, CapItem, FindingEvidence, TourArea
from auditor_app.ui.pages.checklist import ChecklistPage


@pytest.fixture
def audit_id(store):
    return make_audit(store)


@pytest.fixture
def page(qtbot, store, ops, audit_id):
    page = ChecklistPage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def answers(store, audit_id) -> dict[str, str]:
    with store.session() as s:
        return {a.checkpoint_id: a.answer for a in s.scalars(select(Answer).where(Answer.audit_id == audit_id))}


def findings(store, audit_id):
    with store.session() as s:
        return live_findings(s, audit_id)


def test_keys_answer_and_move_on_and_progress_counts(qtbot, page, store, audit_id, ops):
    page.tree.setFocus()
    assert page.current_id() == "1.1.1"  # opens on the first unanswered
    qtbot.keyClick(page.tree, Qt.Key.Key_Y)
    assert page.current_id() == "1.1.2"  # moved on
    qtbot.keyClick(page.tree, Qt.Key.Key_A)
    flush(ops)
    assert answers(store, audit_id) == {"1.1.1": "yes", "1.1.2": "na"}
    assert page.tree.items["1.1.1"].text(1) == "Yes"
    assert page.tree.section_items[0].text(1).startswith("2/")
    done, total = page.completion()
    assert done == 2 and total == len(page.checkpoints)
    qtbot.keyClick(page.tree, Qt.Key.Key_K)
    assert page.current_id() == "1.1.2"
    qtbot.keyClick(page.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert page.current_id() == "1.1.3"  # next unanswered


def test_answers_stored_elsewhere_show_on_the_page(page, store, audit_id, ops):
    # model -> widget: a write through the writer (as another page would) refreshes the tree
    page.ctx.write(set_answer, audit_id, "2.1.1", "na")
    flush(ops)
    assert page.tree.items["2.1.1"].text(1) == "N/A"
    assert page.answer_buttons["na"].isChecked() is False  # not the selected one


def test_nc_key_opens_editor_and_saves_a_finding_with_photo_and_cap(qtbot, page, store, audit_id, ops, tmp_path):
    photo = import_photo(store, audit_id, write_photo(tmp_path / "exit.jpg"), caption="Locked exit")
    page.select("10.1.1")  # major, minor when isolated
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_N)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    # no scope is assumed: the checkpoint's own grade until the auditor chooses, and the caret is in the description
    assert editor.grade() == "major" and not editor.isolated.isChecked() and not editor.systemic.isChecked()
    assert editor.focusWidget() is editor.description
    editor.accept()
    assert editor.isVisible() and editor.scope_problem.isVisible()  # the grade depends on it: asked
    qtbot.mouseClick(editor.isolated, Qt.MouseButton.LeftButton)
    assert editor.grade() == "minor" and "isolated" in editor.applied_label.text()
    qtbot.mouseClick(editor.systemic, Qt.MouseButton.LeftButton)
    assert editor.grade() == "major"
    assert "Default grade" in editor.applied_label.text()
    qtbot.keyClicks(editor.description, "ID copies missing for 4 of 26 sampled workers")
    qtbot.keyClicks(editor.frequency, "4 of 26 files")
    editor.workers.setValue(4)
    item = editor.photos.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    editor.accept()
    flush(ops)
    [finding] = findings(store, audit_id)
    assert (finding.checkpoint_id, finding.grade, finding.systemic, finding.workers_affected) == (
        "10.1.1", "major", True, 4)
    assert finding.description == "ID copies missing for 4 of 26 sampled workers"
    with store.session() as s:
        assert s.scalars(select(FindingEvidence.evidence_id)).all() == [photo.evidence_id]
        assert s.scalars(select(CapItem).where(CapItem.finding_id == finding.id)).one().due_date is not None
    assert answers(store, audit_id)["10.1.1"] == "nc"
    assert page.tree.items["10.1.1"].text(1) == "NC · Major"
    assert page.nc_list.count() == 1


def test_grade_key_changes_the_grade_of_the_nc(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        add_finding(s, audit_id, "11.1.1", description="Wages below minimum for trainees")
    page.refresh(set())
    page.select("11.1.1")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_2)
    flush(ops)
    assert findings(store, audit_id)[0].grade == "major"
    assert "Major" in page.tree.items["11.1.1"].text(1)
    # Raising to Zero Tolerance above the checklist's grade asks for the reason, in the NC editor.
    qtbot.keyClick(page.tree, Qt.Key.Key_4)
    editor = page.editor
    assert editor is not None and editor.grade() == "zero_tolerance" and editor.raise_row.isVisible()
    editor.accept()
    assert editor.isVisible() and editor.raise_problem.isVisible()  # not without a reason
    editor.raise_reason.setCurrentIndex(1)
    editor.accept()
    flush(ops)
    [finding] = findings(store, audit_id)
    assert finding.grade == "zero_tolerance" and finding.raised_reason == editor.raise_reason.itemData(1)
    assert "Zero Tolerance" in page.tree.items["11.1.1"].text(1)


def test_hand_picked_grade_survives_ticking_transparent(qtbot, page):
    cp = next(cp for cp in page.checkpoints if cp.conditional and cp.conditional.when == "transparent"
              and cp.grade != "major" and cp.conditional.grade != "major")
    page.select(cp.id)
    page.open_editor(None)
    editor = page.editor
    cond = cp.conditional
    editor.transparent.setChecked(True)
    assert editor.grade() == cond.grade
    assert cond.note in editor.rule_label.text()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.description, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(editor.description, Qt.Key.Key_2)
    assert editor.grade() == cond.grade  # a digit in the description is text, never a grade
    editor.grade_radio[cond.grade].setFocus()
    qtbot.keyClick(editor.grade_radio[cond.grade], Qt.Key.Key_2)  # in the grade group it is
    assert editor.grade() == "major"
    editor.transparent.setChecked(False)
    assert editor.grade() == "major"
    assert "by hand" in editor.applied_label.text()
    editor.discard()


def test_delete_asks_then_undo_restores(qtbot, page, store, audit_id, ops, monkeypatch):
    with store.transaction() as s:
        add_finding(s, audit_id, "9.6.3", description="No PPE signs")
    page.refresh(set())
    page.select("9.6.3")
    page.tree.setFocus()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    flush(ops)
    assert len(findings(store, audit_id)) == 1  # refused: nothing deleted
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    flush(ops)
    assert findings(store, audit_id) == []
    assert page.undo_bar.isVisible()
    qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    flush(ops)
    assert [f.description for f in findings(store, audit_id)] == ["No PPE signs"]
    assert page.tree.items["9.6.3"].text(1).startswith("NC")


def test_answering_yes_over_an_nc_asks_first(qtbot, page, store, audit_id, ops, monkeypatch):
    with store.transaction() as s:
        add_finding(s, audit_id, "9.6.3", description="No PPE signs")
    page.refresh(set())
    page.select("9.6.3")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.answer_buttons["yes"], Qt.MouseButton.LeftButton)
    flush(ops)
    assert "9.6.3" in asked[0] and "deletes" in asked[0]
    assert answers(store, audit_id)["9.6.3"] == "nc"


def test_filters_and_search(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        set_answer(s, audit_id, "1.1.1", "yes")
        add_finding(s, audit_id, "12.1.1", description="70 h weeks")
    page.refresh(set())
    page.filter.setCurrentIndex(2)  # NCs only
    assert page.tree.visible_ids() == ["12.1.1"]
    page.filter.setCurrentIndex(1)  # unanswered
    visible = page.tree.visible_ids()
    assert "1.1.1" not in visible and "12.1.1" not in visible and "1.1.2" in visible
    page.filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "zzz-no-such-words")
    assert page.tree.visible_ids() == [] and page.empty_label.isVisible()
    page.search.clear()
    qtbot.keyClicks(page.search, "10.2")
    assert page.tree.visible_ids() and all(i.startswith("10.2") for i in page.tree.visible_ids())


def test_guidance_and_typical_evidence_shown_for_the_selected_checkpoint(page):
    page.select("10.2.1")
    cp = page.ctx.checklist.checkpoint("10.2.1")
    text = page.guidance.toPlainText()
    assert cp.guidance[:40] in text
    assert cp.evidence.documents[0] in text
    assert "Critical" in text and "Major when the factory was transparent" in text
    assert cp.guidance[:40] in page.tree.items["10.2.1"].toolTip(0)


def test_raise_nc_here_from_the_tour_prelinks_the_area(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        area = TourArea(audit_id=audit_id, kind="production", name="Assembly 3F")
        s.add(area)
        s.flush()
        area_id = area.id
    page.ctx.request_finding.emit(area_id, {"description": "Rear exit chained"})
    assert page.banner.isVisible() and "Assembly 3F" in page.banner.text()
    page.select("9.4.1")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_N)
    editor = page.editor
    assert editor.area.currentData() == area_id
    assert editor.description.toPlainText() == "Rear exit chained"
    editor.accept()
    flush(ops)
    [finding] = findings(store, audit_id)
    assert (finding.checkpoint_id, finding.tour_area_id) == ("9.4.1", area_id)
    assert not page.banner.isVisible()


def test_finalized_audit_is_read_only(qtbot, page, store, audit_id):
    with store.transaction() as s:
        mark_finalized(s, audit_id)
    page.refresh(set())
    page.select("1.1.1")
    assert not page.answer_buttons["yes"].isEnabled()
    qtbot.keyClick(page.tree, Qt.Key.Key_Y)
    assert "1.1.1" not in answers(store, audit_id)


def test_esc_in_the_nc_editor_asks_before_throwing_typed_text_away(qtbot, page, store, audit_id, ops, monkeypatch):
    page.select("9.3.3")
    page.open_editor(None)
    editor = page.editor
    qtbot.keyClicks(editor.description, "Tags not signed")
    qtbot.waitUntil(lambda: bool(page.ctx.drafts.drafts(audit_id)), timeout=3000)  # kept as a draft meanwhile
    answers_given = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or next(answers_given))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked == ["Discard this NC?"] and editor.isVisible()  # Cancel: still open, text kept
    assert editor.description.toPlainText() == "Tags not signed"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.editor is None)
    page.ctx.drafts.journal.wait()
    assert page.ctx.drafts.drafts(audit_id) == [] and findings(store, audit_id) == []


def test_esc_on_an_untouched_nc_editor_closes_without_asking(qtbot, page, monkeypatch):
    page.select("9.3.3")
    page.open_editor(None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked for nothing typed"))
    qtbot.keyClick(page.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.editor is None)


def test_saving_an_nc_removes_its_draft(qtbot, page, store, audit_id, ops):
    page.select("9.3.3")
    page.open_editor(None)
    qtbot.keyClicks(page.editor.description, "Tags not signed")
    qtbot.waitUntil(lambda: bool(page.ctx.drafts.drafts(audit_id)), timeout=3000)
    page.editor.accept()
    flush(ops)
    page.ctx.drafts.journal.wait()
    assert [f.description for f in findings(store, audit_id)] == ["Tags not signed"]
    assert page.ctx.drafts.drafts(audit_id) == []


def test_keyboard_only_nc_keeps_the_checkpoints_own_grade(qtbot, page, store, audit_id, ops):
    """N, type (digits included), Tab to the grade group, the grade's key, Ctrl+Enter... as a keyboard user does."""
    cp = next(cp for cp in page.checkpoints if cp.conditional is None and cp.grade == "minor")
    page.select(cp.id)
    page.window().activateWindow()
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_N)
    editor = page.editor
    editor.activateWindow()  # offscreen, a new dialog is not made active by itself
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClicks(editor.focusWidget(), "Fire drill 2 of 4 missed; 3 extinguishers expired")
    assert editor.description.toPlainText().startswith("Fire drill 2 of 4")
    assert editor.grade() == "minor"
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    flush(ops)
    [finding] = findings(store, audit_id)
    assert (finding.checkpoint_id, finding.grade) == (cp.id, "minor")
    assert finding.description == "Fire drill 2 of 4 missed; 3 extinguishers expired"


def test_raise_from_a_tour_area_ticks_its_photos(qtbot, page, store, audit_id, ops, tmp_path):
    from auditor_app.audits import add_tour_area, link_photo

    photo = import_photo(store, audit_id, write_photo(tmp_path / "exit.jpg"), caption="Chained exit")
    import_photo(store, audit_id, write_photo(tmp_path / "other.jpg", (10, 200, 10)), caption="Canteen")
    with store.transaction() as s:
        area_id = add_tour_area(s, audit_id, "production", "Assembly floor")
        link_photo(s, photo.evidence_id, "area", area_id, True)
    page.refresh(set())
    page.raise_nc_here(area_id, {"tour_area_id": area_id, "evidence_ids": [photo.evidence_id]})
    page.select("9.4.1")
    page.open_editor(None)
    editor = page.editor
    ticked = editor.evidence_ids()
    assert ticked == {photo.evidence_id} and editor.area.currentData() == area_id
    # the grid: one fixed cell per photo, so long captions never overlap the next thumbnail
    rects = [editor.photos.visualItemRect(editor.photos.item(i)) for i in range(editor.photos.count())]
    assert not rects[0].intersects(rects[1])
    editor.discard()


def test_an_answer_can_be_cleared_and_the_clear_undone(qtbot, page, store, audit_id, ops):
    page.select("2.1.1")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Y)
    flush(ops)
    assert answers(store, audit_id)["2.1.1"] == "yes"
    page.select("2.1.1")
    qtbot.keyClick(page.tree, Qt.Key.Key_Backspace)
    flush(ops)
    assert "2.1.1" not in answers(store, audit_id) and page.tree.items["2.1.1"].text(1) == ""
    page.undo_bar.undo()
    flush(ops)
    assert answers(store, audit_id)["2.1.1"] == "yes"


def test_search_matches_words_not_fragments_and_the_selection_follows(page):
    from auditor_app.ui.checkpoint_tree import matches

    cps = {cp.id: cp for cp in page.checkpoints}
    wages = next(cp for cp in page.checkpoints if "wages" in cp.question.lower())
    assert not matches(wages, "age") or " age" in f" {wages.question} {wages.guidance}".lower()
    assert matches(wages, "wage") and matches(cps["9.4.1"], "9.4")
    page.select("1.1.1")
    page.search.setText("fire extinguishers")
    shown = page.tree.visible_ids()
    assert shown and all(matches(cps[i], "fire extinguishers") for i in shown)
    assert page.current_id() in shown  # a key never acts on a hidden checkpoint
    page.search.setText("zzzz nothing")
    assert page.current_id() is None and page.tree.visible_ids() == []


def test_undo_and_redo_answers_and_grades_with_the_keys(qtbot, page, store, audit_id, ops):
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)
    page.select("2.1.1")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Y)
    flush(ops)
    page.select("2.1.1")
    qtbot.keyClick(page.tree, Qt.Key.Key_A)  # changed its mind: N/A
    flush(ops)
    assert answers(store, audit_id)["2.1.1"] == "na"
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    flush(ops)
    assert answers(store, audit_id)["2.1.1"] == "yes"
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    flush(ops)
    assert "2.1.1" not in answers(store, audit_id)
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    flush(ops)
    assert answers(store, audit_id)["2.1.1"] == "yes"
    # a grade change is undone too
    with store.transaction() as s:
        add_finding(s, audit_id, "11.1.1", description="Wages below minimum for trainees")
    page.refresh(set())
    page.select("11.1.1")
    page.tree.setFocus()
    before = findings(store, audit_id)[0].grade
    qtbot.keyClick(page.tree, Qt.Key.Key_1)
    flush(ops)
    assert findings(store, audit_id)[0].grade != before
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    flush(ops)
    assert findings(store, audit_id)[0].grade == before


def test_a_scope_change_made_in_the_nc_editor_is_undone_and_redone(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        add_finding(s, audit_id, "10.1.1", description="Exit locked on line 3", systemic=True)
    page.refresh(set())
    page.select("10.1.1")
    fid = findings(store, audit_id)[0].id
    grade_before = findings(store, audit_id)[0].grade
    page.edit_nc()
    editor = page.editor
    editor.isolated.setChecked(True)  # isolated: the conditional grade applies
    editor.accept()
    flush(ops)
    after = findings(store, audit_id)[0]
    assert after.id == fid and after.systemic is False and after.grade != grade_before
    page.undo_stack.undo()
    flush(ops)
    undone = findings(store, audit_id)[0]
    assert undone.systemic is True and undone.grade == grade_before
    assert undone.description == "Exit locked on line 3"
    page.undo_stack.redo()
    flush(ops)
    assert findings(store, audit_id)[0].systemic is False
