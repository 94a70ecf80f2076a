"""The evidence page: import (dialog, folder, drop, paste), duplicates and failures, captions, links."""

from __future__ import annotations

import pytest
from audit_states import mark_finalized
from pages_helpers import make_audit, make_context, write_photo
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.audits import add_finding
from auditor_app.store.models import AreaEvidence, Evidence, FindingEvidence, TourArea
from auditor_app.ui.pages.evidence import EvidencePage


@pytest.fixture
def audit_id(store):
    return make_audit(store)


@pytest.fixture
def page(qtbot, store, ops, audit_id):
    page = EvidencePage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def stored(store, audit_id, live=True):
    with store.session() as s:
        q = select(Evidence).where(Evidence.audit_id == audit_id)
        if live:
            q = q.where(Evidence.deleted_at.is_(None))
        return list(s.scalars(q))


def settle(ops):
    wait_for_operations()
    flush(ops)
    wait_for_operations()


def test_empty_state_then_import_by_dialog_shows_thumbnails(qtbot, page, store, audit_id, ops, tmp_path, monkeypatch):
    assert page.stack.currentWidget() is page.empty
    files = [write_photo(tmp_path / f"IMG_{i}.jpg", (40 * i, 80, 120)) for i in range(3)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.grid.count() == 3)
    assert {e.original_name for e in stored(store, audit_id)} == {"IMG_0.jpg", "IMG_1.jpg", "IMG_2.jpg"}
    assert page.stack.currentWidget() is page.grid
    qtbot.waitUntil(lambda: all(page.grid.has_thumbnail(i) for i in range(3)))
    assert "3 photo(s) imported" in page.result_label.text()


def test_camera_card_folder_skips_duplicates_and_lists_failures(qtbot, page, store, audit_id, tmp_path, monkeypatch):
    card = tmp_path / "DCIM" / "100CANON"
    card.mkdir(parents=True)
    write_photo(card / "A.jpg", (1, 2, 3))
    (card / "B.jpg").write_bytes((card / "A.jpg").read_bytes())  # same bytes: a duplicate
    (card / "broken.jpg").write_bytes(b"not a photo at all")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "DCIM"))
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_import is not None)
    text = page.result_label.text()
    assert "1 photo(s) imported" in text and "1 duplicate(s) skipped" in text and "1 could not be imported" in text
    assert "broken.jpg" in text
    assert len(stored(store, audit_id)) == 1


def test_drop_of_files_imports_them(qtbot, page, store, audit_id, tmp_path):
    path = write_photo(tmp_path / "dropped.jpg")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)
    qtbot.waitUntil(lambda: page.grid.count() == 1)
    assert stored(store, audit_id)[0].original_name == "dropped.jpg"


def test_paste_of_a_screenshot_becomes_a_png(qtbot, page, store, audit_id):
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    QApplication.clipboard().setImage(image)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.grid.count() == 1)
    [ev] = stored(store, audit_id)
    assert ev.media_type == "image/png" and ev.original_name.startswith("pasted-")
    assert (ev.width, ev.height) == (40, 30)


def test_caption_and_links_are_saved_and_shown(qtbot, page, store, audit_id, ops, tmp_path):
    from auditor_app.store.evidence import import_photo
    photo = import_photo(store, audit_id, write_photo(tmp_path / "exit.jpg"))
    with store.transaction() as s:
        finding = add_finding(s, audit_id, "9.6.3", description="No PPE signs")
        area = TourArea(audit_id=audit_id, kind="production", name="Moulding 1F")
        s.add(area)
        s.flush()
        fid, area_id = finding.id, area.id
    page.refresh(set())
    page.grid.setCurrentRow(0)
    qtbot.keyClicks(page.caption, "Moulding: no noise warning sign")
    page.finding_links.item(0).setCheckState(Qt.CheckState.Checked)
    page.area_links.item(0).setCheckState(Qt.CheckState.Checked)
    settle(ops)
    with store.session() as s:
        assert s.get(Evidence, photo.evidence_id).caption == "Moulding: no noise warning sign"
        assert s.scalars(select(FindingEvidence.finding_id)).all() == [fid]
        assert s.scalars(select(AreaEvidence.tour_area_id)).all() == [area_id]
    assert page.grid.text(0) == "Moulding: no noise warning sign"
    assert page.completion() == (1, 1)
    # unlinking removes the row
    page.finding_links.item(0).setCheckState(Qt.CheckState.Unchecked)
    settle(ops)
    with store.session() as s:
        assert s.scalars(select(FindingEvidence)).all() == []


