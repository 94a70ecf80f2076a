"""Who is behind each interview code: the auditor's call list, rebuilt from the roster on the laptop.

An audit stores codes and strata only. With the roster the workers were drawn from (the draw records
its SHA-256) and the draw's seed and size, `draw_key` runs the same draw again and accepts it only if
it gives exactly the recorded codes, strata and reasons; then it can name the workers. A replacement
is named by its place in the reserve (`replacement.py`). What this gives is working papers: shown to
the auditor and printed for them, never stored, never in a report or a package.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditor_app.checklist.messages import Message, Words, message, message_text, prepares
from auditor_app.checklist.replacement import MATCH_LEVELS, Replacement, next_replacement, reserve_order
from auditor_app.checklist.roster import Roster, Worker
from auditor_app.checklist.selection import FLAG_REASONS, Sample, draw_sample, worker_strata

STATUS_WORDS = {"absent": "absent", "refused": "refused", "not_available": "not available",
                "not_applicable": "not applicable", "other": "not interviewed"}


class CallListProblem(ValueError):
    """Why the roster at hand cannot name the drawn workers (a sentence for the auditor): `msg` is the
    message (English as a string, Chinese by `msg.render("zh")`), `str()` its English."""

    def __init__(self, message_id: str, **params: Any):
        self.msg = message_text(message_id, **params)
        super().__init__(str(self.msg))


@dataclass(frozen=True)
class DrawKey:
    """The recorded draw run again on its roster: the workers behind the codes, and the reserve."""

    draw_id: str
    sample: Sample
    on_date: date
    reserve: tuple[str, ...]
    strata: dict[str, dict[str, str]]
    workers: dict[str, Worker]

    def worker_id_of(self, code: str, details: Mapping | None = None) -> str | None:
        """The worker behind an interview code of this draw (a drawn code, or a replacement)."""
        details = details or {}
        rank = details.get("reserve_rank")
        if details.get("replaces") and details.get("draw_id") == self.draw_id and isinstance(rank, int):
            return self.reserve[rank] if 0 <= rank < len(self.reserve) else None
        return next((s.worker_id for s in self.sample.drawn if s.code == code), None)

    def taken(self, interviews: Iterable[Mapping]) -> set[str]:
        """Workers already drawn or used as a replacement in this draw."""
        out = {s.worker_id for s in self.sample.drawn}
        for iv in interviews:
            details = iv.get("details") or {}
            if details.get("replaces"):
                wid = self.worker_id_of(iv["code"], details)
                if wid:
                    out.add(wid)
        return out

    def replacement_for(self, code: str, details: Mapping | None,
                        interviews: Iterable[Mapping]) -> Replacement | None:
        """The next worker from the same stratum as the worker behind `code`."""
        wid = self.worker_id_of(code, details)
        if wid is None:
            raise CallListProblem("call.problem.not_drawn", code=code)
        return next_replacement(self.reserve, self.strata, self.strata[wid], self.taken(interviews))


def draw_key(roster: Roster, roster_sha256: str, draw: Mapping, on_dates: Iterable[date],
             country: str = "CN") -> DrawKey:
    """Run the recorded `draw` (seed, size, drawn, roster_sha256, id) again on `roster`; the audit date
    it was drawn for is one of `on_dates`. Raises CallListProblem when the roster cannot name them."""
    if roster_sha256 != draw.get("roster_sha256"):
        raise CallListProblem("call.problem.other_roster")
    recorded = list(draw.get("drawn") or [])
    for on_date in dict.fromkeys(on_dates):
        try:
            sample = draw_sample(roster, int(draw["size"]), int(draw["seed"]), on_date, country)
        except ValueError:
            continue
        if sample.public()["workers"] == recorded:
            return DrawKey(str(draw.get("id") or ""), sample, on_date, reserve_order(roster, sample.seed),
                           worker_strata(roster, on_date), {w.worker_id: w for w in roster.workers})
    raise CallListProblem("call.problem.draw_differs")


@dataclass(frozen=True)
class CallEntry:
    code: str
    interview_id: str
    stratum: dict[str, str]
    why: str                       # why drawn, or whom it replaces
    status: str                    # to call | held | absent, replaced by W-23 | ...
    flagged: bool = False
    worker: Worker | None = None   # None without the roster
    replaces: str = ""
    replaced_by: str = ""
    closed: bool = False           # marked absent, refused or another reason
    held: bool = False
    # `status` and `why` as messages, for the window's language (the printed list keeps the English);
    # a drawn worker's `why` (the draw's own reasons, stored with it) has none.
    status_message: Message | None = None
    why_message: Message | None = None

    @property
    def line(self) -> str:
        """Where to find the worker: the production line, else the job."""
        if self.worker is None:
            return ""
        return self.worker.line or self.worker.position


def _status(iv: Mapping | None, closure: Mapping | None, replaced_by: list[str]) -> Message:
    if iv is None:
        return message("call.status.no_form")
    if iv.get("conducted_at"):
        return message("call.status.held")
    if closure is not None:
        return message("call.status.closed", reason=_reason(closure), note=str(closure.get("note") or "").strip(),
                       replaced_by=replaced_by)
    return message("call.status.to_call")


def _reason(closure: Mapping | None) -> str:
    reason = str((closure or {}).get("reason"))
    return reason if reason in STATUS_WORDS else "other"


@prepares("call.status.closed")
def _closed(p: Mapping, w: Words) -> dict[str, str]:
    return {"words": w.t(f"call.reason.{p['reason']}"), "note": w.t("call.note", note=p["note"]) if p["note"] else "",
            "replaced": w.t("call.replaced_by", codes=", ".join(p["replaced_by"])) if p["replaced_by"] else ""}


@prepares("call.why.replaces")
def _replaces(p: Mapping, w: Words) -> dict[str, str]:
    level = p.get("level")
    match = (w.t(f"call.match.{level}") if isinstance(level, int) and 0 <= level < len(MATCH_LEVELS) else "")
    return {"code": p["code"], "words": w.t(f"call.reason.{p['reason']}"), "match": match}


def call_entries(draw: Mapping, interviews: Sequence[Mapping], closures: Mapping[str, Mapping],
                 key: DrawKey | None = None) -> list[CallEntry]:
    """One entry per drawn worker in code order, each replacement right after the worker it replaces.

    `interviews`: the audit's interview rows as dicts (id, code, kind, conducted_at, details, stratum);
    `closures`: interview id -> {"reason", "note"} of the interviews marked not held with a reason."""
    by_code = {iv["code"]: iv for iv in interviews}
    draw_id = str(draw.get("id") or "")
    replacements: dict[str, list[Mapping]] = {}
    for iv in sorted(interviews, key=lambda r: r["code"]):
        details = iv.get("details") or {}
        if details.get("replaces") and details.get("draw_id") == draw_id:
            replacements.setdefault(str(details["replaces"]), []).append(iv)

    def entry(code: str, stratum: Mapping, why: Message | str, flagged: bool, replaces: str = "") -> list[CallEntry]:
        iv = by_code.get(code)
        closure = closures.get(iv["id"]) if iv is not None else None
        after = replacements.get(code, [])
        replaced_by = ", ".join(r["code"] for r in after)
        status = _status(iv, closure, [r["code"] for r in after])
        worker = None
        if key is not None and iv is not None:
            wid = key.worker_id_of(code, iv.get("details"))
            worker = key.workers.get(wid) if wid else None
        why_message = why if isinstance(why, Message) else None
        out = [CallEntry(code, iv["id"] if iv is not None else "", dict(stratum), str(why),
                         status.text, flagged, worker, replaces, replaced_by,
                         closure is not None, bool(iv and iv.get("conducted_at")), status, why_message)]
        for rep in after:
            level = (rep.get("details") or {}).get("match")
            out += entry(rep["code"], rep.get("stratum") or {},
                         message("call.why.replaces", code=code, reason=_reason(closure),
                                 level=level if isinstance(level, int) else None), False, replaces=code)
        return out

    entries: list[CallEntry] = []
    for worker in sorted(draw.get("drawn") or [], key=lambda w: w["code"]):
        reasons = list(worker.get("reasons") or [])
        entries += entry(worker["code"], worker.get("stratum") or {}, "; ".join(reasons),
                         any(r in FLAG_REASONS for r in reasons))
    return entries
