"""A table of plan rows edited by keyboard: Enter or F2 edits a cell (a list to choose from where
the column has choices), arrows move, Alt+Ins adds a row, Alt+Del removes one (see the Plan menu).

Cells hold what people typed; `records` reads them by the column's kind and names the first cell
it cannot read, so the page can say why nothing was saved while the typed text stays for fixing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from diagnosis.model import Lang, Text
from diagnosis.plan.typed import read_amount, read_day, read_figure, read_hours, read_month

VALUE = Qt.ItemDataRole.UserRole  # a choice cell's value (its text is the label)
PAYLOAD = Qt.ItemDataRole.UserRole + 1  # on column 0: the record the row was filled from
Kind = Literal["text", "choice", "month", "day", "amount", "hours", "figure", "fixed"]
Choices = Callable[[int], list[tuple[Any, str]]]  # row → (value, label)
SEARCHABLE = 12  # longer lists are typed into and searched, not scrolled
MIN_COLUMN = 72  # px: room to type a figure or a month into an empty column
MAX_COLUMN = 260  # px: a long goal text is cut (and shown whole in its tooltip) rather than the table
# The widest value of a kind, so an empty column fitted to its header still shows a typed one whole.
WIDEST = {"day": "2026-12-31", "month": "2026-12", "amount": "1,000.00", "hours": "24.0"}
STRETCH_MIN = 14  # characters the stretching column (a name, a text) keeps; the table scrolls first


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # a text key (texts.py)
    kind: Kind = "text"
    choices: Choices | None = None
    stretch: bool = False
    required: bool = False
    default: Any = None  # what a new row starts with


class CellProblem(Exception):
    """A field that cannot be read: which (text keys: the table, the column) and its row, and why
    in both languages."""

    def __init__(self, table: str, column: str, row: int | None, problem: Text) -> None:
        super().__init__(problem.zh)
        self.table, self.column, self.row, self.problem = table, column, row, problem

    def sentence(self, t: Callable[..., str], lang: Lang) -> str:
        where = t("plan.where.row", table=t(self.table), n=self.row + 1) if self.row is not None else ""
        return where + t("plan.where.field", field=t(self.column), problem=self.problem.get(lang))


REQUIRED = Text(zh="此项必填。", en="This is required.")


READERS: dict[str, Callable[[str], Any]] = {
    "month": read_month,
    "day": read_day,
    "amount": read_amount,
    "hours": read_hours,
    "figure": read_figure,
}


def read_typed(kind: str, text: str) -> tuple[Any, Text | None]:
    """A typed field by its kind: the stored value, or why it cannot be read."""
    if kind == "text":
        return text or None, None
    parsed = READERS[kind](text)
    return parsed if isinstance(parsed, tuple) else (parsed.value, parsed.problem)


def shown(value: Any) -> str:
    """A stored value as a cell shows it (figures in full, never in scientific notation)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format(value, ".15g") if abs(value) < 1e15 else f"{value:.0f}"
    return str(value)


