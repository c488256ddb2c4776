"""Format 3, computed by hand on tests/fixtures/valid/scoped-3.0.0.yaml and checked-1.0.0.yaml:
不适用 needs a reason and never raises a level, an area leaves only through the scope answer, a
skippable criterion may be skipped, level 1 counts when level 2 is reached (where declared), hard
plausibility bounds void what they concern until explained, a figure above its whole is refused.
The same answers on scoped-2.0.0 (format 1) still score as they always did."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from diagnosis.errors import AnswersError
from diagnosis.loading.load import Loaded, load_file
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.result import ScoreResult, to_dict

VALID = Path(__file__).parent.parent / "fixtures" / "valid"
FULL = {"pa1_1": "yes_full", "pa1_2": "yes_full", "pa1_policy": "yes_full", "pa1_3": "yes_full"}
AREA2 = {"pa2_1": "yes_full", "pa2_policy": "yes_full", "pa2_3": "yes_full"}


@pytest.fixture(scope="module")
def v2() -> Loaded:
    return load_file(VALID / "scoped-2.0.0.yaml")


@pytest.fixture(scope="module")
def v3() -> Loaded:
    return load_file(VALID / "scoped-3.0.0.yaml")


@pytest.fixture(scope="module")
def checked() -> Loaded:
    return load_file(VALID / "checked-1.0.0.yaml")


def scored(loaded: Loaded, answers: dict[str, Any], reasons: bool = True, **context: Any) -> ScoreResult:
    """Scored with a reason (note) for every 不适用, unless `reasons` is False."""
    notes = {qid: "没有这项业务" for qid, value in answers.items() if value == "na"} if reasons else {}
    return score(loaded.questionnaire, answers, strict=False, context=Context(notes=notes, **context))


def ladder(result: ScoreResult, area: str) -> tuple[int | None, float | None]:
    return result.nodes[area].ladder_level, result.nodes[area].score


# ------------------------------------------------------------------------- 不适用 and levels


def test_not_applicable_without_a_reason_counts_as_unanswered(v3: Loaded) -> None:
    result = scored(v3, FULL | AREA2 | {"pa1_3": "na"}, reasons=False)
    assert result.completeness.unexplained == ["pa1_3"]
    assert "pa1_3" in result.completeness.required_missing
    q = result.questions["pa1_3"]
    assert (q.not_applicable, q.points, q.max_points, q.answered) == (False, 0, 1, False)
    assert ladder(result, "pa1") == (2, 2.0)  # level 3 has a criterion, unanswered: not met
    assert to_dict(result)["completeness"]["not_applicable_without_reason"] == ["pa1_3"]


def test_a_level_whose_criteria_are_all_not_applicable_is_not_met(v2: Loaded, v3: Loaded) -> None:
    answers = {"pa1_1": "yes_full", "pa1_2": "na", "pa1_policy": "na", "pa1_3": "yes_full"} | AREA2
    assert ladder(scored(v2, answers), "pa1") == (3, 3.0)  # format 1: level 2 passed over
    assert ladder(scored(v3, answers), "pa1") == (1, 1.0)  # format 3: level 2 not met, no credit above
    assert scored(v3, answers).level.id == "L1"  # type: ignore[union-attr]


def test_a_level_is_met_by_the_criteria_that_are_met(v3: Loaded) -> None:
    answers = FULL | AREA2 | {"pa1_2": "na"}  # the policy criterion alone carries level 2
    result = scored(v3, answers)
    assert ladder(result, "pa1") == (3, 3.0)
    assert result.nodes["pa1"].not_applicable == 1
    assert result.na_share == pytest.approx(1 / 7)  # 1 of the 7 shown criteria offering 不适用


def test_an_area_answered_not_applicable_throughout_stays_in_scope(v2: Loaded, v3: Loaded) -> None:
    answers = FULL | {"pa2_1": "na", "pa2_policy": "na", "pa2_3": "na"}
    old, new = scored(v2, answers), scored(v3, answers)
    assert (old.nodes["pa2"].max_score, old.level.id) == (0, "L3")  # type: ignore[union-attr]
    assert new.nodes["pa2"].max_score == 3 and ladder(new, "pa2") == (0, 0.0)
    assert new.level is None and new.score == 1.5  # the mean of 3 and 0
    assert new.next_level is not None and new.next_level.unmet[0].candidates == ["pa2"]


def test_an_area_leaves_only_through_the_scope_answer(v3: Loaded) -> None:
    answers = FULL | {"out_of_scope": ["pa2"], "pa2_1": "not_met"}
    result = scored(v3, answers)
    assert not result.questions["pa2_1"].visible
    assert (result.level.id, result.score) == ("L3", 3.0)  # type: ignore[union-attr]


def test_a_skippable_criterion_lets_its_level_pass(v3: Loaded) -> None:
    skipped = FULL | {"pa2_1": "yes_full", "pa2_policy": "na", "pa2_3": "yes_full"}
    assert ladder(scored(v3, skipped), "pa2") == (3, 3.0)
    assert scored(v3, skipped).questions["pa2_policy"].skipped
    not_met = skipped | {"pa2_policy": "not_met"}
    assert ladder(scored(v3, not_met), "pa2") == (1, 1.0)
    assert ladder(scored(v3, skipped, reasons=False), "pa2") == (1, 1.0)  # skipped needs a reason too


def test_everything_skippable_and_skipped_leaves_nothing_to_judge(v3: Loaded) -> None:
    # Area 2 with only its skippable criterion shown (target level 2 hides level 3; level 1 is
    # answered): level 1 met, level 2 skipped → level 2, the top of the scoped ladder.
    answers = FULL | {"target": "t2", "pa2_1": "yes_full", "pa2_policy": "na"}
    assert ladder(scored(v3, answers), "pa2") == (2, 2.0)


def test_level_one_counts_when_level_two_is_reached_where_declared(v3: Loaded) -> None:
    informal_no = FULL | AREA2 | {"pa1_1": "not_met"}
    assert ladder(scored(v3, informal_no), "pa1") == (3, 3.0)  # pa1: implied_by_next [1]
    level2_partly = informal_no | {"pa1_policy": "not_met"}
    assert ladder(scored(v3, level2_partly), "pa1") == (0, 0.0)  # level 2 not reached: nothing implied
    other = FULL | AREA2 | {"pa2_1": "not_met"}
    assert ladder(scored(v3, other), "pa2") == (0, 0.0)  # pa2 declares nothing: level 1 still needed


def test_a_target_level_and_not_applicable(v3: Loaded) -> None:
    answers = {"target": "t2", "pa1_1": "yes_full", "pa1_2": "na", "pa1_policy": "na"} | AREA2
    result = scored(v3, answers)
    assert ladder(result, "pa1") == (1, 1.0) and result.nodes["pa1"].max_score == 2


def test_numbers_name_the_dimensions(v3: Loaded) -> None:
    result = scored(v3, FULL | AREA2)
    assert result.nodes["pa1"].name.zh == "PA01 过程域一"
    assert result.nodes["pa2"].name.get("en") == "PA02 Area 2"


# ------------------------------------------------------------------------- hard bounds


FIGURES = {"base_year": 2025, "revenue": 100, "spend": 50, "growth": 10, "devices": 10, "networked": 6}


def test_a_share_over_100_percent_scores_nothing_until_explained(checked: Loaded) -> None:
    assert scored(checked, FIGURES).questions["spend_share"].points == 4
    at_edge = scored(checked, FIGURES | {"spend": 100})  # 100 % is not over 100 %
    assert (at_edge.questions["spend_share"].points, at_edge.questions["spend_share"].voided) == (4, None)
    over = scored(checked, FIGURES | {"spend": 150})
    q = over.questions["spend_share"]
    assert (q.points, q.max_points, q.voided) == (0, 4, "spend_over_revenue")
    assert to_dict(over)["questions"]["spend_share"]["voided_by"] == "spend_over_revenue"
    explained = scored(checked, FIGURES | {"spend": 150}, resolutions={"spend_over_revenue": "含母公司拨款"})
    assert explained.questions["spend_share"].points == 4
    blank = scored(checked, FIGURES | {"spend": 150}, resolutions={"spend_over_revenue": ""})
    assert blank.questions["spend_share"].points == 0  # an empty explanation explains nothing


def test_a_base_year_in_the_future_voids_what_it_declares(checked: Loaded) -> None:
    assert (
        scored(checked, FIGURES | {"base_year": 2026}, assessment_year=2026).questions["growth"].points == 2
    )
    future = scored(checked, FIGURES | {"base_year": 2027}, assessment_year=2026)
    assert (future.questions["growth"].points, future.questions["growth"].voided) == (0, "base_year_future")
    assert future.questions["spend_share"].points == 4  # not declared in voids
    assert scored(checked, FIGURES | {"base_year": 2027}).questions["growth"].points == 2  # no year known


def test_a_soft_check_changes_no_points(checked: Loaded) -> None:
    assert scored(checked, FIGURES | {"growth": 500}).questions["growth"].points == 2


def test_a_figure_above_its_whole_is_refused_even_when_the_whole_is_zero(checked: Loaded) -> None:
    q = checked.questionnaire
    with pytest.raises(AnswersError) as none:
        score(q, FIGURES | {"devices": 0, "networked": 5})
    assert none.value.lines == ["answers: networked is 5, more than devices (0)"]
    with pytest.raises(AnswersError) as some:
        score(q, FIGURES | {"devices": 4, "networked": 5})
    assert "answers: networked is 5, more than devices (4)" in some.value.lines
    lenient = score(q, FIGURES | {"devices": 0, "networked": 5}, strict=False)
    assert lenient.questions["network_rate"].points == 0
    assert score(q, FIGURES | {"devices": 5, "networked": 5}).questions["network_rate"].points == 3
