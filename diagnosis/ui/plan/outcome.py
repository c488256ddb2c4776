"""Beside the plan: the level it reaches, live — the engine on the answers as they would be once
every project is done, with the level rule's conditions met (√) or not (×), the budget and the
period, as `diagnosis plan ID --summary` prints them — and what in the plan does not fit."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QVBoxLayout

from diagnosis.model import Questionnaire
from diagnosis.numbers import amount
from diagnosis.plan.model import Plan
from diagnosis.plan.outcome import outcome
from diagnosis.plan.summary import standing_lines
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel

FUNDS = ("enterprise", "subsidy", "other")


class OutcomeView(QFrame):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = PlainLabel(wrap=True)
        self.level = PlainLabel(wrap=True, name="levelText")
        self.lines = PlainLabel(wrap=True)
        self.funding = PlainLabel(wrap=True)
        self.problems = PlainLabel(wrap=True, name="fieldError")
        column = QVBoxLayout(self)
        for widget in (self.title, self.level, self.lines, self.funding, self.problems):
            column.addWidget(widget)
        column.addStretch()

    def show_outcome(self, questionnaire: Questionnaire, answers: dict[str, Any], plan: Plan) -> None:
        t, lang = self.ctx.t, self.ctx.texts.lang
        result = outcome(questionnaire, answers, plan, lang)
        self.title.setText(t("plan.outcome.title"))
        planned = result.planned.level
        self.level.setText(planned.name.get(lang) if planned is not None else t("rev.not_rated"))
        self.lines.setText("\n".join(standing_lines(result, lang)))
        parts = [
            t(f"plan.fund.{key}", amount=amount(result.funding[key], lang))
            for key in FUNDS
            if key in result.funding
        ]
        self.funding.setText(t("plan.outcome.funding", parts=t("plan.fund.sep").join(parts)) if parts else "")
        self.funding.setVisible(bool(parts))

    def show_problems(self, lines: list[str]) -> None:
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))
