"""Every dialog closes with Esc (nothing typed in it: no question asked)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def press_esc(qtbot, dialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_new_audit_connect_nc_editor_gaps_and_photo_viewer_close_with_esc(window, qtbot, make_audit, tmp_path):
    from pages_helpers import write_photo

    from auditor_app.store.evidence import import_photo
    from auditor_app.ui.photo_viewer import PhotoViewer

    window.new_audit()
    qtbot.waitUntil(lambda: window.new_audit_dialog is not None and window.new_audit_dialog.isVisible())
    press_esc(qtbot, window.new_audit_dialog)

    press_esc(qtbot, window.connect_actions.open_settings())

    audit_id = make_audit()
    photo = import_photo(window.store, audit_id, write_photo(tmp_path / "a.jpg"))
    window.open_audit(audit_id)
    qtbot.waitUntil(lambda: window.audit_view is not None)
    checklist = window.audit_view.pages["checklist"]
    checklist.select("9.4.1")
    checklist.open_editor(None)
    press_esc(qtbot, checklist.editor)

    closing = window.audit_view.pages["closing"]
    window.audit_view.show_stage("closing")
    closing.show_gaps()
    press_esc(qtbot, closing.gaps_dialog)

    viewer = PhotoViewer(window.audit_view.ctx, [photo.evidence_id], 0, window)
    viewer.open()
    press_esc(qtbot, viewer)
    viewer.deleteLater()
