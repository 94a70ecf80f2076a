"""Keys in files by default (AUDITOR_APP_KEYRING=off), and an in-memory keyring for the keyring tests."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest

from auditor_app.signing.key_places import KEYRING_SWITCH


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A usable keyring that keeps entries in a dict: what a desktop keyring does, minus the desktop."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such entry")


class LockedKeyring(MemoryKeyring):
    """A keyring that looks usable but refuses every write (a locked collection)."""

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("the collection is locked")


@pytest.fixture(autouse=True)
def keyring_off(monkeypatch):
    """Tests keep keys in files unless they ask for a keyring; never touch the real one."""
    monkeypatch.setenv(KEYRING_SWITCH, "off")


@pytest.fixture
def use_keyring(monkeypatch):
    """Switch keyring use on with the given backend; the process's own keyring comes back after."""
    before = keyring.get_keyring()

    def use(backend: keyring.backend.KeyringBackend) -> keyring.backend.KeyringBackend:
        monkeypatch.delenv(KEYRING_SWITCH, raising=False)
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(before)
