"""Shared for the intake tests: a database of each engine (SQLite, and a real PostgreSQL), provider
keys and a trust list made once per run, and sample assessments to make packages from."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from diagnosis.intake.checks import Checker
from diagnosis.intake.db import database_url, open_engine
from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import Spec, explained, package, provider_key
from diagnosis.loading.catalogue import Catalogue
from diagnosis.loading.load import Loaded
from diagnosis.paths import bundled_questionnaires
from diagnosis.plan.draft import draft_plan
from diagnosis.plan.model import Person, Plan, Process, Visit
from diagnosis.scoring.sample import sample_answers, sample_notes
from diagnosis.signing.keys import ProviderKey
from diagnosis.signing.trust import TrustList, load_trust
from tests.intake import postgres

PROVIDER = "某某数字化服务有限公司"
PROVIDER_USCC = "91340100MA2NX8K5TH"
ROGUE = "冒名数字化服务有限公司"
TODAY = dt.datetime(2028, 1, 1, 2, 0, tzinfo=dt.UTC)  # the intake's clock in these tests
FIRMS = [  # valid codes (check digits computed), one per city
    ("合肥某精密机械有限公司", "91340100MA2XAB123M", "合肥市"),
    ("芜湖某汽配有限公司", "91340200MA2XAB123T", "芜湖市"),
    ("蚌埠某电子有限公司", "91340300MA2XAB1230", "蚌埠市"),
    ("淮南某化工有限公司", "91340400MA2XAB1235", "淮南市"),
]


def pytest_configure(config: pytest.Config) -> None:
    from stdnum.cn import uscc

    for _, code, _ in FIRMS:  # the table above must stay valid
        assert uscc.is_valid(code), code


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """DIAGNOSIS_TEST_POSTGRES, else a throwaway cluster; skipped only without any server binary,
    and never in CI (CI set): there a missing server fails the run."""
    url = os.environ.get(postgres.ENV)
    if url:
        problem = postgres.reachable(url)
        if problem:
            pytest.fail(f"{postgres.ENV} is set but the server does not answer: {problem}")
        yield url
        return
    if postgres.binaries() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test against PostgreSQL: no server binary found and no " + postgres.ENV)
        pytest.skip("no PostgreSQL server binaries on this machine (initdb)")
    with postgres.cluster() as started:
        yield started


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty intake database of each engine."""
    if request.param == "sqlite":
        yield str(tmp_path / "intake.db")
        return
    server = request.getfixturevalue("postgres_server")
    with postgres.database(server) as url:
        yield url


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ProviderKey]:
    folder = tmp_path_factory.mktemp("keys")
    return {
        PROVIDER: provider_key(folder, PROVIDER, PROVIDER_USCC),
        ROGUE: provider_key(folder, ROGUE, None),
    }


@pytest.fixture(scope="session")
def trust_folder(keys: dict[str, ProviderKey], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from cryptography.hazmat.primitives.serialization import Encoding

    folder = tmp_path_factory.mktemp("trust")
    (folder / "provider.pem").write_bytes(keys[PROVIDER].certificate.public_bytes(Encoding.PEM))
    return folder


@pytest.fixture(scope="session")
def trust(trust_folder: Path) -> TrustList:
    return load_trust(trust_folder)


@pytest.fixture
def intake(db_url: str, trust: TrustList) -> Iterator[Intake]:
    """An intake on an empty database of each engine, trusting the provider (not the rogue), on
    the first day of 2028 (the sample assessments are finalized in 2026 and 2027)."""
    opened = Intake(open_engine(database_url(db_url)), Checker.bundled(trust), "核查员", lambda: TODAY)
    yield opened
    opened.engine.dispose()


NEWEST = "sme-digital-2024@1.2.0"  # the samples' questionnaire: the newest official version


@cache
def questionnaire(ref: str = NEWEST) -> Loaded:
    return Catalogue([bundled_questionnaires()]).get(ref)


@cache
def _drafted(ref: str, seed: int) -> tuple[dict[str, Any], Plan]:
    loaded = questionnaire(ref)
    answers = sample_answers(loaded.questionnaire, "random", seed)
    return answers, draft_plan(loaded.questionnaire, answers)


SpecMaker = Callable[..., Spec]


@pytest.fixture
def make_spec(keys: dict[str, ProviderKey]) -> SpecMaker:
    """`make_spec(n, **changes)`: see `spec_maker`."""
    return spec_maker(keys)


def spec_maker(keys: dict[str, ProviderKey]) -> SpecMaker:
    """`make_spec(n, **changes)`: assessment n of the sample firms (firm n % 4), signed by the
    trusted provider, finalized on 2026-03-0n, with a plan, a visit, the data warnings explained
    and evidence for every question that calls for it (the first named 照片n.png) — a claim
    that raises no flag."""

    def make(n: int = 0, ref: str = NEWEST, seed: int | None = None, **changes: Any) -> Spec:
        name, code, city = FIRMS[n % len(FIRMS)]
        answers, plan = _drafted(ref, n if seed is None else seed)
        day = dt.date(2026, 3, 1) + dt.timedelta(days=n)
        assessor = f"评估师{n}"
        plan = plan.model_copy(
            update={
                "process": Process(visits=[Visit(date=day.isoformat())], assessors=[Person(name=assessor)]),
                "projects": [p.model_copy(update={"budget": 20.0 + n}) for p in plan.projects],
            }
        )
        loaded = questionnaire(ref)
        spec = Spec(
            loaded,
            {
                "name": name,
                "uscc": code,
                "province": "安徽省",
                "city": city,
                "county": None,
                "industry": "通用设备制造业",
                "size_class": "小型",
                "contact_name": None,
                "contact_phone": None,
            },
            f"uid{n:05d}abcdef",
            dict(answers),
            dt.datetime.combine(day, dt.time(1, 0), dt.UTC),
            provider=PROVIDER,
            provider_uscc=PROVIDER_USCC,
            assessor=assessor,
            report_number=f"20260301-ABCD-{code[-6:]}-N{n:05d}",
            plan=plan,
            signer=keys[PROVIDER],
            evidence=[
                (
                    qid,
                    f"照片{n}.png" if k == 0 else f"{qid}-{n}.png",
                    f"evidence of {n} {k or ''}".encode() * 10,
                )
                for k, qid in enumerate(_evidence_questions_of(ref))
            ],
            notes=sample_notes(loaded.questionnaire, answers),
        )
        return replace(explained(spec), **changes)

    return make


@cache
def _evidence_questions_of(ref: str) -> list[str]:
    from diagnosis.model.index import index_of

    index = index_of(questionnaire(ref).questionnaire)
    return [qid for qid, q in index.questions.items() if q.evidence is not None and q.kind != "derived"]


def pack(spec: Spec) -> bytes:
    return package(spec)
