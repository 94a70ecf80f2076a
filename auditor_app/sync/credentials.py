"""This installation's link to a Connect platform: where it is, who signed in, the platform's receipt
key, and the session token.

`<data folder>/connect/connect.json` holds what is not secret (the URL, the user, the device key id,
the platform's public key, pinned at sign-in and used to check every receipt). The session token is a
secret: it goes into the OS keyring where there is a usable one (as the device key does), else into
`<data folder>/connect/session-token`, readable only by the user (0600). Sessions expire; a new one is
obtained with the device key (`client.ConnectClient.renew`), so the enrolment token is used once.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import write_atomic
from auditor_app.signing.key_places import KEYRING_SERVICE, usable_keyring

FOLDER = "connect"
CONFIG = "connect.json"
TOKEN_FILE = "session-token"


@dataclass
class Link:
    url: str
    server_key: dict[str, str]
    user: dict[str, Any]
    device_key_id: str
    token_in: str = ""  # "keyring" or "file"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def keyring_user(self) -> str:
        return f"connect-session:{self.device_key_id}"


def folder_of(data: DataFolder) -> Path:
    return data.root / FOLDER


def load_link(data: DataFolder) -> Link | None:
    path = folder_of(data) / CONFIG
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Link(**raw)
    except FileNotFoundError:
        return None
    except (ValueError, TypeError) as exc:
        raise UserFacingError(f"{path} is damaged ({exc})",
                              "Sign in again with `auditor-app connect login URL --token T`.") from None


def require_link(data: DataFolder) -> Link:
    link = load_link(data)
    if link is None:
        raise UserFacingError("this installation is not signed in to a Connect platform",
                              "Sign in with `auditor-app connect login URL --token T` (your platform "
                              "administrator gives you the token).")
    return link


def save_link(data: DataFolder, link: Link, token: str) -> None:
    folder = folder_of(data)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    link.token_in = save_token(data, link, token)
    write_atomic(folder / CONFIG, json.dumps(asdict(link), indent=2, sort_keys=True).encode("utf-8"))


def save_token(data: DataFolder, link: Link, token: str) -> str:
    backend, _why = usable_keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, link.keyring_user, token)
            if backend.get_password(KEYRING_SERVICE, link.keyring_user) == token:
                (folder_of(data) / TOKEN_FILE).unlink(missing_ok=True)
                return "keyring"
        except Exception:  # any keyring failure: the file is the fallback
            pass
    path = folder_of(data) / TOKEN_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, token.encode("ascii"), mode=0o600)
    os.chmod(path, 0o600)
    return "file"


def load_token(data: DataFolder, link: Link) -> str | None:
    if link.token_in == "keyring":
        backend, _why = usable_keyring()
        if backend is None:
            return None
        try:
            return backend.get_password(KEYRING_SERVICE, link.keyring_user)
        except Exception:  # a locked keyring: sign in again (the device key renews the session)
            return None
    try:
        return (folder_of(data) / TOKEN_FILE).read_text(encoding="ascii").strip() or None
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def forget_link(data: DataFolder) -> None:
    """Sign out: the session token (keyring and file) and connect.json go; the outbox, its receipts and the
    downloaded assignments stay. Signing in again needs a new enrolment token."""
    link = load_link(data)
    if link is not None and link.token_in == "keyring":
        backend, _why = usable_keyring()
        if backend is not None:
            try:
                backend.delete_password(KEYRING_SERVICE, link.keyring_user)
            except Exception:  # already gone, or a locked keyring: the link below is what counts
                pass
    (folder_of(data) / TOKEN_FILE).unlink(missing_ok=True)
    (folder_of(data) / CONFIG).unlink(missing_ok=True)
