"""Opening meeting, factory tour and document review: store -> widgets and widgets -> store."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from audit_states import mark_finalized
from pages_helpers import write_photo
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from auditor_app.audits import link_photo
from auditor_app.checklist.loader import load_checklist
from auditor_app.store.models import (
    Audit,
    DocumentCheck,
    Event,
    FactoryProfile,
    Meeting,
    TourArea,
)
from auditor_app.store.evidence import import_photo
from auditor_app.store.types import format_utc, parse_utc, utcnow
from auditor_app.ui.context import AuditContext
from auditor_app.ui.pages.documents import DocumentsPage
from auditor_app.ui.pages.opening import OpeningPage
from auditor_app.ui.pages.tour import TourPage


@pytest.fixture
def ctx(store, ops, make_audit):
    audit_id = make_audit()
    with store.session() as session:
        version = session.get(Audit, audit_id).checklist_version
    return AuditContext(store, audit_id, load_checklist(version), ops)


def page(qtbot, cls, ctx):
    widget = cls(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def opening_meeting(store, audit_id) -> Meeting:
    with store.session() as session:
        return session.scalars(select(Meeting).where(Meeting.audit_id == audit_id, Meeting.kind == "opening")).one()


def click_box(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


# ---- opening meeting ----

def test_opening_page_shows_what_is_stored(qtbot, store, ctx):
    signed = utcnow()
    with store.transaction() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.audit_id == ctx.audit_id,
                                                        Meeting.kind == "opening")).one()
        meeting.attendees = [{"name": "Zhang Min", "title": "HR manager", "side": "factory"},
                             {"name": "Li Wei", "title": "Lead auditor", "side": "audit"}]
        meeting.forms_signed = {"nda": format_utc(signed)}
        meeting.consents = {"photos": True}
        meeting.documents_confirmed = True
        profile = session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == ctx.audit_id)).one()
        profile.contact_name = "Zhang Min"
    opening = page(qtbot, OpeningPage, ctx)

    assert opening.attendee_rows() == [{"name": "Zhang Min", "title": "HR manager", "side": "factory"},
                                       {"name": "Li Wei", "title": "Lead auditor", "side": "audit"}]
    assert opening.form_boxes["nda"].isChecked() and not opening.form_boxes["integrity_declaration"].isChecked()
    # On-site times read as in the factory (China), whatever zone the laptop is in.
    local = signed.astimezone(ZoneInfo("Asia/Shanghai"))
    assert opening.form_edits["nda"].dateTime().toString("yyyy-MM-dd HH:mm") == local.strftime("%Y-%m-%d %H:%M")
    assert "UTC+08:00" in opening.form_times["nda"].text()
    assert opening.consent_boxes["photos"].isChecked() and not opening.consent_boxes["visit"].isChecked()
    assert opening.documents_confirmed.isChecked() and not opening.profile_confirmed.isChecked()
    assert opening.profile_edits["name_local"].text() == "东莞明星玩具有限公司"
    assert opening.profile_edits["contact_name"].text() == "Zhang Min"
    assert opening.profile_counts["headcount_female"].value() == 180
    assert opening.departments.text() == "injection moulding, assembly"
    assert opening.completion() == (4, 9)


def test_opening_page_edits_end_in_the_store(qtbot, store, ctx):
    opening = page(qtbot, OpeningPage, ctx)
    team = [(opening.attendees.item(r, 0).text(), opening.attendees.cellWidget(r, 2).currentText())
            for r in range(opening.attendees.rowCount())]
    assert team and all(side.lower().startswith("audit") for _, side in team)  # the team is listed already
    qtbot.mouseClick(opening.add_attendee_button, Qt.MouseButton.LeftButton)
    last = opening.attendees.rowCount() - 1
    opening.attendees.item(last, 0).setText("Zhang Min")
    opening.attendees.item(last, 1).setText("General manager")
    click_box(qtbot, opening.form_boxes["integrity_declaration"])
    click_box(qtbot, opening.consent_boxes["interviews"])
    click_box(qtbot, opening.profile_confirmed)
    qtbot.mouseClick(opening.notes, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(opening.notes, "Scope explained; audit is sample-based.")

    def stored():
        m = opening_meeting(store, ctx.audit_id)
        return (m.attendees[-1] == {"name": "Zhang Min", "title": "General manager", "side": "factory"}
                and len(m.attendees) == len(team) + 1
                and "integrity_declaration" in m.forms_signed and m.consents == {"interviews": True}
                and m.profile_confirmed and m.notes == "Scope explained; audit is sample-based.")
    qtbot.waitUntil(stored, timeout=3000)
    m = opening_meeting(store, ctx.audit_id)
    assert m.held_at is not None
    assert opening.form_times["integrity_declaration"].text().startswith("at")
    edit = opening.form_edits["integrity_declaration"]
    assert edit.isVisible()
    # signed earlier than ticked: the auditor corrects the time, in the factory's local time
    edit.setDateTime(edit.dateTime().fromString("2026-11-18 08:40", "yyyy-MM-dd HH:mm"))
    edit.editingFinished.emit()
    def corrected():
        signed = opening_meeting(store, ctx.audit_id).forms_signed["integrity_declaration"]
        return ctx.time_text(parse_utc(signed), "%Y-%m-%d %H:%M").startswith("2026-11-18 08:40")
    qtbot.waitUntil(corrected, timeout=3000)
    with store.session() as session:
        note_updates = [e for e in session.scalars(select(Event).where(Event.entity == "meeting",
                                                                       Event.action == "update"))
                        if "notes" in e.changes]
    assert len(note_updates) == 1, "typing is debounced into one logged change"


def test_profile_edits_are_stored_and_logged(qtbot, store, ctx):
    opening = page(qtbot, OpeningPage, ctx)
    edit = opening.profile_edits["address"]
    edit.selectAll()
    qtbot.keyClicks(edit, "14 Industrial Rd, Dongguan")
    spin = opening.profile_counts["headcount_migrant"]
    spin.selectAll()
    qtbot.keyClicks(spin, "95")

    def stored():
        with store.session() as session:
            p = session.scalars(select(FactoryProfile).where(FactoryProfile.audit_id == ctx.audit_id)).one()
            return p.address == "14 Industrial Rd, Dongguan" and p.headcount_migrant == 95
    qtbot.waitUntil(stored, timeout=3000)
    with store.session() as session:
        changes = [e.changes for e in session.scalars(select(Event).where(
            Event.entity == "factory_profile", Event.action == "update"))]
    assert any(c.get("address") == ["12 Industrial Rd, Dongguan", "14 Industrial Rd, Dongguan"] for c in changes)


# ---- factory tour ----

def test_tour_starts_empty_and_adds_the_usual_areas(qtbot, store, ctx):
    tour = page(qtbot, TourPage, ctx)
    assert tour.right.currentWidget() is tour.empty and tour.completion() == (0, 0)
    qtbot.mouseClick(tour.suggest_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tour.area_list.count() == 4, timeout=3000)
    with store.session() as session:
        areas = {(a.kind, a.name) for a in session.scalars(select(TourArea))}
    # From the profile: two departments (named as recorded), a dormitory, no canteen.
    assert areas == {("production", "injection moulding"), ("production", "assembly"),
                     ("warehouse", "Warehouse"), ("dormitory", "Dormitory")}
    assert tour.right.currentWidget() is tour.editor


def test_tour_observations_and_visit_are_stored_and_raise_nc_asks_the_checklist(qtbot, store, ctx, tmp_path):
    with store.transaction() as session:
        session.add(TourArea(audit_id=ctx.audit_id, kind="dormitory", name="Dormitory block A"))
    tour = page(qtbot, TourPage, ctx)
    assert tour.name.text() == "Dormitory block A"
    click_box(qtbot, tour.visited)
    qtbot.mouseClick(tour.observations, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tour.observations, "Fire exit on floor 3 locked")

    def stored():
        with store.session() as session:
            area = session.scalars(select(TourArea)).one()
            return area.observations == "Fire exit on floor 3 locked" and area.visited_at is not None
    qtbot.waitUntil(stored, timeout=3000)
    qtbot.waitUntil(lambda: tour.completion() == (1, 1))
    photo = import_photo(store, ctx.audit_id, write_photo(tmp_path / "exit.jpg"))
    with store.transaction() as session:
        link_photo(session, photo.evidence_id, "area", tour.current_area_id(), True)
    with qtbot.waitSignal(ctx.request_finding) as blocker:
        qtbot.mouseClick(tour.raise_button, Qt.MouseButton.LeftButton)
    area_id, hints = blocker.args
    assert area_id == tour.current_area_id() and hints["tour_area_id"] == area_id
    assert hints["evidence_ids"] == [photo.evidence_id]  # the area's photos come ticked in the NC editor


# ---- document review ----

def test_documents_page_lists_the_request_list_with_status_and_periods(qtbot, store, ctx):
    with store.transaction() as session:
        first = session.scalars(select(DocumentCheck).where(DocumentCheck.audit_id == ctx.audit_id)
                                .order_by(DocumentCheck.created_at, DocumentCheck.id)).first()
        first.status = "missing"
        first.periods = ["2026-10 (latest)", "2026-08 (peak season)"]
        first_name = first.name
        total = session.query(DocumentCheck).filter_by(audit_id=ctx.audit_id).count()
    docs = page(qtbot, DocumentsPage, ctx)
    assert docs.table.rowCount() == total
    assert docs.table.item(0, 0).text() == first_name and docs.table.item(0, 2).text() == "missing"
    assert docs.findChild(type(docs.status_buttons.buttons()[0]), "status-missing").isChecked()
    assert docs.period_edits["latest"].text() == "2026-10" and docs.period_edits["peak season"].text() == "2026-08"
    assert docs.period_edits["low season"].text() == ""
    assert docs.completion() == (1, total)
    assert not docs.raise_button.isVisible()


def test_inconsistent_document_is_stored_and_offers_a_record_inconsistency_nc(qtbot, store, ctx):
    docs = page(qtbot, DocumentsPage, ctx)
    docs.table.setCurrentCell(1, 0)
    doc_id = docs.current_id()
    inconsistent = [b for b in docs.status_buttons.buttons() if b.property("status") == "inconsistent"][0]
    qtbot.mouseClick(inconsistent, Qt.MouseButton.LeftButton, pos=QPoint(8, inconsistent.height() // 2))
    assert docs.raise_button.isVisible()
    qtbot.mouseClick(docs.period_edits["latest"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(docs.period_edits["latest"], "2026-10")
    qtbot.mouseClick(docs.notes, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(docs.notes, "Two sets of time cards")

    def stored():
        with store.session() as session:
            check = session.get(DocumentCheck, doc_id)
            return (check.status, check.periods, check.notes) == (
                "inconsistent", ["2026-10 (latest)"], "Two sets of time cards")
    qtbot.waitUntil(stored, timeout=3000)
    assert docs.current_id() == doc_id, "the selection stays on the document being edited"
    with qtbot.waitSignal(ctx.request_finding) as blocker:
        qtbot.mouseClick(docs.raise_button, Qt.MouseButton.LeftButton)
    area_id, hints = blocker.args
    assert area_id == "" and hints["record_inconsistency"] and hints["document_check_id"] == doc_id
    assert "Two sets of time cards" in hints["description"]


def test_pages_refuse_edits_on_a_finalized_audit(qtbot, store, ctx):
    with store.transaction() as session:
        mark_finalized(session, ctx.audit_id)
    opening = page(qtbot, OpeningPage, ctx)
    docs = page(qtbot, DocumentsPage, ctx)
    # read-only, not greyed out: text at full contrast and selectable, ticks show but take no clicks
    assert opening.isEnabled() and opening.notes.isEnabled() and opening.notes.isReadOnly()
    assert opening.departments.isReadOnly() and not opening.add_attendee_button.isEnabled()
    before = opening.has_canteen.isChecked()
    qtbot.mouseClick(opening.has_canteen, Qt.MouseButton.LeftButton)
    assert opening.has_canteen.isChecked() == before and opening.has_canteen.isEnabled()
    assert opening.attendees.editTriggers() == opening.attendees.EditTrigger.NoEditTriggers
    assert docs.notes.isReadOnly() and docs.notes.isEnabled()


def test_documents_handed_over_together_are_marked_received_at_once(qtbot, store, ctx):
    docs = page(qtbot, DocumentsPage, ctx)
    docs.table.selectRow(0)
    qtbot.mouseClick(docs.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     docs.table.visualItemRect(docs.table.item(2, 0)).center())
    chosen = docs.selected_ids()
    assert len(chosen) == 3
    received = next(b for b in docs.status_buttons.buttons() if b.property("status") == "received")
    qtbot.mouseClick(received, Qt.MouseButton.LeftButton)

    def stored():
        with store.session() as s:
            statuses = {c.id: c.status for c in s.scalars(select(DocumentCheck))}
        return [statuses[i] for i in chosen] == ["received"] * 3 and list(statuses.values()).count("received") == 3
    qtbot.waitUntil(stored, timeout=3000)
