"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 dropped a
reference to None on every call returning nothing, and the app aborted after minutes of work
("deallocating None"). pyproject excludes it; this catches the next version that does the same."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calls_returning_nothing_keep_the_count_of_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
        label.clear()
    assert sys.getrefcount(None) - before > -100
