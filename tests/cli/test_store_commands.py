"""The database commands as a script would drive them."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from diagnosis.cli.main import main
from diagnosis.storage.answers import review_flags
from diagnosis.storage.db import open_store
from tests.storage.conftest import READY_PLAN


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("DIAGNOSIS_DB", str(path))
    monkeypatch.setenv("DIAGNOSIS_USER", "李工")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_whole_assessment_from_the_command_line(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys,
        "enterprise",
        "add",
        "某某精密机械有限公司",
        "--uscc",
        "91110000600037341L",
        "--province",
        "安徽省",
        "--city",
        "合肥市",
        "--size",
        "小型",
    )
    assert code == 0 and out == "1\n"
    code, out, _ = run(
        capsys,
        "new",
        "--questionnaire",
        "sme-digital-2024",
        "--enterprise",
        "1",
        "--mode",
        "onsite",
        "--provider",
        "合肥数智",
        "--assessor",
        "李工",
    )
    assert code == 0 and out == "1\n"  # the new id alone, for scripts
    assert (
        run(capsys, "answer", "1", "network", '["app_network", "control_network"]', "--note", "两条产线")[0]
        == 0
    )
    assert run(capsys, "answer", "1", "info_system_coverage", "two_plus")[0] == 0  # plain text, not JSON
    assert run(capsys, "answer", "1", "devices_total", "120")[0] == 0  # JSON number
    evidence = tmp_path / "拓扑图.png"
    evidence.write_bytes(b"png")
    code, out, _ = run(capsys, "attach", "1", "network", str(evidence))
    assert code == 0 and out == "1\n"
    assert run(capsys, "attach", "1", "devices_total", str(evidence))[1] == "2\n"
    assert run(capsys, "detach", "2")[0] == 0  # attached to the wrong question: taken off again
    code, out, _ = run(capsys, "show", "1", "--json")
    shown = json.loads(out)
    assert shown["format"] == "diagnosis-answers/1" and shown["questionnaire"]["id"] == "sme-digital-2024"
    assert shown["answers"] == {
        "network": ["app_network", "control_network"],
        "info_system_coverage": "two_plus",
        "devices_total": 120,
    }
    assert shown["notes"] == {"network": "两条产线"} and [e["name"] for e in shown["evidence"]] == [
        "拓扑图.png"
    ]
    code, out, _ = run(capsys, "score", "--assessment", "1", "--json")
    assert json.loads(out)["score"] == 9  # network 4 + information systems 5
    code, out, _ = run(capsys, "assessments", "--json")
    assert [(r["id"], r["answered"]) for r in json.loads(out)] == [(1, 3)]

    code, _, err = run(capsys, "finalize", "1")
    lines = err.splitlines()
    assert code == 1 and lines[1].endswith(
        "required questions are unanswered (first: industry_table); answer them or finalize with --force"
    )
    assert lines[:1] + lines[2:] == [
        "assessment #1 cannot be finalized yet:",
        "  - the assessment process: record at least one visit (date, place, assessors)",
        "  - the problems and needs are not written yet",
        "  - the plan: at least one project, or the reason why no project is proposed",
        "  - the expected results: at least one KPI with its target",
        "  - the enterprise's confirmation lacks its opinion, who confirmed, the date",
    ]
    code, _, err = run(capsys, "finalize", "1", "--force")  # --force is for unanswered questions only
    assert code == 1 and "required questions" not in err and "visit" in err
    plan = tmp_path / "plan.json"
    plan.write_text(READY_PLAN.model_dump_json(), encoding="utf-8")
    assert run(capsys, "plan", "1", "--set", str(plan))[0] == 0
    assert run(capsys, "finalize", "1", "--force")[0] == 0
    code, _, err = run(capsys, "answer", "1", "network", '["none"]')
    assert code == 1 and err == "assessment #1 is finalized; reopen it as a new revision to change it\n"
    code, out, _ = run(capsys, "reassess", "1")
    assert out == "2\n"
    run(capsys, "answer", "2", "info_system_coverage", "all")
    code, out, _ = run(capsys, "compare", "1", "2", "--json")
    assert json.loads(out)["after"]["score"] - json.loads(out)["before"]["score"] == 5

    assert run(capsys, "export", "1", "-o", str(tmp_path / "p.zip"))[0] == 0
    code, _, err = run(capsys, "import", str(tmp_path / "p.zip"))
    assert code == 1 and "already here as #1" in err
    assert run(capsys, "import", str(tmp_path / "p.zip"), "--if-exists", "copy")[1] == "3\n"

    assert run(capsys, "xlsx", "1", "-o", str(tmp_path / "a.xlsx"))[0] == 0
    book = load_workbook(tmp_path / "a.xlsx")
    # on-site, opened by 李工: the plan holds its assessor, so the workbook has the plan sheet
    assert book.sheetnames == ["企业与评估", "答卷", "得分", "诊断方案", "数据核查"]
    answers = {row[0].value: row for row in book["答卷"].iter_rows(min_row=2)}
    assert (
        str(answers["network"][3].value).startswith("应用系统网络：")
        and "；工控网络：" in answers["network"][3].value
    )
    assert answers["network"][6].value == "两条产线" and answers["network"][7].value == "拓扑图.png"
    # Rates as the report prints them (one rounding path): text, from the score and the maximum.
    scores = list(book["得分"].iter_rows(values_only=True))
    assert scores[0][4] == "得分率 Rate"
    from diagnosis.numbers import share

    assert all(row[4] == share(row[2] or 0, row[3]) for row in scores[1:] if row[3])
    summary = tmp_path / "s.xlsx"
    assert run(capsys, "summary", "--provider", "合肥数智", "--drafts", "-o", str(summary))[0] == 0
    rows = list(load_workbook(summary)["诊断汇总"].iter_rows(min_row=2, values_only=True))
    # the imported copy keeps the original's creation time, so only the set of rows is fixed
    assert sorted((r[0], r[3]) for r in rows) == [(n, "91110000600037341L") for n in (1, 2, 3)]
    assert {r[16] for r in rows} <= {"草稿", "已定稿"} and all(isinstance(r[14], dt.datetime) for r in rows)
    assert load_workbook(summary)["诊断汇总"].auto_filter.ref  # a filter row


def test_db_flag_overrides_the_environment(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    assert run(capsys, "enterprise", "add", "甲", "--db", str(other))[1] == "1\n"
    assert other.exists() and not db.exists()


def test_user_errors_are_one_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "enterprise", "add", "乙", "--uscc", "123")
    assert code == 1 and err == (
        "unified social credit code '123' is not valid: it must have 18 characters\n"
    )
    code, _, err = run(capsys, "show", "42")
    assert code == 1 and err == "no assessment #42\n"
    run(capsys, "new", "--questionnaire", "dcmm", "--enterprise-name", "丙")
    code, _, err = run(capsys, "answer", "1", "strategy.planning.l1a", "maybe")
    assert code == 1 and err == (
        "strategy.planning.l1a: 'maybe' is not an option (full, large, partly, not, na)\n"
    )
    code, _, err = run(capsys, "score")
    assert code == 2 and "give an answers file" in err


def test_backup_then_restore_from_the_command_line(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "enterprise", "add", "甲企业")[0] == 0
    copy = tmp_path / "备份" / "backup.db"
    copy.parent.mkdir()
    assert run(capsys, "backup", str(copy)) == (0, f"{copy}\n", "")
    assert run(capsys, "enterprise", "add", "乙企业")[0] == 0
    code, out, _ = run(capsys, "restore", str(copy))
    kept = next(tmp_path.glob("cli.before-restore-*.db"))
    assert code == 0 and out == f"restored {db} from {copy}\nthe database as it was is kept in {kept}\n"
    code, out, _ = run(capsys, "enterprise", "list", "--json")
    assert [e["name"] for e in json.loads(out)] == ["甲企业"]


def test_an_answers_file_goes_in_whole_or_not_at_all(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise-name", "某机械厂")[0] == 0
    answers = tmp_path / "a.json"
    assert run(capsys, "sample", "sme-digital-2024", "--strategy", "max", "-o", str(answers))[0] == 0
    document = json.loads(answers.read_text(encoding="utf-8"))
    document["notes"] = {"network": "现场查看了网络拓扑"}
    answers.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "answer", "1", "--from", str(answers))
    assert code == 0 and out == f"{len(document['answers'])} answers and 1 notes changed\n"
    shown = json.loads(run(capsys, "show", "1", "--json")[1])
    assert shown["answers"] == document["answers"] and shown["notes"] == document["notes"]
    assert run(capsys, "answer", "1", "--from", str(answers))[1] == "0 answers and 0 notes changed\n"

    before = list(sqlite3.connect(db).iterdump())
    document["answers"] = {"devices_total": 0, "network": ["no_such_option"]}
    answers.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "answer", "1", "--from", str(answers))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "network" in err
    document["questionnaire"] = {"id": "dcmm"}
    answers.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "answer", "1", "--from", str(answers))
    assert code == 1 and "is for dcmm; assessment 1 is answered against sme-digital-2024@" in err
    assert list(sqlite3.connect(db).iterdump()) == before


def test_a_question_is_marked_for_review_and_cleared(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise-name", "某机械厂")[0] == 0
    assert run(capsys, "answer", "1", "devices_total", "120", "--review")[0] == 0
    assert review_flags(open_store(db), 1) == {"devices_total"}
    assert run(capsys, "answer", "1", "devices_total", "--no-review")[0] == 0
    assert review_flags(open_store(db), 1) == set()
    code, _, err = run(capsys, "answer", "1", "devices_total")
    assert code == 1 and err.strip() == "give a VALUE, --note, --clear or --review"


def test_new_says_which_answers_it_took_from_another_assessment(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_LANG", "zh")
    assert run(capsys, "enterprise", "add", "某某精密机械有限公司")[1] == "1\n"
    answers = tmp_path / "lianghua.json"
    assert run(capsys, "sample", "lianghua", "--strategy", "max", "-o", str(answers))[0] == 0
    assert run(capsys, "new", "--questionnaire", "lianghua", "--enterprise", "1")[1] == "1\n"
    run(capsys, "answer", "1", "--from", str(answers))
    assert run(capsys, "finalize", "1")[0] == 0
    code, out, err = run(capsys, "new", "--questionnaire", "lianghua-upgrade", "--enterprise", "1")
    assert (code, out) == (0, "2\n")  # stdout: the id alone, for scripts
    assert err == "企业两化融合发展水平（GB/T 23020）所处的阶段：创新突破，取自评估 #1（lianghua 1.1.0）\n"
    code, out, _ = run(capsys, "show", "2")
    assert '  gbt23020_stage: "innovative"   <- 取自评估 #1（lianghua 1.1.0）' in out.splitlines()
    run(capsys, "answer", "2", "gbt23020_stage", "single")  # the official result differs
    assert "<-" not in run(capsys, "show", "2")[1]
    code, out, _ = run(capsys, "show", "2", "--json")
    assert json.loads(out)["answers"] == {"gbt23020_stage": "single"}  # the answers file stays as it was


def test_the_assessor_of_new_is_among_the_plan_assessors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_DB", str(tmp_path / "a.db"))
    for mode, number in (("onsite", "1"), ("self", "2")):
        code, out, _ = run(
            capsys,
            "new",
            "--questionnaire",
            "sme-digital-2024",
            "--enterprise-name",
            "甲",
            "--mode",
            mode,
            "--assessor",
            "张工",
        )
        assert code == 0 and out == f"{number}\n"
    code, out, _ = run(capsys, "plan", "1", "--get")
    assert code == 0 and json.loads(out)["process"]["assessors"] == [
        {"name": "张工", "role": None, "qualification": None}
    ]
    code, out, _ = run(capsys, "plan", "2", "--get")  # a self-assessment has no diagnosis to start
    assert code == 0 and json.loads(out)["process"]["assessors"] == []


def test_show_json_writes_a_year_as_a_year_and_plan_get_writes_yaml_to_a_yaml_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    monkeypatch.setenv("DIAGNOSIS_DB", str(tmp_path / "y.db"))
    run(capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise-name", "甲", "--mode", "onsite")
    assert run(capsys, "answer", "1", "base_year", "2024.0")[0] == 0  # as a program might send it
    code, out, _ = run(capsys, "show", "1", "--json")
    assert code == 0 and '"base_year": 2024\n' in out and "2024.0" not in out
    assert run(capsys, "plan", "1", "--draft", "--save")[0] == 0
    target = tmp_path / "plan.yaml"
    assert run(capsys, "plan", "1", "--get", "-o", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert not text.lstrip().startswith("{") and yaml.safe_load(text)["format"] == "diagnosis-plan/1"
    drafted = json.loads(run(capsys, "plan", "1", "--get")[1])
    assert run(capsys, "plan", "1", "--set", str(target))[0] == 0  # read back as it was written
    assert json.loads(run(capsys, "plan", "1", "--get")[1]) == drafted


@pytest.mark.parametrize(
    ("industry", "expected"),
    [
        ("通用设备制造业", {"industry_table": "manufacturing", "subsector": "general_equipment"}),
        ("制造业", {"industry_table": "manufacturing"}),
        (
            "General-purpose machinery (C34)",
            {"industry_table": "manufacturing", "subsector": "general_equipment"},
        ),
        ("C34 通用设备制造业", {"industry_table": "manufacturing", "subsector": "general_equipment"}),
        ("C14", {"industry_table": "manufacturing", "subsector": "food"}),  # within C13–C14
        ("机械", {}),  # names no option: asked as usual
    ],
)
def test_the_enterprise_industry_is_answered_not_asked_again(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    industry: str,
    expected: dict[str, str],
) -> None:
    monkeypatch.setenv("DIAGNOSIS_DB", str(tmp_path / "i.db"))
    assert run(capsys, "enterprise", "add", "行业测试企业", "--industry", industry)[0] == 0
    assert run(capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise", "1")[0] == 0
    code, out, _ = run(capsys, "show", "1", "--json")
    assert code == 0 and json.loads(out)["answers"] == expected
    code, out, _ = run(capsys, "next", "1")
    assert code == 0 and not any(qid in out.split() for qid in expected)  # not asked again
