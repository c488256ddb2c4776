"""Level rules: whether they hold, and each leaf condition told in words with its figures."""

from __future__ import annotations

from typing import Any

from diagnosis.model import (
    AllRule,
    AnswerCondition,
    AnyRule,
    ChoiceQuestion,
    CountCondition,
    CountTest,
    Dimension,
    Level,
    NotRule,
    ScoreCondition,
    Text,
)
from diagnosis.model.index import ROOT_ID, Index
from diagnosis.scoring.evaluation import Evaluation
from diagnosis.scoring.result import Check, NodeResult, QuestionResult

EPSILON = 1e-9


class Rules:
    def __init__(
        self,
        index: Index,
        evaluation: Evaluation,
        questions: dict[str, QuestionResult],
        nodes: dict[str, NodeResult],
        sets: dict[str, list[str]],
    ) -> None:
        self.index, self.evaluation = index, evaluation
        self.questions, self.nodes, self.sets = questions, nodes, sets

    def holds(self, rule: Any, node: Dimension) -> bool:
        if isinstance(rule, AllRule):
            return all(self.holds(part, node) for part in rule.all)
        if isinstance(rule, AnyRule):
            return any(self.holds(part, node) for part in rule.any)
        if isinstance(rule, NotRule):
            return not self.holds(rule.not_, node)
        return self.leaf(rule, node).met

    def leaves(self, rule: Any, node: Dimension) -> list[Check]:
        """The leaf conditions of a rule, in order (a `not` is one leaf)."""
        if isinstance(rule, AllRule | AnyRule):
            parts = rule.all if isinstance(rule, AllRule) else rule.any
            return [check for part in parts for check in self.leaves(part, node)]
        if isinstance(rule, NotRule):
            inner = self.leaves(rule.not_, node)
            text = Text(
                zh="并非：" + "；".join(c.text.zh for c in inner),
                en="not: " + "; ".join(c.text.get("en") for c in inner),
            )
            return [Check(text, met=self.holds(rule, node), kind="not")]
        return [self.leaf(rule, node)]

    def leaf(self, rule: Any, node: Dimension) -> Check:
        if isinstance(rule, ScoreCondition):
            return self._score(rule, node)
        if isinstance(rule, CountCondition):
            return self._count(rule)
        assert isinstance(rule, AnswerCondition)
        return self._answer(rule)

    def _score(self, rule: ScoreCondition, node: Dimension) -> Check:
        test = rule.score
        target = self.nodes[test.dimension or node.id]
        score = target.score or 0.0
        met = (test.gte is None or score + EPSILON >= test.gte) and (test.lt is None or score < test.lt)
        parts_zh, parts_en = [], []
        if test.gte is not None:
            parts_zh.append(f"≥ {test.gte:g}")
            parts_en.append(f"≥ {test.gte:g}")
        if test.lt is not None:
            parts_zh.append(f"< {test.lt:g}")
            parts_en.append(f"< {test.lt:g}")
        root = target.id == ROOT_ID
        text = Text(
            zh=f"{target.name.zh}{'' if root else '得分'} {' 且 '.join(parts_zh)}",
            en=f"{target.name.get('en')}{'' if root else ' score'} {' and '.join(parts_en)}",
        )
        required = test.gte if test.gte is not None else test.lt
        return Check(text, met, current=score, required=required, kind="score")

    def _count(self, rule: CountCondition) -> Check:
        test = rule.count
        members = [m for m in self.sets.get(test.of, []) if not test.all_ or self.applicable(m)]
        passing: list[tuple[str, int, float]] = []
        failing: list[tuple[str, int, float]] = []
        for member in members:
            level, score = self.member_standing(member)
            ok = (test.level_gte is None or (level is not None and level >= test.level_gte)) and (
                test.score_gte is None or (score is not None and score + EPSILON >= test.score_gte)
            )
            (passing if ok else failing).append((member, level or 0, score or 0.0))
        # `all`: every applicable member, and at least one (nothing applicable reaches no level).
        needed = max(len(members), 1) if test.all_ else (test.at_least or 1)
        failing.sort(key=lambda m: (-m[1], -m[2]))  # the closest first
        met = len(passing) >= needed
        return Check(
            self._count_text(test),
            met,
            current=len(passing),
            required=needed,
            candidates=[m[0] for m in failing] if not met else [],
            level_gte=test.level_gte,
            score_gte=test.score_gte,
            kind="count",
            every=test.all_,
            weakest=self._weakest(members) if test.all_ else [],
            of=self.index.questionnaire.question_sets[test.of].name,
            bar=self._bar(test),
            total=len(members),
        )

    def _count_text(self, test: CountTest) -> Text:
        name = self.index.questionnaire.question_sets[test.of].name
        bar = self._bar(test)
        set_en = _in_sentence(name.get("en"))
        if test.all_:
            return Text(
                zh=f"{name.zh}中适用的各项均{bar.zh}",
                en=f"every applicable one of {set_en} {bar.get('en')}",
            )
        return Text(
            zh=f"{name.zh}中{bar.zh}的不少于 {test.at_least or 1} 个",
            en=f"at least {test.at_least or 1} of {set_en} {bar.get('en')}",
        )

    def _bar(self, test: CountTest) -> Text:
        """What each counted member must reach ("达到场景级及以上", "scoring ≥ 1")."""
        zh_bar, en_bar = [], []
        if test.level_gte is not None:
            named = self._level_name(test.of, test.level_gte)
            zh_bar.append(f"达到{named.zh}及以上" if named else f"达到 {test.level_gte} 级及以上")
            en_bar.append(
                f"at {named.get('en')} or above" if named else f"at level {test.level_gte} or above"
            )
        if test.score_gte is not None:
            zh_bar.append(f"得分 ≥ {test.score_gte:g}")
            en_bar.append(f"scoring ≥ {test.score_gte:g}")
        return Text(zh="、".join(zh_bar), en=" and ".join(en_bar))

    def _level_name(self, of: str, value: int) -> Text | None:
        """The name the members' own levels give `value` ("场景级" rather than "2 级"), when every
        member is a dimension whose levels name it alike."""
        names = set()
        for member in self.index.members(of) or [""]:
            dim = self.index.dimensions.get(member)
            found = [lv.name for lv in self.index.levels(dim) if lv.value == value] if dim else []
            if not found:
                return None
            names.add(found[0])
        return names.pop() if len(names) == 1 else None

    def _weakest(self, members: list[str]) -> list[str]:
        """The members at the lowest standing, when they are not all alike (then none stands out)."""
        standing = {m: self.member_standing(m) for m in members}
        keys = {m: ((level or 0), (score or 0.0)) for m, (level, score) in standing.items()}
        if len(set(k[0] for k in keys.values())) < 2:
            return []
        low = min(k[0] for k in keys.values())
        return [m for m in members if keys[m][0] == low]

    def applicable(self, member: str) -> bool:
        """Whether a set member takes part at all: a shown, applicable question, or a dimension
        with something applicable left in it."""
        result = self.questions.get(member)
        if result is not None:
            return result.visible and not result.not_applicable
        node = self.nodes.get(member)
        return node is not None and bool(node.max_score)

    def member_standing(self, member: str) -> tuple[int | None, float | None]:
        """(level, score) of a set member: a question's chosen level, or a dimension's level."""
        result = self.questions.get(member)
        if result is not None:
            return (result.level, result.points) if result.visible else (None, None)
        node = self.nodes.get(member)
        if node is None:
            return None, None
        if node.ladder_level is not None:
            return node.ladder_level, node.score
        level = node.level
        levels = self.index.levels(self.index.dimensions[member])
        if level is None:
            return 0, node.score
        return (level.value if level.value is not None else levels.index(level) + 1), node.score

    def _answer(self, rule: AnswerCondition) -> Check:
        test = rule.answer
        question = self.index.questions[test.question]
        options = self.index.options[test.question]
        if test.equals is not None or test.in_ is not None:
            wanted = [str(test.equals)] if test.equals is not None else list(test.in_ or [])
            labels = [
                options[w].label if isinstance(question, ChoiceQuestion) and w in options else Text(zh=w)
                for w in wanted
            ]
            zh = f"「{question.text.zh}」为 " + " 或 ".join(label.zh for label in labels)
            en = f"'{question.text.get('en')}' is " + " or ".join(label.get("en") for label in labels)
        elif test.includes is not None:
            label = options[test.includes].label
            zh, en = (
                f"「{question.text.zh}」包含 {label.zh}",
                f"'{question.text.get('en')}' includes {label.get('en')}",
            )
        elif test.answered is not None:
            zh = f"「{question.text.zh}」{'已' if test.answered else '未'}回答"
            en = f"'{question.text.get('en')}' is {'' if test.answered else 'not '}answered"
        else:
            sign, bound = ("≥", test.gte) if test.gte is not None else ("≤", test.lte)
            zh = f"「{question.text.zh}」{sign} {bound:g}"
            en = f"'{question.text.get('en')}' {sign} {bound:g}"
        return Check(Text(zh=zh, en=en), self.evaluation.test(test), question=test.question)


def level_of(
    rules: Rules, dim: Dimension, node: NodeResult, levels: list[Level]
) -> tuple[Level | None, Level | None]:
    """(reached level, next level) of a node: by ladder value, or the highest rule that holds."""
    if node.max_score == 0 and dim.scoring.method != "none":
        return None, None  # nothing applicable: no level to speak of
    if dim.scoring.method == "ladder":
        by_value = {level.value: level for level in levels}
        value = node.ladder_level or 0
        return by_value.get(value), by_value.get(value + 1)
    reached = -1
    for i, level in enumerate(levels):
        if level.when is not None and rules.holds(level.when, dim):
            reached = i
    current = levels[reached] if reached >= 0 else None
    following = levels[reached + 1] if reached + 1 < len(levels) else None
    return current, following


def _in_sentence(name: str) -> str:
    """A set's English name inside a sentence: 'Digital operations scenes' reads 'the digital
    operations scenes' (a capital kept where the second letter is one too: 'PA areas')."""
    if name[:1].isupper() and not name[1:2].isupper():
        name = name[0].lower() + name[1:]
    return name if name.startswith("the ") else f"the {name}"
