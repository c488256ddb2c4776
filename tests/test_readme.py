"""The README's tour works as written: every command of its ```sh blocks, in order, on a scratch
user folder and database (the set-up commands that install the package are left out). The files
the tour names as the reader's own (an answers file, a picture, the provider's diagnosis) are
made here first. A command the README shows must succeed: a README that drifted fails here."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.plan.model import Visit
from diagnosis.scoring.sample import sample_answers

ROOT = Path(__file__).parent.parent
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
PASSWORD = "tour-password-1"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f9b3f90000000049454e44ae426082"
)


def tour() -> list[str]:
    """The README's shell commands in order, one per line; comments and installs left out."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line.strip() for block in BLOCK.findall(text) for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith(("#", "pip install"))]


def _answers() -> dict[str, Any]:
    loaded = default_catalogue().get("sme-digital-2024@1.0.0")
    q = loaded.questionnaire
    return {
        "format": "diagnosis-answers/1",
        "questionnaire": {"id": q.id, "version": q.version},
        "answers": sample_answers(q, "max", 0),
    }


def _diagnosis() -> dict[str, Any]:
    """A complete on-site diagnosis, as a provider writes it: a visit, methods, people, problems
    and needs, a project, expected results and the enterprise's confirmation."""
    visit: dict[str, Any] = {"date": "2026-03-02", "hours": 6}
    if "place" in Visit.model_fields:  # where and by whom, when the plan model records them
        visit["place"] = "合肥市某某精密机械有限公司一号车间"
    if "assessors" in Visit.model_fields:
        visit["assessors"] = ["张工"]
    return {
        "format": "diagnosis-plan/1",
        "process": {
            "visits": [visit],
            "methods": ["document_review", "site_inspection", "interview"],
            "participants": [{"name": "王经理", "role": "数字化负责人"}],
            "assessors": [{"name": "张工", "role": "诊断工程师"}],
        },
        "findings": [
            {"kind": "pain_point", "text": "设备数据靠人工抄录，质量追溯慢", "refs": ["network"]},
            {"kind": "need", "text": "关键工序在线检测与质量追溯"},
        ],
        "projects": [
            {
                "name": "质量管理数字化",
                "solution": "software_package",
                "start": "2026-04",
                "end": "2026-09",
                "budget": 38,
                "funding": {"enterprise": 26.6, "subsidy": 11.4},
            }
        ],
        "kpis": [
            {"name": "产品一次合格率", "unit": "%", "baseline": 96.5, "target": 98.5, "better": "higher"}
        ],
        "confirmation": {
            "opinion": "agree",
            "satisfaction": 5,
            "confirmed_by": "王经理",
            "date": "2026-03-09",
        },
    }


@pytest.fixture
def scratch(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A working folder with the reader's own files, and an environment on a scratch user folder."""
    work = tmp_path / "work"
    work.mkdir()
    for shipped in ("questionnaires", "resources"):
        (work / shipped).symlink_to(ROOT / shipped, target_is_directory=True)
    (work / "答案.json").write_text(json.dumps(_answers(), ensure_ascii=False), encoding="utf-8")
    (work / "网络拓扑图.png").write_bytes(PNG)
    (work / "诊断方案.yaml").write_text(json.dumps(_diagnosis(), ensure_ascii=False), encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)  # where `diagnosis` is installed with this Python
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIAGNOSIS_")} | {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "DIAGNOSIS_HOME": str(tmp_path / "home"),
        "DIAGNOSIS_DB": str(tmp_path / "home" / "diagnosis.db"),
        "DIAGNOSIS_KEY_PASSWORD": PASSWORD,
        "DIAGNOSIS_NO_OPEN": "1",
        "LANG": "C.UTF-8",
    }
    return work, env


@pytest.mark.skipif(shutil.which("bash") is None, reason="the tour is written for a POSIX shell")
def test_the_readme_tour_runs_in_order(scratch: tuple[Path, dict[str, str]]) -> None:
    work, env = scratch
    commands = tour()
    assert len(commands) > 40 and any(c.startswith("diagnosis intake add") for c in commands)
    for command in commands:
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        assert "Traceback" not in done.stderr, f"{command}\n{done.stderr}"
