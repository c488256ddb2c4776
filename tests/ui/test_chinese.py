"""The wizard in Chinese, all the way: every page and dialog the screenshots show is read as a
person sees it (labels, buttons, tabs, headers, list and table items, menus, the status bar, window
titles, Qt's own file dialog and message box), data is taken out, and any Latin word left is an
English sentence that should not be there."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFileSystemModel,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

# Latin that is no English sentence. Keep it short: a word missing here is a text to translate.
ALLOWED = {
    # names of standards, systems, products and formats, written so in Chinese documents too
    "DCMM", "DSMM", "ERP", "MES", "SaaS", "PDF", "Excel", "YAML", "SHA", "RSA", "ECDSA", "UTC", "PEM",
    "JSON",
    "Windows",
    # key caps: menus and hints name the keys as the keyboard prints them
    "Ctrl", "Shift", "Alt", "Enter", "Esc", "Tab", "Space", "PgUp", "PgDn", "Ins", "Del", "Backspace",
    # the Language menu offers each language under its own name
    "English",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Data, whatever the language: paths, hashes and fingerprints, report numbers and credit codes,
# questionnaire ids with their versions, file patterns.
DATA = [
    re.compile(r"\b\d{8}-[0-9A-Z]+-[0-9A-Z]+-[0-9A-Z]+\b"),  # a report number
    re.compile(r"\b[0-9A-F]{4}(?:-[0-9A-F]{4}){3}\b"),  # a report's verification code
    re.compile(r"(?:[A-Za-z]:)?[\\/][^\s，。；：、（）()]+"),  # a path
    re.compile(r"\b[0-9a-fA-F]{8,}\b"),  # a hash
    re.compile(r"\b(?:[0-9A-F]{2}:){3,}[0-9A-F]{2}\b"),  # a fingerprint
    re.compile(r"\b[0-9A-Z]{18}\b"),  # a unified social credit code
    re.compile(r"\*\.[a-z0-9]+"),  # a file pattern
    re.compile(r"(?<![\w.])\.[a-z][a-z0-9]{1,7}\b"),  # a file's suffix (.p12, .pdf)
    re.compile(r"\b[\w.-]+@\d+\.\d+\.\d+\b"),  # a questionnaire and its version
]


def visible_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text shown in `top` now."""
    yield "window title", top.windowTitle()
    if isinstance(top, QMainWindow):
        yield "status bar", top.statusBar().currentMessage()
        for action in top.menuBar().actions():
            yield from _menu(action.menu(), action.text())
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        yield from _widget_texts(widget, where)


def _widget_texts(widget: QWidget, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(widget, QLabel | QAbstractButton):
        yield where, widget.text()
    elif isinstance(widget, QGroupBox):
        yield where, widget.title()
    elif isinstance(widget, QTabBar):
        yield from ((where, widget.tabText(n)) for n in range(widget.count()))
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        yield where, widget.placeholderText()  # what is typed is data
    elif isinstance(widget, QComboBox):
        yield from ((where, widget.itemText(n)) for n in range(widget.count()))
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        # Qt's file dialog lists the person's own files: its headers are ours to check, not its rows.
        files = isinstance(widget.window(), QFileDialog)
        yield from ((where, text) for text in _model_texts(widget, rows=not files))


def _model_texts(view: QAbstractItemView, rows: bool = True) -> Iterator[str]:
    model = view.model()
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        top = QModelIndex()
        count = _columns(model, top) if orientation == Qt.Orientation.Horizontal else model.rowCount(top)
        for n in range(count):
            header = model.headerData(n, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(header, str):
                yield header
    if isinstance(model, QFileSystemModel):  # the person's files are data, a folder's type is Qt's
        root = view.rootIndex()
        for row in range(model.rowCount(root)):
            if model.isDir(model.index(row, 0, root)):
                yield str(model.data(model.index(row, 2, root), Qt.ItemDataRole.DisplayRole))
    todo = [QModelIndex()] if rows else []
    while todo:
        parent = todo.pop()
        for row in range(model.rowCount(parent)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str):
                    yield text
            todo.append(model.index(row, 0, parent))


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    if isinstance(model, QAbstractListModel):
        return 1  # PySide keeps a list model's columnCount private
    return model.columnCount(parent)


def _menu(menu: QMenu | None, title: str) -> Iterator[tuple[str, str]]:
    yield "menu", title
    for action in menu.actions() if menu is not None else []:
        yield from _menu(action.menu(), action.text()) if action.menu() else [("menu", action.text())]


def data_of(window: QMainWindow) -> list[str]:
    """What people and files put in: the enterprises, the assessments' providers and assessors,
    notes and plans, and the questionnaires' own Chinese text and ids (longest first)."""
    ctx = window.ctx  # type: ignore[attr-defined]
    found: set[str] = {str(ctx.db_path)}
    for table in ("enterprises", "assessments", "answers", "plans"):
        for row in ctx.store.db.table(table).rows:
            found |= _strings(row)
    keys: set[str] = set()
    for loaded in ctx.catalogue.all():
        found |= _strings(loaded.questionnaire.model_dump(mode="json", exclude_defaults=True))
        keys |= {f"{loaded.key[0]} {loaded.key[1]}", f"{loaded.key[0]}@{loaded.key[1]}"}
    # Short data ("42", "L2") are left to the patterns: replaced first, they would cut a hash.
    data = {text for text in found if len(text) >= 4 and _is_data(text)} | keys
    return sorted(data, key=len, reverse=True)


def _is_data(text: str) -> bool:
    """Chinese text, or an id ("revenue_cur", "sme-digital-2024", "1.2.0"); a plain Latin word
    ("draft", "level") is no datum here: shown in a Chinese screen it is untranslated."""
    return bool(re.search(r"[\u4e00-\u9fff]", text) or re.fullmatch(r"[\w.@-]*[\d_.@-][\w.@-]*", text))


def _strings(value: object) -> set[str]:
    """Every string inside `value` (JSON text included), but not the English of bilingual texts."""
    if isinstance(value, str):
        if value[:1] in "{[":
            try:
                return _strings(json.loads(value))
            except ValueError:
                pass
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for k, v in value.items() if k != "en"))
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value))
    return set()


