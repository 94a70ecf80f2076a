"""No English words handed to a widget outside tr(): a walk over the syntax trees of auditor_app/ui.

Every string literal passed to a call that puts text on screen (setText, setWindowTitle, QLabel,
QPushButton, addAction, setToolTip, setPlaceholderText, QMessageBox ..., show_status, show_error) must
come through `tr()` / `translate()` / a label helper. Literals that hold no word (HTML tags, ×, "100 %",
separators) pass; so do dictionary keys and format values. A few known exceptions are listed with
their reason."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "auditor_app" / "ui"

# Calls whose arguments are shown to the auditor.
SHOWN = {
    "setText", "setWindowTitle", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton",
    "QAction", "addAction", "addMenu", "addTab", "setTabText", "setTitle", "setToolTip", "setStatusTip",
    "setPlaceholderText", "setInformativeText", "setDetailedText", "setFormat", "setSuffix", "setPrefix",
    "setHorizontalHeaderLabels", "setHeaderLabels", "addRow", "showMessage", "show_status", "show_error",
    "QTableWidgetItem", "QTreeWidgetItem", "QListWidgetItem", "addItem", "addItems", "setItemText",
    "getSaveFileName", "getOpenFileName", "getOpenFileNames", "getExistingDirectory",
}
MESSAGE_BOX = {"QMessageBox", "information", "warning", "critical", "question", "about"}
# The functions through which shown text is translated (the literals inside them are lupdate's business).
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP"}
# Arguments that are data, not text: addItem(text, data), format keys, dictionary lookups.
NOT_TEXT_CALLS = {"get", "setData", "findData", "format", "setObjectName", "setProperty", "getattr", "join",
                  "startswith", "endswith", "strftime", "isoformat", "split", "replace", "removesuffix"}
WORD = re.compile(r"[A-Za-z]{2,}")
# HTML around translated text, whole or cut by an f-string: tags, styles, entities, colours.
MARKUP = re.compile(r"</?\w+[^>]*>?|\bstyle='[^']*'?|\bcolou?r:|&\w+;|#[0-9A-Fa-f]{3,6}\b|'>")

# Files another engineer owns (their strings are theirs to translate).
NOT_OURS = {"report_export.py"}
# file:literal -> why it may stay as it is.
ALLOWED = {
    "settings_dialog.py:English": "the name of the language in itself (its Chinese twin is 简体中文)",
    "photo_viewer.py:100 % (1)": "a zoom level and its key",
    "pages/evidence.py:SHA-256 ": "the name of the hash",
}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _receiver(func: ast.expr) -> str:
    return _name(func.value) if isinstance(func, ast.Attribute) else ""


def _shown_literals(node: ast.AST) -> list[ast.Constant]:
    """String constants of an argument that end up on screen: not inside tr(), not keys or data."""
    found: list[ast.Constant] = []

    def walk(n: ast.AST) -> None:
        if isinstance(n, ast.Call):
            name = _name(n.func)
            if name in TRANSLATING or name.endswith("_label") or name.endswith("_text"):
                return
            if name in NOT_TEXT_CALLS and isinstance(n.func, ast.Attribute):
                walk(n.func.value)  # "…".format(...), text.replace(...): the text is the receiver
            return  # any other call computes its text (its arguments are keys and values)
        if isinstance(n, ast.Subscript):
            walk(n.value)
            return
        if isinstance(n, ast.Compare):  # a condition, not text
            return
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            found.append(n)
            return
        for child in ast.iter_child_nodes(n):
            walk(child)

    walk(node)
    return found


def english_literals(source: str, filename: str) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in MESSAGE_BOX and name != "QMessageBox" and _receiver(node.func) != "QMessageBox":
            continue  # log.warning(...), not a message box
        if name not in SHOWN and name not in MESSAGE_BOX:
            continue
        args = list(node.args)
        if name == "addItem" and len(args) >= 2 and not isinstance(args[0], ast.Constant):
            args = args[:1]  # addItem(text, data): the data is not shown
        if name == "addItem" and len(args) >= 2 and isinstance(args[0], ast.Constant):
            args = args[:1]
        for arg in args:
            for literal in _shown_literals(arg):
                text = literal.value
                plain = MARKUP.sub(" ", text)
                if WORD.search(plain) and f"{filename}:{text}" not in ALLOWED:
                    out.append(f"{filename}:{literal.lineno}: {name}({text!r})")
    return out


def test_no_english_literal_reaches_a_widget():
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.relative_to(UI).as_posix() in NOT_OURS:
            continue
        found += english_literals(path.read_text(encoding="utf-8"), path.relative_to(UI).as_posix())
    assert found == [], "text shown without tr():\n" + "\n".join(found)


def test_the_walk_finds_english():
    """The check above can fail: literals passed straight, in f-strings and message boxes are found;
    translated ones, data and markup are not."""
    source = '''
label.setText("Photo imported")
label.setText(f"{count} photos imported")
QMessageBox.warning(self, self.tr("Title"), "Something broke")
box = QLabel(self.tr("Fine") + "<br/>")
combo.addItem(self.tr("Yes"), "yes")
log.warning("not shown: %s", error)
button.setToolTip(names.get("key", ""))
'''
    found = english_literals(source, "x.py")
    assert [line.split(": ", 1)[1] for line in found] == [
        "setText('Photo imported')", "setText(' photos imported')", "warning('Something broke')"]
