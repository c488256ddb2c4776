"""The clerk's desk the intake window is built on: open a database under a policy, add documents
with progress and cancel, list claims with filters, search and sorting, a claim's details, release,
export — the same answers as the command line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from diagnosis.errors import DiagnosisError
from diagnosis.intake import workers
from diagnosis.intake.desk import ClaimFilter, Desk, open_desk
from diagnosis.intake.policy import PolicyError
from diagnosis.intake.samples import package
from tests.intake.conftest import PROVIDER, SpecMaker
from tests.intake.world import POLICY


@pytest.fixture
def inbox(make_spec: SpecMaker, tmp_path: Path) -> Path:
    """Five packages: 合肥 (clean), 芜湖 (unsigned), 蚌埠 (short of evidence), 淮南 (clean) and a
    second 合肥 enterprise without a credit code."""
    folder = tmp_path / "收件"
    folder.mkdir()
    specs = [make_spec(0), make_spec(1, signer=None), make_spec(2, evidence=[]), make_spec(3)]
    firm = {**make_spec(0).enterprise, "name": "合肥无码有限公司", "uscc": None}
    specs.append(make_spec(4, enterprise=firm))
    for n, spec in enumerate(specs):
        (folder / f"{n}.diagpkg").write_bytes(package(spec))
    return folder


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    opened = open_desk(str(tmp_path / "intake.db"), tmp_path / "policy.yaml", "受理员乙")
    yield opened
    opened.close()


def _add(
    desk: Desk, inbox: Path, trust_folder: Path, **options: object
) -> tuple[object, list[tuple[int, int]]]:
    seen: list[tuple[int, int]] = []
    tally = desk.add(
        [inbox], trust_folder, progress=lambda done, total, _: seen.append((done, total)), **options
    )
    return tally, seen


def test_adding_reports_progress_and_lists_the_claims_by_place(
    desk: Desk, inbox: Path, trust_folder: Path
) -> None:
    tally, seen = _add(desk, inbox, trust_folder)
    assert tally.counts == {"received": 5} and tally.cancelled == 0  # type: ignore[attr-defined]
    assert seen == [(n, 5) for n in range(1, 6)]
    names = [c.row["enterprise"] for c in desk.claims()]
    assert names == [
        "合肥无码有限公司",
        "合肥某精密机械有限公司",
        "淮南某化工有限公司",
        "芜湖某汽配有限公司",
        "蚌埠某电子有限公司",
    ]
    assert desk.where.endswith("intake.db")


def test_cancel_stops_between_batches_and_keeps_what_is_stored(
    desk: Desk, inbox: Path, trust_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "BATCH", 2)
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 1  # the first batch goes, then the clerk cancels

    tally, seen = _add(desk, inbox, trust_folder, cancel=cancel)
    assert tally.counts == {"received": 2} and tally.cancelled == 3  # type: ignore[attr-defined]
    assert seen == [(1, 5), (2, 5)]
    assert len(desk.claims()) == 2
    tally, _ = _add(desk, inbox, trust_folder)  # the rest later: the first two are already here
    assert tally.counts == {"already": 2, "received": 3}  # type: ignore[attr-defined]


def test_filters_search_and_sorting(desk: Desk, inbox: Path, trust_folder: Path) -> None:
    _add(desk, inbox, trust_folder)
    held = desk.claims(ClaimFilter(status="held"))
    assert {c.row["enterprise"] for c in held} == {
        "芜湖某汽配有限公司",
        "蚌埠某电子有限公司",
        "合肥无码有限公司",
    }
    assert [c.row["enterprise"] for c in desk.claims(ClaimFilter(city="合肥市"))] == [
        "合肥无码有限公司",
        "合肥某精密机械有限公司",
    ]
    assert len(desk.claims(ClaimFilter(provider=PROVIDER))) == 5
    assert [c.row["enterprise"] for c in desk.claims(ClaimFilter(text="精密 机械"))] == [
        "合肥某精密机械有限公司"
    ]
    assert [c.row["enterprise"] for c in desk.claims(ClaimFilter(text="ｘａｂ123t"))] == [
        "芜湖某汽配有限公司"
    ]
    ordered = desk.claims(sort="requested", descending=True)
    assert ordered[0].row["city"] == "芜湖市"  # 24,000 in 芜湖上浮, the most requested
    choices = desk.choices()
    assert choices.cities == ["合肥市", "淮南市", "芜湖市", "蚌埠市"] and choices.providers == [PROVIDER]


def test_a_claims_details_release_and_exports(
    desk: Desk, inbox: Path, trust_folder: Path, tmp_path: Path
) -> None:
    _add(desk, inbox, trust_folder)
    [short] = desk.claims(ClaimFilter(city="蚌埠市"))
    details = desk.details(short.id)
    [(flag, meaning)] = details.flags
    assert flag.kind == "evidence_below" and meaning.text("zh").startswith("应附佐证的题目中")
    assert [Path(d.name).name for d in details.documents] == ["2.diagpkg"] and details.documents[
        0
    ].kind == "package"
    assert desk.release(short.id, "已核对原件").text("zh").startswith("已放行 蚌埠某电子有限公司")
    [released] = desk.claims(ClaimFilter(city="蚌埠市"))
    assert released.status == "payable" and released.releases[0].by == "受理员乙"
    desk.export_excel(tmp_path / "out.xlsx")
    desk.export_pdf(tmp_path / "out.pdf", made_on=dt.date(2027, 1, 5))
    assert load_workbook(tmp_path / "out.xlsx").sheetnames[0] == "申领明细"
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
    with pytest.raises(DiagnosisError, match="there is no claim #999999"):
        desk.details(999999)


def test_a_policy_is_chosen_and_a_bad_one_refused(desk: Desk, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: diagnosis-policy/1\n", encoding="utf-8")
    with pytest.raises(PolicyError):
        desk.use_policy(bad)
    assert desk.use_policy(None).pays is False
