"""The main window: list, search and filters, open, follow-up, stage rail, and `run` without a display."""

from __future__ import annotations

import argparse

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from auditor_app.audits import add_finding
from auditor_app.checklist.loader import load_checklist
from auditor_app.commands import run as run_command
from auditor_app.store.models import Audit, FactoryProfile, Finding, StageProgress
from auditor_app.store.vocab import STAGES
from auditor_app.ui import audit_view


def test_empty_list_says_what_to_do(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    body = window.audit_list.body
    assert body.currentWidget() is window.audit_list.no_audits
    assert "Ctrl+N" in window.audit_list.no_audits.findChild(QLabel).text()
    assert not window.open_button.isEnabled() and not window.follow_button.isEnabled()
    # the empty list offers an import as well as the demo
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (asked.append(a[1]) or ("", "")))
    qtbot.mouseClick(window.audit_list.start_buttons["import"], Qt.MouseButton.LeftButton)
    assert asked == ["Import audit package"]
    qtbot.mouseClick(window.audit_list.start_buttons["demo"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.audit_view is not None, timeout=60_000)  # the demo opens


def test_search_and_filters_narrow_the_list(window, qtbot, make_audit):
    make_audit(name="Bright Star Toys Ltd")
    make_audit("PV", name="Happy Panda Toys Co.", name_local="快乐熊猫玩具有限公司")
    make_audit("IAA", name="Sunrise Plastics")
    window.audit_list.reload()
    table = window.audit_list.model
    assert table.rowCount() == 3

    qtbot.keyClicks(window.audit_list.search, "panda")
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert table.rows[0].factory_name == "Happy Panda Toys Co."
    window.audit_list.search.clear()
    qtbot.waitUntil(lambda: table.rowCount() == 3)

    types = window.audit_list.type_filter
    types.setCurrentIndex(types.findData("IAA"))
    assert [r.factory_name for r in table.rows] == ["Sunrise Plastics"]
    factories = window.audit_list.factory_filter
    factories.setCurrentIndex(factories.findData("Bright Star Toys Ltd"))
    assert table.rowCount() == 0
    assert window.audit_list.body.currentWidget() is window.audit_list.no_match
    qtbot.mouseClick(window.audit_list.clear_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 3 and window.audit_list.body.currentWidget() is window.audit_list.table
    states = window.audit_list.state_filter
    states.setCurrentIndex(states.findData("finalized"))
    assert table.rowCount() == 0
    assert window.audit_list.count_label.text() == "0 of 3 audits"


def test_badges_show_state_and_sync(window, make_audit):
    make_audit()
    window.audit_list.reload()
    model = window.audit_list.model
    assert model.index(0, 2).data() == "draft"
    assert model.index(0, 3).data() == "not queued"


def test_enter_opens_the_selected_audit_and_ctrl_l_goes_back(window, qtbot, make_audit):
    audit_id = make_audit()
    window.audit_list.reload()
    window.audit_list.table.setFocus()
    qtbot.keyClick(window.audit_list.table, Qt.Key.Key_Return)
    assert window.audit_view is not None and window.audit_view.audit_id == audit_id
    assert window.audit_view.factory_label.toolTip() == "Bright Star Toys Ltd  东莞明星玩具有限公司"
    assert "ICA" in window.audit_view.meta_label.text() and "unannounced" in window.audit_view.meta_label.text()
    qtbot.waitUntil(lambda: window.audit_view.status_badge.text() not in ("…", ""))
    window.list_action.trigger()
    assert window.audit_view is None and window.stack.currentIndex() == 0


def test_stage_rail_switches_pages_and_marks_stages_started(window, qtbot, store, make_audit):
    audit_id = make_audit()
    window.open_audit(audit_id)
    view = window.audit_view
    assert view.current_stage() == "opening"
    qtbot.keyClick(view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert view.current_stage() == "documents"
    assert view.stack.currentWidget().widget() is view.pages["documents"]
    qtbot.keyClick(view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.current_stage() == "interviews"
    assert view.rail.item(0).text().startswith("Opening meeting") and "0/9" in view.rail.item(0).text()

    def started():
        with store.session() as session:
            rows = session.scalars(select(StageProgress).where(StageProgress.audit_id == audit_id)).all()
            return {r.stage for r in rows if r.status == "in_progress"} == {"opening", "documents", "interviews"}
    qtbot.waitUntil(started, timeout=3000)


def test_a_page_that_fails_to_open_shows_a_placeholder(window, make_audit, monkeypatch):
    def broken(ctx):
        raise RuntimeError("the evidence page broke")

    monkeypatch.setitem(audit_view.PAGE_CLASSES, "evidence", broken)
    window.open_audit(make_audit())
    page = window.audit_view.pages["evidence"]
    assert isinstance(page, audit_view.PlaceholderPage)
    text = page.findChild(QLabel, "empty-state").text()
    assert "evidence stage could not be shown" in text and "the evidence page broke" in text
    assert set(window.audit_view.pages) == set(STAGES)


def test_start_follow_up_copies_the_profile_and_carries_open_ncs(window, qtbot, store, make_audit):
    first = make_audit(connect_id="F-1001")
    with store.transaction() as session:
        audit = session.get(Audit, first)
        checkpoint = load_checklist(audit.checklist_version).checkpoints[0].id
        add_finding(session, first, checkpoint, description="Fire exit locked")
    window.audit_list.reload(select_id=first)
    qtbot.mouseClick(window.follow_button, Qt.MouseButton.LeftButton)
    dialog = window.start_visit_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.kind.setCurrentIndex(dialog.kind.findData("FU"))
    assert not dialog.announced.isChecked()  # every audit but a Progress Visit is unannounced
    dialog.accept()
    qtbot.waitUntil(lambda: window.audit_view is not None, timeout=3000)
    follow = window.audit_view.audit_id
    assert follow != first
    with store.session() as session:
        audit = session.get(Audit, follow)
        profile = session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == follow)).one()
        carried = session.scalars(select(Finding).where(Finding.audit_id == follow)).all()
    assert (audit.audit_type, audit.follows_id) == ("FU", first)
    assert (profile.name, profile.connect_id) == ("Bright Star Toys Ltd", "F-1001")
    assert [(f.checkpoint_id, f.description) for f in carried] == [(checkpoint, "Fire exit locked")]


def test_package_menu_items_are_there(window):
    labels = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert any("Export audit package" in text for text in labels)
    assert any("Import audit package" in text for text in labels)


def test_run_without_a_display_says_how_to_start_instead_of_aborting(monkeypatch, capsys):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(run_command.sys, "platform", "linux")
    code = run_command.run(argparse.Namespace(ensure_demo=False))
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("No display found:") and "xvfb-run make run" in err


def test_display_detection():
    assert not run_command.has_display({}, "linux")
    assert run_command.has_display({"DISPLAY": ":99"}, "linux")
    assert run_command.has_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert run_command.has_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert run_command.has_display({}, "win32") and run_command.has_display({}, "darwin")


def test_export_suggests_a_name_by_date_factory_and_type(window, qtbot, make_audit, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    suggested = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _w, _t, name, _f: (suggested.append(name) or ("", "")))
    audit_id = make_audit("ICA", name="Bright Star Toys Ltd")
    window.audit_list.reload(select_id=audit_id)
    window.export_package()
    assert suggested and suggested[0].endswith("Bright Star Toys Ltd ICA.escp")
