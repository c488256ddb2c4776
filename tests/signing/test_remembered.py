"""Key passwords in the OS keyring: kept, recalled and forgotten per key file; no keyring, or one
that refuses, means the password is simply asked again — never an error."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from diagnosis.signing import remembered
from tests.conftest import MemoryKeyring


def test_a_password_is_kept_per_key_file_until_forgotten(
    memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    key, other = tmp_path / "a.p12", tmp_path / "b.p12"
    assert remembered.available() and remembered.recall(key) is None
    assert remembered.remember(key, "geheim-123")
    assert remembered.recall(key) == "geheim-123" and remembered.recall(other) is None
    assert memory_keyring.kept == {(remembered.SERVICE, str(key.resolve())): "geheim-123"}
    remembered.forget(key)
    remembered.forget(key)  # forgetting twice is fine
    assert remembered.recall(key) is None and memory_keyring.kept == {}


def test_without_a_keyring_nothing_is_kept(tmp_path: Path) -> None:
    assert isinstance(keyring.get_keyring(), fail.Keyring)  # the suite's default: no keyring
    assert not remembered.available()
    assert not remembered.remember(tmp_path / "a.p12", "geheim-123")
    assert remembered.recall(tmp_path / "a.p12") is None
    remembered.forget(tmp_path / "a.p12")


def test_a_keyring_that_refuses_is_no_keyring(
    memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: object) -> None:
        raise keyring.errors.KeyringLocked("the keyring is locked")

    for method in ("get_password", "set_password", "delete_password"):
        monkeypatch.setattr(memory_keyring, method, locked)
    assert remembered.recall(tmp_path / "a.p12") is None
    assert not remembered.remember(tmp_path / "a.p12", "geheim-123")
    remembered.forget(tmp_path / "a.p12")
