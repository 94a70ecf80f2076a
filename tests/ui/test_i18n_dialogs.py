"""The dialogs in Simplified Chinese: each is opened on the demo audit with the Chinese catalogue and
read like the stage walk of test_i18n.py reads the window (titles, labels, buttons, tabs, every item of
a list, headers, placeholders, tool tips, error lines): no English word is left that is not data or a
fixed name. The sentences the core makes for them (New audit problems, refused changes) come in
Chinese too."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTableWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)
import test_i18n
from test_i18n import ALLOWED, _strip, data_words, english_words

# The fixtures of the stage walk: the Chinese catalogue, and the main window on the demo audit.
chinese = test_i18n.chinese
demo_window = test_i18n.demo_window

# Words of these dialogs that stay as written in Chinese: key names, the zoom level.
DIALOG_ALLOWED = ALLOWED | {"px", "MB", "Left", "Right", "https", "connect", "example", "org", "ISO", "IAA", "SAA",
                            "FA", "DR", "TR", "CN", "VN", "IN", "TH", "MY", "KH", "BD", "PH", "MX", "BR",
                            "LK", "US", "Field", "Auditor", "log", "auditor-app", "sync"}
# Labels that show what the auditor typed (a photo's caption): data, whatever its language.
AUDITORS_WORDS = {"photo-caption"}


def dialog_texts(dialog: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person reads in `dialog`, visible or a tab/list/combo away."""
    found = [("title", dialog.windowTitle())]
    if isinstance(dialog, QMessageBox):
        found += [("message", dialog.text()), ("informative", dialog.informativeText())]
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and not label.property("core_message") and label.objectName() not in AUDITORS_WORDS:
            found.append((f"label {label.objectName()}", _strip(label.text())))
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisibleTo(dialog):
            found.append(("button", button.text()))
    for box in dialog.findChildren(QGroupBox):
        found.append(("group", box.title()))
    for tabs in dialog.findChildren(QTabWidget):
        found += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    for combo in dialog.findChildren(QComboBox):
        found += [("combo item", combo.itemText(i)) for i in range(combo.count())]
    for edit in dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit):
        found.append(("placeholder", edit.placeholderText()))
    for spin in dialog.findChildren(QAbstractSpinBox):
        found.append(("suffix", getattr(spin, "suffix", lambda: "")()))
    for widget in dialog.findChildren(QWidget) + [dialog]:
        if widget.toolTip():
            found.append((f"tip {type(widget).__name__}", _strip(widget.toolTip())))
    for view in dialog.findChildren(QAbstractItemView):
        model = view.model()
        if isinstance(view, QTableWidget) or (isinstance(view, QTreeWidget) and not view.isHeaderHidden()):
            found += [("header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount())]
        if isinstance(view, QListWidget):
            found += [("list", view.item(i).text()) for i in range(view.count())]
        if isinstance(view, QTreeWidget):
            it = QTreeWidgetItemIterator(view)
            while it.value():
                found.append(("tree", it.value().text(0)))
                it += 1
    return [(where, text) for where, text in found if text]


def leftovers(dialog: QWidget, allowed: set[str]) -> list[str]:
    QApplication.processEvents()
    out = []
    for where, text in dialog_texts(dialog):
        words = english_words(text, allowed)
        if words:
            out.append(f"{where}: {text!r} -> {words}")
    return out


def open_dialogs(window, audit_id: str, qtbot):
    """(name, dialog) of every dialog and panel of the window, opened on `audit_id` (the demo audit);
    the caller reads each before the next one is opened (and closed)."""
    from auditor_app.store.models import Evidence
    from auditor_app.ui.photo_viewer import PhotoViewer
    from auditor_app.ui.recovery import Recovery
    from auditor_app.ui.i18n import translate
    from auditor_app.ui.replace_dialog import ReplaceDialog

    window.new_audit()
    qtbot.waitUntil(lambda: window.new_audit_dialog is not None and window.new_audit_dialog.isVisible())
    new = window.new_audit_dialog
    new.name.setText(" ")
    new.male.setValue(0)
    new.show_problems(new.problems())  # the errors under the fields, in Chinese
    yield "new-audit-factory", new
    new.tabs.setCurrentIndex(1)
    yield "new-audit-audit", new
    new.name.clear()
    new.reject()

    connect = window.connect_actions.open_settings()
    qtbot.waitUntil(lambda: connect.sign_in_button.isEnabled())
    yield "connect", connect
    connect.reject()

    panel = window.connect_actions.open_panel()
    yield "sync-panel", panel
    panel.close()

    settings = window.show_settings()
    yield "settings", settings
    settings.reject()

    window.open_audit(audit_id)
    qtbot.waitUntil(lambda: window.audit_view is not None)
    view = window.audit_view
    closing = view.pages["closing"]
    view.show_stage("closing")
    closing.show_gaps()
    qtbot.waitUntil(lambda: closing.gaps_dialog.state is not None, timeout=20_000)
    yield "gaps", closing.gaps_dialog
    closing.gaps_dialog.reject()

    photos = view.ctx.read(lambda s: [e.id for e in s.query(Evidence).filter_by(audit_id=audit_id).all()])
    viewer = PhotoViewer(view.ctx, photos, 0, window)
    viewer.open()
    yield "photo-viewer", viewer
    viewer.accept()
    viewer.deleteLater()

    replace = ReplaceDialog("W-03", "W-03: 王芳 (E1042), 注塑, 白班.", window)
    replace.open()
    yield "replace-worker", replace
    replace.reject()
    replace.deleteLater()

    recovery = Recovery(window, window.ops)
    label = translate("OpeningPage", "Attendees of the opening meeting")  # as the opening page keeps it
    recovery.lines = [recovery.tr("{label}: saved.").format(label=label)]
    recovery._tell()
    yield "typing-recovered", recovery.message
    recovery.message.close()

    bar = window.findChild(QToolBar, "zt-alert-bar")
    bar.offer(["2.1.1"])
    yield "zt-alert-bar", bar
    bar.hide()


def test_every_dialog_in_chinese_shows_no_english_but_data(demo_window, store, qtbot):
    window, audit_id = demo_window
    from auditor_app.store.vocab import AUDIT_TYPES

    allowed = DIALOG_ALLOWED | set(AUDIT_TYPES) | data_words(store, audit_id)
    found = {}
    for name, dialog in open_dialogs(window, audit_id, qtbot):
        found[name] = leftovers(dialog, allowed)
        assert any(re.search(r"[\u4e00-\u9fff]", text) for _w, text in dialog_texts(dialog)), name
    report = "\n".join(f"{name}: {line}" for name, lines in found.items() for line in lines)
    assert not report, "English left in the dialogs:\n" + report
    assert set(found) >= {"new-audit-factory", "new-audit-audit", "connect", "sync-panel", "settings", "gaps",
                          "photo-viewer", "replace-worker", "typing-recovered", "zt-alert-bar"}


def test_the_dialog_collector_sees_english(demo_window):
    """The check above can fail: English in a dialog's combo box and tool tip is reported."""
    from auditor_app.ui.replace_dialog import ReplaceDialog

    window, _audit_id = demo_window
    dialog = ReplaceDialog("W-01", "", window)
    combo = QComboBox(dialog)
    combo.addItem("Unexpected English")
    dialog.note.setToolTip("More English")
    try:
        lines = leftovers(dialog, DIALOG_ALLOWED)
        assert any("Unexpected" in line for line in lines) and any("More" in line for line in lines)
    finally:
        dialog.deleteLater()


def test_core_sentences_of_the_dialogs_are_chinese(chinese):
    """A refused change and the crash note reach the auditor in the window's language; logs keep English."""
    from auditor_app.audits.creation import new_audit_problems
    from auditor_app.audits.gaps import close_gaps
    from auditor_app.audits.operation import InvalidChange
    from auditor_app.ui.crash_handler import crash_message
    from auditor_app.ui.operations import error_text

    with pytest.raises(InvalidChange) as refused:
        close_gaps(None, "a1", ["k"], "other", "")
    text, _hint = error_text(refused.value)
    assert text == "原因为“其他”时，请在备注中说明原因" and "say why" in str(refused.value)
    problems = new_audit_problems(audit_type="IAA", factory={"name": ""}, team=[])
    assert {k: english_words(p.render("zh"), ALLOWED) for k, p in problems.items()} == {
        "name": [], "headcount": [], "team": []}
    for line in crash_message(ValueError):
        assert not english_words(line, DIALOG_ALLOWED | {"ValueError"}), line
