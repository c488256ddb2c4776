"""Step 1: the assessments on this machine, with search and the actions on them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diagnosis.model.index import index_of
from diagnosis.storage.assessments import delete_assessment, questionnaire_of
from diagnosis.storage.reports import list_assessments
from diagnosis.ui.context import Context

COLUMNS = ("col.enterprise", "col.questionnaire", "col.status", "col.progress", "col.updated")


class StartPage(QWidget):
    def __init__(self, ctx: Context, actions: dict[str, Callable[..., None]]) -> None:
        super().__init__()
        self.ctx, self.handlers = ctx, actions
        self.rows: list[dict[str, Any]] = []
        self._sizes: dict[str, int] = {}
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _: self._resume())
        self.table.activated.connect(lambda _: self._resume())  # Enter on a row
        self.buttons = {
            key: QPushButton()
            for key in ("btn.new", "btn.resume", "btn.reassess", "btn.import", "btn.export", "btn.delete")
        }
        self.buttons["btn.new"].clicked.connect(lambda: self.handlers["new"]())
        self.buttons["btn.resume"].clicked.connect(self._resume)
        self.buttons["btn.reassess"].clicked.connect(lambda: self._with_selected(self.handlers["reassess"]))
        self.buttons["btn.import"].clicked.connect(lambda: self.handlers["import"]())
        self.buttons["btn.export"].clicked.connect(lambda: self._with_selected(self.handlers["export"]))
        self.buttons["btn.delete"].clicked.connect(self._delete)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.ctx.t("start.title"))
        self.search.setPlaceholderText(self.ctx.t("start.search"))
        self.search.setAccessibleName(self.ctx.t("start.search"))
        self.table.setHorizontalHeaderLabels([self.ctx.t(key) for key in COLUMNS])
        self.table.setAccessibleName(self.ctx.t("start.title"))
        for key, button in self.buttons.items():
            button.setText(self.ctx.t(key))
        self.refresh()

    def enter(self) -> None:
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        self.rows = list_assessments(self.ctx.store, self.search.text().strip() or None)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            total = self._size(row["id"], row["questionnaire_id"] + row["questionnaire_version"])
            status = self.ctx.t(f"status.{row['status']}") + (
                f" r{row['revision']}" if row["revision"] > 1 else ""
            )
            cells = [
                row["enterprise"],
                f"{row['questionnaire_id']} {row['questionnaire_version']}",
                status,
                f"{min(row['answered'] / total, 1.0):.0%}" if total else "—",
                row["updated_at"][:16].replace("T", " "),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row["id"])
                self.table.setItem(i, j, item)
        if self.rows and not self.table.selectedItems():
            self.table.selectRow(0)
        has = bool(self.rows)
        for key in ("btn.resume", "btn.reassess", "btn.export", "btn.delete"):
            self.buttons[key].setEnabled(has)

    def _size(self, assessment_id: int, key: str) -> int:
        # Questions asked (not computed) in that questionnaire; computed once per version.
        if key not in self._sizes:
            q = questionnaire_of(self.ctx.store, assessment_id).questionnaire
            self._sizes[key] = sum(1 for x in index_of(q).questions.values() if x.kind != "derived")
        return self._sizes[key]

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _with_selected(self, action: Callable[[int], None]) -> None:
        row = self.selected()
        if row is not None:
            action(row["id"])

    def _resume(self) -> None:
        self._with_selected(self.handlers["open"])

    def _delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.ctx.t("btn.delete"), self.ctx.t("confirm.delete", name=row["enterprise"])
        )
        if answer == QMessageBox.StandardButton.Yes:
            delete_assessment(self.ctx.store, row["id"])
            self.refresh()
