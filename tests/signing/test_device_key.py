"""The device key: made once per data folder, kept in the keyring or a 0600 file, never replaced."""

from __future__ import annotations

import base64
import hashlib
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from keyring.backends import fail

from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.signing import key_store
from auditor_app.signing.device_key import (
    DEVICE_SLOT,
    DeviceKey,
    key_id_of,
    load_or_create,
    verify_signature,
)
from auditor_app.signing.key_places import KEYRING_SERVICE, KEYRING_SWITCH

from .conftest import LockedKeyring, MemoryKeyring

REPO = Path(__file__).resolve().parents[2]
POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def keys(folder: DataFolder) -> Path:
    return folder.root / "keys"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---- the file fallback ------------------------------------------------------------------------------

@POSIX
def test_without_a_keyring_the_key_is_a_file_only_the_user_can_read(data_folder):
    key = load_or_create(data_folder)
    pem, pub = keys(data_folder) / "device-ed25519.pem", keys(data_folder) / "device-ed25519.pub"
    assert mode(keys(data_folder)) == 0o700
    assert mode(pem) == 0o600
    assert pem.read_text().startswith("-----BEGIN PRIVATE KEY-----")  # PKCS8
    assert key.stored_in == str(pem)
    # No temp files left behind.
    assert sorted(p.name for p in keys(data_folder).iterdir()) == ["create.lock", "device-ed25519.pem",
                                                                    "device-ed25519.pub"]
    private = serialization.load_pem_private_key(pem.read_bytes(), password=None)
    assert isinstance(private, ed25519.Ed25519PrivateKey)
    # The public key file is for people: it names the key, and any PEM reader takes it.
    text = pub.read_text()
    assert f"key id: {key.key_id}" in text and f"fingerprint: {key.fingerprint}" in text
    public = serialization.load_pem_public_key(pub.read_bytes())
    assert public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw) == key.public_key_raw


def test_key_id_fingerprint_and_public_key(data_folder):
    key = load_or_create(data_folder)
    raw = base64.b64decode(key.public_key_b64)
    assert len(raw) == 32
    assert key.key_id == hashlib.sha256(raw).hexdigest()[:16] == key_id_of(raw)
    assert key.fingerprint == " ".join(key.key_id[i:i + 4] for i in range(0, 16, 4))
    assert len(key.fingerprint) == 19
    assert "PRIVATE" not in repr(key) and key.key_id in repr(key)


def test_the_same_key_on_a_second_load(data_folder):
    first = load_or_create(data_folder)
    pem = (keys(data_folder) / "device-ed25519.pem").read_bytes()
    second = load_or_create(DataFolder(data_folder.root))
    assert second.key_id == first.key_id
    assert verify_signature(first.public_key_b64, second.sign(b"audit"), b"audit")
    assert (keys(data_folder) / "device-ed25519.pem").read_bytes() == pem


def test_each_data_folder_has_its_own_key(tmp_path):
    assert load_or_create(DataFolder(tmp_path / "a")).key_id != load_or_create(DataFolder(tmp_path / "b")).key_id


@POSIX
def test_a_key_file_copied_with_wide_permissions_is_closed_again(data_folder):
    load_or_create(data_folder)
    pem = keys(data_folder) / "device-ed25519.pem"
    pem.chmod(0o644)
    load_or_create(data_folder)
    assert mode(pem) == 0o600


def test_a_missing_public_key_file_is_written_again_from_the_private_key(data_folder):
    key = load_or_create(data_folder)
    pub = keys(data_folder) / "device-ed25519.pub"
    pub.unlink()
    assert load_or_create(data_folder).key_id == key.key_id
    assert f"key id: {key.key_id}" in pub.read_text()


@pytest.mark.parametrize("damage", [
    b"",
    b"-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n",
    b"\x00\x01\x02 random bytes",
    "a P-256 key instead",
    "cut in half",
])
def test_a_damaged_key_file_is_refused_with_a_sentence_and_not_replaced(data_folder, damage):
    key = load_or_create(data_folder)
    pem = keys(data_folder) / "device-ed25519.pem"
    if damage == "a P-256 key instead":
        damage = ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    elif damage == "cut in half":
        damage = pem.read_bytes()[:60]
    pem.write_bytes(damage)
    pub_before = (keys(data_folder) / "device-ed25519.pub").read_bytes()
    with pytest.raises(UserFacingError) as caught:
        load_or_create(data_folder)
    assert str(pem) in caught.value.message and "damaged" in caught.value.message
    assert "will not make a new key" in caught.value.hint
    assert pem.read_bytes() == damage  # left for the user to restore, not replaced
    assert (keys(data_folder) / "device-ed25519.pub").read_bytes() == pub_before
    assert key.key_id in pub_before.decode()


# ---- the keyring ------------------------------------------------------------------------------------

def test_a_usable_keyring_holds_the_key_and_no_file_does(data_folder, use_keyring):
    backend = use_keyring(MemoryKeyring())
    key = load_or_create(data_folder)
    assert key.stored_in == "the system keyring"
    assert not (keys(data_folder) / "device-ed25519.pem").exists()
    assert list(backend.entries) == [(KEYRING_SERVICE, f"device-ed25519:{key.key_id}")]
    stored = backend.entries[(KEYRING_SERVICE, f"device-ed25519:{key.key_id}")]
    assert stored.startswith("-----BEGIN PRIVATE KEY-----")
    assert f"key id: {key.key_id}" in (keys(data_folder) / "device-ed25519.pub").read_text()
    again = load_or_create(data_folder)
    assert again.key_id == key.key_id
    assert verify_signature(key.public_key_b64, again.sign(b"x"), b"x")


