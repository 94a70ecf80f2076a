"""New audit through the dialog, typed and clicked as an auditor would; what ends up in the store."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from auditor_app.checklist.loader import list_editions
from auditor_app.store.models import (
    Audit,
    DocumentCheck,
    FactoryProfile,
    Meeting,
    StageProgress,
)
from auditor_app.store.vocab import STAGES


def open_dialog(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.new_audit_dialog is not None and window.new_audit_dialog.isVisible())
    return window.new_audit_dialog


def test_create_audit_through_the_dialog_stores_profile_and_assignment(window, qtbot, store):
    dialog = open_dialog(window, qtbot)
    qtbot.keyClicks(dialog.name, "Happy Panda Toys Co.")
    dialog.name_local.insert("快乐熊猫玩具有限公司")  # as an input method does; QTest types Latin-1 only
    qtbot.keyClicks(dialog.address, "8 Harbour Road, Shenzhen")
    qtbot.keyClicks(dialog.connect_id, "F-20931")
    dialog.male.clear()
    qtbot.keyClicks(dialog.male, "240")
    dialog.female.clear()
    qtbot.keyClicks(dialog.female, "310")
    assert dialog.total_label.text() == "total 550"
    qtbot.keyClicks(dialog.departments, "injection moulding, painting, assembly")
    qtbot.mouseClick(dialog.dormitory, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.other_sites, "Warehouse B; 10 Harbour Road; storage")

    dialog.tabs.setCurrentIndex(1)
    dialog.audit_type.setCurrentIndex(dialog.audit_type.findData("PV"))
    assert dialog.announced.isChecked(), "a Progress Visit is announced by default"
    dialog.team.item(0, 0).setText("Chen Jing")
    qtbot.mouseClick(dialog.add_member, Qt.MouseButton.LeftButton)
    dialog.team.item(1, 0).setText("Wang Fang")
    qtbot.keyClicks(dialog.audit_firm, "Asia Audit Partners")
    box = dialog.previously_certified
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.previously_certified.isChecked()
    dialog.current_status.setCurrentIndex(dialog.current_status.findData("certified"))
    dialog.planned_start.setDate(date(2026, 11, 23))
    dialog.planned_end.setDate(date(2026, 11, 24))

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.audit_view is not None)

    with store.session() as session:
        audit = session.scalars(select(Audit)).one()
        profile = session.scalars(select(FactoryProfile)).one()
        stages = {row.stage for row in session.scalars(select(StageProgress))}
        meetings = sorted(m.kind for m in session.scalars(select(Meeting)))
        documents = session.scalars(select(DocumentCheck)).all()
    assert (audit.audit_type, audit.announced, audit.audit_firm) == ("PV", True, "Asia Audit Partners")
    assert audit.team == [{"name": "Chen Jing", "role": "lead auditor"}, {"name": "Wang Fang", "role": "auditor"}]
    assert (audit.planned_start, audit.planned_end) == (date(2026, 11, 23), date(2026, 11, 24))
    assert audit.previously_certified and audit.current_status == "certified"
    assert audit.checklist_version == list_editions()[-1][0], "the newest edition is the default"
    assert (profile.name, profile.name_local, profile.connect_id) == (
        "Happy Panda Toys Co.", "快乐熊猫玩具有限公司", "F-20931")
    assert (profile.headcount_male, profile.headcount_female) == (240, 310)
    assert profile.departments == ["injection moulding", "painting", "assembly"]
    assert profile.has_dormitory and not profile.has_canteen
    assert profile.other_sites == [{"name": "Warehouse B", "address": "10 Harbour Road", "activity": "storage"}]
    assert stages == set(STAGES) and meetings == ["closing", "opening"] and documents
    # The new audit opens on its first stage.
    assert window.audit_view.audit_id == audit.id
    assert window.audit_view.current_stage() == "opening"
    # The next New audit starts with the lead auditor and the firm of this one.
    window.show_list()
    window.new_audit()
    qtbot.waitUntil(lambda: window.new_audit_dialog is not None and window.new_audit_dialog.isVisible())
    again = window.new_audit_dialog
    assert again.team.item(0, 0).text() == "Chen Jing" and again.audit_firm.text() == "Asia Audit Partners"
    again.reject()  # nothing typed about the factory: closes without asking


def test_other_audit_types_default_to_unannounced(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.audit_type.setCurrentIndex(dialog.audit_type.findData("PV"))
    dialog.audit_type.setCurrentIndex(dialog.audit_type.findData("IAA"))
    assert not dialog.announced.isChecked()
    dialog.reject()


def test_missing_fields_are_named_next_to_them_and_nothing_is_stored(window, qtbot, store):
    dialog = open_dialog(window, qtbot)
    dialog.team.item(0, 0).setText("")
    dialog.planned_end.setDate(dialog.planned_start.date().addDays(-1))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible(), "the dialog stays open until the problems are fixed"
    assert dialog.errors["name"].isVisibleTo(dialog) and "factory's name" in dialog.errors["name"].text()
    assert "headcount" in dialog.errors["headcount"].text()
    assert "before the first day" in dialog.errors["dates"].text()
    assert "lead auditor" in dialog.errors["team"].text()
    assert not dialog.errors["audit_firm"].isVisibleTo(dialog)
    assert dialog.tabs.currentIndex() == 0 and dialog.focusWidget() is dialog.name
    with store.session() as session:
        assert session.scalars(select(Audit)).all() == []

    qtbot.keyClicks(dialog.name, "Fixed Name Toys")
    dialog.male.setValue(10)
    assert dialog.problems().keys() == {"dates", "team"}
    dialog.done(0)


def test_status_only_for_previously_certified_factories(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.current_status.setCurrentIndex(dialog.current_status.findData("probation"))
    assert "previously certified" in dialog.problems()["current_status"]
    dialog.previously_certified.setChecked(True)
    assert "current_status" not in dialog.problems()
    dialog.done(0)


def test_cancel_asks_before_discarding_a_typed_profile(window, qtbot, monkeypatch):
    dialog = open_dialog(window, qtbot)
    qtbot.keyClicks(dialog.name, "Half Typed Toys")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or answers.pop(0))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == ["Discard new audit?"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.new_audit_dialog is None)


def test_new_audit_starts_from_a_known_factory_with_its_whole_profile(window, qtbot, store):
    from auditor_app.audits import create_audit, update_profile

    with store.transaction() as s:
        old = create_audit(s, audit_type="IAA", factory={
            "name": "Evergreen Garments", "name_local": "常青服装有限公司", "address": "3 Mill Road, Ningbo",
            "country": "CN", "headcount_male": 80, "headcount_female": 120, "departments": ["cutting", "sewing"],
            "has_dormitory": True, "other_sites": [{"name": "Annex", "address": "5 Mill Road", "activity": "ironing"}]},
            team=[{"name": "Li Wei", "role": "lead auditor"}])
        for field, value in (("contact_name", "Ms Chen"), ("shifts", 2), ("headcount_migrant", 60)):
            update_profile(s, old.id, field, value)
    dialog = open_dialog(window, qtbot)
    combo = dialog.known_factory
    assert combo.count() == 2 and combo.itemText(1).startswith("Evergreen Garments (常青服装有限公司): last audit")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # chosen by keyboard, as an auditor would
    assert dialog.name.text() == "Evergreen Garments" and dialog.total_label.text() == "total 200"
    assert dialog.departments.text() == "cutting, sewing" and dialog.dormitory.isChecked()
    assert dialog.other_sites.toPlainText() == "Annex; 5 Mill Road; ironing"
    dialog.female.setValue(130)  # what changed since
    factory = dialog.values()["factory"]
    assert factory["contact_name"] == "Ms Chen" and factory["shifts"] == 2 and factory["headcount_migrant"] == 60
    assert factory["headcount_female"] == 130
    dialog.team.item(0, 0).setText("Chen Jing")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.audit_view is not None)
    with store.session() as s:
        profiles = s.scalars(select(FactoryProfile).where(FactoryProfile.name == "Evergreen Garments")).all()
    assert len(profiles) == 2
    new = next(p for p in profiles if p.audit_id != old.id)
    assert (new.contact_name, new.shifts, new.headcount_female, new.address) == ("Ms Chen", 2, 130, "3 Mill Road, Ningbo")
