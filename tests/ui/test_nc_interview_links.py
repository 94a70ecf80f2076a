"""The NC editor's interview citations, driven like an auditor: tick to cite, untick to drop.

Interviews are listed by code, kind and stratum; their confidential notes never reach the editor.
"""

from __future__ import annotations

import pytest
from pages_helpers import make_audit, make_context
from PySide6.QtCore import Qt
from sqlalchemy import select
from waiting import flush

from auditor_app.audits import add_finding, cite_interviews, live_findings
from auditor_app.store.models import FindingInterview, Interview
from auditor_app.store.types import utcnow
from auditor_app.ui.nc_editor import NcEditor
from auditor_app.ui.pages.checklist import ChecklistPage

SECRET = "Named her line leader Mr Zhou; afraid of losing the job"


@pytest.fixture
def audit_id(store):
    return make_audit(store)


@pytest.fixture
def interviews(store, audit_id) -> dict[str, str]:
    """code -> id: two held interviews (one a group) and a form not held yet."""
    with store.transaction() as s:
        rows = [Interview(audit_id=audit_id, code="W-07", conducted_at=utcnow(), notes=SECRET,
                          stratum={"department": "Assembly 装配", "gender": "F", "shift": "night"},
                          quotes=[{"text": "Do not quote me on the loans", "quotable": False}]),
                Interview(audit_id=audit_id, code="G-01", kind="group", group_size=4, conducted_at=utcnow(),
                          stratum={"department": "Injection 注塑"}, notes="group said the canteen is fine"),
                Interview(audit_id=audit_id, code="W-02", stratum={"department": "Packing"})]
        s.add_all(rows)
        s.flush()
        return {iv.code: iv.id for iv in rows}


def cited(store, finding_id) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(FindingInterview.interview_id).where(FindingInterview.finding_id == finding_id)))


def item_for(editor: NcEditor, code: str):
    for i in range(editor.interviews.count()):
        item = editor.interviews.item(i)
        if item.text().startswith(code):
            return item
    raise AssertionError(f"{code} is not listed: {[editor.interviews.item(i).text() for i in range(editor.interviews.count())]}")


def tick(qtbot, editor: NcEditor, code: str) -> None:
    """Select the row and press Space, as a keyboard user toggles a check box in a list."""
    item = item_for(editor, code)
    editor.interviews.setCurrentItem(item)
    editor.interviews.setFocus()
    before = item.checkState()
    qtbot.keyClick(editor.interviews, Qt.Key.Key_Space)
    assert item.checkState() != before


def open_editor(qtbot, store, ops, audit_id, checkpoint_id, finding_id=None) -> NcEditor:
    ctx = make_context(store, ops, audit_id)
    editor = NcEditor(ctx, ctx.checklist.checkpoint(checkpoint_id), finding_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_lists_code_kind_and_stratum_never_notes_or_quotes(qtbot, store, ops, audit_id, interviews):
    with store.transaction() as s:  # an interview of another audit must not be offered
        other = make_audit(store)
        s.add(Interview(audit_id=other, code="W-99", conducted_at=utcnow()))
    editor = open_editor(qtbot, store, ops, audit_id, "12.3.1")
    texts = [editor.interviews.item(i).text() for i in range(editor.interviews.count())]
    assert [t.split(" · ")[0] for t in texts] == ["G-01", "W-07", "W-02"]  # held first, by code
    assert texts[0].startswith("G-01 · group of 4 · held") and "Injection 注塑" in texts[0]
    assert texts[1].startswith("W-07 · individual · held") and "Assembly 装配 / F / night" in texts[1]
    assert "not held yet" in texts[2]
    shown = " ".join(texts + [editor.interviews.item(i).toolTip() or "" for i in range(editor.interviews.count())])
    assert "Zhou" not in shown and "canteen" not in shown and "loans" not in shown
    assert all(editor.interviews.item(i).checkState() == Qt.CheckState.Unchecked for i in range(len(texts)))
    editor.reject()


def test_no_interviews_yet_says_where_to_record_them(qtbot, store, ops, audit_id):
    editor = open_editor(qtbot, store, ops, audit_id, "12.3.1")
    assert editor.interviews.count() == 1
    assert "Interviews page" in editor.interviews.item(0).text()
    assert editor.interview_ids() == set()
    editor.reject()


def test_new_nc_from_the_checklist_page_cites_the_ticked_interviews(qtbot, store, ops, audit_id, interviews):
    page = ChecklistPage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.select("12.3.1")
    page.open_editor(None)
    editor = page.editor
    qtbot.keyClicks(editor.description, "14 days without a rest day in August")
    tick(qtbot, editor, "W-07")
    tick(qtbot, editor, "G-01")
    editor.accept()
    flush(ops)
    with store.session() as s:
        [finding] = live_findings(s, audit_id)
    assert finding.checkpoint_id == "12.3.1"
    assert cited(store, finding.id) == {interviews["W-07"], interviews["G-01"]}


def test_stored_citations_show_ticked_and_unticking_drops_them(qtbot, store, ops, audit_id, interviews):
    with store.transaction() as s:
        finding_id = add_finding(s, audit_id, "6.2.2", description="No contract copies").id
        cite_interviews(s, finding_id, {interviews["W-07"], interviews["G-01"]})
    editor = open_editor(qtbot, store, ops, audit_id, "6.2.2", finding_id)
    # model -> widget
    assert item_for(editor, "W-07").checkState() == Qt.CheckState.Checked
    assert item_for(editor, "G-01").checkState() == Qt.CheckState.Checked
    assert item_for(editor, "W-02").checkState() == Qt.CheckState.Unchecked
    # widget -> model: drop the group, add the other worker, keep W-07
    tick(qtbot, editor, "G-01")
    tick(qtbot, editor, "W-02")
    saved = []
    editor.save(on_done=saved.append)
    flush(ops)
    qtbot.waitUntil(lambda: saved == [finding_id])
    assert cited(store, finding_id) == {interviews["W-07"], interviews["W-02"]}
    editor.discard()


def test_saving_photos_only_leaves_citations_alone(store, audit_id, interviews):
    """Callers of save_finding that know nothing of interviews (interview_ids=None) keep them."""
    from auditor_app.audits import save_finding

    with store.transaction() as s:
        finding_id = add_finding(s, audit_id, "6.2.2", description="No contract copies").id
        cite_interviews(s, finding_id, {interviews["W-07"]})
    fields = {"grade": "major", "description": "No contract copies for 23 of 26"}
    with store.transaction() as s:
        save_finding(s, audit_id, "6.2.2", finding_id, fields, set())
    assert cited(store, finding_id) == {interviews["W-07"]}
    with store.transaction() as s:
        save_finding(s, audit_id, "6.2.2", finding_id, fields, set(), set())
    assert cited(store, finding_id) == set()
