"""A labour bureau's approval of a comprehensive (综合计算工时制) or flexible (不定时工作制) working-hour
system. Without one the standard system applies; with one, only the approved workers (all, when the
approval does not list them) and only the days within its period are computed under it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from auditor_app.errors import UserFacingError

KINDS = ("comprehensive", "flexible")
CYCLES = ("week", "month", "quarter", "year")


@dataclass(frozen=True)
class Approval:
    kind: str                               # "comprehensive" | "flexible"
    number: str                             # the approval's number as written on it
    valid_from: date
    valid_to: date
    cycle: str = "month"                    # comprehensive only: the period hours are totalled over
    workers: frozenset[str] | None = None   # worker ids covered; None: every worker in the files

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise UserFacingError(f"unknown working-hour system {self.kind!r}; use comprehensive or flexible")
        if not self.number.strip():
            raise UserFacingError("a working-hour system approval needs its number (as written on the approval)")
        if self.valid_to < self.valid_from:
            raise UserFacingError(f"the approval {self.number} ends ({self.valid_to}) before it starts "
                                  f"({self.valid_from})")
        if self.cycle not in CYCLES:
            raise UserFacingError(f"unknown cycle {self.cycle!r} for a comprehensive system; use "
                                  f"{', '.join(CYCLES)}")

    def covers(self, worker_id: str) -> bool:
        return self.workers is None or worker_id in self.workers

    def cycle_key(self, day: date) -> tuple[int, int]:
        """The cycle a day falls in: (year, month / quarter / ISO week / 0)."""
        if self.cycle == "month":
            return day.year, day.month
        if self.cycle == "quarter":
            return day.year, (day.month - 1) // 3 + 1
        if self.cycle == "week":
            iso = day.isocalendar()
            return iso.year, iso.week
        return day.year, 0

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "valid_from": self.valid_from.isoformat(),
                "valid_to": self.valid_to.isoformat(), "cycle": self.cycle,
                "workers": sorted(self.workers) if self.workers is not None else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Approval:
        workers = data.get("workers")
        return cls(str(data["kind"]), str(data["number"]), date.fromisoformat(data["valid_from"]),
                   date.fromisoformat(data["valid_to"]), str(data.get("cycle") or "month"),
                   frozenset(workers) if workers is not None else None)
