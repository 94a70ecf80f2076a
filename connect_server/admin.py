"""What `connect-server admin ...` does: firms, users, passwords, enrolment tokens, assignments.

Each function takes a session and commits nothing itself; the command line runs one per transaction.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor_app.sync.protocol import ROLES
from connect_server.models import EnrolmentToken, Firm, User, utcnow
from connect_server.security import hash_password, new_token, token_hash


class AdminError(Exception):
    """A request the admin can fix (an unknown firm, a login taken); the message says which."""


def create_firm(db: Session, name: str) -> Firm:
    name = name.strip()
    if not name:
        raise AdminError("a firm needs a name")
    if db.scalars(select(Firm).where(Firm.name == name)).first() is not None:
        raise AdminError(f"there is already a firm named {name!r}")
    firm = Firm(name=name)
    db.add(firm)
    db.flush()
    return firm


def find_firm(db: Session, name_or_id: str) -> Firm:
    firm = db.get(Firm, name_or_id) or db.scalars(select(Firm).where(Firm.name == name_or_id)).first()
    if firm is None:
        raise AdminError(f"no firm named {name_or_id!r} (create it with `connect-server admin create-firm`)")
    return firm


def find_user(db: Session, login_or_id: str) -> User:
    user = db.get(User, login_or_id) or db.scalars(select(User).where(User.login == login_or_id)).first()
    if user is None:
        raise AdminError(f"no user {login_or_id!r}")
    return user


def create_user(db: Session, *, login: str, name: str, role: str, firm: str | None = None,
                password: str | None = None) -> User:
    if role not in ROLES:
        raise AdminError(f"the role must be one of {', '.join(ROLES)}, not {role!r}")
    if not login.strip() or not name.strip():
        raise AdminError("a user needs a login and a name")
    if role in ("auditor", "lead") and not firm:
        raise AdminError(f"an {role} belongs to an audit firm: give --firm")
    if role in ("reviewer", "admin") and firm:
        raise AdminError(f"a {role} works for the program, not for an audit firm: leave out --firm")
    if db.scalars(select(User).where(User.login == login)).first() is not None:
        raise AdminError(f"the login {login!r} is taken")
    user = User(login=login.strip(), name=name.strip(), role=role, firm_id=find_firm(db, firm).id if firm else None,
                password_hash=hash_password(password) if password else "")
    db.add(user)
    db.flush()
    return user


def set_password(db: Session, login: str, password: str) -> None:
    if len(password) < 8:
        raise AdminError("a password has at least 8 characters")
    find_user(db, login).password_hash = hash_password(password)


def issue_enrolment_token(db: Session, login: str, *, days: float = 7) -> str:
    """A new one-time token for `login` to enrol a laptop; only its hash is stored, so show it now."""
    user = find_user(db, login)
    token = new_token()
    db.add(EnrolmentToken(token_sha256=token_hash(token), user_id=user.id,
                          expires_at=utcnow() + timedelta(days=days)))
    db.flush()
    return token
