"""Keys and screens that behave (issue 23 §4): counters that follow every answer, hints that say
only what is true, buttons Enter activates, texts that are not cut, fields that look as they act."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.helpers import begin, key, shortcut, start, stored


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
