"""The interviews page: roster import (good and bad), plan, recorded draw, forms, confidentiality."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from pages_helpers import make_audit, make_context
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select
from waiting import flush, wait_for_operations

from auditor_app.checklist.demo_roster import demo_workers, roster_csv
from auditor_app.store.models import Interview, SampleDraw
from auditor_app.ui.pages.interviews import InterviewsPage

AUDIT_DAY = date(2026, 11, 18)


@pytest.fixture
def audit_id(store):
    return make_audit(store)


@pytest.fixture
def page(qtbot, store, ops, audit_id):
    page = InterviewsPage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


@pytest.fixture
def roster_file(tmp_path):
    rows = demo_workers(150, seed=7, on_date=AUDIT_DAY, underage=(15,), young=(17,))
    path = tmp_path / "花名册.csv"
    path.write_text(roster_csv(rows), encoding="utf-8-sig")
    return path, rows


def settle(ops):
    wait_for_operations()
    flush(ops)


def load_roster(qtbot, page, path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(page.draw_box.import_button, Qt.MouseButton.LeftButton)
    wait_for_operations()


def test_plan_from_headcount_and_empty_state(page):
    assert "150 workers" in page.draw_box.plan_label.text()
    assert page.draw_box.size.value() == page.draw_box.plan.workers_to_interview
    assert page.empty.isVisible() and not page.list.isVisible()
    assert not page.draw_box.draw_button.isEnabled()  # nothing to draw from yet


def test_bad_roster_names_the_row_and_problem(qtbot, page, tmp_path, monkeypatch):
    bad = tmp_path / "roster.csv"
    bad.write_text("工号,姓名,部门,性别,出生日期\nA1,张三,装配,女,2001-02-03\nA2,李四,装配,女,not-a-date\n",
                   encoding="utf-8")
    load_roster(qtbot, page, bad, monkeypatch)
    text = page.draw_box.roster_label.text()
    assert "roster.csv" in text and "row 3" in text
    assert not page.draw_box.draw_button.isEnabled()


def test_draw_is_recorded_without_names_and_makes_interview_forms(qtbot, page, store, audit_id, ops,
                                                                  roster_file, monkeypatch):
    path, rows = roster_file
    load_roster(qtbot, page, path, monkeypatch)
    assert "150 workers" in page.draw_box.roster_label.text()
    page.draw_box.seed.setValue(4242)
    page.draw_box.size.setValue(12)
    qtbot.mouseClick(page.draw_box.draw_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        draw = s.scalars(select(SampleDraw)).one()
        interviews = s.scalars(select(Interview).order_by(Interview.code)).all()
    assert draw.seed == 4242 and draw.roster_workers == 150
    assert draw.roster_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(draw.drawn) >= 12 and draw.size == 12
    assert {iv.code for iv in interviews} == {w["code"] for w in draw.drawn}
    # names and worker ids never reach the database
    stored_text = repr(draw.drawn) + repr(draw.age_flags) + repr([iv.stratum for iv in interviews])
    for row in rows:
        assert row["name"] not in stored_text and row["worker_id"] not in stored_text
    kinds = {f["kind"] for f in draw.age_flags}
    assert {"underage", "young"} <= kinds
    assert page.list.count() == len(interviews)
    assert page.draw_box.flags.count() == len(draw.age_flags) and "Underage worker" in page.draw_box.flags.item(0).text() + \
        page.draw_box.flags.item(1).text()
    assert "seed 4242" in page.draw_box.draw_label.text()


def test_age_flag_button_asks_the_checklist_for_an_underage_nc(qtbot, page, ops, roster_file, monkeypatch):
    path, _ = roster_file
    load_roster(qtbot, page, path, monkeypatch)
    qtbot.mouseClick(page.draw_box.draw_button, Qt.MouseButton.LeftButton)
    settle(ops)
    asked = []
    page.ctx.request_finding.connect(lambda area, hints: asked.append(hints))
    underage_row = next(i for i in range(page.draw_box.flags.count()) if "Underage" in page.draw_box.flags.item(i).text())
    page.draw_box.flags.setCurrentRow(underage_row)
    qtbot.mouseClick(page.draw_box.raise_flag_button, Qt.MouseButton.LeftButton)
    assert asked[0]["tag"] == "underage" and "15 years old" in asked[0]["description"]


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


def test_add_group_interview(qtbot, page, store, ops):
    qtbot.mouseClick(page.add_group_button, Qt.MouseButton.LeftButton)
    settle(ops)
    with store.session() as s:
        iv = s.scalars(select(Interview)).one()
    assert (iv.code, iv.kind, iv.group_size) == ("G-01", "group", 4)
    assert page.list.count() == 1 and page.list.isVisible()
