"""auditor -> lead -> auditor -> lead through the platform: two laptops (two data folders, two device keys,
each signed in the app's way) and a real server process on 127.0.0.1 with a real PostgreSQL. The lead's
side runs the client functions the window calls, the auditor's side the command line."""

from __future__ import annotations

import pytest
import requests
from connect_helpers import Laptop, ServerProcess

from auditor_app.audits.lifecycle import finalize, new_revision
from auditor_app.audits.operation import run_operation
from auditor_app.cli import main
from auditor_app.package.document import audit_document
from auditor_app.review.actions import approve, comment, return_for_rework
from auditor_app.review.comments import comments_for
from auditor_app.review.diff import revision_diff
from auditor_app.review.diff_text import diff_lines
from auditor_app.review.overview import review_status
from auditor_app.store.models import Audit, Finding
from auditor_app.sync.account import sign_in
from auditor_app.sync.review_sync import account_name, inbox, open_from_platform, pull, push
from auditor_app.sync.worker import sync_once
from connect_server.models import ReviewRecordEntry, ReviewThread

from tests.complete_audit import complete_audit

FIRM = "Pearl River Audits"
LEAD = "Wang Fang"  # the firm's lead; the audit was sealed by Li Wei (build_audit's team)


@pytest.fixture(scope="module")
def server(postgres, tmp_path_factory):
    server = ServerProcess(tmp_path_factory.mktemp("server-review"), postgres.create_database()).start()
    yield server
    server.stop()


@pytest.fixture
def laptops(server, tmp_path, monkeypatch):
    auditor = Laptop(tmp_path / "auditor", actor="li.wei")
    lead = Laptop(tmp_path / "lead", actor="wang.fang")
    _login, token = server.user("auditor", FIRM)
    sign_in(auditor.folder, server.url, token)
    lead.login, token = server.user("lead", FIRM, password="correct horse")
    sign_in(lead.folder, server.url, token)
    monkeypatch.setenv("AUDITOR_APP_HOME", str(auditor.folder.root))  # the command line is the auditor's
    yield auditor, lead
    auditor.close()
    lead.close()


def document(laptop, audit_id: str) -> dict:
    with laptop.store.session(read_only=True) as session:
        return audit_document(session, audit_id)


def finding_on(doc: dict, checkpoint: str) -> dict:
    return next(f for f in doc["finding"] if f["checkpoint_id"] == checkpoint and not f["deleted_at"])


def state_here(laptop, audit_id: str) -> str | None:
    with laptop.store.session(read_only=True) as session:
        status = review_status(session, audit_id)
    return status.state if status else None


def platform(server, thread_id: str) -> tuple[str, list[str]]:
    with server.admin() as db:
        thread = db.get(ReviewThread, thread_id)
        kinds = [r.kind for r in db.query(ReviewRecordEntry).filter_by(thread_id=thread_id)
                 .order_by(ReviewRecordEntry.seq)]
        return thread.state, kinds


