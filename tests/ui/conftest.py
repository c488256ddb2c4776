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


@pytest.fixture(autouse=True)
def no_dialog_left_open() -> Iterator[None]:
    """A modal dialog nobody answers fails the test instead of hanging the run."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    stuck: list[str] = []
    ages: dict[int, int] = {}

    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget.isModal():
                ages[id(widget)] = ages.get(id(widget), 0) + 1
                if ages[id(widget)] > 20:  # ten seconds
                    stuck.append(widget.windowTitle())
                    widget.reject()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(500)
    yield
    timer.stop()
    assert not stuck, f"dialogs left open: {stuck}"
