"""改造方案: the projects (name, kind of solution, months, budget with its funding split, supplier)
and, below, what the selected project changes: scenes and indicators from their current answer
or level to a target. Goals travel through the cells as JSON text, so an option id, a level
number and a list of options are all one kind of cell value."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from diagnosis.answer_text import answer_label
from diagnosis.model import ChoiceQuestion, Text
from diagnosis.model.index import Index
from diagnosis.outcome import node_level
from diagnosis.plan.model import SOLUTIONS, Change, Funding, Plan, Project
from diagnosis.plan.outcome import change_row
from diagnosis.scoring.engine import score
from diagnosis.ui.context import Context
from diagnosis.ui.plan.sections import Section, _refill
from diagnosis.ui.plan.table import VALUE, CellProblem, Column
from diagnosis.ui.widgets import PlainLabel

FUNDS = ("enterprise", "subsidy", "other")
BEFORE_START = Text(zh="结束月份早于开始月份。", en="The end month is before the start month.")


class ProjectsSection(Section):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.index: Index | None = None
        self.answers: dict[str, Any] = {}
        self.levels: dict[str, str] = {}  # ladder dimension → its current level's name
        solutions = [(None, "—"), *((s, f"plan.solution.{s}") for s in SOLUTIONS)]
        self.projects = self.table(
            "plan.projects",
            [
                Column("name", "plan.project.name", stretch=True, required=True),
                Column("solution", "plan.project.solution", "choice", lambda _: self._labels(solutions)),
                Column("start", "plan.project.start", "month"),
                Column("end", "plan.project.end", "month"),
                Column("budget", "plan.project.budget", "amount"),
                *(Column(fund, f"plan.project.{fund}", "amount") for fund in FUNDS),
                Column("supplier", "plan.project.supplier"),
            ],
        )
        self.projects.currentCellChanged.connect(lambda row, *_: self._show_changes(row))
        self.changes = self.table(
            "plan.changes.table",
            [
                Column("target", "plan.change.target", "choice", lambda _: self._targets(), stretch=True),
                Column("current", "plan.change.current", "fixed"),
                Column("goal", "plan.change.goal", "choice", self._goals),
            ],
            rows=3,
        )
        self.changes.edited.disconnect()  # a change edits its project first (see _changes_edited)
        self.changes.edited.connect(self._changes_edited)
        self.changes_label = PlainLabel()
        self.changes_label.setBuddy(self.changes)
        self.heading("plan.projects", self.projects)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.projects)
        lower = QWidget()
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.changes_label)
        column.addWidget(self.changes)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)  # the projects get the room; a project changes a few things
        split.setStretchFactor(1, 2)
        self.layout_.addWidget(split, 1)
        self.reason = self.note()
        self.heading("plan.no_project_reason", self.reason)
        self.layout_.addWidget(self.reason)

    def _labels(self, choices: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
        return [(value, self.ctx.t(key) if value is not None else key) for value, key in choices]

    # -- what a change can aim at -------------------------------------------------------------

    def _targets(self) -> list[tuple[Any, str]]:
        """Every question with answers to choose from, and every ladder dimension (a level)."""
        index, lang = self.index, self.ctx.texts.lang
        if index is None:
            return []
        out: list[tuple[Any, str]] = [(None, "—")]
        for qid, question in index.questions.items():
            if isinstance(question, ChoiceQuestion):
                out.append((qid, question.text.get(lang)))
        for did, dim in index.dimensions.items():
            if dim.scoring.method == "ladder":
                out.append((did, self.ctx.t("plan.change.level", name=dim.name.get(lang))))
        return out

    def _goals(self, row: int) -> list[tuple[Any, str]]:
        """The goals the row's target can have, as (JSON text, label)."""
        index, lang = self.index, self.ctx.texts.lang
        target = self._target(row)
        if index is None or target is None:
            return []
        if target in index.dimensions:
            dim = index.dimensions[target]
            top = max((q.level or 0 for q in dim.questions), default=0)
            levels = [level for level in index.levels(dim) if level.value and level.value <= top]
            return [(json.dumps(level.value), level.name.get(lang)) for level in levels]
        options = [o for o in index.options[target].values() if not o.not_applicable]
        if index.questions[target].kind != "multiple":
            return [(json.dumps(o.id), o.label.get(lang)) for o in options]
        chosen = [c for c in self.answers.get(target) or [] if isinstance(c, str)]
        adds = [o.id for o in options if not o.exclusive and o.points > 0 and o.id not in chosen]
        goals = [[*chosen, option] for option in adds] + ([chosen + adds] if len(adds) > 1 else [])
        return [(json.dumps(goal), self._goal_text(target, goal)) for goal in goals]

    def _goal_text(self, target: str, goal: Any) -> str:
        assert self.index is not None
        row = change_row(self.index, Change(target=target, goal=goal), self.answers, self.ctx.texts.lang)
        return row.goal

    def _target(self, row: int) -> str | None:
        item = self.changes.item(row, 0)
        value = item.data(VALUE) if item is not None else None
        return str(value) if value else None

    def _current(self, target: str | None) -> str:
        index, lang = self.index, self.ctx.texts.lang
        if index is None or target is None:
            return ""
        if target in index.dimensions:
            return self.levels.get(target, "—")
        value = self.answers.get(target)
        return answer_label(index, index.questions[target], value, lang) if value is not None else "—"

    # -- showing and reading ------------------------------------------------------------------

    def show_plan(self, plan: Plan, index: Index, answers: dict[str, Any]) -> None:
        if index is not self.index or answers != self.answers:
            self.index, self.answers = index, answers
            self.levels = self._ladder_levels()
        rows = []
        for project in plan.projects:
            values = project.model_dump(exclude={"funding", "changes"})
            values |= project.funding.model_dump() if project.funding else {}
            rows.append((project, values))
        _refill(self.projects, rows)
        self._show_changes(self.projects.currentRow())
        self.reason.show_text(plan.no_project_reason or "")

    def _ladder_levels(self) -> dict[str, str]:
        if self.index is None:
            return {}
        result = score(self.index.questionnaire, self.answers, strict=False)
        lang = self.ctx.texts.lang
        out = {}
        for did in self.index.dimensions:
            node = result.nodes.get(did)
            level = node_level(self.index.questionnaire, node) if node is not None else None
            out[did] = level.name.get(lang) if level is not None else "—"
        return out

    def _show_changes(self, row: int) -> None:
        """The selected project's changes (a project not saved yet has none to edit)."""
        project = self.projects.payload(row) if row >= 0 else None
        name = project.name if isinstance(project, Project) else "—"
        self.changes_label.setText(self.ctx.t("plan.changes", name=name))
        self.changes.setEnabled(isinstance(project, Project))
        changes = project.changes if isinstance(project, Project) else []
        rows = [
            (c, {"target": c.target, "current": self._current(c.target), "goal": json.dumps(c.goal)})
            for c in changes
        ]
        _refill(self.changes, rows)

    def _changes_edited(self) -> None:
        """A change edited: show the target's current answer, drop a goal it cannot have, and put
        the changes into the selected project's row (saved with the plan)."""
        row = self.projects.currentRow()
        if row < 0:
            return
        changes = []
        for n in range(self.changes.rowCount()):
            target = self._target(n)
            self.changes.set_cell(n, "current", self._current(target))
            goal = self.changes.item(n, 2)
            value = goal.data(VALUE) if goal is not None else None
            if value not in dict(self._goals(n)):
                self.changes.set_cell(n, "goal", None)
                value = None
            if target is not None and value is not None:
                changes.append(Change(target=target, goal=json.loads(value)))
        project = self.projects.payload(row)
        if isinstance(project, Project):
            self.projects.set_payload(row, project.model_copy(update={"changes": changes}))
            self.edited.emit()

    def collect(self, plan: Plan) -> Plan:
        projects = []
        for row, (old, values) in enumerate(self.projects.records()):
            funds = {fund: values.pop(fund) for fund in FUNDS}
            if values["start"] and values["end"] and values["end"] < values["start"]:
                raise CellProblem("plan.projects", "plan.project.end", row, BEFORE_START)
            funding = Funding(**funds) if any(v is not None for v in funds.values()) else None
            kept = old.model_dump(include={"phase", "description"}) if isinstance(old, Project) else {}
            changes = list(old.changes) if isinstance(old, Project) else []
            projects.append(Project(**values, **kept, funding=funding, changes=changes))
        reason = self.reason.toPlainText().strip() or None
        return plan.model_copy(update={"projects": projects, "no_project_reason": reason})
