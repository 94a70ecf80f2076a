"""The data folder's key: the audit database (SQLCipher) and every evidence file are encrypted with keys
derived from it (HKDF-SHA256, one label each), so a copied laptop disk or USB stick reads as noise.

`keys/folder-key.json` says how the 32-byte key is kept; it never holds the key in the clear:
- "keyring": in the OS keyring (service "ESCP Field Auditor", entry `folder-key:<key id>`), as the
  device key is where there is a usable keyring;
- "passphrase": wrapped (AES-256-GCM) under a key derived from a passphrase with scrypt
  (N=2^17, r=8, p=1), asked once at start (`set_prompt`: a terminal prompt for commands, a dialog for
  the window) or given in `AUDITOR_APP_PASSPHRASE` (scripts, tests); a wrong one is a clear message;
- "file": `keys/folder.key` (0600), only where the keyring is switched off (`AUDITOR_APP_KEYRING=off`:
  tests, machines with odd keyrings) and no passphrase was given. Weaker: it protects copies of the
  database, backups and evidence, not a copy of the whole folder; `auditor-app keys unlock --passphrase` moves
  the key under a passphrase.
A new folder, with no keyring and the keyring not switched off, needs a passphrase: asked, or refused.

The key is unlocked once per process and data folder (`unlock` caches it): every command and the window
go through `Store`, which unlocks before anything is read.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from auditor_app.builtin_hashes import sha256
from auditor_app.confidential.hkdf import hkdf_sha256
from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import write_atomic
from auditor_app.signing.key_places import KEYRING_SERVICE, KEYRING_SWITCH, keys_folder, usable_keyring

DESCRIPTION = "folder-key.json"
KEY_FILE = "folder.key"
PASSPHRASE_ENV = "AUDITOR_APP_PASSPHRASE"
KEY_BYTES = 32
SCRYPT = {"n": 2 ** 17, "r": 8, "p": 1}
MIN_PASSPHRASE = 8

ATTEMPTS = 3


class Ask(NamedTuple):  # not a dataclass: defined at every start (docs/architecture.md)
    """What a prompt is asked for: the passphrase of `folder`, or (`new`) one to choose for it (asked
    twice); `wrong`: the one given just before did not open it."""

    folder: Path
    new: bool = False
    wrong: bool = False

    @property
    def message(self) -> str:
        """The question in English words (a terminal); the window words it in the user's language."""
        if self.new:
            return f"Choose a passphrase for the data folder {self.folder} (no keyring on this computer)"
        return f"Passphrase for the data folder {self.folder}" + (" (wrong, try again)" if self.wrong else "")


# Ask -> the passphrase, or None when the person gives up.
Prompt = Callable[[Ask], "str | None"]


class FolderLocked(UserFacingError):
    """The data folder's key cannot be had: a wrong passphrase, a locked keyring, no way to keep one."""


class NotGiven(FolderLocked):
    """The person asked for the passphrase gave none (cancelled): the folder stays locked, nothing changed."""


class FolderKey:
    """The data folder's key: its secret, where it is kept ("keyring", "passphrase", "file") and its id.
    A plain class, not a dataclass: defined at every start (~0.01 ms against ~1 ms)."""

    __slots__ = ("_derived", "key_id", "kept", "secret")

    def __init__(self, secret: bytes, kept: str, key_id: str) -> None:
        self.secret = secret
        self.kept = kept
        self.key_id = key_id
        # Derived once per label: readers of small files (thumbnails) ask for theirs on every read.
        self._derived: dict[str, bytes] = {}

    def derive(self, label: str) -> bytes:
        found = self._derived.get(label)
        if found is None:
            found = hkdf_sha256(self.secret, b"escp-folder:" + label.encode(), KEY_BYTES)
            self._derived[label] = found
        return found

    @property
    def database_key(self) -> str:
        """SQLCipher's raw-key form (no PBKDF2 at each open: the key is already random)."""
        return "x'" + self.derive("sqlcipher").hex() + "'"

    @property
    def evidence_key(self) -> bytes:
        return self.derive("evidence")

    def __repr__(self) -> str:  # never the key, even in a traceback's locals
        return f"FolderKey(kept={self.kept!r}, key_id={self.key_id!r})"


