"""The 贯标 readiness questionnaire walked by keyboard: the profile one question a page, each clause
group and view on one rating page, the GB/T 23020 stage prefilled from the enterprise's finalized
integration assessment (and said so), the review naming the view that holds the stage back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diagnosis import flow
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.scoring.sample import sample_answers
from diagnosis.storage.answers import set_answers
from diagnosis.storage.assessments import finalize, get_assessment, new_assessment
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from tests.ui.helpers import SHIFT, assessment, focused, key, shortcut, start, stored

GROUPS = ["responsibility", "foundation", "implementation", "improvement"]
VIEWS = ["strategy", "capability", "solution", "governance", "business"]


def test_a_readiness_diagnosis_by_keyboard(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "lu.db")
    store = window.ctx.store
    firm = add_enterprise(store, EnterpriseInput("两化融合贯标企业", size_class="中型"))
    lianghua = default_catalogue().get("lianghua")
    earlier = new_assessment(store, lianghua, firm)
    set_answers(store, earlier, dict(sample_answers(lianghua.questionnaire, "max")))  # 创新突破
    finalize(store, earlier)

    shortcut(qtbot, window, "Ctrl+N")
    key(qtbot, window, Qt.Key.Key_Tab, modifier=SHIFT)  # up to the list of enterprises
    assert focused(window) is window.enterprise.pick
    key(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Return)
    items = window.questionnaires.list
    row = next(
        i
        for i in range(items.count())
        if items.item(i).data(Qt.ItemDataRole.UserRole) == "lianghua-upgrade@1.0.0"
    )
    items.setCurrentRow(row)
    key(qtbot, window, Qt.Key.Key_Return)
    made = assessment(window)
    assert get_assessment(store, made)["enterprise_id"] == firm
    assert stored(window) == {"gbt23020_stage": "innovative"}  # taken at creation

    page = window.questions
    assert page.current == "p_sector"  # resumes at the first question still open
    key(qtbot, window, "1", Qt.Key.Key_Return)
    key(qtbot, window, "合肥工厂全部业务", Qt.Key.Key_Return)
    key(qtbot, window, "2", Qt.Key.Key_Return)  # the key scene: production
    key(qtbot, window, "6", Qt.Key.Key_Return, "数据中台", Qt.Key.Key_Return, "5", Qt.Key.Key_Return)
    assert {
        k: stored(window)[k] for k in ("p_sector", "p_key_scene", "p_targets", "p_platform", "p_months")
    } == {
        "p_sector": "machinery",
        "p_key_scene": "production",
        "p_targets": 6,
        "p_platform": "数据中台",
        "p_months": 5,
    }
    q = page.session.questionnaire
    for ladder in GROUPS + VIEWS:  # one rating page each; 1 = done with evidence, 3 = not done
        assert page.page == ladder and ladder in flow.rating_dimensions(q)
        rows = flow.on_page(q, stored(window), ladder)
        held = ladder == "governance"  # the governance view stops at the scene stage
        for qid in rows:
            level = int(qid.rsplit(".l", 1)[1][0])
            key(qtbot, window, "3" if held and level > 2 else "1")
        key(qtbot, window, Qt.Key.Key_Return)

    assert page.current == "gbt23020_stage"
    assert page.origin.isVisible() and page.origin.text() == f"取自评估 #{earlier}（lianghua 1.1.0）"
    key(qtbot, window, "2")  # the official platform says 单项覆盖: the key is the level
    assert stored(window)["gbt23020_stage"] == "single" and not page.origin.isVisible()
    key(qtbot, window, Qt.Key.Key_Return)

    assert window.stack.currentWidget() is window.review
    assert "场景级" in window.review.level.text()
    gaps = [window.review.gaps.item(i).text() for i in range(window.review.gaps.count())]
    assert (
        gaps[0]
        == "✗ 五个视角中适用的各项均达到领域级及以上（当前 4 个，共 5 个）。尚未达到的：治理体系（场景级）"
    )
    # The grade readiness, a part with its own verdict, and what its next grade still needs.
    part = gaps.index("评定准备度：可申请 AA 级评定（准备度） → 可申请 AAA 级评定（准备度）")
    assert gaps[part + 1 :] == [
        "✗ 五个视角中适用的各项均达到领域级及以上（当前 4 个，共 5 个）。尚未达到的：治理体系（场景级）",
        "✗ 「企业两化融合发展水平（GB/T 23020）所处的阶段」为 集成提升 或 创新突破",
    ]
    answers = stored(window)
    assert len(answers) == 6 + 32 + 75 + 1
    assert sum(v == "not" for v in answers.values()) == 9  # governance, stages 3 to 5
