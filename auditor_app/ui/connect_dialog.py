"""Settings > Connect: the platform's address, signing in with an enrolment token, who is signed in and
the platform's key fingerprint, signing out. Every file and network step runs through `run_op`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from auditor_app.sync.account import sign_in
from auditor_app.sync.credentials import Link, forget_link, load_link
from auditor_app.ui.i18n import translate
from auditor_app.ui.operations import run_op
from auditor_app.ui.sentence import sentence


def fingerprint(key_id: str) -> str:
    """The platform key's id in groups of four, for reading aloud over the phone."""
    return " ".join(key_id[i:i + 4] for i in range(0, len(key_id), 4)).upper()


def who(link: Link) -> str:
    user = link.user
    values = {"name": user.get("name", ""), "login": user.get("login", ""), "role": user.get("role", ""),
              "firm": user.get("firm_name") or ""}
    if values["firm"]:
        return translate("ConnectDialog", "{name} ({login}, {role}, {firm})").format(**values)
    return translate("ConnectDialog", "{name} ({login}, {role})").format(**values)


class ConnectDialog(QDialog):
    """Emits `link_changed(link or None)` after signing in or out."""

    link_changed = Signal(object)

    def __init__(self, folder, parent=None):
        super().__init__(parent)
        self.folder = folder
        self.link: Link | None = None
        self.setWindowTitle(self.tr("Connect"))
        self.setObjectName("connect-dialog")
        self.setMinimumWidth(520)

        intro = QLabel(self.tr("Connect sends finalized audits and Zero Tolerance alerts to the ESCP platform, and "
                       "brings the audits assigned to you onto this laptop. Your platform administrator gives "
                       "you its address and a one-time enrolment token."))
        intro.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("https://connect.example.org"))
        self.token = QLineEdit()
        self.token.setPlaceholderText(self.tr("the one-time enrolment token"))
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.sign_in)
        form = QFormLayout()
        form.addRow(self.tr("Platform address"), self.url)
        form.addRow(self.tr("Enrolment token"), self.token)

        self.status = QLabel(self.tr("Reading the sign-in…"))
        self.status.setObjectName("connect-status")
        self.status.setWordWrap(True)
        self.key = QLabel("")
        self.key.setObjectName("connect-key")
        self.key.setWordWrap(True)
        self.error = QLabel("")
        self.error.setObjectName("connect-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #cf222e;")
        self.error.hide()
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setToolTip(self.tr("Forget the session on this laptop; what waits to be sent stays"))
        self.sign_out_button.clicked.connect(self.sign_out)

        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.key)
        layout.addStretch(1)
        layout.addWidget(close)
        self._busy(True)
        run_op(self, lambda _p: load_link(folder), on_success=self._show, on_failure=self._failed)

    def _busy(self, busy: bool) -> None:
        for widget in (self.sign_in_button, self.sign_out_button, self.url, self.token):
            widget.setEnabled(not busy)
        if not busy:
            self.sign_out_button.setEnabled(self.link is not None)

    def _show(self, link: Link | None) -> None:
        self.link = link
        if link is None:
            self.status.setText(self.tr("This laptop is not signed in to a platform."))
            self.key.setText("")
        else:
            self.url.setText(link.url)
            self.status.setText(self.tr("Signed in to {url} as {who}.").format(url=link.url, who=who(link)))
            self.key.setText(self.tr("Platform key fingerprint: {key}. Every receipt is checked against this key.")
                             .format(key=fingerprint(link.server_key.get("key_id", ""))))
        self._busy(False)

    def sign_in(self) -> None:
        url, token = self.url.text().strip(), self.token.text().strip()
        if not url or not token:
            self._say(self.tr("Enter the platform's address and your enrolment token."))
            return
        self._say("")
        self._busy(True)
        self.status.setText(self.tr("Signing in to {url}…").format(url=url))
        run_op(self, lambda _p: sign_in(self.folder, url, token), label=self.tr("Signing in to Connect"),
               on_success=self._signed_in, on_failure=self._failed)

    def _signed_in(self, link: Link) -> None:
        self.token.clear()
        self._show(link)
        self.link_changed.emit(link)

    def sign_out(self) -> None:
        self._busy(True)
        run_op(self, lambda _p: forget_link(self.folder), label=self.tr("Signing out"),
               on_success=lambda _r: (self._show(None), self.link_changed.emit(None)), on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        from auditor_app.ui.operations import error_text

        text, hint = error_text(error)
        self._say(f"{sentence(text)} {hint}".strip())
        self._show(self.link)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

