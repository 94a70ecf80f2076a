"""The window in Simplified Chinese: the catalogue is complete and compiled, the language is chosen as
documented (AUDITOR_APP_LANG, then Settings, then the system), and a walk through the demo audit in
Chinese finds no English word on screen that is not data (factory names, codes, the demo's English
records) or a fixed name (ESCP, CAP, PDF, SHA-256, Connect)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QTabBar,
    QTextBrowser,
    QTreeWidget,
)

from auditor_app.resources import resources_dir
from auditor_app.store.vocab import STAGES
from auditor_app.ui import i18n

I18N = resources_dir() / "i18n"
CATALOGUES = ("auditor_app_zh_CN", "auditor_app_en")
BIN = Path(sys.executable).parent
UI = Path(__file__).resolve().parents[2] / "auditor_app" / "ui"
PLACEHOLDER = re.compile(r"\{\w*\}|%n|%\d|%s")

# Words that stay as they are in the Chinese window: names, units, file formats, keys.
ALLOWED = {
    "ESCP", "CAP", "PDF", "SHA", "Connect", "DRAFT", "UTC", "ID", "CSV", "XLSX", "escp", "csv", "txt", "xlsx",
    "pdf", "jpg", "jpeg", "png", "heic", "tif", "tiff", "Ctrl", "Shift", "Alt", "Enter", "Backspace", "Del",
    "PgUp", "PgDown", "Esc", "YYYY", "MM", "DD", "AUDITOR_APP_LANG", "PV", "English",
}


def _ts_messages(name: str):
    tree = ET.parse(I18N / f"{name}.ts")
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


# ---- the catalogue ----

@pytest.mark.parametrize("name", CATALOGUES)
def test_every_message_is_translated(name):
    problems = []
    for context, message in _ts_messages(name):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] if message.get("numerus") == "yes" \
            else [translation.text or ""]
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not all(f.strip() for f in forms):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for form in forms:
            if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {form!r}: the placeholders differ")
            if re.search(r"&\w", source) and not re.search(r"&\w", form):
                problems.append(f"{context}: {source!r} -> {form!r}: the mnemonic (&) is lost")
    assert problems == []


def test_the_catalogue_holds_every_text_of_the_code(tmp_path):
    """lupdate over auditor_app/ui finds nothing new: no tr() without its Chinese (`make translations`)."""
    copy = tmp_path / "check.ts"
    shutil.copy(I18N / "auditor_app_zh_CN.ts", copy)
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    out = subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources,
                          "-ts", str(copy)], capture_output=True, text=True, check=True).stdout
    assert "(0 new and" in out, out
    assert 'type="unfinished"' not in copy.read_text(encoding="utf-8"), "run make translations and translate"


@pytest.mark.parametrize("name", CATALOGUES)
def test_the_compiled_catalogue_is_that_of_the_source(tmp_path, name):
    """The .qm checked in is exactly what pyside6-lrelease makes of the .ts (`make translations`)."""
    fresh = tmp_path / f"{name}.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(I18N / f"{name}.ts"), "-qm", str(fresh)],
                   check=True, capture_output=True)
    assert (I18N / f"{name}.qm").read_bytes() == fresh.read_bytes(), f"{name}.qm is stale: make translations"


# ---- choosing the language ----

def test_the_language_comes_from_the_variable_then_settings_then_the_system(tmp_path, monkeypatch):
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    assert i18n.chosen_language(tmp_path) == "en"
    stored = i18n.settings(tmp_path)
    stored.setValue(i18n.LANGUAGE_KEY, "zh_CN")
    stored.sync()
    assert i18n.chosen_language(tmp_path) == "zh_CN"
    monkeypatch.setenv(i18n.ENV_VAR, "en_US.UTF-8")
    assert i18n.chosen_language(tmp_path) == "en"
    monkeypatch.setenv(i18n.ENV_VAR, "zh")
    assert i18n.chosen_language(None) == "zh_CN"


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


def test_qt_own_buttons_are_chinese(chinese):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text() for b in box.buttons()}
    box.deleteLater()
    assert any("取消" in t for t in texts), texts


def test_english_plurals(qapp):
    from auditor_app.ui.audit_list import AuditList

    assert AuditList.tr("{shown} of %n audit(s)", "", 1).format(shown=1) == "1 of 1 audit"
    assert AuditList.tr("{shown} of %n audit(s)", "", 3).format(shown=0) == "0 of 3 audits"


# ---- the Chinese window on the demo audit ----

def _strip(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text or "").replace("&nbsp;", " ")


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) of what a person reads: labels, buttons, group titles, tabs, menus, headers, lists."""
    found: list[tuple[str, str]] = []

    def shown(widget) -> bool:
        return widget.isVisibleTo(window) and widget.isVisible() and not widget.property("core_message")

    for label in window.findChildren(QLabel):
        if shown(label):
            found.append((f"label {label.objectName()}", _strip(label.text())))
    for button in window.findChildren(QAbstractButton):
        if shown(button):
            found.append((f"button {button.objectName()}", button.text()))
    for browser in window.findChildren(QTextBrowser):  # the checklist's guidance
        if shown(browser):
            found.append((f"text {browser.objectName()}", browser.toPlainText()))
    for box in window.findChildren(QGroupBox):
        if shown(box):
            found.append(("group", box.title()))
    for bar in window.findChildren(QTabBar):
        if shown(bar):
            found.extend(("tab", bar.tabText(i)) for i in range(bar.count()) if bar.isTabVisible(i))
    for combo in window.findChildren(QComboBox):
        if shown(combo) and not combo.isEditable():
            found.append(("combo", combo.currentText()))
    for view in window.findChildren(QAbstractItemView):
        if not shown(view):
            continue
        model = view.model()
        header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
        if header is not None and header().isVisible():
            found.extend(("header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                         for c in range(model.columnCount()))
        if isinstance(view, (QListWidget, QTreeWidget)) and view.objectName() in ("stage-rail",):
            found.extend(("rail", view.item(i).text()) for i in range(view.count()))
    for action in window.menuBar().actions():
        found.append(("menu", action.text()))
        if action.menu() is not None:
            found.extend(("menu item", a.text()) for a in action.menu().actions() if not a.isSeparator())
    return found


def english_words(text: str, allowed: set[str]) -> list[str]:
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]", text)
    return [w for w in words if w not in allowed and w.strip("-") not in allowed and len(w) > 1]


FREE_TEXT = {"description", "notes", "observations", "quotes", "text", "root_cause", "corrective_action",
             "preventive_action", "factory_comment", "caption", "disagreements", "verification_method",
             "auditor_verification", "frequency", "note", "explained", "details", "result", "events"}


def data_words(store, audit_id: str) -> set[str]:
    """Every word of the demo audit's own records (factory names, the demo's English findings and notes)."""
    from auditor_app.package.document import audit_document

    with store.session(read_only=True) as session:
        document = audit_document(session, audit_id)
    words: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            words.update(re.findall(r"[A-Za-z][A-Za-z'’\-]*", value))
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in FREE_TEXT:  # names, codes, places, departments: not sentences, whose words
                    walk(v)             # would let English UI text through

        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(document)
    for path in (resources_dir() / "demo").iterdir():  # the demo roster's file name, as imported
        words.update(re.findall(r"[A-Za-z][A-Za-z'’\-]*", path.stem))
    return words


@pytest.fixture
def demo_window(store, qtbot, chinese):
    from auditor_app.demo import ensure_demo
    from auditor_app.ui.main_window import MainWindow

    audit_id = ensure_demo(store)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win, audit_id


def _leftovers(window, allowed) -> list[str]:
    QApplication.processEvents()
    out = []
    for where, text in visible_texts(window):
        words = english_words(text, allowed)
        if words:
            out.append(f"{where}: {text!r} -> {words}")
    return out


def test_the_chinese_window_shows_no_english_but_data(demo_window, store, qtbot):
    window, audit_id = demo_window
    allowed = ALLOWED | data_words(store, audit_id)
    found = {"list": _leftovers(window, allowed)}
    window.open_audit(audit_id)
    qtbot.waitUntil(lambda: window.audit_view is not None)
    for stage in STAGES:
        window.audit_view.show_stage(stage)
        qtbot.wait(50)
        found[stage] = _leftovers(window, allowed)
    report = "\n".join(f"{where}: {line}" for where, texts in found.items() for line in texts)
    assert not report, "English left on screen:\n" + report


def test_the_collector_sees_english(demo_window, store):
    """The check above can fail: an English label on screen is reported."""
    window, audit_id = demo_window
    label = QLabel("Unexpected English here", window.centralWidget())
    label.show()
    try:
        assert any("Unexpected" in line for line in _leftovers(window, ALLOWED))
    finally:
        label.deleteLater()


# ---- Settings and About ----

def test_settings_are_stored_in_the_data_folder(window, store, qtbot, monkeypatch, tmp_path):
    from auditor_app.ui import auditor_memory, file_folders

    root = store.folder.root
    dialog = window.show_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.report_language.setCurrentIndex(dialog.report_language.findData("both"))
    dialog.auditor.setText("李娜")
    dialog.firm.setText("Example Audits Ltd")
    photos = tmp_path / "camera card"
    photos.mkdir()
    dialog.folders["photos"].setText(str(photos))
    dialog.accept()
    stored = i18n.settings(root)
    assert stored.value(i18n.LANGUAGE_KEY) == "zh_CN"
    assert stored.value(i18n.REPORT_LANGUAGE_KEY) == "both"
    assert auditor_memory.recall(root) == {"lead": "李娜", "firm": "Example Audits Ltd"}
    assert file_folders.start_folder(root, "photos") == str(photos)
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    assert i18n.chosen_language(root) == "zh_CN"  # at the next start
    again = window.show_settings()
    assert again.language.currentData() == "zh_CN" and again.report_language.currentData() == "both"
    assert "next time the app starts" in again.restart_note.text()
    again.reject()


def test_the_about_box_names_version_data_folder_and_log(window, store):
    from auditor_app.ui.settings_dialog import app_version

    box = window.show_about()
    text = box.text()
    box.close()
    assert app_version() in text and str(store.folder.root) in text and "auditor-app.log" in text


def test_state_badges_are_coloured_by_code_not_by_the_word_shown(window, make_audit, chinese):
    from auditor_app.ui.audit_list import BADGE_KEY_ROLE

    make_audit()
    window.audit_list.reload()
    index = window.audit_list.model.index(0, 2)
    assert index.data() == "草稿" and index.data(BADGE_KEY_ROLE) == "draft"
