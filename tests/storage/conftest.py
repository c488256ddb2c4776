from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.loading.load import Loaded, load_file
from diagnosis.plan.model import Confirmation, Finding, Person, Plan, Process, Visit
from diagnosis.storage.assessments import finalize
from diagnosis.storage.db import Store, open_store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.storage.plans import get_plan, set_plan

USCC = "91110000600037341L"


class FakeClock:
    """Advances a minute per reading, so every write has its own, reproducible time."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "diagnosis.db", user="张工", clock=FakeClock(), evidence_limit=1024)
    yield opened
    opened.close()


@pytest.fixture
def mini() -> Loaded:
    return load_file(Path(__file__).parent.parent / "fixtures" / "valid" / "mini.yaml")


@pytest.fixture(scope="session")
def sme() -> Loaded:
    return default_catalogue().get("sme-digital-2024")


@pytest.fixture
def enterprise(store: Store) -> int:
    return add_enterprise(
        store,
        EnterpriseInput(
            name="某某精密机械有限公司",
            uscc=USCC,
            province="安徽省",
            city="合肥市",
            industry="C34",
            size_class="小型",
        ),
    )


def dump(store: Store) -> str:
    """Every row of every table: a database is unchanged when its dump is."""
    return "\n".join(store.db.conn.iterdump())


# What an on-site diagnosis needs before it is finalized (FakeClock starts on 2026-03-01): a visit
# with its place and assessors, a need, why no project is proposed, the enterprise's confirmation.
READY_PLAN = Plan(
    process=Process(
        visits=[Visit(date="2026-02-27", place="企业生产车间", assessors=["张工"])],
        assessors=[Person(name="张工", role="诊断工程师")],
    ),
    findings=[Finding(kind="need", text="企业希望先把设备台账和生产数据管起来。")],
    no_project_reason="企业当前以完善基础管理为主，暂不提出改造项目。",
    confirmation=Confirmation(opinion="agree", confirmed_by="王经理", date="2026-02-28"),
)


def finalized(store: Store, assessment_id: int) -> None:
    """Give an on-site assessment without a plan the plan finalizing needs, then finalize it
    (unanswered questions allowed)."""
    if get_plan(store, assessment_id).empty:
        set_plan(store, assessment_id, READY_PLAN)
    finalize(store, assessment_id, force=True)
