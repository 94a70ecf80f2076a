"""Replacing a drawn worker who is absent or refuses: the next draw from the same stratum.

The draw's seed also fixes a second, separate order of the whole roster (the reserve): the roster
sorted by worker id, shuffled by `random.Random("reserve:<seed>")`, so replacements never disturb the
draw itself and anyone with the roster and the seed gets the same reserve. A worker is replaced by
the first worker of the reserve not drawn or used already whose stratum (department, gender, shift,
contract type, age band) is the same. When nobody in the roster is left in that stratum, the match is
loosened one dimension at a time, age band first (department last), and the result says how close it
came. The replacement's place in the reserve (`rank`) is all an audit needs to record: with the
roster and the seed it names the worker; without them it names nobody.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from auditor_app.checklist.roster import Roster

# (dimensions that must match, how the match reads), closest first.
MATCH_LEVELS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("department", "gender", "shift", "contract_type", "age_band"), "from the same stratum"),
    (("department", "gender", "shift", "contract_type"),
     "from the same department, gender, shift and contract type (nobody else in the age band)"),
    (("department", "gender", "shift"), "from the same department, gender and shift (nobody closer)"),
    (("department", "gender"), "from the same department and gender (nobody closer)"),
    (("department",), "from the same department (nobody closer)"),
    ((), "from the whole roster (nobody else in the department)"),
)


@dataclass(frozen=True)
class Replacement:
    worker_id: str
    rank: int                  # place in the reserve order
    level: int                 # index into MATCH_LEVELS: 0 is the same stratum
    stratum: dict[str, str]

    @property
    def match_words(self) -> str:
        return MATCH_LEVELS[self.level][1]


def reserve_order(roster: Roster, seed: int) -> tuple[str, ...]:
    """Every worker id of the roster in the order replacements are taken, fixed by the draw's seed."""
    ids = sorted(w.worker_id for w in roster.workers)
    random.Random(f"reserve:{seed}").shuffle(ids)
    return tuple(ids)


def next_replacement(reserve: Sequence[str], strata: Mapping[str, Mapping[str, str]],
                     stratum: Mapping[str, str], taken: Collection[str]) -> Replacement | None:
    """The first worker of `reserve` not in `taken` with the closest stratum to `stratum` (a worker's
    stratum as recorded); None when every worker of the roster is taken."""
    taken = set(taken)
    for level, (dims, _words) in enumerate(MATCH_LEVELS):
        for rank, wid in enumerate(reserve):
            if wid not in taken and all(strata[wid].get(d) == stratum.get(d) for d in dims):
                return Replacement(wid, rank, level, dict(strata[wid]))
    return None
