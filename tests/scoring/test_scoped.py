"""Scope features of the format, computed by hand on tests/fixtures/valid/scoped-2.0.0.yaml:
areas out of scope, a target level, the weakest applicable area, and answers carried over."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnosis.errors import QuestionnaireError
from diagnosis.loading.load import Loaded, load_bytes, load_file
from diagnosis.scoring.carry_over import carry_over, check_mapping
from diagnosis.scoring.engine import score

VALID = Path(__file__).parent.parent / "fixtures" / "valid"
FULL = {"pa1_1": "yes_full", "pa1_2": "yes_full", "pa1_policy": "yes_full", "pa1_3": "yes_full"}


@pytest.fixture(scope="module")
def v1() -> Loaded:
    return load_file(VALID / "scoped-1.0.0.yaml")


@pytest.fixture(scope="module")
def v2() -> Loaded:
    return load_file(VALID / "scoped-2.0.0.yaml")


def test_the_weakest_applicable_area_decides_the_level(v2: Loaded) -> None:
    # Area 1 at level 3, area 2 at level 1 (its policy criterion not met): the organisation is at 1.
    answers = FULL | {"pa2_1": "yes_full", "pa2_policy": "not_met", "pa2_3": "yes_full"}
    result = score(v2.questionnaire, answers)
    assert (result.nodes["pa1"].ladder_level, result.nodes["pa2"].ladder_level) == (3, 1)
    assert result.level is not None and result.level.id == "L1"
    unmet = result.next_level.unmet if result.next_level else []
    assert [(c.met, c.current, c.required, c.candidates) for c in unmet] == [(False, 1, 2, ["pa2"])]


def test_an_area_out_of_scope_leaves_the_level_and_the_score(v2: Loaded) -> None:
    answers = FULL | {"out_of_scope": ["pa2"], "pa2_1": "not_met"}
    result = score(v2.questionnaire, answers)
    assert not result.questions["pa2_1"].visible  # the whole area is hidden, its answer ignored
    assert result.level is not None and result.level.id == "L3"
    assert result.score == 3  # the mean over the one applicable area


def test_no_applicable_area_reaches_no_level(v2: Loaded) -> None:
    answers = {k: "na" for k in FULL} | {"out_of_scope": ["pa2"]}
    assert score(v2.questionnaire, answers).level is None


def test_a_target_level_hides_the_criteria_above_it(v2: Loaded) -> None:
    answers = FULL | {"target": "t2", "pa2_1": "yes_full", "pa2_policy": "yes_full", "pa2_3": "not_met"}
    result = score(v2.questionnaire, answers)
    assert not result.questions["pa1_3"].visible and not result.questions["pa2_3"].visible
    assert (result.nodes["pa1"].max_score, result.score, result.max_score) == (2, 2, 2)
    assert result.level is not None and result.level.id == "L2"
    assert result.next_level is not None and result.next_level.level.id == "L3"


def test_answers_carry_over_by_the_declared_mapping(v1: Loaded, v2: Loaded) -> None:
    old = {"a1": "full", "a2": "not", "old_policy": "full", "gone": "full"}
    carried = carry_over(v1.questionnaire, old, {"a1": "见制度汇编"}, v2.questionnaire)
    assert carried.answers == {"pa1_1": "yes_full", "pa1_2": "not_met", "pa1_policy": "yes_full"}
    assert carried.notes == {"pa1_1": "见制度汇编"}
    assert ("gone", "no longer asked") in carried.dropped
    assert ("old_policy", "pa2_policy needs a fresh answer") in carried.dropped
    assert carried.open == ["target", "out_of_scope", "pa1_3", "pa2_1", "pa2_policy", "pa2_3"]
    assert check_mapping(v1.questionnaire, v2.questionnaire) == []


def test_a_mapping_naming_what_the_old_version_lacks_is_reported(v1: Loaded, v2: Loaded) -> None:
    raw = (VALID / "scoped-2.0.0.yaml").read_text(encoding="utf-8")
    raw = raw.replace("gone: null}", "gone: null, ghost: pa1_1}").replace(
        "{full: yes_full, not: not_met}\n", "{full: yes_full, bad: not_met}\n", 1
    )
    broken = load_bytes("x.yaml", raw.encode(), use_cache=False)
    assert check_mapping(v1.questionnaire, broken.questionnaire) == [
        "carry_over from 1.0.0: 1.0.0 has no question 'ghost'",
        "carry_over from 1.0.0: no question of 1.0.0 that maps to 'pa1_1' has an option 'bad'",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("target_level: target", "target_level: pa1_1"),
        ("from: 1.0.0", "from: 3.0.0"),
        ("a2: pa1_2,", "a2: nowhere,"),
        ("{id: t2, level: 2,", "{id: t1, level: 2,"),
        ("{id: na, label", "{id: not_met, label"),
    ],
)
def test_scope_mistakes_are_located(change: str, message: str) -> None:
    raw = (VALID / "scoped-2.0.0.yaml").read_text(encoding="utf-8").replace(change, message)
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes("scoped.yaml", raw.encode(), use_cache=False)
    text = "\n".join(caught.value.lines)
    expected = {
        "target_level: pa1_1": "'pa1_1' must be a level question outside any ladder",
        "from: 3.0.0": "carry-over must come from an earlier version than 2.0.0",
        "a2: nowhere,": "unknown question 'nowhere' in this version",
        "{id: t1, level: 2,": "duplicate option id 't1'",
        "{id: not_met, label": "duplicate option id 'not_met' (at answer_sets.conformity.options)",
    }[message]
    assert expected in text
