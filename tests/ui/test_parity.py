"""What the CLI can do, the wizard can do: reopen, compare (and the report with the comparison),
the provider summary, detaching evidence, answers out to a file and back in; the start list keeps
to its assessment; enterprises show their fields; the last position is kept by uid. Each checked
in the database or the file."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diagnosis.loading.load import load_file
from diagnosis.report.verify import verify_pdf
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import finalize, get_assessment, new_assessment
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise, get_enterprise
from diagnosis.storage.evidence import evidence_of
from diagnosis.storage.plans import set_plan
from diagnosis.storage.reports import overview
from tests.storage.conftest import READY_PLAN
from tests.ui.helpers import (
    ALT,
    SHIFT,
    assessment,
    begin,
    focused,
    key,
    notes,
    on_dialog,
    press,
    shortcut,
    start,
    stored,
    type_into_dialog,
    yes,
)


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_reopen_compare_and_the_report_with_the_comparison(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "c.db")
    begin(qtbot, window)
    key(qtbot, window, "1", Qt.Key.Key_Return, "1", Qt.Key.Key_Return)  # machinery, wired
    first = assessment(window)
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Return)  # review → finish
    on_dialog(yes(qtbot))
    shortcut(qtbot, window, "Ctrl+Shift+F")
    assert get_assessment(window.ctx.store, first)["status"] == "finalized"
    shortcut(qtbot, window, "Ctrl+Shift+O")  # reopen as a new revision
    second = assessment(window)
    row = get_assessment(window.ctx.store, second)
    assert second != first and row["revision"] == 2 and row["status"] == "draft"
    assert row["uid"] == get_assessment(window.ctx.store, first)["uid"]
    assert window.stack.currentWidget() is window.questions
    window.questions.jump("network")
    key(qtbot, window, "3")  # + 5G in the new revision
    assert stored(window)["network"] == ["wired", "g5"]
    report = tmp_path / "对比.pdf"
    monkeypatch.setattr("diagnosis.ui.dialogs.reports.choose_file", lambda *a: report)
    seen: list[str] = []

    def compare(dialog: object) -> None:
        seen.append(dialog.levels.text())  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_R, modifier=ALT)(dialog)  # type: ignore[arg-type]
        qtbot.waitUntil(report.exists)  # a mnemonic clicks the button a moment later
        press(qtbot, Qt.Key.Key_Escape)(dialog)  # type: ignore[arg-type]

    on_dialog(compare)
    shortcut(qtbot, window, "Ctrl+D")
    assert f"#{first}" in seen[0] and f"#{second}" in seen[0]
    assert verify_pdf(report.read_bytes(), require_signature=False).ok and "改造前后对比" in pdf_text(report)


def test_a_reassessment_report_exported_from_the_wizard_compares_with_its_start(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "re.db")
    begin(qtbot, window)
    key(qtbot, window, "1")
    before = assessment(window)
    shortcut(qtbot, window, "Alt+Home")
    shortcut(qtbot, window, "Ctrl+Shift+N")  # re-assess the selected one
    after = assessment(window)
    assert get_assessment(window.ctx.store, after)["based_on"] == before
    key(qtbot, window, "2")
    shortcut(qtbot, window, "F5")
    key(qtbot, window, Qt.Key.Key_Return)
    target = tmp_path / "改造后.pdf"
    window.finish.export_pdf(target)
    qtbot.waitUntil(lambda: target.exists() and "已保存" in window.finish.status.text(), timeout=20000)
    assert "改造前后对比" in pdf_text(target)


def test_provider_summary_from_the_wizard(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "s.db")
    store, mini = window.ctx.store, load_file(gui_home / "questionnaires" / "mini.yaml")
    firm = add_enterprise(store, EnterpriseInput("汇总测试企业"))
    done = new_assessment(store, mini, firm, mode="onsite", provider="甲机构")
    set_answer(store, done, "sector", "food")
    set_plan(store, done, READY_PLAN)  # what finalizing an on-site diagnosis needs
    finalize(store, done, force=True)
    new_assessment(store, mini, firm, mode="onsite", provider="甲机构")  # a draft
    new_assessment(store, mini, firm, mode="onsite", provider="乙机构")
    book = tmp_path / "汇总.xlsx"
    monkeypatch.setattr("diagnosis.ui.dialogs.reports.choose_file", lambda *a: book)

    def rows() -> list[int]:
        sheet = load_workbook(book).active
        return [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if isinstance(r[0], int)]

    def fill(dialog: Any, drafts: bool) -> None:
        book.unlink(missing_ok=True)
        type_into_dialog("甲机构")  # the provider box has the focus
        if drafts:
            press(qtbot, Qt.Key.Key_D, modifier=ALT)(dialog)
            qtbot.waitUntil(dialog.drafts.isChecked)  # a mnemonic clicks a moment later
        press(qtbot, Qt.Key.Key_Return)(dialog)  # the default button: export
        qtbot.waitUntil(book.exists)
        press(qtbot, Qt.Key.Key_Escape)(dialog)

    on_dialog(lambda dialog: fill(dialog, drafts=False))
    shortcut(qtbot, window, "Ctrl+Shift+S")
    assert rows() == [done]  # finalized only, by default
    on_dialog(lambda dialog: fill(dialog, drafts=True))
    shortcut(qtbot, window, "Ctrl+Shift+S")
    assert sorted(rows()) == [done, done + 1]  # with the provider's draft, not the other provider's


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])  # UTC+14, UTC-11
def test_the_summary_runs_to_the_apps_today(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    """Finalize days are read in the app's zone: the range must end on that zone's today, not the
    system clock's (a provider in Shanghai on a machine set to UTC lost everything finalized
    after midnight until 08:00). At any hour one of the two zones has another date than UTC."""
    from diagnosis.localtime import today
    from diagnosis.ui.dialogs.reports import SummaryDialog

    monkeypatch.setenv("DIAGNOSIS_TZ", zone)
    window = start(qtbot, tmp_path / "z.db")
    dialog = SummaryDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    end, day = dialog.end.date(), today(zone)
    assert (end.year(), end.month(), end.day()) == (day.year, day.month, day.day)


def test_a_wrongly_attached_file_is_removed(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "e.db")
    begin(qtbot, window)
    wrong, right = tmp_path / "错的.png", tmp_path / "对的.png"
    wrong.write_bytes(b"wrong")
    right.write_bytes(b"right")
    window.questions.attach_files([wrong, right])  # what a drop does
    assert [e["name"] for e in evidence_of(window.ctx.store, assessment(window))] == ["错的.png", "对的.png"]
    window.questions.evidence.files.setFocus()
    key(qtbot, window, Qt.Key.Key_Home)
    asked = on_dialog(press(qtbot, Qt.Key.Key_Return))  # No
    key(qtbot, window, Qt.Key.Key_Delete)
    assert "错的.png" in asked[0] and len(evidence_of(window.ctx.store, assessment(window))) == 2
    on_dialog(yes(qtbot))
    shortcut(qtbot, window, "Ctrl+Shift+Del")
    assert [e["name"] for e in evidence_of(window.ctx.store, assessment(window))] == ["对的.png"]


def test_the_list_keeps_to_the_assessment_not_the_row(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "l.db")
    store, mini = window.ctx.store, load_file(gui_home / "questionnaires" / "mini.yaml")
    ids = {
        name: new_assessment(store, mini, add_enterprise(store, EnterpriseInput(name))) for name in "甲乙丙"
    }
    window.show_start()
    table = window.start.table
    assert table.columnCount() == 10
    window.start.select(ids["乙"])
    window.start.search.setFocus()
    key(qtbot, window, "乙")  # the search leaves one row: still 乙
    assert window.start.selected_id() == ids["乙"]
    window.start.search.clear()
    table.sortItems(1, Qt.SortOrder.DescendingOrder)  # by enterprise: the rows move
    assert window.start.selected_id() == ids["乙"]
    table.setFocus()
    asked = on_dialog(yes(qtbot))
    key(qtbot, window, Qt.Key.Key_Delete)
    assert "乙" in asked[0]
    left = {row[0] for row in store.db.execute("SELECT id FROM assessments").fetchall()}
    assert left == {ids["甲"], ids["丙"]}


def test_the_list_shows_number_revision_score_level_and_origin(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "cols.db")
    store, mini = window.ctx.store, load_file(gui_home / "questionnaires" / "mini.yaml")
    a = new_assessment(store, mini, add_enterprise(store, EnterpriseInput("列测试")))
    for qid, value in {"sector": "food", "network": ["wired", "g5"]}.items():
        set_answer(store, a, qid, value)
    window.reassess(a)
    window.show_start()
    qtbot.waitUntil(lambda: window.start.table.item(0, 5).text() != "")  # scores arrive after the rows
    cells = {
        window.start.table.item(r, 0).text(): [window.start.table.item(r, c).text() for c in range(10)]
        for r in range(2)
    }
    seen = overview(store, a)
    score = f"5 / {seen.max_score:g}"
    assert cells[f"#{a}"][3:8] == ["r1", "草稿", score, "基础级", f"{seen.completeness:.0%}"]
    assert cells[f"#{a + 1}"][9] == f"基于 #{a}"


def test_an_existing_enterprise_shows_its_fields_and_a_new_one_keeps_them(
    qtbot: QtBot, gui_home: Path, tmp_path: Path
) -> None:
    window = start(qtbot, tmp_path / "ent.db")
    store = window.ctx.store
    known = add_enterprise(
        store,
        EnterpriseInput(
            "已有企业", industry="C34", size_class="小型", contact_name="王工", contact_phone="0551-1234567"
        ),
    )
    shortcut(qtbot, window, "Ctrl+N")
    page = window.enterprise
    key(qtbot, window, Qt.Key.Key_Tab, modifier=SHIFT)  # from the name up to the enterprise list
    assert focused(window) is page.pick
    key(qtbot, window, Qt.Key.Key_Down)
    assert page.edits["ent.industry"].text() == "C34" and page.edits["ent.phone"].text() == "0551-1234567"
    assert page.edits["ent.name"].isReadOnly() and page.size_box.currentText() == "小型"
    key(qtbot, window, Qt.Key.Key_Return)
    items = window.questionnaires.list
    items.setCurrentRow(next(i for i in range(items.count()) if items.item(i).text().startswith("迷你")))
    key(qtbot, window, Qt.Key.Key_Return)
    assert get_assessment(store, assessment(window))["enterprise_id"] == known
    shortcut(qtbot, window, "Ctrl+N")
    key(qtbot, window, "新企业")
    for field, text in (("ent.industry", "C35"), ("ent.contact", "李工"), ("ent.phone", "13800000000")):
        page.edits[field].setFocus()
        key(qtbot, window, text)
    key(qtbot, window, Qt.Key.Key_Return)
    added = get_enterprise(store, known + 1)
    assert (added["industry"], added["contact_name"], added["contact_phone"]) == (
        "C35",
        "李工",
        "13800000000",
    )


def test_the_last_position_is_kept_by_uid(qtbot: QtBot, gui_home: Path, tmp_path: Path) -> None:
    window = start(qtbot, tmp_path / "u.db")
    begin(qtbot, window)
    key(qtbot, window, "1", Qt.Key.Key_Return, "1", Qt.Key.Key_Return)
    first = assessment(window)
    assert window.questions.current == "has_erp"
    shortcut(qtbot, window, "Alt+Home")
    on_dialog(yes(qtbot))
    key(qtbot, window, Qt.Key.Key_Delete)
    begin(qtbot, window, name="另一家企业")
    assert assessment(window) == first  # SQLite gives the id out again
    assert window.questions.current == "sector"  # but not the deleted one's place
    key(qtbot, window, "2", Qt.Key.Key_Return)
    shortcut(qtbot, window, "Alt+Home")
    qtbot.keyClick(window.start.table, Qt.Key.Key_Return)
    assert window.questions.current == "network"


def test_answers_out_to_a_file_and_back_in(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(qtbot, tmp_path / "a.db")
    begin(qtbot, window)
    key(qtbot, window, "1")  # machinery
    exported = tmp_path / "答案.json"
    monkeypatch.setattr("diagnosis.ui.exports.choose_file", lambda *a: exported)
    shortcut(qtbot, window, "Ctrl+Shift+J")
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["answers"] == {"sector": "machinery"} and document["questionnaire"]["id"] == "mini"
    assert window.statusBar().currentMessage() == f"答案文件已保存：{exported}"
    document["answers"]["network"] = ["wired", "g5"]
    document["notes"] = {"network": "两条产线"}
    exported.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    chosen = "diagnosis.ui.menus.assessment.QFileDialog.getOpenFileName"
    monkeypatch.setattr(chosen, lambda *a: (str(exported), ""))
    shortcut(qtbot, window, "Ctrl+Shift+L")
    assert stored(window) == {"sector": "machinery", "network": ["wired", "g5"]}
    assert notes(window) == {"network": "两条产线"}
    assert window.statusBar().currentMessage() == f"已从 {exported} 读入：1 个回答、1 条备注有变化。"
    document["questionnaire"] = {"id": "scoped"}
    document["answers"]["network"] = ["none"]
    exported.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    said = on_dialog(press(qtbot, Qt.Key.Key_Return))
    shortcut(qtbot, window, "Ctrl+Shift+L")  # another questionnaire's file: refused, nothing written
    assert "针对的是 scoped；评估" in said[0] and stored(window)["network"] == ["wired", "g5"]
