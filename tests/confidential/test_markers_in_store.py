"""Deleted means gone: the database, its WAL and the event log hold markers, never a note's text."""

from __future__ import annotations

from auditor_app.package.document import audit_document
from auditor_app.store.eventlog import audit_events, chain_problems
from auditor_app.store.models import Interview, SampleDraw
from auditor_app.store.verified_import import document_matches_events

from .conftest import NOTE, PUBLIC_QUOTE, QUOTE, holding, plant, raw_files, sql


def test_the_app_sees_the_note_the_files_do_not(store, folder, audit_id):
    with store.session() as s:
        iv = s.query(Interview).filter_by(audit_id=audit_id).one()
        assert iv.notes == NOTE
        assert [q["text"] for q in iv.quotes] == [QUOTE, PUBLIC_QUOTE]
        assert s.query(SampleDraw).filter_by(audit_id=audit_id).one().seed == 20261118
    files = raw_files(folder.root)
    assert "audits.sqlite3-wal" in files or "audits.sqlite3" in files
    assert holding(files, NOTE) == [] and holding(files, QUOTE) == []
    assert holding(files, PUBLIC_QUOTE) == []  # the whole database is encrypted (SQLCipher)
    # A quotable quote may be printed: it stays a plain value in its row.
    assert PUBLIC_QUOTE in sql(folder.database, "select quotes from interview")[0][0]
    (notes,) = sql(folder.database, "select notes from interview")[0]
    assert notes.startswith("sealed:v1:")
    assert str(sql(folder.database, "select seed from sample_draw")[0][0]).startswith("sealed:v1:")


def test_an_edited_note_leaves_no_trace_of_its_old_text(store, folder, audit_id):
    plant(store, audit_id, note="Second version, without the name")
    store.close()
    files = raw_files(folder.root)
    assert holding(files, NOTE) == []
    assert holding(files, "Second version") == []
    vault = [name for name in files if name.startswith("confidential/")]
    assert len(vault) == 3  # the note now, the unquotable quote, the seed: the old note's file is gone


def test_events_record_that_a_note_changed_and_the_chain_replays(store, audit_id):
    plant(store, audit_id, note="changed")
    with store.session() as s:
        events = audit_events(s, audit_id)
        document = audit_document(s, audit_id)
    assert chain_problems(events) == []
    updates = [ev for ev in events if ev["entity"] == "interview" and "notes" in (ev["changes"] or {})]
    old, new = updates[-1]["changes"]["notes"]
    assert old.startswith("sealed:v1:") and new.startswith("sealed:v1:") and old != new
    assert document_matches_events(document, events) == []


def test_a_reopened_store_shows_the_note(folder, store, audit_id):
    from auditor_app.store.db import open_store

    store.close()
    again = open_store(folder)
    try:
        with again.session() as s:
            assert s.query(Interview).filter_by(audit_id=audit_id).one().notes == NOTE
            with_values = audit_document(s, audit_id, confidential=True)
        assert with_values["interview"][0]["notes"] == NOTE
    finally:
        again.close()


def test_short_values_are_hashed_with_a_key(store, audit_id, tmp_path):
    # Two audits with the same seed: their markers differ, so a guessed seed cannot be checked.
    from tests.package.crafting import build_audit

    other = build_audit(store)
    with store.session() as s:
        seeds = {a: audit_document(s, a)["sample_draw"][0]["seed"] for a in (audit_id, other)}
    assert len(set(seeds.values())) == 2


def test_a_new_revision_keeps_the_notes_under_its_own_key(store, audit_id):
    from complete_audit import complete_audit

    from auditor_app.audits.lifecycle import finalize, new_revision
    from auditor_app.audits.operation import run_operation

    with store.transaction() as s:
        complete_audit(s, audit_id)
        finalize(s, audit_id, folder=store.folder)
    revised = run_operation(store, new_revision, audit_id).result.id
    with store.session() as s:
        iv = s.query(Interview).filter_by(audit_id=revised).one()
        assert iv.notes == NOTE and iv.quotes[0]["text"] == QUOTE
        old, new = (audit_document(s, a)["interview"][0]["notes"] for a in (audit_id, revised))
        assert old.startswith("sealed:v1:") and new.startswith("sealed:v1:") and old != new
        assert document_matches_events(audit_document(s, revised), audit_events(s, revised)) == []
