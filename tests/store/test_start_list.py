"""The audit list read at start without the ORM (`store.start_list`): the same rows as `list_audits`, and
no answer (None) whenever only the store may read the database."""

from __future__ import annotations

from datetime import date

import pytest

from auditor_app.audits import add_finding, create_audit, delete_finding, list_audits
from auditor_app.confidential import database, folder_key
from auditor_app.store.start_list import read_start_list


def _audit(store, name: str, audit_type: str = "ICA", **audit) -> str:
    with store.transaction() as s:
        return create_audit(s, audit_type=audit_type, factory={"name": name, "name_local": f"{name} 本地",
                                                               "connect_id": f"F-{name[:3]}", "headcount_female": 40},
                            team=[{"name": "Li Na", "role": "lead auditor"}], **audit).id


def _raw(store, sql: str, *params) -> None:
    """A change straight into the database file (the read must not depend on how a value got there)."""
    con = database.connect(store.folder.database, folder_key.unlock(store.folder))
    try:
        con.execute(sql, params)
        con.commit()
    finally:
        con.close()


def test_the_start_list_is_the_list_the_store_reads(store):
    first = _audit(store, "Bright Star Toys", planned_start=date(2026, 11, 3))
    second = _audit(store, "Happy Panda", "PV")
    third = _audit(store, "Sunrise Plastics", "IAA")
    with store.transaction() as s:
        add_finding(s, first, "9.2.2", description="Rear exit locked")
        add_finding(s, first, "12.3.1", description="14 days without rest")
        gone = add_finding(s, second, "9.2.2", description="Typed by mistake").id
        closed = add_finding(s, third, "9.2.2", description="Fixed").id
    with store.transaction() as s:
        delete_finding(s, gone)
    _raw(store, "update finding set status = 'closed' where id = ?", closed)
    _raw(store, "update audit set seal = ?, state = 'finalized', actual_start = '2026-11-04', supersedes_id = ? "
                "where id = ?", "ab" * 32, second, first)

    rows = read_start_list(store.folder)
    with store.session(read_only=True) as s:
        expected = list_audits(s)
    assert rows == expected
    by_id = {r.id: r for r in rows}
    assert (by_id[first].open_findings, by_id[second].open_findings, by_id[third].open_findings) == (2, 0, 0)
    assert by_id[first].sealed and not by_id[second].sealed
    assert by_id[first].actual_start == date(2026, 11, 4) and by_id[first].planned_start == date(2026, 11, 3)


def test_an_empty_folder_lists_nothing(store):
    assert read_start_list(store.folder) == []


def test_no_database_yet_is_left_to_the_store(data_folder):
    assert read_start_list(data_folder) is None  # a first start: the store makes the folder, its key, its schema


def test_a_database_behind_the_newest_schema_is_left_to_the_store(store):
    _audit(store, "Bright Star Toys")
    _raw(store, "update alembic_version set version_num = '0001'")
    assert read_start_list(store.folder) is None  # a migration runs first, in the store


def test_a_plaintext_database_of_an_earlier_version_is_left_to_the_store(store):
    _audit(store, "Bright Star Toys")
    store.close()
    path = store.folder.database
    path.write_bytes(database.PLAIN_HEADER + b"\0" * 4080)
    assert read_start_list(store.folder) is None


@pytest.mark.parametrize("damage", ["garbage", "missing table"])
def test_a_database_it_cannot_read_is_left_to_the_store(store, damage):
    _audit(store, "Bright Star Toys")
    if damage == "missing table":
        _raw(store, "drop table factory_profile")
        assert read_start_list(store.folder) is None
    else:
        store.close()
        store.folder.database.write_bytes(b"not a database at all" * 200)
        for side in ("-wal", "-shm"):
            store.folder.database.with_name(store.folder.database.name + side).unlink(missing_ok=True)
        assert read_start_list(store.folder) is None


def test_a_folder_under_a_passphrase_is_read_only_once_unlocked(store, monkeypatch):
    """At start the list is read before the window's unlock dialog exists: it must never ask (a terminal
    prompt would hang the window's start); after the dialog has unlocked the folder it reads."""
    _audit(store, "Bright Star Toys")
    folder_key.set_passphrase(store.folder, "correct horse battery staple")
    store.close()
    monkeypatch.delenv(folder_key.PASSPHRASE_ENV, raising=False)
    folder_key.forget()
    asked = []
    folder_key.set_prompt(lambda ask: asked.append(ask) or None)
    try:
        assert not folder_key.opens_without_asking(store.folder)
        assert read_start_list(store.folder) is None and asked == []
        monkeypatch.setenv(folder_key.PASSPHRASE_ENV, "correct horse battery staple")
        folder_key.unlock(store.folder)  # what the window's dialog does
        monkeypatch.delenv(folder_key.PASSPHRASE_ENV)
        assert folder_key.opens_without_asking(store.folder)
        assert [r.factory_name for r in read_start_list(store.folder)] == ["Bright Star Toys"]
    finally:
        folder_key.set_prompt(None)
        folder_key.forget()
