"""The review's state machine: received -> returned -> resubmitted -> approved -> submitted."""

from __future__ import annotations

import pytest

from auditor_app.review.states import STATES, TRANSITIONS, ReviewStateError, allowed, next_state, replay


def test_the_whole_way_round():
    kinds = ["receive", "comment", "comment", "return", "answer", "resubmit", "comment", "return", "answer",
             "resubmit", "approve", "submit"]
    seen = []
    state = None
    for kind in kinds:
        state = next_state(state, kind)
        seen.append(state)
    assert seen == ["received", "received", "received", "returned", "returned", "resubmitted", "resubmitted",
                    "returned", "returned", "resubmitted", "approved", "submitted"]
    assert replay(kinds) == "submitted"


def test_approval_straight_after_receipt():
    assert replay(["receive", "approve", "submit"]) == "submitted"


@pytest.mark.parametrize("kinds, refused", [
    (["comment"], "comment"),  # nothing received
    (["receive", "answer"], "answer"),  # answers only once returned
    (["receive", "resubmit"], "resubmit"),  # nothing to rework
    (["receive", "submit"], "submit"),  # not approved
    (["receive", "return", "comment"], "comment"),  # the decision is taken: the auditor has it
    (["receive", "return", "approve"], "approve"),
    (["receive", "approve", "return"], "return"),  # approved stays approved
    (["receive", "approve", "submit", "comment"], "comment"),
    (["receive", "receive"], "receive"),
])
def test_misfits_are_refused_with_a_sentence(kinds, refused):
    *before, last = kinds
    state = replay(before)
    with pytest.raises(ReviewStateError) as caught:
        next_state(state, last)
    assert "one cannot" in caught.value.message
    with pytest.raises(ReviewStateError):
        replay(kinds)


def test_every_state_is_reachable_and_named_in_the_table():
    reached = {target for moves in TRANSITIONS.values() for target in moves.values()}
    assert reached == set(STATES)
    assert allowed(None) == ["receive"]
    assert set(allowed("received")) == {"comment", "return", "approve"}
    assert allowed("returned") == ["answer", "resubmit"]
    assert allowed("submitted") == []


def test_unknown_kind():
    with pytest.raises(ReviewStateError):
        next_state("received", "delete")
