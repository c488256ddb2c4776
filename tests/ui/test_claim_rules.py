"""The claim's rules in the wizard, by keyboard: a funding split that contradicts its budget is
refused at the cell (in Chinese), what is still open is said beside the plan as it is typed, and
the review page lists what finalize would refuse, Enter leading to the part to complete."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diagnosis.plan.model import Funding, Project
from diagnosis.storage.assessments import get_assessment
from diagnosis.storage.plans import set_plan
from tests.storage.conftest import READY_PLAN
from tests.ui.helpers import focused, key, shortcut
from tests.ui.test_plan_page import cell, onsite, plan, to_plan


def test_a_subsidy_over_the_budget_is_refused_at_its_cell(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window, a = onsite(qtbot, gui_home, tmp_path / "p.db")
    set_plan(
        window.ctx.store, a, READY_PLAN.model_copy(update={"projects": [Project(name="设备联网", budget=10)]})
    )
    to_plan(qtbot, window)
    window.plan.tabs.setCurrentIndex(2)
    projects = window.plan.sections[2].tables()[0]
    projects.setFocus()
    projects.setCurrentCell(0, 6)  # 补贴
    cell(qtbot, window, Qt.Key.Key_Return, "25", Qt.Key.Key_Return)
    assert window.plan.saved.property("error")
    assert "改造项目 1（设备联网）：申请补贴 25 万元超过预算 10 万元" in window.plan.saved.text()
    assert plan(window, a).projects[0].funding is None  # nothing saved
    assert focused(window) is projects and (projects.currentRow(), projects.currentColumn()) == (0, 6)
    assert projects.item(0, 6).toolTip().startswith("改造项目 1（设备联网）：申请补贴")


def test_an_open_split_is_kept_and_said_beside_the_plan(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window, a = onsite(qtbot, gui_home, tmp_path / "p.db")
    set_plan(
        window.ctx.store, a, READY_PLAN.model_copy(update={"projects": [Project(name="设备联网", budget=50)]})
    )
    to_plan(qtbot, window)
    window.plan.tabs.setCurrentIndex(2)
    projects = window.plan.sections[2].tables()[0]
    projects.setFocus()
    projects.setCurrentCell(0, 5)  # 企业自筹
    cell(qtbot, window, Qt.Key.Key_Return, "30", Qt.Key.Key_Return)
    assert plan(window, a).projects[0].funding == Funding(enterprise=30)
    open_lines = window.plan.outcome.problems.text()
    assert open_lines.startswith("定稿前须完善：") and "尚有 20 万元未落实来源" in open_lines


def test_the_review_page_lists_what_finalize_needs_and_enter_goes_there(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window, _ = onsite(qtbot, gui_home, tmp_path / "p.db")
    shortcut(qtbot, window, "F5")
    blockers = window.review.checks.blockers
    texts = [blockers.item(n).text() for n in range(blockers.count())]
    assert texts[0] == "✗ 评测过程：至少记录一次现场诊断（日期、地点、评估人员）"
    assert texts[-1] == "✗ 企业确认：缺少确认意见、确认人、确认日期"
    blockers.setFocus()
    blockers.setCurrentRow(blockers.count() - 1)
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.plan
    assert window.plan.tabs.currentIndex() == 4  # 企业确认
    assert focused(window) is window.plan.sections[4].opinion


def test_finish_says_every_missing_part_before_asking(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window, a = onsite(qtbot, gui_home, tmp_path / "p.db")
    to_plan(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Right, modifier=Qt.KeyboardModifier.AltModifier)  # on to the finish page
    assert window.stack.currentWidget() is window.finish
    window.finish.finalize()  # no dialog: there is nothing to confirm yet
    status = window.finish.status.text()
    assert status.startswith("还不能定稿") and "✗ 问题与需求：尚未填写" in status
    assert get_assessment(window.ctx.store, a)["status"] == "draft"
