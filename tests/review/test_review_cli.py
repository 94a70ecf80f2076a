"""`auditor-app review ...` through the real entry point: two data folders by AUDITOR_APP_HOME."""

from __future__ import annotations

import pytest

from auditor_app import cli
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store

from tests.package.crafting import build_audit


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["export", "verify", "review"])

    def run(home, *argv):
        monkeypatch.setenv("AUDITOR_APP_HOME", str(home))
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_lead_and_auditor_by_the_command_line(run, tmp_path):
    auditor, lead = tmp_path / "auditor", tmp_path / "lead"
    store = open_store(DataFolder(auditor), actor="li.wei")
    try:
        audit_id = build_audit(store, sealed=True)
    finally:
        store.close()
    handed, returned = tmp_path / "a.escp", tmp_path / "returned.escp"
    assert run(auditor, "export", audit_id[:8], "-o", str(handed))[0] == 0

    code, out, err = run(lead, "review", "open", str(handed), "--name", "Wang Fang")
    assert code == 0, err
    assert f"Audit {audit_id[:8]}: imported and received for review" in out and "you are its reviewer" in out
    code, out, err = run(lead, "review", "comment", audit_id[:8], "--on", "finding:11.1", "--name", "Wang Fang",
                         "Which month was paid late?")
    assert code == 0, err
    assert "on finding 11.1 (critical)" in out
    code, out, err = run(lead, "review", "comment", audit_id[:8], "--on", "interview:W-09", "--name", "Wang Fang",
                         "?")
    assert code == 2 and "no interview(s) of this audit match 'W-09'" in err
    code, out, err = run(lead, "review", "approve", audit_id[:8], "--name", "Li Wei")
    assert code == 2 and "an auditor cannot approve its own audit: Li Wei sealed it" in err
    code, out, err = run(lead, "review", "return", audit_id[:8], "--out", str(returned), "--name", "Wang Fang",
                         "--note", "See the comment")
    assert code == 0, err
    assert "returned for rework (signed by Wang Fang" in out and f"wrote {returned}" in out
    code, out, _ = run(lead, "verify", str(returned))
    assert code == 0 and "intact" in out
    code, out, _ = run(lead, "review", "status")
    assert f"{audit_id[:8]}: returned for rework; 1 comment(s), 1 unanswered" in out

    code, out, err = run(auditor, "review", "open", str(returned))
    assert code == 0, err
    assert "returned for rework (3 new review entries; you are its auditor)" in out
    code, out, _ = run(auditor, "review", "comments", audit_id[:8])
    assert "finding 11.1 (critical), revision 1, Wang Fang" in out and "Which month was paid late?" in out
    comment_id = out.split("[", 1)[1].split("]", 1)[0]
    code, out, err = run(auditor, "review", "answer", comment_id, "October 2026", "--name", "Li Wei")
    assert code == 0, err
    code, out, _ = run(auditor, "review", "comments", audit_id[:8])
    assert "answer by Li Wei" in out and "October 2026" in out
    code, out, err = run(auditor, "review", "approve", audit_id[:8])
    assert code == 2 and "one cannot approve it now" in err
    code, out, err = run(auditor, "review", "revise", audit_id[:8])
    assert code == 0 and "New revision" in out, err

    code, out, _ = run(tmp_path / "nowhere", "review", "diff", str(handed), str(returned))
    assert code == 0 and "no change to findings, CAP rows, photos or answers" in out
    code, out, _ = run(tmp_path / "nowhere", "review", "history", str(handed))
    assert code == 0 and "factory signed the CAP at" in out and "li.wei: create finding 11.1" in out
