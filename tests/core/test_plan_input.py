"""Plan fields as people type them, and what does not fit a questionnaire told in their words."""

from __future__ import annotations

from pathlib import Path

from diagnosis.loading.load import load_file
from diagnosis.messages import render
from diagnosis.plan.model import Plan
from diagnosis.plan.projection import check_plan
from diagnosis.plan.typed import read_amount, read_day, read_figure, read_hours, read_month

MINI = Path(__file__).parent.parent / "fixtures" / "valid" / "mini.yaml"


def test_months_days_and_figures_are_read_as_meant() -> None:
    assert read_month("2026年3月") == ("2026-03", None) and read_month(" 2026/12 ") == ("2026-12", None)
    assert read_month("") == (None, None)
    assert read_month("2026-13")[1] is not None and "2026-03" in read_month("三月")[1].zh  # type: ignore[union-attr]
    assert (
        read_day("２０２６／３／５") == ("2026-03-05", None) and read_day("2026年3月9日")[0] == "2026-03-09"
    )
    assert read_day("2026-02-30")[1].en == '"2026-02-30" is not a date; type it as 2026-03-05.'  # type: ignore[union-attr]
    assert read_amount("120万").value == 120 and read_amount("1,200").value == 1200
    assert read_amount("-3").problem is not None and read_amount("abc").value is None
    assert read_hours("0").problem is not None and read_hours("3.5").value == 3.5
    assert read_figure("98.5%").value == 98.5


def test_check_plan_names_indicators_in_the_language_asked() -> None:
    q = load_file(MINI).questionnaire
    plan = Plan.model_validate(
        {
            "projects": [
                {
                    "name": "管理",
                    "changes": [{"target": "mgmt", "goal": 9}, {"target": "sector", "goal": "x"}],
                }
            ]
        }
    )
    assert check_plan(plan, q) == [
        "project 1 (管理): the goal of mgmt must be a level from 1 to 2",
        "project 1 (管理): 'x' is not an answer to sector",
    ]
    # Messages: said in Chinese they name indicators by their text, whatever file they came from
    assert [render(problem, "zh") for problem in check_plan(plan, q)] == [
        "改造项目 1（管理）：“管理”的目标须为 1 到 2 级",
        "改造项目 1（管理）：“x”不是“所属行业”的有效答案",
    ]
    assert check_plan(plan, q, "en")[1] == "project 1 (管理): 'x' is not an answer to Sector"
