"""`diagnosis intake …` as a clerk drives it, on a SQLite file (the engines are tested in tests/intake)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from diagnosis.cli.main import main
from diagnosis.intake.generate import Made, generate


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return generate(tmp_path_factory.mktemp("inbox"), 24, seed=5, reports=0)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_report_and_flags(inbox: Made, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "intake.db")
    assert inbox.trust is not None
    folder = str(inbox.files[0].parent.parent)
    code, out, err = run(capsys, "intake", "add", folder, "--db", db, "--trust", str(inbox.trust))
    assert code == 0, err
    assert (
        out
        == "24 documents: 24 received, 0 added to a revision already here, 0 already received, 0 refused\n"
    )
    assert "24/24" in err and "ETA" in err  # the progress bar (a line now and then on a pipe)
    code, out, _ = run(capsys, "intake", "add", folder, "--db", db, "--trust", str(inbox.trust), "--json")
    assert code == 0 and {o["status"] for o in json.loads(out)} == {"already"}

    code, out, _ = run(capsys, "intake", "report", "--by", "city", "--db", db)
    lines = out.splitlines()
    assert code == 0 and re.fullmatch(
        r"24 claims: \d+ payable, \d+ held \(no policy given: no amounts\)", lines[0]
    )
    heads = [line.split()[:3] for line in lines if line.split()[1:3] == ["enterprises", "assessments"]]
    assert heads == [["city", "enterprises", "assessments"]] and lines[-1].startswith("合计")
    code, out, _ = run(capsys, "intake", "report", "--db", db)
    heads = [
        line.split()[0] for line in out.splitlines() if line.split()[1:3] == ["enterprises", "assessments"]
    ]
    assert heads == ["scope"]  # without --by: never 合计 as a column's head
    target = tmp_path / "claims.xlsx"
    code, out, _ = run(capsys, "intake", "report", "--by", "provider", "--db", db, "-o", str(target))
    assert code == 0 and out.startswith(f"{target}: ")
    assert load_workbook(target).sheetnames[0] == "申领明细"
    pdf = tmp_path / "claims.pdf"
    assert run(capsys, "intake", "report", "--db", db, "-o", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF-")

    code, out, err = run(capsys, "intake", "flags", "--db", db, "--json")
    assert code == 0 and err.startswith(f"{len(json.loads(out))} flags")


POLICY = Path(__file__).parents[2] / "resources" / "policies" / "anhui-2023.yaml"


def test_a_policy_applied_released_and_checked(
    inbox: Made, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "intake.db")
    assert inbox.trust is not None
    folder = str(inbox.files[0].parent.parent)
    assert run(capsys, "intake", "add", folder, "--db", db, "--trust", str(inbox.trust))[0] == 0
    monkeypatch.setenv("DIAGNOSIS_LANG", "zh")
    code, out, _ = run(capsys, "intake", "report", "--db", db, "--policy", str(POLICY), "--by", "city")
    assert code == 0 and out.startswith("24 份申领：可拨付 ")
    assert "暂缓原因（按申领数）：" in out and "元；暂缓 " in out
    code, out, err = run(capsys, "intake", "flags", "--db", db, "--policy", str(POLICY))
    assert code == 0 and err.startswith("个疑点：", len(err.split(" ")[0]) + 1)
    assert "uid" not in out and all(
        line.startswith(("    ", " ")) or "—" in line for line in out.splitlines()
    )

    from diagnosis.intake.desk import open_desk
    from diagnosis.intake.policy import load_policy

    desk = open_desk(db, POLICY)
    held = [c for c in desk.claims() if c.holds and all(h.releasable for h in c.holds)]
    desk.close()
    assert held  # a claim a note may release: released from the command line
    number = held[0].row["report_number"]
    code, out, _ = run(
        capsys, "intake", "release", number, "--note", "已核对", "--db", db, "--policy", str(POLICY)
    )
    assert code == 0 and out.startswith("已放行 ")
    code, _, err = run(
        capsys, "intake", "release", number, "--note", "再次", "--db", db, "--policy", str(POLICY)
    )
    assert code == 1 and err.endswith("未被暂缓：无需放行\n")
    assert load_policy(POLICY).name.startswith("安徽省")


def test_policy_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_LANG", "zh")
    code, out, _ = run(capsys, "intake", "policy", "check", str(POLICY))
    assert code == 0 and out.splitlines()[0] == f"{POLICY}：政策有效"
    assert "  每户诊断 20,000 元，每份复评成效 30,000 元，每户最多 50,000 元" in out.splitlines()
    bad = tmp_path / "bad.yaml"
    bad.write_text(POLICY.read_text(encoding="utf-8").replace("evidence_minimum: 0.6", "evidence_minimum: 6"))
    code, out, err = run(capsys, "intake", "policy", "check", str(bad))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"{bad}:") and "less than or equal to 1" in err


def test_refused_documents_are_listed_and_the_exit_code_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "intake.db")
    bad = tmp_path / "broken.diagpkg"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code, out, err = run(capsys, "intake", "add", str(bad), "--db", db)
    assert code == 1
    assert out.endswith("1 refused\n")
    assert f"refused {bad}: " in err
    code, out, _ = run(capsys, "intake", "refused", "--db", db)
    assert code == 0 and out.startswith(f"{bad}: ")


def test_names_are_printed_with_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from diagnosis.intake.samples import Spec, package
    from diagnosis.loading.catalogue import Catalogue
    from diagnosis.paths import bundled_questionnaires
    from diagnosis.scoring.sample import sample_answers

    db = str(tmp_path / "intake.db")
    bad = tmp_path / "bad\r\x1b[2KOK.diagpkg"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    loaded = Catalogue([bundled_questionnaires()]).get("sme-digital-2024@1.1.0")
    firm = {"name": "某\r合肥另一家公司", "uscc": "91340200MA2XAB123T", "city": "芜湖市"}
    spec = Spec(
        loaded,
        firm,
        "uid0000escape1",
        sample_answers(loaded.questionnaire, "max"),
        dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
    )
    (tmp_path / "unsigned.diagpkg").write_bytes(package(spec))
    code, _, err = run(capsys, "intake", "add", str(tmp_path), "--db", db)
    assert code == 1 and f"refused {tmp_path}/bad\\r\\x1b[2KOK.diagpkg: " in err and "\x1b" not in err
    code, out, _ = run(capsys, "intake", "refused", "--db", db)
    assert out.startswith(f"{tmp_path}/bad\\r\\x1b[2KOK.diagpkg: ") and "\r" not in out
    code, out, _ = run(capsys, "intake", "flags", "--db", db)
    assert "    某\\r合肥另一家公司" in out and "\r" not in out


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "intake.db")
    assert run(capsys, "intake", "add", str(tmp_path), "--db", db)[2] == (
        "no packages (.diagpkg) or PDF reports found there\n"
    )
    code, _, err = run(capsys, "intake", "report", "--db", db, "-o", str(tmp_path / "x.csv"))
    assert code == 2 and err.endswith("write the claim tables to a .xlsx or a .pdf file\n")
    code, _, err = run(capsys, "intake", "report", "--db", db, "--from", "2026-05-01", "--to", "2026-01-01")
    assert code == 2 and err == "--from is after --to\n"


def test_other_commands_do_not_load_the_database_libraries() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from diagnosis.cli.main import build_parser; build_parser(); "
        "print('sqlalchemy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
