"""The evidence page's side pane on a laptop screen: long NC texts wrap (the start shown, the whole in
the tooltip), the SHA-256 and a long file name are shortened to fit with the full value in the
tooltip, nothing reaches past the window's right edge, and the pane is widened by its splitter."""

from __future__ import annotations

import pytest
from pages_helpers import make_audit, make_context, write_photo
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QSplitter

from auditor_app.audits import add_finding
from auditor_app.store.evidence import import_photo
from auditor_app.store.models import TourArea
from auditor_app.ui.pages.evidence import LINK_TEXT_CHARS, EvidencePage

LONG_NC = ("Workers cannot see their own clock-in records; the time system has no kiosk and HR does not show "
           "records on request, so 12 of 26 interviewed workers could not check their overtime hours for "
           "September and October against their payslips.")
LONG_NAME = "IMG_20261118_103012_assembly_floor_rear_exit_chained_building_A_3F_north_side_HDR.jpg"


@pytest.fixture
def audit_id(store):
    return make_audit(store)


@pytest.fixture
def page(qtbot, store, ops, audit_id, tmp_path):
    with store.transaction() as s:
        add_finding(s, audit_id, "12.1.5", description=LONG_NC)
        s.add(TourArea(audit_id=audit_id, kind="production", name="Building A 3F - assembly lines 1-6"))
    photo = import_photo(store, audit_id, write_photo(tmp_path / LONG_NAME))
    page = EvidencePage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.grid.count() == 1)
    page.grid.setCurrentRow(0)
    page.sha256 = photo.sha256
    return page


def right_edge_in_page(page, widget) -> int:
    return widget.mapTo(page, QPoint(widget.width(), 0)).x()


def test_nc_links_wrap_within_the_pane_with_the_whole_text_in_the_tooltip(qtbot, page):
    links = page.finding_links
    item = links.item(0)
    assert item.text().startswith("12.1.5 Minor: Workers cannot see") and item.text().endswith("…")
    assert len(item.text()) < len("12.1.5 Minor: ") + LINK_TEXT_CHARS + 2
    assert LONG_NC in item.toolTip()
    rect = links.visualItemRect(item)
    assert rect.right() <= links.viewport().width()  # wrapped, not past the edge
    assert rect.height() >= 2 * links.fontMetrics().lineSpacing()  # on more than one line
    assert not links.horizontalScrollBar().isVisible()
    assert right_edge_in_page(page, links) <= page.width()


def test_sha_and_long_name_are_shortened_to_fit_with_the_full_value_in_the_tooltip(qtbot, page):
    sha_label, name_label = page.sha_label, page.name_label
    assert sha_label.full_text == f"SHA-256 {page.sha256}" and sha_label.toolTip() == sha_label.full_text
    shown = sha_label.text_shown()
    assert "…" in shown and shown.startswith("SHA-256 ") and shown.endswith(page.sha256[-4:])
    assert sha_label.fontMetrics().horizontalAdvance(shown) <= sha_label.contentsRect().width()
    assert name_label.full_text == LONG_NAME and name_label.toolTip() == LONG_NAME
    assert name_label.fontMetrics().horizontalAdvance(name_label.text_shown()) <= name_label.contentsRect().width()
    for widget in (sha_label, name_label, page.info_label, page.caption, page.area_links):
        assert right_edge_in_page(page, widget) <= page.width(), widget.objectName()


def test_the_pane_is_resizable_and_links_rewrap_when_wider(qtbot, page):
    splitter = page.findChild(QSplitter)
    detail = splitter.widget(1)
    narrow = detail.width()
    links = page.finding_links
    tall = links.visualItemRect(links.item(0)).height()
    splitter.setSizes([500, page.width() - 500])
    qtbot.waitUntil(lambda: detail.width() > max(narrow, 420) + 100)
    qtbot.waitUntil(lambda: links.visualItemRect(links.item(0)).height() < tall)
    assert page.sha_label.text_shown() == page.sha_label.full_text  # room for the whole hash now
