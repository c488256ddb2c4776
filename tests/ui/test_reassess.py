"""Re-assessing on a newer version of the questionnaire from the wizard: offered, previewed
(what carries over, what is left behind, what is open), then made — checked in the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from diagnosis.loading.load import load_file
from diagnosis.storage.answers import set_answers
from diagnosis.storage.assessments import answers_of, get_assessment, new_assessment
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from tests.ui.helpers import assessment, on_dialog, press, shortcut, start

NEWER = """
carry_over:
  - from: 1.0.0
    questions: {has_erp: null}
    fresh: [sector]
    note: {zh: 1.1.0 不再询问是否使用ERP，行业需重新确认。, en: 1.1.0 no longer asks about ERP.}
"""


def test_reassess_offers_the_newer_version_with_a_preview(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    mini = gui_home / "questionnaires" / "mini.yaml"
    text = mini.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0")
    (gui_home / "questionnaires" / "mini-1.1.0.yaml").write_text(text + NEWER, encoding="utf-8")
    window = start(qtbot, tmp_path / "r.db")
    store = window.ctx.store
    firm = add_enterprise(store, EnterpriseInput("再评估企业"))
    before = new_assessment(store, load_file(mini), firm)
    set_answers(store, before, {"sector": "food", "network": ["wired"], "has_erp": "yes", "erp_modules": 3})
    window.show_start()
    seen: list[str] = []

    def look(dialog: QDialog) -> None:
        seen.append(dialog.summary.text())  # type: ignore[attr-defined]
        seen.append(dialog.details.text())  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_Return)(dialog)  # Enter starts it on the newer version

    on_dialog(look)
    shortcut(qtbot, window, "Ctrl+Shift+N")
    assert seen[0] == "将带入 2 个答案；2 个无法带入；11 道题需要回答。"
    assert "1.1.0 不再询问是否使用ERP" in seen[1] and "所属行业" in seen[1]
    after = assessment(window)
    row = get_assessment(store, after)
    assert (row["questionnaire_version"], row["carried_from"], row["based_on"]) == ("1.1.0", "1.0.0", before)
    assert answers_of(store, after)[0] == {"network": ["wired"], "erp_modules": 3}
    assert window.stack.currentWidget() is window.questions
