"""Two laptops for the review tests: the auditor's data folder and the lead's, each with its own store,
device key and main window; a sealed audit with real checkpoints (the demo's previous audit, written
through the audit operations and finalized)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView
from waiting import flush, wait_for_operations

from auditor_app.checklist.grades import Grade, load_grades
from auditor_app.demo import _signature_png
from auditor_app.demo.previous import create_previous_audit
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.store.models import Finding

AUDITOR = "Li Na"  # the demo audit's lead auditor (sealed as "Li Na 李娜"; QTest types no CJK)
LEAD = "Wang Fang"  # the audit firm's lead who reviews
FIRM = "Pearl River Audits"


def laptop(tmp_path, name: str, actor: str):
    store = open_store(DataFolder(tmp_path / name).ensure(), actor=actor)
    return store


@pytest.fixture
def auditor_store(tmp_path):
    store = laptop(tmp_path, "auditor-laptop", "li.na")
    yield store
    store.close()


@pytest.fixture
def lead_store(tmp_path):
    store = laptop(tmp_path, "lead-laptop", "wang.fang")
    yield store
    store.close()


@pytest.fixture
def sealed_audit(auditor_store) -> str:
    return create_previous_audit(auditor_store, _signature_png)


def main_window(qtbot, store):
    from auditor_app.ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def click_row(qtbot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def click_tree_item(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def wait_loaded(qtbot, view, check=lambda s: True, timeout: int = 10_000) -> None:
    """Until the review view shows a snapshot that passes `check` (the view reads off the GUI thread)."""
    qtbot.waitUntil(lambda: view.snapshot is not None and check(view.snapshot), timeout=timeout)
    wait_for_operations()


def draw_signature(qtbot, box, name: str) -> None:
    box.name.clear()
    box.name.setFocus()
    qtbot.keyClicks(box.name, name)
    pad = box.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 60))
    for x in range(30, 200, 20):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(210, 70))


def regrade_sign_and_finalize(qtbot, window, store, checkpoint: str = "6.2.2") -> tuple[str, Grade]:
    """The auditor's rework in the new revision open in `window`: another grade for the NC at `checkpoint`
    by its grade key on the checklist page, both signatures drawn again, finalized. Returns the old grade's
    key and the new grade."""
    audit_id = window.audit_view.audit_id
    with store.session() as s:
        old_grade = s.query(Finding.grade).filter_by(audit_id=audit_id, checkpoint_id=checkpoint).scalar()
    new_grade = next(g for g in load_grades() if g.key not in (old_grade, "zero_tolerance"))
    window.audit_view.show_stage("checklist")
    checklist = window.audit_view.pages["checklist"]
    checklist.select(checkpoint)
    window.activateWindow()  # the grade keys are shortcuts of the tree: its window must be the active one
    qtbot.waitUntil(window.isActiveWindow)
    checklist.tree.setFocus()
    qtbot.keyClick(checklist.tree, getattr(Qt.Key, f"Key_{new_grade.rank}"))
    flush(window.ops)
    with store.session() as s:
        assert s.query(Finding.grade).filter_by(audit_id=audit_id, checkpoint_id=checkpoint).scalar() == new_grade.key
    window.audit_view.show_stage("closing")
    closing = window.audit_view.pages["closing"]
    closing.show_signatures()
    draw_signature(qtbot, closing.boxes["factory_manager"], "Wu Meiling")
    draw_signature(qtbot, closing.boxes["auditor"], AUDITOR)
    flush(window.ops)
    qtbot.mouseClick(closing.finalize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.frozen, timeout=15_000)
    return old_grade, new_grade
