"""Drafting from the gaps: sentences for people, a few projects, marked as drafts until edited."""

from __future__ import annotations

import pytest

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.plan.draft import draft_plan
from diagnosis.scoring.sample import sample_answers


@pytest.mark.parametrize("questionnaire", ["dcmm", "sme-digital-2024", "dsmm", "lianghua"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_draft_reads_as_sentences_and_proposes_a_few_projects(questionnaire: str, lang: str) -> None:
    q = default_catalogue().get(questionnaire).questionnaire
    plan = draft_plan(q, sample_answers(q, "random", seed=3), lang=lang)  # type: ignore[arg-type]
    assert plan.findings and all(f.is_draft for f in plan.findings)
    for finding in plan.findings:
        assert "≥" not in finding.text and "得分率仅" not in finding.text
        assert finding.text.endswith("。" if lang == "zh" else ".")
    assert 1 <= len(plan.projects) <= len(q.dimensions)  # one per top-level part at most
    assert all(k.indicator and k.better for k in plan.kpis)


def test_the_dcmm_draft_groups_its_items() -> None:
    q = default_catalogue().get("dcmm").questionnaire
    plan = draft_plan(q, sample_answers(q, "min"), lang="zh")
    assert plan.projects and len(plan.projects) <= 9
    assert sum(len(p.changes) for p in plan.projects) > len(plan.projects)
    assert plan.findings[0].text.startswith("要达到“初始级”")


def test_an_edited_finding_is_no_longer_a_draft() -> None:
    q = default_catalogue().get("sme-digital-2024").questionnaire
    finding = draft_plan(q, sample_answers(q, "random", seed=3)).findings[0]
    assert not finding.model_copy(update={"text": finding.text + "（已与企业确认）"}).is_draft
