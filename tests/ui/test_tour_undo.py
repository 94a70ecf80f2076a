"""Removing a tour area asks first, and Undo brings it back whole: same id, observations, visit time,
photo links and the NCs that named it; the event log shows each delete, then each re-creation."""

from __future__ import annotations

import pytest
from pages_helpers import make_audit, make_context, write_photo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from waiting import flush

from auditor_app.audits import add_finding
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.evidence import import_photo
from auditor_app.store.models import AreaEvidence, Event, Finding, TourArea
from auditor_app.store.types import utcnow
from auditor_app.ui.pages.tour import TourPage


@pytest.fixture
def audit_id(store):
    return make_audit(store)


@pytest.fixture
def area_setup(store, audit_id, tmp_path):
    """Two areas; the dormitory has observations, a visit time, a photo and an NC that names it."""
    with store.transaction() as s:
        s.add(TourArea(audit_id=audit_id, kind="production", name="Assembly 3F"))
        dorm = TourArea(audit_id=audit_id, kind="dormitory", name="Dormitory block D",
                        observations="Extension leads and a rice cooker in room 312", visited_at=utcnow())
        s.add(dorm)
        s.flush()
        dorm_id = dorm.id
        finding_id = add_finding(s, audit_id, "9.4.1", description="Rear exit chained",
                                 tour_area_id=dorm_id).id
    photo = import_photo(store, audit_id, write_photo(tmp_path / "room312.jpg"), link_area_id=dorm_id)
    return dorm_id, finding_id, photo.evidence_id


@pytest.fixture
def page(qtbot, store, ops, audit_id, area_setup):
    page = TourPage(make_context(store, ops, audit_id))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def snapshot(store, area_id):
    with store.session() as s:
        area = s.get(TourArea, area_id)
        row = None if area is None else (area.kind, area.name, area.observations, area.visited_at, area.created_at)
        links = [(link.id, link.evidence_id)
                 for link in s.scalars(select(AreaEvidence).where(AreaEvidence.tour_area_id == area_id))]
        cited = [f.id for f in s.scalars(select(Finding).where(Finding.tour_area_id == area_id))]
    return row, links, cited


def actions(store, entity, entity_id) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(Event.action).where(Event.entity == entity, Event.entity_id == entity_id)
                              .order_by(Event.seq)))


def select_area(page, area_id):
    ids = [page.area_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.area_list.count())]
    page.area_list.setCurrentRow(ids.index(area_id))
    assert page.current_area_id() == area_id


def test_remove_asks_and_no_keeps_the_area(qtbot, page, store, ops, area_setup, monkeypatch):
    dorm_id, _, _ = area_setup
    before = snapshot(store, dorm_id)
    select_area(page, dorm_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    flush(ops)
    assert snapshot(store, dorm_id) == before
    assert not page.undo_bar.isVisible()


def test_removed_area_comes_back_with_its_observations_photo_links_and_nc(qtbot, page, store, ops, audit_id,
                                                                        area_setup, monkeypatch):
    dorm_id, finding_id, evidence_id = area_setup
    before = snapshot(store, dorm_id)
    assert before[1] and before[1][0][1] == evidence_id and before[2] == [finding_id]
    select_area(page, dorm_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    flush(ops)

    assert snapshot(store, dorm_id) == (None, [], [])
    assert page.area_list.count() == 1
    assert page.undo_bar.isVisible() and "Dormitory block D" in page.undo_bar.label.text()

    qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    flush(ops)
    assert snapshot(store, dorm_id) == before  # same id, text, visit time, link id, NC reference
    assert not page.undo_bar.isVisible()
    assert page.area_list.count() == 2
    select_area(page, dorm_id)
    assert page.observations.toPlainText() == "Extension leads and a rice cooker in room 312"
    assert page.photos_label.text() == "1 photo"

    # The log tells the story: every removal logged (not a silent database cascade), then re-creation.
    link_id = before[1][0][0]
    assert actions(store, "tour_area", dorm_id) == ["create", "delete", "create"]
    assert actions(store, "area_evidence", link_id) == ["create", "delete", "create"]
    assert actions(store, "finding", finding_id)[-2:] == ["update", "update"]
    with store.session() as s:
        assert chain_problems(audit_events(s, audit_id)) == []


def test_ctrl_z_undoes_the_removal(qtbot, page, store, ops, area_setup, monkeypatch):
    dorm_id, _, _ = area_setup
    before = snapshot(store, dorm_id)
    select_area(page, dorm_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    flush(ops)
    page.area_list.setFocus()
    page.undo_bar.shortcut.activated.emit()  # what Ctrl+Z does where the focus is not in a text box
    flush(ops)
    assert snapshot(store, dorm_id) == before
