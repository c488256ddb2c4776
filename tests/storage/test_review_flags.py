"""Answers in a batch and the "needs review" mark: one transaction, every change in the history."""

from __future__ import annotations

import pytest

from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import Loaded
from diagnosis.storage.answers import history_of, review_flags, set_answer, set_answers, set_review
from diagnosis.storage.assessments import answers_of, finalize, new_assessment, reopen
from diagnosis.storage.db import Store
from diagnosis.storage.reports import overview


def test_a_batch_is_one_transaction_with_history(store: Store, mini: Loaded, enterprise: int) -> None:
    a = new_assessment(store, mini, enterprise)
    set_answer(store, a, "m1a", "full")
    changed = set_answers(store, a, {"m1a": "full", "m1b": "not", "m2a": "na"}, "rest of level")
    assert changed == ["m1b", "m2a"]  # an unchanged answer writes nothing
    assert answers_of(store, a)[0] == {"m1a": "full", "m1b": "not", "m2a": "na"}
    assert [(h["question_id"], h["reason"]) for h in history_of(store, a)][-2:] == [
        ("m1b", "rest of level"),
        ("m2a", "rest of level"),
    ]
    with pytest.raises(DiagnosisError, match="m2b: 'bogus' is not an option"):
        set_answers(store, a, {"m1b": "full", "m2b": "bogus"})
    assert answers_of(store, a)[0]["m1b"] == "not"  # nothing of a refused batch is written


def test_review_flags_are_stored_kept_with_answers_and_locked(
    store: Store, mini: Loaded, enterprise: int
) -> None:
    a = new_assessment(store, mini, enterprise)
    set_answer(store, a, "m1a", "full", note="见制度")
    set_review(store, a, "m1a", True)
    set_review(store, a, "m2b", True)  # unanswered questions can be marked too
    set_review(store, a, "m2b", True)  # no change, no history row
    assert review_flags(store, a) == {"m1a", "m2b"}
    assert answers_of(store, a) == ({"m1a": "full"}, {"m1a": "见制度"})
    set_answer(store, a, "m1a", "large")  # answering keeps the mark
    set_review(store, a, "m2b", False)
    assert review_flags(store, a) == {"m1a"}
    reasons = [(h["question_id"], h["reason"]) for h in history_of(store, a)]
    assert reasons.count(("m2b", "flagged for review")) == 1 and ("m2b", "review flag cleared") in reasons
    finalize(store, a, force=True)
    with pytest.raises(DiagnosisError, match="finalized"):
        set_review(store, a, "m1a", False)
    assert review_flags(store, reopen(store, a)) == {"m1a"}  # a new revision keeps the marks


def test_overview_of_one_assessment(store: Store, mini: Loaded, enterprise: int) -> None:
    a = new_assessment(store, mini, enterprise)
    set_answers(store, a, {"sector": "food", "network": ["wired", "g5"]})
    seen = overview(store, a)
    assert seen.level is not None and seen.level.id == "basic"  # 5 points, 4 needed
    assert (seen.score, seen.answered) == (5, 2) and 0 < seen.completeness < 1
