"""auditor -> lead -> auditor -> lead by .escp files alone, in two real windows on two data folders
(two laptops, two device keys): clicks and typing as a user does; only the file dialogs' paths are
given (QFileDialog patched)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from review_helpers import (AUDITOR, FIRM, LEAD, click_row, click_tree_item, main_window, regrade_sign_and_finalize,
                            wait_loaded)
from waiting import wait_for_operations

from auditor_app.package.verify import verify_package
from auditor_app.store.models import Audit
from auditor_app.ui.audit_list import REVIEW_COLUMN
from auditor_app.ui.i18n import grade_label
from auditor_app.ui.review_bar import ReviewCommentsBar


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def open_for_review(qtbot, window, monkeypatch, path: Path, name: str, firm: str = ""):
    """File > Open for review…, the file chosen with Choose…, name and firm typed, Open."""
    choose_file(monkeypatch, path)
    before = window.review_actions.view
    window.review_actions.open_action.trigger()
    dialog = window.review_actions.dialog
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    assert dialog.path.text() == str(path)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, name)
    dialog.firm.clear()
    qtbot.keyClicks(dialog.firm, firm)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Open), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.review_actions.view not in (None, before), timeout=15_000)
    view = window.review_actions.view
    wait_loaded(qtbot, view)
    return view


def decide(qtbot, view, button, monkeypatch, path: Path | None, note: str) -> None:
    if path is not None:
        choose_file(monkeypatch, path)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = view.decision_dialog
    qtbot.keyClicks(dialog.note, note)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def comment_on(qtbot, view, kind: str, item_id: str, text: str) -> None:
    click_row(qtbot, view.items, view.items.row_of(kind, item_id))
    assert view.items.selected() == (kind, item_id) and view.comment_button.isEnabled()
    qtbot.keyClicks(view.words, text)
    before = view.snapshot.status.comments
    qtbot.mouseClick(view.comment_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, view, lambda s: s.status.comments == before + 1)


def item(snapshot, kind: str, checkpoint: str):
    return next(i for i in snapshot.items if i.kind == kind and i.checkpoint == checkpoint)


def test_auditor_lead_auditor_lead_in_the_window_by_files(qtbot, auditor_store, lead_store, sealed_audit, tmp_path,
                                                          monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    auditor = main_window(qtbot, auditor_store)
    lead = main_window(qtbot, lead_store)

    # The auditor exports the finalized audit (File > Export).
    r1 = tmp_path / "audit-r1.escp"
    auditor.audit_list.reload(select_id=sealed_audit)
    choose_file(monkeypatch, r1)
    auditor.export_action.trigger()
    qtbot.waitUntil(r1.exists, timeout=15_000)
    wait_for_operations()

    # The lead opens it for review: read-only, received; comments on a finding and a CAP row; returns it.
    view = open_for_review(qtbot, lead, monkeypatch, r1, LEAD, FIRM)
    snap = view.snapshot
    assert (snap.side, snap.status.state, snap.audit_id) == ("lead", "received", sealed_audit)
    assert view.comment_button.isVisible() and not view.answer_button.isVisible()
    assert view.return_button.isEnabled() and view.approve_button.isEnabled() and not view.submit_button.isEnabled()
    assert not view.tabs.isTabVisible(view.diff_tab)  # one revision: nothing to compare yet
    contract, contract_cap = item(snap, "finding", "6.2.2"), item(snap, "cap_item", "6.2.2")
    comment_on(qtbot, view, "finding", contract.id, "How many of the 20 had no copy? Name the files you saw.")
    comment_on(qtbot, view, "cap_item", contract_cap.id, "No due date for handing out the copies.")
    assert view.items.item(view.items.row_of("finding", contract.id), 2).text() == "1 comment · 1 not answered"
    returned = tmp_path / "returned.escp"
    decide(qtbot, view, view.return_button, monkeypatch, returned, "Two points, see the comments.")
    qtbot.waitUntil(returned.exists, timeout=15_000)
    wait_loaded(qtbot, view, lambda s: s.status.state == "returned")
    assert not view.comment_button.isEnabled() and not view.approve_button.isEnabled()
    assert verify_package(returned) == []
    with lead_store.session() as s:  # comments never touch the audit: it is as sealed
        assert s.get(Audit, sealed_audit).state == "finalized"

    # The auditor opens the returned file: each comment on its item; answers one; starts the new revision.
    view = open_for_review(qtbot, auditor, monkeypatch, returned, AUDITOR)
    snap = view.snapshot
    assert (snap.side, snap.status.state) == ("auditor", "returned")
    assert view.answer_button.isVisible() and not view.comment_button.isVisible()
    assert view.revise_button.isEnabled() and not view.resubmit_button.isEnabled()
    finding_row = view.items.row_of("finding", item(snap, "finding", "6.2.2").id)
    assert view.items.item(finding_row, 2).text() == "1 comment · 1 not answered"
    assert view.items.item(view.items.row_of("cap_item", item(snap, "cap_item", "6.2.2").id), 2).text() == \
        "1 comment · 1 not answered"
    click_row(qtbot, view.items, finding_row)
    group = view.comments.groups[("finding", item(snap, "finding", "6.2.2").id)]
    assert group.text(0) == view.items.item(finding_row, 0).text()
    assert "How many of the 20 had no copy?" in group.child(0).text(0) and LEAD in group.child(0).text(0)
    click_tree_item(qtbot, view.comments, group.child(0))
    assert view.answer_button.isEnabled()
    qtbot.keyClicks(view.words, "11 of 20; files 2025-031 to 2025-041.")
    qtbot.mouseClick(view.answer_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, view, lambda s: s.status.unanswered == 1)
    group = view.comments.groups[("finding", item(view.snapshot, "finding", "6.2.2").id)]
    assert "11 of 20" in group.child(0).child(0).text(0)
    assert view.items.item(finding_row, 2).text() == "1 comment"

    qtbot.mouseClick(view.revise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: auditor.audit_view is not None, timeout=10_000)
    new_id = auditor.audit_view.audit_id
    assert new_id != sealed_audit
    # The lead's comments stay in view above every page of the new revision.
    qtbot.waitUntil(lambda: auditor.audit_view.findChild(ReviewCommentsBar) is not None, timeout=10_000)
    bar = auditor.audit_view.findChild(ReviewCommentsBar).text.text().splitlines()
    assert bar[0] == "The lead's review: 2 comments · 1 not answered"
    assert bar[1].startswith("• finding 6.2.2") and bar[1].endswith("Name the files you saw.")
    assert bar[2] == "• CAP row of finding 6.2.2: No due date for handing out the copies.  (not answered)"
    # ... changes the grade of the NC on the checklist page (a grade key), signs again and finalizes.
    old_grade, new_grade = regrade_sign_and_finalize(qtbot, auditor, auditor_store)

    # Back in the list: the review badge of the returned audit opens its review; Resubmit… writes the file.
    auditor.show_list()
    rows = auditor.audit_list.model.rows
    old_row = next(i for i, r in enumerate(rows) if r.id == sealed_audit)
    assert auditor.audit_list.model.index(old_row, REVIEW_COLUMN).data() == "returned for rework"
    click_row(qtbot, auditor.audit_list.table, old_row, REVIEW_COLUMN)
    view = auditor.review_actions.view
    wait_loaded(qtbot, view, lambda s: s.new_revision is not None and s.new_revision.state == "finalized")
    assert view.resubmit_button.isEnabled()
    r2 = tmp_path / "audit-r2.escp"
    decide(qtbot, view, view.resubmit_button, monkeypatch, r2, "Grade corrected as asked.")
    qtbot.waitUntil(r2.exists, timeout=15_000)
    wait_loaded(qtbot, view, lambda s: s.status.state == "resubmitted")
    assert view.snapshot.audit_id == new_id

    # The lead opens the new revision: what changed, side by side, with the grade; approves.
    view = open_for_review(qtbot, lead, monkeypatch, r2, LEAD, FIRM)
    snap = view.snapshot
    assert (snap.side, snap.status.state, snap.audit_id) == ("lead", "resubmitted", new_id)
    assert view.tabs.isTabVisible(view.diff_tab)
    view.tabs.setCurrentIndex(view.diff_tab)
    rows = view.diff.rows()
    grade_row = next(r for r in rows if r[0] == "Finding 6.2.2")
    assert grade_row[1:] == (f"grade: {grade_label(old_grade)}", f"grade: {grade_label(new_grade.key)}")
    # The comments of revision 1 with their answers show on revision 2's items.
    contract2 = item(snap, "finding", "6.2.2")
    assert [c.text for c in snap.comments_on("finding", contract2.id)] == [
        "How many of the 20 had no copy? Name the files you saw."]
    decide(qtbot, view, view.approve_button, monkeypatch, None, "Fit for submission.")
    wait_loaded(qtbot, view, lambda s: s.status.state == "approved")
    assert view.submit_button.isEnabled()
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, view, lambda s: s.status.state == "submitted")
    lead.show_list()
    row = next(i for i, r in enumerate(lead.audit_list.model.rows) if r.id == new_id)
    assert lead.audit_list.model.index(row, REVIEW_COLUMN).data() == "submitted to the program"
    for window in (auditor, lead):
        window.close()


@pytest.fixture(autouse=True)
def _settle():
    yield
    wait_for_operations()
