"""Plausibility warnings at the question (non-blocking) and on the review page, where one is
explained with a note kept in the database; the evidence still missing, with its share."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diagnosis.storage.plans import get_plan
from tests.ui.helpers import (
    assessment,
    begin,
    focused,
    key,
    on_dialog,
    shortcut,
    start,
    stored,
    type_into_dialog,
)


def test_a_warning_under_the_question_then_explained_on_the_review(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "c.db")
    begin(qtbot, window, "sme-digital-2024@1.1.0")
    page = window.questions
    page.jump("devices_total")
    key(qtbot, window, "10", Qt.Key.Key_Return)
    assert page.current == "devices_digital" and not page.alert.isVisibleTo(window)
    key(qtbot, window, "12", Qt.Key.Key_Return)  # more digitised devices than devices: warned, not stopped
    assert stored(window)["devices_digital"] == 12 and page.current != "devices_digital"
    page.jump("devices_digital")
    assert page.alert.isVisibleTo(window) and page.alert.text().startswith(
        "⚠ 数字化设备数多于主要生产设备总数"
    )
    shortcut(qtbot, window, "F5")
    checks = window.review.checks
    listed = [checks.alerts.item(i).text() for i in range(checks.alerts.count())]
    assert any("数字化设备数多于" in line and "其中数字化设备数量" in line for line in listed)
    assert f"{checks.alerts.count()} 条尚未说明" in checks.alerts_label.text()
    count = checks.alerts.count()

    def explain(dialog: object) -> None:
        type_into_dialog("含外协车间的设备")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # type: ignore[attr-defined]

    asked = on_dialog(explain)
    checks.alerts.setFocus()
    checks.alerts.setCurrentRow(next(i for i, line in enumerate(listed) if "数字化设备数多于" in line))
    key(qtbot, window, Qt.Key.Key_Return)  # Enter on a warning explains it
    assert asked == ["说明数据核查提示"]
    resolutions = get_plan(window.ctx.store, assessment(window)).resolutions
    assert resolutions == {"devices_digital_exceed": "含外协车间的设备"}
    assert checks.alerts.count() == count - 1
    page_text = [checks.alerts.item(i).text() for i in range(checks.alerts.count())]
    assert not any("数字化设备数多于" in line for line in page_text)


def test_evidence_still_missing_is_listed_and_opens_its_question(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "e.db")
    begin(qtbot, window, "sme-digital-2024@1.1.0")
    window.questions.jump("devices_total")
    key(qtbot, window, "10", Qt.Key.Key_Return)
    window.questions.jump("base_year")
    key(qtbot, window, "2024", Qt.Key.Key_Return)
    proof = tmp_path / "年报.pdf"
    proof.write_bytes(b"%PDF-1.4 annual report")
    window.questions.jump("base_year")
    window.questions.attach_files([proof])
    shortcut(qtbot, window, "F5")
    checks = window.review.checks
    assert "道题中，1 道已附材料" in checks.evidence_label.text()  # the share of the shown questions
    assert checks.evidence.count() == 1 and checks.evidence.item(0).text().startswith(
        "主要生产设备总数 — 设备台账"
    )
    checks.evidence.setFocus()
    checks.evidence.setCurrentRow(0)
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.questions and window.questions.current == "devices_total"
    assert focused(window) is not None
