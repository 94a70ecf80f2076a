"""auditor -> lead -> auditor -> lead through Connect, in two real windows on two data folders (two
laptops, two device keys), each signed in to its own account on a real server process on 127.0.0.1 with
a real PostgreSQL: clicks and typing as a user does; no file changes hands."""

from __future__ import annotations

import pytest
from connect_helpers import Postgres, ServerProcess
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from review_helpers import (AUDITOR, FIRM, LEAD, click_row, click_tree_item, main_window, regrade_sign_and_finalize,
                            wait_loaded)
from test_review_e2e import comment_on, decide, item
from waiting import wait_for_operations

from auditor_app.review.overview import review_status
from auditor_app.ui.audit_list import REVIEW_COLUMN
from auditor_app.ui.i18n import grade_label
from connect_server.models import ReviewRecordEntry, ReviewThread


@pytest.fixture(scope="module")
def postgres():
    pg = Postgres().start()
    yield pg
    pg.stop()


@pytest.fixture
def sealed_audit(auditor_store, monkeypatch) -> str:
    """The demo's sealed audit (real checkpoints) as a real factory's: the demo's never go to a platform."""
    from auditor_app.demo import _signature_png, content
    from auditor_app.demo.previous import create_previous_audit

    monkeypatch.setitem(content.FACTORY, "connect_id", "F-2026-0042")
    return create_previous_audit(auditor_store, _signature_png)


@pytest.fixture
def server(postgres, tmp_path):
    server = ServerProcess(tmp_path / "server", postgres.create_database()).start()
    yield server
    server.stop()


def sign_in(window, qtbot, server, token: str) -> None:
    """Settings > Connect: the platform's address and the enrolment token, Sign in."""
    dialog = window.connect_actions.open_settings()
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled())
    qtbot.keyClicks(dialog.url, server.url)
    qtbot.keyClicks(dialog.token, token)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Signed in to"), timeout=20_000)
    dialog.close()
    qtbot.waitUntil(lambda: window.connect_actions.link is not None)


def on_platform(server, thread_id: str) -> tuple[str, list[str]]:
    with server.admin() as db:
        thread = db.get(ReviewThread, thread_id)
        if thread is None:
            return "", []
        kinds = [r.kind for r in db.query(ReviewRecordEntry).filter_by(thread_id=thread_id)
                 .order_by(ReviewRecordEntry.seq)]
        return thread.state, kinds


def open_from_connect(qtbot, window, name: str, firm: str = ""):
    """File > Reviews on Connect…, the first row, who signs typed, Open; the review mode it opens."""
    before = window.review_actions.view
    window.review_platform.inbox_action.trigger()
    dialog = window.review_platform.dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20_000)
    rows = [tuple(dialog.table.item(0, c).text() for c in (3, 4))]
    click_row(qtbot, dialog.table, 0)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, name)
    dialog.firm.clear()
    qtbot.keyClicks(dialog.firm, firm)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.review_actions.view not in (None, before), timeout=30_000)
    view = window.review_actions.view
    wait_loaded(qtbot, view)
    return view, rows[0]


def exchanged(qtbot, window, words: str = "") -> None:
    """Until the review mode's Connect strip ended its push or pull (and says `words`)."""
    strip = window.review_platform.strip
    qtbot.waitUntil(lambda: not strip.busy, timeout=60_000)
    wait_for_operations()
    assert strip.text.text().startswith(words), strip.text.text()


