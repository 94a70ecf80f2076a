"""Change history from the event log: who changed what, when; anything after the factory signed flagged."""

from __future__ import annotations

from sqlalchemy import select

from auditor_app.audits.closing import sign_cap, update_cap_item
from auditor_app.review.history import change_history, history_lines
from auditor_app.store.eventlog import audit_events
from auditor_app.store.models import CapItem, Signature

from tests.complete_audit import PNG
from tests.package.crafting import build_audit


def test_changes_after_the_factory_signed_are_flagged(auditor_store):
    audit_id = build_audit(auditor_store)  # a draft whose CAP both sides signed
    with auditor_store.transaction() as session:
        cap = session.scalars(select(CapItem).where(CapItem.audit_id == audit_id)).first()
        update_cap_item(session, cap.id, "root_cause", "no cash reserve")  # clears both signatures
    with auditor_store.transaction() as session:
        sign_cap(session, audit_id, "factory_manager", name="Wu Meiling", image_png=PNG)
    with auditor_store.session(read_only=True) as session:
        history = change_history(audit_events(session, audit_id))
        assert session.scalars(select(Signature).where(Signature.audit_id == audit_id)).all()
    assert history.factory_signed_at is not None
    flagged = history.flagged
    cap_edit = [e for e in flagged if e.entity == "cap_item"]
    assert [(c.field, c.new) for e in cap_edit for c in e.fields] == [("root_cause", "no cash reserve")]
    assert all(e.on_signed_content for e in cap_edit) and {e.actor for e in cap_edit} == {"li.wei"}
    removed = [e for e in flagged if e.entity == "signature"]
    assert {e.action for e in removed} == {"delete"} and len(removed) == 2
    # Signing again is not a change to what was signed.
    assert not any(e.entity == "signature" and e.action != "delete" for e in flagged)
    # Nothing before the factory's first signature is flagged.
    first = next(e for e in history.entries if e.entity == "signature" and e.action == "create")
    assert not any(e.after_factory_signed for e in history.entries if e.seq <= first.seq)
    text = "\n".join(history_lines(history, only_flagged=True))
    assert "update CAP row of finding 11.1  !! after the factory signed, on what it signed" in text
    assert "root cause: cash flow -> no cash reserve" in text


def test_confidential_values_show_as_changed_not_their_text(auditor_store):
    from auditor_app.audits import update_interview
    from auditor_app.store.models import Interview

    audit_id = build_audit(auditor_store)
    with auditor_store.transaction() as session:
        iv = session.scalars(select(Interview).where(Interview.audit_id == audit_id)).one()
        update_interview(session, iv.id, kind=iv.kind, group_size=iv.group_size, notes="works 80 hours",
                         quotes=iv.quotes, held=True)
    with auditor_store.session(read_only=True) as session:
        history = change_history(audit_events(session, audit_id))
    notes = [c for e in history.entries for c in e.fields if c.field == "notes"]
    assert notes and all("80 hours" not in str(c.new) for c in notes)
    assert notes[-1].new == "(confidential: changed)"
