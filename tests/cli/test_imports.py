"""No command imports modules it does not use (issue 23 §6): each command runs in a fresh
interpreter and the modules it loaded are compared with what it needs. `score FILE` must not
load the report, the plan, the database, signing or YAML; `paths` and `--help` not even the
questionnaire models. (How long they take is measured in benchmarks/cli_bench.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diagnosis.cli.main import main

PROBE = """
import contextlib, io, json, sys
from diagnosis.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as done:  # --help, --version
        code = done.code or 0
built = []  # the models whose validators this process built (they build when first used)
if "pydantic" in sys.modules:
    from pydantic import BaseModel
    models, seen = [BaseModel], set()
    while models:
        model = models.pop()
        models += [m for m in model.__subclasses__() if m not in seen]
        seen.update(model.__subclasses__())
        if model.__module__.startswith("diagnosis.") and model.__dict__.get("__pydantic_complete__"):
            built.append(model.__name__)
print(json.dumps([code, sorted(sys.modules), sorted(built)]))
"""
# Never for a command that only reads questionnaires and answers.
HEAVY = (
    "PySide6", "reportlab", "pyhanko", "cryptography", "sqlite3", "sqlite_utils", "openpyxl",
    "sqlalchemy", "pypdf", "keyring", "qrcode", "PIL",
)  # fmt: skip
SCORING = (
    *HEAVY,
    "yaml",  # the questionnaires come from the compiled cache
    "stdnum",
    "diagnosis.plan",  # an answers file without a plan has no plan to read
    "diagnosis.storage",
    "diagnosis.session",
    "diagnosis.signing",
    "diagnosis.intake",
    "diagnosis.report.source",
    "diagnosis.report.inputs",
    "diagnosis.report.appendix",
    "diagnosis.report.data",
    "diagnosis.report.pdf",
    "diagnosis.loading.checks",
    "diagnosis.loading.yamlsource",
)
NOTHING = (*HEAVY, "pydantic", "diagnosis.model", "diagnosis.loading", "yaml")


def probe(*args: str) -> tuple[list[str], list[str]]:
    """(the modules, the models whose validators were built) of one command in its own process."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    code, modules, built = json.loads(done.stdout.splitlines()[-1])
    assert code == 0, done.stderr
    return modules, built


def loaded(*args: str) -> list[str]:
    return probe(*args)[0]


def unused(modules: list[str], forbidden: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == f or m.startswith(f + ".") for f in forbidden)]


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An answers file, and the questionnaire cache warm (as after the first run)."""
    target = tmp_path_factory.mktemp("imports") / "answers.json"
    assert main(["sample", "sme-digital-2024", "-o", str(target)]) == 0
    assert main(["list"]) == 0
    return target


@pytest.mark.parametrize("extra", [[], ["--json"], ["--lang", "en"]])
def test_score_loads_no_report_plan_database_or_signing(answers: Path, extra: list[str]) -> None:
    modules = loaded("score", str(answers), *extra)
    assert "diagnosis.scoring.engine" in modules  # it did score
    assert unused(modules, SCORING) == []


def test_score_builds_no_questionnaire_validator(answers: Path) -> None:
    """The questionnaire comes validated from the cache, the constants and defaults are built
    without validation: building a validator costs milliseconds (the questionnaire's ~25 ms).
    The answers file is a stranger's, and scoring tells its conditions in validated Texts (in
    Rust, faster than constructing them in Python when the intake scores thousands)."""
    assert probe("score", str(answers))[1] == ["AnswersFile", "Text"]


def test_sample_and_list_load_only_what_they_use(answers: Path) -> None:
    assert unused(loaded("sample", "dcmm", "--strategy", "random"), SCORING) == []
    assert unused(loaded("list"), (*SCORING, "diagnosis.scoring", "diagnosis.records")) == []


@pytest.mark.parametrize("args", [["paths"], ["--help"], ["--version"], ["keys", "--help"]])
def test_commands_about_no_questionnaire_load_no_model(args: list[str]) -> None:
    assert unused(loaded(*args), NOTHING) == []


def test_verify_checks_the_signature_in_a_process_of_its_own(tmp_path: Path) -> None:
    """`verify` renders the pages here while another process checks the signature: pyHanko (a
    third of a second to load) never loads in the process that renders."""
    report = tmp_path / "r.pdf"
    assert main(["demo", "-o", str(report)]) == 0
    modules = loaded("verify", str(report), "--unsigned-ok")
    assert "diagnosis.report.pdf" in modules and "diagnosis.signing.aside" in modules  # it did both
    assert unused(modules, ("pyhanko", "diagnosis.signing.pdf_check")) == []
