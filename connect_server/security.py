"""Secrets and who is asking: tokens (stored as SHA-256 only), web passwords (scrypt), sessions that
expire, and the roles' rules of visibility.

Visibility: an auditor sees its own assignments, submissions and alerts; a lead those of its firm; a
reviewer and an admin everything. Anything outside that answers 404, as if it did not exist.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import Session

from connect_server.models import SessionToken, User, utcnow

SESSION_COOKIE = "connect_session"
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def new_token() -> str:
    """32 random bytes, URL-safe; never starting with "-", which a command line would take for an option."""
    while (token := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def password_ok(stored: str, password: str) -> bool:
    try:
        kind, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), dklen=32, **_SCRYPT)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, base64.b64decode(digest))


def open_session(db: Session, user: User, *, kind: str, hours: float, device_key_id: str | None = None
                 ) -> tuple[str, datetime]:
    token = new_token()
    expires = utcnow() + timedelta(hours=hours)
    db.add(SessionToken(token_sha256=token_hash(token), user_id=user.id, kind=kind, expires_at=expires,
                        device_key_id=device_key_id))
    return token, expires


def session_user(db: Session, token: str, kind: str) -> tuple[User, SessionToken] | None:
    """The user of a live session of this kind, or None (unknown, expired, or another kind)."""
    row = db.get(SessionToken, token_hash(token))
    if row is None or row.kind != kind or row.expires_at <= utcnow():
        return None
    user = db.get(User, row.user_id)
    return (user, row) if user is not None else None


def visible(user: User, owner_col: Any, firm_col: Any) -> ColumnElement[bool]:
    """The rows of a table this user may see, as a WHERE clause (owner and firm columns given)."""
    if user.role in ("reviewer", "admin"):
        return true()
    if user.role == "lead":
        return firm_col == user.firm_id
    return owner_col == user.id


def may_see(user: User, owner_id: str | None, firm_id: str | None) -> bool:
    if user.role in ("reviewer", "admin"):
        return True
    if user.role == "lead":
        return firm_id is not None and firm_id == user.firm_id
    return owner_id == user.id
