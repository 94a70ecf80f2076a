"""Settings > Preferences: the window's language, who audits (lead auditor and firm, which the New audit
dialog starts with), the folders file dialogs open in, and the language of reports; and the About box.

Kept in the data folder: the language and the report language with QSettings (`ui-settings.ini`,
`i18n.settings`), the auditor in `ui-auditor.json` (`auditor_memory`), the folders in
`ui-folders.json` (`file_folders`). A new language shows at the next start (the dialog says so).
"""

from __future__ import annotations

import html
import os
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor_app.logs import current_log_path, log_path
from auditor_app.ui import auditor_memory, file_folders, i18n

FOLDER_KINDS = (
    ("photos", i18n.QT_TRANSLATE_NOOP("SettingsDialog", "Photos")),
    ("roster", i18n.QT_TRANSLATE_NOOP("SettingsDialog", "Worker rosters")),
    ("call_list", i18n.QT_TRANSLATE_NOOP("SettingsDialog", "Printed call lists")),
    ("package", i18n.QT_TRANSLATE_NOOP("SettingsDialog", "Audit packages (.escp)")),
    ("report", i18n.QT_TRANSLATE_NOOP("SettingsDialog", "Reports (PDF)")),
)


def app_version() -> str:
    try:
        return metadata.version("auditor_app")
    except metadata.PackageNotFoundError:
        try:
            from auditor_app import __version__  # type: ignore[attr-defined]

            return str(__version__)
        except ImportError:
            return "?"


class SettingsDialog(QDialog):
    def __init__(self, data_root: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.data_root = Path(data_root)
        self.setWindowTitle(self.tr("Settings"))
        self.stored = i18n.settings(self.data_root)

        # ---- language ----
        self.language = QComboBox()
        self.language.setObjectName("settings-language")
        self.language.addItem(self.tr("As the system (%1)").replace("%1", self._name(i18n.system_language())), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        chosen = i18n.normalize(str(self.stored.value(i18n.LANGUAGE_KEY, "") or ""))
        self.language.setCurrentIndex(max(self.language.findData(chosen), 0))
        self.restart_note = QLabel(self.tr("A new language shows the next time the app starts."))
        self.restart_note.setWordWrap(True)
        self.restart_note.setStyleSheet("color: palette(dark);")
        if os.environ.get(i18n.ENV_VAR):
            self.restart_note.setText(self.restart_note.text() + " " + self.tr(
                "This start follows AUDITOR_APP_LANG={value}.").format(value=os.environ[i18n.ENV_VAR]))
        self.report_language = QComboBox()
        self.report_language.setObjectName("settings-report-language")
        for code, label in (("en", self.tr("English")), ("zh", self.tr("Chinese")),
                            ("both", self.tr("Both (English and Chinese)"))):
            self.report_language.addItem(label, code)
        self.report_language.setCurrentIndex(max(self.report_language.findData(i18n.report_language(data_root)), 0))
        language_box = QGroupBox(self.tr("Language"))
        language_form = QFormLayout(language_box)
        language_form.addRow(self.tr("&Window"), self.language)
        language_form.addRow(self.restart_note)
        language_form.addRow(self.tr("&Reports"), self.report_language)

        # ---- who audits ----
        memory = auditor_memory.recall(self.data_root)
        self.auditor = QLineEdit(memory.get("lead", ""))
        self.auditor.setObjectName("settings-auditor")
        self.auditor.setPlaceholderText(self.tr("The lead auditor a new audit starts with"))
        self.firm = QLineEdit(memory.get("firm", ""))
        self.firm.setObjectName("settings-firm")
        self.firm.setPlaceholderText(self.tr("The audit firm a new audit starts with"))
        auditor_box = QGroupBox(self.tr("Auditor"))
        auditor_form = QFormLayout(auditor_box)
        auditor_form.addRow(self.tr("&Name"), self.auditor)
        auditor_form.addRow(self.tr("Audit &firm"), self.firm)

        # ---- folders ----
        folders_box = QGroupBox(self.tr("Folders file dialogs open in"))
        folders_form = QFormLayout(folders_box)
        self.folders: dict[str, QLineEdit] = {}
        for kind, label in FOLDER_KINDS:
            edit = QLineEdit(file_folders.start_folder(self.data_root, kind))
            edit.setObjectName(f"settings-folder-{kind}")
            browse = QPushButton(self.tr("Choose…"))
            browse.clicked.connect(lambda _=False, e=edit: self._browse(e))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(browse)
            folders_form.addRow(self.tr(label), row)
            self.folders[kind] = edit

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (language_box, auditor_box, folders_box):
            layout.addWidget(box)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _name(self, language: str) -> str:
        return "简体中文" if language == "zh_CN" else "English"

    def _browse(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), edit.text())
        if folder:
            edit.setText(folder)

    def save(self) -> None:
        """Store every setting (OK does this)."""
        self.stored.setValue(i18n.LANGUAGE_KEY, self.language.currentData() or "")
        self.stored.setValue(i18n.REPORT_LANGUAGE_KEY, self.report_language.currentData())
        self.stored.sync()
        auditor_memory.remember_names(self.data_root, self.auditor.text(), self.firm.text())
        for kind, edit in self.folders.items():
            text = edit.text().strip()
            if text and Path(text).is_dir() and text != file_folders.start_folder(self.data_root, kind):
                file_folders.remember_folder(self.data_root, kind, text)

    def accept(self) -> None:
        self.save()
        super().accept()


def about_text(data_root: Path) -> str:
    log = current_log_path() or log_path(data_root)
    rows = ((i18n.translate("AboutBox", "Version"), app_version()),
            (i18n.translate("AboutBox", "Data folder"), str(data_root)),
            (i18n.translate("AboutBox", "Log file"), str(log)))
    table = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
                    for k, v in rows)
    title = i18n.translate("AboutBox", "ESCP Field Auditor")
    what = i18n.translate("AboutBox", "Audits for the Ethical Supply Chain Program, on site and offline.")
    return f"<h3>{title}</h3><p>{what}</p><table>{table}</table>"


def about_box(parent: QWidget, data_root: Path) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("about-box")
    box.setWindowTitle(i18n.translate("AboutBox", "About ESCP Field Auditor"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(Path(data_root)))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box
