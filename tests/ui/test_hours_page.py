"""Document review > Hours and wages, clicked like a user: choose the generator's files, compute (off
the GUI thread), see the planted breaches as red rows, reject one proposal, accept another (the NC
editor opens prefilled), and find it all again after a restart."""

from __future__ import annotations

import pytest
import test_i18n
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLabel
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.audits.hours_review import hours_review
from auditor_app.checklist.loader import load_checklist
from auditor_app.hours.sample_files import write_sample_files
from auditor_app.store.models import Audit, Finding
from auditor_app.ui.context import AuditContext
from auditor_app.ui.hours_page import HoursPanel
from auditor_app.ui.pages.documents import DocumentsPage

chinese = test_i18n.chinese  # the Chinese catalogue installed for one test


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_sample_files(tmp_path_factory.mktemp("hours"), workers=12)


@pytest.fixture
def ctx(store, ops, make_audit):
    audit_id = make_audit()
    with store.session() as session:
        version = session.get(Audit, audit_id).checklist_version
    return AuditContext(store, audit_id, load_checklist(version), ops)


def choose_and_compute(qtbot, panel, files, monkeypatch, ops):
    for kind, path in (("attendance", files.attendance), ("payroll", files.payroll)):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, p=path, **k: (str(p), ""))
        qtbot.mouseClick(panel.inputs.file_buttons[kind], Qt.MouseButton.LeftButton)
    assert panel.inputs.file_labels["payroll"].text() == files.payroll.name
    panel.inputs.set_city("shenzhen")  # the files' city (the audit's factory is in Dongguan)
    qtbot.mouseClick(panel.inputs.compute_button, Qt.MouseButton.LeftButton)
    assert wait_for_operations()
    assert flush(ops)


def hours_tab(qtbot, ctx) -> HoursPanel:
    """Document review opened on its Hours and wages tab, at a laptop's size."""
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 680)
    page.show()
    page.tabs.setCurrentWidget(page.hours)
    return page.hours


def red_worker_months(panel) -> set[tuple[str, str]]:
    table = panel.table
    return {(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount()) if table.row_is_red(r)}


def test_compute_shows_red_rows_charts_and_proposals_and_is_kept(qtbot, store, ctx, ops, files, monkeypatch):
    panel = hours_tab(qtbot, ctx)
    assert panel.inputs.city.currentData() == "dongguan"   # guessed from the factory's address
    choose_and_compute(qtbot, panel, files, monkeypatch, ops)

    assert red_worker_months(panel) == {(w, m) for w, _, m in files.expected()}
    assert panel.weekly.labels and panel.overtime.most and max(panel.overtime.most) >= 60
    assert "breaches" in panel.summary.text()
    image = panel.overtime.grab().toImage()   # the 60-hour month drawn red against the 36 h line
    assert any(image.pixelColor(x, y).name() == "#cf222e"
               for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))
    assert "Hours paid vs hours recorded" in panel.triangulation.text()
    cards = panel.proposal_list.cards
    assert {"12.3.1", "11.1.1"} <= set(cards)
    with store.session() as s:
        review = hours_review(s, ctx.audit_id)
        assert review.files["attendance"]["name"] == files.attendance.name
        assert len(review.files["payroll"]["sha256"]) == 64

    qtbot.mouseClick(cards["11.1.1"].reject_button, Qt.MouseButton.LeftButton)
    assert flush(ops)
    with store.session() as s:
        assert hours_review(s, ctx.audit_id).decisions["11.1.1"]["decision"] == "rejected"
    assert "rejected" in panel.proposal_list.cards["11.1.1"].state.text()

    # Filter to the breaches only, then a restart (a new panel) reads the same from the store.
    panel.breaches_only.setChecked(True)
    assert panel.table.rowCount() == len(red_worker_months(panel)) == len(panel.table.breach_rows)
    again = HoursPanel(ctx)
    qtbot.addWidget(again)
    assert red_worker_months(again) == {(w, m) for w, _, m in files.expected()}
    assert again.inputs.city.currentData() == "shenzhen"
    assert "rejected" in again.proposal_list.cards["11.1.1"].state.text()


