"""Kill -9 the real window while text sits in each kind of editor; after a restart the text is back.

The child process types into a CAP cell, an attendee cell, an interview quote, the NC editor, the
New audit dialog, a signer's name, a Progress Visit's advice on a questionnaire answer and its worker
survey form, waits the one second the app promises, and is killed. The next
start stores the cells' text through their operations, reopens the NC and the New audit dialog with
their text, puts the name back in its box, and says what it recovered.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pages_helpers import make_audit
from sqlalchemy import select

from auditor_app.audits import add_finding, add_group_interview, start_follow_up
from auditor_app.audits.questionnaire import import_questionnaire
from auditor_app.store.models import CapItem, Interview, Meeting, QuestionnaireAnswer, SurveyResponse

CHILD = Path(__file__).with_name("typing_child.py")
REPO = Path(__file__).resolve().parents[2]
TEXT = "Exit on 3F locked with a chain"  # typed key by key (QTest types ASCII only)


def child(*args: str, read_until: str | None = None, timeout: float = 60) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        if read_until is None:
            out, err = proc.communicate(timeout=timeout)
            assert proc.returncode == 0, err
            return out.strip().splitlines()[-1]
        line = proc.stdout.readline()
        assert line.strip() == read_until, f"child said {line!r}: {proc.stderr.read() if proc.poll() else ''}"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        return line
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.fixture
def audit_id(store):
    audit_id = make_audit(store)
    with store.transaction() as s:
        add_finding(s, audit_id, "9.6.3", description="No PPE signs")
        add_group_interview(s, audit_id)
    return audit_id


def progress_visit_with_questionnaire(store, previous: str, tmp_path: Path) -> str:
    with store.transaction() as s:
        visit = start_follow_up(s, previous, audit_type="PV").id
    returned = tmp_path / "pv.csv"
    returned.write_text("id,answer\nQ01,812 workers\n", encoding="utf-8")
    with store.transaction() as s:
        import_questionnaire(s, visit, returned)
    return visit


@pytest.mark.parametrize("kind", ["cap", "attendee", "quote", "nc", "new_audit", "signature", "pv_advice", "survey"])
def test_text_in_an_editor_survives_a_kill(store, audit_id, kind, tmp_path):
    root = str(store.folder.root)
    if kind in ("pv_advice", "survey"):
        audit_id = progress_visit_with_questionnaire(store, audit_id, tmp_path)
    child("type", root, audit_id, kind, TEXT, read_until="typed")
    drafts = list((store.folder.root / "drafts").glob("*.draft.json"))
    assert len(drafts) == 1, "the typed text is on disk within a second"
    assert TEXT.encode("utf-8") not in drafts[0].read_bytes(), "and encrypted there, as the database is"
    back = json.loads(child("restart", root))

    with store.session() as s:
        if kind == "cap":
            assert s.scalars(select(CapItem)).one().root_cause == TEXT
        elif kind == "attendee":
            meeting = s.scalars(select(Meeting).where(Meeting.kind == "opening")).one()
            # the team is listed from the start; the typed row follows it
            assert [a["name"] for a in meeting.attendees if a["side"] != "audit"] == [TEXT]
        elif kind == "quote":
            assert [q["text"] for q in s.scalars(select(Interview)).one().quotes] == [TEXT]
        elif kind == "pv_advice":
            advice = s.scalars(select(QuestionnaireAnswer.advice).where(QuestionnaireAnswer.audit_id == audit_id))
            assert [a for a in advice if a] == [TEXT]
        elif kind == "survey":
            response = s.scalars(select(SurveyResponse).where(SurveyResponse.audit_id == audit_id)).one()
            assert response.comment == TEXT and len(response.answers) == 1 and response.code == "S-01"
    if kind == "nc":
        assert back["nc_description"] == TEXT
    elif kind == "new_audit":
        assert back["new_audit_name"] == TEXT
    elif kind == "signature":
        assert back["signature_name"] == TEXT
    assert "The app stopped while you were typing" in back["note"]
    assert "saved." in back["note"] if kind in ("cap", "attendee", "quote", "pv_advice", "survey") else True
    assert "nothing was lost" not in back["note"]
    if kind in ("cap", "attendee", "quote", "pv_advice", "survey"):
        assert not list((store.folder.root / "drafts").glob("*.draft.json")), "stored drafts are removed"
