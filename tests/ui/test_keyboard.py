"""The keyboard everywhere: ladder keys are the levels, options past nine are reachable, the
review page takes Enter and Alt+→, every menu action has its own shortcut, focus is visible."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from diagnosis.ui.app import STYLE
from diagnosis.ui.menus.actions import MENUS
from tests.ui.helpers import ALT, begin, focused, key, on_dialog, press, shortcut, start, stored, yes


def test_ladder_keys_are_the_levels_and_the_hint_says_so(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "l.db")
    begin(qtbot, window, "keys@")
    page = window.questions
    page.jump("scene")
    assert "0–4" in page.keys.text() and "等级" in page.keys.text()
    key(qtbot, window, "2")
    assert stored(window) == {"scene": "L2"}  # 2 is 二级, not the second option
    key(qtbot, window, "0")
    assert stored(window) == {"scene": "L0"}
    key(qtbot, window, "4")
    assert stored(window) == {"scene": "L4"}
    key(qtbot, window, "5")  # no level 5: nothing happens
    assert stored(window) == {"scene": "L4"}


def test_options_past_nine_are_reached_with_arrows(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "m.db")
    begin(qtbot, window, "keys@")
    page = window.questions
    assert page.current == "many" and "↑/↓" in page.keys.text()
    key(qtbot, window, "9")
    assert stored(window) == {"many": ["o9"]}
    key(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Space)  # 9 → 10 → 11
    assert stored(window) == {"many": ["o9", "o11"]}
    key(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Space)
    assert stored(window) == {"many": ["o9", "o11", "o12"]}
    key(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Space)  # the last stays the last
    assert stored(window) == {"many": ["o9", "o11"]}
    key(qtbot, window, Qt.Key.Key_Up, Qt.Key.Key_Space)  # 11 again: off
    assert stored(window) == {"many": ["o9"]}
    key(qtbot, window, Qt.Key.Key_Return)
    assert page.current == "base_year"


def test_review_page_takes_enter_and_alt_arrows_and_finalize_keeps_focus_sensible(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "r.db")
    begin(qtbot, window)
    shortcut(qtbot, window, "F5")  # to the result
    assert window.stack.currentWidget() is window.review
    key(qtbot, window, Qt.Key.Key_Left, modifier=ALT)
    assert window.stack.currentWidget() is window.questions
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Right, modifier=ALT)
    assert window.stack.currentWidget() is window.finish
    key(qtbot, window, Qt.Key.Key_Left, modifier=ALT)  # back is a button here: Alt+← is not bound
    asked = on_dialog(press(qtbot, Qt.Key.Key_Return))  # Enter takes the default: No
    shortcut(qtbot, window, "Ctrl+Shift+F")
    assert "锁定" in asked[0] and "必答题未回答" in asked[0]
    assert window.ctx.session is not None and not window.ctx.session.finalized
    asked = on_dialog(yes(qtbot))
    shortcut(qtbot, window, "Ctrl+Shift+F")
    assert window.ctx.session.finalized
    assert focused(window) is window.finish.buttons["btn.pdf"]  # not whatever followed the button
    assert window.finish.buttons["btn.reopen"].isEnabled()


def test_every_menu_action_has_its_own_shortcut_shown(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "s.db")
    keys = {name: shortcut for entries in MENUS.values() for name, shortcut in entries if name != "-"}
    assert all(keys.values()) and len(set(keys.values())) == len(keys)
    listed = [(name, shortcut) for entries in MENUS.values() for name, shortcut in entries if name != "-"]
    assert all(keys[name] == shortcut for name, shortcut in listed)  # one action, one shortcut
    for menu in window.menus.values():
        for action in menu.actions():
            if not action.isSeparator():
                assert not action.shortcut().isEmpty(), action.text()
                assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def test_focus_is_always_drawn() -> None:
    for widget in ("QPushButton:focus", "QLineEdit:focus", "QTableView:focus", "QCheckBox:focus"):
        assert widget in STYLE


def test_delete_in_the_list_asks_and_no_is_the_default(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "d.db")
    begin(qtbot, window, name="删除测试企业")
    shortcut(qtbot, window, "Alt+Home")
    assert window.stack.currentWidget() is window.start
    asked = on_dialog(press(qtbot, Qt.Key.Key_Return))
    key(qtbot, window, Qt.Key.Key_Delete)
    assert "删除测试企业" in asked[0] and "mini 1.0.0" in asked[0] and "#1" in asked[0] and "草稿" in asked[0]
    assert len(window.start.rows) == 1
    on_dialog(yes(qtbot))
    key(qtbot, window, Qt.Key.Key_Delete)
    assert window.ctx.store.db.execute("SELECT COUNT(*) FROM assessments").fetchone()[0] == 0