_cache: dict[str, FolderKey] = {}
_by_given_root: dict[Path, FolderKey] = {}  # the same keys by the path as given: no resolve() per read
_lock = threading.RLock()
_prompt: Prompt | None = None


def set_prompt(prompt: Prompt | None) -> None:
    """How to ask for a passphrase in this process (the window's dialog, a terminal prompt)."""
    global _prompt
    _prompt = prompt


def _ask() -> Prompt | None:
    """The prompt set for this process, else a terminal prompt when there is a terminal (commands)."""
    if _prompt is not None:
        return _prompt
    if sys.stdin is not None and sys.stdin.isatty():
        return terminal_prompt
    return None


def terminal_prompt(ask: Ask) -> str | None:
    return ask_terminal(ask.message, ask.new)


def ask_terminal(message: str, new: bool) -> str | None:
    import getpass  # the command line's prompt only: the window's start has no use for termios

    try:
        text = getpass.getpass(message + ": ")
        if new and getpass.getpass("The same passphrase again: ") != text:
            print("The two passphrases differ.", file=sys.stderr)
            return None
    except (EOFError, KeyboardInterrupt):
        return None
    return text


def forget(folder: DataFolder | None = None) -> None:
    """Lock again (tests; a window closing its folder)."""
    with _lock:
        _by_given_root.clear()
        if folder is None:
            _cache.clear()
        else:
            _cache.pop(_root(folder), None)


def description_path(folder: DataFolder) -> Path:
    return keys_folder(folder) / DESCRIPTION


def exists(folder: DataFolder) -> bool:
    return description_path(folder).is_file()


def unlock(folder: DataFolder) -> FolderKey:
    """The folder's key, made the first time (see the module's doc for where it is kept)."""
    found = _by_given_root.get(folder.root)
    if found is not None:
        return found
    with _lock:
        found = _cache.get(_root(folder))
        if found is None:
            found = _open(folder) if exists(folder) else _create(folder)
            _cache[_root(folder)] = found
        if folder.root.is_absolute():  # a relative path names another folder once the working directory moves
            _by_given_root[folder.root] = found
        return found


def opens_without_asking(folder: DataFolder) -> bool:
    """The folder has a key that `unlock` gets without asking anyone: already unlocked here, kept in the
    keyring or a key file, or its passphrase given in the environment."""
    if folder.root in _by_given_root:
        return True
    if not exists(folder):
        return False
    if os.environ.get(PASSPHRASE_ENV) is not None:
        return True
    try:
        return _description(folder).get("kept") in ("keyring", "file")
    except FolderLocked:
        return False


def status(folder: DataFolder) -> str:
    if not exists(folder):
        return "no key yet: the data folder is made and encrypted at its first start"
    kept = _description(folder)["kept"]
    return {"keyring": "the key is in the system keyring",
            "passphrase": "the key is protected by a passphrase, asked at start",
            "file": f"the key is in the file {keys_folder(folder) / KEY_FILE}, readable by your account only "
                    "(not protected against a copy of the whole folder: `auditor-app keys unlock --passphrase`)"}[kept]


def set_passphrase(folder: DataFolder, passphrase: str) -> FolderKey:
    """Keep the (same) key under a new passphrase; the keyring entry or key file it was in is removed."""
    _check_passphrase(passphrase)
    with _lock:
        key = unlock(folder)
        old = _description(folder)
        described = _wrapped(key, passphrase)
        write_atomic(description_path(folder), json.dumps(described, indent=1).encode())
        _drop_old_copy(folder, old, key)
        moved = FolderKey(key.secret, "passphrase", key.key_id)
        _cache[_root(folder)] = moved
        _by_given_root.clear()
        return moved


