"""A draft plan from the engine's gap analysis, for the provider to edit: the findings (unmet
level conditions, weakest parts) as sentences, and the cheapest route to the next level — the
scenes to lift and the indicators that gain most — grouped into a few projects, with KPI
baselines. Drafted findings stay marked as drafts until the provider rewrites them."""

from __future__ import annotations

import re
from typing import Any

from diagnosis.messages import msg
from diagnosis.model import ChoiceQuestion, Lang, Questionnaire
from diagnosis.model.index import ROOT_ID, Index, index_of
from diagnosis.numbers import figure
from diagnosis.plan.model import Change, Finding, Kpi, Plan, Project
from diagnosis.plan.projection import projected_answers
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context, Evaluation
from diagnosis.scoring.result import Check, ScoreResult

MAX_STEPS = 400  # one change per step; the largest questionnaire needs well under this
SHORT_NAME = 40  # a question named in a sentence; longer texts (criteria) are counted instead
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
    changes = _highest(route(questionnaire, answers, result, context) + part_route(questionnaire, result))
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


def part_route(questionnaire: Questionnaire, result: ScoreResult) -> list[Change]:
    """The ladders and level questions to lift for the next verdict of each part with levels of its
    own (e.g. the next grade one could apply for): every member short of an unmet count."""
    index = index_of(questionnaire)
    changes = []
    for node in result.nodes.values():
        if node.id == ROOT_ID or node.method != "none":
            continue
        for check in node.unmet:
            if check.kind == "count" and check.level_gte is not None:
                lifts = (_lift(index, member, check.level_gte) for member in check.candidates)
                changes += [change for change in lifts if change is not None]
    return changes


def _highest(changes: list[Change]) -> list[Change]:
    """One change per target: the highest level asked for wins (else the last one)."""
    final: dict[str, Change] = {}
    for change in changes:
        kept = final.get(change.target)
        if kept is not None and isinstance(kept.goal, int) and isinstance(change.goal, int):
            change = change if change.goal >= kept.goal else kept
        final[change.target] = change
    return list(final.values())


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
    """Pain points from the unmet conditions of the next level, needs from the weakest parts, each
    a sentence for people and marked as drafted (a draft until the provider edits it)."""
    index = index_of(questionnaire)
    out = []
    if result.next_level is not None:
        goal = result.next_level.level.name.get(lang)
        for check in result.next_level.unmet:
            text = _sentence(check, index, goal, lang)
            out.append(Finding(kind="pain_point", text=text, refs=check.candidates[:10], drafted=text))
    for node in result.nodes.values():  # the parts' own next verdicts (a grade readiness)
        if node.id != ROOT_ID and node.method == "none" and node.next_level is not None:
            part, level = node.name.get(lang), node.next_level.name.get(lang)
            for check in node.unmet:
                refs = check.candidates[:10] or ([check.question] if check.question else [])
                text = msg("draft.part", part=part, sentence=_sentence(check, index, level, lang)).text(lang)
                out.append(Finding(kind="pain_point", text=text, refs=refs, drafted=text))
    for node in _weakest(result, index):
        text = _weak_part(node, result, index, lang)
        out.append(Finding(kind="need", text=text, refs=[node.id], drafted=text))
    return out


def _sentence(check: Check, index: Index, goal: str, lang: Lang) -> str:
    """An unmet condition told as what it takes: 'to reach 三级, … ; now …'."""
    now = figure(check.current) if check.current is not None else None
    names = _names(index, check.candidates[:5], lang)
    if check.kind == "score" and check.required is not None and now is not None:
        short = figure(max(check.required - (check.current or 0), 0))
        key = "draft.score"
        values = {
            "what": re.split(r" [≥<]", check.text.get(lang))[0],
            "need": figure(check.required),
            "now": now,
            "short": short,
        }
    elif check.kind == "count" and check.of is not None and check.bar is not None:
        bar = (
            msg("draft.bar_score", least=figure(check.score_gte)).text(lang)
            if check.level_gte is None and check.score_gte is not None
            else check.bar.get(lang)
        )
        values = {"set": check.of.get(lang), "bar": bar, "need": figure(check.required)}
        text = msg("draft.every" if check.every else "draft.count", goal=goal, now=now or "0", **values).text(
            lang
        )
        return text + (
            msg("draft.short_of" if check.every else "draft.closest", names=names).text(lang) if names else ""
        )
    else:
        key, values = "draft.condition", {"condition": check.text.get(lang)}
    text = msg(key, goal=goal, **values).text(lang)
    return text + (msg("draft.closest", names=names).text(lang) if names else "")


def _weak_part(node: Any, result: ScoreResult, index: Index, lang: Lang) -> str:
    """'信息系统 is among the weakest parts (0 of 10 points); most is missing in …'."""
    lowest = sorted(
        (qid for qid in node.questions if result.questions[qid].max_points),
        key=lambda qid: (result.questions[qid].points / result.questions[qid].max_points, qid),
    )
    short = [qid for qid in lowest if result.questions[qid].points < result.questions[qid].max_points]
    text = msg(
        "draft.weak", part=node.name.get(lang), score=figure(node.score), max=figure(node.max_score)
    ).text(lang)
    if not short:
        return text
    if all(len(_name(index, qid, lang)) <= SHORT_NAME for qid in short[:3]):
        return text + msg("draft.weak_questions", names=_names(index, short[:3], lang)).text(lang)
    return text + msg("draft.weak_count", n=len(short)).text(lang)  # criteria are sentences: count them


def _names(index: Index, members: list[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(
        f"“{_clipped(_name(index, m, lang))}”" if lang == "zh" else _clipped(_name(index, m, lang))
        for m in members
    )


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
    """Changes grouped as providers propose them: one project per top-level part of the
    questionnaire (a handful, not one per criterion), its name saying what it improves and its
    description what it changes."""
    index = index_of(questionnaire)
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(_top(index, change.target), []).append(change)
    out = []
    for top, group in groups.items():
        name = index.dimensions[top].name.get(lang) if top in index.dimensions else _name(index, top, lang)
        targets = [f"{_clipped(_name(index, c.target, lang))} → {_goal_text(index, c, lang)}" for c in group]
        out.append(
            Project(
                name=msg("draft.project", part=name).text(lang),
                changes=group,
                description=("；" if lang == "zh" else "; ").join(targets),
            )
        )
    return out


def _clipped(text: str) -> str:
    return text if len(text) <= SHORT_NAME else text[: SHORT_NAME - 1] + "…"


def _top(index: Index, member: str) -> str:
    """The top-level dimension a question or dimension sits in."""
    node = member
    while index.parent_of.get(node) not in (None, ROOT_ID):
        node = index.parent_of[node]
    return node


def _goal_text(index: Index, change: Change, lang: Lang) -> str:
    if change.target in index.questions:
        options = index.options[change.target]
        chosen = change.goal if isinstance(change.goal, list) else [change.goal]
        labels = [options[str(o)].label.get(lang) if str(o) in options else str(o) for o in chosen]
        return ("、" if lang == "zh" else ", ").join(labels)
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
                indicator=spec.id,
                better=spec.better,
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
