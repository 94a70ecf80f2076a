"""Each audit's key is kept wrapped by the data folder's key: its file alone (a copied folder without the
folder's key, a disk backup) opens nothing, a key file from before is wrapped at start, and erasing it
still leaves nothing that opens the audit's confidential values."""

from __future__ import annotations

import shutil

import pytest

from auditor_app.confidential import folder_key
from auditor_app.confidential.audit_keys import WRAPPED, AuditKeys, KeyUnreadable
from auditor_app.confidential.erasure import erase_confidential
from auditor_app.paths import DataFolder
from auditor_app.store.db import open_store

from .conftest import NOTE, holding, raw_files


def test_the_key_file_holds_the_key_only_wrapped(store, folder, audit_id):
    secret = AuditKeys(folder).secret(audit_id)
    assert secret is not None
    stored = (folder.audit_keys / f"{audit_id}.key").read_bytes()
    assert stored.startswith(WRAPPED) and secret.hex().encode() not in stored and secret not in stored
    assert AuditKeys(folder).secret(audit_id) == secret  # a fresh reader unwraps it with the folder's key


def test_a_key_file_copied_into_another_data_folder_does_not_open(store, folder, audit_id, tmp_path):
    other = DataFolder(tmp_path / "thief")
    open_store(other).close()  # a data folder with a key of its own
    other.audit_keys.mkdir(parents=True, exist_ok=True)
    shutil.copy(folder.audit_keys / f"{audit_id}.key", other.audit_keys / f"{audit_id}.key")
    with pytest.raises(KeyUnreadable, match="does not open with this data folder's key"):
        AuditKeys(other).secret(audit_id)


def test_a_plain_key_from_before_is_wrapped_at_start(store, folder, audit_id):
    keys = AuditKeys(folder)
    secret = keys.secret(audit_id)
    assert secret is not None
    path = folder.audit_keys / f"{audit_id}.key"
    path.write_text(secret.hex())  # as the version before wrapping kept it
    store.close()
    folder_key.forget(folder)
    reopened = open_store(folder)
    try:
        stored = path.read_bytes()
        assert stored.startswith(WRAPPED) and secret.hex().encode() not in stored
        assert AuditKeys(folder).secret(audit_id) == secret
        assert not list(folder.audit_keys.glob("*.plain"))
        assert AuditKeys(folder).wrap_plain_keys() == 0
    finally:
        reopened.close()


def test_erasing_the_wrapped_key_leaves_the_notes_unreadable(store, folder, audit_id):
    wrapped = (folder.audit_keys / f"{audit_id}.key").read_bytes()
    erase_confidential(store, audit_id, lead_request=True)
    files = raw_files(folder.root)
    assert holding(files, NOTE) == [] and not any(wrapped in data for data in files.values())
    assert AuditKeys(folder).secret(audit_id) is None and AuditKeys(folder).sealed_mode(audit_id)