# ---- opening -----------------------------------------------------------------------------------------

def _open(folder: DataFolder) -> FolderKey:
    described = _description(folder)
    kept = described.get("kept")
    if kept == "file":
        path = keys_folder(folder) / KEY_FILE
        try:
            secret = base64.b64decode(path.read_bytes().strip(), validate=True)
        except (OSError, ValueError):
            raise FolderLocked(f"the data folder's key file {path} is missing or damaged, so the audit database "
                               "and evidence cannot be read", _RESTORE) from None
        return _checked(secret, "file", described)
    if kept == "keyring":
        return _checked(_from_keyring(described), "keyring", described)
    if kept == "passphrase":
        return _from_passphrase(folder, described)
    raise FolderLocked(f"{description_path(folder)} is damaged: it does not say how the folder's key is kept", _RESTORE)


def _from_passphrase(folder: DataFolder, described: dict) -> FolderKey:
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return _unwrap(described, given, folder)
    prompt = _ask()
    if prompt is None:
        raise FolderLocked(f"the data folder {folder.root} is locked with a passphrase, and there is no way to ask "
                           "for it here", f"Run the command in a terminal, or set {PASSPHRASE_ENV}.")
    for attempt in range(ATTEMPTS):
        text = prompt(Ask(folder.root, new=False, wrong=attempt > 0))
        if text is None:
            raise NotGiven("the data folder stays locked: no passphrase was given", "Start again to unlock it.")
        try:
            return _unwrap(described, text, folder)
        except FolderLocked:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _unwrap(described: dict, passphrase: str, folder: DataFolder) -> FolderKey:
    # Imported here: a folder kept in the keyring or a file opens without them, and faster (at every start).
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = described["kdf"]
    kek = Scrypt(salt=base64.b64decode(kdf["salt"]), length=KEY_BYTES, n=kdf["n"], r=kdf["r"], p=kdf["p"]) \
        .derive(passphrase.encode("utf-8"))
    wrapped = base64.b64decode(described["wrapped"])
    try:
        secret = AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], described["key_id"].encode())
    except InvalidTag:
        raise FolderLocked(f"wrong passphrase for the data folder {folder.root}: it stays locked",
                           "Type the passphrase chosen when the folder was protected (letters and case count); "
                           "nothing was changed.") from None
    return _checked(secret, "passphrase", described)


def _from_keyring(described: dict) -> bytes:
    backend, why = usable_keyring()
    user = f"folder-key:{described['key_id']}"
    if backend is None:
        raise FolderLocked(f"the data folder's key is kept in the system keyring, which cannot be used now ({why})",
                           f"Log in to the desktop session (or unset {KEYRING_SWITCH}), then start again.")
    try:
        text = backend.get_password(KEYRING_SERVICE, user)
    except Exception as exc:  # any backend: D-Bus, a locked collection, denied access
        raise FolderLocked(f"the data folder's key could not be read from the system keyring: {type(exc).__name__}",
                           "Unlock the keyring, then start again.") from None
    if text is None:
        raise FolderLocked(f"the system keyring holds no key for this data folder (entry \"{user}\"): it was made "
                           "on another computer or user account", "Open it where it was made. " + _RESTORE)
    return base64.b64decode(text)


def _checked(secret: bytes, kept: str, described: dict) -> FolderKey:
    if len(secret) != KEY_BYTES or key_id_of(secret) != described.get("key_id"):
        raise FolderLocked("the data folder's key does not match its description (keys/folder-key.json)", _RESTORE)
    return FolderKey(secret, kept, described["key_id"])


# ---- creating ----------------------------------------------------------------------------------------

