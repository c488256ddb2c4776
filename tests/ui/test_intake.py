"""The 受理 window, driven by keyboard: open a database, add documents (progress shown, cancel
between batches, the window responsive while the worker runs), filter, search and sort the claims,
a claim's details and its report, release with a note, the refused documents, both exports, the
languages, the PostgreSQL address with its password in the keyring, and the main window's menu.
After each step the database (or the written file) is checked, not only the widgets."""

from __future__ import annotations

import io
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from diagnosis import paths
from diagnosis.intake import workers
from diagnosis.intake.desk import open_desk
from diagnosis.intake.flags import about
from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import package, provider_key
from diagnosis.ui.context import Context
from diagnosis.ui.intake import window as intake_window
from diagnosis.ui.intake.database import DATABASE, SERVICE
from diagnosis.ui.intake.window import IntakeWindow
from diagnosis.ui.texts import Texts
from tests.intake.conftest import PROVIDER, PROVIDER_USCC, spec_maker
from tests.intake.world import POLICY
from tests.ui.helpers import ALT, CTRL, activate, dialogs, key, press, shortcut, start, type_into_dialog

IDLE = 60_000  # ms: adding five packages on a busy machine


@dataclass
class Papers:
    inbox: Path  # 合肥 (clean), 芜湖 (unsigned), 蚌埠 (short of evidence), 淮南, 合肥 without a code
    broken: Path  # a folder with one file that is no package
    trust: Path
    policy: Path


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Papers:
    folder = tmp_path_factory.mktemp("intake-window")
    key = provider_key(folder / "keys", PROVIDER, PROVIDER_USCC)
    make = spec_maker({PROVIDER: key})
    inbox = folder / "收件"
    inbox.mkdir()
    firm = {**make(0).enterprise, "name": "合肥无码有限公司", "uscc": None}
    specs = [make(0), make(1, signer=None), make(2, evidence=[]), make(3), make(4, enterprise=firm)]
    for n, spec in enumerate(specs):
        (inbox / f"{n}.diagpkg").write_bytes(package(spec))
    broken = folder / "坏件"
    broken.mkdir()
    (broken / "损坏的评估包.diagpkg").write_bytes(b"PK\x03\x04 not really a zip")
    trust = folder / "trust"
    trust.mkdir()
    (trust / "provider.pem").write_bytes(key.certificate.public_bytes(Encoding.PEM))
    policy = folder / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    return Papers(inbox, broken, trust, policy)


