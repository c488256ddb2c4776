"""report, verify and demo from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from diagnosis.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_verify_as_processes(tmp_path: Path) -> None:
    target = tmp_path / "demo.pdf"
    subprocess.run(
        [sys.executable, "-m", "diagnosis", "demo", "-o", str(target)], check=True, capture_output=True
    )
    done = subprocess.run(
        [sys.executable, "-m", "diagnosis", "verify", str(target), "--unsigned-ok"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout.startswith("OK ") and "level L2" in done.stdout


def test_report_from_an_answers_file_and_from_the_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_DB", str(tmp_path / "r.db"))
    answers = tmp_path / "a.json"
    assert run(capsys, "sample", "lianghua", "--strategy", "max", "-o", str(answers))[0] == 0
    assert run(capsys, "report", str(answers), "-o", str(tmp_path / "a.pdf"), "--lang", "en")[0] == 0
    code, out, _ = run(capsys, "verify", str(tmp_path / "a.pdf"), "--unsigned-ok")
    assert code == 0 and "lianghua@1.1.0" in out and "level S4" in out

    run(capsys, "new", "--questionnaire", "sme-digital-2024", "--enterprise-name", "乙公司")
    run(capsys, "answer", "1", "network", '["app_network"]')
    run(capsys, "finalize", "1", "--force")
    run(capsys, "reassess", "1")
    run(capsys, "answer", "2", "network", '["app_network", "control_network"]')
    code, _, err = run(
        capsys, "report", "--assessment", "2", "--compare-with", "1", "-o", str(tmp_path / "b.pdf")
    )
    assert code == 0, err
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "b.pdf").pages)
    assert "改造前后对比" in text and "乙公司" in text
    run(capsys, "export", "2", "-o", str(tmp_path / "b.zip"))
    assert (
        run(capsys, "verify", str(tmp_path / "b.pdf"), "--package", str(tmp_path / "b.zip"), "--unsigned-ok")[
            0
        ]
        == 0
    )
    run(capsys, "export", "1", "-o", str(tmp_path / "a.zip"))
    code, _, err = run(
        capsys, "verify", str(tmp_path / "b.pdf"), "--package", str(tmp_path / "a.zip"), "--unsigned-ok"
    )
    # The re-assessment's package is another assessment (its own uid) with other answers.
    assert code == 1 and err.startswith(
        f"FAILED {tmp_path / 'b.pdf'}\n  the package is another assessment (uid "
    )
    assert err.splitlines()[2].startswith("  the answers in the package differ")


def test_verify_refuses_other_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 not really")
    code, _, err = run(capsys, "verify", str(junk))
    assert code == 1 and "Traceback" not in err and err.strip()
    code, _, err = run(capsys, "report", "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "give an answers file" in err


def test_verify_states_the_unexplained_warnings_and_the_evidence_share(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the cover states first, verify states too, found anew from the embedded data."""
    target = tmp_path / "demo.pdf"
    assert run(capsys, "demo", "-o", str(target))[0] == 0
    monkeypatch.setenv("DIAGNOSIS_LANG", "en")
    code, out, _ = run(capsys, "verify", str(target), "--unsigned-ok")
    assert code == 0
    assert out.splitlines()[0].endswith("level L2  unexplained warnings 0  evidence 5/46 (11%)")
    monkeypatch.setenv("DIAGNOSIS_LANG", "zh")
    code, out, _ = run(capsys, "verify", str(target), "--unsigned-ok")
    assert out.splitlines()[0].endswith("等级 L2  未说明的核查提示 0 项  佐证材料 5/46（11%）")


def test_the_plan_of_an_assessment_that_does_not_exist_is_one_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_DB", str(tmp_path / "p.db"))
    for asked in (["--get"], [], ["--summary"]):
        code, out, err = run(capsys, "plan", "999", *asked)
        assert (code, out, err) == (1, "", "no assessment #999\n")
