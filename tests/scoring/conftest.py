from __future__ import annotations

from pathlib import Path

import pytest

from diagnosis.loading.load import load_file
from diagnosis.model import Questionnaire


@pytest.fixture(scope="session")
def mini() -> Questionnaire:
    return load_file(Path(__file__).parent.parent / "fixtures" / "valid" / "mini.yaml").questionnaire
