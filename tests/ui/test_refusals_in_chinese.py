"""A change the core refuses reaches a Chinese window in Chinese: the sentence and its hint are core
messages (resources/messages/refusals.yaml) rendered in the window's language by `error_text`; the log
and the command line keep the English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from auditor_app.audits.meetings import update_profile
from auditor_app.audits.tour import add_tour_area, remove_tour_area
from auditor_app.ui import i18n


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


def refusal_box(window, qtbot) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "operation-error") is not None, timeout=5000)
    return window.findChild(QMessageBox, "operation-error")


def test_a_refused_change_is_told_in_the_windows_chinese(chinese, window, qtbot, store, make_audit, caplog):
    audit_id = make_audit()
    with store.transaction() as s:
        area_id = add_tour_area(s, audit_id, "dormitory", "Dormitory block A")
    window.open_audit(audit_id, "tour")
    tour = window.audit_view.pages["tour"]
    qtbot.waitUntil(lambda: tour.current_area_id() == area_id, timeout=5000)
    with store.transaction() as s:  # removed meanwhile, behind the page's back
        remove_tour_area(s, area_id)
    visited = tour.visited
    qtbot.mouseClick(visited, Qt.MouseButton.LeftButton, pos=QPoint(8, visited.height() // 2))
    box = refusal_box(window, qtbot)
    assert box.text() == "此审核中没有该巡查区域（是否已被删除？）"
    assert box.windowTitle() != "The change was not saved" and not box.informativeText()
    assert "that tour area is not in this audit (removed meanwhile?)" in caplog.text  # the log keeps English
    qtbot.wait(200)
    shown = [b for b in window.findChildren(QMessageBox, "operation-error") if b.isVisible()]
    assert len(shown) == 1  # one box per refusal (the audit view's), not one more from the main window
    for shown_box in shown:
        shown_box.close()  # deleted on close
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "operation-error") is None, timeout=5000)

    # a refusal with a hint: both in Chinese
    window.audit_view.ctx.write(update_profile, audit_id, "name", " ")
    box = refusal_box(window, qtbot)
    assert (box.text(), box.informativeText()) == ("工厂必须有名称", "请先输入新名称，再删除旧名称")
