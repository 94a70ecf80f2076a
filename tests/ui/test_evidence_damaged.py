"""A photo whose pixels the background check finds damaged is shown plainly as damaged, never hidden."""

from __future__ import annotations

import pytest
from pages_helpers import make_audit, make_context
from PySide6.QtWidgets import QFileDialog

from auditor_app.store.models import Evidence
from auditor_app.ui.pages.evidence import EvidencePage
from tests.store.test_photo_intake import camera_jpeg, png_with_bad_pixels


@pytest.fixture
def page(qtbot, store, ops):
    page = EvidencePage(make_context(store, ops, make_audit(store)))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_import_then_the_check_marks_the_damaged_photo_and_keeps_it(qtbot, page, store, tmp_path, monkeypatch):
    (tmp_path / "IMG_0001.JPG").write_bytes(camera_jpeg())
    (tmp_path / "scan-0002.png").write_bytes(png_with_bad_pixels())
    files = [str(tmp_path / "IMG_0001.JPG"), str(tmp_path / "scan-0002.png")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
    page.import_dialog()
    qtbot.waitUntil(lambda: page.last_import is not None and page.grid.count() == 2, timeout=20_000)
    qtbot.waitUntil(lambda: not page.unchecked and not page.checking, timeout=20_000)
    texts = sorted(page.grid.text(i) for i in range(page.grid.count()))
    assert texts == ["IMG_0001.JPG", "⚠ DAMAGED — scan-0002.png"]
    damaged = next(i for i in range(2) if "DAMAGED" in page.grid.text(i))
    assert "pixels of this photo are damaged" in page.grid.tip(damaged)
    page.grid.setCurrentRow(damaged)
    assert "damaged" in page.info_label.text() and "kept exactly as imported" in page.info_label.text()
    with store.session() as s:
        assert s.query(Evidence).filter(Evidence.deleted_at.is_(None)).count() == 2
    # The sound photo's tile has a picture: the camera's preview at once, then its real thumbnail.
    sound = next(i for i in range(2) if page.grid.text(i) == "IMG_0001.JPG")
    qtbot.waitUntil(lambda: page.grid.has_thumbnail(sound), timeout=10_000)
