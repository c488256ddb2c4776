"""Format 3: a 不适用 is stored only with its reason (its note), whichever way it comes — one
answer, several at once, an answers file — and refused in one sentence leaving the database as
it was. Older questionnaires keep accepting it as they always did."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnosis.errors import AnswersError
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.loading.load import load_file
from diagnosis.scoring.answers import AnswersFile
from diagnosis.storage.answers import history_of, set_answer, set_answers
from diagnosis.storage.answers_file import answers_from_file
from diagnosis.storage.assessments import answers_of, new_assessment, score_assessment
from diagnosis.storage.db import Store
from tests.storage.conftest import dump

SCOPED = Path(__file__).parent.parent / "fixtures" / "valid"


@pytest.fixture
def strict(store: Store, enterprise: int) -> int:
    return new_assessment(store, load_file(SCOPED / "scoped-3.0.0.yaml"), enterprise)


def test_one_not_applicable_needs_its_reason(store: Store, strict: int) -> None:
    before = dump(store)
    with pytest.raises(AnswersError, match=r"^pa1_1: not applicable needs a reason \(a note\)$"):
        set_answer(store, strict, "pa1_1", "na")
    assert dump(store) == before
    set_answer(store, strict, "pa1_1", "na", note="本单位没有这项业务")
    assert answers_of(store, strict) == ({"pa1_1": "na"}, {"pa1_1": "本单位没有这项业务"})
    with pytest.raises(AnswersError):
        set_answer(store, strict, "pa1_1", note="  ")  # taking the reason away leaves it without one
    set_answer(store, strict, "pa1_2", "not_met")
    set_answer(store, strict, "pa1_2", "na", note="无")  # the note and the answer together
    result, _ = score_assessment(store, strict)
    assert result.questions["pa1_1"].not_applicable and result.completeness.unexplained == []


def test_a_stored_note_is_a_reason(store: Store, strict: int) -> None:
    set_answer(store, strict, "pa1_3", note="没有三级要求的场景")
    set_answer(store, strict, "pa1_3", "na")
    assert answers_of(store, strict)[0] == {"pa1_3": "na"}


def test_several_at_once_with_or_without_reasons(store: Store, strict: int) -> None:
    before = dump(store)
    with pytest.raises(AnswersError) as caught:
        set_answers(store, strict, {"pa1_1": "yes_full", "pa1_2": "na", "pa1_policy": "na"})
    assert caught.value.lines == [
        "not applicable needs a reason (a note); these have none: pa1_2, pa1_policy"
    ]
    assert dump(store) == before
    changed = set_answers(
        store,
        strict,
        {"pa1_2": "na", "pa1_policy": "na"},
        "rest marked",
        notes=dict.fromkeys(["pa1_2", "pa1_policy"], "无"),
    )
    assert changed == ["pa1_2", "pa1_policy"]
    assert answers_of(store, strict)[1] == {"pa1_2": "无", "pa1_policy": "无"}
    assert [(h["question_id"], h["new_note"], h["reason"]) for h in history_of(store, strict)] == [
        ("pa1_2", "无", "rest marked"),
        ("pa1_policy", "无", "rest marked"),
    ]


def test_an_answers_file_brings_its_reasons_along(store: Store, strict: int) -> None:
    file = AnswersFile.model_validate(
        {
            "format": "diagnosis-answers/1",
            "questionnaire": {"id": "scoped", "version": "3.0.0"},
            "answers": {"pa1_1": "na", "pa1_2": "na"},
            "notes": {"pa1_1": "本单位没有这项业务"},
        }
    )
    before = dump(store)
    with pytest.raises(AnswersError, match=r"these have none: pa1_2$"):
        answers_from_file(store, strict, file, "答案.json")
    assert dump(store) == before
    file.notes["pa1_2"] = "同上"
    assert answers_from_file(store, strict, file, "答案.json") == (2, 2)
    assert answers_of(store, strict)[1] == {"pa1_1": "本单位没有这项业务", "pa1_2": "同上"}


def test_older_formats_take_not_applicable_as_before(store: Store, enterprise: int) -> None:
    older = new_assessment(store, default_catalogue().get("dcmm@2.0.0"), enterprise)
    set_answer(store, older, "strategy.planning.l1a", "na")
    assert answers_of(store, older) == ({"strategy.planning.l1a": "na"}, {})
