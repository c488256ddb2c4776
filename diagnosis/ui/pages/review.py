"""Step 5: the live result: level and what decided it, score, radar, dimension scores and levels,
the scene ladder (mandatory scenes marked), gaps, unanswered required questions.

Enter or Alt+→ go on to the finish page, Alt+← back to the questions; figures are rounded.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
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
from diagnosis.outcome import deciding_checks, ladder_table, node_level, rounded
from diagnosis.report.conditions import part_gaps, unmet
from diagnosis.scoring.result import NodeResult, ScoreResult
from diagnosis.ui.context import Context
from diagnosis.ui.pages.radar import RadarChart
from diagnosis.ui.pages.review_checks import QID, ChecksView, fit_height
from diagnosis.ui.widgets import PlainLabel, page_layout


class ReviewPage(QWidget):
    def __init__(
        self,
        ctx: Context,
        to_question: Callable[[str], None],
        finish: Callable[[], None],
        home: Callable[[], None],
        to_plan: Callable[[str], None],
    ) -> None:
        """`to_plan(part)`: open the plan step at a part to complete (`projects.2.funding` …)."""
        super().__init__()
        self.ctx, self.to_question, self.finish, self.home = ctx, to_question, finish, home
        self.title = PlainLabel(name="pageTitle")
        self.level = PlainLabel(name="levelText")
        self.score = PlainLabel()
        self.decided_label, self.missing_label, self.gap_label = PlainLabel(), PlainLabel(), PlainLabel()
        self.checks = ChecksView(ctx, to_question, self._explained, to_plan)
        self.scenes_label, self.scenes_note = PlainLabel(), PlainLabel(wrap=True, name="hint")
        self.decided = QListWidget()
        self.decided.setWordWrap(True)
        self.missing = QListWidget()
        self.missing.itemActivated.connect(self._open)
        self.missing.itemClicked.connect(self._open)
        self.gaps = QListWidget()
        self.gaps.setWordWrap(True)
        self.radar = RadarChart()
        self.scores = QTreeWidget()
        self.scores.setColumnCount(3)
        self.scores.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scores.header().setStretchLastSection(False)
        self.scenes = QTreeWidget()
        self.scenes.setColumnCount(3)
        self.scenes.setRootIsDecorated(False)
        self.scenes.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scenes.header().setStretchLastSection(False)
        self.back, self.next = QPushButton(), QPushButton()
        self.back.clicked.connect(lambda: self.to_question(""))
        self.next.clicked.connect(self.finish)
        content = QWidget()
        grid = QGridLayout(content)
        left = QVBoxLayout()
        widget: QWidget
        for widget in (
            self.title,
            self.level,
            self.score,
            self.decided_label,
            self.decided,
            self.missing_label,
            self.missing,
            self.checks,
            self.gap_label,
            self.gaps,
            self.scenes_label,
            self.scenes,
            self.scenes_note,
        ):
            left.addWidget(widget)
        left.addStretch()
        right = QVBoxLayout()
        for widget in (self.radar, self.scores):
            right.addWidget(widget)
        right.addStretch()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch()
        buttons.addWidget(self.next)
        page_layout(self, content, buttons)
        for keys, action in (
            (Qt.Key.Key_Return, self._enter),
            (Qt.Key.Key_Enter, self._enter),
            ("Alt+Right", self.finish),
            ("Alt+Left", lambda: self.to_question("")),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.ctx.t
        self.title.setText(t("rev.title"))
        self.back.setText(t("btn.back"))
        self.next.setText(t("btn.next"))
        self.scores.setHeaderLabels([t("col.dimension"), t("col.score"), t("col.level")])
        self.scenes.setHeaderLabels([t("rev.scene"), t("col.level"), t("rev.mandatory")])
        self.decided_label.setText(t("rev.decided"))
        self.missing.setAccessibleName(t("rev.missing", n=""))
        self.gaps.setAccessibleName(t("rev.next", level=""))
        if self.ctx.session is not None and self.isVisible():
            self.enter()

    def _enter(self) -> None:
        if self.missing.hasFocus() and self.missing.currentItem() is not None:
            self._open(self.missing.currentItem())
        elif not self.checks.activate_focused():
            self.finish()

    def _explained(self) -> None:
        self.enter()
        self.checks.alerts.setFocus() if self.checks.alerts.count() else self.next.setFocus()

    def enter(self) -> None:
        session = self.ctx.session
        assert session is not None
        lang, t = self.ctx.texts.lang, self.ctx.t
        result = session.result()
        self.level.setText(
            t("rev.level", level=result.level.name.get(lang) if result.level else t("rev.not_rated"))
        )
        self.score.setText(
            t("rev.score", score=rounded(result.score), max=rounded(result.max_score))
            + t("rev.answered", done=result.completeness.answered, total=result.completeness.visible)
        )
        self.radar.set_points(
            [(n.name.get(lang), (n.score or 0) / n.max_score) for n in result.root.children if n.max_score]
        )
        self._deciding(result)
        self._missing()
        self.checks.show_checks()
        self._scores(result)
        self._scenes(result)
        self._gaps(result)
        self.next.setFocus()

    def _deciding(self, result: ScoreResult) -> None:
        lang = self.ctx.texts.lang
        self.decided.clear()
        for check in deciding_checks(result):
            now = f"  ({rounded(check.current)})" if check.current is not None else ""
            self.decided.addItem(f"{'✓' if check.met else '✗'} {check.text.get(lang)}{now}")
        self.decided_label.setVisible(self.decided.count() > 0)
        self.decided.setVisible(self.decided.count() > 0)
        fit_height(self.decided, self.decided.count(), 200)

    def _missing(self) -> None:
        session = self.ctx.session
        assert session is not None
        t, lang = self.ctx.t, self.ctx.texts.lang
        missing = flow.required_missing(session.questionnaire, session.answers())
        self.missing_label.setText(t("rev.missing", n=len(missing)) if missing else t("rev.complete"))
        self.missing.clear()
        index = index_of(session.questionnaire)
        for qid in missing:
            item = QListWidgetItem(index.questions[qid].text.get(lang))
            item.setData(QID, qid)
            self.missing.addItem(item)
        self.missing.setVisible(bool(missing))
        fit_height(self.missing, len(missing), 200)

    def _scores(self, result: ScoreResult) -> None:
        self.scores.clear()
        shown = self._add(self.scores.invisibleRootItem(), result.root.children)
        self.scores.expandAll()
        has_levels = any(item.text(2) for item in shown)
        self.scores.setColumnHidden(2, not has_levels)  # no dimension levels: no empty column
        for column in (1, 2):
            self.scores.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        fit_height(self.scores, len(shown))

    def _add(self, parent: QTreeWidgetItem, nodes: list[NodeResult]) -> list[QTreeWidgetItem]:
        session = self.ctx.session
        assert session is not None
        lang, added = self.ctx.texts.lang, []
        for node in nodes:
            if node.max_score is None:
                continue
            level = node_level(session.questionnaire, node)
            item = QTreeWidgetItem(
                [
                    node.name.get(lang),
                    f"{rounded(node.score)} / {rounded(node.max_score)}",
                    level.name.get(lang) if level else "",
                ]
            )
            parent.addChild(item)
            added += [item, *self._add(item, node.children)]
        return added

    def _scenes(self, result: ScoreResult) -> None:
        session = self.ctx.session
        assert session is not None
        t, lang = self.ctx.t, self.ctx.texts.lang
        table = ladder_table(session.questionnaire, result)
        self.scenes.clear()
        for row in table.rows:
            self.scenes.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        row.text.get(lang),
                        row.option.label.get(lang) if row.option else t("rev.unanswered"),
                        "★" if row.marked else "",
                    ]
                )
            )
        for column in (1, 2):
            self.scenes.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.scenes_label.setText(table.name.get(lang) if table.name else "")
        marker = "、".join(name.get(lang) for name in table.marker)
        self.scenes_note.setText(t("rev.marker", sets=marker) if marker else "")
        for widget in (self.scenes_label, self.scenes, self.scenes_note):
            widget.setVisible(bool(table.rows))
        fit_height(self.scenes, len(table.rows), 520)

    def _gaps(self, result: ScoreResult) -> None:
        session = self.ctx.session
        assert session is not None
        t, lang = self.ctx.t, self.ctx.texts.lang
        index = index_of(session.questionnaire)
        self.gaps.clear()
        nxt = result.next_level
        self.gap_label.setText(t("rev.next", level=nxt.level.name.get(lang)) if nxt else t("rev.top"))
        if nxt is not None:
            for check in nxt.unmet:  # with the members that hold a count back, named
                self.gaps.addItem(f"✗ {unmet(session.questionnaire, result, check, lang)}")
            for better in nxt.improvements[:5]:
                self.gaps.addItem(
                    f"+{rounded(better.gain)}  {index.questions[better.question].text.get(lang)}"
                )
        for part in part_gaps(session.questionnaire, result, {}, lang):  # e.g. a grade readiness
            colon = "：" if lang == "zh" else ": "
            self.gaps.addItem(f"{part.name}{colon}{part.level} → {part.next_level}")
            for text in part.unmet:
                self.gaps.addItem(f"✗ {text}")
        self.gaps.setVisible(self.gaps.count() > 0)
        fit_height(self.gaps, self.gaps.count(), 300)

    def _open(self, item: QListWidgetItem) -> None:
        self.to_question(item.data(QID))
