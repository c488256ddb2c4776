"""Rating pages, filters, search and the "rest of this level" helpers: pure functions of the
questionnaire and the answers (the wizard's side panel and the CLI share them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnosis import flow
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.loading.load import Loaded, load_file
from diagnosis.outcome import ladder_table, node_level, rounded
from diagnosis.scoring.engine import score

VALID = Path(__file__).parent.parent / "fixtures" / "valid"


@pytest.fixture(scope="module")
def mini() -> Loaded:
    return load_file(VALID / "mini.yaml")


@pytest.fixture(scope="module")
def scoped() -> Loaded:
    return load_file(VALID / "scoped-2.0.0.yaml")


def test_dimensions_of_criteria_over_one_answer_set_are_rating_pages(mini: Loaded) -> None:
    q = mini.questionnaire
    assert flow.rating_dimensions(q) == {"mgmt"}
    assert flow.page_of(q, "m2a") == "mgmt" and flow.page_of(q, "sector") == "sector"
    assert flow.page_of(q, "m2a", rating=False) == "m2a"
    dcmm = default_catalogue().get("dcmm@1.0.0").questionnaire
    assert len(flow.rating_dimensions(dcmm)) == 28  # every capability item


def test_page_steps_enter_a_rating_page_at_its_top(mini: Loaded) -> None:
    q, answers = mini.questionnaire, {"has_erp": "no"}
    assert flow.page_step(q, answers, "digital_rate", +1) == "m1a"
    assert flow.page_step(q, answers, "m2a", +1) == "scene_a"  # the rest of the page is skipped
    assert flow.page_step(q, answers, "scene_a", -1) == "m1a"
    assert flow.page_step(q, answers, "m1b", -1) == "digital_rate"
    assert flow.page_step(q, answers, "remarks", +1) is None
    assert flow.page_step(q, answers, "m1a", +1, rating=False) == "m1b"
    assert flow.on_page(q, answers, "mgmt") == ["m1a", "m1b", "m2a", "m2b"]
    assert flow.pages(q, answers)[-4:] == ["mgmt", "scene_a", "scene_b", "remarks"]
    assert "mgmt" not in flow.pages(q, answers, rating=False)


def test_filters_and_search(mini: Loaded) -> None:
    q = mini.questionnaire
    answers = {"sector": "food", "network": ["wired"], "has_erp": "no"}
    assert flow.find(q, answers, show="unanswered")[:2] == ["devices_total", "devices_digital"]
    assert flow.find(q, answers, show="review", flagged={"network", "m1a"}) == ["network", "m1a"]
    assert flow.find(q, answers, show="notes", notes={"sector": "x", "m2b": ""}) == ["sector"]
    assert flow.find(q, answers, text="ERP") == ["has_erp"]  # the hidden module count is not found
    assert flow.find(q, answers, text="二级") == ["m2a", "m2b"]
    assert flow.find(q, answers, text="ＳＣＥＮＥ ａ") == ["scene_a"]  # width and case ignored
    assert flow.find_dimensions(q, answers, "管理") == ["mgmt"]
    assert flow.find_dimensions(q, answers, "") == []


def test_rest_of_a_level_and_the_options_that_mean_not_met(mini: Loaded) -> None:
    q = mini.questionnaire
    assert flow.rest_of_level(q, {"m1a": "full"}, "mgmt", 1) == ["m1b"]
    assert flow.rest_of_level(q, {}, "mgmt", 2) == ["m2a", "m2b"]
    assert flow.option_for(q, "m1a", "not_met") == "not"
    assert flow.option_for(q, "m1a", "not_applicable") == "na"
    assert flow.option_for(q, "sector", "not_applicable") is None


def test_a_target_level_is_offered_and_hides_criteria(scoped: Loaded) -> None:
    q = scoped.questionnaire
    assert flow.target_question(q, {}) == "target"
    assert flow.on_page(q, {}, "pa1") == ["pa1_1", "pa1_2", "pa1_policy", "pa1_3"]
    assert flow.on_page(q, {"target": "t1"}, "pa1") == ["pa1_1"]
    assert flow.rest_of_level(q, {"target": "t1"}, "pa1", 2) == []


def test_the_scene_table_marks_mandatory_scenes(mini: Loaded) -> None:
    result = score(mini.questionnaire, {"sector": "food", "scene_a": "L2"})
    table = ladder_table(mini.questionnaire, result)
    assert [(r.question, r.option.id if r.option else None, r.marked) for r in table.rows] == [
        ("scene_a", "L2", False),
        ("scene_b", None, True),  # food: scene B is the mandatory one
    ]
    assert [t.zh for t in table.marker] == ["约束性场景"]
    mgmt = result.nodes["mgmt"]
    assert node_level(mini.questionnaire, mgmt) is None  # nothing answered: no ladder level


def test_figures_are_rounded_for_reading() -> None:
    assert [rounded(x) for x in (0.0416667, 3.5, 12.0, 2.999, -0.001, None)] == [
        "0.04", "3.5", "12", "3", "0", "—",
    ]  # fmt: skip


def test_a_dimension_out_of_scope_has_no_page(scoped: Loaded) -> None:
    q = scoped.questionnaire
    assert "pa2" in flow.pages(q, {}) and "pa2" not in flow.pages(q, {"out_of_scope": ["pa2"]})
    assert flow.page_step(q, {"out_of_scope": ["pa2"]}, "pa1_1", +1) is None
