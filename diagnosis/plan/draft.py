"""A draft plan from the engine's gap analysis, for the provider to edit: the findings (unmet
level conditions, weakest parts) and the cheapest route to the next level — the scenes to lift
and the indicators that gain most — grouped into projects, with KPI baselines."""

from __future__ import annotations

from typing import Any

from diagnosis.model import ChoiceQuestion, Lang, Questionnaire
from diagnosis.model.index import ROOT_ID, Index, index_of
from diagnosis.plan.model import Change, Finding, Kpi, Plan, Project
from diagnosis.plan.projection import projected_answers
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context, Evaluation
from diagnosis.scoring.result import Check, ScoreResult

MAX_STEPS = 400  # one change per step; the largest questionnaire needs well under this
KPI_STEP = 0.05  # the draft proposes a 5 % improvement of each indicator, for the provider to set


def draft_plan(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    current: Plan | None = None,
    lang: Lang = "zh",
    context: Context | None = None,
) -> Plan:
    """A draft built from the gaps; the process and confirmation of `current` are kept."""
    result = score(questionnaire, answers, strict=False, context=context)
    changes = route(questionnaire, answers, result, context)
    base = current or Plan()
    return base.model_copy(
        update={
            "findings": findings(questionnaire, result, lang),
            "projects": projects(questionnaire, answers, changes, lang),
            "kpis": kpis(questionnaire, answers, lang),
        }
    )


def route(
    questionnaire: Questionnaire, answers: dict[str, Any], result: ScoreResult, context: Context | None = None
) -> list[Change]:
    """Changes that reach the next level, closing one unmet condition at a time (greedy)."""
    target = result.next_level.level if result.next_level else None
    if target is None:
        return []
    index = index_of(questionnaire)
    levels = [level.id for level in index.levels(index.root)]
    changes: list[Change] = []
    now = result
    for _ in range(MAX_STEPS):
        reached = levels.index(now.level.id) if now.level else -1
        if reached >= levels.index(target.id) or now.next_level is None:
            break
        step = _next_change(index, now, changes)
        if step is None:
            break  # nothing more the answers can do (e.g. a rule on the profile)
        changes.append(step)
        plan = Plan(projects=[Project(name="draft", changes=changes)])
        now = score(
            questionnaire, projected_answers(questionnaire, answers, plan), strict=False, context=context
        )
    return _merged(changes)


def _next_change(index: Index, result: ScoreResult, done: list[Change]) -> Change | None:
    assert result.next_level is not None
    taken = {c.target for c in done}
    for check in result.next_level.unmet:
        if check.kind == "count" and check.level_gte is not None:
            for member in check.candidates:
                change = _lift(index, member, check.level_gte)
                if change is not None and (member not in taken or change not in done):
                    return change
    for better in result.next_level.improvements:
        question = index.questions[better.question]
        best = _best_answer(index, question)
        if best is not None and Change(target=question.id, goal=best) not in done:
            return Change(target=question.id, goal=best)
    return None


def _lift(index: Index, member: str, level: int) -> Change | None:
    """The smallest change that brings a scene (a level question) or a ladder dimension to `level`."""
    question = index.questions.get(member)
    if isinstance(question, ChoiceQuestion):
        options = sorted(
            (o for o in index.options[member].values() if o.level is not None and o.level >= level),
            key=lambda o: o.level or 0,
        )
        return Change(target=member, goal=options[0].id) if options else None
    dim = index.dimensions.get(member)
    if dim is not None and dim.scoring.method == "ladder":
        return Change(target=member, goal=level)
    return None


def _best_answer(index: Index, question: Any) -> Any:
    if not isinstance(question, ChoiceQuestion):
        return None  # figures are the enterprise's facts, not a plan's lever
    options = [o for o in index.options[question.id].values() if not o.not_applicable]
    if question.kind == "multiple":
        return [o.id for o in options if not o.exclusive and o.points > 0] or None
    return max(options, key=lambda o: (o.points, o.level or 0)).id


def _merged(changes: list[Change]) -> list[Change]:
    """One change per target: the last one (the highest goal) wins."""
    final: dict[str, Change] = {}
    for change in changes:
        final[change.target] = change
    return list(final.values())


