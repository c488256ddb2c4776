"""The wizard's save dialogs follow the rule of every command's -o: a file chosen over the
database in use (or its -wal/-shm) or a folder is refused with the sentence, and nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from diagnosis.ui import exports


class _Settings:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def setValue(self, key: str, value: Any) -> None:
        self.values[key] = value


class _Context:
    def __init__(self, db_path: Path) -> None:
        self.db_path, self.settings = db_path, _Settings()

    def t(self, key: str) -> str:
        return key

    def say(self, line: str) -> str:
        return line


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "folder"])
def test_a_save_over_the_database_or_a_folder_is_refused(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    database = tmp_path / "diagnosis.db"
    chosen = str(tmp_path) if suffix == "folder" else f"{database}{suffix}"
    said: list[str] = []
    monkeypatch.setattr(exports.QFileDialog, "getSaveFileName", lambda *a: (chosen, "*.pdf"))
    monkeypatch.setattr(exports, "inform", lambda parent, title, text, error=False: said.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)
    ctx = _Context(database)
    assert exports.choose_file(parent, ctx, ".pdf", "report.pdf") is None  # type: ignore[arg-type]
    expected = "that is a folder" if suffix == "folder" else "that is the database in use"
    assert len(said) == 1 and expected in said[0]
    assert "export_folder" not in ctx.settings.values


def test_an_ordinary_file_is_taken(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "报告.pdf"
    monkeypatch.setattr(exports.QFileDialog, "getSaveFileName", lambda *a: (str(chosen), "*.pdf"))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert exports.choose_file(parent, _Context(tmp_path / "diagnosis.db"), ".pdf", "x") == chosen  # type: ignore[arg-type]