def _create(folder: DataFolder) -> FolderKey:
    secret = os.urandom(KEY_BYTES)
    key = FolderKey(secret, "", key_id_of(secret))
    keys_folder(folder).mkdir(parents=True, exist_ok=True)
    passphrase = os.environ.get(PASSPHRASE_ENV)
    switched_off = os.environ.get(KEYRING_SWITCH, "").strip().lower() in ("off", "0", "no", "false")
    if passphrase is not None:
        _check_passphrase(passphrase)
        described = _wrapped(key, passphrase)
    elif not switched_off and _into_keyring(key):
        described = _described(key, "keyring")
    elif switched_off:
        write_atomic(keys_folder(folder) / KEY_FILE, base64.b64encode(secret) + b"\n")
        described = _described(key, "file")
    elif (prompt := _ask()) is not None:
        text = prompt(Ask(folder.root, new=True))
        if text is None:
            raise NotGiven("the data folder was not made: it needs a passphrase on a computer without a keyring",
                           "Start again and choose one.")
        _check_passphrase(text)
        described = _wrapped(key, text)
    else:
        raise FolderLocked("this computer has no keyring to keep the data folder's key, and no passphrase was given",
                           f"Run the command in a terminal to choose one, or set {PASSPHRASE_ENV}.")
    write_atomic(description_path(folder), json.dumps(described, indent=1).encode())
    return FolderKey(secret, described["kept"], key.key_id)


def _described(key: FolderKey, kept: str) -> dict:
    return {"version": 1, "kept": kept, "key_id": key.key_id}


def _wrapped(key: FolderKey, passphrase: str) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    salt = os.urandom(16)
    kek = Scrypt(salt=salt, length=KEY_BYTES, **SCRYPT).derive(passphrase.encode("utf-8"))
    nonce = os.urandom(12)
    wrapped = nonce + AESGCM(kek).encrypt(nonce, key.secret, key.key_id.encode())
    return {**_described(key, "passphrase"), "kdf": {"name": "scrypt", "salt": base64.b64encode(salt).decode(),
                                                      **SCRYPT}, "wrapped": base64.b64encode(wrapped).decode()}


def _into_keyring(key: FolderKey) -> bool:
    backend, _why = usable_keyring()
    if backend is None:
        return False
    user, text = f"folder-key:{key.key_id}", base64.b64encode(key.secret).decode()
    try:
        backend.set_password(KEYRING_SERVICE, user, text)
        if backend.get_password(KEYRING_SERVICE, user) == text:
            return True
    except Exception:  # noqa: BLE001 - any keyring error means "no usable keyring"
        pass
    return False


def _drop_old_copy(folder: DataFolder, old: dict, key: FolderKey) -> None:
    if old.get("kept") == "file":
        path = keys_folder(folder) / KEY_FILE
        try:
            with open(path, "r+b") as f:  # overwrite before unlinking: best effort on SSDs
                f.write(b"\0" * f.seek(0, 2))
                f.flush()
                os.fsync(f.fileno())
        except OSError:
            pass
        path.unlink(missing_ok=True)
    elif old.get("kept") == "keyring":
        backend, _why = usable_keyring()
        try:
            if backend is not None:
                backend.delete_password(KEYRING_SERVICE, f"folder-key:{key.key_id}")
        except Exception:  # noqa: BLE001 - a leftover entry is harmless: the passphrase now rules
            pass


def _check_passphrase(text: str) -> None:
    if len(text) < MIN_PASSPHRASE:
        raise FolderLocked(f"a passphrase needs at least {MIN_PASSPHRASE} characters", "Choose a longer one.")


def _description(folder: DataFolder) -> dict:
    try:
        described = json.loads(description_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise FolderLocked(f"{description_path(folder)} cannot be read", _RESTORE) from None
    if not isinstance(described, dict):
        raise FolderLocked(f"{description_path(folder)} is damaged", _RESTORE)
    return described


def key_id_of(secret: bytes) -> str:
    return sha256(b"escp-folder-key-id:" + secret).hexdigest()[:16]


def _root(folder: DataFolder) -> str:
    return str(folder.root.resolve())


_RESTORE = ("Restore the data folder's keys folder from a backup; without its key the audits in it cannot be read. "
            "Nothing was changed.")
