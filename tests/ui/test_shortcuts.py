"""No two actions share a key: every shortcut live in the window, in the list and at each stage.

A key bound twice where both are live is ambiguous to Qt, which then runs neither (Ctrl+I did
nothing on the Evidence page while File > Import package held it too).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from auditor_app.store.vocab import STAGES

WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def live_shortcuts(window: QWidget) -> dict[str, list[tuple[str, QWidget | None, Qt.ShortcutContext]]]:
    """Key -> (what it runs, the widget it is scoped to, its context) for every binding live now."""
    bound: dict[str, list[tuple[str, QWidget | None, Qt.ShortcutContext]]] = defaultdict(list)

    def add(sequence: QKeySequence, what: str, scope: QWidget | None, context: Qt.ShortcutContext) -> None:
        if not sequence.isEmpty():
            bound[sequence.toString(QKeySequence.SequenceFormat.PortableText)].append((what, scope, context))

    for action in window.findChildren(QAction):
        if action.isEnabled():
            for sequence in action.shortcuts():
                add(sequence, f"action {action.text()!r}", None, Qt.ShortcutContext.WindowShortcut)
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and isinstance(parent, QWidget) and parent.isVisible():
            for sequence in shortcut.keys():
                add(sequence, f"shortcut on {parent.objectName() or type(parent).__name__}", parent,
                    shortcut.context())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.isEnabled():
            add(button.shortcut(), f"button {button.text()!r}", button, Qt.ShortcutContext.WindowShortcut)
    return bound


def _covers(scope: QWidget, context: Qt.ShortcutContext, other: QWidget) -> bool:
    """Whether a binding scoped to `scope` is live while the focus is in `other`."""
    if context in WINDOW_WIDE:
        return True
    if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
        return scope is other or scope.isAncestorOf(other)
    return scope is other


def _live_together(a, b) -> bool:
    (_, scope_a, context_a), (_, scope_b, context_b) = a, b
    if context_a in WINDOW_WIDE or context_b in WINDOW_WIDE:
        return True
    return _covers(scope_a, context_a, scope_b) or _covers(scope_b, context_b, scope_a)


def clashes(window: QWidget) -> dict[str, list[str]]:
    found = {}
    for key, users in live_shortcuts(window).items():
        pairs = [(a[0], b[0]) for i, a in enumerate(users) for b in users[i + 1:] if _live_together(a, b)]
        if pairs:
            found[key] = pairs
    return found


def test_no_key_is_bound_twice_in_the_list_or_at_any_stage(window, qtbot, make_audit):
    audit_id = make_audit()
    window.show_list()
    found = {"list": clashes(window)}
    window.open_audit(audit_id)
    qtbot.waitUntil(lambda: window.audit_view is not None)
    for stage in STAGES:
        window.audit_view.show_stage(stage)
        qtbot.wait(10)
        found[stage] = clashes(window)
    assert {where: keys for where, keys in found.items() if keys} == {}


def test_the_collector_sees_a_clash(window, qtbot):
    """The check above can fail: two live bindings of one key are reported."""
    window.show_list()
    extra = QShortcut(QKeySequence("Ctrl+N"), window)
    try:
        assert "Ctrl+N" in clashes(window)
    finally:
        extra.setParent(None)
        extra.deleteLater()


def test_ctrl_i_imports_photos_on_the_evidence_page(window, qtbot, make_audit, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (asked.append("photos") or ([], "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (asked.append("package") or ("", "")))
    window.open_audit(make_audit())
    qtbot.waitUntil(lambda: window.audit_view is not None)
    window.audit_view.show_stage("evidence")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    evidence = window.audit_view.pages["evidence"]
    evidence.import_button.setFocus()  # an empty audit shows no grid yet
    qtbot.keyClick(evidence.import_button, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["photos"]
