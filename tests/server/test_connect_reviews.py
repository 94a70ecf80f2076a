"""Who may write what in a review held by the platform (real server process, SQLite and PostgreSQL):
entries are signed by hand here with real device keys, so each refusal is the server's own."""

from __future__ import annotations

import copy
import io
import uuid
import zipfile
from dataclasses import dataclass, field

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from connect_helpers import Api, Laptop, ServerProcess

from auditor_app.package.document import audit_document
from auditor_app.review import thread
from auditor_app.review.records import GENESIS, make_entry
from auditor_app.review.thread import ReviewRecordRefused
from auditor_app.signing.device_key import DeviceKey
from auditor_app.store.types import format_utc, utcnow
from auditor_app.sync.client import ConnectClient
from auditor_app.sync.review_sync import pull
from auditor_app.sync.worker import sync_once
from connect_server import admin
from connect_server.models import Base, ReviewRecordEntry

LEAD = "Wang Fang"


@dataclass
class Cast:
    server: ServerProcess
    apis: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    laptops: dict = field(default_factory=dict)
    logins: dict = field(default_factory=dict)

    def enrol(self, who: str, token: str, key: DeviceKey) -> str:
        client = ConnectClient(self.server.url)
        try:
            return client.enrol(token, key).session_token
        finally:
            client.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def cast(request, tmp_path_factory):
    url = request.getfixturevalue("postgres").create_database() if request.param == "postgres" else None
    server = ServerProcess(tmp_path_factory.mktemp(f"server-reviews-{request.param}"), url).start()
    c = Cast(server)
    people = {"auditor": ("auditor", "Firm X"), "auditor2": ("auditor", "Firm X"), "lead": ("lead", "Firm X"),
              "lead2": ("lead", "Firm X"), "other_lead": ("lead", "Firm Y"), "reviewer": ("reviewer", None)}
    for who, (role, firm) in people.items():
        login, token = server.user(role, firm)
        c.logins[who] = login
        if who in ("auditor", "lead2"):  # they seal audits: a laptop of their own
            c.laptops[who] = Laptop(tmp_path_factory.mktemp(f"laptop-{who}-{request.param}"))
            c.keys[who] = c.laptops[who].key
        else:
            c.keys[who] = DeviceKey.generate()
        c.apis[who] = Api(server.url, c.enrol(who, token, c.keys[who]))
    yield c
    for laptop in c.laptops.values():
        laptop.close()
    server.stop()


def submitted(cast: Cast, who: str) -> tuple[str, dict]:
    """A sealed audit of `who`'s laptop, verified by the platform; its id and audit row."""
    laptop = cast.laptops[who]
    audit_id = laptop.sealed_audit()
    client = ConnectClient(cast.server.url, cast.apis[who].token)
    try:
        report = sync_once(laptop.store, laptop.folder, client=client,
                           server_key=client._send("GET", "/server-key", auth=False))
    finally:
        client.close()
    assert [r.state for r in report.results if r.audit_id == audit_id] == ["sent"]
    with laptop.store.session(read_only=True) as session:
        return audit_id, audit_document(session, audit_id)["audit"]


class Record:
    """A review record being written by hand: each new entry links to the last."""

    def __init__(self, thread_id: str, audit_row: dict):
        self.thread_id, self.audit_row, self.entries = thread_id, audit_row, []

    def make(self, key: DeviceKey, kind: str, name: str = LEAD, *, audit_row: dict | None = None, **kw) -> dict:
        last = self.entries[-1] if self.entries else None
        return make_entry(key, entry_id=str(uuid.uuid4()), thread_id=self.thread_id,
                          seq=last["seq"] + 1 if last else 1, prev_hash=last["hash"] if last else GENESIS, kind=kind,
                          audit_row=audit_row or self.audit_row, author_name=name, author_firm="Firm X",
                          at=format_utc(utcnow()), **kw)

    def post(self, api: Api, *entries: dict):
        return api.post(f"/reviews/{self.thread_id}/entries", json={"entries": list(entries)})

    def kept(self, response, *entries: dict) -> None:
        assert response.status_code == 200, response.text
        self.entries += entries


