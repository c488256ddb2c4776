"""A small province for the paying tests: every rule of the ledger once, received into a database
(claims A–O, see `world`), with the policy they are paid under."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

from stdnum.cn import uscc

from diagnosis.intake.checks import Checker
from diagnosis.intake.db import database_url, open_engine
from diagnosis.intake.ingest import Intake
from diagnosis.intake.ledger import Claim, Ledger
from diagnosis.intake.policy import Policy, load_policy
from diagnosis.intake.samples import Spec, explained, measured_again, package
from diagnosis.signing.keys import ProviderKey
from diagnosis.signing.trust import TrustList
from tests.intake.conftest import PROVIDER, ROGUE, TODAY, spec_maker

POLICY = """\
format: diagnosis-policy/1
name: 测试政策
source: 测试用
province: 安徽省
period: {start: 2026-01-01, end: 2027-12-31}
amounts: {diagnosis: 20000, effect: 30000, maximum_per_enterprise: 45000}
regions:
  - name: 芜湖上浮
    diagnosis: 24000
    effect: 36000
    places: [{city: 芜湖市}]
  - name: 怀远县
    diagnosis: 22000
    places: [{city: 蚌埠市, counties: [怀远县]}]
reward: {per_diagnosis: 1000, per_effect: 2000, maximum: 2500, minimum_diagnoses: 1}
flags:
  hold: [evidence_below, self_supplier, shared_evidence]
  inform: [superseded_questionnaire]
evidence_minimum: 0.5
questionnaires:
  - id: sme-digital-2024
    versions: ["1.1.0", "1.2.0"]
  - id: dcmm
"""


def write_policy(folder: Path, text: str = POLICY) -> Policy:
    path = folder / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return load_policy(path)


def firm(name: str, city: str, county: str | None, n: int, province: str = "安徽省") -> dict[str, Any]:
    """An enterprise with a valid credit code of its own."""
    body = f"9134{n:02d}00MA2XAB{n:03d}"
    return {
        "name": name,
        "uscc": body + uscc.calc_check_digit(body),
        "province": province,
        "city": city,
        "county": county,
        "industry": "通用设备制造业",
        "size_class": "小型",
        "contact_name": None,
        "contact_phone": None,
    }


def later(spec: Spec, days: int, uid: str, measured: bool = True) -> Spec:
    """A re-assessment `days` later: another assessment, its visits then, its figures measured
    again (unless not `measured`: the baseline's answers handed in again)."""
    assert spec.plan is not None
    visits = [
        v.model_copy(update={"date": (dt.date.fromisoformat(v.date) + dt.timedelta(days=days)).isoformat()})
        for v in spec.plan.process.visits
    ]
    plan = spec.plan.model_copy(update={"process": spec.plan.process.model_copy(update={"visits": visits})})
    answers = (
        measured_again(spec.loaded, spec.answers, random.Random(uid)) if measured else dict(spec.answers)
    )
    again = replace(
        spec,
        uid=uid,
        answers=answers,
        created=spec.created + dt.timedelta(days=days),
        report_number=f"R-{uid.upper()}",
        plan=plan,
    )
    return explained(again)


def world(keys: dict[str, ProviderKey]) -> dict[str, Spec]:
    """Every rule once (the letters are the claims of the module docstring's table)."""
    make = spec_maker(keys)
    a = make(0)
    l_base = make(4, enterprise=firm("合肥某电子有限公司", "合肥市", "肥西县", 41))
    specs = {
        "A": a,  # diagnosis, payable
        "B": later(a, 240, "uidB0000000001"),  # its effect, capped by the maximum
        "C": make(1, signer=None),  # 芜湖 (a region), unsigned
        "D": make(2, enterprise=firm("蚌埠某电子有限公司", "蚌埠市", "怀远县", 3), evidence=[]),
        "F": make(3),  # 淮南, diagnosis, payable
        "G": make(5, ref="dcmm@2.1.0", enterprise=make(3).enterprise, uid="uidG0000000001"),  # a repeat
        "H": make(6, enterprise={**firm("合肥某无码有限公司", "合肥市", None, 60), "uscc": None}),
        "I": make(7, enterprise=firm("南京某机械有限公司", "南京市", None, 70, province="江苏省")),
        "J": make(8, ref="sme-digital-2024@1.0.0", enterprise=firm("合肥某旧版有限公司", "合肥市", None, 80)),
        "K": make(9, mode="self", enterprise=firm("合肥某自评有限公司", "合肥市", None, 90)),
        "L": l_base,
        "L2": later(l_base, 200, "uidL2000000001", measured=False),  # figures not updated
        "M": make(
            10,
            signer=keys[ROGUE],
            provider=ROGUE,
            provider_uscc=None,
            enterprise=firm("合肥某冒签有限公司", "合肥市", None, 11),
        ),
        "N": make(
            12, ref="sme-digital-2024@1.1.0", enterprise=firm("合肥某上版有限公司", "合肥市", None, 12)
        ),
        "O": _supplied(make(13, enterprise=firm("合肥某自供有限公司", "合肥市", None, 13))),
    }
    for name, spec in specs.items():
        if spec.report_number and not spec.report_number.startswith("R-"):
            specs[name] = replace(spec, report_number=f"2026-TEST-{name}")
    return specs


def _supplied(spec: Spec) -> Spec:
    """The diagnosing provider named (in full-width brackets and spacing) as a project's supplier."""
    assert spec.plan is not None and spec.plan.projects
    own = spec.plan.projects[0].model_copy(update={"supplier": f" {PROVIDER} "})
    return replace(spec, plan=spec.plan.model_copy(update={"projects": [own, *spec.plan.projects[1:]]}))


def received(
    url: str, keys: dict[str, ProviderKey], trust: TrustList, folder: Path
) -> tuple[Intake, dict[str, Spec], Policy]:
    """The world's documents received into `url`, and a broken file refused."""
    intake = Intake(open_engine(database_url(url)), Checker.bundled(trust), "核查员", lambda: TODAY)
    specs = world(keys)
    for name, spec in specs.items():
        outcome = intake.add(package(spec), f"{name}.diagpkg")
        assert outcome.status == "received", (name, outcome.message)
    assert intake.add(b"PK\x03\x04 not a package", "broken.diagpkg").status == "refused"
    return intake, specs, write_policy(folder)


def by_letter(book: Ledger, specs: dict[str, Spec]) -> dict[str, Claim]:
    """The claims by the letter of the spec they came from."""
    numbers = {spec.report_number: name for name, spec in specs.items()}
    return {numbers[c.row["report_number"]]: c for c in book.claims if c.row["report_number"] in numbers}
