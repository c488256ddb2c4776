"""Keys and screens that behave (issue 23 §4): counters that follow every answer, hints that say
only what is true, buttons Enter activates, texts that are not cut, fields that look as they act."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import CTRL, SHIFT, begin, focused, key, shortcut, start, stored

RED, GREEN = "#b91c1c", "#15803d"


def _headings(window: object) -> list[str]:
    table = window.questions.rating.table  # type: ignore[attr-defined]
    return [table.item(row, 0).text() for row in table.group_rows.values()]


def test_rating_counters_follow_every_single_answer(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "c.db")
    begin(qtbot, window, "keys@")
    page = window.questions
    page.jump("p1a")
    assert page.position.text().endswith("本页已答 0 / 5")
    assert _headings(window) == ["1 级    0/3", "2 级    0/2"]
    key(qtbot, window, "1")  # one answer, by its number key
    assert stored(window) == {"p1a": "full"}
    assert page.position.text().endswith("本页已答 1 / 5")
    assert _headings(window) == ["1 级    1/3", "2 级    0/2"]
    key(qtbot, window, "3")
    assert page.position.text().endswith("本页已答 2 / 5") and _headings(window)[0].endswith("2/3")


def test_a_ladder_hint_names_0_only_where_there_is_a_0(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "h.db")
    begin(qtbot, window, "keys@")
    page = window.questions
    page.jump("scene")
    assert page.keys.text().startswith("数字键 0–4 即等级（0 = 未开展）")
    shortcut(qtbot, window, "Alt+Home")
    begin(qtbot, window, "scoped@2.0.0")
    assert page.current == "target"  # the target level, a ladder from 1
    assert page.keys.text().startswith("数字键 1–3 即等级，") and "0 =" not in page.keys.text()


def test_a_size_remembered_on_a_bigger_screen_is_never_applied(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "g.db")
    window.showNormal()
    window.ctx.settings.setValue("window/size", QSize(3000, 2000))  # a 4K monitor at the office
    sizes: list[QSize] = []

    class Sizes(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Resize:
                sizes.append(window.size())
            return False

    watcher = Sizes(window)
    window.installEventFilter(watcher)
    window.fit_to_screen()  # as at the next start, on this smaller screen
    window.show_fitted()
    QApplication.processEvents()
    free = window.screen().availableGeometry()
    assert sizes and all(s.width() <= free.width() and s.height() <= free.height() for s in sizes)
    assert window.isMaximized()


def test_enter_activates_the_focused_button_of_the_finish_page(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "f.db")
    begin(qtbot, window)
    key(qtbot, window, "2")
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Return)  # a self-assessment: on to the finish page
    assert window.stack.currentWidget() is window.finish
    workbook = tmp_path / "评估.xlsx"
    monkeypatch.setattr("diagnosis.ui.pages.finish.choose_file", lambda *a: workbook)
    assert focused(window) is window.finish.buttons["btn.pdf"]
    key(qtbot, window, Qt.Key.Key_Tab)  # PDF → Excel
    assert focused(window) is window.finish.buttons["btn.xlsx"]
    key(qtbot, window, Qt.Key.Key_Return)
    assert workbook.exists() and "已保存" in window.finish.status.text()


def test_the_credit_code_check_is_green_when_valid_and_a_known_size_is_not_greyed(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "e.db")
    shortcut(qtbot, window, "Ctrl+N")
    key(qtbot, window, "规模测试企业", Qt.Key.Key_Tab, "91340100MA2MT0HX5")
    said = window.enterprise.errors["ent.uscc"]
    assert said.palette().color(QPalette.ColorRole.WindowText).name() == RED
    key(qtbot, window, "A")  # the check character completes a valid code
    assert said.text() == "✓ 代码有效"
    assert said.palette().color(QPalette.ColorRole.WindowText).name() == GREEN
    size = window.enterprise.size_box
    size.setCurrentIndex(2)
    key(qtbot, window, Qt.Key.Key_Return)  # the enterprise is stored; on to the questionnaires
    window.new()
    key(qtbot, window, Qt.Key.Key_Tab, modifier=SHIFT)  # back to the list of enterprises
    key(qtbot, window, Qt.Key.Key_Down)  # the one just stored: its fields, read-only
    assert window.enterprise.edits["ent.name"].isReadOnly() and size.currentIndex() == 2
    assert size.isEnabled()  # drawn like the read-only fields beside it, not greyed out
    assert size.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_the_side_tree_scrolls_to_the_current_item(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "t.db")
    window.showNormal()
    window.resize(1024, 600)
    begin(qtbot, window, "dcmm@1.0.0")
    page = window.questions
    for _ in range(30):  # dimension after dimension, down the tree
        key(qtbot, window, Qt.Key.Key_PageDown, modifier=CTRL)
    tree = page.side.tree
    current = tree.currentItem()
    assert current is not None and tree.verticalScrollBar().value() > 0  # far down a long tree
    assert tree.viewport().rect().contains(tree.visualItemRect(current))


def test_the_target_level_box_shows_its_choices_whole(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "g.db")
    window.set_language("en")
    begin(qtbot, window, "dcmm@2.0.0")
    shortcut(qtbot, window, "Ctrl+J")
    box = window.questions.rating.target
    if not window.questions.rating.target_row.isVisible():
        window.questions.jump("dim:strategy")
    assert window.questions.rating.target_row.isVisible()
    metrics = box.fontMetrics()
    widest = max(metrics.horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    assert box.width() >= widest + 20, (box.width(), widest)  # the text and the arrow


def test_plan_tables_show_dates_and_project_names_whole_at_1024x768(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    from tests.ui.test_plan_page import onsite, to_plan

    window, _ = onsite(qtbot, gui_home, tmp_path / "p.db")
    window.showNormal()
    window.resize(1024, 738)
    to_plan(qtbot, window)
    shortcut(qtbot, window, "Ctrl+Shift+G")  # a draft: projects with long names
    qtbot.waitUntil(lambda: window.plan.sections[2].tables()[0].rowCount() > 0, timeout=10000)
    projects = window.plan.sections[2].tables()[0]
    metrics = projects.fontMetrics()
    assert projects.columnWidth(0) >= metrics.horizontalAdvance("中" * 14)
    shortcut(qtbot, window, "Alt+1")
    visits = window.plan.sections[0].tables()[0]
    visits.setFocus()
    shortcut(qtbot, window, "Alt+Ins")  # a visit: its date typed
    key(qtbot, window, "2026-12-31", Qt.Key.Key_Return)
    QApplication.processEvents()
    assert visits.item(0, 0).text() == "2026-12-31"
    assert visits.columnWidth(0) >= metrics.horizontalAdvance("2026-12-31") + 8


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_radar_labels_are_whole_and_apart(qtbot: QtBot, lang: str) -> None:
    from PySide6.QtCore import QPointF, QRectF

    from diagnosis.ui.app import register_font
    from diagnosis.ui.pages.radar import RadarChart

    register_font()  # the app's font, as the review page draws with it

    zh = ["数据战略", "数据治理", "数据架构", "数据资产", "数据标准", "数据质量", "数据安全", "数据生存周期"]
    zh += ["数据应用流通"]  # DCMM 2025: nine areas
    en = ["Data strategy", "Data governance", "Data architecture", "Data assets", "Data standards"]
    en += ["Data quality", "Data security", "Data lifecycle", "Data use and circulation"]
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.set_points([(name, 0.5 + n / 20) for n, name in enumerate(zh if lang == "zh" else en)])
    chart.resize(chart.minimumSize())  # the smallest the review page may give it
    labels = chart.labels(chart.fontMetrics())
    centre = QPointF(chart.width() / 2, chart.height() / 2)
    wide, high = max(w for _, w, _ in labels), max(h for _, _, h in labels)
    radius = min(chart.width() / 2 - wide, chart.height() / 2 - high)
    boxes = [
        chart._label_box(centre, chart._at(centre, radius, i), w, h) for i, (_, w, h) in enumerate(labels)
    ]
    inside = QRectF(chart.rect())
    assert all(inside.contains(box) for box in boxes)  # no label (nor its percentage) cut
    assert not any(a.intersects(b) for n, a in enumerate(boxes) for b in boxes[n + 1 :])


def test_a_focused_radio_keeps_its_size(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "r.db")
    shortcut(qtbot, window, "Ctrl+N")
    radio = window.enterprise.onsite_mode
    before = radio.sizeHint()
    radio.setFocus()
    QApplication.processEvents()
    assert radio.hasFocus() and radio.sizeHint() == before and radio.width() >= radio.sizeHint().width()


def test_the_start_list_is_usable_before_the_other_pages_are_built(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    """Ready at once (§6): loading builds the start list alone; the rest is built behind it, or
    when first asked for, and a key pressed on the list works either way."""
    window = start(qtbot, tmp_path / "u.db")
    assert window.stack.currentWidget() is window.start and window._built == {}
    shortcut(qtbot, window, "Ctrl+N")  # the enterprise page, built now
    assert window.stack.currentWidget() is window.enterprise and list(window._built) == ["enterprise"]
    finished: list[bool] = []
    window.build_pages(then=lambda: finished.append(True))
    qtbot.waitUntil(lambda: finished == [True], timeout=20000)
    assert sorted(window._built) == ["enterprise", "finish", "plan", "questionnaires", "questions", "review"]
    assert window.stack.currentWidget() is window.enterprise  # building did not move the person


def test_the_industry_typed_for_the_enterprise_is_not_asked_again(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "i.db")
    shortcut(qtbot, window, "Ctrl+N")
    key(qtbot, window, "行业测试企业", Qt.Key.Key_Tab, Qt.Key.Key_Tab)  # past the code, to the industry
    assert focused(window) is window.enterprise.edits["ent.industry"]
    assert "通用设备制造（C34）" in window.enterprise.edits["ent.industry"].completer().model().stringList()
    key(qtbot, window, "通用设备制造业", Qt.Key.Key_Return)
    items = window.questionnaires.list
    items.setCurrentRow(
        next(
            i
            for i in range(items.count())
            if items.item(i).data(Qt.ItemDataRole.UserRole) == "sme-digital-2024@1.1.0"
        )
    )
    qtbot.keyClick(items, Qt.Key.Key_Return)
    assert stored(window) == {"industry_table": "manufacturing", "subsector": "general_equipment"}
    assert window.questions.current not in ("industry_table", "subsector")  # on to what is not known
