"""One window per data folder: the owning window listens, a second start asks it to come forward.

The window that owns the data folder (it holds `store.folder_lock.FolderLock`) listens on a local
socket (a named pipe on Windows) whose name is derived from the user and the data folder. A second
`auditor-app run` on the same folder is refused the lock; it tells the auditor the folder is open in
another window and offers to bring that window forward: it connects, sends "show", and the owner
raises and activates its main window and answers "shown".

AUDITOR_APP_SECOND_START=show|close answers that offer without a dialog (tests, scripted starts).
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
from functools import partial

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from auditor_app.store.folder_lock import FolderInUse
from auditor_app.ui.i18n import translate

log = logging.getLogger(__name__)
ANSWER_ENV = "AUDITOR_APP_SECOND_START"
SHOW, CLOSE = "show", "close"
RETRY_MS = 100
NOT_LISTENING_YET = (QLocalSocket.LocalSocketError.ServerNotFoundError,
                     QLocalSocket.LocalSocketError.ConnectionRefusedError)
_SHOW = b"show"
_SHOWN = b"shown"


def server_name(root: str | os.PathLike) -> str:
    """The same for every process of this user on this data folder; short enough for a Unix socket."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    folder = os.path.normcase(os.path.abspath(root))
    return "escp-field-auditor-" + hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:20]


def bring_forward(window: QWidget) -> None:
    """Un-minimize, raise and activate `window` (keeping it maximized if it was)."""
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized)
                          | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


class ShowRequests(QObject):
    """The owner's side: answers "show" from a second start by bringing `window` forward."""

    shown = Signal()

    def __init__(self, window: QWidget, root: str | os.PathLike):
        super().__init__(window)
        self.window = window
        self.name = server_name(root)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            # Left by a crashed owner (Unix keeps the socket file): we own the folder now, so it is stale.
            QLocalServer.removeServer(self.name)
            if self.server.listen(self.name):
                return True
        log.warning("cannot listen for a second start on %s: %s", self.name, self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while (conn := self.server.nextPendingConnection()) is not None:
            conn.readyRead.connect(partial(self._read, conn))
            conn.disconnected.connect(conn.deleteLater)
            if conn.canReadLine():
                self._read(conn)

    def _read(self, conn: QLocalSocket) -> None:
        if not conn.canReadLine():
            if conn.bytesAvailable() > 64:
                conn.abort()  # not one of ours
            return
        request = bytes(conn.readLine()).strip()
        if request == _SHOW:
            bring_forward(self.window)
            conn.write(_SHOWN + b"\n")
            self.shown.emit()
        else:
            conn.write(b"unknown\n")
        conn.flush()
        conn.disconnectFromServer()


def ask_owner_to_show(root: str | os.PathLike, owner_pid: int | None = None, timeout_ms: int = 3000) -> bool:
    """The second start's side: True when the owning window answered that it came forward.

    An owner that does not listen yet (still starting) is asked again until `timeout_ms`. Waits in a
    local event loop, so an owner in the same process (tests) is served meanwhile."""
    _allow_foreground(owner_pid)
    sock = QLocalSocket()
    loop = QEventLoop()
    reply = bytearray()

    def send() -> None:
        sock.write(_SHOW + b"\n")
        sock.flush()

    def receive() -> None:
        reply.extend(bytes(sock.readAll()))
        if b"\n" in reply:
            loop.quit()

    def connect() -> None:
        sock.connectToServer(server_name(root))

    def failed(error: QLocalSocket.LocalSocketError) -> None:
        # Nobody listening yet: the owner takes the folder first and listens once its window is painted.
        if error in NOT_LISTENING_YET and timer.isActive():
            QTimer.singleShot(RETRY_MS, connect)
        else:
            loop.quit()

    sock.connected.connect(send)
    sock.readyRead.connect(receive)
    sock.errorOccurred.connect(failed)
    sock.disconnected.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    # Connect from inside the loop: a refusal reported at once then still ends it.
    QTimer.singleShot(0, connect)
    loop.exec()
    timer.stop()
    sock.abort()
    return bytes(reply).split(b"\n", 1)[0].strip() == _SHOWN


def second_start(root: str | os.PathLike, error: FolderInUse, answer: str | None = None) -> int:
    """Tell the auditor the folder is open in another window; bring it forward if asked. Exit code 0."""
    from auditor_app.ui.app import create_app

    answer = answer or os.environ.get(ANSWER_ENV, "").strip().lower() or None
    asked = answer is None  # the auditor answers in dialogs; otherwise nothing may wait for a click
    create_app()
    pid = error.owner.pid if error.owner else None
    if asked:
        box = refusal_box(error)
        box.exec()
        answer = SHOW if box.clickedButton() is box.show_button else CLOSE
        box.deleteLater()
    if answer != SHOW:
        return 0
    if ask_owner_to_show(root, pid):
        print("The other window was brought forward.", file=sys.stderr)
        return 0
    note = ("The other window did not answer. Switch to it from the task bar"
            + (f" (process {pid})" if pid else "") + ".")
    print(note, file=sys.stderr)
    if asked:
        QMessageBox.information(None, translate("single_instance", "ESCP Field Auditor"), note)
    return 0


def refusal_box(error: FolderInUse) -> QMessageBox:
    """The message a second start shows: the folder is open elsewhere; bring that window forward?"""
    box = QMessageBox(QMessageBox.Icon.Information, translate("single_instance", "ESCP Field Auditor"), error.message)
    box.setObjectName("folder-in-use")
    box.setInformativeText(error.hint)
    show = box.addButton(translate("single_instance", "Show the other window"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("single_instance", "Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(show)
    box.show_button = show
    return box


def _allow_foreground(pid: int | None) -> None:
    # Windows lets only the foreground process hand focus on: allow the owner to take it.
    if sys.platform == "win32" and pid:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(int(pid))  # type: ignore[attr-defined]


__all__ = ["ANSWER_ENV", "ShowRequests", "ask_owner_to_show", "bring_forward", "refusal_box",
           "second_start", "server_name"]
