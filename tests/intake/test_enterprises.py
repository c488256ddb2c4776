"""Counting each enterprise once: one enterprise handed in with its credit code, without one, with
a zero-width space in its name and with a traditional character is one enterprise, in whichever
order the claims arrive; names that match with codes that differ or are missing are flagged, and
no claim without a valid credit code is counted without a flag that it is not payable."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from diagnosis.intake.claims import claim_tables
from diagnosis.intake.enterprises import name_key, normalised
from diagnosis.intake.flags import KINDS, about, find_flags, title
from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import Spec, package
from diagnosis.intake.schema import assessments
from diagnosis.messages import render
from tests.intake.conftest import FIRMS, SpecMaker

NAME, CODE, CITY = FIRMS[0]  # 合肥某精密机械有限公司


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("合肥某精密机械有限公司", "合肥某精密机械有限公司"),
        ("合肥某精密\u200b机械有限公司", "合肥某精密机械有限公司"),  # a zero-width space
        ("合肥某精密機械有限公司", "合肥某精密机械有限公司"),  # 機 for 机
        ("合肥某 精密机械\u3000有限公司", "合肥某精密机械有限公司"),  # spaces, an ideographic one
        ("ＡＢＣ智能装备（合肥）有限公司", "abc智能装备(合肥)有限公司"),  # full-width letters
        ("\ufeff臺灣積體電路製造股份有限公司\u2060", "台湾积体电路制造股份有限公司"),
    ],
)
def test_names_are_folded_as_people_mean_them(typed: str, meant: str) -> None:
    assert normalised(typed) == meant


def test_the_region_is_part_of_the_key() -> None:
    assert name_key(NAME, "安徽省", "合肥市") == name_key("合肥某精密機械有限公司", "安徽省", "合肥市")
    assert name_key(NAME, "安徽省", "合肥市") != name_key(NAME, "安徽省", "芜湖市")


def _variants(make_spec: SpecMaker) -> list[Spec]:
    """The same enterprise four times, four assessments: with its code, without one, with a
    zero-width space in the name, with 機 for 机."""
    base = make_spec(0)
    names = [NAME, NAME, "合肥某精密\u200b机械有限公司", "合肥某精密機械有限公司"]
    specs = []
    for n, name in enumerate(names):
        firm = {**base.enterprise, "name": name, "uscc": CODE if n == 0 else None}
        specs.append(
            replace(
                make_spec(n * 4), enterprise=firm, uid=f"uidvariant{n:04d}", report_number=f"2026-VAR-{n:04d}"
            )
        )
    return specs


def _receive(intake: Intake, specs: list[Spec]) -> None:
    for n, spec in enumerate(specs):
        outcome = intake.add(package(spec), f"{n}.diagpkg")
        assert outcome.status == "received", outcome.message


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (3, 2, 1, 0), (1, 3, 0, 2)])
def test_one_enterprise_four_ways_is_counted_once_in_any_order(
    intake: Intake, make_spec: SpecMaker, order: tuple[int, ...]
) -> None:
    specs = _variants(make_spec)
    _receive(intake, [specs[n] for n in order])
    claims = claim_tables(intake.engine)
    assert claims.total.assessments == 4
    assert claims.total.enterprises == 1
    [line] = claims.enterprises
    assert line["uscc"] == CODE and line["assessments"] == 4
    by_city = claim_tables(intake.engine, by="city")
    assert [(g.name, g.enterprises) for g in by_city.groups] == [(CITY, 1)]


def test_the_four_ways_are_flagged_and_no_claim_without_a_code_goes_unflagged(
    intake: Intake, make_spec: SpecMaker
) -> None:
    _receive(intake, _variants(make_spec))
    found = find_flags(intake.engine)
    [duplicate] = [f for f in found if f.kind == "possible_duplicate"]
    assert duplicate.title == "possible duplicate enterprise"
    assert duplicate.evidence == f"{NAME} in 安徽省 {CITY}: credit codes (none)、{CODE}"
    assert len(duplicate.assessments) == 4
    no_code = [f for f in found if f.kind == "no_credit_code"]
    assert [f.evidence for f in no_code] == ["no unified social credit code given"] * 3
    with intake.engine.connect() as conn:
        uncoded = conn.execute(select(assessments.c.id).where(assessments.c.uscc.is_(None))).scalars().all()
    flagged = {i for f in no_code for i in f.ids}
    assert flagged == set(uncoded) and len(uncoded) == 3


def test_two_codes_under_one_name_count_twice_and_are_flagged(intake: Intake, make_spec: SpecMaker) -> None:
    first = make_spec(0)
    other = replace(make_spec(4), enterprise={**first.enterprise, "uscc": FIRMS[1][1]}, uid="uidothercode1")
    _receive(intake, [first, other])
    assert claim_tables(intake.engine).total.enterprises == 2
    [flag] = [f for f in find_flags(intake.engine) if f.kind == "possible_duplicate"]
    assert flag.evidence.endswith(f"credit codes {CODE}、{FIRMS[1][1]}")


def test_one_code_assessed_twice_is_no_duplicate(intake: Intake, make_spec: SpecMaker) -> None:
    first = make_spec(0)
    later = replace(
        make_spec(4), enterprise=first.enterprise, uid="uidlater00001", report_number="2027-LATER-1"
    )
    _receive(intake, [first, later])
    assert [f.kind for f in find_flags(intake.engine)] == []
    assert claim_tables(intake.engine).total.enterprises == 1


def test_a_name_without_a_code_in_another_city_is_not_matched(intake: Intake, make_spec: SpecMaker) -> None:
    first = make_spec(0)
    elsewhere = replace(
        make_spec(4), enterprise={**first.enterprise, "uscc": None, "city": "芜湖市"}, uid="uidelsewhere1"
    )
    _receive(intake, [first, elsewhere])
    assert claim_tables(intake.engine).total.enterprises == 2
    kinds = [f.kind for f in find_flags(intake.engine)]
    assert kinds == ["no_credit_code"]


def test_a_revision_may_add_the_missing_code(intake: Intake, make_spec: SpecMaker) -> None:
    first = make_spec(0)
    uncoded = replace(first, enterprise={**first.enterprise, "uscc": None, "name": "合肥某精密機械有限公司"})
    _receive(intake, [uncoded, replace(first, revision=2, report_number="2026-REV-0002")])
    claims = claim_tables(intake.engine)
    assert claims.total.enterprises == 1 and claims.enterprises[0]["uscc"] == CODE


def test_every_flag_kind_has_a_name_and_an_explanation_in_both_languages() -> None:
    for kind in KINDS:
        for text in (title(kind), about(kind)):
            assert render(text, "zh") != render(text, "en") and render(text, "zh").strip()
    assert title("no_credit_code") == "no valid unified social credit code"
    assert render(title("possible_duplicate"), "zh") == "疑似重复企业"
