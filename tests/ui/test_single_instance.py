"""A second start asks the owning window to come forward: the local-socket round trip in one process."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from auditor_app.store.folder_lock import WINDOW, FolderInUse, OwnerInfo
from auditor_app.ui.single_instance import (
    ShowRequests,
    ask_owner_to_show,
    refusal_box,
    second_start,
    server_name,
)


@pytest.fixture
def owner(qtbot, tmp_path):
    """A minimized main window listening for second starts on tmp_path."""
    window = QMainWindow()
    window.setWindowTitle("owner")
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    requests = ShowRequests(window, tmp_path)
    assert requests.listen()
    yield window, requests
    requests.close()


def _refusal(tmp_path: Path) -> FolderInUse:
    from datetime import datetime, timezone
    return FolderInUse(tmp_path, OwnerInfo(4242, datetime.now(timezone.utc), "an ESCP Field Auditor window",
                                           WINDOW))


def test_show_brings_the_owner_forward(owner, qtbot, tmp_path):
    window, requests = owner
    assert window.isMinimized()
    with qtbot.waitSignal(requests.shown, timeout=5000):
        assert ask_owner_to_show(tmp_path) is True
    assert not window.isMinimized() and window.isVisible()


def test_the_name_depends_on_the_folder(tmp_path):
    assert server_name(tmp_path) == server_name(tmp_path / "sub" / "..")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert len(QDir.tempPath()) + len(server_name(tmp_path)) < 100  # fits a Unix socket address


def test_nobody_listening_is_a_no_once_the_time_is_up(owner, tmp_path):
    started = time.monotonic()
    assert ask_owner_to_show(tmp_path / "another-folder", timeout_ms=600) is False
    assert 0.5 < time.monotonic() - started < 3  # asked again meanwhile, never past the time given


def test_an_owner_still_starting_is_asked_again(qtbot, tmp_path):
    # The owner takes the folder before its window exists and listens once the window is painted
    # (ui/app.py): a second start in between waits for it instead of saying it did not answer.
    window = QMainWindow()
    qtbot.addWidget(window)
    requests = ShowRequests(window, tmp_path)
    QTimer.singleShot(400, requests.listen)
    try:
        with qtbot.waitSignal(requests.shown, timeout=5000):
            assert ask_owner_to_show(tmp_path, timeout_ms=3000) is True
    finally:
        requests.close()


def test_a_request_that_is_not_show_is_not_obeyed(owner, qtbot, tmp_path):
    from PySide6.QtNetwork import QLocalSocket
    window, requests = owner
    sock = QLocalSocket()
    sock.connectToServer(server_name(tmp_path))
    assert sock.waitForConnected(2000)
    sock.write(b"format c:\n")
    sock.flush()
    qtbot.waitUntil(lambda: sock.bytesAvailable() > 0
                    or sock.state() != QLocalSocket.LocalSocketState.ConnectedState, timeout=3000)
    assert bytes(sock.readAll()) == b"unknown\n" and window.isMinimized()
    sock.abort()


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files")
def test_a_socket_left_by_a_crashed_owner_is_taken_over(qtbot, tmp_path):
    # A killed owner leaves its socket file; the next owner (it holds the folder lock) replaces it.
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(Path(QDir.tempPath()) / server_name(tmp_path)))
    stale.close()
    window = QMainWindow()
    qtbot.addWidget(window)
    requests = ShowRequests(window, tmp_path)
    try:
        assert requests.listen()
        with qtbot.waitSignal(requests.shown, timeout=5000):
            assert ask_owner_to_show(tmp_path)
    finally:
        requests.close()


def test_second_start_answered_show_or_close(owner, qtbot, tmp_path, monkeypatch):
    window, requests = owner
    monkeypatch.delenv("AUDITOR_APP_SECOND_START", raising=False)
    with qtbot.assertNotEmitted(requests.shown, wait=200):
        assert second_start(tmp_path, _refusal(tmp_path), answer="close") == 0
    assert window.isMinimized()
    monkeypatch.setenv("AUDITOR_APP_SECOND_START", "show")
    with qtbot.waitSignal(requests.shown, timeout=5000):
        assert second_start(tmp_path, _refusal(tmp_path)) == 0
    assert not window.isMinimized()


def test_the_auditor_clicks_show_in_the_dialog(owner, qtbot, tmp_path, monkeypatch):
    window, requests = owner
    monkeypatch.delenv("AUDITOR_APP_SECOND_START", raising=False)
    seen = []

    def click_show():
        box = QApplication.activeModalWidget()
        seen.append((box.objectName(), box.text(), box.informativeText()))
        box.show_button.click()

    QTimer.singleShot(200, click_show)
    with qtbot.waitSignal(requests.shown, timeout=5000):
        assert second_start(tmp_path, _refusal(tmp_path)) == 0
    err = _refusal(tmp_path)
    assert seen == [("folder-in-use", err.message, err.hint)]
    assert f"The data folder {tmp_path} is already open in an ESCP Field Auditor window" in err.message
    assert not window.isMinimized()


def test_the_refusal_box_offers_to_show_the_other_window(qtbot, tmp_path):
    box = refusal_box(_refusal(tmp_path))
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["Close", "Show the other window"]
    assert box.defaultButton() is box.show_button
