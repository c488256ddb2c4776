"""The plan step (诊断结论与改造方案) driven by keyboard: draft from the gaps, edit projects and
their changes in tables, the process and the confirmation; every edit is in the database at once,
a field that cannot be read is refused with the reason, a finalized plan cannot change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from diagnosis.loading.load import load_file
from diagnosis.plan.model import Plan
from diagnosis.storage.answers import set_answers
from diagnosis.storage.assessments import finalize, new_assessment
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.storage.plans import get_plan, plan_history, set_plan
from diagnosis.ui.window import MainWindow
from tests.ui.helpers import focused, key, on_dialog, press, shortcut, start, yes

ANSWERS = {"sector": "food", "network": ["wired"], "has_erp": "no", "scene_a": "L1", "scene_b": "L1"}
ANSWERS |= {"m1a": "full", "m1b": "partly", "m2a": "not", "m2b": "not"}


def onsite(qtbot: QtBot, gui_home: Path, db: Path, mode: str = "onsite") -> tuple[MainWindow, int]:
    """The window on an assessment of the mini questionnaire, opened from the start list."""
    window = start(qtbot, db)
    store = window.ctx.store
    firm = add_enterprise(store, EnterpriseInput("方案测试企业"))
    a = new_assessment(store, load_file(gui_home / "questionnaires" / "mini.yaml"), firm, mode=mode)
    set_answers(store, a, ANSWERS)
    window.show_start()
    qtbot.keyClick(window.start.table, Qt.Key.Key_Return)
    return window, a


def cell(qtbot: QtBot, window: MainWindow, *keys: str | Qt.Key) -> None:
    """Keys into a table; a cell's editor commits on the next turn of the event loop."""
    key(qtbot, window, *keys)
    QApplication.processEvents()


def plan(window: MainWindow, a: int) -> Plan:
    return get_plan(window.ctx.store, a)


def to_plan(qtbot: QtBot, window: MainWindow) -> None:
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Return)  # review → the plan (on-site work)
    assert window.stack.currentWidget() is window.plan


