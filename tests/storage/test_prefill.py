"""Prefill: a new lianghua-upgrade assessment takes the GB/T 23020 stage from the enterprise's latest
finalized lianghua assessment, says where from, and forgets the origin once the answer changes."""

from __future__ import annotations

from typing import Any

import pytest

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.loading.load import Loaded
from diagnosis.scoring.sample import sample_answers
from diagnosis.storage.answers import history_of, prefilled, set_answer, set_answers, set_review
from diagnosis.storage.assessments import answers_of, delete_assessment, finalize, new_assessment
from diagnosis.storage.db import Store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise


@pytest.fixture(scope="module")
def lianghua() -> Loaded:
    return default_catalogue().get("lianghua@1.0.1")


@pytest.fixture(scope="module")
def upgrade() -> Loaded:
    return default_catalogue().get("lianghua-upgrade")


def integration(store: Store, loaded: Loaded, enterprise: int, strategy: Any, *, final: bool = True) -> int:
    """A lianghua assessment: "max" reaches 创新突破 (S4), "min" 起步建设 (S1)."""
    made = new_assessment(store, loaded, enterprise)
    set_answers(store, made, dict(sample_answers(loaded.questionnaire, strategy)))
    if final:
        finalize(store, made)
    return made


def stage_of(store: Store, assessment: int) -> Any:
    return answers_of(store, assessment)[0].get("gbt23020_stage")


def test_the_latest_finalized_integration_stage_is_taken_and_its_origin_told(
    store: Store, enterprise: int, lianghua: Loaded, upgrade: Loaded
) -> None:
    integration(store, lianghua, enterprise, "max")  # #1: S4, finalized first
    latest = integration(store, lianghua, enterprise, "min")  # #2: S1, finalized last
    integration(store, lianghua, enterprise, "max", final=False)  # #3: a draft is no result
    made = new_assessment(store, upgrade, enterprise)
    assert answers_of(store, made)[0] == {"gbt23020_stage": "start"}
    [row] = history_of(store, made)
    assert (row["question_id"], row["reason"]) == ("gbt23020_stage", f"prefilled from assessment #{latest}")
    taken = prefilled(store, made)["gbt23020_stage"]
    assert taken.text("zh") == f"取自评估 #{latest}（lianghua 1.0.1）"
    assert str(taken) == f"taken from assessment #{latest} (lianghua 1.0.1)"
    # A review mark or a note leaves the origin as it was; a new answer is the person's own.
    set_review(store, made, "gbt23020_stage", True)
    set_answer(store, made, "gbt23020_stage", note="国家平台 2025 年结果")
    assert "gbt23020_stage" in prefilled(store, made)
    set_answer(store, made, "gbt23020_stage", "single")
    assert prefilled(store, made) == {}


def test_nothing_is_taken_without_a_finalized_source_of_the_same_enterprise(
    store: Store, enterprise: int, lianghua: Loaded, upgrade: Loaded
) -> None:
    other = add_enterprise(store, EnterpriseInput(name="另一家企业"))
    integration(store, lianghua, other, "max")
    integration(store, lianghua, enterprise, "max", final=False)
    made = new_assessment(store, upgrade, enterprise)
    assert answers_of(store, made)[0] == {} and prefilled(store, made) == {}


def test_the_origin_outlives_a_deleted_source(
    store: Store, enterprise: int, lianghua: Loaded, upgrade: Loaded
) -> None:
    source = integration(store, lianghua, enterprise, "max")
    made = new_assessment(store, upgrade, enterprise)
    assert stage_of(store, made) == "innovative"
    delete_assessment(store, source)
    assert (
        prefilled(store, made)["gbt23020_stage"].text("en")
        == f"taken from assessment #{source} (since deleted)"
    )


def test_questionnaires_without_prefill_start_empty(store: Store, enterprise: int, lianghua: Loaded) -> None:
    integration(store, lianghua, enterprise, "max")
    made = new_assessment(store, lianghua, enterprise)
    assert answers_of(store, made)[0] == {} and history_of(store, made) == []