@pytest.mark.parametrize("backend", [fail.Keyring(), LockedKeyring()], ids=["fail backend", "locked keyring"])
def test_an_unusable_keyring_falls_back_to_the_file(data_folder, use_keyring, backend):
    use_keyring(backend)
    key = load_or_create(data_folder)
    assert key.stored_in == str(keys(data_folder) / "device-ed25519.pem")
    if isinstance(backend, MemoryKeyring):
        assert backend.entries == {}  # nothing half-stored left in it
    assert load_or_create(data_folder).key_id == key.key_id


def test_a_key_in_the_keyring_is_not_replaced_when_the_keyring_is_switched_off(data_folder, use_keyring, monkeypatch):
    use_keyring(MemoryKeyring())
    key = load_or_create(data_folder)
    monkeypatch.setenv(KEYRING_SWITCH, "off")
    with pytest.raises(UserFacingError) as caught:
        load_or_create(data_folder)
    assert "keyring" in caught.value.message and "AUDITOR_APP_KEYRING=off" in caught.value.message
    assert not (keys(data_folder) / "device-ed25519.pem").exists()
    assert key.key_id in (keys(data_folder) / "device-ed25519.pub").read_text()


def test_a_key_missing_from_the_keyring_is_refused_not_made_again(data_folder, use_keyring):
    use_keyring(MemoryKeyring())
    key = load_or_create(data_folder)
    other = use_keyring(MemoryKeyring())  # another computer, or the entry was deleted
    with pytest.raises(UserFacingError) as caught:
        load_or_create(data_folder)
    assert f"device-ed25519:{key.key_id}" in caught.value.message and "holds no private key" in caught.value.message
    assert other.entries == {}
    assert not (keys(data_folder) / "device-ed25519.pem").exists()


@pytest.mark.parametrize("damage", ["garbage", "another key"])
def test_a_damaged_keyring_entry_is_refused_and_left_alone(data_folder, use_keyring, damage):
    backend = use_keyring(MemoryKeyring())
    key = load_or_create(data_folder)
    entry = (KEYRING_SERVICE, f"device-ed25519:{key.key_id}")
    if damage == "garbage":
        backend.entries[entry] = "garbage"
    else:
        backend.entries[entry] = ed25519.Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    before = backend.entries[entry]
    with pytest.raises(UserFacingError) as caught:
        load_or_create(data_folder)
    assert f'entry "device-ed25519:{key.key_id}"' in caught.value.message
    assert backend.entries[entry] == before and len(backend.entries) == 1


def test_a_damaged_public_key_file_of_a_keyring_key_is_refused(data_folder, use_keyring):
    backend = use_keyring(MemoryKeyring())
    load_or_create(data_folder)
    pub = keys(data_folder) / "device-ed25519.pub"
    pub.write_text("ESCP Field Auditor device key\nno key here\n")
    with pytest.raises(UserFacingError) as caught:
        load_or_create(data_folder)
    assert str(pub) in caught.value.message
    assert len(backend.entries) == 1


# ---- creation races ---------------------------------------------------------------------------------

def test_two_processes_creating_the_key_at_once_end_with_one_key(tmp_path):
    folder = tmp_path / "data"
    go = tmp_path / "go"
    env = dict(os.environ, AUDITOR_APP_KEYRING="off",
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    children = [subprocess.Popen([sys.executable, str(Path(__file__).with_name("race_child.py")), str(folder), str(go)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                for _ in range(4)]
    try:
        for child in children:
            assert child.stdout.readline() == "ready\n", child.stderr.read()
        go.touch()
        results = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert all(child.returncode == 0 for child in children), [err for _out, err in results]
    ids = {out.strip() for out, _err in results}
    assert len(ids) == 1
    assert load_or_create(DataFolder(folder)).key_id == ids.pop()
    assert sorted(p.name for p in (folder / "keys").iterdir()) == ["create.lock", "device-ed25519.pem",
                                                                   "device-ed25519.pub"]


def test_the_creation_lock_makes_concurrent_keyring_creations_one_key(data_folder, use_keyring):
    """In the keyring nothing else stops a second key (no file to refuse a second link): the lock does."""
    backend = use_keyring(MemoryKeyring())

    def slow_generate():
        time.sleep(0.05)  # widen the window in which a second creator could start
        return ed25519.Ed25519PrivateKey.generate()

    ids: list[str] = []
    errors: list[BaseException] = []

    def create():
        try:
            private, _where = key_store.load_or_create(data_folder, DEVICE_SLOT, ed25519.Ed25519PrivateKey,
                                                       slow_generate, id_of=lambda p: key_id_of(p.public_bytes(
                                                           serialization.Encoding.Raw, serialization.PublicFormat.Raw)))
            ids.append(DeviceKey(private).key_id)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=create) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(set(ids)) == 1 and len(ids) == 4
    assert len(backend.entries) == 1


# ---- signatures -------------------------------------------------------------------------------------

def test_verify_signature():
    key, other = DeviceKey.generate(), DeviceKey.generate()
    signature = key.sign(b"data")
    assert verify_signature(key.public_key_b64, signature, b"data")
    assert not verify_signature(key.public_key_b64, signature, b"date")
    assert not verify_signature(other.public_key_b64, signature, b"data")
    assert not verify_signature(key.public_key_b64, signature[:-1] + bytes([signature[-1] ^ 1]), b"data")
    assert not verify_signature(key.public_key_b64, signature[:63], b"data")
    assert not verify_signature("not base64!", signature, b"data")
    assert not verify_signature(key.public_key_b64 + "AA", signature, b"data")
    assert not verify_signature(base64.b64encode(b"\x00" * 31).decode(), signature, b"data")
