"""The demo audit: what `make run` shows a newcomer on first start.

A two-day annual audit of a toy factory in Dongguan with findings of every grade, photos, the
opening meeting, tour, document review, an interview sample drawn from a real-looking roster,
interviews, the CAP filled in and signed by both sides - everything but Finalize, which is left
for the newcomer to try (`auditor-app check` lists what is still open). Beside it, the factory's
previous audit, finalized and sealed (`demo/previous.py`), and a Progress Visit started from that
previous audit, its CAP waiting to be verified item by item.
"""

from __future__ import annotations

import hashlib
import io
import random
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import select

from auditor_app.audits import (
    add_finding,
    add_group_interview,
    add_tour_area,
    cite_interviews,
    create_audit,
    mark_area_visited,
    record_draw,
    set_answer,
    set_consent,
    set_stage,
    sign_cap,
    sign_form,
    start_follow_up,
    update_audit,
    update_cap_item,
    update_document_check,
    update_interview,
    update_meeting,
    update_tour_area,
)
from auditor_app.audits.questionnaire import import_questionnaire
from auditor_app.audits.worker_survey import record_survey_response
from auditor_app.audits.meetings import meeting_of
from auditor_app.checklist.age_flags import age_flags, public_flags
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.roster import read_roster
from auditor_app.checklist.sampling import plan_audit
from auditor_app.checklist.selection import draw_sample
from auditor_app.audits.demo_marker import demo_draft_id
from auditor_app.demo import content
from auditor_app.demo.photos import demo_photo
from auditor_app.kept_rosters import KeptRosters
from auditor_app.demo.previous import create_previous_audit
from auditor_app.resources import resources_dir
from auditor_app.store.db import Store
from auditor_app.store.evidence import import_photo
from auditor_app.store.models import DocumentCheck, Interview
from auditor_app.store.vocab import CONSENTS, FORMS, STAGES

CST = timezone(timedelta(hours=8))  # China Standard Time, where the demo factory is
SEED = 20261118
PV_DAY = date(2026, 2, 24)  # the demo's Progress Visit, three months after the previous audit


def ensure_demo(store: Store) -> str:
    """The demo audit's id, creating it when the data folder has no audit of the demo factory."""
    with store.session() as session:
        existing = demo_draft_id(session)
    return existing or create_demo_audit(store)


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 17 + day, hour, minute, tzinfo=CST).astimezone(timezone.utc)


