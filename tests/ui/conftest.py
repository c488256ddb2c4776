from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DIAGNOSIS_NO_OPEN"] = "1"

FIXTURES = Path(__file__).parent.parent / "fixtures"
UI_FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def gui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user folder holding the small test questionnaires, so the wizard offers them."""
    home = tmp_path / "home"
    (home / "questionnaires").mkdir(parents=True)
    for source in (
        FIXTURES / "valid" / "mini.yaml",
        FIXTURES / "valid" / "scoped-2.0.0.yaml",
        UI_FIXTURES / "keys.yaml",
    ):
        shutil.copy(source, home / "questionnaires" / source.name)
    monkeypatch.setenv("DIAGNOSIS_HOME", str(home))
    yield home
