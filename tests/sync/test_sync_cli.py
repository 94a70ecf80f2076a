"""The headless path a new user takes: `connect login`, `assignments`, `sync`, against a real server."""

from __future__ import annotations

import json
import stat
from datetime import date

from connect_helpers import Laptop, server_holdings
from sqlalchemy import select

from auditor_app.cli import main
from auditor_app.store.models import Finding, OutboxItem
from auditor_app.sync.protocol import AssignmentIn, alert_receipt_problems
from connect_server.admin import find_user
from connect_server.api import add_assignment
from connect_server.blobs import FolderBlobStore


def test_sign_in_download_assignments_and_sync_from_the_command_line(server, tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    monkeypatch.setenv("AUDITOR_APP_HOME", str(home))
    login, token = server.user("auditor", "Pearl River Audits")
    with server.admin() as db:
        auditor = find_user(db, login)
        add_assignment(db, AssignmentIn(auditor_id=auditor.id, audit_type="IAA", factory={"name": "Shantou Toys"},
                                        window_start=date(2027, 3, 1), window_end=date(2027, 3, 5)),
                       auditor, FolderBlobStore(server.data / "blobs"))

    assert main(["connect", "login", server.url, "--token", "wrong-token-of-enough-length"]) == 2
    assert "refused the sign-in" in capsys.readouterr().err
    assert main(["connect", "login", server.url, "--token", token]) == 0
    assert "Signed in to" in capsys.readouterr().out
    token_file = home / "connect" / "session-token"  # tests keep keys out of the keyring: the 0600 file
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600 and token not in token_file.read_text()
    assert json.loads((home / "connect" / "connect.json").read_text())["server_key"]["key_id"]

    assert main(["assignments"]) == 0
    assert "Shantou Toys" in capsys.readouterr().out
    assert main(["assignments", "--offline"]) == 0
    assert "Shantou Toys" in capsys.readouterr().out

    laptop = Laptop(home)
    try:
        draft = _draft_with_zero_tolerance(laptop)
        sealed = laptop.sealed_audit()
        assert main(["sync", "--quiet"]) == 0
        out = capsys.readouterr().out
        assert "Sent 2, waiting 0, refused 0." in out
        with laptop.store.session() as s:
            rows = {r.kind.split(":")[0]: r for r in s.scalars(select(OutboxItem))}
        alert = rows["zt"]
        assert alert.audit_id == draft and alert.state == "sent"
        assert alert_receipt_problems(alert.receipt, server_key=laptop.link_key(), alert_id=alert.id,
                                      body=alert.payload["body"]) == []
        assert rows["submission"].audit_id == sealed and rows["submission"].state == "sent"
        assert server_holdings(server)["submissions"] == {sealed: "verified"}
        assert main(["sync"]) == 0  # nothing left
        assert "Sent 0, waiting 0, refused 0." in capsys.readouterr().out
        assert main(["connect", "status"]) == 0
        assert "sent" in capsys.readouterr().out
    finally:
        laptop.close()


def _draft_with_zero_tolerance(laptop) -> str:
    from package.crafting import build_audit

    audit_id = build_audit(laptop.store)
    with laptop.store.transaction() as s:
        s.add(Finding(audit_id=audit_id, checkpoint_id="2.1.1", grade="zero_tolerance",
                      description="Two workers under 16 on the moulding line"))
    return audit_id


def test_an_expired_session_is_renewed_with_the_device_key(server, laptop):
    from datetime import datetime, timedelta, timezone

    from auditor_app.sync.credentials import load_token
    from auditor_app.sync.worker import sync_once
    from connect_server.models import SessionToken
    from connect_server.security import token_hash

    old = load_token(laptop.folder, laptop.link)
    with server.admin() as db:
        db.get(SessionToken, token_hash(old)).expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)
    audit_id = laptop.sealed_audit()
    report = sync_once(laptop.store, laptop.folder, base_delay=0.1)
    assert [(r.state, r.message) for r in report.results] == [("sent", "")]
    new = load_token(laptop.folder, laptop.link)
    assert new and new != old  # the new session is kept for next time
    assert server_holdings(server)["submissions"] == {audit_id: "verified"}
