"""A review gone once round, for the README screens (`screenshots.py` 10-review, 11-revision-diff):
two data folders under `home` (the auditor's laptop and the lead's), the demo's sealed audit handed
over, commented on and returned by the lead, answered, corrected in revision 2 (a grade and a CAP
action), sealed and resubmitted; the lead's laptop has just opened revision 2. All through the same
operations and files the window uses (docs/review.md)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from auditor_app.audits import change_grade, finalize, new_revision, sign_cap, update_cap_item
from auditor_app.audits.operation import run_operation
from auditor_app.demo import _signature_png
from auditor_app.demo.previous import create_previous_audit
from auditor_app.package.document import audit_document
from auditor_app.package.export import export_audit
from auditor_app.paths import DataFolder
from auditor_app.review import actions
from auditor_app.review.files import open_for_review, write_review_package
from auditor_app.store.db import open_store

AUDITOR, LEAD, FIRM = "Li Na 李娜", "Wang Fang 王芳", "Pearl River Audits"


def _by_checkpoint(store, audit_id: str, table: str, checkpoint: str) -> dict:
    with store.session(read_only=True) as session:
        document = audit_document(session, audit_id)
    finding = next(f for f in document["finding"] if f["checkpoint_id"] == checkpoint and not f["deleted_at"])
    if table == "finding":
        return finding
    return next(c for c in document["cap_item"] if c["finding_id"] == finding["id"])


def build(home: Path):
    """(the lead's store, the id of revision 2): resubmitted, open on the lead's laptop."""
    auditor = open_store(DataFolder(home / "auditor-laptop").ensure(), actor="li.na")
    lead = open_store(DataFolder(home / "lead-laptop").ensure(), actor="wang.fang")
    try:
        first = create_previous_audit(auditor, _signature_png)
        handed = export_audit(auditor, first, home / "audit-r1.escp").path
        open_for_review(lead, handed, author=LEAD, firm=FIRM)
        said = {}
        for key, kind, target, text in (
                ("contract", "finding", _by_checkpoint(lead, first, "finding", "6.2.2")["id"],
                 "11 of 20 is most of the sample: is this isolated? The grade should say so."),
                ("kiosk", "cap_item", _by_checkpoint(lead, first, "cap_item", "12.1.5")["id"],
                 "A kiosk in the 2026 budget is not a corrective action: what do workers see until then?"),
                ("headcount", "field", "factory_profile.headcount_male", "Check against the roster.")):
            said[key] = run_operation(lead, actions.comment, first, kind, target, text, folder=lead.folder,
                                      author=LEAD, firm=FIRM).result
        run_operation(lead, actions.return_for_rework, first, folder=lead.folder, author=LEAD, firm=FIRM,
                      text="Two points on the CAP, see the comments.")
        write_review_package(lead, first, home / "returned.escp")

        open_for_review(auditor, home / "returned.escp", author=AUDITOR)
        for key, text in (("contract", "Yes: 11 of 20, systemic. Grade corrected in revision 2."),
                          ("kiosk", "Monthly printed summaries posted from this month; kiosk stays as prevention.")):
            run_operation(auditor, actions.answer, said[key]["id"], text, folder=auditor.folder, author=AUDITOR)
        second = run_operation(auditor, new_revision, first).result.id
        contract = _by_checkpoint(auditor, second, "finding", "6.2.2")
        kiosk = _by_checkpoint(auditor, second, "cap_item", "12.1.5")
        with auditor.transaction() as session:
            change_grade(session, contract["id"], "critical" if contract["grade"] != "critical" else "major")
            update_cap_item(session, kiosk["id"], "corrective_action",
                            "Post each worker's monthly time summary on the notice board, signed by HR.")
            when = datetime(2025, 11, 28, 8, 0, tzinfo=timezone.utc)
            for role, name, title, seed in (("factory_manager", "Wu Meiling 吴美玲", "General Manager", 1),
                                            ("auditor", AUDITOR, "Lead auditor", 2)):
                sign_cap(session, second, role, name=name, title=title, has_authority=role == "factory_manager",
                         image_png=_signature_png(name, seed), at=when)
        with auditor.transaction() as session:
            finalize(session, second, folder=auditor.folder)
        run_operation(auditor, actions.resubmit, second, folder=auditor.folder, author=AUDITOR,
                      text="Corrected as asked.")
        write_review_package(auditor, second, home / "audit-r2.escp")
        open_for_review(lead, home / "audit-r2.escp", author=LEAD, firm=FIRM)
    finally:
        auditor.close()
    return lead, second
