"""Connect from the window, clicked like a user against a real server process: sign in, download
assignments, start one, finalize, sync, and the badge says sent; a server that cannot be reached shows
the reason and Retry sends once it is back."""

from __future__ import annotations

from datetime import date

import pytest
from connect_helpers import ServerProcess
from PySide6.QtCore import Qt

from auditor_app.audits.lifecycle import finalize
from auditor_app.sync.protocol import AssignmentIn
from connect_server.admin import find_user
from connect_server.api import add_assignment
from connect_server.blobs import FolderBlobStore

FACTORY = {"name": "Dongguan Happy Toys", "name_local": "东莞快乐玩具厂", "country": "CN",
           "headcount_male": 60, "headcount_female": 90}


@pytest.fixture
def server(tmp_path):
    server = ServerProcess(tmp_path / "server").start()
    yield server
    server.stop()


def _assign(server, login: str) -> None:
    with server.admin() as db:
        auditor = find_user(db, login)
        add_assignment(db, AssignmentIn(auditor_id=auditor.id, audit_type="IAA", factory=FACTORY,
                                        window_start=date(2027, 2, 1), window_end=date(2027, 2, 5)),
                       auditor, FolderBlobStore(server.data / "blobs"))


def _sign_in(window, qtbot, server, token: str) -> None:
    dialog = window.connect_actions.open_settings()
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled())
    assert dialog.status.text() == "This laptop is not signed in to a platform."
    dialog.url.setText(server.url)
    dialog.token.setText(token)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Signed in to"), timeout=20000)
    assert "Pearl River Audits" in dialog.status.text()
    assert dialog.key.text().startswith("Platform key fingerprint: ") and dialog.sign_out_button.isEnabled()
    dialog.close()


def _finalize(store, audit_id: str) -> None:
    from complete_audit import complete_audit

    with store.transaction() as s:
        complete_audit(s, audit_id)
    with store.transaction() as s:  # sealed from the stored rows (see the report on the one-transaction case)
        finalize(s, audit_id, folder=store.folder)


def test_sign_in_start_an_assignment_finalize_and_sync(window, qtbot, server, store):
    login, token = server.user("auditor", "Pearl River Audits")
    _assign(server, login)
    actions = window.connect_actions
    _sign_in(window, qtbot, server, token)

    panel = actions.assignments
    assert not panel.isVisible()
    actions.download_action.trigger()
    qtbot.waitUntil(lambda: panel.isVisible() and panel.table.rowCount() == 1, timeout=20000)
    assert panel.table.item(0, 0).text() == "Dongguan Happy Toys  东莞快乐玩具厂"
    assert panel.table.item(0, 2).text() == "2027-02-01 to 2027-02-05"

    qtbot.mouseClick(panel.start_button(0), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.audit_view is not None, timeout=10000)
    audit_id = window.audit_view.audit_id
    assert window.audit_view.factory_label.toolTip() == "Dongguan Happy Toys  东莞快乐玩具厂"
    qtbot.waitUntil(lambda: not panel.isVisible())  # started: no longer offered
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.count("&Connect") == 1 and menus.count("&Settings") == 1
    window.show_list()
    assert window.audit_list.badge_text(audit_id) == "not queued"

    _finalize(store, audit_id)
    window.audit_list.reload()
    assert window.audit_list.badge_text(audit_id) == "waiting"
    actions.sync_action.trigger()
    qtbot.waitUntil(lambda: actions.panel is not None and actions.panel.isVisible())
    qtbot.waitUntil(lambda: actions.panel.summary.text().startswith("Sent "), timeout=60000)
    assert window.audit_list.badge_text(audit_id).startswith("sent ")
    assert actions.panel.state_text(audit_id).startswith("sent ")
    assert actions.panel.answer_text(audit_id) == "Receipt verified with the platform's key."
    assert actions.panel.summary.text() == "Sent 1, waiting 0, refused 0."
    actions.panel.close()


def test_an_unreachable_platform_shows_the_reason_and_retry_sends(window, qtbot, server, store):
    login, token = server.user("auditor", "Pearl River Audits")
    _sign_in(window, qtbot, server, token)
    audit_id = _started_audit(store)
    _finalize(store, audit_id)
    window.audit_list.reload()

    server.kill()
    panel = window.connect_actions.open_panel(audit_id)
    panel.retries, panel.base_delay = 0, 0.01
    qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.running, timeout=30000)
    assert panel.answer_text(audit_id) == "No connection to the platform (ConnectionError)."
    assert panel.summary.text().startswith("Sent 0, waiting 1, refused 0.")
    window.audit_list.refresh_badges()
    assert window.audit_list.badge_text(audit_id) == "waiting"
    assert panel.retry_button.isEnabled()

    server.start()
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.summary.text() == "Sending…")
    qtbot.waitUntil(lambda: panel.summary.text().startswith("Sent "), timeout=60000)
    assert panel.summary.text() == "Sent 1, waiting 0, refused 0.", panel.answer_text(audit_id)
    assert window.audit_list.badge_text(audit_id).startswith("sent ")
    panel.close()


