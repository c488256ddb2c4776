"""What a plan amounts to, for people: each change as current → target, the budget with its
funding split, the timeline, and the level the projected answers reach with the conditions of
that level's rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diagnosis.answer_text import answer_label
from diagnosis.model import Lang, Questionnaire
from diagnosis.model.index import Index, index_of
from diagnosis.plan.model import Change, Plan
from diagnosis.plan.projection import planned_result
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.result import Check, ScoreResult


@dataclass
class ChangeRow:
    target: str
    name: str
    current: str
    goal: str


@dataclass
class ProjectRow:
    name: str
    changes: list[ChangeRow]
    solution: str | None
    period: str
    budget: float | None


@dataclass
class Outcome:
    current: ScoreResult
    planned: ScoreResult
    projects: list[ProjectRow] = field(default_factory=list)
    budget: float = 0.0
    funding: dict[str, float] = field(default_factory=dict)  # enterprise / subsidy / other
    start: str | None = None
    end: str | None = None

    @property
    def conditions(self) -> list[Check]:
        """The planned level's rule with each condition met or not (or the next level's, unmet)."""
        if self.planned.level is not None and self.planned.decided_by:
            return list(self.planned.decided_by)
        return list(self.planned.next_level.unmet) if self.planned.next_level else []


def outcome(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    plan: Plan,
    lang: Lang = "zh",
    context: Context | None = None,
) -> Outcome:
    """Today's result, the planned one, and the plan's projects, budget and period."""
    index = index_of(questionnaire)
    result = Outcome(
        current=score(questionnaire, answers, strict=False, context=context),
        planned=planned_result(questionnaire, answers, plan, context=context),
    )
    for project in plan.projects:
        period = "–".join(p for p in (project.start, project.end) if p) or (project.phase or "")
        rows = [change_row(index, change, answers, lang, result.current) for change in project.changes]
        result.projects.append(ProjectRow(project.name, rows, project.solution, period, project.budget))
        if project.funding is not None:
            for key in ("enterprise", "subsidy", "other"):
                value = getattr(project.funding, key)
                if value is not None:
                    result.funding[key] = result.funding.get(key, 0.0) + value
    result.budget = plan.budget_total
    starts = [p.start for p in plan.projects if p.start]
    ends = [p.end for p in plan.projects if p.end]
    result.start, result.end = (min(starts) if starts else None), (max(ends) if ends else None)
    return result


def _multiple_row(index: Index, change: Change, answers: dict[str, Any], lang: Lang) -> ChangeRow:
    """A multiple choice told as what it adds: '2 项 → 新增：培训；…'."""
    question = index.questions[change.target]
    chosen = [c for c in (answers.get(change.target) or []) if isinstance(c, str)]
    added = [index.options[change.target][o].label.get(lang) for o in change.goal if o not in chosen]
    joiner = "；" if lang == "zh" else "; "
    count = f"{len(chosen)} 项" if lang == "zh" else f"{len(chosen)} chosen"
    goal = (("新增：" if lang == "zh" else "adds: ") + joiner.join(added)) if added else count
    return ChangeRow(change.target, question.text.get(lang), count, goal)


def change_row(
    index: Index, change: Change, answers: dict[str, Any], lang: Lang, now: ScoreResult | None = None
) -> ChangeRow:
    """One change for people: the indicator's name, its answer now and the answer planned (for a
    ladder, the level it stands at now when the current result is given)."""
    question = index.questions.get(change.target)
    if question is not None and question.kind == "multiple":
        return _multiple_row(index, change, answers, lang)
    if question is not None:
        current = answers.get(change.target)
        return ChangeRow(
            change.target,
            question.text.get(lang),
            answer_label(index, question, current, lang) if current is not None else "—",
            answer_label(index, question, change.goal, lang),
        )
    dim = index.dimensions[change.target]
    levels = {level.value: level.name.get(lang) for level in index.levels(dim) if level.value is not None}
    goal = levels.get(change.goal) or (f"{change.goal} 级" if lang == "zh" else f"level {change.goal}")
    node = now.nodes.get(change.target) if now is not None else None
    reached = node.ladder_level if node is not None else None
    current = levels.get(reached, "") if reached is not None else ""
    return ChangeRow(change.target, dim.title.get(lang), current, goal)
