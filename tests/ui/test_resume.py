"""After a crash the app reopens the audit and stage the auditor was on; after a clean exit it does not."""

from __future__ import annotations

import json

from auditor_app.ui.main_window import MainWindow
from auditor_app.ui.resume import ResumeState, load_state, save_state, state_path


def new_window(store, qtbot) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window


def test_reopens_audit_and_stage_after_a_crash(qtbot, store, make_audit):
    other = make_audit(name="Other Factory")
    audit_id = make_audit()
    first = new_window(store, qtbot)
    first.open_audit(audit_id)
    first.audit_view.show_stage("documents")
    # What is on disk while the app runs (written off the GUI thread): a crash leaves exactly this behind.
    assert first.resume_keeper.wait()
    crashed = state_path(store.folder).read_text()
    assert json.loads(crashed) == {"audit_id": audit_id, "stage": "documents", "clean_exit": False}
    first.close()
    state_path(store.folder).write_text(crashed)  # the crash: closeEvent never ran

    second = new_window(store, qtbot)
    assert second.resume_last_session()
    assert second.audit_view is not None and second.audit_view.audit_id == audit_id != other
    assert second.audit_view.current_stage() == "documents"
    assert "Reopened where you were" in second.statusBar().currentMessage()


def test_a_clean_exit_shows_the_list_with_the_last_audit_selected(qtbot, store, make_audit):
    audit_id = make_audit()
    make_audit(name="Newer Factory")
    first = new_window(store, qtbot)
    first.open_audit(audit_id)
    first.audit_view.show_stage("tour")
    first.close()
    assert load_state(store.folder) == ResumeState(audit_id, "tour", clean_exit=True)

    second = new_window(store, qtbot)
    assert not second.resume_last_session()
    assert second.audit_view is None
    assert second.audit_list.selected_id() == audit_id


def test_nothing_to_resume_when_the_file_is_damaged_or_the_audit_gone(qtbot, store, make_audit):
    state_path(store.folder).write_text("{not json")
    assert load_state(store.folder) == ResumeState()
    save_state(store.folder, ResumeState("no-such-audit", "opening", clean_exit=False))
    window = new_window(store, qtbot)
    assert not window.resume_last_session()
    assert window.audit_view is None


def test_state_is_written_atomically(store):
    save_state(store.folder, ResumeState("a1", "closing", clean_exit=False))
    save_state(store.folder, ResumeState("a2", "tour", clean_exit=False))
    assert load_state(store.folder) == ResumeState("a2", "tour", clean_exit=False)
    leftovers = [p.name for p in store.folder.root.iterdir() if p.name.startswith(".ui-state-")]
    assert leftovers == []


def test_states_kept_faster_than_the_disk_end_with_the_last(tmp_path):
    from auditor_app.paths import DataFolder
    from auditor_app.ui.resume import StateKeeper

    folder = DataFolder(tmp_path / "data")
    keeper = StateKeeper(folder)
    for n in range(50):
        keeper.keep(ResumeState(f"a{n}", "tour", clean_exit=False))
    assert keeper.wait()
    assert load_state(folder) == ResumeState("a49", "tour", clean_exit=False)
    keeper.keep(ResumeState("a50", "closing", clean_exit=True))
    keeper.close()  # what is waiting is written before the thread ends
    assert load_state(folder) == ResumeState("a50", "closing", clean_exit=True)
    keeper.keep(ResumeState("a51", "opening", clean_exit=True))  # after close: written at once
    assert load_state(folder) == ResumeState("a51", "opening", clean_exit=True)
