"""Where keys are kept: the data folder's `keys/` and the OS keyring, if there is a usable one.

Apart from the key store (`key_store.py`, which reads and writes the keys with `cryptography`), so that
the folder's key can be found at start without loading what signing needs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from auditor_app.paths import DataFolder

KEYRING_SERVICE = "ESCP Field Auditor"
KEYRING_SWITCH = "AUDITOR_APP_KEYRING"  # "off" keeps keys in files (tests, machines with odd keyrings)
KEYS_FOLDER = "keys"


def keys_folder(folder: DataFolder) -> Path:
    return folder.root / KEYS_FOLDER


def usable_keyring() -> tuple[KeyringBackend | None, str]:
    """The keyring backend to keep keys in, or None and why not.

    keyring's "fail" and "null" backends (no desktop keyring, e.g. a server or a bare container),
    an empty chainer, a backend whose priority cannot be read (keyring's own test that it works
    here) and `AUDITOR_APP_KEYRING=off` all mean: no usable keyring."""
    if os.environ.get(KEYRING_SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return None, f"{KEYRING_SWITCH}=off"
    try:
        import keyring
        from keyring.backends import chainer, fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, (fail.Keyring, null.Keyring)):
            return None, "there is no keyring service on this computer"
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return None, "there is no keyring service on this computer"
        if float(backend.priority) <= 0:
            return None, f"the keyring {backend.name} is not recommended for use"
    except Exception as exc:  # a backend that fails while being chosen is no usable keyring
        return None, f"{type(exc).__name__}: {exc}"
    return backend, ""
