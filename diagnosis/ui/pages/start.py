"""Step 1: the assessments on this machine, with search and the actions on them.

Rows are found by assessment id, never by position: sorting or searching keeps the selection on
the same assessment, and delete or resume act on the one that is highlighted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, confirm

if TYPE_CHECKING:
    from diagnosis.storage.reports import Overview

COLUMNS = (
    "col.number",
    "col.enterprise",
    "col.questionnaire",
    "col.revision",
    "col.status",
    "col.score",
    "col.level",
    "col.completeness",
    "col.updated",
    "col.based_on",
)
SORT = Qt.ItemDataRole.UserRole + 1
BUTTONS = (
    "btn.new",
    "btn.resume",
    "btn.reassess",
    "btn.reopen",
    "btn.compare",
    "btn.import",
    "btn.export",
    "btn.summary",
    "btn.delete",
)
CHUNK = 8  # rows scored per turn of the event loop: the list stays responsive with many rows


class _Item(QTableWidgetItem):
    """Sorts by a key of its own (numbers as numbers, times as times), shows plain text."""

    def __init__(self, text: str, key: Any, assessment_id: int) -> None:
        super().__init__(text)
        self.setData(SORT, key)
        self.setData(Qt.ItemDataRole.UserRole, assessment_id)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT), other.data(SORT)
        if isinstance(mine, type(theirs)) or isinstance(theirs, type(mine)):
            return bool(mine < theirs)
        return str(mine) < str(theirs)


def local_time(stamp: str | None) -> str:
    """A stored UTC time as the local date and minute (Asia/Shanghai unless DIAGNOSIS_TZ)."""
    from diagnosis.localtime import local_minute

    return local_minute(stamp)


class StartPage(QWidget):
    def __init__(self, ctx: Context, actions: dict[str, Callable[..., None]]) -> None:
        super().__init__()
        self.ctx, self.handlers = ctx, actions
        self.rows: dict[int, dict[str, Any]] = {}
        self.scores: dict[tuple[int, str], Overview] = {}  # by (id, last change): computed once
        self._pending: list[int] = []
        self._chosen: int | None = None
        self.title = PlainLabel(name="pageTitle")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self.refresh())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(8, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _: self._open())  # Enter or a double click on a row
        self.buttons = {key: QPushButton() for key in BUTTONS}
        self.buttons["btn.new"].clicked.connect(lambda: self.handlers["new"]())
        self.buttons["btn.resume"].clicked.connect(self._open)
        for key in ("reassess", "reopen", "compare", "export"):
            self.buttons[f"btn.{key}"].clicked.connect(
                lambda _=False, name=key: self._with_selected(self.handlers[name])
            )
        self.buttons["btn.import"].clicked.connect(lambda: self.handlers["import"]())
        self.buttons["btn.summary"].clicked.connect(lambda: self.handlers["summary"]())
        self.buttons["btn.delete"].clicked.connect(self.delete_selected)
        self.status = PlainLabel(name="hint")
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        self.title.setText(t("start.title"))
        self.search.setPlaceholderText(t("start.search"))
        self.search.setAccessibleName(t("start.search"))
        self.table.setHorizontalHeaderLabels([t(key) for key in COLUMNS])
        self.table.setAccessibleName(t("start.title"))
        for key, button in self.buttons.items():
            button.setText(t(key))
        if self.isVisible():
            self.refresh()

    def enter(self) -> None:
        self.refresh()
        self.table.setFocus()

    # -- the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        from diagnosis.storage.reports import list_assessments  # loads with the store

        rows = list_assessments(self.ctx.store, self.search.text().strip() or None)
        self.rows = {row["id"]: row for row in rows}
        chosen = self._chosen
        self.table.blockSignals(True)  # rows replaced here are not a person's choice
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, (text, key) in enumerate(self._cells(row)):
                self.table.setItem(i, j, _Item(text, key, row["id"]))
        self.table.setSortingEnabled(True)
        self.table.blockSignals(False)
        self.status.setText("" if rows else self.ctx.t("start.empty"))
        if chosen in self.rows:
            self.select(chosen)
        elif rows:
            self.table.selectRow(0)  # the chosen one is searched away: kept for when it is back
        self._pending = [row["id"] for row in rows if (row["id"], row["updated_at"]) not in self.scores]
        if self._pending:
            QTimer.singleShot(0, self._score_some)
        self._enable()

    def _cells(self, row: dict[str, Any]) -> list[tuple[str, Any]]:
        t, lang = self.ctx.t, self.ctx.texts.lang
        seen = self.scores.get((row["id"], row["updated_at"]))
        score = level = done = ("", -1.0)
        if seen is not None:
            from diagnosis.outcome import rounded

            score = (f"{rounded(seen.score)} / {rounded(seen.max_score)}", seen.score)
            level = (seen.level.name.get(lang) if seen.level else "—", seen.score)
            done = (f"{seen.completeness:.0%}", seen.completeness)
        based = row["based_on"]
        return [
            (f"#{row['id']}", row["id"]),
            (row["enterprise"], row["enterprise"]),
            (f"{row['questionnaire_id']} {row['questionnaire_version']}", row["questionnaire_id"]),
            (f"r{row['revision']}", row["revision"]),
            (t(f"status.{row['status']}"), row["status"]),
            score,
            level,
            done,
            (local_time(row["updated_at"]), row["updated_at"]),
            (t("start.based_on", n=based) if based else "", based or 0),
        ]

    def _score_some(self) -> None:
        """Score a few rows, show them, and come back for the rest (with many assessments the
        list is usable at once, the scores arrive)."""
        from diagnosis.storage.reports import overview

        batch, self._pending = self._pending[:CHUNK], self._pending[CHUNK:]
        for assessment_id in batch:
            row = self.rows.get(assessment_id)
            if row is None:
                continue
            self.scores[(assessment_id, row["updated_at"])] = overview(self.ctx.store, assessment_id)
            self._update_row(row)
        if self._pending:
            QTimer.singleShot(0, self._score_some)

    def _update_row(self, row: dict[str, Any]) -> None:
        at = self._row_of(row["id"])
        if at is None:
            return
        self.table.blockSignals(True)
        self.table.setSortingEnabled(False)  # an edit must not re-sort under the person's eyes
        for j, (text, key) in enumerate(self._cells(row)):
            item = self.table.item(at, j)
            assert item is not None
            item.setText(text)
            item.setData(SORT, key)
        self.table.setSortingEnabled(True)
        self.table.blockSignals(False)
        if self._chosen is not None:
            self.select(self._chosen)

    def _row_of(self, assessment_id: int) -> int | None:
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == assessment_id:
                return i
        return None

    def select(self, assessment_id: int) -> None:
        at = self._row_of(assessment_id)
        if at is not None:
            self.table.selectRow(at)
            self.table.setCurrentCell(
                at, self.table.currentColumn() if self.table.currentColumn() >= 0 else 0
            )

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _selection_changed(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self._chosen = chosen
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected_id()
        row = self.rows.get(chosen) if chosen is not None else None
        writable = self.ctx.store.newer is None  # a newer app's database is only looked at
        for key in ("btn.resume", "btn.compare", "btn.export"):
            self.buttons[key].setEnabled(row is not None)
        for key in ("btn.reassess", "btn.delete"):
            self.buttons[key].setEnabled(row is not None and writable)
        self.buttons["btn.reopen"].setEnabled(row is not None and row["status"] == "finalized" and writable)
        for key in ("btn.new", "btn.import"):
            self.buttons[key].setEnabled(writable)

    # -- actions ------------------------------------------------------------------------------

    def _with_selected(self, action: Callable[[int], None]) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            action(chosen)

    def _open(self) -> None:
        self._with_selected(self.handlers["open"])

    def delete_selected(self) -> None:
        """Ask, naming what goes (No is the default), then delete."""
        from diagnosis.storage.assessments import delete_assessment

        chosen = self.selected_id()
        row = self.rows.get(chosen) if chosen is not None else None
        if row is None:
            return
        t = self.ctx.t
        text = t(
            "confirm.delete",
            name=row["enterprise"],
            questionnaire=f"{row['questionnaire_id']} {row['questionnaire_version']}",
            number=row["id"],
            revision=row["revision"],
            status=t(f"status.{row['status']}"),
        )
        if confirm(self, t("btn.delete"), text):
            delete_assessment(self.ctx.store, row["id"])
            self._chosen = None
            self.refresh()
