"""On the review page, what a reviewer would otherwise check by hand: what still stops finalizing
(Enter goes to the part of the plan to complete), the plausibility warnings not explained yet
(Enter explains one with a note) and the evidence still missing (the share of questions with
their expected evidence; Enter opens a question). All come from the core's own functions (the
finalize rule, the report's checks), so the page, `finalize` and the report always agree."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from diagnosis.model.index import index_of
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel

QID = Qt.ItemDataRole.UserRole


def fit_height(view: QAbstractItemView, rows: int, cap: int = 420) -> None:
    """Lists inside the scrolling page show their rows instead of a scroll bar of their own."""
    row = view.sizeHintForRow(0) if rows else 20
    header = view.header().sizeHint().height() if isinstance(view, QTreeWidget) else 0
    view.setFixedHeight(min(cap, max(60, rows * max(row, 18) + header + 8)))


class ChecksView(QWidget):
    def __init__(
        self,
        ctx: Context,
        to_question: Callable[[str], None],
        explained: Callable[[], None],
        to_plan: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.ctx, self.to_question, self.explained = ctx, to_question, explained
        self.blockers_label = PlainLabel(wrap=True, name="fieldError")
        self.blockers = QListWidget()
        self.blockers.setWordWrap(True)
        self.blockers.itemActivated.connect(lambda item: to_plan(item.data(QID)))
        self.alerts_label, self.evidence_label = PlainLabel(wrap=True), PlainLabel(wrap=True)
        self.alerts = QListWidget()
        self.alerts.setWordWrap(True)
        self.alerts.itemActivated.connect(self._explain)
        self.evidence = QListWidget()
        self.evidence.setWordWrap(True)
        self.evidence.itemActivated.connect(lambda item: self.to_question(item.data(QID)))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.blockers_label,
            self.blockers,
            self.alerts_label,
            self.alerts,
            self.evidence_label,
            self.evidence,
        ):
            column.addWidget(widget)

    def show_checks(self) -> None:
        from diagnosis.report.appendix import checks, evidence_share, missing_evidence
        from diagnosis.ui.dialogs.alerts import source_of

        session = self.ctx.session
        assert session is not None
        t, lang = self.ctx.t, self.ctx.texts.lang
        self._show_blockers()
        source = source_of(self.ctx)
        index = index_of(session.questionnaire)
        found = [alert for alert in checks(source) if not alert.resolved]
        self.alerts_label.setText(t("chk.open", n=len(found)) if found else t("chk.none"))
        comma = "、" if lang == "zh" else "; "
        rows = []
        for alert in found:
            names = [index.questions[q].text.get(lang) for q in alert.questions if q in index.questions]
            where = t("chk.where", where=comma.join(names)) if names else ""
            rows.append((f"⚠ {alert.message.get(lang)}{where}", alert.id))
        self._fill(self.alerts, rows)
        missing = missing_evidence(source)
        share = evidence_share(source, lang)
        self.evidence_label.setText(share + (t("chk.evidence_missing") if missing else ""))
        self.evidence_label.setVisible(bool(share))
        rows = []
        for qid in missing:
            question = index.questions[qid]
            expected = question.evidence.get(lang) if question.evidence else ""
            rows.append((f"{question.text.get(lang)} — {expected}", qid))
        self._fill(self.evidence, rows)

    def _show_blockers(self) -> None:
        """What `finalize` would refuse today, each leading to the part of the plan to complete."""
        from diagnosis.storage.assessments import finalize_blockers_of

        session = self.ctx.session
        assert session is not None
        found = [] if session.read_only else finalize_blockers_of(self.ctx.store, session.assessment_id)
        self.blockers_label.setText(self.ctx.t("chk.blockers", n=len(found)))
        self.blockers_label.setVisible(bool(found))
        self._fill(self.blockers, [(f"✗ {self.ctx.say(p.message)}", p.part) for p in found])

    @staticmethod
    def _fill(listed: QListWidget, rows: list[tuple[str, str]]) -> None:
        listed.clear()
        for text, key in rows:
            item = QListWidgetItem(text)
            item.setData(QID, key)
            listed.addItem(item)
        listed.setVisible(bool(rows))
        fit_height(listed, len(rows), 200)

    def activate_focused(self) -> bool:
        """Enter on one of the lists: explain the warning or open the question (True: done)."""
        for listed in (self.blockers, self.alerts, self.evidence):
            item = listed.currentItem()
            if listed.hasFocus() and item is not None:
                listed.itemActivated.emit(item)
                return True
        return False

    def explain_current(self) -> None:
        """Explain the selected warning (the first one when none is selected)."""
        item = self.alerts.currentItem() or self.alerts.item(0)
        if item is not None:
            self._explain(item)

    def _explain(self, item: QListWidgetItem) -> None:
        from diagnosis.ui.dialogs.alerts import explain, open_alerts

        session = self.ctx.session
        if session is None or session.read_only:
            return
        alert = next((a for a in open_alerts(self.ctx) if a.id == item.data(QID)), None)
        if alert is not None and explain(self, self.ctx, alert):
            self.explained()
