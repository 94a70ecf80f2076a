"""The platform's tables: firms, users, enrolment tokens, devices, sessions, assignments, submissions,
blobs and Zero Tolerance alerts. Portable SQL (SQLite and PostgreSQL); times are aware UTC.

Secrets (enrolment and session tokens, web passwords) are stored hashed; blobs' bytes live in the blob
store (`blobs.py`), their rows here say that they are complete and verified.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
          "pk": "pk_%(table_name)s"}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)


class UTC(TypeDecorator):
    """An aware UTC datetime on both databases (SQLite keeps no zone: it is put back on reading)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Firm(Base):
    __tablename__ = "firm"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    login: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))  # auditor | lead | reviewer | admin
    firm_id: Mapped[str | None] = mapped_column(ForeignKey("firm.id"))
    password_hash: Mapped[str] = mapped_column(String(300), default="")  # scrypt, for the web view
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class EnrolmentToken(Base):
    """A one-time token an admin hands to a user, to enrol one laptop. Only its SHA-256 is kept."""

    __tablename__ = "enrolment_token"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    expires_at: Mapped[datetime] = mapped_column(UTC)
    used_at: Mapped[datetime | None] = mapped_column(UTC)
    device_key_id: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class Device(Base):
    """A laptop's Ed25519 device key, registered to one user: the server knows who signed a seal."""

    __tablename__ = "device"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    name: Mapped[str] = mapped_column(String(200), default="")
    enrolled_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class SessionToken(Base):
    """A bearer session (API, from a device) or a cookie session (web view). Only the hash is kept."""

    __tablename__ = "session_token"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    device_key_id: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(8))  # api | web
    expires_at: Mapped[datetime] = mapped_column(UTC)
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class Assignment(Base):
    __tablename__ = "assignment"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    auditor_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    firm_id: Mapped[str] = mapped_column(ForeignKey("firm.id"))
    audit_type: Mapped[str] = mapped_column(String(4))
    factory: Mapped[dict[str, Any]] = mapped_column(JSON)
    window_start: Mapped[date] = mapped_column(Date)
    window_end: Mapped[date] = mapped_column(Date)
    previous_audit_id: Mapped[str | None] = mapped_column(String(36))
    previous_cap: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class Submission(Base):
    """One audit revision, keyed by its UUID. The manifest is the body: the same body again is a retry,
    another body for the same UUID a conflict."""

    __tablename__ = "submission"

    audit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    firm_id: Mapped[str | None] = mapped_column(ForeignKey("firm.id"))
    audit_type: Mapped[str] = mapped_column(String(4))
    factory_name: Mapped[str | None] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(12), default="receiving")  # receiving | verified | rejected
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)
    signer: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # who signed the seal (from the statement)
    # The revision this one corrects (audit.json's supersedes_id), read when it is verified: a resubmission
    # joins its review thread by it.
    supersedes_id: Mapped[str | None] = mapped_column(String(36), index=True)
    receipt: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(UTC)


class SubmissionBlob(Base):
    """A member of a submission: which blob, and its path in the package."""

    __tablename__ = "submission_blob"
    __table_args__ = (UniqueConstraint("audit_id", "path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    audit_id: Mapped[str] = mapped_column(ForeignKey("submission.audit_id"))
    path: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)


class Blob(Base):
    """A complete blob in the store, re-hashed by the server when its last byte arrived."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class ZtAlert(Base):
    """A Zero Tolerance alert: recorded with the server's time, shown to reviewers until acknowledged."""

    __tablename__ = "zt_alert"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    body_sha256: Mapped[str] = mapped_column(String(64))
    audit_id: Mapped[str] = mapped_column(String(36), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    firm_id: Mapped[str | None] = mapped_column(ForeignKey("firm.id"))
    receipt: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    acknowledged_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTC)


class RenderedPdf(Base):
    """The report or CAP PDF of a verified submission, built once from its package and kept as a blob."""

    __tablename__ = "rendered_pdf"

    audit_id: Mapped[str] = mapped_column(ForeignKey("submission.audit_id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # report | cap
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    made_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class ReviewThread(Base):
    """The lead's review of one submitted audit across its revisions (docs/review.md): its id is the id of
    the first revision received, as on the laptops. The columns summarise the entries for lists and for
    serialising writers (a row lock); the entries are the record."""

    __tablename__ = "review_thread"

    id: Mapped[str] = mapped_column(ForeignKey("submission.audit_id"), primary_key=True)
    firm_id: Mapped[str | None] = mapped_column(ForeignKey("firm.id"))
    state: Mapped[str] = mapped_column(String(12))  # auditor_app.review.states.STATES
    under_review: Mapped[str] = mapped_column(String(36))  # the revision received or resubmitted last
    head_seq: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class ReviewRecordEntry(Base):
    """One signed entry of a review record, kept whole (`record`) with columns for queries; never changed."""

    __tablename__ = "review_entry"
    __table_args__ = (UniqueConstraint("thread_id", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    thread_id: Mapped[str] = mapped_column(ForeignKey("review_thread.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    audit_id: Mapped[str] = mapped_column(ForeignKey("submission.audit_id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))  # the account that posted it
    key_id: Mapped[str] = mapped_column(String(16))
    hash: Mapped[str] = mapped_column(String(64))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
