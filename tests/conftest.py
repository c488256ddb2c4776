from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent

# One user folder for the whole run, away from the developer's real one: the questionnaire
# cache lands there, and nothing a test does can touch real assessments.
os.environ["DIAGNOSIS_HOME"] = tempfile.mkdtemp(prefix="diagnosis-test-home-")
os.environ.pop("DIAGNOSIS_DB", None)
# No keyring unless a test brings its own: the developer's real one is never read or written.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty user data folder for tests that add questionnaires to it."""
    monkeypatch.setenv("DIAGNOSIS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict, as the OS's would."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The OS keyring stood in for by a MemoryKeyring during the test."""
    before = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(before)
