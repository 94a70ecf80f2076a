"""Who is asking: the user of a bearer session (the app) or of a cookie session (the web view)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request
from sqlalchemy.orm import Session

from connect_server.errors import ApiError
from connect_server.models import User
from connect_server.security import SESSION_COOKIE, session_user


@contextmanager
def transaction(request: Request) -> Iterator[Session]:
    """One transaction, committed before the response is sent (a lost response then finds it done)."""
    with request.app.state.sessions.begin() as db:
        yield db


def api_user(request: Request) -> User:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "sign in first: this needs a session token (Authorization: Bearer ...)", code="auth",
                       headers={"WWW-Authenticate": "Bearer"})
    with transaction(request) as db:
        found = session_user(db, token.strip(), "api")
    if found is None:
        raise ApiError(401, "the session is unknown or has expired: sign in again", code="auth",
                       headers={"WWW-Authenticate": "Bearer"})
    return found[0]


def web_user(request: Request) -> User | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    with transaction(request) as db:
        found = session_user(db, token, "web")
    return found[0] if found else None
