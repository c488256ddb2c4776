"""The claims table and the refused documents as item models over the desk's rows: the view asks
only for the cells it shows, so ten thousand claims cost no more to show than twenty. Sorting a
column asks the desk again (its own orders where it has one, which end on city, county and
enterprise, as a clerk looks for a claim)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from diagnosis.localtime import local_minute
from diagnosis.messages import msg
from diagnosis.numbers import figure
from diagnosis.ui.context import Context

if TYPE_CHECKING:
    from diagnosis.intake.desk import ClaimFilter, Desk
    from diagnosis.intake.ledger import Claim

Index = QModelIndex | QPersistentModelIndex
ID = Qt.ItemDataRole.UserRole  # a claim's id on every cell of its row
HELD, PAYABLE = QColor("#b45309"), QColor("#15803d")


@dataclass(frozen=True)
class Column:
    title: str  # a text key
    text: Callable[[Any, Context], str]
    sort: str | Callable[[Any], Any] | None = None  # the desk's order (Sort), or a key of our own
    number: bool = False
    width: int = 0  # characters the column starts with (0: fitted to its title)


def _reasons(claim: Claim, ctx: Context) -> str:
    return "；".join(ctx.say(hold.reason) for hold in claim.holds)


CLAIM_COLUMNS: tuple[Column, ...] = (  # what a clerk pays by first, the rest to the right
    Column("ik.col.city", lambda c, _: c.row["city"] or "", "place", width=6),
    Column("ik.col.county", lambda c, _: c.row["county"] or "", "place", width=6),
    Column("ik.col.enterprise", lambda c, _: c.row["enterprise"], "enterprise", width=14),
    Column("ik.col.status", lambda c, ctx: ctx.say(msg(f"pay.status.{c.status}")), "status"),
    Column("ik.col.payable", lambda c, _: f"{c.payable:,}", "payable", number=True),
    Column("ik.col.requested", lambda c, _: f"{c.requested:,}", "requested", number=True),
    Column("ik.col.reasons", _reasons, lambda c: (len(c.holds), c.place()), width=16),
    Column("ik.col.provider", lambda c, _: c.row["provider"] or "", "provider", width=14),
    Column("ik.col.report", lambda c, _: c.row["report_number"] or "", "report_number", width=16),
    Column(
        "ik.col.uscc", lambda c, _: c.row["uscc"] or "", lambda c: (c.row["uscc"] or "", c.place()), width=12
    ),
    Column("ik.col.day", lambda c, _: c.row["day"].isoformat(), "day", width=6),
    Column("ik.col.score", lambda c, _: figure(c.row["score"], 1), "score", number=True),
    Column("ik.col.kind", lambda c, ctx: ctx.say(msg(f"pay.kind.{c.kind}")), lambda c: (c.kind, c.place())),
)

REFUSED_COLUMNS: tuple[Column, ...] = (
    Column("ik.col.file", lambda r, _: r.name, width=50),
    Column("ik.col.reason", lambda r, ctx: r.reason_zh if ctx.texts.lang == "zh" else r.reason, width=70),
    Column("ik.col.received", lambda r, _: local_minute(r.received_at.isoformat()), width=16),
)


def listed(desk: Desk, only: ClaimFilter, column: int, descending: bool) -> list[Claim]:
    """The claims `only` admits, in the order of `column` (the desk's, or the column's own key)."""
    order = CLAIM_COLUMNS[column].sort or "place"
    if isinstance(order, str):
        return desk.claims(only, order, descending)  # type: ignore[arg-type]
    return sorted(desk.claims(only), key=order, reverse=descending)


class RowsModel(QAbstractTableModel):
    """Rows shown through `columns`; every cell is plain text (a name may hold anything)."""

    def __init__(self, ctx: Context, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.columns = ctx, columns
        self.rows: list[Any] = []
        self.on_sort: Callable[[int, bool], None] | None = None

    def show(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row, self.ctx)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.title == "ik.col.status":
            return HELD if row.status == "held" else PAYABLE
        if role == ID:
            return getattr(row, "id", None)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.ctx.t(self.columns[section].title)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.on_sort is not None:
            self.on_sort(column, order == Qt.SortOrder.DescendingOrder)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def row_of(self, claim_id: int) -> int | None:
        return next((n for n, row in enumerate(self.rows) if getattr(row, "id", None) == claim_id), None)
