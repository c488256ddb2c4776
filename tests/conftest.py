from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent

# One user folder for the whole run, away from the developer's real one: the questionnaire
# cache lands there, and nothing a test does can touch real assessments.
os.environ["DIAGNOSIS_HOME"] = tempfile.mkdtemp(prefix="diagnosis-test-home-")
os.environ.pop("DIAGNOSIS_DB", None)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty user data folder for tests that add questionnaires to it."""
    monkeypatch.setenv("DIAGNOSIS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