def test_auditor_lead_auditor_lead_in_the_window_through_connect(qtbot, server, auditor_store, lead_store,
                                                                  sealed_audit, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    first = sealed_audit
    auditor = main_window(qtbot, auditor_store)
    lead = main_window(qtbot, lead_store)
    _login, token = server.user("auditor", FIRM)
    sign_in(auditor, qtbot, server, token)
    _login, token = server.user("lead", FIRM)
    sign_in(lead, qtbot, server, token)

    # The auditor sends the finalized audit (Connect > Sync now).
    actions = auditor.connect_actions
    actions.sync_action.trigger()
    qtbot.waitUntil(lambda: actions.panel is not None and actions.panel.summary.text().startswith("Sent "),
                    timeout=60_000)
    assert actions.panel.summary.text() == "Sent 1, waiting 0, refused 0."
    actions.panel.close()

    # The lead sees it waiting on Connect and opens it: downloaded, imported, received, the receipt posted.
    view, row = open_from_connect(qtbot, lead, LEAD, FIRM)
    assert row == ("submitted, waiting for review", "not here yet")
    snap = view.snapshot
    assert (snap.side, snap.status.state, snap.audit_id) == ("lead", "received", first)
    assert lead.review_platform.strip.isVisible()
    qtbot.waitUntil(lambda: on_platform(server, first) == ("received", ["receive"]), timeout=20_000)

    # Comments and the return are sent as they are written; no file is asked for.
    comment_on(qtbot, view, "finding", item(snap, "finding", "6.2.2").id, "How many of the 20 had no copy?")
    comment_on(qtbot, view, "audit", first, "Photos of the signed contracts are missing.")
    decide(qtbot, view, view.return_button, monkeypatch, None, "Two points, see the comments.")
    wait_loaded(qtbot, view, lambda s: s.status.state == "returned")
    qtbot.waitUntil(lambda: on_platform(server, first)[0] == "returned", timeout=60_000)
    exchanged(qtbot, lead, "Sent to Connect")
    assert on_platform(server, first) == ("returned", ["receive", "comment", "comment", "return"])

    # The auditor opens it from Connect: the lead's comments on their items; answers one.
    view, row = open_from_connect(qtbot, auditor, AUDITOR)
    assert row == ("returned for rework", "not in review")
    snap = view.snapshot
    assert (snap.side, snap.status.state, snap.status.comments) == ("auditor", "returned", 2)
    finding_row = view.items.row_of("finding", item(snap, "finding", "6.2.2").id)
    assert view.items.item(finding_row, 2).text() == "1 comment · 1 not answered"
    click_row(qtbot, view.items, finding_row)
    group = view.comments.groups[("finding", item(snap, "finding", "6.2.2").id)]
    click_tree_item(qtbot, view.comments, group.child(0))
    qtbot.keyClicks(view.words, "11 of 20; files 2025-031 to 2025-041.")
    qtbot.mouseClick(view.answer_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, view, lambda s: s.status.unanswered == 1)
    qtbot.waitUntil(lambda: on_platform(server, first)[1][-1:] == ["answer"], timeout=60_000)
    exchanged(qtbot, auditor, "Sent to Connect")

    # ... starts the new revision, changes the grade of the NC, signs again and finalizes.
    qtbot.mouseClick(view.revise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: auditor.audit_view is not None, timeout=10_000)
    new_id = auditor.audit_view.audit_id
    old_grade, new_grade = regrade_sign_and_finalize(qtbot, auditor, auditor_store)

    # Resubmit from the list's review badge: the new revision is sent first, then the resubmission.
    auditor.show_list()
    old_row = next(i for i, r in enumerate(auditor.audit_list.model.rows) if r.id == first)
    click_row(qtbot, auditor.audit_list.table, old_row, REVIEW_COLUMN)
    view = auditor.review_actions.view
    wait_loaded(qtbot, view, lambda s: s.new_revision is not None and s.new_revision.state == "finalized")
    decide(qtbot, view, view.resubmit_button, monkeypatch, None, "Grade corrected as asked.")
    wait_loaded(qtbot, view, lambda s: s.status.state == "resubmitted")
    exchanged(qtbot, auditor, "Sent to Connect")
    assert on_platform(server, first) == ("resubmitted", ["receive", "comment", "comment", "return", "answer",
                                                          "resubmit"])

    # The lead gets the updates: revision 2 downloaded; what changed side by side; approves.
    view = lead.review_actions.view
    qtbot.mouseClick(lead.review_platform.strip.pull_button, Qt.MouseButton.LeftButton)
    exchanged(qtbot, lead, "2 new entries from Connect. 1 revision downloaded.")
    wait_loaded(qtbot, view, lambda s: s.audit_id == new_id)
    assert view.snapshot.status.state == "resubmitted" and view.tabs.isTabVisible(view.diff_tab)
    view.tabs.setCurrentIndex(view.diff_tab)
    grade_row = next(r for r in view.diff.rows() if r[0] == "Finding 6.2.2")
    assert grade_row[1:] == (f"grade: {grade_label(old_grade)}", f"grade: {grade_label(new_grade.key)}")
    contract2 = item(view.snapshot, "finding", "6.2.2")
    [said] = view.snapshot.comments_on("finding", contract2.id)
    assert [a.text for a in said.answers] == ["11 of 20; files 2025-031 to 2025-041."]
    decide(qtbot, view, view.approve_button, monkeypatch, None, "Fit for submission.")
    wait_loaded(qtbot, view, lambda s: s.status.state == "approved")
    qtbot.waitUntil(lambda: on_platform(server, first)[0] == "approved", timeout=60_000)
    exchanged(qtbot, lead, "Sent to Connect")

    # The auditor gets the updates: approved in both windows and on the platform.
    view = auditor.review_actions.view
    qtbot.mouseClick(auditor.review_platform.strip.pull_button, Qt.MouseButton.LeftButton)
    exchanged(qtbot, auditor, "1 new entry from Connect.")
    wait_loaded(qtbot, view, lambda s: s.status.state == "approved")
    for window in (auditor, lead):
        assert window.review_actions.view.state_badge.text() == "approved for submission"
    assert on_platform(server, first)[0] == "approved"

    # No network: the core's sentence in the strip and the record here as it was. The lead marks the
    # audit submitted: written here, not sent, "Send again" offered.
    server.kill()
    strip = auditor.review_platform.strip
    qtbot.mouseClick(strip.pull_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: strip.failed and not strip.busy, timeout=60_000)
    assert strip.text.text().startswith("Not sent or not received: The platform could not be reached while the "
                                        "review "), strip.text.text()
    assert not strip.send_button.isVisible()  # a pull failed: Get updates is the way to try again
    with auditor_store.session(read_only=True) as s:
        assert review_status(s, new_id).state == "approved"
    view, strip = lead.review_actions.view, lead.review_platform.strip
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, view, lambda s: s.status.state == "submitted")
    qtbot.waitUntil(lambda: strip.failed and not strip.busy, timeout=60_000)
    assert "The platform could not be reached" in strip.text.text() and strip.send_button.isVisible()
    with lead_store.session(read_only=True) as s:
        assert review_status(s, new_id).state == "submitted"
    server.start()
    qtbot.mouseClick(strip.send_button, Qt.MouseButton.LeftButton)
    exchanged(qtbot, lead, "Sent to Connect: 1 new entry.")
    assert on_platform(server, first)[0] == "submitted" and not strip.send_button.isVisible()
    for window in (auditor, lead):
        window.close()


@pytest.fixture(autouse=True)
def _settle():
    yield
    wait_for_operations()