def test_draft_then_edit_projects_by_keyboard(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window, a = onsite(qtbot, gui_home, tmp_path / "p.db")
    to_plan(qtbot, window)
    shortcut(qtbot, window, "Ctrl+Shift+G")  # draft from the gaps: the plan was empty, no question
    qtbot.waitUntil(lambda: bool(plan(window, a).projects), timeout=10000)
    drafted = plan(window, a)
    assert drafted.findings and "已根据差距生成草案并保存" in window.plan.saved.text()
    assert plan_history(window.ctx.store, a)[-1]["reason"] == "drafted from the gap analysis"
    assert window.plan.outcome.level.text() == "基础级"  # the next level, which the draft reaches
    assert "√ 总分 ≥ 4" in window.plan.outcome.lines.text()
    projects = window.plan.sections[2].tables()[0]
    assert focused(window) is projects and projects.currentRow() == 0
    cell(qtbot, window, *[Qt.Key.Key_Right] * 4, Qt.Key.Key_Return, "abc", Qt.Key.Key_Return)  # budget
    assert window.plan.saved.property("error")
    assert "改造项目第 1 行“预算（万元）”：“abc”不是可识别的数字" in window.plan.saved.text()
    assert plan(window, a) == drafted  # nothing saved
    key(qtbot, window, Qt.Key.Key_Return)  # edit the same cell again
    focused(window).selectAll()  # type: ignore[attr-defined]
    cell(qtbot, window, "12.5", Qt.Key.Key_Return)
    assert plan(window, a).projects[0].budget == 12.5 and window.plan.saved.text() == "✓ 已保存"
    cell(qtbot, window, Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Return, "2030-3", Qt.Key.Key_Return)
    assert plan(window, a).projects[0].start == "2030-03"  # projects follow the diagnosis
    shortcut(qtbot, window, "Alt+Ins")  # a new project; its name is being typed
    cell(qtbot, window, "MES 系统上线", Qt.Key.Key_Return)
    assert plan(window, a).projects[-1].name == "MES 系统上线"
    count = len(plan(window, a).projects)
    on_dialog(yes(qtbot))
    shortcut(qtbot, window, "Alt+Del")
    assert [p.name for p in plan(window, a).projects].count("MES 系统上线") == 0
    assert len(plan(window, a).projects) == count - 1


def test_a_change_moves_the_planned_level(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window, a = onsite(qtbot, gui_home, tmp_path / "c.db")
    set_plan(window.ctx.store, a, Plan.model_validate({"projects": [{"name": "管理提升"}]}))
    to_plan(qtbot, window)
    shortcut(qtbot, window, "Alt+3")  # the projects tab
    assert window.plan.outcome.level.text() == "未达到最低等级"
    assert "× 总分 ≥ 4" in window.plan.outcome.lines.text()
    changes = window.plan.sections[2].tables()[1]
    changes.setFocus()
    shortcut(qtbot, window, "Alt+Ins")  # a change: the list of indicators opens
    while focused(window).currentData() != "mgmt":  # type: ignore[attr-defined]
        key(qtbot, window, Qt.Key.Key_Down)
    cell(qtbot, window, Qt.Key.Key_Return)
    assert changes.item(0, 1).text() == "—"  # the ladder: no level reached yet
    key(qtbot, window, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Return)
    while focused(window).currentText() != "二级":  # type: ignore[attr-defined]
        key(qtbot, window, Qt.Key.Key_Down)
    cell(qtbot, window, Qt.Key.Key_Return)
    stored = plan(window, a).projects[0].changes
    assert [(c.target, c.goal) for c in stored] == [("mgmt", 2)]
    assert window.plan.outcome.level.text() == "基础级"  # live: every level-2 criterion met
    assert "√ 总分 ≥ 4" in window.plan.outcome.lines.text()


def test_process_and_confirmation_by_keyboard(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window, a = onsite(qtbot, gui_home, tmp_path / "f.db")
    to_plan(qtbot, window)
    shortcut(qtbot, window, "Alt+1")
    shortcut(qtbot, window, "Alt+Ins")  # a visit: its date
    cell(qtbot, window, "2026/3/2", Qt.Key.Key_Return)
    cell(qtbot, window, Qt.Key.Key_Right, Qt.Key.Key_Return, "4", Qt.Key.Key_Return)
    visits = plan(window, a).process.visits
    assert [(v.date, v.hours) for v in visits] == [("2026-03-02", 4.0)]
    key(qtbot, window, Qt.Key.Key_Tab, Qt.Key.Key_Space)  # the first method: document review
    assert plan(window, a).process.methods == ["document_review"]
    shortcut(qtbot, window, "Alt+5")
    key(qtbot, window, Qt.Key.Key_Down)  # opinion: agree
    key(qtbot, window, Qt.Key.Key_Tab, "同意诊断结论", Qt.Key.Key_Tab)  # remarks, then satisfaction
    key(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Tab, "王厂长", Qt.Key.Key_Tab)
    key(qtbot, window, "2026-3-9", Qt.Key.Key_Tab)
    confirmation = plan(window, a).confirmation
    assert confirmation.opinion == "agree" and confirmation.remarks == "同意诊断结论"
    assert confirmation.satisfaction == 5 and confirmation.confirmed_by == "王厂长"
    assert confirmation.date == "2026-03-09"
    shortcut(qtbot, window, "Alt+Right")
    assert window.stack.currentWidget() is window.finish
    window.finish.buttons["btn.back"].click()  # on-site: back to the plan, not the review
    assert window.stack.currentWidget() is window.plan


def test_a_second_draft_asks_and_a_finalized_plan_is_read_only(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window, a = onsite(qtbot, gui_home, tmp_path / "r.db", mode="self")
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Return)  # a self-assessment goes straight on to the finish
    assert window.stack.currentWidget() is window.finish
    shortcut(qtbot, window, "Ctrl+Shift+P")  # the plan is there all the same
    assert window.stack.currentWidget() is window.plan
    assert "自评估" in window.plan.hint.text()
    mine = Plan.model_validate({"projects": [{"name": "自己的项目"}]})
    set_plan(window.ctx.store, a, mine)
    window.plan.enter()
    asked = on_dialog(press(qtbot, Qt.Key.Key_Return))  # No is the default
    shortcut(qtbot, window, "Ctrl+Shift+G")
    assert "替换" in asked[0] and plan(window, a) == mine
    finalize(window.ctx.store, a, force=True)
    window.plan.enter()
    window.update_actions()
    assert not window.actions_["plan.draft"].isEnabled() and not window.actions_["plan.add"].isEnabled()
    assert "已定稿" in window.plan.hint.text()
    shortcut(qtbot, window, "Alt+3")
    key(qtbot, window, "x", Qt.Key.Key_Return, Qt.Key.Key_F2)
    assert plan(window, a) == mine
