"""Paying claims under a policy: payable, held (each rule, with its reason in both languages) or
refused; amounts requested and payable by kind and region within the enterprise's maximum; totals
by provider (volume, effect, reward), city, county and questionnaire — against hand-computed
figures, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from diagnosis.intake.ingest import Intake
from diagnosis.intake.ledger import ledger
from diagnosis.intake.policy import Policy
from diagnosis.intake.samples import Spec
from diagnosis.signing.keys import ProviderKey
from diagnosis.signing.trust import TrustList
from tests.intake import postgres
from tests.intake.conftest import PROVIDER, ROGUE
from tests.intake.world import by_letter, received


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def paid(
    request: pytest.FixtureRequest,
    keys: dict[str, ProviderKey],
    trust: TrustList,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Intake, dict[str, Spec], Policy]]:
    """The world received once per engine."""
    folder = tmp_path_factory.mktemp("ledger")
    if request.param == "sqlite":
        world = received(str(folder / "intake.db"), keys, trust, folder)
        yield world
        world[0].engine.dispose()
        return
    with postgres.database(request.getfixturevalue("postgres_server")) as url:
        world = received(url, keys, trust, folder)
        yield world
        world[0].engine.dispose()


def test_each_rule_makes_a_claim_payable_or_held_with_its_reason(
    paid: tuple[Intake, dict[str, Spec], Policy],
) -> None:
    intake, specs, policy = paid
    claims = by_letter(ledger(intake.engine, policy), specs)
    held = {k: [h.code for h in c.holds] for k, c in claims.items() if c.holds}
    assert held == {
        "C": ["unsigned"],
        "D": ["evidence_below"],
        "G": ["already_counted"],
        "H": ["no_credit_code"],
        "I": ["outside_policy"],
        "J": ["questionnaire_not_counted"],
        "K": ["not_onsite"],
        "L2": ["figures_not_updated"],
        "M": ["untrusted"],
        "O": ["self_supplier"],
    }
    assert {k for k, c in claims.items() if c.status == "payable"} == {"A", "B", "F", "L", "N"}
    assert "superseded_questionnaire" in claims["N"].flags  # informs only
    assert [c.kind for c in (claims["A"], claims["B"], claims["G"], claims["L2"])] == [
        "diagnosis",
        "effect",
        "repeat",
        "effect",
    ]
    reasons = {h.code: h for c in claims.values() for h in c.holds}
    assert reasons["already_counted"].reason.text("zh") == "该企业已按报告 2026-TEST-F 计为一次诊断"
    assert (
        reasons["already_counted"].reason.text("en")
        == "the enterprise's diagnosis is already claimed (report 2026-TEST-F)"
    )
    assert reasons["outside_policy"].reason.text("zh") == "不在本政策适用的地区（江苏省 南京市）"
    assert reasons["questionnaire_not_counted"].reason.text("en") == (
        "sme-digital-2024 1.0.0 is not among the questionnaires and versions the policy counts"
    )
    assert reasons["unsigned"].reason.text("zh") == "未签名" and not reasons["unsigned"].releasable
    assert reasons["figures_not_updated"].releasable is False and reasons["already_counted"].releasable


def test_amounts_by_kind_region_and_maximum(paid: tuple[Intake, dict[str, Spec], Policy]) -> None:
    intake, specs, policy = paid
    claims = by_letter(ledger(intake.engine, policy), specs)
    amounts = {k: (c.requested, c.payable) for k, c in claims.items()}
    assert amounts == {
        "A": (20000, 20000),
        "B": (30000, 25000),  # the maximum of 45,000 per enterprise: 20,000 already paid
        "C": (24000, 0),  # 芜湖上浮
        "D": (22000, 0),  # 蚌埠市 怀远县
        "F": (20000, 20000),
        "G": (20000, 0),
        "H": (20000, 0),
        "I": (20000, 0),
        "J": (20000, 0),
        "K": (20000, 0),
        "L": (20000, 20000),
        "L2": (30000, 0),
        "M": (20000, 0),
        "N": (20000, 20000),
        "O": (20000, 0),
    }
    assert claims["B"].capped and not claims["A"].capped
    assert claims["C"].region == "芜湖上浮" and claims["D"].region == "怀远县" and claims["A"].region is None


def test_totals_by_provider_city_county_and_questionnaire(
    paid: tuple[Intake, dict[str, Spec], Policy],
) -> None:
    intake, _, policy = paid
    book = ledger(intake.engine, policy)
    total = book.total
    assert (total.claims, total.payable_claims, total.held_claims) == (15, 5, 10)
    # requested = payable + held + the 5,000 the maximum cut from B
    assert (total.requested, total.payable, total.held) == (326000, 105000, 216000)
    providers = {t.name: t for t in book.by_provider}
    ours, rogue = providers[PROVIDER], providers[ROGUE]
    assert (ours.volume, ours.effect, ours.reward) == (4, 1, 2500)  # 4 × 1,000 + 2,000, at most 2,500
    assert (rogue.claims, rogue.volume, rogue.reward, rogue.held) == (1, 0, 0, 20000)
    cities = {t.name: (t.claims, t.requested, t.payable, t.held) for t in book.by_city}
    assert cities["芜湖市"] == (1, 24000, 0, 24000) and cities["南京市"] == (1, 20000, 0, 20000)
    assert cities["淮南市"] == (2, 40000, 20000, 20000)
    assert sum(t.payable for t in book.by_city) == total.payable
    counties = {(t.city, t.name): t.requested for t in book.by_county}
    assert counties[("蚌埠市", "怀远县")] == 22000 and counties[("合肥市", "肥西县")] == 50000
    questionnaires = {t.name: t.claims for t in book.by_questionnaire}
    assert questionnaires == {
        "dcmm 2.1.0": 1,
        "sme-digital-2024 1.0.0": 1,
        "sme-digital-2024 1.1.0": 1,
        "sme-digital-2024 1.2.0": 12,
    }
    held_for = ["already_counted", "evidence_below", "figures_not_updated", "no_credit_code", "not_onsite"]
    held_for += ["outside_policy", "questionnaire_not_counted", "self_supplier", "unsigned", "untrusted"]
    assert [(code, n) for code, _, n in book.reasons] == [(code, 1) for code in held_for]


def test_refused_documents_are_listed_with_their_reason_in_both_languages(
    paid: tuple[Intake, dict[str, Spec], Policy],
) -> None:
    intake, _, policy = paid
    [refused] = ledger(intake.engine, policy).refused
    assert refused.name == "broken.diagpkg" and refused.reason and refused.reason_zh


def test_claims_are_sorted_by_city_county_enterprise_the_same_every_time(
    paid: tuple[Intake, dict[str, Spec], Policy],
) -> None:
    intake, _, policy = paid
    first = [c.id for c in ledger(intake.engine, policy).claims]
    assert first == [c.id for c in ledger(intake.engine, policy).claims]
    places = [c.place()[:3] for c in ledger(intake.engine, policy).claims]
    assert places == sorted(places)


def test_the_period_narrows_what_is_claimed(paid: tuple[Intake, dict[str, Spec], Policy]) -> None:
    intake, specs, policy = paid
    late = by_letter(ledger(intake.engine, policy, start=dt.date(2026, 6, 1)), specs)
    assert set(late) == {"B", "L2"}  # the re-assessments; their baselines came before
    assert late["B"].kind == "effect" and late["B"].payable == 30000  # the maximum counts in the period
