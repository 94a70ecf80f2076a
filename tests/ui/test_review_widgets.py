"""The review mode's widgets, each on its own: a real store read into a snapshot -> the widget shows it;
a click or typing in the widget -> the signal, the entry or the file it makes."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from review_helpers import LEAD, click_row, main_window, wait_loaded
from waiting import wait_for_operations

from auditor_app.audits import add_finding, save_finding, sign_cap
from auditor_app.audits.operation import run_operation
from auditor_app.package.document import audit_document
from auditor_app.package.export import export_audit
from auditor_app.review.actions import comment
from auditor_app.review.comments import Answer, Comment
from auditor_app.review.diff import revision_diff
from auditor_app.review.files import open_for_review
from auditor_app.review.history import change_history
from auditor_app.store.eventlog import audit_events
from auditor_app.ui import auditor_memory
from auditor_app.ui.audit_list import REVIEW_COLUMN, AuditList
from auditor_app.ui.i18n import grade_label
from auditor_app.ui.review_comments import CommentsPanel
from auditor_app.ui.review_dialogs import OpenForReviewDialog
from auditor_app.ui.review_diff import DiffPane
from auditor_app.ui.review_history import AFTER_SIGNED, ON_SIGNED, HistoryPane
from auditor_app.ui.review_items import ReviewItems
from auditor_app.ui.review_snapshot import read_review

from complete_audit import PNG


@pytest.fixture
def received(auditor_store, lead_store, sealed_audit, tmp_path) -> str:
    """The sealed audit handed to the lead, received for review there, with one comment on a finding."""
    path = export_audit(auditor_store, sealed_audit, tmp_path / "audit.escp").path
    open_for_review(lead_store, path, author=LEAD)
    with lead_store.session(read_only=True) as s:
        finding = next(f for f in audit_document(s, sealed_audit)["finding"] if f["checkpoint_id"] == "6.2.2")
    run_operation(lead_store, comment, sealed_audit, "finding", finding["id"], "Which files?",
                  folder=lead_store.folder, author=LEAD)
    return sealed_audit


def test_items_are_marked_with_their_comments_and_a_click_chooses_the_target(qtbot, lead_store, received):
    snapshot = read_review(lead_store, received)
    assert snapshot.side == "lead" and snapshot.status.state == "received"
    items = ReviewItems()
    qtbot.addWidget(items)
    items.resize(900, 500)
    items.show()
    items.show_snapshot(snapshot)
    kinds = [i.kind for i in snapshot.items]
    assert kinds[0] == "audit" and kinds.count("finding") == 3 and kinds.count("cap_item") == 3
    assert "interview" in kinds and "field" in kinds
    finding = next(i for i in snapshot.items if i.kind == "finding" and i.checkpoint == "6.2.2")
    row = items.row_of("finding", finding.id)
    assert items.item(row, 0).text() == f"Finding 6.2.2 ({grade_label(finding.grade)})"
    assert items.item(row, 2).text() == "1 comment · 1 not answered" and items.item(row, 0).font().bold()
    others = [items.item(r, 2).text() for r in range(items.rowCount()) if r != row]
    assert set(others) == {""}
    cap = next(i for i in snapshot.items if i.kind == "cap_item")
    with qtbot.waitSignal(items.chosen) as chosen:
        click_row(qtbot, items, items.row_of("cap_item", cap.id))
    assert chosen.args == ["cap_item", cap.id] and items.selected() == ("cap_item", cap.id)
    items.show_snapshot(snapshot)  # read again: the choice stays
    assert items.selected() == ("cap_item", cap.id)


def test_comments_are_grouped_by_item_with_their_answers(qtbot, lead_store, received):
    snapshot = read_review(lead_store, received)
    [made] = snapshot.comments
    answered = dataclasses.replace(made, answers=[Answer("a1", "Files 031 to 041.", "Li Na", made.at)])
    gone = Comment("c2", made.audit_id, 1, "finding", None, "finding 9.9.9 (minor)", "Why?", LEAD, made.at)
    panel = CommentsPanel()
    qtbot.addWidget(panel)
    panel.show()
    labels = {("finding", made.target_id): "Finding 6.2.2 (Major)"}
    panel.show_snapshot(dataclasses.replace(snapshot, comments=(answered, gone)), labels)
    assert [panel.topLevelItem(i).text(0) for i in range(panel.topLevelItemCount())] == [
        "Finding 6.2.2 (Major)", "finding 9.9.9 (minor) (no longer in this revision)"]
    first = panel.groups[("finding", made.target_id)].child(0)
    assert first.text(0).startswith(f"{LEAD}, ") and first.text(0).endswith("Which files?")
    assert first.child(0).text(0).startswith("↳ Li Na, ") and first.child(0).text(0).endswith("Files 031 to 041.")
    assert panel.groups[("finding", None)].child(0).text(0).endswith("(not answered)")
    with qtbot.waitSignal(panel.comment_chosen) as chosen:
        panel.setCurrentItem(first.child(0))  # an answer chooses the comment it answers
    assert chosen.args == [made.id]


def test_history_shows_plainly_what_changed_after_the_factory_signed(qtbot, store, make_audit):
    audit_id = make_audit()
    with store.transaction() as s:
        finding_id = add_finding(s, audit_id, "9.3.3", description="Tags not signed").id
        sign_cap(s, audit_id, "factory_manager", name="Wu Meiling", has_authority=True, image_png=PNG)
    with store.transaction() as s:
        save_finding(s, audit_id, "9.3.3", finding_id, {"description": "Tags not signed for two months"}, set())
    with store.session() as s:
        history = change_history(audit_events(s, audit_id))
    assert history.flagged and any(e.on_signed_content for e in history.flagged)
    pane = HistoryPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.show_history(history)
    assert pane.warning.isVisible() and pane.warning.text().startswith(f"{len(history.flagged)} change")
    assert "to what it signed" in pane.warning.text()
    flagged = [i for i, e in enumerate(history.entries) if e.after_factory_signed]
    assert pane.flagged_rows() == flagged and pane.table.rowCount() == len(history.entries)
    edit = next(i for i, e in enumerate(history.entries) if e.on_signed_content and e.action == "update")
    assert pane.table.item(edit, 0).background().color().name() == ON_SIGNED
    assert "description: Tags not signed → Tags not signed for two months" in pane.table.item(edit, 3).text()
    pane.only_flagged.setChecked(True)
    assert pane.table.rowCount() == len(flagged)
    assert all(pane.table.item(r, 0).background().color().name() in (ON_SIGNED, AFTER_SIGNED)
               for r in range(pane.table.rowCount()))


def test_what_changed_old_and_new_side_by_side(qtbot, auditor_store, sealed_audit):
    with auditor_store.session() as s:
        old = audit_document(s, sealed_audit)
    new = copy.deepcopy(old)
    new["audit"].update(id="r2", revision=2, supersedes_id=sealed_audit)
    finding = next(f for f in new["finding"] if f["checkpoint_id"] == "12.1.5")
    before = finding["grade"]
    finding["grade"] = "critical" if before != "critical" else "minor"
    cap = next(c for c in new["cap_item"] if c["finding_id"] == finding["id"])
    cap["corrective_action"] = "Kiosk installed in March."
    pane = DiffPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.show_diff(revision_diff(old, new))
    assert pane.table.horizontalHeaderItem(1).text() == "Revision 1 (returned)"
    assert pane.table.horizontalHeaderItem(2).text() == "Revision 2 (resubmitted)"
    assert pane.rows() == [
        ("Finding 12.1.5", f"grade: {grade_label(before)}", f"grade: {grade_label(finding['grade'])}"),
        ("CAP row of finding 12.1.5", "corrective action: Post monthly time summaries for each worker.",
         "corrective action: Kiosk installed in March.")]
    assert pane.title.text() == "2 changes from revision 1 to revision 2"
    pane.show_diff(revision_diff(old, old))
    assert pane.rows() == [] and pane.title.text().startswith("Nothing changed")


def test_the_auditor_who_sealed_it_cannot_approve_it(qtbot, lead_store, received, monkeypatch):
    auditor_memory.remember_names(lead_store.folder.root, "Li Na 李娜", "")  # the sealer's name at the lead's keyboard
    window = main_window(qtbot, lead_store)
    view = window.review_actions.show_review(received)
    wait_loaded(qtbot, view)
    assert view.approve_button.isEnabled() and view.comment_button.isVisible()
    assert not view.comment_button.isEnabled()  # nothing chosen to comment on yet
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.decision_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "operation-error") is not None, timeout=10_000)
    box = window.findChild(QMessageBox, "operation-error")
    assert "cannot approve its own audit: Li Na 李娜 sealed it" in box.text()
    box.close()
    wait_for_operations()
    wait_loaded(qtbot, view)
    assert view.snapshot.status.state == "received"
    window.close()


def test_open_dialog_asks_for_the_file_and_the_name(qtbot, lead_store, tmp_path):
    dialog = OpenForReviewDialog(lead_store.folder.root)
    qtbot.addWidget(dialog)
    dialog.show()
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.text() == "Choose the .escp file to open."
    package = tmp_path / "a.escp"
    package.write_bytes(b"not read here")
    qtbot.keyClicks(dialog.path, str(package))
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.text() == "Your name signs what you write: fill it in."
    qtbot.keyClicks(dialog.name, LEAD)
    qtbot.keyClicks(dialog.firm, "Pearl River Audits")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert dialog.values() == {"path": str(package), "key": "", "name": LEAD, "firm": "Pearl River Audits"}
    assert auditor_memory.recall(lead_store.folder.root) == {"lead": LEAD, "firm": "Pearl River Audits"}


def test_audit_list_shows_the_review_state_and_opens_the_review(qtbot, lead_store, received):
    audits = AuditList(lead_store)
    qtbot.addWidget(audits)
    audits.resize(1200, 400)
    audits.show()
    row = next(i for i, r in enumerate(audits.model.rows) if r.id == received)
    index = audits.model.index(row, REVIEW_COLUMN)
    assert index.data() == "received for review"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "1 comment, 1 not answered. Click to open the review."
    with qtbot.waitSignal(audits.review_requested) as requested:
        click_row(qtbot, audits.table, row, REVIEW_COLUMN)
    assert requested.args == [received]


def test_the_chinese_review_mode_shows_no_english_but_data(qtbot, qapp, lead_store, received):
    from test_i18n import ALLOWED, _leftovers, data_words

    from auditor_app.ui import i18n

    assert i18n.install(qapp, "zh_CN")
    try:
        window = main_window(qtbot, lead_store)
        view = window.review_actions.show_review(received)
        wait_loaded(qtbot, view)
        allowed = ALLOWED | data_words(lead_store, received) | {"Wang", "Fang"}
        found = []
        for tab in range(view.tabs.count()):
            view.tabs.setCurrentIndex(tab)
            qtbot.wait(50)
            found += _leftovers(window, allowed)
        assert view.state_badge.text() == "已接收待审阅"
        assert not found, "English left on screen:\n" + "\n".join(found)
        window.close()
    finally:
        i18n.install(qapp, "en")
