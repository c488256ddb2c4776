"""`diagnosis intake …` as a clerk drives it, on a SQLite file (the engines are tested in tests/intake)."""

from __future__ import annotations

import json
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
    assert code == 0 and out.splitlines()[0].split()[:3] == ["group", "enterprises", "assessments"]
    assert out.splitlines()[-1].startswith("合计")
    target = tmp_path / "claims.xlsx"
    code, out, _ = run(capsys, "intake", "report", "--by", "provider", "--db", db, "-o", str(target))
    assert code == 0 and out.startswith(f"{target}: ")
    assert load_workbook(target).sheetnames[0] == "汇总"
    pdf = tmp_path / "claims.pdf"
    assert run(capsys, "intake", "report", "--db", db, "-o", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF-")

    code, out, err = run(capsys, "intake", "flags", "--db", db, "--json")
    assert code == 0 and err.startswith(f"{len(json.loads(out))} flags")


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