@pytest.fixture(scope="module")
def received(papers: Papers, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database that received the five packages (copied for each test that changes it)."""
    db = tmp_path_factory.mktemp("received") / "intake.db"
    desk = open_desk(str(db), papers.policy, "受理员乙")
    desk.add([papers.inbox], papers.trust)
    desk.close()
    return db


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DIAGNOSIS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DIAGNOSIS_INTAKE_DB", raising=False)
    return tmp_path / "home"


def _open(
    qtbot: QtBot, tmp_path: Path, address: str | None, policy: Path | None, lang: str = "zh"
) -> IntakeWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = IntakeWindow(Context(tmp_path / "wizard.db", Texts(lang), settings), address, policy)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show_fitted()
    activate(qtbot, window)  # type: ignore[arg-type]
    window.start()
    idle(qtbot, window)
    return window


def idle(qtbot: QtBot, window: IntakeWindow) -> None:
    qtbot.waitUntil(lambda: not (window.work.busy or window.adding.busy or window.looking.busy), timeout=IDLE)


def keys(
    qtbot: QtBot,
    window: IntakeWindow,
    *pressed: Any,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    key(qtbot, window, *pressed, modifier=modifier)  # type: ignore[arg-type]


def press_shortcut(qtbot: QtBot, window: IntakeWindow, sequence: str) -> None:
    shortcut(qtbot, window, sequence)  # type: ignore[arg-type]


def names(window: IntakeWindow) -> list[str]:
    return [claim.row["enterprise"] for claim in window.model.rows]


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def answer_dir(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(intake_window.QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def test_a_database_chosen_then_documents_added_with_progress_cancel_and_the_rest_by_drop(
    qtbot: QtBot, tmp_path: Path, home: Path, papers: Papers, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _open(qtbot, tmp_path, None, papers.policy)
    assert window.desk is not None and window.desk.where == str(home / "intake.db")  # the default
    chosen = tmp_path / "受理" / "市局.db"
    seen = dialogs(lambda d: (type_into_dialog(str(chosen)), press(qtbot, Qt.Key.Key_Return)(d)))
    press_shortcut(qtbot, window, "Ctrl+D")
    idle(qtbot, window)
    assert seen == ["受理数据库"] and window.desk.where == str(chosen)
    assert window.ctx.settings.value(DATABASE) == str(chosen)
    # One document per batch; the worker waits in the second batch until the window's thread has
    # run a queued event (it could not, were the work on that thread) and the clerk has cancelled.
    monkeypatch.setattr(workers, "BATCH", 1)
    gate, waited = threading.Event(), []
    original = Intake.add_files

    def add_files(self: Intake, batch: list[Path]) -> Any:
        if self.checker.timings:  # not the first batch
            waited.append(gate.wait(20))
        return original(self, batch)

    monkeypatch.setattr(Intake, "add_files", add_files)
    window.ctx.settings.setValue(intake_window.TRUST, str(papers.trust))
    answer_dir(monkeypatch, papers.inbox)
    press_shortcut(qtbot, window, "Ctrl+Shift+O")
    qtbot.waitUntil(lambda: window.panel.bar.value() == 1, timeout=IDLE)
    assert window.panel.bar.isVisible() and window.panel.bar.maximum() == 5
    assert window.panel.status.text() == "正在添加：1 / 5（新受理 1，已收到过 0，不予受理 0）"
    keys(qtbot, window, Qt.Key.Key_Escape)  # cancel
    assert window.panel.status.text().startswith("正在取消")
    QTimer.singleShot(0, gate.set)  # a queued event, run by the window's thread during the add
    idle(qtbot, window)
    assert waited == [True]
    assert window.panel.status.text().startswith(
        "共 2 份文件：新受理 2，已收到过 0，不予受理 0。已取消：3 份文件未处理"
    )
    assert rows(chosen, "SELECT count(*) FROM assessments") == [(2,)] and len(window.model.rows) == 2
    # The rest, dropped onto the window as a folder.
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(papers.inbox))])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.panel.status.text().startswith("共 5 份"), timeout=IDLE)
    idle(qtbot, window)
    assert window.panel.status.text() == "共 5 份文件：新受理 3，已收到过 2，不予受理 0。"
    assert rows(chosen, "SELECT count(*) FROM assessments") == [(5,)] and len(window.model.rows) == 5
    assert rows(chosen, "SELECT DISTINCT received_by FROM documents") == [(window.clerk(),)]


def test_filters_search_sorting_and_details_by_keyboard(
    qtbot: QtBot, tmp_path: Path, home: Path, papers: Papers, received: Path
) -> None:
    window = _open(qtbot, tmp_path, str(received), papers.policy)
    assert sorted(names(window)) == sorted(
        [
            "合肥无码有限公司",
            "合肥某精密机械有限公司",
            "淮南某化工有限公司",
            "芜湖某汽配有限公司",
            "蚌埠某电子有限公司",
        ]
    )
    assert window.shown.text() == "显示 5 / 5 份申领"
    press_shortcut(qtbot, window, "Ctrl+1")
    keys(qtbot, window, Qt.Key.Key_Down)  # the first city
    assert names(window) == ["合肥无码有限公司", "合肥某精密机械有限公司"]
    assert window.shown.text() == "显示 2 / 5 份申领"
    press_shortcut(qtbot, window, "Ctrl+0")
    press_shortcut(qtbot, window, "Ctrl+4")
    keys(qtbot, window, Qt.Key.Key_Down)  # 可拨付
    assert {c.status for c in window.model.rows} == {"payable"} and len(window.model.rows) == 2
    press_shortcut(qtbot, window, "Ctrl+0")
    press_shortcut(qtbot, window, "Ctrl+F")
    keys(qtbot, window, "xab123t")  # a part of a credit code, in lower case
    assert names(window) == ["芜湖某汽配有限公司"]
    press_shortcut(qtbot, window, "Ctrl+0")
    assert len(window.model.rows) == 5 and window.filters.search.text() == ""
    # Sorting: a click on a header, again for the other way round; by keyboard on the current column.
    header = window.table.horizontalHeader()
    payable = next(n for n, c in enumerate(window.model.columns) if c.title == "ik.col.payable")
    where = QPoint(header.sectionViewportPosition(payable) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    first = [c.payable for c in window.model.rows]
    assert first in (sorted(first), sorted(first, reverse=True)) and len(set(first)) > 1
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    ascending = first == sorted(first)
    assert [c.payable for c in window.model.rows] == sorted(first, reverse=ascending)  # the other way
    press_shortcut(qtbot, window, "Ctrl+L")
    keys(qtbot, window, Qt.Key.Key_Home)  # the first column of the row: city
    keys(qtbot, window, Qt.Key.Key_Right, Qt.Key.Key_Right)  # the enterprise
    press_shortcut(qtbot, window, "Ctrl+Shift+S")
    assert names(window) == sorted(names(window))
    press_shortcut(qtbot, window, "Ctrl+Shift+S")
    assert names(window) == sorted(names(window), reverse=True)
    # A claim's details: its flag with what it means, its documents.
    press_shortcut(qtbot, window, "Ctrl+F")
    keys(qtbot, window, "蚌埠")
    press_shortcut(qtbot, window, "Ctrl+L")
    qtbot.waitUntil(
        lambda: window.details.shown is not None and window.details.title.text() == "蚌埠某电子有限公司"
    )
    keys(qtbot, window, Qt.Key.Key_Return)  # Enter on the row: into the details
    assert QApplication.focusWidget() is window.details.text
    text = window.details.text.toPlainText()
    assert about("evidence_below").text("zh") in text and "状态：暂缓" in text
    assert "申请 20,000 元，可拨付 0 元" in text  # 蚌埠 with no county: the policy's own rate
    assert window.details.documents.count() == 1
    document = window.details.documents.item(0).text()
    assert "2.diagpkg（评估包" in document and f"由 {PROVIDER}" in document and "signed by" not in document


def test_a_report_opened_a_claim_released_with_a_note_and_both_exports(
    qtbot: QtBot, tmp_path: Path, home: Path, papers: Papers, received: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "intake.db"
    shutil.copy(received, db)
    window = _open(qtbot, tmp_path, str(db), papers.policy)
    keys(qtbot, window, Qt.Key.Key_N, modifier=ALT)  # the clerk's name
    keys(qtbot, window, Qt.Key.Key_A, modifier=CTRL)
    keys(qtbot, window, "受理员甲", Qt.Key.Key_Tab)
    assert window.ctx.settings.value(intake_window.CLERK) == "受理员甲"
    _pick(qtbot, window, "蚌埠")
    press_shortcut(qtbot, window, "Ctrl+Shift+R")  # the report: rendered from the package
    idle(qtbot, window)
    [made] = (paths.cache_dir() / "intake-reports").glob("*.pdf")
    assert "蚌埠某电子有限公司" in "".join(page.extract_text() for page in PdfReader(made).pages)
    seen = dialogs(lambda d: (type_into_dialog("已电话核实佐证原件"), press(qtbot, Qt.Key.Key_Return)(d)))
    press_shortcut(qtbot, window, "Ctrl+R")
    idle(qtbot, window)
    assert seen == ["放行暂缓的申领"]
    assert rows(db, "SELECT note, released_by, reasons FROM releases") == [
        ("已电话核实佐证原件", "受理员甲", "evidence_below")
    ]
    assert window.statusBar().currentMessage().startswith("已放行 蚌埠某电子有限公司")
    assert [c.status for c in window.model.rows] == ["payable"]
    qtbot.waitUntil(lambda: "已放行：" in window.details.text.toPlainText())
    assert "受理员甲 放行：已电话核实佐证原件" in window.details.text.toPlainText()
    # An unsigned claim cannot be released with a note: said, nothing written.
    _pick(qtbot, window, "芜湖")
    said = dialogs(press(qtbot, Qt.Key.Key_Return))
    press_shortcut(qtbot, window, "Ctrl+R")
    assert said and said[0].startswith("这份申领不能以说明放行：") and "未签名" in said[0]
    assert rows(db, "SELECT count(*) FROM releases") == [(1,)]
    # Both exports, read back.
    for suffix, sequence in ((".xlsx", "Ctrl+Shift+X"), (".pdf", "Ctrl+P")):
        target = tmp_path / f"申领汇总{suffix}"
        monkeypatch.setattr(
            "diagnosis.ui.exports.QFileDialog.getSaveFileName", lambda *a, t=target: (str(t), "")
        )
        press_shortcut(qtbot, window, sequence)
        idle(qtbot, window)
        assert window.statusBar().currentMessage() == f"已导出：{target}"
    book = load_workbook(tmp_path / "申领汇总.xlsx")
    assert book.sheetnames[0] == "申领明细"
    cells = {str(c.value) for row in book["申领明细"].iter_rows() for c in row}
    assert {"蚌埠某电子有限公司", "合肥无码有限公司"} <= cells
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO((tmp_path / "申领汇总.pdf").read_bytes())).pages
    )
    assert "测试政策" in text


def _pick(qtbot: QtBot, window: IntakeWindow, search: str) -> None:
    """Search for a claim and go to it in the list (its details shown)."""
    press_shortcut(qtbot, window, "Ctrl+0")
    press_shortcut(qtbot, window, "Ctrl+F")
    keys(qtbot, window, search)
    press_shortcut(qtbot, window, "Ctrl+L")
    claim = window.model.rows[0].id
    qtbot.waitUntil(lambda: window.details.shown is not None and window.details.shown.claim.id == claim)


def test_refused_documents_with_reasons_in_both_languages(
    qtbot: QtBot, tmp_path: Path, home: Path, papers: Papers, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _open(qtbot, tmp_path, str(tmp_path / "intake.db"), None)
    monkeypatch.setattr(
        intake_window.QFileDialog,
        "getOpenFileNames",
        lambda *a, **k: ([str(f) for f in papers.broken.iterdir()], ""),
    )
    press_shortcut(qtbot, window, "Ctrl+O")
    idle(qtbot, window)
    assert (
        window.panel.status.text()
        == "共 1 份文件：新受理 0，已收到过 0，不予受理 1。不予受理的原因见“不予受理”页（Ctrl+U）。"
    )
    press_shortcut(qtbot, window, "Ctrl+U")
    assert window.tabs.currentIndex() == 1 and window.tabs.tabText(1) == "不予受理 (1)"
    model = window.refused_model
    assert model.index(0, 0).data().endswith("损坏的评估包.diagpkg")
    [(reason_en, reason_zh)] = rows(tmp_path / "intake.db", "SELECT reason, reason_zh FROM refusals")
    assert model.index(0, 1).data() == reason_zh
    press_shortcut(qtbot, window, "Ctrl+Shift+E")
    assert model.index(0, 1).data() == reason_en and window.tabs.tabText(1) == "Refused (1)"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Reason"
    assert window.model.headerData(3, Qt.Orientation.Horizontal) == "Status"
    assert window.menus["ik.menu.file"].title() == "&Intake"


def test_a_server_address_keeps_its_password_in_the_keyring_only(
    qtbot: QtBot, tmp_path: Path, home: Path, memory_keyring: Any
) -> None:
    window = _open(qtbot, tmp_path, str(tmp_path / "intake.db"), None)
    url = "postgresql://clerk:s3cret@/intake?host=/nonexistent-socket-folder"

    def fill(dialog: Any) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Q, ALT)  # a PostgreSQL server (a button's mnemonic
        qtbot.waitUntil(dialog.server.isChecked)  # clicks it a moment later, as it shows the press)
        qtbot.keyClick(dialog, Qt.Key.Key_U, ALT)  # its URL
        type_into_dialog(url)
        qtbot.keyClick(dialog, Qt.Key.Key_K, ALT)  # remember the password
        qtbot.waitUntil(dialog.keep.isChecked)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    dialogs(fill)
    press_shortcut(qtbot, window, "Ctrl+D")
    idle(qtbot, window)
    kept = dict(memory_keyring.kept)
    [(service, account)] = kept
    assert service == SERVICE and kept[(service, account)] == "s3cret" and "s3cret" not in account
    assert window.ctx.settings.value(DATABASE) == str(tmp_path / "intake.db")  # the last one that opened
    assert window.problem.text().startswith("无法打开受理数据库：") and "s3cret" not in window.problem.text()
    assert window.desk is not None and window.desk.where == str(tmp_path / "intake.db")  # the one open stays


def test_postgresql_through_the_window(
    qtbot: QtBot, tmp_path: Path, home: Path, papers: Papers, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.intake import postgres

    if postgres.binaries() is None:
        pytest.skip("no PostgreSQL server binaries on this machine (initdb)")
    with postgres.cluster() as server, postgres.database(server) as url:
        window = _open(qtbot, tmp_path, url, papers.policy)
        assert window.desk is not None and window.desk.url.get_backend_name() == "postgresql"
        window.ctx.settings.setValue(intake_window.TRUST, str(papers.trust))
        answer_dir(monkeypatch, papers.inbox)
        press_shortcut(qtbot, window, "Ctrl+Shift+O")
        idle(qtbot, window)
        assert len(window.model.rows) == 5 and window.panel.status.text().startswith("共 5 份文件：新受理 5")
        window.close()
        window.desk.close()


def test_the_main_window_opens_the_intake_in_its_language(
    qtbot: QtBot, gui_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIAGNOSIS_INTAKE_DB", str(tmp_path / "intake.db"))
    main = start(qtbot, tmp_path / "w.db")
    shortcut(qtbot, main, "Ctrl+I")
    intake = main.intake_window
    assert intake is not None
    qtbot.addWidget(intake)
    qtbot.waitUntil(lambda: intake.desk is not None, timeout=IDLE)
    assert intake.isVisible() and intake.windowTitle() == f"受理申领 — {tmp_path / 'intake.db'}"
    assert main.actions_["menu.intake"].text() == "受理申领(&K)…"
    shortcut(qtbot, main, "Ctrl+Shift+E")
    assert intake.windowTitle().startswith("Claims intake — ") and intake.actions_["lang.en"].isChecked()
    activate(qtbot, intake)  # type: ignore[arg-type]
    shortcut(qtbot, intake, "Ctrl+Shift+C")  # the intake's own Language menu switches the app
    assert main.ctx.texts.lang == "zh" and main.actions_["menu.intake"].text() == "受理申领(&K)…"
    idle(qtbot, intake)


def test_every_intake_action_has_its_own_shortcut_shown(qtbot: QtBot, tmp_path: Path, home: Path) -> None:
    from PySide6.QtGui import QKeySequence

    from diagnosis.ui.intake.actions import MENUS

    window = _open(qtbot, tmp_path, str(tmp_path / "intake.db"), None)
    listed = [shortcut for entries in MENUS.values() for name, shortcut in entries if name != "-"]
    assert all(listed) and len(set(listed)) == len(listed)
    for menu in window.menus.values():
        for action in menu.actions():
            if not action.isSeparator():
                assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText), action.text()
