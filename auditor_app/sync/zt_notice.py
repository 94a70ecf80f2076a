"""The platform's alert receipt as the closing meeting's record of the 24-hour Zero Tolerance notice.

Once an alert's receipt verified (the worker calls this after `outbox.mark_sent`), the closing meeting of
a draft audit records the notice: to "ESCP program (Connect)", at the time the platform received it,
through the meetings operation `update_meeting`. A notice a person recorded by hand is left as it is; a
notice recorded from an earlier alert moves to the newest receipt, so it covers every alert sent so far.
A sealed audit is not touched (its record is frozen; the receipt stays in the outbox row).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from auditor_app.store.models import Audit

NOTICE_TO = "ESCP program (Connect)"


def receipt_time(receipt: dict[str, Any]) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(receipt.get("received_at", "")).replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def record_zt_notice(store, audit_id: str, receipt: dict[str, Any]) -> bool:
    """Record the receipt as the notice of `audit_id`'s closing meeting; True when it did."""
    # Here, not at the top: the audit list reads receipt_time at every start, the meetings' rules later.
    from auditor_app.audits.meetings import meeting_of, update_meeting

    when = receipt_time(receipt)
    if when is None:
        return False
    with store.transaction() as s:
        audit = s.get(Audit, audit_id)
        if audit is None or audit.state != "draft":
            return False
        closing = meeting_of(s, audit_id, "closing")
        by_hand = closing.zt_notice_at is not None and closing.zt_notice_to != NOTICE_TO
        if by_hand or (closing.zt_notice_at is not None and closing.zt_notice_at >= when):
            return False
        update_meeting(s, closing.id, zt_notice_to=NOTICE_TO, zt_notice_at=when)
        return True
