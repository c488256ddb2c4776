"""Format 3 from the command line: `answer … na` needs `--note`, in one sentence and exit 1; a
scored answers file says how many 不适用 lack a reason; `score` shows the standards' numbers and
Excel carries them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from diagnosis.cli.main import main
from diagnosis.storage.assessments import answers_of
from diagnosis.storage.db import open_store


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "na.db"
    monkeypatch.setenv("DIAGNOSIS_DB", str(path))
    monkeypatch.setenv("DIAGNOSIS_LANG", "zh")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_answer_not_applicable_needs_a_note(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "enterprise", "add", "数据样例企业")[0] == 0
    assert run(capsys, "new", "--questionnaire", "dcmm", "--enterprise", "1")[0] == 0
    code, _, err = run(capsys, "answer", "1", "strategy.planning.l1a", "na")
    assert (code, err) == (1, "strategy.planning.l1a：选择“不适用”须写明理由（备注）\n")
    code, _, _ = run(capsys, "answer", "1", "strategy.planning.l1a", "na", "--note", "没有立项流程")
    assert code == 0
    file = tmp_path / "答案.json"
    file.write_text(
        json.dumps(
            {
                "format": "diagnosis-answers/1",
                "questionnaire": {"id": "dcmm"},
                "answers": {"strategy.planning.l1b": "na"},
            }
        ),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "answer", "1", "--from", str(file))
    assert (code, err) == (1, "选择“不适用”须写明理由（备注），以下题目没有：strategy.planning.l1b\n")
    store = open_store(db)
    assert answers_of(store, 1) == (
        {"strategy.planning.l1a": "na"},
        {"strategy.planning.l1a": "没有立项流程"},
    )
    store.close()
    target = tmp_path / "a.xlsx"
    assert run(capsys, "xlsx", "1", "-o", str(target))[0] == 0
    names = [row[0] for row in load_workbook(target)["得分"].iter_rows(values_only=True)]
    assert any(str(name).strip() == "6.1 数据战略规划" for name in names)


def test_score_counts_not_applicable_without_a_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "答案.json"
    answers = {"strategy.planning.l1a": "na", "strategy.planning.l1b": "na", "strategy.planning.l1c": "full"}
    file.write_text(
        json.dumps(
            {
                "format": "diagnosis-answers/1",
                "questionnaire": {"id": "dcmm", "version": "2.1.0"},
                "answers": answers,
                "notes": {"strategy.planning.l1a": "没有立项流程"},
            }
        ),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "score", str(file), "--lang", "zh")
    assert code == 0
    assert "不适用但未写理由（按未作答计）：1" in out and "6.1 数据战略规划" in out
    assert "不适用占比：" in out
    code, out, _ = run(capsys, "score", str(file), "--json")
    data = json.loads(out)
    assert data["completeness"]["not_applicable_without_reason"] == ["strategy.planning.l1b"]
    assert data["questions"]["strategy.planning.l1a"]["not_applicable"] is True