def test_remove_asks_and_undo_brings_it_back(qtbot, page, store, audit_id, ops, tmp_path, monkeypatch):
    from auditor_app.store.evidence import import_photo
    import_photo(store, audit_id, write_photo(tmp_path / "a.jpg"))
    page.refresh(set())
    page.grid.setCurrentRow(0)
    page.grid.setFocus()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    settle(ops)
    assert stored(store, audit_id) == [] and len(stored(store, audit_id, live=False)) == 1
    assert page.stack.currentWidget() is page.empty
    qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    settle(ops)
    assert len(stored(store, audit_id)) == 1 and page.grid.count() == 1


def test_viewer_shows_name_hash_and_time(qtbot, page, store, audit_id, tmp_path):
    from auditor_app.store.evidence import import_photo
    import_photo(store, audit_id, write_photo(tmp_path / "first.jpg", (9, 9, 9), (800, 600)))
    import_photo(store, audit_id, write_photo(tmp_path / "second.jpg", (90, 9, 9)))
    page.refresh(set())
    page.grid.setCurrentRow(0)
    qtbot.mouseClick(page.view_button, Qt.MouseButton.LeftButton)
    viewer = page.viewer
    ev = stored(store, audit_id)[0]
    assert viewer.name_label.text() == ev.original_name and viewer.sha_label.text() == ev.sha256
    qtbot.waitUntil(lambda: viewer.picture.pixmap() is not None and not viewer.picture.pixmap().isNull())
    viewer.step(1)
    assert viewer.name_label.text() == stored(store, audit_id)[1].original_name
    viewer.close()


def test_webcam_button_hidden_without_qt_multimedia(page):
    from auditor_app.ui.pages.evidence import webcam_available
    assert page.webcam_button.isVisibleTo(page) == webcam_available()


def test_finalized_audit_refuses_imports(qtbot, page, store, audit_id, tmp_path, monkeypatch):
    with store.transaction() as s:
        mark_finalized(s, audit_id)
    page.refresh(set())
    assert not page.import_button.isEnabled()
    page.import_paths([write_photo(tmp_path / "late.jpg")])
    wait_for_operations()
    assert stored(store, audit_id) == []


def test_a_photo_of_a_reviewed_document_is_attached_to_it(qtbot, page, store, audit_id, ops, tmp_path):
    from auditor_app.audits import update_document_check
    from auditor_app.store.evidence import import_photo
    from auditor_app.store.models import DocumentCheck, DocumentEvidence

    photo = import_photo(store, audit_id, write_photo(tmp_path / "payroll-p3.jpg"))
    with store.transaction() as s:
        payroll = s.scalars(select(DocumentCheck).where(DocumentCheck.audit_id == audit_id)).first()
        update_document_check(s, payroll.id, status="received")
        doc_id, doc_name = payroll.id, payroll.name
    page.refresh(set())
    page.grid.setCurrentRow(0)
    items = [page.document_links.item(i) for i in range(page.document_links.count())]
    assert [i.toolTip() for i in items] == [doc_name]  # only documents reviewed are offered
    items[0].setCheckState(Qt.CheckState.Checked)
    settle(ops)
    with store.session() as s:
        assert [(d.evidence_id, d.document_check_id) for d in s.scalars(select(DocumentEvidence))] == [
            (photo.evidence_id, doc_id)]
