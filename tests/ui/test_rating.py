"""Rating pages: a capability item on one page, criteria by level, number keys answer; the rest of
a level in one action; review marks, notes, filters, search and the target level. Every step is
checked in the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diagnosis import flow
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.scoring.engine import score
from diagnosis.storage.answers import history_of, review_flags
from tests.ui.helpers import CTRL, SHIFT, assessment, begin, key, notes, shortcut, start, stored

# Answer keys cycling over the five columns: every option of the answer set gets used.
PATTERN = "12345"


def test_a_full_dcmm_assessment_on_rating_pages(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "dcmm.db")
    begin(qtbot, window, "dcmm@1.0.0")
    page = window.questions
    q = page.session.questionnaire
    options = list(q.answer_sets["conformity"].options)
    expected: dict[str, str] = {}
    pages = keys = 0
    while window.stack.currentWidget() is page:
        assert page.page in flow.rating_dimensions(q)  # every item is one page
        rows = flow.on_page(q, stored(window), page.page or "")
        assert page.current == rows[0]
        for n, qid in enumerate(rows):
            digit = PATTERN[(pages + n) % len(PATTERN)]
            key(qtbot, window, digit)
            expected[qid] = options[int(digit) - 1].id
        key(qtbot, window, Qt.Key.Key_Return)
        pages, keys = pages + 1, keys + len(rows) + 1
    assert window.stack.currentWidget() is window.review
    assert (pages, keys) == (28, 448)  # against 840 keys with one criterion per page
    assert stored(window) == expected and len(expected) == 420
    result = score(q, expected)
    assert f"{result.score:.2f}".rstrip("0").rstrip(".") in window.review.score.text()


def test_rating_keys_rest_of_a_level_review_marks_and_notes(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "r.db")
    begin(qtbot, window, "keys@")
    page = window.questions
    shortcut(qtbot, window, "Ctrl+F")
    key(qtbot, window, "管理实践", Qt.Key.Key_Return)  # search jumps to the item
    assert page.page == "practice" and page.current == "p1a"
    key(qtbot, window, "1")  # fully met, and on to the next criterion
    assert stored(window) == {"p1a": "full"} and page.current == "p1b"
    shortcut(qtbot, window, "Ctrl+Shift+U")  # the rest of level 1: not met
    assert stored(window) == {"p1a": "full", "p1b": "not", "p1c": "not"}
    history = history_of(window.ctx.store, assessment(window))
    assert [h["reason"] for h in history][-2:] == ["rest of level marked not met"] * 2
    key(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Down)  # over the level 2 heading
    assert page.current == "p2a"
    shortcut(qtbot, window, "Ctrl+R")
    assert review_flags(window.ctx.store, assessment(window)) == {"p2a"}
    shortcut(qtbot, window, "Ctrl+M")
    key(qtbot, window, "制度在修订")
    qtbot.waitUntil(lambda: notes(window) == {"p2a": "制度在修订"})  # saved at the pause in typing
    key(qtbot, window, Qt.Key.Key_Tab, modifier=SHIFT)  # back to the table
    shortcut(qtbot, window, "Ctrl+Shift+A")  # the rest of level 2: not applicable
    assert stored(window)["p2a"] == "na" and stored(window)["p2b"] == "na"
    key(qtbot, window, Qt.Key.Key_Up, "2")  # change an answer by row
    assert stored(window)["p1c"] == "partly"
    assert page.current == "p2a"
    shortcut(qtbot, window, "Ctrl+3")  # only the questions marked for review
    assert page.side.matches == ["p2a"]
    shortcut(qtbot, window, "Ctrl+R")  # unmarked: reviewed
    assert review_flags(window.ctx.store, assessment(window)) == set()
    shortcut(qtbot, window, "Ctrl+2")  # what is still unanswered, F3 to go through it
    assert page.side.matches == ["many", "base_year", "revenue", "rate", "devices", "scene", "remarks"]
    shortcut(qtbot, window, "F3")
    assert page.current == "remarks"  # after p2a, wrapping round at the end
    shortcut(qtbot, window, "F3")
    assert page.current == "many"


def test_a_target_level_hides_the_criteria_above_it(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "t.db")
    begin(qtbot, window, "scoped@2.0.0")
    page = window.questions
    key(qtbot, window, Qt.Key.Key_Return, Qt.Key.Key_Return)  # past the scope questions
    assert page.page == "pa1"
    shortcut(qtbot, window, "Ctrl+T")
    key(qtbot, window, Qt.Key.Key_Down)  # the first level: 一级
    assert stored(window) == {"target": "t1"}
    assert flow.on_page(page.session.questionnaire, stored(window), "pa1") == ["pa1_1"]
    key(qtbot, window, Qt.Key.Key_Tab)
    key(qtbot, window, "1", Qt.Key.Key_Return, "1", Qt.Key.Key_Return)
    assert stored(window) == {"target": "t1", "pa1_1": "yes_full", "pa2_1": "yes_full"}
    assert window.stack.currentWidget() is window.review
    assert "一级" in window.review.level.text()


def test_one_criterion_per_page_when_rating_pages_are_off(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "o.db")
    begin(qtbot, window, "keys@")
    shortcut(qtbot, window, "Ctrl+G")  # the menu's rating-page switch, remembered
    assert window.ctx.settings.value("rating_pages") == "false"
    page = window.questions
    page.jump("dim:practice")
    key(qtbot, window, "1", Qt.Key.Key_Return, "3")
    assert stored(window) == {"p1a": "full", "p1b": "not"} and page.current == "p1b"
    shortcut(qtbot, window, "Ctrl+G")
    assert page.page == "practice"


def test_dcmm_rating_pages_show_levels_named_by_the_questionnaire(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    dcmm = default_catalogue().get("dcmm@1.0.0").questionnaire
    assert "strategy.planning" in flow.rating_dimensions(dcmm)
    window = start(qtbot, tmp_path / "n.db")
    begin(qtbot, window, "dcmm@1.0.0")
    table = window.questions.rating.table
    headings = [table.item(r, 0).text() for r in range(table.rowCount()) if table.question_at(r) is None]
    assert [h.split("    ")[0] for h in headings] == [
        "1 级  初始级",
        "2 级  受管理级",
        "3 级  稳健级",
        "4 级  量化管理级",
        "5 级  优化级",
    ]
    key(qtbot, window, Qt.Key.Key_PageDown, modifier=CTRL)  # the next capability item
    assert window.questions.page == "strategy.implementation"
