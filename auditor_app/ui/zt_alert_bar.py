"""The bar that offers to send a Zero Tolerance alert as soon as such a finding is saved: it does not
block; "Send alert now" or "Later"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget


class ZtAlertBar(QToolBar):
    """Emits `send_requested()`; "Later" hides it until another Zero Tolerance finding is saved."""

    send_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Zero Tolerance alert"))
        self.setObjectName("zt-alert-bar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setAllowedAreas(Qt.ToolBarArea.TopToolBarArea)
        self.setStyleSheet("QToolBar { background: #ffebe9; border-bottom: 1px solid #cf222e; }")
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(8, 2, 8, 2)
        self.text = QLabel("")
        self.text.setObjectName("zt-alert-text")
        self.text.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send alert now"))
        self.send_button.setToolTip(self.tr("Send the Zero Tolerance alert to the ESCP program now; its receipt is "
                                    "recorded as the 24-hour notice of the closing meeting"))
        self.later_button = QPushButton(self.tr("Later"))
        self.later_button.setToolTip(self.tr("Sync now (or auditor-app sync) sends it later"))
        self.send_button.clicked.connect(self._send)
        self.later_button.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.send_button)
        layout.addWidget(self.later_button)
        self.addWidget(box)
        self.hide()

    def offer(self, checkpoints: list[str]) -> None:
        listed = self.tr(", ").join(sorted(set(checkpoints)))
        self.text.setText(self.tr("A Zero Tolerance finding ({checkpoints}) was saved. The ESCP program must hear of it "
                                  "within 24 hours: send the alert now?").format(checkpoints=listed))
        self.send_button.setEnabled(True)
        self.show()

    def sending(self) -> None:
        self.text.setText(self.tr("Sending the Zero Tolerance alert… the sync panel shows the platform's answer."))
        self.send_button.setEnabled(False)

    def _send(self) -> None:
        self.sending()
        self.send_requested.emit()
