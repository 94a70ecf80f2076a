"""Where this installation's private keys live: the OS keyring when it has a usable one, else a file
in `<data folder>/keys/` that only the user can read.

Each key has a slot (`KeySlot`): the device key (Ed25519) and the report signing key (ECDSA P-256)
are kept the same way.

- `keys/<slot>.pub` holds the public key (PEM, with a few readable lines above it) for a lead or
  support to read. For a key kept in the keyring it is also what says which keyring entry to read
  (the entry's user name is `<slot>:<key id>`), so it is written last, once the private key is safe.
- `keys/<slot>.pem` holds the private key (PKCS8 PEM, mode 0600, folder 0700) when there is no usable
  keyring, or `AUDITOR_APP_KEYRING=off` says not to use it.

A key is made once. A private key that cannot be read (a damaged file or keyring entry, a keyring
that is locked or gone) is a `UserFacingError` naming where it is, and is never replaced by a new
key: every earlier signature names the old one. Creation runs under `keys/create.lock`, so two
processes starting on a new data folder end up with one key.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes, PublicKeyTypes

from auditor_app.errors import UserFacingError, as_user_error
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import create_new, write_atomic
from auditor_app.signing.key_places import KEYRING_SERVICE, KEYRING_SWITCH, keys_folder, usable_keyring

CREATE_LOCK = "create.lock"
CREATE_LOCK_TIMEOUT_S = 30.0

IdOf = Callable[[PublicKeyTypes], str]

_NO_NEW_KEY = ("The app will not make a new key in its place: every document signed so far names this one. "
               "Restore the keys folder (and, for a keyring entry, the keyring) from a backup, or ask support.")


@dataclass(frozen=True)
class KeySlot:
    """One kind of key an installation has: its file names and how sentences name it."""

    name: str  # file stem and keyring user name prefix: "device-ed25519"
    label: str  # in sentences: "the device key"
    title: str  # first line of the .pub file: "ESCP Field Auditor device key (Ed25519)"


def private_path(folder: DataFolder, slot: KeySlot) -> Path:
    return keys_folder(folder) / f"{slot.name}.pem"


def public_path(folder: DataFolder, slot: KeySlot) -> Path:
    return keys_folder(folder) / f"{slot.name}.pub"


def public_key_id(public_key: PublicKeyTypes) -> str:
    """First 16 hex characters of SHA-256 over the public key's DER (SubjectPublicKeyInfo).

    The device key's own id is over its raw 32 bytes (device_key.key_id_of); this one names other
    keys' keyring entries, for which only uniqueness matters."""
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()[:16]


def keyring_user(slot: KeySlot, key_id: str) -> str:
    return f"{slot.name}:{key_id}"


def ensure_keys_folder(folder: DataFolder) -> Path:
    """`keys/`, made readable by the user only (0700)."""
    path = keys_folder(folder)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt" and (path.stat().st_mode & 0o777) != 0o700:
        os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask, and an old folder may be wider
    return path


def load_or_create(folder: DataFolder, slot: KeySlot, kind: type, generate: Callable[[], PrivateKeyTypes],
                   *, id_of: IdOf = public_key_id) -> tuple[PrivateKeyTypes, str]:
    """The slot's private key and where it is kept, made (once) if the data folder has none yet.

    `id_of` gives a public key's id, which names its keyring entry and is printed in the .pub file."""
    try:
        found = _load(folder, slot, kind, id_of)
        if found is not None:
            return found
        ensure_keys_folder(folder)
        with _creation_lock(folder, slot):
            # Someone else may have made it while we waited for the lock.
            found = _load(folder, slot, kind, id_of)
            if found is not None:
                return found
            return _create(folder, slot, kind, generate, id_of)
    except UserFacingError:
        raise
    except OSError as exc:
        translated = as_user_error(exc, where=keys_folder(folder))
        if translated is not None:
            raise translated from exc
        raise


# ---- reading ---------------------------------------------------------------------------------------

def _load(folder: DataFolder, slot: KeySlot, kind: type, ident: IdOf) -> tuple[PrivateKeyTypes, str] | None:
    pem_file, pub_file = private_path(folder, slot), public_path(folder, slot)
    if pem_file.exists():
        key = _read_private_file(pem_file, slot, kind)
        _repair_public_file(pub_file, slot, key, ident)
        return key, str(pem_file)
    if pub_file.exists():
        return _read_from_keyring(pub_file, slot, kind, ident), "the system keyring"
    return None


def _read_private_file(path: Path, slot: KeySlot, kind: type) -> PrivateKeyTypes:
    if os.name != "nt" and (path.stat().st_mode & 0o077):
        try:
            os.chmod(path, 0o600)  # copied with wider permissions (a restore, a sync tool): close it again
        except OSError:
            pass  # a read-only copy of the folder can still be used
    data = path.read_bytes()
    key = _parse_private(data, kind)
    if key is None:
        raise UserFacingError(f"the file of {slot.label}, {path}, is damaged: it does not hold a readable "
                              "private key of the expected kind", _NO_NEW_KEY)
    return key


def _parse_private(data: bytes, kind: type) -> PrivateKeyTypes | None:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):  # not PEM, a damaged body, or one with a password
        return None
    return key if isinstance(key, kind) else None


def _read_public_file(path: Path, slot: KeySlot) -> PublicKeyTypes:
    try:
        return serialization.load_pem_public_key(path.read_bytes())
    except ValueError:
        raise UserFacingError(f"the public key file of {slot.label}, {path}, is damaged, so the app cannot "
                              "tell which keyring entry holds the private key", _NO_NEW_KEY) from None


