"""The window at start shows the audit list read without the ORM, before the store is open
(`MainWindow(None, folder=..., start_rows=...)`), then takes the store (`attach`). What the auditor asks
for meanwhile is done once the store is there, not lost."""

from __future__ import annotations

from PySide6.QtCore import Qt

from auditor_app.store.start_list import read_start_list
from auditor_app.ui.main_window import MainWindow


def _window(store, qtbot) -> MainWindow:
    win = MainWindow(None, folder=store.folder, start_rows=read_start_list(store.folder))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def test_the_list_shows_before_the_store_and_fills_in_after(store, make_audit, qtbot):
    first = make_audit(name="Bright Star Toys Ltd")
    make_audit("PV", name="Happy Panda Toys Co.")
    win = _window(store, qtbot)
    listed = win.audit_list
    assert win.store is None and listed.model.rowCount() == 2
    assert {r.factory_name for r in listed.model.rows} == {"Bright Star Toys Ltd", "Happy Panda Toys Co."}
    assert listed.model.index(0, 3).data() == "not queued"  # badges come with the store
    assert not listed.search.isEnabled() and not listed.state_filter.isEnabled()  # the search needs the store
    assert win.open_button.isEnabled()  # a row is selected: it can be asked for already
    assert not {"no_audits", "no_match"} & set(vars(listed))  # the empty states wait until one is needed

    win.attach(store)
    assert win.store is store and win.ops is not None and win.report_exporter is not None
    assert listed.search.isEnabled() and listed.model.rowCount() == 2
    assert set(listed.model.badges) == {r.id for r in listed.model.rows}
    assert "&Connect" in [a.text() for a in win.menuBar().actions()]  # Connect's menu comes with the store
    qtbot.keyClicks(listed.search, "bright")
    qtbot.waitUntil(lambda: listed.model.rowCount() == 1)
    assert listed.model.rows[0].id == first


def test_an_audit_opened_before_the_store_opens_once_it_is_there(store, make_audit, qtbot):
    audit_id = make_audit(name="Bright Star Toys Ltd")
    win = _window(store, qtbot)
    win.activateWindow()
    win.audit_list.table.setFocus()
    qtbot.waitUntil(win.audit_list.table.hasFocus)
    qtbot.keyClick(win.audit_list.table, Qt.Key.Key_Return)  # Enter on the selected row, as an auditor would
    assert win.audit_view is None and win.statusBar().currentMessage() == "Opening the audits…"
    win.attach(store)
    assert win.audit_view is not None and win.audit_view.audit_id == audit_id
    assert win.statusBar().currentMessage() == ""


def test_closing_before_the_store_is_open_keeps_nothing_half_done(store, make_audit, qtbot):
    make_audit(name="Bright Star Toys Ltd")
    win = _window(store, qtbot)
    win.close()  # no operations to close yet, the geometry and a clean exit are kept
    from auditor_app.ui.resume import load_state

    win.resume_keeper.close()
    assert load_state(store.folder).clean_exit


def test_after_a_crash_an_audit_asked_for_before_the_store_is_not_replaced(store, make_audit, qtbot):
    # The app stopped in one audit; at the next start the auditor asks for another before the store is open.
    from auditor_app.ui.resume import ResumeState, save_state

    crashed_in = make_audit(name="Bright Star Toys Ltd")
    wanted = make_audit(name="Happy Panda Toys Co.")
    save_state(store.folder, ResumeState(crashed_in, "tour", clean_exit=False))
    win = _window(store, qtbot)
    win.open_audit(wanted)
    win.attach(store)
    assert win.audit_view.audit_id == wanted
    assert not win.resume_last_session()  # what `_store_ready` does next: the auditor's choice stays
    assert win.audit_view.audit_id == wanted
    assert "you had already asked" in win.statusBar().currentMessage()


def test_after_a_crash_with_nothing_asked_for_the_audit_is_reopened(store, make_audit, qtbot):
    from auditor_app.ui.resume import ResumeState, save_state

    crashed_in = make_audit(name="Bright Star Toys Ltd")
    save_state(store.folder, ResumeState(crashed_in, "tour", clean_exit=False))
    win = _window(store, qtbot)
    win.attach(store)
    assert win.resume_last_session()
    assert win.audit_view.audit_id == crashed_in
