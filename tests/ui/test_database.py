"""The database in the wizard: back up and restore by keyboard (a bad file refused, the database
as it was kept), a damaged database at start-up told in one sentence with a restore offered, a
newer app's database read-only, broken questionnaire files named once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diagnosis.storage.db import open_store
from diagnosis.ui.app import build_window
from diagnosis.ui.window import MainWindow
from tests.ui.helpers import (
    CTRL,
    SHIFT,
    activate,
    begin,
    dialogs,
    key,
    on_dialog,
    press,
    shortcut,
    start,
    stored,
    yes,
)


def _choose(monkeypatch: pytest.MonkeyPatch, file: Path) -> None:
    monkeypatch.setattr("diagnosis.ui.menus.database.choose_backup", lambda window: file)


def _opened_on(qtbot: QtBot, db: Path, said: list[str], count: int) -> MainWindow:
    """The window on `db`, once the `count` dialogs it opens at start have been answered."""
    window = build_window(db)
    qtbot.addWidget(window)
    window.show_fitted()
    qtbot.waitUntil(lambda: len(said) == count, timeout=10000)
    activate(qtbot, window)
    return window


def _dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def test_backup_then_restore_from_the_help_menu(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "b.db")
    begin(qtbot, window)
    key(qtbot, window, "2")
    backup = tmp_path / "备份.db"
    monkeypatch.setattr("diagnosis.ui.exports.choose_file", lambda *a: backup)
    said = on_dialog(press(qtbot, Qt.Key.Key_Return))  # "backup saved"
    key(qtbot, window, Qt.Key.Key_B, modifier=CTRL)
    assert str(backup) in said[0] and backup.exists()
    key(qtbot, window, "1")  # changed after the backup
    assert stored(window) == {"sector": "machinery"}
    assert window.actions_["menu.restore"] in window.menus["menu.help"].actions()  # File's, shared
    _choose(monkeypatch, backup)
    said = dialogs(yes(qtbot), press(qtbot, Qt.Key.Key_Return))
    shortcut(qtbot, window, "Ctrl+Shift+B")
    qtbot.waitUntil(lambda: len(said) == 2)
    assert "1 份评估" in said[0] and str(backup) in said[0]
    kept = next(tmp_path.glob("b.before-restore-*.db"))
    assert str(kept) in said[1]
    assert window.stack.currentWidget() is window.start
    qtbot.keyClick(window.start.table, Qt.Key.Key_Return)
    assert stored(window) == {"sector": "food"}  # the backed-up answer is back
    before = open_store(kept)
    assert before.db.execute("SELECT value FROM answers").fetchall() == [('"machinery"',)]
    before.close()


def test_a_file_that_is_no_backup_is_refused_and_nothing_changes(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "r.db"
    window = start(qtbot, db)
    begin(qtbot, window)
    key(qtbot, window, "2")
    window.ctx.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _dump(db)
    notes = tmp_path / "notes.db"
    notes.write_text("不是数据库", encoding="utf-8")
    _choose(monkeypatch, notes)
    said = on_dialog(press(qtbot, Qt.Key.Key_Return))
    shortcut(qtbot, window, "Ctrl+Shift+B")
    assert said == [f"{notes}：不是数据库备份（不是 SQLite 文件）；未做任何更改"]  # the UI's language
    assert _dump(db) == before and stored(window) == {"sector": "food"}
    assert not list(tmp_path.glob("*before-restore*"))


def test_a_damaged_database_at_start_offers_a_restore(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.db"
    store = open_store(good)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    db = tmp_path / "damaged.db"
    db.write_bytes(b"\x00garbage" * 512)
    _choose(monkeypatch, good)
    # Restore now? Yes. Replace with this backup? Yes. Restored: Enter.
    said = dialogs(yes(qtbot), yes(qtbot), press(qtbot, Qt.Key.Key_Return))
    window = _opened_on(qtbot, db, said, 3)
    assert "已损坏，或不是诊断数据库" in said[0] and "Traceback" not in said[0]
    assert said[0].endswith("现在从备份恢复吗？") and str(good) in said[1]
    assert window.stack.currentWidget() is window.start and window.usable
    assert next(tmp_path.glob("damaged.before-restore-*.db")).read_bytes() == b"\x00garbage" * 512


def test_a_damaged_database_left_alone_keeps_the_sentence_and_no_actions(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    db = tmp_path / "damaged.db"
    db.write_bytes(b"\x00garbage" * 512)
    offered = on_dialog(press(qtbot, Qt.Key.Key_Escape))  # not now
    window = _opened_on(qtbot, db, offered, 1)
    assert window.stack.currentWidget() is window.shell
    assert window.shell.text().startswith("无法读取数据库：") and "Ctrl+Shift+B" in window.shell.text()
    assert not window.actions_["menu.new"].isEnabled() and window.actions_["menu.restore"].isEnabled()
    assert db.read_bytes() == b"\x00garbage" * 512


def test_a_newer_apps_database_is_read_only_under_a_banner(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    db = tmp_path / "newer.db"
    window = start(qtbot, db)
    begin(qtbot, window)
    key(qtbot, window, "2")
    window.ctx.store.db.execute("PRAGMA user_version = 99")
    window.ctx.store.close()
    window.hide()
    again = start(qtbot, db)
    assert again.read_only_banner.isVisible() and "更新版本" in again.read_only_banner.text.text()
    assert not again.actions_["menu.new"].isEnabled() and not again.start.buttons["btn.delete"].isEnabled()
    qtbot.keyClick(again.start.table, Qt.Key.Key_Return)  # looking is fine
    assert again.stack.currentWidget() is again.questions
    assert not again.questions.editor.isEnabled()  # type: ignore[union-attr]
    key(qtbot, again, "1")
    assert stored(again) == {"sector": "food"}
    assert "只读" in again.questions.saved.text()


def test_skipped_questionnaire_files_are_named_once(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    (gui_home / "questionnaires" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    window = start(qtbot, tmp_path / "q.db")
    qtbot.waitUntil(window.problems_banner.isVisible)
    text = window.problems_banner.text.text()
    assert text.startswith("以下问卷文件有错误") and "broken.yaml" in text
    assert window.problems_banner.close_button is not None
    window.problems_banner.close_button.setFocus()
    qtbot.keyClick(window.problems_banner.close_button, Qt.Key.Key_Space)  # dismissed by keyboard
    assert not window.problems_banner.isVisible()
    key(qtbot, window, Qt.Key.Key_E, modifier=CTRL | SHIFT)  # a language switch does not bring it back
    assert not window.problems_banner.isVisible()


def test_about_says_where_everything_is(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    db = tmp_path / "where.db"
    window = start(qtbot, db)
    said = on_dialog(press(qtbot, Qt.Key.Key_Return))
    shortcut(qtbot, window, "F1")
    assert (
        "文件位置：" in said[0] and f"database: {db}" in said[0] and f"trust: {gui_home / 'trust'}" in said[0]
    )
