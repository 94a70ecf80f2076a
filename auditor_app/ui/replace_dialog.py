"""Asking why a drawn worker is not interviewed (absent, refused, another reason with a note) before
the app marks them and draws the replacement from the same stratum."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

REASONS = (("absent", "Absent today"), ("refused", "Refused the interview"),
           ("other", "Another reason (say which below)"))


class ReplaceDialog(QDialog):
    def __init__(self, code: str, who: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("replace-worker")
        self.setWindowTitle(f"{code} not interviewed")
        layout = QVBoxLayout(self)
        intro = QLabel(f"{who}\n\nWhy is {code} not interviewed?")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for key, label in REASONS:
            button = QRadioButton(label)
            self.buttons[key] = button
            self.group.addButton(button)
            layout.addWidget(button)
        self.buttons["absent"].setChecked(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (needed for another reason): e.g. on sick leave since Monday"))
        layout.addWidget(self.note)
        after = QLabel(f"The next worker drawn from the same stratum replaces {code}, reproducibly from the "
                       "draw's seed, and gets an interview form of their own.")
        after.setWordWrap(True)
        after.setStyleSheet("color: palette(mid);")
        layout.addWidget(after)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.box.addButton(self.tr("Mark and draw a replacement"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)
        self.group.buttonToggled.connect(lambda *_: self._check())
        self.note.textChanged.connect(lambda *_: self._check())
        self.resize(460, self.sizeHint().height())

    def reason(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def _check(self) -> None:
        self.ok.setEnabled(self.reason() != "other" or bool(self.note.text().strip()))
