"""不适用 in the wizard (format 3): the reason is asked before the answer is accepted, kept as the
criterion's note; cancelled, nothing is saved and the page says why. The rest of a level marked
不适用 asks once. The standard's numbers show in the page title and the side panel."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.ui.helpers import activate, begin, key, notes, on_dialog, press, shortcut, start, stored

VALID = Path(__file__).parent.parent / "fixtures" / "valid"


def test_not_applicable_asks_for_its_reason_first(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    shutil.copy(VALID / "scoped-3.0.0.yaml", gui_home / "questionnaires" / "scoped-3.0.0.yaml")
    window = start(qtbot, tmp_path / "na.db")
    begin(qtbot, window, "scoped@3.0.0")
    page = window.questions
    key(qtbot, window, Qt.Key.Key_Return, Qt.Key.Key_Return)  # past the scope questions
    assert page.page == "pa1" and page.current == "pa1_1"
    assert page.position.text().startswith("PA01 过程域一")

    def give(dialog: QDialog) -> None:
        dialog.findChild(type(dialog.reason)).insert("本单位没有这项业务")  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    asked = on_dialog(give)
    key(qtbot, window, "3")  # 不适用
    assert asked == ["说明不适用的理由"]
    assert stored(window) == {"pa1_1": "na"} and notes(window) == {"pa1_1": "本单位没有这项业务"}
    activate(qtbot, window)
    assert page.current == "pa1_2"

    refused = on_dialog(press(qtbot, Qt.Key.Key_Escape))
    key(qtbot, window, "3")  # 不适用 again, and the reason refused
    assert refused == ["说明不适用的理由"]
    activate(qtbot, window)
    assert "pa1_2" not in stored(window) and page.current == "pa1_2"
    assert page.saved.text() == "未保存：选择“不适用”须写明理由"

    once = on_dialog(give)
    shortcut(qtbot, window, "Ctrl+Shift+A")  # the rest of level 2 不适用, one reason for both
    assert once == ["说明不适用的理由"]
    activate(qtbot, window)
    assert stored(window)["pa1_2"] == stored(window)["pa1_policy"] == "na"
    assert notes(window)["pa1_policy"] == "本单位没有这项业务"
