"""When an audit's confidential data may be erased: `resources/rules/retention.yaml`, validated."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from auditor_app.resources import load_rules

RETENTION_FILE = "rules/retention.yaml"


class Retention(BaseModel):
    model_config = ConfigDict(extra="forbid")
    confidential_days_after_acceptance: int = Field(ge=0, le=3650)


@lru_cache(maxsize=1)
def load_retention() -> Retention:
    return load_rules(Retention, RETENTION_FILE)


def accepted_at(events: list[dict]) -> str | None:
    """When the audit last became accepted, from its event log (UTC text), or None."""
    at = None
    for ev in events:
        state = (ev.get("changes") or {}).get("state") if ev.get("entity") == "audit" else None
        if isinstance(state, list) and len(state) == 2 and state[1] == "accepted":
            at = ev["at"]
    return at


def erasable_from(accepted: datetime, retention: Retention) -> datetime:
    return accepted + timedelta(days=retention.confidential_days_after_acceptance)
