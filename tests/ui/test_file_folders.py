"""File dialogs open where such files live, then in the last folder used for that kind."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from auditor_app.ui.file_folders import remember_folder, start_folder


def test_photos_start_in_pictures_then_the_last_folder(store, tmp_path):
    root = store.folder.root
    first = start_folder(root, "photos")
    assert first  # Pictures where the platform has one, else the home folder
    card = tmp_path / "DCIM" / "100CANON"
    card.mkdir(parents=True)
    remember_folder(root, "photos", card / "IMG_0001.JPG")
    assert start_folder(root, "photos") == str(card)
    assert start_folder(root, "roster") != str(card)  # each kind keeps its own
    card.rmdir()  # the card was taken out: back to the default
    assert start_folder(root, "photos") == first


def test_the_evidence_page_opens_in_the_remembered_folder(window, qtbot, make_audit, tmp_path, monkeypatch):
    folder = tmp_path / "usb"
    folder.mkdir()
    remember_folder(window.store.folder.root, "photos", folder / "a.jpg")
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda _w, _t, start, _f: (asked.append(start) or ([], "")))
    window.open_audit(make_audit())
    qtbot.waitUntil(lambda: window.audit_view is not None)
    window.audit_view.pages["evidence"].import_dialog()
    assert asked == [str(folder)]
