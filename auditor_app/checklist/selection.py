"""The auditor's random, stratified selection of workers to interview.

Workers are chosen by the auditor, never by management, and the draw must be reproducible so that a
reviewer can check it: the same roster and seed always give the same workers (the roster is sorted by
worker id and every random choice comes from `random.Random(seed)`, never the global generator).

Method, in order (docs/sampling.md says the same in plain words):
1. Flagged workers (roster_checks: underage, identity number not matching, historical child labour,
   juvenile, past retirement age, in that order; at random within a group) up to a share of the
   sample (roster-checks.yaml `sample.flagged_share`, 1/3 by default); the other flagged workers are
   listed for document checks, so the draw keeps most of its places for its strata. Then the youngest
   and the oldest.
2. Coverage: while places remain, one worker for each department, gender, shift, contract type and
   age band not yet in the sample (departments first), preferring workers who cover several missing
   groups at once; ties are broken at random.
3. Proportional fill: the remaining places go one at a time to the stratum (department × gender ×
   shift × contract type × age band) whose groups are furthest below their proportional share
   (size × group / roster, summed over the five dimensions), with a random worker from it.
Each drawn worker gets an anonymous code (W-01 …) in a shuffled order, so the code says nothing about
the roster order. `Sample.public()` is what may appear in a report: codes and strata, no name, no id.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from auditor_app.checklist.roster import Roster, Worker
from auditor_app.checklist.roster_checks import RosterTriage, load_roster_checks, triage_roster
from auditor_app.checklist.roster_dates import age_on
from auditor_app.checklist.sampling import age_bands

DIMENSIONS = ("department", "gender", "shift", "contract_type", "age_band")
_NOT_GIVEN = "not given"
_FLAG_REASON = {"underage": "underage worker (below the legal minimum age)",
                "juvenile": "young worker (under 18)",
                "historical": "hired below the legal minimum age",
                "id_mismatch": "identity number does not match the roster",
                "past_retirement": "past the statutory retirement age"}


@dataclass(frozen=True)
class SampledWorker:
    code: str
    worker_id: str
    stratum: dict[str, str]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Sample:
    seed: int
    size: int                                        # the size asked for
    drawn: tuple[SampledWorker, ...]
    strata_counts: dict[str, dict[str, dict[str, int]]]   # dimension -> value -> {roster, drawn}
    method_note: str
    notes: tuple[str, ...] = field(default=())
    # Flagged workers not drawn (over the share of the sample flagged workers may take): their
    # documents are checked instead. (worker id, triage group) - working papers only.
    document_checks: tuple[tuple[str, str], ...] = field(default=())

    def public(self) -> dict:
        """What a report may show: codes, strata and reasons; never names or worker ids."""
        return {
            "seed": self.seed,
            "size": len(self.drawn),
            "method": self.method_note,
            "notes": list(self.notes),
            "strata_counts": self.strata_counts,
            "workers": [{"code": s.code, "stratum": dict(s.stratum), "reasons": list(s.reasons)}
                        for s in self.drawn],
        }

    def code_of(self, worker_id: str) -> str | None:
        return next((s.code for s in self.drawn if s.worker_id == worker_id), None)


METHOD_NOTE = (
    "Stratified random selection by department, gender, shift, contract type and age band. "
    "First the workers the roster check flagged (underage, identity number not matching, hired below "
    "the minimum age within the review period, young, past retirement age), up to {share} of the "
    "sample, the others listed for document checks; then the youngest and the oldest. Then one worker "
    "for each group not yet represented, then the remaining places in proportion to stratum size "
    "(largest shortfall first). Reproducible from the seed; codes are assigned in shuffled order.")


def _strata(roster: Roster, on_date: date) -> dict[str, dict[str, str]]:
    bands = age_bands()

    def band(w: Worker) -> str:
        age = age_on(w.birth_date, on_date)
        return next((b.label for b in bands if b.contains(age)), "unknown")

    return {w.worker_id: {"department": w.department, "gender": w.gender,
                          "shift": w.shift or _NOT_GIVEN,
                          "contract_type": w.contract_type or _NOT_GIVEN,
                          "age_band": band(w)}
            for w in roster.workers}


def worker_strata(roster: Roster, on_date: date) -> dict[str, dict[str, str]]:
    """Each worker's stratum (worker id -> dimension -> value) as the draw on `on_date` sees it."""
    return _strata(roster, on_date)


