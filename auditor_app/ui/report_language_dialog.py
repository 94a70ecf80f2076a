"""The languages of the report and the CAP, asked once the auditor has chosen where to save them.

The report starts in the language chosen in Settings > Preferences (`report/language`); the CAP in
both English and Chinese, since the factory's manager signs it and may read no English. Headings and
fixed text follow the choice; what the auditor and the factory typed is printed as typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from auditor_app.reports.wording import CAP_LANGUAGE
from auditor_app.ui import i18n


class ReportLanguageDialog(QDialog):
    def __init__(self, data_root: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("report-language-dialog")
        self.setWindowTitle(self.tr("Languages of the report and the CAP"))
        self.setMinimumWidth(380)
        self.report = self._choices("report-language-report", i18n.report_language(data_root))
        self.cap = self._choices("report-language-cap", CAP_LANGUAGE)
        note = QLabel(self.tr("Headings and fixed text are printed in the chosen language; what was typed "
                              "in the audit is printed as typed."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Report"), self.report)
        form.addRow(self.tr("&CAP"), self.cap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Write the PDFs"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _choices(self, name: str, chosen: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        for code, label in (("en", self.tr("English")), ("zh", self.tr("Chinese")),
                            ("both", self.tr("Both (English and Chinese)"))):
            box.addItem(label, code)
        box.setCurrentIndex(max(box.findData(chosen), 0))
        return box

    def languages(self) -> tuple[str, str]:
        """(report language, CAP language): 'en', 'zh' or 'both'."""
        return str(self.report.currentData()), str(self.cap.currentData())
