"""Building a realistic audit, and crafting (hostile) packages by hand with `zipfile`."""

from __future__ import annotations

from complete_audit import complete_audit

import io
import json
import struct
import warnings
import zipfile
from datetime import date, timedelta
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select

from auditor_app.audits.lifecycle import finalize
from auditor_app.package.limits import MANIFEST
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store
from auditor_app.store.evidence_files import EvidenceFiles
from auditor_app.store.models import (
    AUDIT_TABLES, Answer, AreaEvidence, Audit, CapItem, DocumentCheck, Event, Evidence,
    FactoryProfile, Finding, FindingEvidence, FindingInterview, Interview, Meeting, SampleDraw, Signature,
    StageProgress, TourArea,
)
from auditor_app.store.canonical import canonical_bytes, sha256_hex
from auditor_app.store.types import utcnow


def jpeg_bytes(color: tuple[int, int, int], size=(64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def png_bytes() -> bytes:
    img = Image.new("L", (120, 40), 255)
    for x in range(10, 110):
        img.putpixel((x, 20 + (x % 7) - 3), 0)  # a scribble, like a drawn signature
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def build_audit(store, *, sealed: bool = False, interview_links: bool = True, area_links: bool = True) -> str:
    """An IAA audit of a Chinese toy factory with every kind of row the store knows.

    `interview_links=False` leaves finding_interview empty, as an app before schema 0005 would;
    `area_links=False` leaves area_evidence empty, as an app without that table would."""
    files = EvidenceFiles(store.folder)
    now = utcnow()
    photos = [("wage-board.jpg", jpeg_bytes((200, 30, 30))), ("fire-exit.jpg", jpeg_bytes((30, 160, 40)))]
    shas = [files.put_bytes(data) for _name, data in photos]
    with store.transaction() as s:
        audit = Audit(audit_type="IAA", checklist_version="4.0", planned_start=date(2026, 11, 17),
                      actual_start=date(2026, 11, 18), team=[{"name": "Li Wei", "role": "lead auditor"}],
                      audit_firm="Pearl River Audits", previously_certified=True, notes="unannounced")
        s.add(audit)
        s.flush()
        s.add(FactoryProfile(audit_id=audit.id, name="Dongguan Happy Toys Co., Ltd.",
                             name_local="东莞欢乐玩具有限公司", address_local="广东省东莞市长安镇",
                             headcount_male=180, headcount_female=240, headcount_migrant=300,
                             departments=["注塑", "assembly", "painting"], has_dormitory=True))
        s.add(StageProgress(audit_id=audit.id, stage="opening", status="done"))
        s.add(Meeting(audit_id=audit.id, kind="opening", held_at=now,
                      attendees=[{"name": "王经理", "title": "HR manager", "side": "factory"}],
                      consents={"visit": True, "photos": True, "interviews": True}))
        s.add(Meeting(audit_id=audit.id, kind="closing"))
        area = TourArea(audit_id=audit.id, kind="production", name="Injection moulding hall")
        docs = DocumentCheck(audit_id=audit.id, name="Time records", periods=["2026-10 (latest)"])
        s.add_all([area, docs])
        s.add_all([Answer(audit_id=audit.id, checkpoint_id="11.1", answer="nc", note="wages late"),
                   Answer(audit_id=audit.id, checkpoint_id="9.3", answer="yes")])
        wage = Finding(audit_id=audit.id, checkpoint_id="11.1", grade="critical",
                       description="October wages paid 12 days late", workers_affected=420, systemic=True)
        exit_ = Finding(audit_id=audit.id, checkpoint_id="9.3", grade="major",
                        description="Fire exit blocked by cartons", tour_area_id=None)
        s.add_all([wage, exit_])
        s.flush()
        exit_.tour_area_id = area.id
        s.add_all([CapItem(audit_id=audit.id, finding_id=wage.id, root_cause="cash flow",
                           corrective_action="pay on the 25th", due_date=date.today() + timedelta(days=30)),
                   CapItem(audit_id=audit.id, finding_id=exit_.id, corrective_action="clear the exit")])
        ev = [Evidence(audit_id=audit.id, sha256=sha, original_name=name, media_type="image/jpeg",
                       size=len(data), width=64, height=48, captured_at=now, caption="现场照片")
              for sha, (name, data) in zip(shas, photos)]
        s.add_all(ev)
        s.flush()
        s.add_all([FindingEvidence(audit_id=audit.id, finding_id=wage.id, evidence_id=ev[0].id),
                   FindingEvidence(audit_id=audit.id, finding_id=exit_.id, evidence_id=ev[1].id)])
        if area_links:
            s.add(AreaEvidence(audit_id=audit.id, tour_area_id=area.id, evidence_id=ev[1].id))
        interview = Interview(audit_id=audit.id, code="W-07", stratum={"department": "assembly", "gender": "F"},
                              conducted_at=now, notes="confidential",
                              quotes=[{"text": "加班是自愿的", "quotable": True}])
        s.add(interview)
        if interview_links:
            s.flush()
            s.add(FindingInterview(audit_id=audit.id, finding_id=wage.id, interview_id=interview.id))
        s.add(SampleDraw(audit_id=audit.id, seed=20261118, size=2, roster_workers=420, drawn_at=now,
                         drawn=[{"code": "W-07", "stratum": {"department": "assembly"}, "reasons": []}]))
        png = png_bytes()
        s.add_all([Signature(audit_id=audit.id, role="factory_manager", name="王伟", title="GM",
                             has_authority=True, signed_at=now, image_png=png, image_sha256=sha256_hex(png)),
                   Signature(audit_id=audit.id, role="auditor", name="Li Wei", signed_at=now,
                             image_png=png, image_sha256=sha256_hex(png))])
        audit_id = audit.id
    with store.transaction() as s:  # an edit after creation, so the chain has updates too
        s.get(Audit, audit_id).actual_end = date(2026, 11, 19)
    if sealed:
        with store.transaction() as s:
            complete_audit(s, audit_id)
            finalize(s, audit_id, folder=store.folder)
    return audit_id


def store_contents(folder: DataFolder) -> dict:
    """What a data folder holds: row counts per table, events, evidence and temp files."""
    store = open_store(folder, actor="checker")
    try:
        with store.session() as s:
            counts = {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in AUDIT_TABLES}
            counts["event"] = s.scalar(select(func.count()).select_from(Event))
    finally:
        store.close()
    counts["evidence_files"] = sorted(p.name for p in folder.evidence.rglob("*") if p.is_file())
    counts["incoming_files"] = sorted(p.name for p in folder.incoming.rglob("*") if p.is_file())
    return counts


def read_members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_zip(dst, entries) -> None:
    """Write (name or ZipInfo, bytes) pairs as they are: duplicates and odd names included."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names: that is the point
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries:
                zf.writestr(name, data)


def repack(src, dst, *, replace: dict | None = None, drop=(), fix_manifest: bool = True,
           edit_manifest=None, edit_json: dict | None = None) -> dict:
    """Rebuild a package with members replaced, dropped or added.

    `edit_json` maps a member name to a function that edits its parsed JSON in place.
    With `fix_manifest`, the manifest's member list is recomputed so that only the intended
    problem remains; `edit_manifest` then edits the manifest. Returns the manifest written.
    """
    members = read_members(src)
    for name, edit in (edit_json or {}).items():
        value = json.loads(members[name])
        edit(value)
        members[name] = canonical_bytes(value)
    members.update(replace or {})
    for name in drop:
        members.pop(name, None)
    manifest = json.loads(members.pop(MANIFEST))
    if fix_manifest:
        manifest["members"] = [{"path": n, "size": len(d), "sha256": sha256_hex(d)} for n, d in members.items()]
    if edit_manifest:
        edit_manifest(manifest)
    manifest_bytes = manifest if isinstance(manifest, bytes) else canonical_bytes(manifest)
    write_zip(dst, [(MANIFEST, manifest_bytes), *members.items()])
    return manifest


def patch_declared_size(path, name: str, size: int) -> None:
    """Make the zip headers (local and central) claim `size` uncompressed bytes for one member."""
    data = bytearray(Path(path).read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(name).header_offset
    struct.pack_into("<I", data, local + 22, size)
    encoded = name.encode()
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + name_len]) == encoded:
            struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    Path(path).write_bytes(bytes(data))