FLAG_REASONS = frozenset(_FLAG_REASON.values())
_EXTREMES = ("youngest worker", "oldest worker")
WHOLE_ROSTER = "whole roster"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def explain_draw(asked: int, workers: list[dict], document_checks: int | None = None) -> str:
    """Why the sample holds the workers it holds, from the reasons recorded with each worker (the
    public form: no names, no ids): how many were flagged, the youngest and oldest, the groups, the
    random rest; and why it is larger than asked when it is."""
    first = [(w.get("reasons") or ["random"])[0] for w in workers]
    n = len(workers)
    if any(WHOLE_ROSTER in (w.get("reasons") or []) for w in workers):
        return f"Every worker of the roster is drawn ({n}): the roster is not larger than the sample of {asked}."
    flagged = sum(1 for r in first if r in FLAG_REASONS)
    extremes = [r for r in _EXTREMES if r in first]
    cover = sum(1 for r in first if r.startswith("covers "))
    rest = n - flagged - len(extremes) - cover
    parts = []
    if flagged:
        parts.append(f"{flagged} flagged by the roster check")
    if extremes:
        parts.append("the " + " and the ".join(e.removesuffix(" worker") for e in extremes)
                     + (" worker" if len(extremes) == 1 else " workers"))
    if cover:
        parts.append(f"{cover} to represent every group")
    if rest:
        parts.append(f"{rest} at random in proportion to group size")
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "none"
    if n > asked:
        text = (f"{_plural(n, 'worker')} drawn, {n - asked} more than the {asked} asked: the youngest and the "
                f"oldest worker are always added, beyond the places left after the flagged workers. "
                f"They are {listed}.")
    else:
        text = f"{_plural(n, 'worker')} drawn for the {asked} asked: {listed}."
    if document_checks:
        text += (f" {_plural(document_checks, 'more flagged worker')} "
                 f"{'is' if document_checks == 1 else 'are'} listed for document checks instead: flagged "
                 f"workers take at most {_share_words()} of the places, so the random draw keeps its strata.")
    return text


def _share_words() -> str:
    num, den = load_roster_checks().sample.flagged_share
    words = {(1, 3): "a third", (1, 2): "half", (1, 4): "a quarter"}
    return words.get((num, den), f"{num}/{den}")


def draw_sample(roster: Roster, size: int, seed: int, on_date: date, country: str = "CN",
                triage: RosterTriage | None = None) -> Sample:
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"sample size must be a whole number, at least 1 (got {size!r})")
    if not roster.workers:
        raise ValueError("the roster has no workers to draw from")
    rng = random.Random(seed)
    pool = sorted(roster.workers, key=lambda w: w.worker_id)
    strata = _strata(roster, on_date)
    picked: dict[str, list[str]] = {}   # worker id -> reasons, in the order they were drawn
    notes: list[str] = []
    share = load_roster_checks().sample.flagged_share
    triage = triage if triage is not None else triage_roster(roster, on_date, country)

    def pick(wid: str, reason: str) -> None:
        picked.setdefault(wid, []).append(reason)

    # 1. Flagged workers, group by group in priority order, at random within a group, up to the cap.
    candidates = triage.interview_candidates()
    by_group: dict[str, list[str]] = {}
    for wid, key in candidates:
        by_group.setdefault(key, []).append(wid)
    cap = size * share[0] // share[1]
    document_checks: list[tuple[str, str]] = []
    for key in dict.fromkeys(k for _, k in candidates):
        members = sorted(by_group[key])
        rng.shuffle(members)
        for wid in members:
            if len(picked) < cap:
                pick(wid, _FLAG_REASON[key])
            else:
                document_checks.append((wid, key))
    if document_checks:
        notes.append(f"{len(document_checks)} flagged worker(s) beyond {share[0]}/{share[1]} of the sample "
                     f"({cap} places) are listed for document checks instead of interviews.")
    by_age = sorted(pool, key=lambda w: (w.birth_date, w.worker_id))
    pick(by_age[-1].worker_id, "youngest worker")
    pick(by_age[0].worker_id, "oldest worker")

    if size >= len(pool):
        for w in pool:
            pick(w.worker_id, "whole roster")
        notes.append(f"Sample size {size} is not smaller than the roster ({len(pool)} workers): "
                     f"every worker is drawn.")
        document_checks = []
    else:
        if len(picked) > size:
            notes.append(f"Sample enlarged from {size} to {len(picked)} to include the youngest and the "
                         f"oldest worker.")
        _cover(pool, strata, picked, size, rng, notes)
        _fill(pool, strata, picked, size, rng)

    document_checks = [(wid, key) for wid, key in document_checks if wid not in picked]
    order = sorted(picked)
    rng.shuffle(order)
    width = max(2, len(str(len(order))))
    drawn = tuple(SampledWorker(f"W-{i:0{width}d}", wid, dict(strata[wid]), tuple(picked[wid]))
                  for i, wid in enumerate(order, start=1))
    method = METHOD_NOTE.format(share=f"{share[0]}/{share[1]}")
    return Sample(seed, size, drawn, _counts(strata, picked), method, tuple(notes), tuple(document_checks))


