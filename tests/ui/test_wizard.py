"""The wizard driven by keyboard, offscreen; after each step the database is checked, not widgets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from diagnosis.report.verify import verify_pdf
from diagnosis.storage.assessments import answers_of
from diagnosis.ui.app import _report_crash, build_window, log_path
from diagnosis.ui.window import MainWindow


def start(qtbot: QtBot, db: Path) -> MainWindow:
    window = build_window(db)
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()  # offscreen has no window manager to do it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def stored(window: MainWindow) -> dict[str, object]:
    assert window.ctx.session is not None
    return answers_of(window.ctx.store, window.ctx.session.assessment_id)[0]


def key(
    qtbot: QtBot,
    window: MainWindow,
    *keys: str | Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    for k in keys:
        target = window.focusWidget() or window
        if isinstance(k, str) and not k.isascii():
            target.insert(k)  # type: ignore[attr-defined]  # QTest types ASCII only; an IME commits like this
        elif isinstance(k, str):
            qtbot.keyClicks(target, k)
        else:
            qtbot.keyClick(target, k, modifier)


def begin_mini(qtbot: QtBot, window: MainWindow) -> None:
    """Start page → Ctrl+N → enterprise typed in → Enter → the mini questionnaire → Enter."""
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.enterprise
    key(qtbot, window, "键盘测试企业")
    page = window.enterprise
    qtbot.keyClicks(page.edits["ent.uscc"], "91110000600037341X")
    assert "check character" in page.errors["ent.uscc"].text() and not page.next.isEnabled()
    page.edits["ent.uscc"].clear()
    qtbot.keyClicks(page.edits["ent.uscc"], "91110000600037341L")
    assert page.next.isEnabled()
    qtbot.keyClick(page.edits["ent.uscc"], Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.questionnaires
    items = window.questionnaires.list
    row = next(
        i for i in range(items.count()) if items.item(i).data(Qt.ItemDataRole.UserRole).startswith("mini@")
    )
    items.setCurrentRow(row)
    qtbot.keyClick(items, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.questions


def test_keyboard_flow_from_launch_to_verified_pdf(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "w.db")
    begin_mini(qtbot, window)
    page = window.questions
    assert page.current == "sector"
    key(qtbot, window, "2")  # food
    assert stored(window) == {"sector": "food"} and page.saved.text() == "✓ 已保存"
    key(qtbot, window, Qt.Key.Key_Return)
    assert page.current == "network"
    key(qtbot, window, "1", "3")  # wired + 5G
    assert stored(window)["network"] == ["wired", "g5"]
    key(qtbot, window, "4")  # "none" clears the others
    assert stored(window)["network"] == ["none"]
    key(qtbot, window, "1", Qt.Key.Key_Return)
    assert stored(window)["network"] == ["wired"]
    assert page.current == "has_erp"
    key(qtbot, window, "2", Qt.Key.Key_Return)  # no ERP: the module count is hidden, live
    assert page.current == "devices_total"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.current == "has_erp"
    key(qtbot, window, "1", Qt.Key.Key_Return)  # yes: it shows again
    assert page.current == "erp_modules"
    key(qtbot, window, "7", Qt.Key.Key_Return)
    assert stored(window)["erp_modules"] == 7
    key(qtbot, window, "10", Qt.Key.Key_Return, "6", Qt.Key.Key_Return)
    assert stored(window)["devices_total"] == 10 and stored(window)["devices_digital"] == 6
    assert page.current == "digital_rate"  # computed, shown, not typed
    assert "60" in page.editor.label.text()  # type: ignore[union-attr]
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    page.note.insert("设备台账 <2026> & 盘点")
    key(qtbot, window, Qt.Key.Key_Return)
    assert answers_of(window.ctx.store, window.ctx.session.assessment_id)[1] == {
        "digital_rate": "设备台账 <2026> & 盘点"
    }  # type: ignore[union-attr]
    for answer in ("1", "1", "1", "1"):  # the ladder criteria
        key(qtbot, window, answer, Qt.Key.Key_Return)
    key(qtbot, window, "3", Qt.Key.Key_Return, "2", Qt.Key.Key_Return)  # scenes
    assert stored(window)["scene_a"] == "L2" and stored(window)["scene_b"] == "L1"
    key(qtbot, window, Qt.Key.Key_Return)  # the optional remark, then the review
    assert window.stack.currentWidget() is window.review
    assert "良好级" in window.review.level.text() or "基础级" in window.review.level.text()
    window.review.next.click()
    assert window.stack.currentWidget() is window.finish
    target = tmp_path / "报告.pdf"
    window.finish.export_pdf(target)
    qtbot.waitUntil(lambda: target.exists() and "已保存" in window.finish.status.text(), timeout=20000)
    verdict = verify_pdf(target.read_bytes())
    assert verdict.ok and "mini@1.0.0" in verdict.summary


def test_restart_resumes_at_the_same_question(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    db = tmp_path / "resume.db"
    window = start(qtbot, db)
    begin_mini(qtbot, window)
    key(qtbot, window, "1", Qt.Key.Key_Return, "2", Qt.Key.Key_Return)
    assert window.questions.current == "has_erp"
    window.ctx.store.close()  # as if the process died here
    window.hide()
    again = start(qtbot, db)
    assert again.stack.currentWidget() is again.start and again.start.table.rowCount() == 1
    qtbot.keyClick(again.start.table, Qt.Key.Key_Return)
    assert again.stack.currentWidget() is again.questions and again.questions.current == "has_erp"
    assert stored(again) == {"sector": "machinery", "network": ["wifi"]}


def test_language_switch_changes_visible_texts(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "l.db")
    assert window.start.buttons["btn.new"].text() == "新建评估"
    window.set_language("en")
    assert window.start.buttons["btn.new"].text() == "New assessment"
    assert window.file_menu.title() == "&File" and window.windowTitle().startswith("Digital maturity")
    begin_mini(qtbot, window)
    assert window.questions.next_button.text() == "Next"
    assert window.questions.text.text() == "Sector"  # questionnaire text in English too
    window.set_language("zh")
    assert window.questions.text.text() == "所属行业"


def test_a_failed_save_is_shown_and_the_answer_kept_for_retry(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "ro.db")
    begin_mini(qtbot, window)
    window.ctx.store.db.execute("PRAGMA query_only = ON")
    key(qtbot, window, "2")
    assert (
        window.questions.saved.text().startswith("未保存：") and "read-only" in window.questions.saved.text()
    )
    window.ctx.store.db.execute("PRAGMA query_only = OFF")
    assert stored(window) == {}
    key(qtbot, window, "2")
    assert stored(window) == {"sector": "food"}


def test_unexpected_errors_are_logged_and_reported_with_the_path(
    gui_home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        _report_crash(RuntimeError, error, error.__traceback__)
    assert "RuntimeError: boom" in log_path().read_text(encoding="utf-8")
    assert str(log_path()) in shown[0] and "Traceback" not in shown[0]


def test_delete_asks_first(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "d.db")
    begin_mini(qtbot, window)
    window.show_start()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    window.start.buttons["btn.delete"].click()
    assert window.start.table.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.start.buttons["btn.delete"].click()
    assert window.start.table.rowCount() == 0


def test_no_screen_is_a_sentence_not_a_crash(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "diagnosis"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 1 and done.stderr.startswith("no screen to show the app on")


def test_smoke_start_quits_after_the_first_paint(gui_home: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "diagnosis", "gui", "--smoke", "--db", str(tmp_path / "s.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_backup_restore_and_dropped_evidence(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "b.db")
    begin_mini(qtbot, window)
    key(qtbot, window, "2")
    dropped = tmp_path / "拓扑图.png"
    dropped.write_bytes(b"png")
    window.questions.attach_files([dropped])  # what a drop onto the page does
    assert window.ctx.session is not None and window.ctx.session.evidence("sector")[0]["name"] == "拓扑图.png"
    backup = tmp_path / "backup.db"
    monkeypatch.setattr("diagnosis.ui.window.choose_file", lambda *a: backup)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    window.backup()
    key(qtbot, window, "1")  # changed after the backup
    assert stored(window) == {"sector": "machinery"}
    monkeypatch.setattr("diagnosis.ui.window.QFileDialog.getOpenFileName", lambda *a: (str(backup), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.restore()
    assert stored(window) == {"sector": "food"}  # the backed-up answer is back
    assert (tmp_path / "b.before-restore").exists()


def test_opening_a_package_imports_it_off_the_ui_thread(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    from diagnosis.loading.load import load_file
    from diagnosis.storage.answers import set_answer
    from diagnosis.storage.assessments import new_assessment
    from diagnosis.storage.db import open_store
    from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
    from diagnosis.storage.package import export_package

    other = open_store(tmp_path / "other.db")
    a = new_assessment(
        other,
        load_file(gui_home / "questionnaires" / "mini.yaml"),
        add_enterprise(other, EnterpriseInput("别处的企业")),
    )
    set_answer(other, a, "sector", "food")
    package = tmp_path / "别处的企业.diagpkg"
    export_package(other, a, package)
    window = start(qtbot, tmp_path / "o.db")
    window.import_package(package)  # what `diagnosis-gui --open FILE` does
    qtbot.waitUntil(lambda: window.ctx.session is not None, timeout=10000)
    assert stored(window) == {"sector": "food"} and window.stack.currentWidget() is window.questions
