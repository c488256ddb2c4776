"""What the command line hands over: ids beyond 64 bits, numbers of 5,000 digits, an answers file
pinned to another copy of the questionnaire, a time zone that is none, a database from a newer
version — each one sentence, the database unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from diagnosis.loading.load import Loaded
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.db import Store
from diagnosis.storage.schema import migrations

from .conftest import dump, one_sentence, run_cli

HUGE = "99999999999999999999"  # 2**64 < HUGE: no SQLite integer
FIVE_THOUSAND = "1" * 5000
IDS = {
    "show": ["show", "{id}"],
    "next": ["next", "{id}"],
    "answer": ["answer", "{id}", "devices_total", "3"],
    "attach": ["attach", "{id}", "network", "{file}"],
    "detach": ["detach", "{id}"],
    "finalize": ["finalize", "{id}"],
    "reopen": ["reopen", "{id}"],
    "delete": ["delete", "{id}", "--yes"],
    "reassess": ["reassess", "{id}"],
    "compare": ["compare", "1", "{id}"],
    "export": ["export", "{id}", "-o", "{out}"],
    "xlsx": ["xlsx", "{id}", "-o", "{out}"],
    "enterprise show": ["enterprise", "show", "{id}"],
    "new": ["new", "--questionnaire", "sme-digital-2024", "--enterprise", "{id}"],
    "score": ["score", "--assessment", "{id}"],
    "report": ["report", "--assessment", "{id}", "-o", "{out}"],
    "report --compare-with": ["report", "--assessment", "1", "--compare-with", "{id}", "-o", "{out}"],
    "plan": ["plan", "{id}", "--summary"],
}


@pytest.fixture
def answered(store: Store, sme: Loaded, enterprise: int) -> int:
    a = new_assessment(store, sme, enterprise)
    set_answer(store, a, "devices_total", 120)
    return a


@pytest.mark.parametrize("number", [HUGE, FIVE_THOUSAND])
@pytest.mark.parametrize("command", IDS)
def test_an_id_beyond_64_bits_is_a_sentence(
    store: Store, answered: int, tmp_path: Path, command: str, number: str
) -> None:
    evidence = tmp_path / "photo.png"
    evidence.write_bytes(b"png")
    fill = {"id": number, "file": str(evidence), "out": str(tmp_path / "out.bin")}
    before = dump(store)
    line = one_sentence(run_cli(*[p.format(**fill) for p in IDS[command]], "--db", str(store.path)))
    what = (
        "enterprise"
        if command in ("enterprise show", "new")
        else "evidence"
        if command == "detach"
        else "assessment"
    )
    shown = number[:20] + ("…" if len(number) > 20 else "")
    assert line == f"there is no {what} {shown}: ids are whole numbers from 1 to 9223372036854775807"
    assert dump(store) == before and not (tmp_path / "out.bin").exists()


def test_the_id_sentence_speaks_chinese_too(store: Store) -> None:
    line = one_sentence(run_cli("show", HUGE, "--db", str(store.path), env={"DIAGNOSIS_LANG": "zh"}))
    assert line == f"没有编号为 {HUGE} 的评估：编号是 1 到 9223372036854775807 之间的整数"
    negative = one_sentence(run_cli("show", "-" + HUGE, "--db", str(store.path)))
    assert negative.startswith(f"there is no assessment -{HUGE[:19]}…")


def test_a_plan_of_5000_digits_is_a_sentence(store: Store, answered: int, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"projects:\n  - name: 上云\n    budget: {FIVE_THOUSAND}\n", encoding="utf-8")
    before = dump(store)
    line = one_sentence(run_cli("plan", str(answered), "--set", str(plan), "--db", str(store.path)))
    assert (
        line == f"{plan}:3:13: YAML syntax error: the number 11111111111111111111… has 5000 digits; too large"
    )
    assert dump(store) == before


def test_a_questionnaire_of_5000_digits_is_a_sentence(sme: Loaded, tmp_path: Path) -> None:
    text = sme.raw.decode("utf-8").replace(
        f"\nversion: {sme.questionnaire.version}\n",
        f"\nversion: {sme.questionnaire.version}\nlevel_count: {FIVE_THOUSAND}\n",
        1,
    )
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the number 11111111111111111111… has 5000 digits; too large" in result.stderr


def test_answers_pinned_to_another_copy_of_the_questionnaire_are_refused(
    store: Store, answered: int, sme: Loaded, tmp_path: Path
) -> None:
    document = {
        "format": "diagnosis-answers/1",
        "questionnaire": {
            "id": sme.questionnaire.id,
            "version": sme.questionnaire.version,
            "sha256": "0" * 64,
        },
        "answers": {"devices_total": 7},
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = dump(store)
    line = one_sentence(run_cli("answer", str(answered), "--from", str(path), "--db", str(store.path)))
    assert line == (
        f"{path} was answered against sme-digital-2024@{sme.questionnaire.version} with sha256 "
        f"000000000000…, but assessment {answered} is answered against a copy with sha256 "
        f"{sme.sha256[:12]}…: the questionnaire was changed without a new version; nothing was loaded"
    )
    assert dump(store) == before
    assert "changed without a new version" in one_sentence(run_cli("score", str(path)))  # as score says
    document["questionnaire"]["sha256"] = sme.sha256  # type: ignore[index]
    path.write_text(json.dumps(document), encoding="utf-8")
    assert run_cli("answer", str(answered), "--from", str(path), "--db", str(store.path)).returncode == 0


@pytest.mark.parametrize("zone", ["Asia", "A" * 300, "Mars/Olympus_Mons", "../../etc/passwd"])
def test_a_time_zone_that_is_none_is_a_sentence(store: Store, answered: int, zone: str) -> None:
    result = run_cli("assessments", "--db", str(store.path), env={"DIAGNOSIS_TZ": zone})
    assert result.returncode == 0 and "Traceback" not in result.stderr
    shown = zone[:40] + ("…" if len(zone) > 40 else "")
    assert result.stderr.strip().splitlines() == [
        f"DIAGNOSIS_TZ is set to '{shown}', which is no time zone (give an IANA zone such as "
        "Asia/Shanghai); times are shown in Asia/Shanghai"
    ]
    shanghai = run_cli("assessments", "--db", str(store.path), env={"DIAGNOSIS_TZ": "Asia/Shanghai"})
    assert result.stdout == shanghai.stdout and shanghai.stderr == ""


def test_a_database_from_a_newer_version_says_once_that_it_is_read_only(store: Store, answered: int) -> None:
    path = store.path
    store.db.execute("PRAGMA user_version = 99")
    store.close()
    before = list(sqlite3.connect(path).iterdump())
    for command in (["assessments"], ["show", str(answered)], ["score", "--assessment", str(answered)]):
        result = run_cli(*command, "--db", str(path))
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip().splitlines() == [
            f"{path} is opened read-only: the database was written by a newer version of this app "
            f"(schema 99, this version knows {len(migrations._migrations)}); update the app to change it"
        ]
    written = one_sentence(run_cli("answer", str(answered), "devices_total", "5", "--db", str(path)))
    assert written.startswith("cannot ") and "newer version of this app" in written
    assert list(sqlite3.connect(path).iterdump()) == before


def test_the_last_revision_cannot_be_reopened(store: Store, answered: int) -> None:
    from diagnosis.records import MAX_REVISION
    from diagnosis.storage.assessments import finalize

    finalize(store, answered, force=True)
    store.db.execute("UPDATE assessments SET revision = ? WHERE id = ?", [MAX_REVISION, answered])
    before = dump(store)
    line = one_sentence(run_cli("reopen", str(answered), "--db", str(store.path)))
    assert line == (
        f"assessment #{answered} has reached revision {MAX_REVISION}, the last one; start a re-assessment "
        "from it instead"
    )
    assert dump(store) == before
