"""A rating page: one dimension's criteria as rows grouped by level, its answer set as columns.

↑/↓ move between criteria, a number key answers the current one (1 = the first column) and
moves on. The view only shows what it is given and reports keys and clicks; the question page
commits answers through the session and tells the view what was saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diagnosis.ui.widgets import PlainLabel

CHOSEN, EMPTY, FLAG = "●", "○", "⚑"
CHOSEN_BACKGROUND = QColor("#dbeafe")
GROUP_BACKGROUND = QColor("#f3f4f6")


@dataclass(frozen=True)
class Row:
    question: str
    text: str
    level: int | None
    chosen: int | None  # index into the answer set
    flagged: bool
    noted: bool


@dataclass(frozen=True)
class Group:
    level: int | None
    title: str  # e.g. '二级 受管理级'


class RatingTable(QTableWidget):
    answered = Signal(str, int)  # question, option index
    flag_clicked = Signal(str)
    moved = Signal(str)  # the current criterion changed

    def __init__(self) -> None:
        super().__init__()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table (to the note), arrows move inside
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.options = 0
        self.read_only = False
        self.row_questions: list[str | None] = []  # per row; None for a level heading
        self.group_rows: dict[int | None, int] = {}  # a level's heading row
        self.cellClicked.connect(self._clicked)
        self.currentCellChanged.connect(lambda row, *_: self._moved(row))

    # -- content ------------------------------------------------------------------------------

    def fill(self, groups: list[tuple[Group, list[Row]]], options: list[str], focus: str | None) -> None:
        self.blockSignals(True)
        self.clear()
        self.clearSpans()
        self.options = len(options)
        self.setColumnCount(len(options) + 3)  # the criterion, the answers, ⚑, ✎
        self.setHorizontalHeaderLabels(["", *options, FLAG, "✎"])
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(options) + 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.row_questions = [q for _, rows in groups for q in (None, *(r.question for r in rows))]
        self.setRowCount(len(self.row_questions))
        at = 0
        self.group_rows = {}
        for group, rows in groups:
            self.group_rows[group.level] = at
            self._group_row(at, group)
            at += 1
            for row in rows:
                self._criterion_row(at, row)
                at += 1
        self.blockSignals(False)
        self.resizeRowsToContents()
        self.focus_question(focus or self.first_question())

    def _group_row(self, at: int, group: Group) -> None:
        item = QTableWidgetItem(group.title)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QBrush(GROUP_BACKGROUND))
        self.setItem(at, 0, item)
        self.setSpan(at, 0, 1, self.columnCount())

    def set_group_title(self, level: int | None, title: str) -> None:
        at = self.group_rows.get(level)
        item = self.item(at, 0) if at is not None else None
        if item is not None:
            item.setText(title)

    def _criterion_row(self, at: int, row: Row) -> None:
        self.setItem(at, 0, QTableWidgetItem(row.text))
        for column in range(1, self.columnCount()):
            cell = QTableWidgetItem()
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(at, column, cell)
        self.set_row(row.question, row.chosen, row.flagged, row.noted)

    def set_row(self, question: str, chosen: int | None, flagged: bool, noted: bool) -> None:
        at = self.row_of(question)
        if at is None:
            return
        cells = [self.item(at, column) for column in range(self.columnCount())]
        for n in range(self.options):
            cell = cells[n + 1]
            assert cell is not None
            cell.setText(CHOSEN if n == chosen else EMPTY)
            cell.setBackground(QBrush(CHOSEN_BACKGROUND) if n == chosen else QBrush())
        flag, note = cells[self.options + 1], cells[self.options + 2]
        assert flag is not None and note is not None
        flag.setText(FLAG if flagged else "")
        note.setText("✎" if noted else "")

    # -- where we are -------------------------------------------------------------------------

    def question_at(self, row: int) -> str | None:
        return self.row_questions[row] if 0 <= row < len(self.row_questions) else None

    def row_of(self, question: str) -> int | None:
        return self.row_questions.index(question) if question in self.row_questions else None

    def questions(self) -> list[str]:
        return [q for q in self.row_questions if q is not None]

    def first_question(self) -> str | None:
        return next((q for q in self.row_questions if q is not None), None)

    def current_question(self) -> str | None:
        return self.question_at(self.currentRow()) if self.currentRow() >= 0 else None

    def focus_question(self, question: str | None) -> None:
        at = self.row_of(question) if question else None
        if at is not None:
            self.setCurrentCell(at, 0)
            self.scrollTo(self.model().index(at, 0))

    def step(self, delta: int) -> bool:
        """To the next (or previous) criterion, over the level headings; False at either end."""
        at = self.currentRow() + delta
        while 0 <= at < self.rowCount() and self.question_at(at) is None:
            at += delta
        if not 0 <= at < self.rowCount():
            if delta < 0 and self.currentRow() > 0:
                self.scrollToTop()  # show the heading of the first level too
            return False
        self.setCurrentCell(at, 0)
        return True

    def _moved(self, row: int) -> None:
        question = self.question_at(row)
        if question is not None:
            self.moved.emit(question)

    # -- keys and clicks ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, plain = (
            event.key(),
            event.modifiers()
            in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ),
        )
        if plain and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step(1 if key == Qt.Key.Key_Down else -1)
            return
        text = event.text()
        if plain and text.isdigit() and 1 <= int(text) <= self.options:
            question = self.current_question()
            if question is not None and not self.read_only:
                self.answered.emit(question, int(text) - 1)
            return
        super().keyPressEvent(event)

    def _clicked(self, row: int, column: int) -> None:
        question = self.question_at(row)
        if question is None or self.read_only:
            return
        if 1 <= column <= self.options:
            self.answered.emit(question, column - 1)
        elif column == self.options + 1:
            self.flag_clicked.emit(question)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()  # wrapped criteria take the height the new width needs


class RatingView(QWidget):
    """The table with the target level above it (when the questionnaire declares one)."""

    target_chosen = Signal(object)  # an option id, or None for every level

    def __init__(self) -> None:
        super().__init__()
        self.table = RatingTable()
        self.target_label = PlainLabel()
        self.target = QComboBox()
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # never cut
        self.target_label.setBuddy(self.target)
        self.target.activated.connect(lambda i: self.target_chosen.emit(self.target.itemData(i)))
        top = QHBoxLayout()
        top.addWidget(self.target_label)
        top.addWidget(self.target)
        top.addStretch()
        self.target_row = QWidget()
        self.target_row.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.target_row)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.target, self.table)

    def offer_target(self, label: str, choices: list[tuple[str, str | None]], chosen: str | None) -> None:
        """Show the target level control with its choices ((label, option id or None))."""
        self.target_label.setText(label)
        self.target.blockSignals(True)
        self.target.clear()
        for text, option in choices:
            self.target.addItem(text, option)
        self.target.setCurrentIndex(max(self.target.findData(chosen), 0))
        self.target.blockSignals(False)
        self.target_row.show()

    def hide_target(self) -> None:
        self.target_row.hide()
