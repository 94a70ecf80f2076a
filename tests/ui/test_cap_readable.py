"""The CAP on the closing page is readable whole: rows grow to their text (also after a resize or an
edit), and the pane below shows the selected row in full and saves edits made there."""

from __future__ import annotations

import pytest
from audit_states import mark_finalized
from pages_helpers import make_audit, make_context
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.audits import add_finding
from auditor_app.store.models import CapItem
from auditor_app.ui.cap_table import FIELD_COLUMN
from auditor_app.ui.pages.closing import ClosingPage

LONG_ACTION = ("Install a self-service kiosk at each of the three gates so that every worker can see and print "
               "their own clock-in records; HR prints a monthly signed summary per worker; the EHS officer "
               "checks both each month and files the checks with the payroll; training for all supervisors "
               "by the end of the quarter, recorded with signatures; an external check after six months.")
SHORTER_ACTION = "Post PPE and hearing-protection signs at every one of the 42 injection moulding machines."


@pytest.fixture
def audit_id(store):
    return make_audit(store)


def add_ncs(store, audit_id) -> list[str]:
    """Two NCs with CAP text as a factory would write it; returns the CAP item ids in table order."""
    with store.transaction() as s:
        first = add_finding(s, audit_id, "9.6.3", description="No PPE requirement or noise warning signs at the "
                            "42 injection moulding machines.")
        second = add_finding(s, audit_id, "12.1.5", description="Workers cannot see their own clock-in records.")
        s.flush()
        caps = {c.finding_id: c for c in s.scalars(select(CapItem))}
        caps[first.id].corrective_action = SHORTER_ACTION
        caps[second.id].corrective_action = LONG_ACTION
        return [caps[first.id].id, caps[second.id].id]


@pytest.fixture
def page(qtbot, store, ops, audit_id):
    add_ncs(store, audit_id)
    page = ClosingPage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    wait_for_operations()
    return page


def settle(qtbot, ops):
    qtbot.wait(350)  # the debounce of typed edits
    wait_for_operations()
    flush(ops)
    wait_for_operations()


def row_of(page, text: str) -> int:
    column = FIELD_COLUMN["corrective_action"]
    return next(r for r in range(page.cap_table.rowCount()) if page.cap_table.item(r, column).text() == text)


def needed_height(table, row: int, column: int) -> int:
    """Height the cell's text needs when wrapped at the column's width (less the cell's margins)."""
    # Qt's item delegate wraps inside the focus-frame margin (plus one pixel) on each side.
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    rect = QRect(0, 0, table.columnWidth(column) - 2 * margin, 10_000)
    return table.fontMetrics().boundingRect(rect, Qt.TextFlag.TextWordWrap, table.item(row, column).text()).height()


def grown(table, row: int, column: int) -> bool:
    """The row is as tall as its text, or as tall as a row may be while four rows fit the table."""
    return table.rowHeight(row) >= min(needed_height(table, row, column), table.verticalHeader().maximumSectionSize())


def test_rows_grow_to_their_text_also_after_a_resize_and_an_edit(qtbot, page):
    table, column = page.cap_table, FIELD_COLUMN["corrective_action"]
    row = row_of(page, SHORTER_ACTION)
    assert needed_height(table, row, column) > 2 * table.fontMetrics().lineSpacing()  # really wraps
    qtbot.waitUntil(lambda: table.rowHeight(row) >= needed_height(table, row, column))
    page.resize(1000, 768)  # narrower columns: more lines
    qtbot.waitUntil(lambda: grown(table, row, column))
    table.item(row, FIELD_COLUMN["root_cause"]).setText("No owner for this requirement in the factory's "
                                                        "written procedures; nobody checks the signs.")
    qtbot.waitUntil(lambda: grown(table, row, FIELD_COLUMN["root_cause"]))
    # a very long cell stops growing (the pane below shows it whole); its tooltip holds all of it
    long_row = row_of(page, LONG_ACTION)
    assert table.rowHeight(long_row) <= table.verticalHeader().maximumSectionSize()
    assert table.item(long_row, column).toolTip() == LONG_ACTION


def test_pane_shows_the_whole_selected_row(qtbot, page, store, audit_id):
    table, detail = page.cap_table, page.cap_detail
    assert detail.isVisible()
    table.setCurrentCell(row_of(page, LONG_ACTION), 0)
    assert detail.texts["corrective_action"].toPlainText() == LONG_ACTION
    assert detail.description.toPlainText() == "Workers cannot see their own clock-in records."
    assert "12.1.5" in detail.title()
    table.setCurrentCell(row_of(page, SHORTER_ACTION), 0)
    assert detail.texts["corrective_action"].toPlainText() == SHORTER_ACTION
    assert "9.6.3" in detail.title()


def test_edits_in_the_pane_are_saved_and_show_in_the_table(qtbot, page, store, ops):
    table, detail = page.cap_table, page.cap_detail
    table.setCurrentCell(row_of(page, LONG_ACTION), 0)
    cap_id = table.cap_id_at(table.currentRow())
    box = detail.texts["preventive_action"]
    box.setFocus()
    qtbot.keyClicks(box, "Quarterly check of the kiosk logs by the EHS officer")
    qtbot.keyClicks(detail.responsible, "Huang Qiang, HR manager")
    settle(qtbot, ops)
    with store.session() as s:
        cap = s.get(CapItem, cap_id)
    assert cap.preventive_action == "Quarterly check of the kiosk logs by the EHS officer"
    assert cap.responsible_person == "Huang Qiang, HR manager"
    assert cap.corrective_action == LONG_ACTION  # untouched
    row = table.cap_ids.index(cap_id)
    assert table.item(row, FIELD_COLUMN["preventive_action"]).text() == cap.preventive_action
    assert table.currentRow() == row  # the refresh kept the auditor's row


def test_table_edit_shows_in_the_pane(qtbot, page, store, ops):
    table, detail = page.cap_table, page.cap_detail
    row = row_of(page, SHORTER_ACTION)
    table.setCurrentCell(row, 0)
    table.item(row, FIELD_COLUMN["factory_comment"]).setText("Signs ordered; posted by 1 December")
    settle(qtbot, ops)
    assert detail.texts["factory_comment"].toPlainText() == "Signs ordered; posted by 1 December"


def test_finalized_pane_is_read_only_but_shows_everything(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        mark_finalized(s, audit_id)
    page.refresh(set())
    page.cap_table.setCurrentCell(row_of(page, LONG_ACTION), 0)
    box = page.cap_detail.texts["corrective_action"]
    assert box.isReadOnly() and box.toPlainText() == LONG_ACTION
    box.setFocus()
    qtbot.keyClicks(box, "late edit")
    settle(qtbot, ops)
    assert box.toPlainText() == LONG_ACTION


def test_four_rows_fit_however_short_the_screen(qtbot, page, store, audit_id):
    with store.transaction() as s:
        for cp in ("9.3.3", "7.5.3", "6.2.2", "11.1.1"):
            finding = add_finding(s, audit_id, cp, description="A finding " + "with many words " * 12)
            s.flush()
            s.scalars(select(CapItem).where(CapItem.finding_id == finding.id)).one().corrective_action = LONG_ACTION
    page.refresh({"finding"})
    table = page.cap_table
    for size in ((1280 - 220, 720 - 95), (1024 - 220, 600 - 95)):  # the page on a 720p and a 600p laptop
        page.resize(*size)
        qtbot.waitUntil(lambda: sum(table.rowHeight(r) for r in range(4)) <= table.viewport().height())
        assert table.rowCount() == 6