def _started_audit(store) -> str:
    from auditor_app.audits import create_audit

    with store.transaction() as s:
        return create_audit(s, audit_type="IAA", factory=FACTORY, team=[{"name": "Li Na", "role": "lead auditor"}]).id


def test_a_refusal_shows_the_platform_reason_and_a_failed_badge(window, qtbot, server, store):
    from connect_helpers import Api

    from auditor_app.sync.credentials import load_token, require_link
    from auditor_app.sync.outbox import frozen_manifest
    from auditor_app.sync.status import item_views

    login, token = server.user("auditor", "Pearl River Audits")
    _sign_in(window, qtbot, server, token)
    audit_id = _started_audit(store)
    _finalize(store, audit_id)
    with store.session(read_only=True) as s:
        item_id = item_views(s, audit_id)[0].item_id
    other = dict(frozen_manifest(store, item_id), exported_at="2026-11-20T10:00:00.000Z")  # another body, same id
    api = Api(server.url, load_token(store.folder, require_link(store.folder)))
    answer = api.put(f"/submissions/{audit_id}", json=other)
    assert answer.status_code == 201, answer.text
    window.audit_list.reload()

    qtbot.mouseClick(window.audit_list.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.audit_list.table.visualRect(window.audit_list.model.index(0, 3)).center())
    panel = window.connect_actions.panel
    assert panel is not None and panel.isVisible()
    qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.summary.text().startswith("Sent 0, waiting 0, refused 1."), timeout=30000)
    assert panel.state_text(audit_id) == "failed"
    assert panel.answer_text(audit_id).startswith("Another package of this audit revision was submitted before")
    window.audit_list.refresh_badges()
    assert window.audit_list.badge_text(audit_id) == "failed"
    assert "refused" in window.audit_list.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.retry_button.isEnabled()
    panel.close()


def test_a_zero_tolerance_finding_offers_the_alert_and_its_receipt_is_the_notice(window, qtbot, server, store):
    from auditor_app.audits import add_finding
    from auditor_app.audits.meetings import meeting_of
    from auditor_app.sync.zt_notice import NOTICE_TO

    login, token = server.user("auditor", "Pearl River Audits")
    _sign_in(window, qtbot, server, token)
    qtbot.waitUntil(lambda: window.connect_actions.link is not None)
    audit_id = _started_audit(store)
    bar = window.connect_actions.bar
    assert not bar.isVisible()
    window.ops.writer.run_write(add_finding, audit_id, "2.1.1", grade="zero_tolerance",
                                description="A red envelope in the payroll folder")
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=10000)
    assert "Zero Tolerance finding (2.1.1)" in bar.text.text() and "24 hours" in bar.text.text()
    qtbot.mouseClick(bar.send_button, Qt.MouseButton.LeftButton)
    actions = window.connect_actions
    qtbot.waitUntil(lambda: actions.panel is not None and actions.panel.summary.text().startswith("Sent 1"),
                    timeout=30000)
    panel = actions.panel
    qtbot.waitUntil(lambda: not bar.isVisible())
    with store.session(read_only=True) as s:
        closing = meeting_of(s, audit_id, "closing")
        assert closing.zt_notice_to == NOTICE_TO and closing.zt_notice_at is not None
    window.audit_list.reload()
    assert window.audit_list.badge_text(audit_id) == "not queued"  # the draft itself stays here
    assert "Zero Tolerance alert received by the platform" in window.audit_list.model.index(0, 3).data(
        Qt.ItemDataRole.ToolTipRole)
    panel.close()


def test_an_assignment_without_a_headcount_opens_the_new_audit_dialog_pre_filled(window, qtbot, store):
    from auditor_app.store.models import Audit, FactoryProfile
    from auditor_app.sync.assignments import started_audits

    assignment = {"id": "5d0f2a3e-0000-4000-8000-000000000009", "audit_type": "IAA",
                  "factory": {"name": "Shantou Toys"}, "window_start": "2027-03-01", "window_end": "2027-03-05"}
    window.connect_actions.start_audit(assignment)  # not signed in: no team from the account
    dialog = window.new_audit_dialog
    assert dialog is not None and dialog.windowTitle() == "New audit from a Connect assignment"
    assert dialog.name.text() == "Shantou Toys" and dialog.audit_type.currentData() == "IAA"
    assert dialog.planned_start.date().toPython().isoformat() == "2027-03-01"
    dialog.accept()  # OK: refused, the missing headcount named
    assert dialog.isVisible() and "headcount" in dialog.errors["headcount"].text()
    dialog.male.setValue(40)
    dialog.female.setValue(60)
    dialog.team.setRowCount(0)
    dialog.add_team_member("Li Na", "lead auditor")
    dialog.accept()
    qtbot.waitUntil(lambda: window.audit_view is not None, timeout=10000)
    audit_id = window.audit_view.audit_id
    qtbot.waitUntil(lambda: started_audits(store.folder) == {assignment["id"]: audit_id})
    with store.session(read_only=True) as s:
        assert s.get(Audit, audit_id).planned_end.isoformat() == "2027-03-05"
        assert s.query(FactoryProfile).filter_by(audit_id=audit_id).one().headcount_female == 60