def test_a_file_that_cannot_be_read_is_one_sentence_and_nothing_is_kept(qtbot, store, ctx, ops, tmp_path,
                                                                        files, monkeypatch):
    shown = []
    monkeypatch.setattr("auditor_app.ui.hours_page.show_error", lambda _p, title, exc: shown.append(exc.message))
    panel = HoursPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.inputs.compute_button, Qt.MouseButton.LeftButton)
    assert shown == ["Choose the attendance file first."]
    bad = tmp_path / "attendance.csv"
    bad.write_text("worker_id,date,clock_in,clock_out\nW1,not a date,08:00,17:00\n", encoding="utf-8")
    panel.inputs.set_file("attendance", bad)
    panel.inputs.set_file("payroll", files.payroll)
    qtbot.mouseClick(panel.inputs.compute_button, Qt.MouseButton.LeftButton)
    assert wait_for_operations()
    assert len(shown) == 2 and "attendance.csv" in shown[1] and "row 2" in shown[1]
    with store.session() as s:
        assert hours_review(s, ctx.audit_id) is None


def test_accept_opens_the_nc_editor_prefilled_and_the_card_follows_the_nc(qtbot, window, store, make_audit,
                                                                           files, monkeypatch):
    audit_id = make_audit()
    window.open_audit(audit_id, "documents")
    view = window.audit_view
    documents = view.pages["documents"]
    documents.tabs.setCurrentWidget(documents.hours)
    panel = documents.hours
    choose_and_compute(qtbot, panel, files, monkeypatch, window.ops)
    proposal = panel.proposal_list.cards["12.3.1"].proposal

    qtbot.mouseClick(panel.proposal_list.cards["12.3.1"].accept_button, Qt.MouseButton.LeftButton)
    checklist = view.pages["checklist"]
    qtbot.waitUntil(lambda: checklist.editor is not None)
    assert view.current_stage() == "checklist"
    editor = checklist.editor
    assert editor.checkpoint.id == "12.3.1"
    assert editor.description.toPlainText() == proposal.description
    assert editor.workers.value() == proposal.workers_affected == 1
    assert "sampled workers" in editor.frequency.text()
    qtbot.mouseClick(editor.isolated, Qt.MouseButton.LeftButton, pos=QPoint(8, editor.isolated.height() // 2))
    editor.accept()
    assert flush(window.ops)
    with store.session() as s:
        finding = s.scalars(select(Finding).where(Finding.audit_id == audit_id, Finding.checkpoint_id == "12.3.1")).one()
        assert finding.workers_affected == 1 and finding.description == proposal.description
        assert hours_review(s, audit_id).decisions["12.3.1"]["decision"] == "accepted"
    assert "NC on the checklist" in panel.proposal_list.cards["12.3.1"].state.text()


def test_a_sealed_audit_shows_its_review_and_refuses_changes(qtbot, store, ctx, ops, files, monkeypatch):
    from auditor_app.store.types import utcnow

    panel = HoursPanel(ctx)
    qtbot.addWidget(panel)
    choose_and_compute(qtbot, panel, files, monkeypatch, ops)
    with store.transaction() as s:
        audit = s.get(Audit, ctx.audit_id)
        audit.seal, audit.sealed_at, audit.state = "0" * 64, utcnow(), "finalized"
    sealed = HoursPanel(ctx)
    qtbot.addWidget(sealed)
    assert sealed.table.breach_rows
    assert not sealed.inputs.compute_button.isEnabled()
    assert not any(card.accept_button.isEnabled() or card.reject_button.isEnabled()
                   for card in sealed.proposal_list.cards.values())


def test_in_chinese_the_key_figures_and_breaches_read_in_chinese(qtbot, store, ctx, ops, files, monkeypatch, chinese):
    panel = hours_tab(qtbot, ctx)
    choose_and_compute(qtbot, panel, files, monkeypatch, ops)
    summary, tip = panel.summary.text(), panel.summary.toolTip()
    assert "样本" in summary and "名工人" in summary and "标准工时制" in summary
    assert "最长连续工作天数" in tip and "worker" not in tip and "limit" not in tip
    red = [r for r in range(panel.table.rowCount()) if panel.table.row_is_red(r)]
    breaches = panel.table.item(red[0], panel.table.columnCount() - 1).text()
    assert breaches and not any(c.isascii() and c.isalpha() for c in breaches), breaches
    cards = [label.text() for label in panel.proposal_list.findChildren(QLabel)]
    assert any("名抽样工人" in text or "抽样的" in text for text in cards), cards
    assert not [text for text in cards if "sampled workers" in text]
