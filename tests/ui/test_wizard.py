"""The wizard driven by keyboard, offscreen; after each step the database is checked, not widgets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from diagnosis.paths import log_file as log_path
from diagnosis.report.verify import verify_pdf
from diagnosis.ui.app import _report_crash
from tests.ui.helpers import ALT, CTRL, begin, focused, key, notes, shortcut, start, stored


def test_keyboard_flow_from_launch_to_verified_pdf(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "w.db")
    begin(qtbot, window)
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
    key(qtbot, window, Qt.Key.Key_Left, modifier=ALT)
    assert page.current == "has_erp"
    key(qtbot, window, "1", Qt.Key.Key_Return)  # yes: it shows again
    assert page.current == "erp_modules"
    key(qtbot, window, "7", Qt.Key.Key_Return)
    assert stored(window)["erp_modules"] == 7
    key(qtbot, window, "10", Qt.Key.Key_Return, "6", Qt.Key.Key_Return)
    assert stored(window)["devices_total"] == 10 and stored(window)["devices_digital"] == 6
    assert page.current == "digital_rate"  # computed, shown, not typed
    qtbot.keyClick(focused(window), Qt.Key.Key_M, CTRL)
    key(qtbot, window, "设备台账 <2026> & 盘点", Qt.Key.Key_Return)
    assert notes(window) == {"digital_rate": "设备台账 <2026> & 盘点"}
    assert page.current == "m1a" and page.page == "mgmt"  # the ladder criteria: one rating page
    key(qtbot, window, "1", "1", "1", "1", Qt.Key.Key_Return)  # each number answers a row and moves on
    assert [stored(window)[q] for q in ("m1a", "m1b", "m2a", "m2b")] == ["full"] * 4
    key(qtbot, window, "2", Qt.Key.Key_Return, "1", Qt.Key.Key_Return)  # scene keys are the levels
    assert stored(window)["scene_a"] == "L2" and stored(window)["scene_b"] == "L1"
    key(qtbot, window, Qt.Key.Key_Return)  # the optional remark, then the review
    assert window.stack.currentWidget() is window.review
    assert "良好级" in window.review.level.text() or "基础级" in window.review.level.text()
    key(qtbot, window, Qt.Key.Key_Return)  # Enter goes on from the review too
    assert window.stack.currentWidget() is window.finish
    target = tmp_path / "报告.pdf"
    window.finish.export_pdf(target)
    qtbot.waitUntil(lambda: target.exists() and "已保存" in window.finish.status.text(), timeout=20000)
    verdict = verify_pdf(target.read_bytes(), require_signature=False)
    assert verdict.ok and "mini@1.0.0" in verdict.summary


def test_restart_resumes_at_the_same_question(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    db = tmp_path / "resume.db"
    window = start(qtbot, db)
    begin(qtbot, window)
    key(qtbot, window, "1", Qt.Key.Key_Return, "2", Qt.Key.Key_Return)
    assert window.questions.current == "has_erp"
    window.ctx.store.close()  # as if the process died here
    window.hide()
    again = start(qtbot, db)  # it opens the assessment it was on, at the same question
    assert again.stack.currentWidget() is again.questions and again.questions.current == "has_erp"
    assert stored(again) == {"sector": "machinery", "network": ["wifi"]}
    shortcut(qtbot, again, "Alt+Home")  # the list has it too
    assert again.stack.currentWidget() is again.start and again.start.table.rowCount() == 1


def test_language_switch_changes_visible_texts(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "l.db")
    assert window.start.buttons["btn.new"].text() == "新建评估"
    key(qtbot, window, Qt.Key.Key_E, modifier=CTRL | Qt.KeyboardModifier.ShiftModifier)  # Language → English
    assert window.start.buttons["btn.new"].text() == "New"
    assert window.menus["menu.file"].title() == "&File" and window.windowTitle().startswith(
        "Digital maturity"
    )
    assert window.ctx.settings.value("language") == "en"
    begin(qtbot, window)
    assert window.questions.buttons["btn.next_q"].text() == "Next"
    assert window.questions.text.text() == "Sector"  # questionnaire text in English too
    window.set_language("zh")
    assert window.questions.text.text() == "所属行业"


def test_a_failed_save_is_shown_and_the_answer_kept_for_retry(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "ro.db")
    begin(qtbot, window)
    window.ctx.store.db.execute("PRAGMA query_only = ON")
    key(qtbot, window, "2")
    saved = window.questions.saved
    assert saved.text().startswith("未保存：") and "只读" in saved.text() and saved.property("error")
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


def test_no_screen_is_a_sentence_not_a_crash(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "diagnosis"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 1 and done.stderr.startswith("no screen to show the app on")


def test_smoke_start_loads_everything_then_quits(gui_home: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "diagnosis", "gui", "--smoke", "--db", str(tmp_path / "s.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s.db").exists()  # the database was opened behind the first paint


def test_the_first_paint_needs_neither_sqlite_utils_nor_pydantic() -> None:
    # What the window shell imports decides how soon it paints; the rest loads after.
    probe = (
        "import sys, diagnosis.ui.app, diagnosis.cli.main\n"
        "print(sorted(m for m in ('pydantic', 'sqlite_utils', 'yaml', 'diagnosis.ui.pages.start')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_dropped_evidence_is_attached(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "b.db")
    begin(qtbot, window)
    key(qtbot, window, "2")
    dropped = tmp_path / "拓扑图.png"
    dropped.write_bytes(b"png")
    window.questions.attach_files([dropped])  # what a drop onto the page does
    assert window.ctx.session is not None and window.ctx.session.evidence("sector")[0]["name"] == "拓扑图.png"


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


def test_the_review_shows_what_decided_the_level(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    from diagnosis.sample_store import fill

    window = start(qtbot, tmp_path / "rev.db")
    sample = fill(window.ctx.store, window.ctx.catalogue)
    window.open_assessment(sample.sme)
    shortcut(qtbot, window, "F5")
    review = window.review
    scenes = [review.scenes.topLevelItem(i) for i in range(review.scenes.topLevelItemCount())]
    assert len(scenes) == 16 and sum(item.text(2) == "★" for item in scenes) == 10  # mandatory scenes
    assert all(item.text(1) for item in scenes) and "约束性场景" in review.scenes_note.text()
    decided = [review.decided.item(i).text() for i in range(review.decided.count())]
    assert decided and all(line.startswith("✓") for line in decided)
    assert review.scores.isColumnHidden(2)  # SME dimensions have no levels: no empty column
    assert "65.55 / 100" in review.score.text()  # rounded for people
    window.open_assessment(sample.dcmm)
    shortcut(qtbot, window, "F5")
    assert not review.scores.isColumnHidden(2)  # DCMM items reach ladder levels: the column is filled
    assert not review.scenes.isVisibleTo(review)