def findings(questionnaire: Questionnaire, result: ScoreResult, lang: Lang) -> list[Finding]:
    """Pain points from the unmet conditions of the next level; needs from the weakest parts."""
    index = index_of(questionnaire)
    out = []
    if result.next_level is not None:
        for check in result.next_level.unmet:
            text = _check_text(check, index, lang)
            out.append(Finding(kind="pain_point", text=text, refs=check.candidates[:10]))
    for node in _weakest(result, index):
        name = node.name.get(lang)
        rate = (node.score or 0) / node.max_score if node.max_score else 0
        text = (
            f"{name}得分率仅 {rate:.0%}，需要补强。"
            if lang == "zh"
            else f"{name} scores only {rate:.0%}; it needs work."
        )
        out.append(Finding(kind="need", text=text, refs=[node.id]))
    return out


def _check_text(check: Check, index: Index, lang: Lang) -> str:
    now = f"（当前 {check.current:g}）" if lang == "zh" else f" (now {check.current:g})"
    text = check.text.get(lang) + (now if check.current is not None else "")
    if check.candidates:
        names = ("、" if lang == "zh" else ", ").join(_name(index, m, lang) for m in check.candidates[:5])
        text += f"；可优先提升：{names}" if lang == "zh" else f"; closest: {names}"
    return text


def _name(index: Index, member: str, lang: Lang) -> str:
    node = index.questions.get(member) or index.dimensions.get(member)
    if node is None:
        return member
    return node.text.get(lang) if hasattr(node, "text") else node.title.get(lang)


def _weakest(result: ScoreResult, index: Index, count: int = 3) -> list[Any]:
    """The lowest-rated scored dimensions one level below the top (or the top ones if flat)."""
    candidates = [
        node
        for node in result.nodes.values()
        if node.id != ROOT_ID and node.max_score and index.parent_of.get(node.id) != ROOT_ID
    ] or [node for node in result.root.children if node.max_score]
    rated = sorted(candidates, key=lambda n: ((n.score or 0) / (n.max_score or 1), n.id))
    return [n for n in rated[:count] if (n.score or 0) < (n.max_score or 0)]


def projects(
    questionnaire: Questionnaire, answers: dict[str, Any], changes: list[Change], lang: Lang
) -> list[Project]:
    """Changes grouped as providers plan them: a project per lifted scene or ladder item, one per
    dimension for the other indicators."""
    index = index_of(questionnaire)
    groups: dict[str, list[Change]] = {}
    titles: dict[str, str] = {}
    for change in changes:
        question = index.questions.get(change.target)
        if question is None or question.kind == "level":
            key = change.target
            goal = _goal_text(index, change, lang)
            titles[key] = (
                f"{_name(index, change.target, lang)}提升至{goal}"
                if lang == "zh"
                else f"Lift {_name(index, change.target, lang)} to {goal}"
            )
        else:
            key = index.parent_of[change.target]
            name = index.dimensions[key].title.get(lang)
            titles[key] = f"{name}改进" if lang == "zh" else f"Improve {name}"
        groups.setdefault(key, []).append(change)
    return [Project(name=titles[key], changes=group) for key, group in groups.items()]


def _goal_text(index: Index, change: Change, lang: Lang) -> str:
    if change.target in index.questions:
        option = index.options[change.target].get(str(change.goal))
        return option.label.get(lang) if option else str(change.goal)
    levels = {level.value: level for level in index.levels(index.dimensions[change.target])}
    level = levels.get(change.goal)
    return (
        level.name.get(lang) if level else (f"{change.goal} 级" if lang == "zh" else f"level {change.goal}")
    )


def kpis(questionnaire: Questionnaire, answers: dict[str, Any], lang: Lang) -> list[Kpi]:
    """The questionnaire's effect indicators with their baseline and a proposed target."""
    evaluation = Evaluation(index_of(questionnaire), _numbers(questionnaire, answers))
    out = []
    for spec in questionnaire.kpis:
        baseline = evaluation.compute(spec.formula)
        if baseline is None:
            continue
        factor = 1 + KPI_STEP if spec.better == "higher" else 1 - KPI_STEP
        target = baseline * factor
        if spec.unit is not None and spec.unit.zh == "%":
            target = min(target, 100.0)
        out.append(
            Kpi(
                name=spec.name.get(lang),
                unit=spec.unit.get(lang) if spec.unit else None,
                baseline=round(baseline, 4),
                target=round(target, 4),
                question=None,
            )
        )
    return out


def _numbers(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    from diagnosis.scoring.answers import check_value

    index = index_of(questionnaire)
    return {
        qid: value
        for qid, value in answers.items()
        if qid in index.questions and check_value(index.questions[qid], index.options[qid], value)[1] is None
    }
