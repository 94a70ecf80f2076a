"""The interviews page, driven like an auditor: roster import (good and bad, kept for a restart), plan
and roster beside the headcount, the recorded draw and why it holds who it holds, the call list on
screen and as a PDF, an absent worker replaced from the same stratum, every flagged worker with the
young-worker count reconciled, and the interview form with its usual structure."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import date

import pytest
from pages_helpers import make_audit, make_context
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.kept_rosters import KeptRosters
from auditor_app.checklist.demo_roster import demo_workers, roster_csv
from auditor_app.checklist.replacement import MATCH_LEVELS, reserve_order
from auditor_app.checklist.roster import read_roster
from auditor_app.checklist.roster_checks import triage_roster
from auditor_app.checklist.selection import draw_sample, worker_strata
from auditor_app.store.models import GapClosure, Interview, SampleDraw
from auditor_app.ui.pages.interviews import InterviewsPage

AUDIT_DAY = date(2026, 11, 18)
COLUMNS = ("Code", "Worker id", "Name", "Department", "Shift", "Line", "Status", "Why drawn")


@pytest.fixture
def audit_id(store):
    return make_audit(store)


def open_page(qtbot, store, ops, audit_id, size=(1366, 768)) -> InterviewsPage:
    page = InterviewsPage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    wait_for_operations()
    return page


@pytest.fixture
def page(qtbot, store, ops, audit_id):
    return open_page(qtbot, store, ops, audit_id)


def with_lines(text: str) -> str:
    """The roster CSV with a production-line column (拉别) added."""
    lines = text.rstrip("\r\n").split("\r\n")
    return "\r\n".join([lines[0] + ",拉别"] + [f"{line},{n % 4 + 1}拉" for n, line in enumerate(lines[1:])]) + "\r\n"


@pytest.fixture
def roster_file(tmp_path):
    rows = demo_workers(150, seed=7, on_date=AUDIT_DAY, underage=(15,), young=(17,))
    path = tmp_path / "花名册.csv"
    path.write_text(with_lines(roster_csv(rows)), encoding="utf-8-sig")
    return path, rows


def settle(ops):
    wait_for_operations()
    flush(ops)
    wait_for_operations()


def load_roster(qtbot, page, path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(page.draw_box.import_button, Qt.MouseButton.LeftButton)
    wait_for_operations()


def draw(qtbot, page, ops, seed=4242, size=12):
    page.draw_box.seed.setValue(seed)
    page.draw_box.size.setValue(size)
    qtbot.mouseClick(page.draw_box.draw_button, Qt.MouseButton.LeftButton)
    settle(ops)


def table_rows(page) -> list[dict]:
    table = page.call_list.table
    return [{name: table.item(r, c).text() for c, name in enumerate(COLUMNS)} for r in range(table.rowCount())]


def flagged_rows(page) -> list[tuple[str, str, str]]:
    """(group title, worker, interview) of every worker listed in the flagged tab."""
    tree, out = page.flagged.tree, []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        out += [(group.text(0), group.child(j).text(0), group.child(j).text(1)) for j in range(group.childCount())]
    return out


def test_plan_from_headcount_and_empty_state(page):
    assert "150 workers" in page.draw_box.plan_label.text()
    assert page.draw_box.size.value() == page.draw_box.plan.workers_to_interview
    assert page.empty.isVisible() and not page.list.isVisible()
    assert not page.draw_box.draw_button.isEnabled()  # nothing to draw from yet
    assert "No workers drawn yet" in page.call_list.problem.text()


def test_bad_roster_names_the_row_and_problem_and_is_not_kept(qtbot, page, store, tmp_path, monkeypatch):
    bad = tmp_path / "roster.csv"
    bad.write_text("工号,姓名,部门,性别,出生日期\nA1,张三,装配,女,2001-02-03\nA2,李四,装配,女,not-a-date\n",
                   encoding="utf-8")
    load_roster(qtbot, page, bad, monkeypatch)
    text = page.draw_box.roster_label.text()
    assert "roster.csv" in text and "row 3" in text
    page.refresh(set())  # a change elsewhere does not wipe the reason away
    assert page.draw_box.roster_label.text() == text
    assert not page.draw_box.draw_button.isEnabled()
    assert not store.folder.rosters.exists() or not any(store.folder.rosters.rglob("*.roster"))


def test_draw_is_recorded_without_names_and_explained(qtbot, page, store, audit_id, ops, roster_file, monkeypatch):
    path, rows = roster_file
    load_roster(qtbot, page, path, monkeypatch)
    assert "150 workers" in page.draw_box.roster_label.text()
    assert "kept on this laptop" in page.draw_box.roster_label.text()
    draw(qtbot, page, ops)
    with store.session() as s:
        recorded = s.scalars(select(SampleDraw)).one()
        interviews = s.scalars(select(Interview).order_by(Interview.code)).all()
    assert recorded.seed == 4242 and recorded.roster_workers == 150
    assert recorded.roster_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(recorded.drawn) >= 12 and recorded.size == 12
    assert {iv.code for iv in interviews} == {w["code"] for w in recorded.drawn}
    # names and worker ids never reach the database
    stored_text = repr(recorded.drawn) + repr(recorded.age_flags) + repr([iv.stratum for iv in interviews])
    for row in rows:
        assert row["name"] not in stored_text and row["worker_id"] not in stored_text
    assert {"underage", "young"} <= {f["kind"] for f in recorded.age_flags}
    assert page.list.count() == len(interviews)
    assert "seed 4242" in page.draw_box.draw_label.text()
    # the sample says why it holds who it holds
    roster = read_roster(path)
    sample = draw_sample(roster, 12, 4242, AUDIT_DAY)
    flagged = sum(1 for s in sample.drawn if s.reasons[0].startswith(("underage", "young", "hired", "identity", "past")))
    explanation = page.draw_box.draw_label.text()
    assert f"12 workers drawn for the 12 asked: {flagged} flagged by the roster check" in explanation
    assert f"{len(sample.document_checks)} more flagged workers are listed for document checks" in explanation
    # after the draw the call list is in front
    assert page.tabs.currentWidget() is page.call_list and page.tabs.tabText(1) == "Call list (12)"


def test_call_list_names_every_drawn_worker_and_the_roster_stays_for_a_restart(qtbot, store, ops, audit_id, page,
                                                                                roster_file, monkeypatch):
    path, _rows = roster_file
    load_roster(qtbot, page, path, monkeypatch)
    draw(qtbot, page, ops)
    roster = read_roster(path)
    sample = draw_sample(roster, 12, 4242, AUDIT_DAY)
    by_id = {w.worker_id: w for w in roster.workers}
    expected = [{"Code": s.code, "Worker id": s.worker_id, "Name": by_id[s.worker_id].name,
                 "Department": by_id[s.worker_id].department, "Shift": by_id[s.worker_id].shift,
                 "Line": by_id[s.worker_id].line} for s in sorted(sample.drawn, key=lambda s: s.code)]
    shown = table_rows(page)
    assert [{k: r[k] for k in expected[0]} for r in shown] == expected
    assert all(r["Status"] == "to call" for r in shown) and all(r["Why drawn"] for r in shown)
    assert not page.call_list.problem.isVisible()
    # the roster is kept in the data folder: the folder 0700, the files 0600
    kept = store.folder.rosters / audit_id
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (kept / f"{sha}.roster").read_bytes() != path.read_bytes()  # encrypted with the audit's key
    assert KeptRosters(store.folder).read(audit_id, sha).data == path.read_bytes()
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(kept).st_mode) == 0o700
        assert {stat.S_IMODE(os.stat(f).st_mode) for f in kept.iterdir()} == {0o600}
    # a restart: a new page finds the roster without asking for it
    page.close()
    path.unlink()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: pytest.fail("the roster was asked for again"))
    again = open_page(qtbot, store, ops, audit_id)
    assert table_rows(again) == shown
    assert "kept on this laptop since" in again.draw_box.roster_label.text()
    assert again.draw_box.draw_button.isEnabled()
    # selecting a row shows that worker's interview form
    again.tabs.setCurrentWidget(again.call_list)
    again.call_list.table.selectRow(3)
    assert again.form.code_label.text().startswith(f"<b>{expected[3]['Code']}</b>")


def answer_dialog(qtbot, reason_label: str, note: str = ""):
    """When the modal "not interviewed" dialog opens: choose the reason, type the note, press OK."""
    done = []

    def act():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "replace-worker":
            QTimer.singleShot(20, act)
            return
        button = next(b for b in dialog.buttons.values() if b.text() == reason_label)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
        if note:
            qtbot.keyClicks(dialog.note, note)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        done.append(True)

    QTimer.singleShot(0, act)
    return done


def test_absent_worker_is_replaced_from_the_same_stratum_and_can_come_back(qtbot, page, store, ops, roster_file,
                                                                         monkeypatch):
    path, _rows = roster_file
    load_roster(qtbot, page, path, monkeypatch)
    draw(qtbot, page, ops)
    before = table_rows(page)
    row = next(i for i, r in enumerate(before) if r["Code"] == "W-03")
    page.call_list.table.selectRow(row)
    assert page.call_list.absent_button.isEnabled() and not page.call_list.undo_button.isEnabled()
    done = answer_dialog(qtbot, "Refused the interview")
    qtbot.mouseClick(page.call_list.absent_button, Qt.MouseButton.LeftButton)
    assert done
    settle(ops)
    after = table_rows(page)
    assert after[row]["Code"] == "W-03" and after[row]["Status"] == "refused, replaced by W-13"
    new = after[row + 1]
    assert new["Code"] == "↳ W-13" and new["Status"] == "to call"
    assert new["Why drawn"].startswith("replaces W-03 (refused) from the same")
    # the replacement is the next worker of W-03's stratum in the reserve the seed fixes
    roster = read_roster(path)
    sample = draw_sample(roster, 12, 4242, AUDIT_DAY)
    strata = worker_strata(roster, AUDIT_DAY)
    absent = next(s.worker_id for s in sample.drawn if s.code == "W-03")
    key = page.draw_box.analysis.key
    assert key.reserve == reserve_order(roster, 4242)
    candidates = [w for w in key.reserve if w not in {s.worker_id for s in sample.drawn}]
    expected = next(found for dims, _words in MATCH_LEVELS
                    for found in [next((w for w in candidates if all(strata[w][d] == strata[absent][d] for d in dims)),
                                       None)] if found)
    assert new["Worker id"] == expected
    assert page.call_list.result.text().startswith("W-03 is marked as refusing. W-13 replaces them, drawn from the same")
    assert new["Name"] in page.call_list.result.text()
    with store.session() as s:
        closure = s.scalars(select(GapClosure)).one()
        replacement = s.scalars(select(Interview).where(Interview.code == "W-13")).one()
    assert closure.reason == "refused" and replacement.details["replaces"] == "W-03"
    assert new["Worker id"] not in repr(replacement.details) + repr(replacement.stratum)
    listed = [page.list.item(i).text() for i in range(page.list.count())]
    assert any(t.startswith("W-03 · individual · refused") for t in listed)
    assert any(t.startswith("W-13 · individual · to do · replaces W-03") for t in listed)
    # W-03 came after all: the untouched replacement goes away
    page.call_list.table.selectRow(row)
    assert page.call_list.undo_button.isEnabled() and not page.call_list.absent_button.isEnabled()
    qtbot.mouseClick(page.call_list.undo_button, Qt.MouseButton.LeftButton)
    settle(ops)
    assert table_rows(page) == before
    assert "W-03 is to be interviewed again" in page.call_list.result.text()


def test_call_list_prints_as_a_pdf_with_names_for_the_working_papers(qtbot, page, ops, roster_file, monkeypatch,
                                                                     tmp_path):
    path, _rows = roster_file
    load_roster(qtbot, page, path, monkeypatch)
    draw(qtbot, page, ops)
    out = tmp_path / "papers" / "call list"
    out.parent.mkdir()
    asked = []

    def save_as(parent, title, default, filter_):
        asked.append((title, default))
        return str(out), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    opened = []
    page.call_list.exporter.opener = opened.append
    qtbot.mouseClick(page.call_list.print_button, Qt.MouseButton.LeftButton)
    wait_for_operations()
    pdf = out.with_name("call list.pdf")
    assert opened == [pdf] and asked[0][1].endswith("Dongguan Test Toys Co. call list.pdf")
    reader = PdfReader(str(pdf))
    text = "\n".join(p.extract_text() or "" for p in reader.pages).replace("\n", " ")
    assert "CONFIDENTIAL working paper" in text and "Never part of the audit report or the package" in text
    assert "seed 4242" in text and "12 workers drawn for the 12 asked" in text
    for row in table_rows(page):
        assert row["Code"] in text and row["Worker id"] in text
    assert all(row["Name"] in text for row in table_rows(page))  # Chinese names, in the embedded CJK font
    assert "Page 1 of" in text and reader.metadata.title == "Call list: Dongguan Test Toys Co."


def test_every_flagged_worker_is_listed_and_the_young_count_reconciled(qtbot, page, ops, tmp_path, monkeypatch):
    rows = demo_workers(150, seed=11, on_date=AUDIT_DAY, underage=(15, 14), young=(17, 16) * 5)
    path = tmp_path / "roster.csv"
    path.write_text(roster_csv(rows), encoding="utf-8")
    load_roster(qtbot, page, path, monkeypatch)
    draw(qtbot, page, ops, size=6)
    listed = flagged_rows(page)
    young = [r for r in listed if r[0].startswith("Young workers")]
    underage = [r for r in listed if r[0].startswith("Below the minimum working age")]
    assert len(young) == 10 and len(underage) == 2  # all of them, drawn or not
    assert any(code == "not drawn: check documents" for _g, _w, code in young)
    assert all(w.split()[0] in {r["worker_id"] for r in rows} for _g, w, _c in young)
    assert page.tabs.tabText(2) == "Flagged workers (12)"
    text = page.flagged.young.text()
    assert "The roster has 10 young workers" in text and "declares 0: 10 more than declared" in text
    assert "#b71c1c" in page.flagged.young.styleSheet()
    assert "2 workers are below the minimum working age" in text
    # the other roster checks are listed beneath, worker by worker
    others = [r for r in listed if not r[0].startswith(("Young workers", "Below the minimum"))]
    triage = triage_roster(read_roster(path), AUDIT_DAY, "CN", headcount=150)
    expected = sum(g.count for g in triage.groups if g.key not in ("underage", "juvenile", "historical", "headcount"))
    assert expected and len(others) == expected


def test_roster_beside_the_headcount_as_the_cli_says_it(qtbot, page, tmp_path, monkeypatch):
    rows = demo_workers(120, seed=5, on_date=AUDIT_DAY)
    path = tmp_path / "roster.csv"
    path.write_text(roster_csv(rows), encoding="utf-8")
    load_roster(qtbot, page, path, monkeypatch)
    cli = triage_roster(read_roster(path), AUDIT_DAY, "CN", headcount=150).group("headcount").text
    assert page.draw_box.headcount_label.text() == "⚠ " + cli
    assert cli.startswith("The roster lists 120 workers; the headcount for the audit is 150: 30 fewer")
    assert page.draw_box.headcount_label.isVisible()


def test_age_flag_asks_the_checklist_for_an_underage_nc_without_names(qtbot, page, ops, roster_file, monkeypatch):
    path, rows = roster_file
    load_roster(qtbot, page, path, monkeypatch)
    draw(qtbot, page, ops)
    page.tabs.setCurrentWidget(page.flagged)
    asked = []
    page.ctx.request_finding.connect(lambda area, hints: asked.append(hints))
    assert page.flagged.select_first_flag("underage")
    qtbot.mouseClick(page.flagged.raise_button, Qt.MouseButton.LeftButton)
    assert asked[0]["tag"] == "underage" and "15 years old" in asked[0]["description"]
    assert not any(r["worker_id"] in asked[0]["description"] or r["name"] in asked[0]["description"] for r in rows)
    # the flagged worker was drawn: the NC comes with that worker's interview ticked
    code = page.flagged.tree.currentItem().data(0, Qt.ItemDataRole.UserRole)["code"]
    with page.ctx.store.session() as s:
        interview_id = s.scalars(select(Interview.id).where(Interview.code == code)).one()
    assert code and asked[0]["interview_ids"] == [interview_id]


def test_form_saves_kind_notes_quotes_and_lists_stay_confidential(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        s.add(Interview(audit_id=audit_id, code="W-01", stratum={"department": "Assembly", "gender": "female"}))
    page.refresh(set())
    page.list.setCurrentRow(0)
    page.form.kind.setCurrentIndex(1)  # group
    page.form.group_size.setValue(4)
    qtbot.mouseClick(page.form.conducted, Qt.MouseButton.LeftButton, pos=QPoint(6, page.form.conducted.height() // 2))
    assert page.form.conducted.isChecked()
    qtbot.keyClicks(page.form.notes, "Supervisor shouts at night shift; SECRET-NOTE")
    qtbot.mouseClick(page.form.add_quote_button, Qt.MouseButton.LeftButton)
    page.form.quotes.item(0, 0).setText("We cannot leave before 22:00.")
    page.form.quotes.item(0, 1).setCheckState(Qt.CheckState.Checked)
    page.form.quotes.setFocus()
    qtbot.mouseClick(page.form.add_quote_button, Qt.MouseButton.LeftButton)
    page.form.quotes.item(1, 0).setText("Private remark, not quotable")
    page.form.notes.setFocus()
    qtbot.wait(400)
    settle(ops)
    with store.session() as s:
        iv = s.scalars(select(Interview)).one()
    assert (iv.kind, iv.group_size) == ("group", 4) and iv.conducted_at is not None
    assert iv.notes.endswith("SECRET-NOTE")
    assert iv.quotes == [{"text": "We cannot leave before 22:00.", "quotable": True},
                         {"text": "Private remark, not quotable", "quotable": False}]
    page.refresh(set())
    listed = [page.list.item(i).text() for i in range(page.list.count())]
    shown = " ".join(listed) + page.counts_label.text() + " ".join(
        page.quotable.item(i).text() for i in range(page.quotable.count()))
    assert "SECRET-NOTE" not in shown and "Private remark" not in shown
    assert "We cannot leave before 22:00." in shown
    assert "Held 1 of 1 interviews (4 workers)" in page.counts_label.text()
    assert "Assembly 1" in page.counts_label.text()
    assert page.completion() == (1, 1)


def click_box(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def choose(qtbot, combo, text: str):
    """Pick one of the combo's items with the arrow keys, as a user would (QTest cannot type Chinese)."""
    combo.setFocus()
    assert combo.findText(text) >= 0, text
    for _ in range(combo.count() + 1):
        if combo.currentText() == text:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_interview_form_has_the_usual_structure(qtbot, page, store, audit_id, ops):
    with store.transaction() as s:
        s.add(Interview(audit_id=audit_id, code="W-01", stratum={"department": "Assembly"}))
    page.refresh(set())
    page.list.setCurrentRow(0)
    form = page.form
    assert [box.text() for box in form.topics.values()] == [
        "Hours", "Pay and deductions", "Contracts", "Fees", "Freedom to resign", "Harassment", "Grievance",
        "Health and safety"]
    for key in ("hours", "pay", "fees", "resignation"):
        click_box(qtbot, form.topics[key])
    assert form.interviewer.findText("Li Na") >= 0  # the audit team is offered
    form.interviewer.setFocus()
    qtbot.keyClicks(form.interviewer.lineEdit(), "Li Na")
    choose(qtbot, form.language, "Cantonese (粤语)")
    form.interpreter.setFocus()
    qtbot.keyClicks(form.interpreter.lineEdit(), "Independent, Ms Chen")
    choose(qtbot, form.place, "Off site")
    choose(qtbot, form.management_present, "No")
    choose(qtbot, form.id_seen, "Yes")
    click_box(qtbot, form.conducted)
    qtbot.keyClicks(form.notes, "Paid 600 yuan to an agent.")
    qtbot.wait(400)
    settle(ops)
    with store.session() as s:
        details = s.scalars(select(Interview)).one().details
    assert details == {"topics": ["hours", "pay", "fees", "resignation"], "interviewer": "Li Na",
                       "language": "Cantonese (粤语)", "interpreter": "Independent, Ms Chen", "place": "Off site",
                       "management_present": False, "id_seen": True}
    # shown again as stored after a refresh from elsewhere
    page.list.setCurrentRow(-1)
    page.refresh(set())
    page.list.setCurrentRow(0)
    assert form.topics["fees"].isChecked() and not form.topics["harassment"].isChecked()
    assert form.management_present.currentText() == "No" and form.id_seen.currentText() == "Yes"
    assert form.place.currentText() == "Off site"


