"""What the background decode found about a photo file's pixels: whole, or damaged and why.

Keyed by the original's SHA-256, not by audit: it is a fact about the bytes (the same file in two
audits is checked once), found after the photo was stored, possibly after its audit was sealed. So
it is bookkeeping beside the record, like the derived copies, and not in any audit's event chain.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from auditor_app.store.models.base import Base
from auditor_app.store.types import UTCDateTime, utcnow

WHOLE, DAMAGED = "whole", "damaged"


class PhotoCheck(Base):
    __tablename__ = "photo_check"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    condition: Mapped[str] = mapped_column(String(12))  # WHOLE or DAMAGED
    reason: Mapped[str] = mapped_column(Text, default="")  # the decoder's words, for a damaged photo
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
