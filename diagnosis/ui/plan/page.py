"""Step 6 (on-site work; a self-assessment may skip it): 诊断结论与改造方案 — the process, the
problems and needs, the projects, the expected results and the enterprise's confirmation, with
the level the plan reaches beside them, live.

Every edit is saved at once (`set_plan`, with its history) and "✓ 已保存" shows once the commit
returned; a field that cannot be read keeps its text, says why in red, and nothing is saved. The
store holds the plan: the tabs show it and read it back, nothing lives only in the widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from diagnosis.errors import DiagnosisError
from diagnosis.messages import msg
from diagnosis.model.index import index_of
from diagnosis.plan.consistency import contradictions
from diagnosis.plan.model import Plan
from diagnosis.plan.projection import check_plan
from diagnosis.plan.readiness import kpi_against_projects
from diagnosis.session import Session
from diagnosis.storage.assessments import get_assessment, plan_dates
from diagnosis.storage.plans import PlanError, get_plan, set_plan
from diagnosis.ui.context import Context
from diagnosis.ui.plan.outcome import OutcomeView
from diagnosis.ui.plan.projects import ProjectsSection
from diagnosis.ui.plan.sections import (
    ConfirmationSection,
    FindingsSection,
    KpiSection,
    ProcessSection,
    Section,
)
from diagnosis.ui.plan.table import CellProblem, PlanTable
from diagnosis.ui.tasks import Task, run_in_background
from diagnosis.ui.widgets import PlainLabel, Said, StatusLabel, confirm, scrolling
from diagnosis.validation import reason

TABS = ("process", "findings", "projects", "kpis", "confirm")
PROJECTS = TABS.index("projects")
PART_TABS = {"confirmation": "confirm"}  # the plan's parts (`plan.readiness`) by tab, where named otherwise


class PlanPage(QWidget):
    def __init__(self, ctx: Context, back: Callable[[], None], forward: Callable[[], None]) -> None:
        super().__init__()
        self.ctx, self.back, self.forward = ctx, back, forward
        self.plan = Plan()
        self.task: Task | None = None
        self.title = PlainLabel(name="pageTitle")
        self.hint = PlainLabel(wrap=True, name="hint")
        self.sections: list[Section] = [
            ProcessSection(ctx),
            FindingsSection(ctx),
            ProjectsSection(ctx),
            KpiSection(ctx),
            ConfirmationSection(ctx),
        ]
        self.tabs = QTabWidget()
        for section in self.sections:
            section.edited.connect(self._edited)
            self.tabs.addTab(scrolling(section), "")
        self.tabs.currentChanged.connect(lambda _: self.focus_tab())  # Alt+1…5: into the tab
        self.outcome = OutcomeView(ctx)
        self.outcome.setFixedWidth(300)
        self.saved = StatusLabel(name="savedMark")
        self.buttons = {key: QPushButton() for key in ("btn.back", "btn.draft", "btn.next")}
        self.buttons["btn.back"].clicked.connect(lambda: self._leave(self.back))
        self.buttons["btn.draft"].clicked.connect(self.draft)
        self.buttons["btn.next"].clicked.connect(lambda: self._leave(self.forward))
        self._saving = False
        self._layout()
        self.retranslate()

    def _layout(self) -> None:
        middle = QHBoxLayout()
        middle.addWidget(self.tabs, 1)
        middle.addWidget(self.outcome)
        row = QHBoxLayout()
        row.addWidget(self.buttons["btn.back"])
        row.addWidget(self.buttons["btn.draft"])
        row.addWidget(self.saved, 1)
        row.addWidget(self.buttons["btn.next"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(middle, 1)
        layout.addLayout(row)
        for keys, action in (
            ("Alt+Right", lambda: self._leave(self.forward)),
            ("Alt+Left", lambda: self._leave(self.back)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)

    def retranslate(self) -> None:
        t = self.ctx.t
        self.title.setText(t("plan.title"))
        for n, key in enumerate(TABS):
            self.tabs.setTabText(n, t(f"plan.tab.{key}"))
        for key, button in self.buttons.items():
            button.setText(t(key))
        for section in self.sections:
            section.retranslate()
        if self.ctx.session is not None and self.isVisible():
            self._show(self.plan)
            self._say_state()
        self.saved.retranslate()

    @property
    def session(self) -> Session:
        assert self.ctx.session is not None
        return self.ctx.session

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    # -- showing ------------------------------------------------------------------------------

    def enter(self) -> None:
        session = self.session
        self.plan = get_plan(session.store, session.assessment_id)
        read_only = self.read_only
        for section in self.sections:
            section.set_read_only(read_only)
        self.buttons["btn.draft"].setEnabled(not read_only)
        self._show(self.plan)
        self._say_state()
        self._say("")
        self.outcome.show_problems([])
        self.focus_tab()

    def _say_state(self) -> None:
        t = self.ctx.t
        row = get_assessment(self.session.store, self.session.assessment_id)
        lines = []
        if self.read_only:
            lines.append(t("plan.read_only") if self.session.finalized else t("ask.newer"))
        elif row["mode"] == "self":
            lines.append(t("plan.self"))
        lines.append(t("plan.keys"))
        self.hint.setText("\n".join(lines))

    def _show(self, plan: Plan) -> None:
        session = self.session
        index, answers = index_of(session.questionnaire), session.answers()
        for section in self.sections:
            section.show_plan(plan, index, answers)
        try:
            self.outcome.show_outcome(session.questionnaire, answers, plan)
        except DiagnosisError as error:  # a plan that no longer fits (it is said, not drawn)
            self.outcome.show_problems([self.ctx.say(line) for line in error.lines])
            return
        self._show_open(plan)

    def _show_open(self, plan: Plan) -> None:
        """What the plan must still settle before finalizing (a split short of its budget, a KPI
        without a direction …), said beside it as it is edited — not first at finalize."""
        store, row = self.session.store, get_assessment(self.session.store, self.session.assessment_id)
        found = contradictions(plan, plan_dates(store, row), self.session.questionnaire)
        found += kpi_against_projects(plan, self.session.questionnaire, self.session.answers())
        lines = [self.ctx.say(p.message) for p in found]
        self.outcome.show_problems([self.ctx.t("plan.open"), *lines] if lines else [])

    def focus_tab(self) -> None:
        self.sections[self.tabs.currentIndex()].first_field().setFocus()

    # -- saving -------------------------------------------------------------------------------

    def _edited(self) -> None:
        if self.ctx.session is not None and not self._saving and not self.read_only:
            self.save()

    def collect(self) -> Plan:
        plan = self.plan
        for section in self.sections:
            plan = section.collect(plan)
        return plan

    def save(self) -> bool:
        """Read every tab and commit the plan; True when it is stored (or was unchanged)."""
        if self.ctx.session is None or self.read_only:
            return False
        self._saving = True  # showing the stored plan again must not start another save
        try:
            return self._save()
        finally:
            self._saving = False

    def _save(self) -> bool:
        t, lang = self.ctx.t, self.ctx.texts.lang
        try:
            plan = self.collect()
        except CellProblem as problem:
            return self._refused(problem.sentence(t, lang))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            why = reason(first)
            return self._refused(msg("plan.field_problem", where=where, problem=why) if where else why)
        if plan == self.plan:
            return True
        problems = check_plan(plan, self.session.questionnaire, lang)
        if problems:
            self.outcome.show_problems([t("plan.problems"), *(self.ctx.say(p) for p in problems)])
        if problems:
            return self._refused(problems[0])
        try:
            set_plan(self.session.store, self.session.assessment_id, plan)
        except PlanError as error:
            self._mark(error.parts[0] if error.parts else "", self.ctx.say(error.lines[0]))
            return self._refused(error.lines[0])
        except DiagnosisError as error:
            return self._refused(error.lines[0])
        self.plan = plan
        self._show(plan)
        self._say(lambda: t("ask.saved"))
        return True

    def go_to(self, part: str) -> None:
        """Open the tab holding a part of the plan (`confirmation`, `kpis.0.target` …), at its cell."""
        self._mark(part, "")

    def _mark(self, part: str, reason: str) -> None:
        """Take the provider to the cell of a part (`projects.2.funding` …), its tooltip the reason."""
        where = part.split(".")
        name = PART_TABS.get(where[0], where[0])
        if name not in TABS:
            return
        tab = TABS.index(name)
        self.tabs.setCurrentIndex(tab)
        self.focus_tab()
        for table in self.sections[tab].tables():
            column = "budget" if where[-1] == "funding" else where[-1]  # the split: by its budget
            if len(where) >= 3 and column in {c.key for c in table.columns}:
                table.point_at(int(where[-2]), column, reason)
                return

    def _refused(self, line: str) -> bool:
        """Not saved, and why (a sentence from the core is said in the UI's language)."""
        self._say(lambda: self.ctx.t("ask.unsaved", error=self.ctx.say(line)), error=True)
        return False

    def _say(self, said: Said, error: bool = False) -> None:
        self.saved.say(said, error)

    def _leave(self, then: Callable[[], None]) -> None:
        """Commit what is being typed (a cell, a note) before going on."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            self.buttons["btn.next"].setFocus()  # an open editor commits as it loses the focus
        if not self.read_only and self._typing():
            self.save()
        then()

    def _typing(self) -> bool:
        return any(note.timer.isActive() for section in self.sections for note in section.notes)

    # -- drafting and rows --------------------------------------------------------------------

    def draft(self) -> None:
        """Fill the plan from the gap analysis (asked first when it would replace content)."""
        if self.read_only or self.task is not None:
            return
        current = self.plan
        t = self.ctx.t
        if (current.findings or current.projects or current.kpis) and not confirm(
            self, t("btn.draft"), t("plan.draft.replace")
        ):
            return
        from diagnosis.plan.draft import draft_plan

        session, lang = self.session, self.ctx.texts.lang
        questionnaire, answers = session.questionnaire, session.answers()
        self._say(lambda: t("fin.working"))
        self.task = run_in_background(
            lambda: draft_plan(questionnaire, answers, current, lang), self._drafted, self._draft_failed
        )

    def _drafted(self, plan: Plan) -> None:
        self.task = None
        session = self.session
        try:
            set_plan(session.store, session.assessment_id, plan, reason="drafted from the gap analysis")
        except DiagnosisError as error:
            self._refused(error.lines[0])
            return
        self.plan = plan
        self._show(plan)
        self.tabs.setCurrentIndex(PROJECTS)
        self._say(lambda: self.ctx.t("plan.drafted"))
        self.focus_tab()

    def _draft_failed(self, error: Exception) -> None:
        self.task = None
        if not isinstance(error, DiagnosisError):
            raise error
        self._refused(error.lines[0])

    def active_table(self) -> PlanTable | None:
        """The table with the focus, else the current tab's first one."""
        focus: Any = QApplication.focusWidget()
        while focus is not None and not isinstance(focus, PlanTable):
            focus = focus.parent()
        if isinstance(focus, PlanTable) and self.isAncestorOf(focus):
            return focus
        tables = self.sections[self.tabs.currentIndex()].tables()
        return tables[0] if tables else None

    def add_row(self) -> None:
        table = self.active_table()
        if table is not None and table.isEnabled() and not self.read_only:
            table.add_row()

    def remove_row(self) -> None:
        """Remove the current row of the active table, after asking (No is the default)."""
        table = self.active_table()
        if table is None or self.read_only or table.currentRow() < 0:
            return
        row = table.currentRow()
        name = table.row_title(row) or f"#{row + 1}"
        if confirm(self, self.ctx.t("plan.remove"), self.ctx.t("plan.confirm.remove", name=name)):
            table.remove_row(row)
            table.setFocus()
