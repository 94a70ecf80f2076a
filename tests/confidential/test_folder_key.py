"""The data folder's key: a passphrase where there is no keyring, a clear message when it is wrong, the
database unreadable without it, and the key moved from a file to a passphrase."""

from __future__ import annotations

import sqlite3

import pytest

from auditor_app.confidential import folder_key
from auditor_app.confidential.database import is_plaintext
from auditor_app.paths import DataFolder
from auditor_app.store.db import StoreError, open_store, raw_connection


@pytest.fixture(autouse=True)
def locked_again():
    folder_key.forget()
    yield
    folder_key.forget()
    folder_key.set_prompt(None)


def test_a_passphrase_folder_opens_with_it_and_says_plainly_when_it_is_wrong(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path / "usb")
    monkeypatch.setenv(folder_key.PASSPHRASE_ENV, "correct horse battery")
    open_store(folder).close()
    assert folder_key.status(folder).startswith("the key is protected by a passphrase")
    assert not (folder.root / "keys" / folder_key.KEY_FILE).exists()
    assert not is_plaintext(folder.database)
    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite sees noise
        sqlite3.connect(folder.database).execute("select * from sqlite_master").fetchall()

    folder_key.forget()
    monkeypatch.setenv(folder_key.PASSPHRASE_ENV, "wrong horse battery")
    with pytest.raises(folder_key.FolderLocked, match="wrong passphrase") as caught:
        open_store(folder)
    assert "nothing was changed" in caught.value.hint

    folder_key.forget()
    monkeypatch.delenv(folder_key.PASSPHRASE_ENV)
    asked = []
    folder_key.set_prompt(lambda ask: asked.append(ask.message) or "correct horse battery")
    open_store(folder).close()  # asked once; later opens in this process do not ask again
    open_store(folder).close()
    assert len(asked) == 1 and str(folder.root) in asked[0]


def test_three_wrong_answers_leave_it_locked(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path / "usb")
    monkeypatch.setenv(folder_key.PASSPHRASE_ENV, "correct horse battery")
    open_store(folder).close()
    folder_key.forget()
    monkeypatch.delenv(folder_key.PASSPHRASE_ENV)
    answers = iter(["nope-nope-1", "nope-nope-2", "nope-nope-3"])
    asked = []
    folder_key.set_prompt(lambda ask: asked.append(ask.wrong) or next(answers))
    with pytest.raises(folder_key.FolderLocked, match="wrong passphrase"):
        open_store(folder)
    assert asked == [False, True, True]  # each ask after a wrong one says so


def test_without_a_keyring_or_a_way_to_ask_a_new_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv(folder_key.PASSPHRASE_ENV, raising=False)
    monkeypatch.setenv("AUDITOR_APP_KEYRING", "")  # not switched off: the machine simply has none
    monkeypatch.setattr(folder_key, "usable_keyring", lambda: (None, "there is no keyring service"))
    monkeypatch.setattr(folder_key, "_ask", lambda: None)
    with pytest.raises((folder_key.FolderLocked, StoreError), match="no keyring"):
        open_store(DataFolder(tmp_path / "server"))


def test_a_key_file_moves_under_a_passphrase_and_the_data_stays(tmp_path, monkeypatch):
    folder = DataFolder(tmp_path / "laptop")
    store = open_store(folder)
    store.close()
    assert folder_key.unlock(folder).kept == "file"
    before = raw_connection(folder).execute("select count(*) from alembic_version").fetchone()
    folder_key.set_passphrase(folder, "a long passphrase")
    assert not (folder.root / "keys" / folder_key.KEY_FILE).exists()
    folder_key.forget()
    monkeypatch.setenv(folder_key.PASSPHRASE_ENV, "a long passphrase")
    assert raw_connection(folder).execute("select count(*) from alembic_version").fetchone() == before
    open_store(folder).close()
