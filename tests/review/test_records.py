"""The review record without a store: signed entries in a chain, and who may write what."""

from __future__ import annotations

import copy
import uuid

import pytest

from auditor_app.review.records import GENESIS, chain_problems, entry_problems, is_self_approval, make_entry
from auditor_app.signing.device_key import DeviceKey

AUDITOR_KEY = DeviceKey.generate()
LEAD_KEY = DeviceKey.generate()


def audit_row(key: DeviceKey, *, revision: int = 1, supersedes: str | None = None, name: str = "Li Wei") -> dict:
    return {"id": str(uuid.uuid4()), "revision": revision, "seal": "ab" * 32, "supersedes_id": supersedes,
            "seal_statement": {"signer": {"key_id": key.key_id, "name": name}}}


class Record:
    def __init__(self):
        self.thread = str(uuid.uuid4())
        self.entries: list[dict] = []

    def add(self, key, kind, audit, *, author="Wang Fang", **kw) -> dict:
        prev = self.entries[-1]["hash"] if self.entries else GENESIS
        entry = make_entry(key, entry_id=str(uuid.uuid4()), thread_id=self.thread, seq=len(self.entries) + 1,
                           prev_hash=prev, kind=kind, audit_row=audit, author_name=author, author_firm="PRA",
                           at="2026-11-25T03:00:00.000Z", **kw)
        self.entries.append(entry)
        return entry


def a_round() -> tuple[Record, dict, dict]:
    record = Record()
    rev1 = audit_row(AUDITOR_KEY)
    rev2 = audit_row(AUDITOR_KEY, revision=2, supersedes=rev1["id"])
    record.add(LEAD_KEY, "receive", rev1)
    note = record.add(LEAD_KEY, "comment", rev1, text="Which payroll month?",
                      target={"kind": "finding", "id": "f1", "label": "finding 11.1 (critical)"})
    record.add(LEAD_KEY, "return", rev1)
    record.add(AUDITOR_KEY, "answer", rev1, author="Li Wei", text="October", reply_to=note["id"],
               target=note["target"])
    record.add(AUDITOR_KEY, "resubmit", rev2, author="Li Wei")
    return record, rev1, rev2


def test_a_round_is_intact():
    record, _rev1, rev2 = a_round()
    record.add(LEAD_KEY, "approve", rev2)
    assert chain_problems(record.entries) == []


def test_an_edited_entry_is_found():
    record, _rev1, _rev2 = a_round()
    record.entries[1]["text"] = "All fine"
    assert any("altered: hash mismatch" in p for p in entry_problems(record.entries[1]))
    assert chain_problems(record.entries)


def test_an_entry_re_signed_with_another_key_is_not_the_lead_s():
    record, _rev1, _rev2 = a_round()
    forged = copy.deepcopy(record.entries[2])
    forged["author"]["public_key"] = DeviceKey.generate().public_key_b64
    assert any("key id is not the id" in p for p in entry_problems(forged))


def test_a_removed_entry_breaks_the_chain():
    record, _rev1, _rev2 = a_round()
    del record.entries[1]
    problems = chain_problems(record.entries)
    assert problems and "missing" in problems[0]


def test_an_auditor_cannot_approve_its_own_audit_by_key():
    record, _rev1, rev2 = a_round()
    record.add(AUDITOR_KEY, "approve", rev2, author="Someone Else")
    assert is_self_approval(record.entries[-1])
    assert any("cannot approve its own audit" in p for p in chain_problems(record.entries))


def test_nor_in_the_sealer_s_name_from_another_laptop():
    record, _rev1, rev2 = a_round()
    record.add(DeviceKey.generate(), "approve", rev2, author="  li   WEI ")
    assert any("cannot approve its own audit" in p for p in chain_problems(record.entries))


def test_a_resubmission_comes_from_the_laptop_that_sealed_the_revision():
    record = Record()
    rev1 = audit_row(AUDITOR_KEY)
    record.add(LEAD_KEY, "receive", rev1)
    record.add(LEAD_KEY, "return", rev1)
    record.add(LEAD_KEY, "resubmit", audit_row(AUDITOR_KEY, revision=2, supersedes=rev1["id"]))
    assert any("resubmitted by the installation that sealed it" in p for p in chain_problems(record.entries))


def test_a_resubmission_supersedes_the_revision_under_review():
    record = Record()
    rev1 = audit_row(AUDITOR_KEY)
    record.add(LEAD_KEY, "receive", rev1)
    record.add(LEAD_KEY, "return", rev1)
    record.add(AUDITOR_KEY, "resubmit", audit_row(AUDITOR_KEY, revision=2, supersedes=str(uuid.uuid4())))
    assert any("does not supersede" in p for p in chain_problems(record.entries))


def test_entries_concern_the_revision_under_review():
    record = Record()
    rev1 = audit_row(AUDITOR_KEY)
    record.add(LEAD_KEY, "receive", rev1)
    record.add(LEAD_KEY, "approve", audit_row(AUDITOR_KEY))
    assert any("not the one under review" in p for p in chain_problems(record.entries))


def test_an_answer_replies_to_a_comment_before_it():
    record = Record()
    rev1 = audit_row(AUDITOR_KEY)
    record.add(LEAD_KEY, "receive", rev1)
    record.add(LEAD_KEY, "return", rev1)
    record.add(AUDITOR_KEY, "answer", rev1, author="Li Wei", text="?", reply_to=str(uuid.uuid4()))
    assert any("replies to a comment" in p for p in chain_problems(record.entries))


def test_the_state_machine_is_part_of_the_check():
    record = Record()
    rev1 = audit_row(AUDITOR_KEY)
    record.add(LEAD_KEY, "receive", rev1)
    record.add(LEAD_KEY, "return", rev1)
    record.add(LEAD_KEY, "comment", rev1, text="late", target={"kind": "audit", "id": rev1["id"], "label": "x"})
    assert any("one cannot comment on it now" in p for p in chain_problems(record.entries))


@pytest.mark.parametrize("kind", ["comment", "answer"])
def test_no_empty_comment(kind):
    record = Record()
    rev1 = audit_row(AUDITOR_KEY)
    record.add(LEAD_KEY, "receive", rev1)
    target = {"kind": "audit", "id": rev1["id"], "label": "the audit"}
    if kind == "answer":
        note = record.add(LEAD_KEY, "comment", rev1, text="x", target=target)
        record.add(LEAD_KEY, "return", rev1)
        record.add(AUDITOR_KEY, "answer", rev1, author="Li Wei", text="  ", reply_to=note["id"])
    else:
        record.add(LEAD_KEY, "comment", rev1, text=" ", target=target)
    assert any("has text" in p for p in chain_problems(record.entries))
