"""The question page's left side: the dimension tree with progress, a search field and a filter
(unanswered / marked for review / with a note). What matches comes from `flow.find`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diagnosis import flow
from diagnosis.model import Dimension
from diagnosis.model.index import index_of
from diagnosis.session import Session
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel

TARGET = Qt.ItemDataRole.UserRole
DIMENSION = "dim:"


class SidePanel(QWidget):
    def __init__(self, ctx: Context, jump: Callable[[str], None], back: Callable[[], None]) -> None:
        """`jump` receives a question id or 'dim:<dimension id>'; `back` returns focus to the page."""
        super().__init__()
        self.ctx, self.jump, self.back = ctx, jump, back
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self.update_results())
        self.search.returnPressed.connect(self._first_result)
        self.search.installEventFilter(self)
        self.filter = QComboBox()
        self.filter.currentIndexChanged.connect(lambda _: self.update_results())
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.results = QListWidget()
        self.results.setWordWrap(True)  # whole criteria, not their first words
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.count = PlainLabel(name="hint")
        self.count.hide()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.results)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.filter)
        layout.addWidget(self.count)
        layout.addWidget(self.stack, 1)
        self.matches: list[str] = []

    def retranslate(self) -> None:
        t = self.ctx.t
        self.search.setPlaceholderText(t("side.search"))
        self.search.setAccessibleName(t("side.search"))
        self.filter.setAccessibleName(t("side.filter"))
        self.tree.setAccessibleName(t("col.questionnaire"))
        at = max(self.filter.currentIndex(), 0)
        self.filter.blockSignals(True)
        self.filter.clear()
        for name in flow.FILTERS:
            self.filter.addItem(t(f"q.filter.{name}"), name)
        self.filter.setCurrentIndex(at)
        self.filter.blockSignals(False)

    @property
    def session(self) -> Session:
        assert self.ctx.session is not None
        return self.ctx.session

    def set_filter(self, name: str) -> None:
        """A filter chosen from the menu shows all it matches (a search left over is cleared)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filter.setCurrentIndex(max(self.filter.findData(name), 0))
        self.update_results()
        if name != "all":
            self.results.setFocus()

    # -- the tree -----------------------------------------------------------------------------

    def fill_tree(self, current_dimension: str) -> None:
        session, lang = self.session, self.ctx.texts.lang
        counts = flow.progress(session.questionnaire, session.answers())
        index = index_of(session.questionnaire)
        self.tree.clear()

        def add(parent: QTreeWidget | QTreeWidgetItem, dims: list[Dimension]) -> None:
            for dim in dims:
                count = counts[dim.id]
                if count.shown == 0:
                    continue
                item = QTreeWidgetItem([f"{dim.title.get(lang)}  {count.answered}/{count.shown}"])
                item.setData(0, TARGET, DIMENSION + dim.id)
                if isinstance(parent, QTreeWidget):
                    parent.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                add(item, dim.children)
                if dim.id == current_dimension:
                    self.tree.setCurrentItem(item)

        add(self.tree, index.root.children)
        self.tree.expandAll()
        current = self.tree.currentItem()
        if current is not None:  # in view, however long the tree (after expanding: rows moved)
            self.tree.scrollToItem(current, QAbstractItemView.ScrollHint.PositionAtCenter)
        if self.stack.currentWidget() is self.results:
            self.update_results()

    # -- search and filters -------------------------------------------------------------------

    def update_results(self) -> None:
        """Matching questions (and, for a search, dimensions to jump to) instead of the tree."""
        if self.ctx.session is None:
            return
        session, lang = self.session, self.ctx.texts.lang
        text = self.search.text()
        show: flow.Filter = self.filter.currentData() or "all"
        if not text.strip() and show == "all":
            self.stack.setCurrentWidget(self.tree)
            self.count.setText("")
            self.count.hide()
            self.matches = []
            return
        q, answers = session.questionnaire, session.answers()
        index = index_of(q)
        self.matches = flow.find(
            q, answers, show=show, text=text, notes=session.notes(), flagged=session.flagged()
        )
        self.results.clear()
        for dim in flow.find_dimensions(q, answers, text) if show == "all" else []:
            item = QListWidgetItem(f"▸ {index.dimensions[dim].title.get(lang)}")
            item.setData(TARGET, DIMENSION + dim)
            self.results.addItem(item)
        for qid in self.matches:
            where = index.dimensions[index.parent_of[qid]].title.get(lang)
            item = QListWidgetItem(f"{where} · {index.questions[qid].text.get(lang)}")
            item.setData(TARGET, qid)
            self.results.addItem(item)
        self.count.setText(self.ctx.t("side.count", n=len(self.matches)))
        self.count.show()
        self.stack.setCurrentWidget(self.results)
        if self.results.count():
            self.results.setCurrentRow(0)

    def next_match(self, current: str | None, delta: int) -> str | None:
        """The match after (or before) `current` in questionnaire order, wrapping round."""
        if not self.matches:
            return None
        order = list(index_of(self.session.questionnaire).questions)
        here = order.index(current) if current in order else -1
        later = [m for m in self.matches if (order.index(m) - here) * delta > 0]
        if delta > 0:
            return later[0] if later else self.matches[0]
        return later[-1] if later else self.matches[-1]

    def _first_result(self) -> None:
        if self.stack.currentWidget() is self.results and self.results.count():
            self._activated(self.results.item(0))

    def _activated(self, item: QListWidgetItem | QTreeWidgetItem) -> None:
        target = item.data(0, TARGET) if isinstance(item, QTreeWidgetItem) else item.data(TARGET)
        if target:
            self.jump(str(target))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.stack.currentWidget() is self.results:
                self.results.setFocus()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                self.back()
                return True
        return False
