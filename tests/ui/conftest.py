from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DIAGNOSIS_NO_OPEN"] = "1"

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def gui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user folder holding the mini questionnaire, so the wizard offers it."""
    home = tmp_path / "home"
    (home / "questionnaires").mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "mini.yaml", home / "questionnaires" / "mini.yaml")
    monkeypatch.setenv("DIAGNOSIS_HOME", str(home))
    yield home