def refused(response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert words in body["detail"] and body["code"], body


def test_only_a_lead_of_the_firm_receives_comments_and_decides(cast):
    audit_id, row = submitted(cast, "auditor")
    record = Record(audit_id, row)
    lead, key = cast.apis["lead"], cast.keys["lead"]

    # Not the auditor, not a lead of another firm (it does not even see the audit), not a reviewer.
    refused(record.post(cast.apis["auditor"], record.make(cast.keys["auditor"], "receive", "Li Wei")), 403,
            "only a lead of the audit's firm")
    refused(record.post(cast.apis["other_lead"], record.make(cast.keys["other_lead"], "receive")), 404,
            "does not exist or is not visible")
    refused(record.post(cast.apis["reviewer"], record.make(cast.keys["reviewer"], "receive")), 403, "only a lead")
    # A lead posting an entry signed with another person's key.
    refused(record.post(lead, record.make(cast.keys["lead2"], "receive")), 403, "not a laptop enrolled to this account")
    # An entry describing the audit otherwise than it was submitted.
    refused(record.post(lead, record.make(key, "receive", audit_row=dict(row, revision=2))), 422,
            "otherwise than it was submitted")

    receive = record.make(key, "receive")
    first = record.post(lead, receive)
    record.kept(first, receive)
    assert (first.json()["added"], first.json()["state"], first.json()["head_seq"]) == (1, "received", 1)
    # Replays change nothing.
    again = record.post(lead, receive)
    assert again.status_code == 200 and (again.json()["added"], again.json()["head_seq"]) == (0, 1)

    # Who sees it: the firm's lead and the auditor, a reviewer; not the other firm, not another auditor.
    assert lead.get(f"/reviews/{audit_id}").json()["state"] == "received"
    assert cast.apis["auditor"].get(f"/reviews/{audit_id}").status_code == 200
    assert cast.apis["reviewer"].get(f"/reviews/{audit_id}").status_code == 200
    for who in ("other_lead", "auditor2"):
        refused(cast.apis[who].get(f"/reviews/{audit_id}"), 404, "does not exist")
        assert audit_id not in {r["audit_id"] for r in cast.apis[who].get("/reviews").json()}
    assert [(r["thread_id"], r["state"]) for r in cast.apis["auditor"].get("/reviews").json()] == [
        (audit_id, "received")]
    refused(cast.apis["other_lead"].get(f"/submissions/{audit_id}/package"), 404, "does not exist")
    package = lead.get(f"/submissions/{audit_id}/package")
    assert package.status_code == 200 and package.headers["content-type"] == "application/zip"
    assert "audit.json" in zipfile.ZipFile(io.BytesIO(package.content)).namelist()

    # The auditor cannot comment; the lead can.
    target = {"kind": "audit", "id": audit_id, "label": "the audit"}
    refused(record.post(cast.apis["auditor"], record.make(cast.keys["auditor"], "comment", "Li Wei", target=target,
                                                          text="fine")), 403, "only a lead")
    refused(record.post(cast.apis["auditor"], record.make(cast.keys["auditor"], "approve", "Someone Else")), 422,
            "cannot approve its own audit")
    remark = record.make(key, "comment", target=target, text="The payroll photos are missing.")
    record.kept(record.post(lead, remark), remark)

    # Forged or broken: altered after signing, a broken link, another record's place taken.
    forged = copy.deepcopy(record.make(key, "comment", target=target, text="ok"))
    forged["text"] = "changed after signing"
    refused(record.post(lead, forged), 422, "hash mismatch")
    unlinked = record.make(key, "comment", target=target, text="a second remark")
    unlinked_bad = make_entry(key, entry_id=str(uuid.uuid4()), thread_id=audit_id, seq=unlinked["seq"],
                              prev_hash="f" * 64, kind="comment", audit_row=row, author_name=LEAD, author_firm="",
                              at=format_utc(utcnow()), target=target, text="a second remark")
    refused(record.post(lead, unlinked_bad), 422, "does not link to the entry before it")
    other_way = make_entry(key, entry_id=str(uuid.uuid4()), thread_id=audit_id, seq=2, prev_hash=receive["hash"],
                           kind="return", audit_row=row, author_name=LEAD, author_firm="", at=format_utc(utcnow()))
    refused(record.post(lead, receive, other_way), 409, "went another way from entry 2")
    gap = record.make(key, "return")
    gap["seq"] = 9
    refused(record.post(lead, gap), 422, "not signed entries")  # its hash no longer holds

    # Returned: the lead does not answer, the auditor does; another auditor of the firm does not see it.
    back = record.make(key, "return", text="see the comment")
    record.kept(record.post(lead, back), back)
    refused(record.post(lead, record.make(key, "answer", reply_to=remark["id"], text="x", target=target)), 403,
            "only the auditor who submitted")
    refused(record.post(cast.apis["auditor2"], record.make(cast.keys["auditor2"], "answer", "Zhao Lei",
                                                           reply_to=remark["id"], text="x", target=target)), 404,
            "not visible")
    reply = record.make(cast.keys["auditor"], "answer", "Li Wei", reply_to=remark["id"], target=target,
                        text="Added in revision 2.")
    record.kept(record.post(cast.apis["auditor"], reply), reply)
    # The whole record again (a lost answer): nothing added, the state as it was.
    whole = record.post(cast.apis["auditor"], *record.entries)
    assert (whole.json()["added"], whole.json()["state"], whole.json()["head_seq"]) == (0, "returned", 4)
    assert [e["kind"] for e in lead.get(f"/reviews/{audit_id}", params={"after": 2}).json()["entries"]] == [
        "return", "answer"]

    # A laptop takes in only a record that holds: a comment altered in the platform's database is refused.
    with cast.server.admin() as db:
        row = db.scalars(select(ReviewRecordEntry).where(ReviewRecordEntry.id == remark["id"])).one()
        row.record = dict(row.record, text="The payroll photos are fine.")
    laptop = cast.laptops["auditor"]
    client = ConnectClient(cast.server.url, cast.apis["auditor"].token)
    try:
        with pytest.raises(ReviewRecordRefused, match="damaged or not signed"):
            pull(laptop.store, laptop.folder, client=client)
    finally:
        client.close()
    with laptop.store.session(read_only=True) as session:
        assert thread.entries(session, audit_id) == []


def test_an_auditor_cannot_approve_its_own_audit(cast):
    """A lead who sealed and submitted an audit: refused with the sealing key (the record's own rule) and
    with any other key of the account (the platform's rule); another lead of the firm approves."""
    audit_id, row = submitted(cast, "lead2")
    record = Record(audit_id, row)
    receive = record.make(cast.keys["lead"], "receive")
    record.kept(record.post(cast.apis["lead"], receive), receive)
    refused(record.post(cast.apis["lead2"], record.make(cast.keys["lead2"], "approve", "Zhang Min")), 422,
            "cannot approve its own audit")
    second_key = DeviceKey.generate()
    with cast.server.admin() as db:
        token = admin.issue_enrolment_token(db, cast.logins["lead2"])
    cast.enrol("lead2", token, second_key)
    refused(record.post(cast.apis["lead2"], record.make(second_key, "approve", "Zhang Min")), 403,
            "cannot approve its own audit")
    approval = record.make(cast.keys["lead"], "approve")
    record.kept(record.post(cast.apis["lead"], approval), approval)
    assert cast.apis["lead"].get(f"/reviews/{audit_id}").json()["state"] == "approved"
    listed = {r["audit_id"]: r["state"] for r in cast.apis["lead"].get("/reviews").json()}
    assert listed[audit_id] == "approved"


def test_the_review_tables_are_what_the_models_say(cast):
    with cast.server.admin() as db:
        assert compare_metadata(MigrationContext.configure(db.connection()), Base.metadata) == []