def _cover(pool, strata, picked, size, rng, notes) -> None:
    """One worker for each group (dimension value) the sample does not yet contain."""
    def uncovered() -> list[tuple[str, str]]:
        have = {(d, strata[wid][d]) for wid in picked for d in DIMENSIONS}
        every = {(d, strata[w.worker_id][d]) for w in pool for d in DIMENSIONS}
        return sorted(every - have, key=lambda p: (DIMENSIONS.index(p[0]), p[1]))

    missing = uncovered()
    while missing and len(picked) < size:
        dim, value = missing[0]
        wanted = set(missing)
        candidates = [w.worker_id for w in pool
                      if w.worker_id not in picked and strata[w.worker_id][dim] == value]
        gain = {wid: sum((d, strata[wid][d]) in wanted for d in DIMENSIONS) for wid in candidates}
        best = max(gain.values())
        wid = rng.choice([c for c in candidates if gain[c] == best])
        covered = [f"{d.replace('_', ' ')} {strata[wid][d]}" for d in DIMENSIONS
                   if (d, strata[wid][d]) in wanted]
        picked.setdefault(wid, []).append("covers " + ", ".join(covered))
        missing = uncovered()
    if missing:
        shown = ", ".join(f"{d.replace('_', ' ')} {v}" for d, v in missing)
        notes.append(f"Sample too small to include every group; not represented: {shown}.")


def _fill(pool, strata, picked, size, rng) -> None:
    """Remaining places, one at a time, to the stratum whose groups are furthest below their
    proportional share (size × group / roster), summed over the five dimensions; then the stratum's
    own shortfall; then a random tie-break."""
    def key(wid: str) -> tuple[str, ...]:
        return tuple(strata[wid][d] for d in DIMENSIONS)

    members: dict[tuple, list[str]] = {}
    for w in pool:
        members.setdefault(key(w.worker_id), []).append(w.worker_id)
    share = size / len(pool)
    group_target = Counter((d, strata[w.worker_id][d]) for w in pool for d in DIMENSIONS)
    group_drawn = Counter((d, strata[wid][d]) for wid in picked for d in DIMENSIONS)
    cell_drawn = Counter(key(wid) for wid in picked)
    tie = {cell: rng.random() for cell in sorted(members)}

    def shortfall(cell: tuple) -> tuple[float, float, float]:
        groups = sum(share * group_target[(d, v)] - group_drawn[(d, v)] for d, v in zip(DIMENSIONS, cell))
        return groups, share * len(members[cell]) - cell_drawn[cell], tie[cell]

    while len(picked) < size:
        open_cells = [c for c in sorted(members) if any(m not in picked for m in members[c])]
        cell = max(open_cells, key=shortfall)
        wid = rng.choice([m for m in members[cell] if m not in picked])
        picked[wid] = ["random draw, proportional to stratum size"]
        cell_drawn[cell] += 1
        for d, v in zip(DIMENSIONS, cell):
            group_drawn[(d, v)] += 1


def _counts(strata, picked) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, dict[str, int]]] = {}
    for dim in DIMENSIONS:
        roster_n = Counter(s[dim] for s in strata.values())
        drawn_n = Counter(strata[wid][dim] for wid in picked)
        out[dim] = {v: {"roster": roster_n[v], "drawn": drawn_n[v]} for v in sorted(roster_n)}
    return out
