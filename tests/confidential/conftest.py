"""Fixtures: an audit with a planted note and quotes, a firm key pair and the folder's recipients."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor_app.audits import update_interview
from auditor_app.confidential.recipients import import_recipient, make_keypair, read_private_key
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store, raw_connection
from auditor_app.store.models import Interview

from tests.package.crafting import build_audit

NOTE = "Worker says supervisor Zhang keeps her ID card"
QUOTE = "We must not tell the auditor about Sunday shifts"
PUBLIC_QUOTE = "Overtime is paid on time"


def raw_files(root: Path) -> dict[str, bytes]:
    """Every file under `root`, as bytes (the database, its WAL, backups, vault, logs...)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def holding(files: dict[str, bytes], text: str) -> list[str]:
    needle = text.encode("utf-8")
    return [name for name, data in files.items() if needle in data]


def plant(store, audit_id: str, note: str = NOTE) -> str:
    """Write the note and quotes through the audit operation, as the interview form does."""
    with store.transaction() as s:
        iv = s.query(Interview).filter_by(audit_id=audit_id).one()
        update_interview(s, iv.id, kind="individual", group_size=1, notes=note,
                         quotes=[{"text": QUOTE, "quotable": False}, {"text": PUBLIC_QUOTE, "quotable": True}],
                         held=True)
        return iv.id


@pytest.fixture
def folder(tmp_path) -> DataFolder:
    return DataFolder(tmp_path / "laptop")


@pytest.fixture
def store(folder):
    store = open_store(folder, actor="li.wei")
    yield store
    store.close()


@pytest.fixture
def audit_id(store) -> str:
    audit_id = build_audit(store)
    plant(store, audit_id)
    return audit_id


@pytest.fixture
def firm_key(tmp_path, folder):
    private, public = make_keypair(tmp_path / "lead", "Pearl River Audits")
    import_recipient(folder, public)
    return read_private_key(private)


def sql(path: Path, query: str) -> list:
    con = raw_connection(DataFolder(path.parent), path, read_only=True)  # the database is encrypted
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()