def test_add_group_interview(qtbot, page, store, ops):
    qtbot.mouseClick(page.add_group_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        iv = s.scalars(select(Interview)).one()
    assert (iv.code, iv.kind, iv.group_size) == ("G-01", "group", 4)
    assert page.list.count() == 1 and page.list.isVisible()


def test_the_page_fits_a_720p_laptop(qtbot, store, ops, audit_id, roster_file, monkeypatch):
    page = open_page(qtbot, store, ops, audit_id, size=(1060, 650))  # what the stage area gets at 1280x720
    path, _rows = roster_file
    load_roster(qtbot, page, path, monkeypatch)
    draw(qtbot, page, ops)
    page.tabs.setCurrentWidget(page.call_list)
    qtbot.wait(50)
    assert page.call_list.table.isVisible() and page.call_list.table.viewport().height() > 150
    scroll = page.form.parentWidget().parentWidget()
    assert not scroll.horizontalScrollBar().isVisible()  # the form fits its pane's width


def test_the_demo_audit_shows_its_call_list(qtbot, store, ops):
    from auditor_app.demo import create_demo_audit

    demo = create_demo_audit(store)
    page = open_page(qtbot, store, ops, demo)
    qtbot.waitUntil(lambda: table_rows(page) != [], timeout=10_000)
    assert not page.call_list.problem.isVisible() and "kept on this laptop" in page.draw_box.roster_label.text()
