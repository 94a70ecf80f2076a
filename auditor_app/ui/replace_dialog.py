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

from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, translate

REASONS = (("absent", QT_TRANSLATE_NOOP("ReplaceDialog", "Absent today")),
           ("refused", QT_TRANSLATE_NOOP("ReplaceDialog", "Refused the interview")),
           ("other", QT_TRANSLATE_NOOP("ReplaceDialog", "Another reason (say which below)")))


class ReplaceDialog(QDialog):
    def __init__(self, code: str, who: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("replace-worker")
        self.setWindowTitle(self.tr("{code} not interviewed").format(code=code))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("{who}\n\nWhy is {code} not interviewed?").format(who=who, code=code))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for key, label in REASONS:
            button = QRadioButton(translate("ReplaceDialog", label))
            self.buttons[key] = button
            self.group.addButton(button)
            layout.addWidget(button)
        self.buttons["absent"].setChecked(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (needed for another reason): e.g. on sick leave since Monday"))
        layout.addWidget(self.note)
        after = QLabel(self.tr("The next worker drawn from the same stratum replaces {code}, reproducibly from the "
                               "draw's seed, and gets an interview form of their own.").format(code=code))
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