def _signature_png(name: str, seed: int) -> bytes:
    """A hand-drawn-looking stroke: what the signature pad would have stored."""
    rng = random.Random(seed)
    img = Image.new("RGBA", (480, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    x, y = 30, 90
    points = [(x, y)]
    for _ in range(len(name) * 3):
        x += rng.randint(8, 18)
        y = max(30, min(130, y + rng.randint(-35, 35)))
        points.append((x, y))
    draw.line(points, fill=(20, 30, 90, 255), width=4, joint="curve")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def create_demo_audit(store: Store) -> str:
    """The demo audit, written through the same operations the window uses."""
    checklist = load_checklist()
    previous_id = create_previous_audit(store, _signature_png)
    with store.transaction() as session:
        audit_id = create_audit(session, factory=content.FACTORY, checklist_version=checklist.version,
                                follows_id=previous_id, **content.AUDIT).id
        update_audit(session, audit_id, actual_start=content.ACTUAL_START)
        _meetings(session, audit_id)
        areas = _tour(session, audit_id)
        _documents(session, audit_id)
    findings = _findings(store, audit_id, areas)
    _photos(store, audit_id, findings, areas)
    with store.transaction() as session:
        _answers(session, audit_id, checklist, {cp for cp, _f in findings})
        _interviews(session, audit_id, dict(findings))
        _signatures(session, audit_id)
        for stage in STAGES:
            set_stage(session, audit_id, stage, "done" if stage != "closing" else "in_progress")
    # The roster stays on the laptop as after a real import: the call list and replacements work.
    roster_file = resources_dir() / "demo" / "roster-demo.csv"
    KeptRosters(store.folder).keep(audit_id, roster_file.read_bytes(), roster_file.name)
    # A Progress Visit to walk through: three months after last year's certification audit, built on
    # its CAP (every item to verify on Document review > Previous CAP).
    with store.transaction() as session:
        pv = start_follow_up(session, previous_id, audit_type="PV", planned_start=PV_DAY, planned_end=PV_DAY,
                             team=[{"name": "Chen Jing 陈静", "role": "PV specialist"}])
        # The factory's questionnaire as it came back before the visit (GBK, Chinese headings).
        import_questionnaire(session, pv.id, resources_dir() / "demo" / "pv-questionnaire-demo.csv")
        for answers in content.SURVEY_STARTED:  # the worker survey under way: five of the workers
            record_survey_response(session, pv.id, answers)
    return audit_id


def _meetings(session, audit_id: str) -> None:
    opening, closing = meeting_of(session, audit_id, "opening"), meeting_of(session, audit_id, "closing")
    update_meeting(session, opening.id, attendees=content.ATTENDEES, held_at=_at(1, 8, 30),
                   documents_confirmed=True, profile_confirmed=True,
                   notes="Transparency explained. Management disclosed the printing workshop in "
                         "Building C and two underage workers in packing before the tour.")
    for form in FORMS:
        sign_form(session, opening.id, form, True, at=_at(1, 8, 50))
    for consent in CONSENTS:
        set_consent(session, opening.id, consent, True)
    update_meeting(session, closing.id, attendees=content.ATTENDEES, held_at=_at(2, 16, 0), factory_position="partly",
                   disagreements="Disputes 12.3.1: says the workers volunteered for the overtime (signed requests).",
                   notes="Findings presented; the factory agreed with all NCs but one (see CAP). The Zero Tolerance "
                         "finding will be reported to the program within 24 hours.",
                   zt_notice_to="ESCP program office (e-mail to the certification team)", zt_notice_at=_at(2, 18, 30))


def _tour(session, audit_id: str) -> list[str]:
    ids = []
    for n, (kind, name, observations) in enumerate(content.TOUR_AREAS):
        area_id = add_tour_area(session, audit_id, kind, name)
        update_tour_area(session, area_id, observations=observations)
        mark_area_visited(session, area_id, True, at=_at(1, 9, 30 + n * 5))
        ids.append(area_id)
    return ids


def _documents(session, audit_id: str) -> None:
    rows = session.scalars(select(DocumentCheck).where(DocumentCheck.audit_id == audit_id)
                           .order_by(DocumentCheck.created_at, DocumentCheck.id)).all()
    periods = ["2026-10 (latest)", "2026-03 (low season)", "2026-08 (peak season)"]
    for n, row in enumerate(rows):
        text = row.name.lower()
        if "payroll" in text:
            update_document_check(session, row.id, status="inconsistent", periods=periods,
                                  notes="Two payroll sets for August: the one presented shows fewer overtime hours.")
        elif any(word in text for word in ("time records", "pay slips", "bank transfer", "gate")):
            update_document_check(session, row.id, status="received", periods=periods)
        elif n % 11 == 5:
            update_document_check(session, row.id, status="missing",
                                  notes="Not available on the day; promised by the closing meeting.")
        else:
            update_document_check(session, row.id, status="received")


def _findings(store: Store, audit_id: str, areas: list[str]) -> list[tuple[str, str]]:
    out = []
    with store.transaction() as session:
        for checkpoint_id, fields, _photo, area, cap in content.FINDINGS:
            fields = dict(fields)
            if area is not None:
                fields["tour_area_id"] = areas[area]
            finding = add_finding(session, audit_id, checkpoint_id, **fields)
            corrective, preventive = cap
            cap_fields = {"corrective_action": corrective, "preventive_action": preventive,
                          "root_cause": "No owner for this requirement in the factory's procedures.",
                          "responsible_person": content.FACTORY["contact_name"],
                          "verification_method": "Follow-up audit: documents, tour and worker interviews."}
            if checkpoint_id == "12.3.1":
                cap_fields["factory_position"] = "dispute"
                cap_fields["factory_comment"] = "工人自愿加班，已签署自愿加班申请书。 Workers volunteered; signed requests on file."
            assert finding.cap is not None  # add_finding adds the NC's CAP item
            for field, value in cap_fields.items():
                update_cap_item(session, finding.cap.id, field, value)
            out.append((checkpoint_id, finding.id))
    return out


def _photos(store: Store, audit_id: str, findings: list[tuple[str, str]], areas: list[str]) -> None:
    by_checkpoint = dict(findings)
    with tempfile.TemporaryDirectory() as tmp:
        shots: list[tuple[str, str | None, str | None, str]] = [  # kind, checkpoint, area, caption
            (kind, cp, areas[area] if area is not None else None, f"{cp}: {fields['description'][:70]}")
            for cp, fields, kind, area, _cap in content.FINDINGS if kind]
        shots += [(kind, None, areas[area], caption) for kind, area, caption in content.EXTRA_PHOTOS]
        for n, (kind, checkpoint_id, area_id, caption) in enumerate(shots):
            path = Path(tmp) / f"IMG_2026111{8 + n // 4}_{10 + n:02d}3{n}.jpg"
            path.write_bytes(demo_photo(kind, _at(1, 10, 5 + n * 7).astimezone(CST).replace(tzinfo=None), n))
            import_photo(store, audit_id, path, caption=caption,
                         link_finding_id=by_checkpoint.get(checkpoint_id) if checkpoint_id is not None else None,
                         link_area_id=area_id)


def _answers(session, audit_id: str, checklist, nc_checkpoints: set[str]) -> None:
    na = {"9.5.4", "6.8.1", "6.8.2", "8.6.3", "10.5.1", "6.7.1"}  # no lifts, no foreign workers, no homeworkers
    for checkpoint in checklist.for_audit_type("IAA"):
        if checkpoint.id in nc_checkpoints:
            continue
        set_answer(session, audit_id, checkpoint.id, "na" if checkpoint.id in na else "yes")


def _interviews(session, audit_id: str, finding_ids: dict[str, str]) -> None:
    roster_file = resources_dir() / "demo" / "roster-demo.csv"
    data = roster_file.read_bytes()
    roster = read_roster(data, name=roster_file.name)
    on = content.ACTUAL_START
    plan = plan_audit(content.FACTORY["headcount_male"] + content.FACTORY["headcount_female"],
                      sites=2, shifts=content.FACTORY["shifts"], audit_type="IAA")
    sample = draw_sample(roster, plan.individual_interviews, seed=SEED, on_date=on)
    public = sample.public()
    flags = public_flags(age_flags(roster, on), sample.code_of, on)
    record_draw(session, audit_id, seed=SEED, size=len(sample.drawn), roster_sha256=hashlib.sha256(data).hexdigest(),
                roster_workers=len(roster.workers), plan=plan.__dict__ | {"notes": list(plan.notes)},
                drawn=public["workers"], age_flags=flags, drawn_at=_at(1, 13, 0))
    form_of = {iv.code: iv.id for iv in session.scalars(select(Interview).where(Interview.audit_id == audit_id))}
    # One form per drawn worker (the draw made them); the first ones held, with notes.
    by_note: dict[int, str] = {}  # place in INTERVIEW_NOTES -> the interview that holds it
    individual = [(i, notes, quote) for i, (kind, notes, quote) in enumerate(content.INTERVIEW_NOTES)
                  if kind == "individual"]
    for n, worker in enumerate(sorted(public["workers"], key=lambda w: w["code"])):
        held = n < len(individual) + 8
        index, notes, quote = individual[n] if n < len(individual) else (
            None, "Confirmed hours and pay as recorded.", "")
        if held:
            update_interview(session, form_of[worker["code"]], kind="individual", group_size=1, notes=notes,
                             quotes=[{"text": quote, "quotable": True}] if quote else [], held=True,
                             held_at=_at(1, 14, 0) + timedelta(minutes=15 * n))
        if index is not None:
            by_note[index] = form_of[worker["code"]]
    groups = [(i, notes, quote) for i, (kind, notes, quote) in enumerate(content.INTERVIEW_NOTES)
              if kind == "group"]
    for n, (index, notes, quote) in enumerate(groups, start=1):
        group_id = add_group_interview(session, audit_id, group_size=3 + n,
                                       stratum={"department": "注塑车间" if n == 1 else "包装车间"})
        update_interview(session, group_id, kind="group", group_size=3 + n, notes=notes,
                         quotes=[{"text": quote, "quotable": True}] if quote else [], held=True,
                         held_at=_at(2, 9, 0) + timedelta(minutes=45 * n))
        by_note[index] = group_id
    cites: dict[str, set[str]] = {}
    for index, checkpoints in content.INTERVIEW_CITES.items():
        for checkpoint_id in checkpoints:
            cites.setdefault(finding_ids[checkpoint_id], set()).add(by_note[index])
    for finding_id, interview_ids in cites.items():
        cite_interviews(session, finding_id, interview_ids)


def _signatures(session, audit_id: str) -> None:
    for role, name, title, authority, seed in (
            ("factory_manager", "Wu Meiling 吴美玲", "General Manager", True, 1),
            ("auditor", "Li Na 李娜", "Lead auditor", False, 2)):
        sign_cap(session, audit_id, role, name=name, title=title, has_authority=authority,
                 image_png=_signature_png(name, seed), at=_at(2, 16, 40))
    update_audit(session, audit_id, actual_end=content.ACTUAL_START + timedelta(days=1))
