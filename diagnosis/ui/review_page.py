"""Step 5: the live result: level, score, radar, dimension scores, gaps, unanswered questions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diagnosis import flow
from diagnosis.model.index import index_of
from diagnosis.scoring.result import NodeResult
from diagnosis.ui.context import Context
from diagnosis.ui.radar import RadarChart


class ReviewPage(QWidget):
    def __init__(self, ctx: Context, to_question: Callable[[str], None], finish: Callable[[], None]) -> None:
        super().__init__()
        self.ctx, self.to_question, self.finish = ctx, to_question, finish
        self.title, self.level, self.score, self.missing_label, self.gap_label = (QLabel() for _ in range(5))
        self.title.setObjectName("pageTitle")
        self.level.setObjectName("levelText")
        self.missing = QListWidget()
        self.missing.itemActivated.connect(self._open)
        self.missing.itemClicked.connect(self._open)
        self.gaps = QListWidget()
        self.gaps.setWordWrap(True)
        self.radar = RadarChart()
        self.scores = QTreeWidget()
        self.scores.setColumnCount(3)
        self.back, self.next = QPushButton(), QPushButton()
        self.back.clicked.connect(lambda: self.to_question(""))
        self.next.clicked.connect(self.finish)
        top = QHBoxLayout()
        head = QVBoxLayout()
        for widget in (self.title, self.level, self.score, self.missing_label, self.missing):
            head.addWidget(widget)
        top.addLayout(head, 1)
        top.addWidget(self.radar, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.scores, 1)
        gaps = QVBoxLayout()
        gaps.addWidget(self.gap_label)
        gaps.addWidget(self.gaps)
        bottom.addLayout(gaps, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch()
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        self.title.setText(t("rev.title"))
        self.back.setText(t("btn.back"))
        self.next.setText(t("btn.next"))
        self.scores.setHeaderLabels([t("col.dimension"), t("col.score"), t("col.level")])
        self.missing.setAccessibleName(t("rev.missing", n=""))
        self.gaps.setAccessibleName(t("rev.next", level=""))
        if self.ctx.session is not None:
            self.enter()

    def enter(self) -> None:
        session = self.ctx.session
        assert session is not None
        lang, t = self.ctx.texts.lang, self.ctx.t
        result = session.result()
        self.level.setText(
            t("rev.level", level=result.level.name.get(lang) if result.level else t("rev.not_rated"))
        )
        self.score.setText(t("rev.score", score=f"{result.score:g}", max=f"{result.max_score:g}"))
        self.radar.set_points(
            [(n.name.get(lang), (n.score or 0) / n.max_score) for n in result.root.children if n.max_score]
        )
        missing = flow.required_missing(session.questionnaire, session.answers())
        self.missing_label.setText(t("rev.missing", n=len(missing)) if missing else t("rev.complete"))
        self.missing.clear()
        index = index_of(session.questionnaire)
        for qid in missing:
            item = QListWidgetItem(index.questions[qid].text.get(lang))
            item.setData(Qt.ItemDataRole.UserRole, qid)
            self.missing.addItem(item)
        self.missing.setVisible(bool(missing))
        self.scores.clear()
        self._add(self.scores.invisibleRootItem(), result.root.children)
        self.scores.expandAll()
        self.scores.resizeColumnToContents(0)
        self.gaps.clear()
        nxt = result.next_level
        self.gap_label.setText(t("rev.next", level=nxt.level.name.get(lang)) if nxt else t("rev.top"))
        if nxt is not None:
            for check in nxt.unmet:
                self.gaps.addItem(
                    f"✗ {check.text.get(lang)}"
                    + (f"  ({check.current:g})" if check.current is not None else "")
                )
            for better in nxt.improvements[:5]:
                self.gaps.addItem(f"+{better.gain:g}  {index.questions[better.question].text.get(lang)}")
        self.next.setFocus()

    def _add(self, parent: QTreeWidgetItem, nodes: list[NodeResult]) -> None:
        lang = self.ctx.texts.lang
        for node in nodes:
            if node.max_score is None:
                continue
            item = QTreeWidgetItem(
                [
                    node.name.get(lang),
                    f"{node.score:g} / {node.max_score:g}",
                    node.level.name.get(lang) if node.level else "",
                ]
            )
            parent.addChild(item)
            self._add(item, node.children)

    def _open(self, item: QListWidgetItem) -> None:
        self.to_question(item.data(Qt.ItemDataRole.UserRole))