def test_auditor_lead_auditor_lead_through_the_platform(server, laptops, capsys, monkeypatch):
    auditor, lead = laptops

    # The auditor seals and submits revision 1.
    first = auditor.sealed_audit()
    assert [r.state for r in sync_once(auditor.store, auditor.folder).results] == ["sent"]

    # The lead sees it waiting, opens it from the platform (downloaded, imported, received, posted).
    waiting = inbox(lead.store)
    assert [(i.audit_id, i.thread_id, i.state, i.held_here) for i in waiting] == [(first, None, None, False)]
    assert account_name(lead.folder) == (f"Lead {lead.login[-4:]}", FIRM)  # what the window offers to sign with
    opened = open_from_platform(lead.store, first, author=LEAD, firm=FIRM)
    assert (opened.imported, opened.side, opened.state) == (True, "lead", "received")
    assert document(lead, first)["audit"]["seal"] == document(auditor, first)["audit"]["seal"]
    assert platform(server, first) == ("received", ["receive"])

    # The lead comments on a finding and the audit, returns it, and pushes.
    wage = finding_on(document(lead, first), "11.1")
    said = run_operation(lead.store, comment, first, "finding", wage["id"], "Which pay month was late?",
                         folder=lead.folder, author=LEAD, firm=FIRM).result
    run_operation(lead.store, comment, first, "audit", first, "Photos of the payroll are missing.",
                  folder=lead.folder, author=LEAD, firm=FIRM)
    run_operation(lead.store, return_for_rework, first, folder=lead.folder, author=LEAD, firm=FIRM,
                  text="Two points, see the comments.")
    [pushed] = push(lead.store)
    assert (pushed.thread_id, pushed.state, pushed.pushed) == (first, "returned", 3)
    assert push(lead.store)[0].pushed == 0  # nothing new: nothing sent twice
    assert platform(server, first) == ("returned", ["receive", "comment", "comment", "return"])

    # The auditor pulls (command line): the comments are on their items here.
    assert main(["review", "inbox"]) == 0
    assert "platform: returned for rework (4 entries); here: not in review" in capsys.readouterr().out
    assert main(["review", "pull"]) == 0
    assert "returned for rework; 4 new entries" in capsys.readouterr().out
    assert state_here(auditor, first) == "returned"
    with auditor.store.session(read_only=True) as session:
        on_wage = comments_for(session, first, "finding", wage["id"])
    assert [(c.text, c.author) for c in on_wage] == [("Which pay month was late?", LEAD)]

    # The auditor answers, corrects the audit in revision 2, seals it and resubmits: push sends the
    # new revision first (the outbox), then the answer and the resubmission.
    assert main(["review", "answer", said["id"][:8], "October 2026, paid 12 days late.", "--name", "Li Wei"]) == 0
    second = next(iter(run_operation(auditor.store, new_revision, first).rows["audit"] - {first}))
    with auditor.store.transaction() as session:
        row = session.get(Finding, finding_on(audit_document(session, second), "11.1")["id"])
        row.grade, row.description = "major", "October wages paid 12 days late (payroll of October 2026)"
        complete_audit(session, second)
        finalize(session, second, folder=auditor.folder)
    assert main(["review", "resubmit", second[:8], "--name", "Li Wei", "--note", "Corrected."]) == 0
    assert main(["review", "push"]) == 0
    assert "resubmitted; 2 entries sent" in capsys.readouterr().out
    assert platform(server, first) == ("resubmitted", ["receive", "comment", "comment", "return", "answer",
                                                        "resubmit"])

    # The lead pulls: revision 2 is downloaded and imported, and the lead sees what changed.
    [pulled] = pull(lead.store)
    assert (pulled.state, pulled.pulled, pulled.imported, pulled.audit_id) == ("resubmitted", 2, (second,), second)
    with lead.store.session(read_only=True) as session:
        assert session.get(Audit, second).supersedes_id == first
    diff = revision_diff(document(lead, first), document(lead, second))
    assert "finding 11.1 changed (critical -> major)" in "\n".join(diff_lines(diff))
    with lead.store.session(read_only=True) as session:
        answered = comments_for(session, second, "finding", finding_on(audit_document(session, second), "11.1")["id"])
    assert [a.text for a in answered[0].answers] == ["October 2026, paid 12 days late."]

    # The lead approves and pushes; the platform and both laptops say approved.
    run_operation(lead.store, approve, second, folder=lead.folder, author=LEAD, firm=FIRM, text="Fit to submit.")
    assert push(lead.store)[0].pushed == 1
    assert platform(server, first)[0] == "approved"
    assert main(["review", "pull"]) == 0
    assert state_here(auditor, second) == state_here(lead, second) == "approved"
    assert [(i.state, i.state_here) for i in inbox(lead.store)] == [("approved", "approved")]

    # Another lead of the firm opening it from the platform joins the record (command line).
    second_lead = Laptop(auditor.folder.root.parent / "lead2", actor="zhang.min")
    try:
        _login, token = server.user("lead", FIRM)
        sign_in(second_lead.folder, server.url, token)
        monkeypatch.setenv("AUDITOR_APP_HOME", str(second_lead.folder.root))
        assert main(["review", "pull", first[:8]]) == 0
        assert (f"Audit {first[:8]}: downloaded for review; approved for submission (7 new review entries here)"
                in capsys.readouterr().out)
        assert state_here(second_lead, second) == "approved"
        with second_lead.store.session(read_only=True) as session:
            assert {session.get(Audit, a).revision for a in (first, second)} == {1, 2}
    finally:
        second_lead.close()
    assert platform(server, first)[1][-1] == "approve"  # nothing was added by joining

    # The web view shows the review state in the list and the thread with every entry.
    web = requests.Session()
    assert "Sign out" in web.post(server.url + "/web/login", data={"login": lead.login, "password": "correct horse"},
                                  timeout=10).text
    listing = web.get(server.url + "/web/", timeout=10).text
    assert f'href="/web/reviews/{first}">approved for submission' in listing
    assert "returned; corrected in a later revision" in listing
    thread_page = web.get(server.url + f"/web/reviews/{first}", timeout=10).text
    assert thread_page.count('<tr class="entry ') == 7
    for text in ("approved for submission", "Which pay month was late?", "answer to #2", "Wang Fang, Pearl River "
                 "Audits", "October 2026, paid 12 days late.", "Fit to submit.", f"revision 2 ({second})"):
        assert text in thread_page, text
