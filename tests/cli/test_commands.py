"""The command line as a user drives it: exit codes, output, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diagnosis.cli.main import build_parser, main

FIXTURES = Path(__file__).parent.parent / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("diagnosis ")
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0, name
        assert "usage: diagnosis " + name in capsys.readouterr().out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["sample", "dcmm", "--strategy", "best"])
    assert done.value.code == 2


def test_list_shows_the_bundled_questionnaires_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert code == 0
    assert rows["dcmm"]["title"]["zh"].startswith("数据管理能力成熟度")
    assert rows["sme-digital-2024"]["title"]["zh"] == "中小企业数字化水平评测"
    assert "两化融合" in rows["lianghua"]["title"]["zh"]
    assert (
        rows["lianghua-upgrade"]["version"] == "1.0.0" and "贯标" in rows["lianghua-upgrade"]["title"]["zh"]
    )
    assert all(len(row["sha256"]) == 64 for row in rows.values())
    code, out, _ = run(capsys, "list")
    assert "sme-digital-2024" in out and "中小企业数字化水平评测" in out


def test_validate_reports_every_broken_file_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(FIXTURES / "broken"), str(FIXTURES / "valid"))
    assert code == 1
    assert "Traceback" not in err
    assert len(err.splitlines()) == 34
    assert out.startswith("ok  ") and "mini@1.0.0" in out
    code, _, _ = run(capsys, "validate", str(FIXTURES / "valid"), "questionnaires")
    assert code == 0
    code, _, err = run(capsys, "validate", "no/such/file.yaml")
    assert code == 1 and err == "no/such/file.yaml: no such file or folder\n"


def test_validate_checks_a_prefill_against_every_version_of_its_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bundled = Path(__file__).parent.parent.parent / "questionnaires" / "lianghua-upgrade" / "1.0.0.yaml"
    text = bundled.read_text(encoding="utf-8").replace("S4: innovative", "S5: innovative")
    (tmp_path / "upgrade.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 1 and out.startswith("ok  ")  # the file itself is fine; its map is not
    assert err.splitlines() == [
        f"{tmp_path / 'upgrade.yaml'}:1:1: prefill of 'gbt23020_stage' from lianghua {version}: "
        "lianghua has no level 'S5'"
        for version in ("1.0.0", "1.0.1", "1.1.0")
    ]


def test_scoring_names_the_view_that_holds_the_stage_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = tmp_path / "a.json"
    assert run(capsys, "sample", "lianghua-upgrade", "--strategy", "max", "-o", str(answers))[0] == 0
    document = json.loads(answers.read_text(encoding="utf-8"))
    document["answers"] |= {f"governance.l{n}{x}": "not" for n in (3, 4, 5) for x in "abc"}
    answers.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run(capsys, "score", str(answers), "--lang", "zh")
    assert code == 0 and "等级: 场景级" in out
    assert (
        "  - 五个视角中适用的各项均达到领域级及以上（当前 4 个，共 5 个）。尚未达到的：治理体系（场景级）"
        in out
    )
    assert "评定准备度 → 可申请 AAA 级评定（准备度）:" in out


def test_schema_is_json_schema_of_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].endswith("2020-12/schema")
    assert {"id", "version", "dimensions", "levels"} <= set(schema["properties"])


def test_sample_then_score_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    code, _, _ = run(capsys, "sample", "sme-digital-2024", "--strategy", "max", "-o", str(answers))
    assert code == 0
    code, out, _ = run(capsys, "score", str(answers), "--json")
    result = json.loads(out)
    assert code == 0
    assert (
        result["questionnaire"]["id"] == "sme-digital-2024" and len(result["questionnaire"]["sha256"]) == 64
    )
    assert (result["score"], result["max_score"]) == (100, 100)
    assert result["level"]["id"] == "L4" and result["level"]["name"]["zh"] == "四级"
    assert result["next_level"] is None and result["completeness"]["required_missing"] == []
    assert [d["id"] for d in result["dimensions"] if d["max_score"]] == ["basis", "management", "effects"]


def test_score_text_output_and_bad_answers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "diagnosis-answers/1",
                "questionnaire": {"id": "dcmm"},
                "answers": {"nope": 1, "strategy.planning.l1a": "maybe"},
            }
        ),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "score", str(bad))
    assert code == 1
    assert err.splitlines() == [
        "answers.nope: no such question in dcmm 2.1.0",  # the newest version by default
        "answers.strategy.planning.l1a: 'maybe' is not an option (full, large, partly, not, na)",
    ]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "score", str(broken))
    assert code == 1 and err.startswith(f"{broken}:1:2: invalid JSON")
    changed = tmp_path / "changed.json"
    changed.write_text(
        json.dumps(
            {
                "format": "diagnosis-answers/1",
                "questionnaire": {"id": "dcmm", "version": "1.0.0", "sha256": "0" * 64},
            }
        )
    )
    code, _, err = run(capsys, "score", str(changed))
    assert code == 1 and "the questionnaire file was changed without a new version" in err


def test_sample_piped_into_score_as_processes(tmp_path: Path) -> None:
    sample = subprocess.run(
        [sys.executable, "-m", "diagnosis", "sample", "dcmm", "--strategy", "min"],
        capture_output=True,
        check=True,
    )
    scored = subprocess.run(
        [sys.executable, "-m", "diagnosis", "score", "-", "--json"],
        input=sample.stdout,
        capture_output=True,
        check=True,
    )
    result = json.loads(scored.stdout)
    assert result["score"] == 0 and result["level"] is None
    assert result["next_level"]["level"]["name"]["zh"] == "初始级"


def test_unknown_questionnaire_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "sample", "nope")
    assert code == 1 and err.startswith("no questionnaire 'nope' (available: dcmm@1.0.0, ")


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    done = subprocess.run(
        f"{sys.executable} -m diagnosis schema | head -c 10", shell=True, capture_output=True, text=True
    )
    assert done.stdout == '{\n  "$defs"'[:10] or len(done.stdout) == 10
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