def english_left(text: str, data: list[str]) -> list[str]:
    """The Latin words of `text` once data and allowed names are taken out."""
    for known in data:  # first: a path pattern would cut a questionnaire's "CAD/PDM/PLM" in two
        text = text.replace(known, " ")
    for pattern in DATA:
        text = pattern.sub(" ", text)
    return [word for word in LATIN_WORD.findall(text) if word not in ALLOWED]


@pytest.fixture
def chinese_window(qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QMainWindow]:
    from diagnosis.ui.app import build_window
    from diagnosis.ui.screenshots import prepare

    monkeypatch.setenv("DIAGNOSIS_HOME", str(tmp_path))
    prepare(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "zh")
    window = build_window(tmp_path / "shots.db", settings)
    yield window
    window.close()


def test_every_page_and_dialog_is_chinese(chinese_window: QMainWindow, tmp_path: Path) -> None:
    from diagnosis.ui.screenshots import scenes

    found: dict[tuple[str, str], str] = {}  # (where, text) -> the first step it shows in
    data: list[str] = []
    for name, shown in scenes(chinese_window, tmp_path):
        data = data or data_of(chinese_window)
        for where, text in visible_texts(shown):
            if english_left(text, data):
                found.setdefault((where, text), name)
    said = [
        f"{name} · {where}: {english_left(text, data)} in {text!r}" for (where, text), name in found.items()
    ]
    assert not said, "\n".join(said)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("已保存到 /tmp/x/报告.pdf（已签名：某机构（指纹 3F:2A:11:00，USCC 91340100MA2NX8K5TH））", ["USCC"]),
        ("评估 #3 已定稿；请将其重新打开为新修订版", []),
        ("按 Ctrl+Shift+P 打开诊断方案（DCMM、GB/T 36073）", []),
        ("the answers are for mini@1.0.0", ["the", "answers", "are", "for"]),
    ],
)
def test_what_counts_as_english(text: str, words: list[str]) -> None:
    """The check itself: data and the allowed names pass, a sentence does not."""
    assert english_left(text, ["某机构"]) == words


def test_the_status_lines_follow_a_language_switch(chinese_window: QMainWindow, tmp_path: Path) -> None:
    """What was just said (a signed export, an answer saved) is said again in the new language,
    and Qt's own file dialog follows too."""
    from diagnosis.ui.screenshots import scenes

    window: Any = chinese_window
    for name, _ in scenes(window, tmp_path):
        if name == "10b-exported":
            break
    status = window.finish.status
    assert status.text().startswith("已保存到 ") and "统一社会信用代码 91340100MA2NX8K5TH" in status.text()
    window.set_language("en")
    assert status.text().startswith("Saved to ") and "(fingerprint " in status.text()
    assert status.text().endswith(", USCC 91340100MA2NX8K5TH))")
    assert _file_dialog_labels(window) == ["&Look in:", "File &name:", "Files of &type:"]
    window.set_language("zh")
    assert status.text().startswith("已保存到 ")
    assert _file_dialog_labels(window) == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："]
    page = window.questions
    window.open_assessment(window.ctx.session.assessment_id)
    page._save(page.current, page.session.answers().get(page.current))
    assert page.saved.text() == "✓ 已保存"
    window.set_language("en")
    assert page.saved.text() == "✓ Saved"


def _file_dialog_labels(window: QWidget) -> list[str]:
    dialog = QFileDialog(window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    try:
        return [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    finally:
        dialog.deleteLater()
