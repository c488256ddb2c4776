"""Hostile questionnaire files: bombs are refused fast with a location, every formula that
validates also evaluates, and one broken file in the user folder breaks nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diagnosis.errors import QuestionnaireError
from diagnosis.loading.load import load_bytes
from diagnosis.scoring.engine import score

from .conftest import one_sentence, run_cli

FIXTURES = Path(__file__).parent.parent / "fixtures"
HEAD = """format: diagnosis-questionnaire/1
id: hostile
version: 1.0.0
title: {zh: 恶意问卷}
standard: {name: {zh: 无}, edition: "1"}
disclaimer: {zh: 无}
languages: [zh]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes("hostile.yaml", text.encode(), use_cache=False)
    return caught.value.lines


def alias_bomb(levels: int = 7) -> str:
    """Each dimension lists the one before it ten times: 10**levels dimensions once expanded."""
    lines = [
        "dimensions:",
        "  - &d0 {id: d, name: {zh: d}, questions: [{id: q, kind: yesno, text: {zh: q}}]}",
    ]
    for i in range(1, levels):
        lines.append(f"  - &d{i} {{id: d, name: {{zh: d}}, children: [{', '.join([f'*d{i - 1}'] * 10)}]}}")
    return HEAD + "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_with_its_location() -> None:
    text = alias_bomb()
    assert len(text) < 1000  # under a kilobyte, ten million nodes once expanded
    assert problems(text) == [
        "hostile.yaml:14:42: this document expands (through aliases) beyond 500,000 values; "
        "refusing it as a YAML bomb"
    ]


def test_an_alias_that_contains_itself_is_refused() -> None:
    assert problems(HEAD + "dimensions: &loop [*loop]\n") == [
        "hostile.yaml:8:13: an alias refers to a value that contains it (endless nesting)"
    ]


def test_deep_nesting_is_a_located_syntax_error() -> None:
    lines = problems(HEAD + "dimensions: " + "[" * 5000 + "]" * 5000 + "\n")
    assert lines[0].startswith("hostile.yaml:8:") and "exceeded maximum nesting depth" in lines[0]


def with_formula(formula: str) -> str:
    return HEAD + (
        "dimensions:\n"
        "  - id: d\n"
        "    name: {zh: d}\n"
        "    questions:\n"
        "      - {id: a, kind: number, text: {zh: a}}\n"
        "      - {id: b, kind: number, text: {zh: b}}\n"
        f"      - {{id: c, kind: derived, text: {{zh: c}}, formula: '{formula}', bands: [{{points: 1}}]}}\n"
    )


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("round(a, 0.5)", "round(x, n) needs n as a whole number from 0 to 10"),
        ("min(a)", "min() takes 2 to 20 arguments, not 'min(a)'"),
        ("abs(a, b)", "abs() takes 1 argument, not 'abs(a, b)'"),
        ("round(a, 1, 2)", "round() takes 1 to 2 arguments"),
        ("max(a, b, x=1)", "max() takes 2 to 20 arguments"),
        ("a" + " + a" * 200, "formula is longer than 500 characters"),
        ("abs(" * 60 + "a" + ")" * 60, "formula nests more than 50 operations deep"),
        ("-" * 60 + "a", "formula nests more than 50 operations deep"),
        ("a ** b", "formula may only use numbers"),
        ("True + a", "formula may only use numbers"),
        ('__import__("os")', "formula may only use numbers"),
    ],
)
def test_a_formula_that_could_not_evaluate_is_refused_at_load(formula: str, message: str) -> None:
    found = "\n".join(problems(with_formula(formula)))
    assert message in found and "(at dimensions[0].questions[2].formula)" in found


def test_every_formula_that_validates_evaluates() -> None:
    loaded = load_bytes(
        "ok.yaml", with_formula("round(max(a, b) / min(a, b), 2) + abs(a - b)").encode(), use_cache=False
    )
    result = score(loaded.questionnaire, {"a": 1e308, "b": 1e-308})  # overflow: no value, no crash
    assert result.questions["c"].derived is None
    assert score(loaded.questionnaire, {"a": 2, "b": 4}).questions["c"].derived == 4  # 2.0 + 2


def test_a_broken_user_questionnaire_breaks_no_other_command(home: Path, tmp_path: Path) -> None:
    folder = home / "questionnaires"
    folder.mkdir(parents=True)
    (folder / "bomb.yaml").write_text(alias_bomb(), encoding="utf-8")
    (folder / "formula.yaml").write_text(with_formula("min(a)"), encoding="utf-8")
    shutil.copy(FIXTURES / "broken" / "many-problems.yaml", folder / "many.yaml")
    env = {"DIAGNOSIS_HOME": str(home)}
    listed = run_cli("list", env=env)
    assert listed.returncode == 0 and "sme-digital-2024" in listed.stdout
    warnings = listed.stderr.strip().splitlines()
    assert len(warnings) == 3 and all(line.startswith("skipped: ") for line in warnings)
    assert any("many.yaml" in w and "more; run: diagnosis validate" in w for w in warnings)
    sample = run_cli("sample", "sme-digital-2024", "-o", str(tmp_path / "a.json"), env=env)
    assert sample.returncode == 0, sample.stderr
    new = run_cli(
        "new", "--questionnaire", "dsmm", "--enterprise-name", "甲", "--db", str(tmp_path / "x.db"), env=env
    )
    assert new.returncode == 0 and new.stdout.strip() == "1", new.stderr
    validate = run_cli("validate", str(folder / "many.yaml"), env=env)
    assert validate.returncode == 1 and len(validate.stderr.strip().splitlines()) == 5  # validate tells all


def test_a_questionnaire_file_that_is_a_device_is_refused(tmp_path: Path) -> None:
    line = one_sentence(run_cli("validate", "/dev/zero"))
    assert "not a regular file" in line
