"""The subsidy policy file: the shipped examples are valid and say what they pay; a bad file is
refused in one located sentence; the rules a policy states (rates by region, what holds, which
questionnaires count) are what the ledger applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnosis import paths
from diagnosis.intake.flags import KINDS
from diagnosis.intake.policy import ALWAYS_HOLD, PolicyError, default_policy, describe, load_policy
from tests.intake.world import POLICY

EXAMPLES = paths.resources() / "policies"


def test_the_shipped_examples_are_valid_and_documented() -> None:
    names = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
    assert names == ["anhui-2023.yaml", "hefei-pilot-2024.yaml"]
    anhui = load_policy(EXAMPLES / "anhui-2023.yaml")
    assert (anhui.amounts.diagnosis, anhui.amounts.effect, anhui.amounts.maximum_per_enterprise) == (
        20000,
        30000,
        50000,
    )
    assert anhui.reward is not None and anhui.reward.maximum == 1_000_000
    assert anhui.rates("阜阳市", "临泉县").diagnosis == 24000  # northern Anhui, raised by 20 %
    assert anhui.rates("六安市", "霍邱县").region == "原国家级贫困县（上浮 20%，示例名单，须按官方名单核对）"
    assert anhui.rates("合肥市", "肥西县") == (20000, 30000, 50000, None)
    assert anhui.counts("sme-digital-2024", "1.2.0") and not anhui.counts("sme-digital-2024", "1.0.0")
    assert anhui.counts("dcmm", "2.1.0")
    hefei = load_policy(EXAMPLES / "hefei-pilot-2024.yaml")
    assert hefei.covers("安徽省", "合肥市") and not hefei.covers("安徽省", "芜湖市")
    assert hefei.holds("superseded_questionnaire") and not anhui.holds("superseded_questionnaire")
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for field in ("period", "amounts", "regions", "reward", "flags", "evidence_minimum", "questionnaires"):
        assert f"`{field}`" in readme, field
    for kind in KINDS:
        assert f"`{kind}`" in readme, kind


def test_what_a_policy_says_in_chinese() -> None:
    lines = [line.text("zh") for line in describe(load_policy(EXAMPLES / "anhui-2023.yaml"))]
    assert lines[0] == "政策：安徽省数字化诊断补助（2023—2025，示例）"
    assert "申领期间：2023-02-25 至 2025-12-31" in lines
    assert "每户诊断 20,000 元，每份复评成效 30,000 元，每户最多 50,000 元" in lines
    assert any(line.startswith("暂缓拨付的疑点：不同企业的评估使用了同一佐证文件、") for line in lines)
    assert "仅作提示的疑点：问卷版本已被取代、改造计划预算异常、不适用比例异常" in lines


def test_without_a_policy_nothing_is_paid_and_every_flag_holds_but_three() -> None:
    policy = default_policy()
    assert not policy.pays
    informing = [k for k in KINDS if not policy.holds(k)]
    assert informing == ["superseded_questionnaire", "budget_outlier", "many_not_applicable"]


def _written(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "policy.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


BAD = [
    ("", "policy.yaml:1:1: the file is empty"),
    ("format: [", "policy.yaml:2:1: YAML syntax error"),
    (POLICY.replace("maximum_per_enterprise: 45000", "maximum_per_enterprize: 45000"), "policy.yaml:6:"),
    (POLICY.replace("diagnosis: 20000", "diagnosis: -1"), "greater than or equal to 0"),
    (POLICY.replace("diagnosis: 20000", "diagnosis: 1" + "0" * 50), "has 51 digits; too large"),
    (POLICY.replace("format: diagnosis-policy/1", "format: diagnosis-policy/9"), "policy.yaml:1:1:"),
    (POLICY.replace("evidence_minimum: 0.5", "evidence_minimum: 1.5"), "less than or equal to 1"),
    (POLICY.replace('versions: ["1.1.0", "1.2.0"]', 'versions: ["newest"]'), "should match pattern"),
    (POLICY.replace("hold: [evidence_below", "hold: [evidence_missing"), "'evidence_missing' is not a flag"),
    (
        POLICY.replace(
            "inform: [superseded_questionnaire]", "inform: [superseded_questionnaire, self_supplier]"
        ),
        "the flag 'self_supplier' is listed under both hold and inform: choose one",
    ),
    (
        POLICY.replace("inform: [superseded_questionnaire]", "inform: [unsigned]"),
        "policy.yaml:18:12: the flag 'unsigned' always holds a claim; it cannot only inform",
    ),
    (
        POLICY.replace(
            "period: {start: 2026-01-01, end: 2027-12-31}", "period: {start: 2026-01-01, end: 2025-12-31}"
        ),
        "policy.yaml:5:1: the claim period ends on 2025-12-31, before it starts on 2026-01-01",
    ),
    (
        POLICY.replace("period: {start: 2026-01-01, end: 2027-12-31}\n", ""),
        "a policy names its claim period (period: start and end)",
    ),
    (b"\x00\x01binary", "this is a binary file, not YAML text"),
    ("- a list\n- not a mapping\n", "the top level must be a mapping of fields"),
]


@pytest.mark.parametrize(("text", "said"), BAD, ids=[f"bad{n}" for n in range(len(BAD))])
def test_a_bad_policy_is_refused_in_one_located_sentence(
    tmp_path: Path, text: str | bytes, said: str
) -> None:
    path = _written(tmp_path, text)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    sentence = str(caught.value)
    assert said in sentence and "\n" not in sentence
    assert sentence.startswith(f"{path}:") or sentence.startswith("policy.yaml")


def test_a_located_problem_speaks_chinese_too(tmp_path: Path) -> None:
    path = _written(tmp_path, POLICY.replace("inform: [superseded_questionnaire]", "inform: [too_early]"))
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert caught.value.lines[0].text("zh") == (  # type: ignore[attr-defined]
        f"{path}:18:12: 疑点“too_early”总是暂缓拨付，不能只作提示"
    )


def test_the_flags_that_always_hold_are_flags() -> None:
    assert set(ALWAYS_HOLD) <= set(KINDS)
