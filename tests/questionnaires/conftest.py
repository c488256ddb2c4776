from __future__ import annotations

from collections.abc import Callable

import pytest

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.model import Questionnaire


@pytest.fixture(scope="session")
def bundled() -> Callable[[str], Questionnaire]:
    catalogue = default_catalogue()
    return lambda ref: catalogue.get(ref).questionnaire