def _repair_public_file(path: Path, slot: KeySlot, key: PrivateKeyTypes, ident: IdOf) -> None:
    """Write the .pub file again if it is missing or does not match: the private key is what counts.

    Best effort: a read-only data folder still lets the key be used."""
    public = key.public_key()
    wanted = public_file_text(slot, public, ident(public))
    try:
        if path.exists() and path.read_bytes() == wanted:
            return
        write_atomic(path, wanted)
    except OSError:
        pass


def _read_from_keyring(pub_file: Path, slot: KeySlot, kind: type, ident: IdOf) -> PrivateKeyTypes:
    public = _read_public_file(pub_file, slot)
    try:
        user = keyring_user(slot, ident(public))
    except (ValueError, TypeError):  # a public key of another kind than this slot's
        raise UserFacingError(f"the public key file of {slot.label}, {pub_file}, holds a key of the wrong kind, "
                              "so the app cannot tell which keyring entry holds the private key", _NO_NEW_KEY) from None
    where = f"the system keyring (service \"{KEYRING_SERVICE}\", entry \"{user}\")"
    backend, why = usable_keyring()
    if backend is None:
        raise UserFacingError(f"{slot.label} of this data folder is kept in the system keyring, which cannot "
                              f"be used now ({why})",
                              "Unlock or start the keyring (log in to the desktop session), or unset "
                              f"{KEYRING_SWITCH}, then try again. " + _NO_NEW_KEY)
    try:
        text = backend.get_password(KEYRING_SERVICE, user)
    except Exception as exc:  # any backend: D-Bus, locked collections, denied access
        raise UserFacingError(f"{slot.label} could not be read from {where}: {type(exc).__name__}: {exc}",
                              "Unlock the keyring, then try again. " + _NO_NEW_KEY) from None
    if text is None:
        raise UserFacingError(f"{where} holds no private key for {slot.label} named in {pub_file}: the data "
                              "folder was made on another computer or user account, or the entry was deleted",
                              "Sign on the computer where this data folder was made. " + _NO_NEW_KEY)
    key = _parse_private(text.encode("utf-8", "replace"), kind)
    if key is None:
        raise UserFacingError(f"the entry for {slot.label} in {where} is damaged: it does not hold a readable "
                              "private key of the expected kind", _NO_NEW_KEY)
    if _public_der(key.public_key()) != _public_der(public):
        raise UserFacingError(f"the entry for {slot.label} in {where} does not match its public key {pub_file}",
                              _NO_NEW_KEY)
    return key


def _public_der(public: PublicKeyTypes) -> bytes:
    return public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def public_file_text(slot: KeySlot, public: PublicKeyTypes, key_id: str) -> bytes:
    """The .pub file: a few lines a person can read, then the key as PEM (parsers skip the lines)."""
    groups = " ".join(key_id[i:i + 4] for i in range(0, len(key_id), 4))
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    head = f"{slot.title}\nkey id: {key_id}\nfingerprint: {groups}\n\n"
    return head.encode() + pem


# ---- creating --------------------------------------------------------------------------------------

@contextmanager
def _creation_lock(folder: DataFolder, slot: KeySlot) -> Iterator[None]:
    """`keys/create.lock` held while a key is made; a second process waits, then finds the key.

    An OS file lock (portalocker), so it dies with its process: a crash mid-creation blocks nobody."""
    import portalocker  # not at import: the window's start reads the folder key without creating one

    path = keys_folder(folder) / CREATE_LOCK
    lock = portalocker.Lock(path, mode="a", check_interval=0.05, timeout=CREATE_LOCK_TIMEOUT_S)
    try:
        lock.acquire()
    except portalocker.AlreadyLocked:
        raise UserFacingError(f"another ESCP Field Auditor process was still making {slot.label} after "
                              f"{CREATE_LOCK_TIMEOUT_S:g} seconds", "Wait for it to finish, then try again.") from None
    except portalocker.LockException as exc:  # not contention: a file system without locks
        raise OSError(f"cannot lock {path} ({exc.__cause__ or exc})") from exc
    try:
        yield
    finally:
        lock.release()


def _create(folder: DataFolder, slot: KeySlot, kind: type, generate: Callable[[], PrivateKeyTypes],
            ident: IdOf) -> tuple[PrivateKeyTypes, str]:
    key = generate()
    key_id = ident(key.public_key())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    stored_in = _store_in_keyring(slot, key_id, pem.decode("ascii"))
    if stored_in is None:
        pem_file = private_path(folder, slot)
        if not create_new(pem_file, pem, mode=0o600):
            # Only possible without the lock (a file system where it does not hold): the other one wins.
            found = _load(folder, slot, kind, ident)
            if found is None:
                raise OSError(f"{pem_file} appeared but could not be read")
            return found
        stored_in = str(pem_file)
    # The .pub file last: for a keyring key it is what says the key exists.
    write_atomic(public_path(folder, slot), public_file_text(slot, key.public_key(), key_id))
    return key, stored_in


def _store_in_keyring(slot: KeySlot, key_id: str, pem: str) -> str | None:
    """"the system keyring" if the key went in and reads back the same; None to use a file instead."""
    backend, _why = usable_keyring()
    if backend is None:
        return None
    user = keyring_user(slot, key_id)
    try:
        backend.set_password(KEYRING_SERVICE, user, pem)
        if backend.get_password(KEYRING_SERVICE, user) == pem:
            return "the system keyring"
    except Exception:  # any keyring error means "no usable keyring": the file is the fallback
        pass
    try:
        backend.delete_password(KEYRING_SERVICE, user)  # a half-stored entry names a key nobody uses
    except Exception:
        pass
    return None
