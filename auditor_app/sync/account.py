"""Signing this installation in to a Connect platform, and downloading its assignments."""

from __future__ import annotations

import json
import platform
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from auditor_app.errors import UserFacingError
from auditor_app.paths import DataFolder
from auditor_app.signing.atomic_files import write_atomic
from auditor_app.sync.credentials import Link, folder_of, require_link, save_link

# The client (requests) and the wire models (pydantic) load at the first sign-in or download: the
# window reads the saved assignments at every start (issue 17).
if TYPE_CHECKING:
    from auditor_app.sync.protocol import AssignmentOut

ASSIGNMENTS = "assignments.json"


def sign_in(folder: DataFolder, url: str, token: str) -> Link:
    """Enrol this installation's device key with the platform at `url` for the user the one-time
    `token` was issued to; keep the session and pin the platform's receipt key."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UserFacingError(f"{url!r} is not a platform address", "Give it as https://connect.example.org")
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise UserFacingError(f"{url} is not encrypted (http)", "Use the platform's https:// address.")
    from auditor_app.signing.device_key import load_or_create
    from auditor_app.sync.client import ConnectClient, Refused, Transient

    key = load_or_create(folder)
    client = ConnectClient(url)
    try:
        out = client.enrol(token.strip(), key, device_name=platform.node())
    except Refused as exc:
        raise UserFacingError(f"the platform refused the sign-in: {exc.message}",
                              "Ask your platform administrator for a new enrolment token.") from None
    except Transient as exc:
        raise UserFacingError(f"the platform could not be reached: {exc.message}",
                              "Check the address and the connection, then try again.") from None
    finally:
        client.close()
    link = Link(url=url.rstrip("/"), server_key=out.server_key.model_dump(), user=out.user.model_dump(),
                device_key_id=out.device_key_id)
    save_link(folder, link, out.session_token)
    return link


def download_assignments(folder: DataFolder) -> list[AssignmentOut]:
    """The assignments the platform has for this user, kept in `<data folder>/connect/assignments.json`
    so they are on the laptop before going on site."""
    require_link(folder)
    from auditor_app.sync.client import Refused, Transient
    from auditor_app.sync.worker import connect_client

    client, _key = connect_client(folder)
    try:
        found = client.assignments()
    except Refused as exc:
        raise UserFacingError(f"the platform refused: {exc.message}",
                              "Sign in again with `auditor-app connect login URL --token T`.") from None
    except Transient as exc:
        raise UserFacingError(f"the platform could not be reached: {exc.message}", "Try again later.") from None
    finally:
        client.close()
    data = [a.model_dump(mode="json") for a in found]
    write_atomic(folder_of(folder) / ASSIGNMENTS, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
    return found


def saved_assignments(folder: DataFolder) -> list[dict[str, Any]]:
    try:
        return json.loads((folder_of(folder) / ASSIGNMENTS).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
