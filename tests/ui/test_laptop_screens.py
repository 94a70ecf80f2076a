"""Every page of the demo audit on a 1280x720 and a 1024x600 laptop: the window is no taller than
the screen (the status bar in view), the header shows the factory's names whole and the state, the
CAP shows at least four rows and the signature pads keep clear of their labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from auditor_app.demo import ensure_demo
from auditor_app.store.vocab import STAGES

SCREENS = [(1280, 720), (1024, 600)]


@pytest.fixture
def demo_window(store, window, qtbot):
    audit_id = ensure_demo(store)
    window.open_audit(audit_id, "opening")
    return window


def settle(qtbot):
    qtbot.wait(60)


def inside(child, parent) -> QRect:
    """The child's rectangle in the parent's coordinates."""
    return QRect(child.mapTo(parent, child.rect().topLeft()), child.size())


def names_whole(view) -> bool:
    """The English name wraps within its label's height; the local name has all the width it needs."""
    label, local = view.factory_label, view.local_name_label
    needed = label.fontMetrics().boundingRect(QRect(0, 0, label.width(), 10_000), Qt.TextFlag.TextWordWrap,
                                              label.text()).height()
    return needed <= label.height() and local.width() >= local.sizeHint().width()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_fits_the_laptop(demo_window, qtbot, screen):
    window = demo_window
    window.resize(*screen)
    for stage in STAGES:
        window.audit_view.show_stage(stage)
        settle(qtbot)
        view = window.audit_view
        assert window.height() <= screen[1] and window.width() <= screen[0], stage
        bar = window.statusBar()
        assert bar.isVisible() and window.rect().contains(inside(bar, window)), stage
        qtbot.waitUntil(lambda v=view: names_whole(v), timeout=3000)  # once the layout has settled
        state = view.meta_label.text().split(" ")[0]
        assert state == "draft" and view.meta_label.fontMetrics().horizontalAdvance(state) < view.meta_label.width()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_closing_page_shows_four_cap_rows_and_clear_signature_pads(demo_window, qtbot, screen):
    window = demo_window
    window.resize(*screen)
    window.audit_view.show_stage("closing")
    settle(qtbot)
    page = window.audit_view.pages["closing"]
    table = page.cap_table
    assert table.rowCount() >= 4
    qtbot.waitUntil(lambda: sum(table.rowHeight(r) for r in range(4)) <= table.viewport().height())
    assert page.finalize_button.isVisible()
    assert window.rect().contains(inside(page.finalize_button, window))
    page.show_signatures()
    settle(qtbot)
    for box in page.boxes.values():
        pad = inside(box.pad, box)
        for label in (box.name, box.signed_label, box.clear_button, box.authority):
            if label.isVisible():
                assert not pad.intersects(inside(label, box)), (box.role, label)
        assert box.pad.height() >= box.pad.minimumHeight()
