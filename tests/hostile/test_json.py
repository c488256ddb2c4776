"""Hostile JSON in answers files and on the command line: one sentence each, never a crash, and
the metadata sections validated as strictly as the answers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from .conftest import one_sentence, run_cli

GOOD = {
    "format": "diagnosis-answers/1",
    "questionnaire": {"id": "sme-digital-2024", "version": "1.0.0"},
    "answers": {"base_year": 2025, "devices_total": 10},
}


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


HOSTILE = [
    ('{"format": "diagnosis-answers/1", "format": "x"}', "the key 'format' appears twice in one object"),
    (json.dumps(GOOD).replace("2025", "9" * 30), "the number 99999999999999999999… is too large"),
    (json.dumps(GOOD).replace("2025", "7" * 5000), "the number 77777777777777777777… is too large"),
    (json.dumps(GOOD).replace("2025", "-" + "7" * 5000), "the number -7777777777777777777… is too large"),
    (
        json.dumps(GOOD | {"assessment": {"revision": 10_000}}),
        "assessment.revision: Input should be less than or equal to 9999",
    ),
    (json.dumps(GOOD).replace("2025", "1e999"), "the number 1e999 is too large"),
    (json.dumps(GOOD).replace("2025", "NaN"), "NaN is not a number JSON allows"),
    (json.dumps(GOOD).replace("2025", "-Infinity"), "-Infinity is not a number JSON allows"),
    ('{"answers": ' + "[" * 3000 + "]" * 3000 + "}", "nested more than 64 levels deep"),
    ("\ufeff{", "invalid JSON"),
    (json.dumps(GOOD | {"enterprise": {"name": 5}}), "enterprise.name: Input should be a valid string"),
    (json.dumps(GOOD | {"enterprise": {"uscc": "123"}}), "enterprise.uscc: String should match pattern"),
    (
        json.dumps(GOOD | {"assessment": {"revision": "abc"}}),
        "assessment.revision: Input should be a valid integer",
    ),
    (json.dumps(GOOD | {"assessment": {"updated_at": "garbage"}}), "'garbage' is not a date and time"),
    (
        json.dumps(GOOD | {"evidence": [{"name": "x", "size": 1, "sha256": "a" * 64}]}),
        "evidence.0.question_id: missing",
    ),
    (json.dumps(GOOD | {"evidence": {"a": 1}}), "evidence: Input should be a valid list"),
    (json.dumps(GOOD | {"notes": {"base_year": 7}}), "notes.base_year: Input should be a valid string"),
    (json.dumps(GOOD | {"surprise": 1}), "surprise: Extra inputs are not permitted"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_score_and_report_refuse_in_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    for command in (["score", path], ["report", path, "-o", str(tmp_path / "r.pdf")]):
        line = one_sentence(run_cli(*command))
        assert message in line, line
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize(("text", "message"), [*HOSTILE, ("", "/dev/zero: not a regular file")])
def test_answers_from_a_hostile_file_change_nothing(tmp_path: Path, text: str, message: str) -> None:
    db = tmp_path / "a.db"
    made = run_cli(
        "new", "--questionnaire", "sme-digital-2024@1.0.0", "--enterprise-name", "某厂", "--db", str(db)
    )
    assert made.returncode == 0
    before = list(sqlite3.connect(db).iterdump())
    source = write(tmp_path, text) if text else "/dev/zero"
    line = one_sentence(run_cli("answer", "1", "--from", source, "--db", str(db)))
    assert message in line, line
    assert list(sqlite3.connect(db).iterdump()) == before


def test_a_full_answers_file_with_metadata_still_reports(tmp_path: Path) -> None:
    document = GOOD | {
        "enterprise": {"name": "甲公司", "uscc": "91110000600037341L", "size_class": "小型"},
        "assessment": {"uid": "0123456789abcdef", "revision": 2, "status": "draft", "mode": "self"},
        "evidence": [{"question_id": "network", "name": "图.png", "size": 3, "sha256": "a" * 64}],
        "notes": {"base_year": "按财务年度"},
    }
    path = write(tmp_path, json.dumps(document, ensure_ascii=False))
    result = run_cli("report", path, "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1" + "0" * 40, "is too large"),
        ("1" * 5000, "the number 11111111111111111111… is too large"),
        ("[" + "1" * 5000 + "]", "the number 11111111111111111111… is too large"),
        ("1e999", "the number 1e999 is too large"),
        ("NaN", "NaN is not a number JSON allows"),
        ("[" * 200 + "]" * 200, "nested more than 64 levels deep"),
        ('{"a": 1, "a": 2}', "appears twice"),
    ],
)
def test_answer_on_the_command_line_refuses_in_one_sentence(tmp_path: Path, value: str, message: str) -> None:
    db = str(tmp_path / "d.db")
    assert (
        run_cli(
            "new", "--questionnaire", "sme-digital-2024@1.0.0", "--enterprise-name", "甲", "--db", db
        ).returncode
        == 0
    )
    line = one_sentence(run_cli("answer", "1", "devices_total", value, "--db", db))
    assert message in line
