"""A reviewer releases a held claim with a note: kept with who and when, shown in the tables; a
reason that arises later holds it again; what only the provider can mend is refused in a sentence
and nothing is written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from diagnosis.intake.claims import claim_tables
from diagnosis.intake.ingest import Intake
from diagnosis.intake.ledger import ledger
from diagnosis.intake.policy import Policy
from diagnosis.intake.releases import ReleaseError, find, release
from diagnosis.intake.samples import Spec, package
from diagnosis.intake.schema import releases
from diagnosis.intake.sheets import claims_workbook
from tests.intake.conftest import SpecMaker
from tests.intake.world import write_policy

NOON = dt.datetime(2027, 1, 5, 6, 30, tzinfo=dt.UTC)  # 14:30 in Shanghai


@pytest.fixture
def policy(tmp_path: Path) -> Policy:
    return write_policy(tmp_path)


def _receive(intake: Intake, *specs: Spec) -> None:
    for n, spec in enumerate(specs):
        assert intake.add(package(spec), f"{n}.diagpkg").status == "received"


def _count(intake: Intake) -> int:
    with intake.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(releases)).scalar_one())


def test_a_release_is_kept_with_who_and_when_and_shown_in_the_tables(
    intake: Intake, make_spec: SpecMaker, policy: Policy, tmp_path: Path
) -> None:
    short = make_spec(0, evidence=[])
    _receive(intake, short, make_spec(1))
    claim = find(intake.engine, ledger(intake.engine, policy), short.report_number or "")
    assert [h.code for h in claim.holds] == ["evidence_below"]
    said = release(intake.engine, claim, "  已核对纸质佐证原件  ", "审核员甲", lambda: NOON)
    assert said.text("zh") == f"已放行 合肥某精密机械有限公司（{short.report_number}）：佐证比例低于要求"
    with intake.engine.connect() as conn:
        row = conn.execute(select(releases)).one()
    assert (row.note, row.released_by, row.reasons, row.report_number) == (
        "已核对纸质佐证原件",
        "审核员甲",
        "evidence_below",
        short.report_number,
    )
    book = ledger(intake.engine, policy)
    paid = book.claim(claim.id)
    assert paid is not None and paid.status == "payable" and paid.payable == 20000
    assert [h.code for h in paid.released] == ["evidence_below"]
    target = tmp_path / "claims.xlsx"
    claims_workbook(claim_tables(intake.engine, None, book.start, book.end), target, book)
    sheet = load_workbook(target)["申领明细"]
    header = [c.value for c in sheet[1]]
    cells = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert cells["放行 Release"] == "2027-01-05 14:30 审核员甲 放行：已核对纸质佐证原件"
    assert cells["状态 Status"] == "可拨付"


def test_a_reason_that_arises_after_the_release_holds_the_claim_again(
    intake: Intake, make_spec: SpecMaker, policy: Policy
) -> None:
    short = make_spec(0, evidence=make_spec(0).evidence[:2])
    _receive(intake, short)
    claim = find(intake.engine, ledger(intake.engine, policy), short.report_number or "")
    release(intake.engine, claim, "已核对", "审核员甲", lambda: NOON)
    copied = replace(make_spec(1), evidence=[*make_spec(1).evidence, short.evidence[0]])
    _receive(intake, copied)  # another enterprise hands in the same evidence file
    again = ledger(intake.engine, policy).claim(claim.id)
    assert again is not None and [h.code for h in again.holds] == ["shared_evidence"]
    assert [h.code for h in again.released] == ["evidence_below"]


def test_what_only_the_provider_can_mend_is_refused_and_nothing_written(
    intake: Intake, make_spec: SpecMaker, policy: Policy
) -> None:
    unsigned = make_spec(0, signer=None)
    _receive(intake, unsigned, make_spec(1))
    book = ledger(intake.engine, policy)
    claim = find(intake.engine, book, unsigned.report_number or "")
    with pytest.raises(ReleaseError) as caught:
        release(intake.engine, claim, "看起来没问题", "审核员甲")
    assert str(caught.value) == (
        f"合肥某精密机械有限公司（{unsigned.report_number}） cannot be released with a note: not signed "
        "(the provider must hand in what is missing)"
    )
    clean = find(intake.engine, book, make_spec(1).report_number or "")
    with pytest.raises(ReleaseError, match=r"is not held: there is nothing to release$"):
        release(intake.engine, clean, "x", "审核员甲")
    held = find(intake.engine, book, unsigned.report_number or "")
    for note, said in (("   ", "a release needs a note (--note)"), ("长" * 2001, "the note is too long")):
        with pytest.raises(ReleaseError, match=re.escape(said)):
            release(intake.engine, held, note, "审核员甲")
    assert _count(intake) == 0


def test_a_claim_is_found_by_report_number_or_by_its_file(
    intake: Intake, make_spec: SpecMaker, policy: Policy, tmp_path: Path
) -> None:
    a = make_spec(0)
    twin = package(make_spec(1, report_number=a.report_number))  # two claims, one number
    _receive(intake, a)
    assert intake.add(twin, "twin.diagpkg").status == "received"
    book = ledger(intake.engine, policy)
    with pytest.raises(ReleaseError) as caught:
        find(intake.engine, book, a.report_number or "")
    assert str(caught.value).startswith(f"the report number {a.report_number} names 2 claims (")
    file = tmp_path / "twin.diagpkg"
    file.write_bytes(twin)
    assert find(intake.engine, book, str(file)).row["enterprise"] == "芜湖某汽配有限公司"
    stranger = tmp_path / "stranger.diagpkg"
    stranger.write_bytes(b"PK\x03\x04 never received")
    with pytest.raises(ReleaseError, match=r"^stranger\.diagpkg is no document the intake received"):
        find(intake.engine, book, str(stranger))
    with pytest.raises(ReleaseError, match=r"^no claim has the report number 2099-NONE-1$"):
        find(intake.engine, book, "2099-NONE-1")