class PlanTable(QTableWidget):
    edited = Signal()

    def __init__(self, name: str, columns: list[Column]) -> None:
        super().__init__(0, len(columns))
        self.name, self.columns = name, columns  # name: a text key, for sentences about a cell
        self._filling = False
        self.read_only = False
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        for n, column in enumerate(columns):
            mode = QHeaderView.ResizeMode.Stretch if column.stretch else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(n, mode)
        self.itemChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._filling:
            self._fit_columns()  # a typed value is shown whole, not "2026-12…"
            self.edited.emit()

    def retranslate(self, t: Callable[[str], str]) -> None:
        self.setHorizontalHeaderLabels([t(c.title) for c in self.columns])
        for row in range(self.rowCount()):  # choice labels follow the language
            for n, column in enumerate(self.columns):
                if column.kind == "choice":
                    self._set(row, n, self._value(row, n))
        self._fit_columns()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            triggers.NoEditTriggers
            if read_only
            else triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        )

    # -- rows in and out ----------------------------------------------------------------------

    def fill(self, rows: list[tuple[Any, dict[str, Any]]]) -> None:
        """Rows of (the record they come from, {column key: stored value})."""
        self._filling = True
        current = (self.currentRow(), self.currentColumn())
        self.setRowCount(len(rows))
        for row, (payload, values) in enumerate(rows):
            for n, column in enumerate(self.columns):
                self._set(row, n, values.get(column.key))
            first = self.item(row, 0)
            assert first is not None
            first.setData(PAYLOAD, payload)
        if rows:
            self.setCurrentCell(min(max(current[0], 0), len(rows) - 1), max(current[1], 0))
        self._fit_columns()
        self._filling = False

    def _fit_columns(self) -> None:
        """Columns as wide as their content (within reason); the stretching one takes the rest,
        but never less than STRETCH_MIN characters (on a small screen the table scrolls instead
        of cutting project names to a few characters)."""
        metrics = self.fontMetrics()
        fixed = 0
        for n, column in enumerate(self.columns):
            if not column.stretch:
                self.resizeColumnToContents(n)
                least = max(MIN_COLUMN, metrics.horizontalAdvance(WIDEST.get(column.kind, "")) + 16)
                self.setColumnWidth(n, max(least, min(self.columnWidth(n), MAX_COLUMN)))
                fixed += self.columnWidth(n)
        room = self.viewport().width() - fixed
        least = metrics.horizontalAdvance("中" * STRETCH_MIN)
        header = self.horizontalHeader()
        for n, column in enumerate(self.columns):
            if column.stretch:
                squeezed = room < least
                mode = QHeaderView.ResizeMode.Interactive if squeezed else QHeaderView.ResizeMode.Stretch
                if header.sectionResizeMode(n) != mode:
                    header.setSectionResizeMode(n, mode)
                if squeezed:
                    self.setColumnWidth(n, least)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def records(self) -> list[tuple[Any, dict[str, Any]]]:
        """Every row as (its record, {column key: value}); a CellProblem names the first cell
        that cannot be read. A row with every cell empty is left out."""
        out = []
        for row in range(self.rowCount()):
            if self.payload(row) is None and self._blank(row):
                continue
            values = {c.key: self._read(row, n) for n, c in enumerate(self.columns) if c.kind != "fixed"}
            out.append((self.payload(row), values))
        return out

    def _blank(self, row: int) -> bool:
        for n, column in enumerate(self.columns):
            item = self.item(row, n)
            if column.kind == "choice" and self._value(row, n) is not None:
                return False
            if column.kind not in ("choice", "fixed") and item is not None and item.text().strip():
                return False
        return True

    def payload(self, row: int) -> Any:
        first = self.item(row, 0)
        return first.data(PAYLOAD) if first is not None else None

    def set_payload(self, row: int, payload: Any) -> None:
        first = self.item(row, 0)
        if first is not None:
            first.setData(PAYLOAD, payload)

    def _read(self, row: int, n: int) -> Any:
        column = self.columns[n]
        if column.kind == "choice":
            value = self._value(row, n)
        else:
            item = self.item(row, n)
            text = item.text().strip() if item is not None else ""
            value, problem = read_typed(column.kind, text)
            if problem is not None:
                raise CellProblem(self.name, column.title, row, problem)
        if column.required and value in (None, ""):
            raise CellProblem(self.name, column.title, row, REQUIRED)
        return value

    def _value(self, row: int, n: int) -> Any:
        item = self.item(row, n)
        return item.data(VALUE) if item is not None else None

    def _set(self, row: int, n: int, value: Any) -> None:
        column = self.columns[n]
        existing = self.item(row, n)
        item = existing if existing is not None else QTableWidgetItem()
        if column.kind == "choice":
            labels = dict(column.choices(row)) if column.choices is not None else {}
            item.setData(VALUE, value)
            item.setText(labels.get(value, "" if value is None else str(value)))
        else:
            item.setText(shown(value))
        item.setToolTip(item.text())
        flags = item.flags()
        editable = column.kind != "fixed"
        item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags & ~Qt.ItemFlag.ItemIsEditable)
        if existing is None:
            self.setItem(row, n, item)

    def set_cell(self, row: int, key: str, value: Any) -> None:
        """Set one cell from a stored value (a change's current answer, a goal reset)."""
        n = next(i for i, c in enumerate(self.columns) if c.key == key)
        self._filling = True
        self._set(row, n, value)
        self._filling = False

    # -- adding and removing by keyboard ------------------------------------------------------

    def add_row(self) -> int:
        """An empty row at the end, its first cell open for typing."""
        row = self.rowCount()
        self._filling = True
        self.insertRow(row)
        for n, column in enumerate(self.columns):
            self._set(row, n, column.default)
        self._filling = False
        self.setFocus()
        self.setCurrentCell(row, 0)
        first = self.item(row, 0)
        if first is not None:
            self.editItem(first)
        return row

    def remove_row(self, row: int) -> None:
        self.removeRow(row)
        self.edited.emit()

    def point_at(self, row: int, key: str, reason: str) -> None:
        """Put the cursor on a cell the plan's rules refused, with the reason as its tooltip."""
        n = next((i for i, c in enumerate(self.columns) if c.key == key), None)
        if n is None or not 0 <= row < self.rowCount():
            return
        self.setFocus()
        self.setCurrentCell(row, n)
        item = self.item(row, n)
        if item is not None and reason:
            item.setToolTip(reason)

    def row_title(self, row: int) -> str:
        item = self.item(row, 0)
        return item.text() if item is not None else ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing and not self.read_only:
            item = self.currentItem()
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                self.editItem(item)
                return
        super().keyPressEvent(event)


class CellDelegate(QStyledItemDelegate):
    """A list to choose from in choice columns (searchable when long); plain editing elsewhere."""

    def __init__(self, table: PlanTable) -> None:
        super().__init__(table)
        self.table = table

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        column = self.table.columns[index.column()]
        if column.kind != "choice" or column.choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        choices = column.choices(index.row())
        for value, label in choices:
            combo.addItem(label, value)
        if len(choices) > SEARCHABLE:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(combo.model(), combo)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            combo.setCompleter(completer)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(VALUE))))
            return
        super().setEditorData(editor, index)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QComboBox):
            at = editor.findText(editor.currentText()) if editor.isEditable() else editor.currentIndex()
            if at < 0:
                return  # typed text that matches no choice: the cell keeps its value
            # Both at once: one change, one save.
            model.setItemData(
                index, {Qt.ItemDataRole.DisplayRole: editor.itemText(at), VALUE: editor.itemData(at)}
            )
            return
        super().setModelData(editor, model, index)
