"""The review's states and what moves them: a small state machine, as data.

received -> returned -> resubmitted -> approved -> submitted. A lead who receives an audit (a package
handed over, or a submission on the platform) reviews it: comments while it is received or
resubmitted, then returns it for rework or approves it; the auditor answers comments while it is
returned and resubmits a new revision that supersedes the returned one; an approved audit is then
submitted to the program. Each entry of the review record (`records`) is one of the kinds below;
replaying them in order gives the state, and an entry that does not fit the state it meets is refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor_app.errors import UserFacingError

STATES = ("received", "returned", "resubmitted", "approved", "submitted")
STATE_LABELS = {
    None: "not in review",
    "received": "received for review",
    "returned": "returned for rework",
    "resubmitted": "resubmitted",
    "approved": "approved for submission",
    "submitted": "submitted to the program",
}

# kind -> {state it may meet: state it leaves}; None is "no review yet".
TRANSITIONS: dict[str, dict[str | None, str]] = {
    "receive": {None: "received"},
    "comment": {"received": "received", "resubmitted": "resubmitted"},
    "return": {"received": "returned", "resubmitted": "returned"},
    "answer": {"returned": "returned"},
    "resubmit": {"returned": "resubmitted"},
    "approve": {"received": "approved", "resubmitted": "approved"},
    "submit": {"approved": "submitted"},
}
KINDS = tuple(TRANSITIONS)
# Who writes each kind: the lead reviewing, or the auditor whose audit it is.
LEAD_KINDS = frozenset({"receive", "comment", "return", "approve", "submit"})
AUDITOR_KINDS = frozenset({"answer", "resubmit"})
# Decisions: signed entries that move the audit between the lead and the auditor.
DECISIONS = frozenset({"return", "approve"})
# Kinds whose entry concerns a new revision of the audit (the others concern the current one).
OPENS_REVISION = frozenset({"receive", "resubmit"})

_WORDS = {
    "receive": "receive it for review",
    "comment": "comment on it",
    "return": "return it for rework",
    "answer": "answer a comment",
    "resubmit": "resubmit it",
    "approve": "approve it",
    "submit": "mark it submitted to the program",
}
_HINTS = {
    "comment": "comments are made while the audit is received or resubmitted, before a decision",
    "answer": "comments are answered while the audit is returned for rework",
    "resubmit": "a new revision is resubmitted after the lead returned the audit",
    "submit": "an audit is submitted to the program once it is approved",
    "return": "the lead decides while the audit is received or resubmitted",
    "approve": "the lead decides while the audit is received or resubmitted",
    "receive": "an audit already in review is continued, not received again",
}


class ReviewStateError(UserFacingError):
    """An entry that the review's state does not allow (a comment after the decision, ...)."""


def next_state(state: str | None, kind: str) -> str:
    """The state after an entry of `kind` meets `state`; `ReviewStateError` if it may not."""
    moves = TRANSITIONS.get(kind)
    if moves is None:
        raise ReviewStateError(f"{kind!r} is not a kind of review entry")
    if state not in moves:
        raise ReviewStateError(f"the audit is {STATE_LABELS.get(state, state)}: one cannot {_WORDS[kind]} now",
                               _HINTS.get(kind, ""))
    return moves[state]


def replay(kinds: Iterable[str]) -> str | None:
    """The state after these kinds, in order (None for none); `ReviewStateError` at the first misfit."""
    state: str | None = None
    for kind in kinds:
        state = next_state(state, kind)
    return state


def allowed(state: str | None) -> list[str]:
    """The kinds of entry the state allows next (the UI enables those actions)."""
    return [kind for kind, moves in TRANSITIONS.items() if state in moves]
