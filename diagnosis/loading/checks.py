"""Checks that need the whole questionnaire: ids, references, translations, reachability.

Each check yields (data path, message); the loader turns paths into file:line:col.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from diagnosis.loading.reach import Reach
from diagnosis.messages import msg
from diagnosis.model import (
    AllRule,
    AllVisible,
    AnswerCondition,
    AnswerTest,
    AnyRule,
    AnyVisible,
    ChoiceQuestion,
    CountCondition,
    DerivedQuestion,
    Dimension,
    EnterpriseCondition,
    NotRule,
    NotVisible,
    NumberQuestion,
    Question,
    Questionnaire,
    ScoreCondition,
    Text,
    ValueCondition,
)
from diagnosis.model.formula import FormulaError, compile_formula
from diagnosis.model.index import ROOT_ID, Index, index_of

Path = tuple[str | int, ...]
Found = Iterator[tuple[Path, str]]
NUMERIC = (NumberQuestion, DerivedQuestion)


def check(questionnaire: Questionnaire) -> list[tuple[Path, str]]:
    """Every whole-file problem of a questionnaire that passed model validation."""
    return list(_Checker(questionnaire).run())


class _Checker:
    def __init__(self, questionnaire: Questionnaire) -> None:
        self.q = questionnaire
        self.index: Index = index_of(questionnaire)
        self.paths: dict[str, Path] = {}
        self.duplicates: list[tuple[Path, str]] = []
        self._collect(questionnaire.dimensions, ("dimensions",))

    def _collect(self, dimensions: list[Dimension], path: Path) -> None:
        for i, dim in enumerate(dimensions):
            self._register(dim.id, (*path, i))
            for j, question in enumerate(dim.questions):
                self._register(question.id, (*path, i, "questions", j))
            self._collect(dim.children, (*path, i, "children"))

    def _register(self, id_: str, path: Path) -> None:
        if id_ in self.paths or id_ == ROOT_ID:
            self.duplicates.append(((*path, "id"), msg("check.duplicate_id", id=id_)))
        else:
            self.paths[id_] = path

    def run(self) -> Found:
        yield from self.duplicates
        yield from self._translations(self.q, ())
        for dim in self.index.walk():
            path = self.paths.get(dim.id, ())
            yield from self._dimension(dim, path)
            for j, question in enumerate(dim.questions):
                yield from self._question(question, (*path, "questions", j) if path else ())
        yield from self._sets()
        yield from self._shared_lists()
        yield from self._carry_over()
        yield from self._target_level()
        yield from self._checks()
        yield from self._level_rule()
        yield from self._kpis()
        reach = Reach(self.index)
        yield from reach.never_visible(self.paths)
        yield from reach.unreachable_levels(self.paths)

    # -- translations ---------------------------------------------------------------------

    def _translations(self, value: Any, path: Path) -> Found:
        if isinstance(value, Text):
            for lang in self.q.languages:
                if getattr(value, lang) is None:
                    yield (
                        path,
                        msg(
                            "check.missing_text",
                            language=msg(f"check.language.{lang}") if lang in ("zh", "en") else lang,
                            lang=lang,
                        ),
                    )
        elif isinstance(value, BaseModel):
            for name, info in type(value).model_fields.items():
                yield from self._translations(getattr(value, name), (*path, info.alias or name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from self._translations(item, (*path, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from self._translations(item, (*path, key))

    # -- dimensions and levels ------------------------------------------------------------

    def _dimension(self, dim: Dimension, path: Path) -> Found:
        if dim.visible_if is not None:
            yield from self._visible(dim.visible_if, (*path, "visible_if"))
        if dim.number is not None:
            yield from self._needs_three((*path, "number"), "number")
        implied = dim.scoring.implied_by_next
        if implied:
            yield from self._needs_three((*path, "scoring", "implied_by_next"), "implied_by_next")
            top = max((q.level or 0 for q in dim.questions), default=0)
            if dim.scoring.method != "ladder":
                yield (*path, "scoring", "implied_by_next"), msg("check.implied_not_ladder")
            elif any(not 1 <= level < top for level in implied):
                yield (
                    (*path, "scoring", "implied_by_next"),
                    msg("check.implied_levels", top=top - 1),
                )
        levels_path = (*path, "levels")
        if isinstance(dim.levels, str) and dim.levels not in self.q.level_sets:
            yield levels_path, msg("check.unknown_level_set", name=dim.levels)
        levels = self.index.levels(dim)
        ladder = dim.scoring.method == "ladder"
        level_ids = [level.id for level in levels]
        for i, level in enumerate(levels):
            where = levels_path if isinstance(dim.levels, str) else (*levels_path, i)
            inline = not isinstance(dim.levels, str)  # shared level sets are checked once, by name
            if inline and level_ids.count(level.id) > 1 and level_ids.index(level.id) == i:
                yield where, msg("check.duplicate_level", id=level.id)
            if ladder and level.value is None:
                yield where, msg("check.level_value", id=level.id)
            if not ladder and level.when is None:
                yield where, msg("check.level_when", id=level.id)
            if level.when is not None:
                yield from self._rule(level.when, (*where, "when"))
        # Advice is keyed by the dimension's own next level, or by the overall one when it has none.
        targets = level_ids or [level.id for level in self.index.levels(self.index.root)]
        for key in dim.recommendations:
            if key not in targets:
                yield (*path, "recommendations", key), msg("check.recommendation_level", id=key)
        if ladder:
            yield from self._ladder(dim, path)
        else:
            for j, question in enumerate(dim.questions):
                if question.level is not None:
                    yield (*path, "questions", j, "level"), msg("check.level_not_ladder")
        if dim.scoring.method == "weighted_mean" and not any(c.weight for c in dim.children):
            yield (*path, "scoring"), msg("check.weighted_mean")

    def _ladder(self, dim: Dimension, path: Path) -> Found:
        levels = set()
        for j, question in enumerate(dim.questions):
            if question.level is None or not isinstance(question, ChoiceQuestion):
                yield (*path, "questions", j), msg("check.ladder_question")
            else:
                levels.add(question.level)
        if not levels:
            yield (*path, "questions"), msg("check.ladder_empty")
        elif missing := sorted(set(range(1, max(levels) + 1)) - levels):
            yield (*path, "questions"), msg("check.ladder_gap", level=missing[0])

    # -- questions ------------------------------------------------------------------------

    def _question(self, question: Question, path: Path) -> Found:
        for name in ("skippable", "deviation"):
            if getattr(question, name) is not None:
                yield from self._needs_three((*path, name), name)
        if question.skippable is not None and not self._may_skip(question):
            yield (
                (*path, "skippable"),
                msg("check.skippable"),
            )
        if isinstance(question, NumberQuestion) and question.at_most is not None:
            yield from self._needs_three((*path, "at_most"), "at_most")
            other = self.index.questions.get(question.at_most)
            if not isinstance(other, NumberQuestion) or other.id == question.id:
                yield (*path, "at_most"), msg("check.at_most", id=question.at_most)
        if isinstance(question, ChoiceQuestion):
            yield from self._choice(question, path)
        if isinstance(question, NumberQuestion | DerivedQuestion):
            yield from self._number(question, path)
        if isinstance(question, DerivedQuestion):
            yield from self._formula(question, path)
        if question.visible_if is not None:
            yield from self._visible(question.visible_if, (*path, "visible_if"))
        if question.prefill is not None:
            yield from self._prefill(question, (*path, "prefill"))

    def _prefill(self, question: Question, path: Path) -> Found:
        """The side of a prefill this file holds: a question that takes an answer, map targets
        that are its options (the source side is checked by `validate` when that file is at hand)."""
        spec = question.prefill
        assert spec is not None
        if isinstance(question, DerivedQuestion):
            yield path, msg("check.prefill_computed")
        elif spec.map is not None and not isinstance(question, ChoiceQuestion):
            yield (*path, "map"), msg("check.prefill_map")
        elif spec.map is not None:
            options = self.index.options[question.id]
            for key, target in spec.map.items():
                if target not in options:
                    yield (*path, "map", key), msg("check.no_option", question=question.id, option=target)

    def _may_skip(self, question: Question) -> bool:
        parent = self.index.dimensions.get(self.index.parent_of.get(question.id, ""))
        options = self.index.options.get(question.id, {}).values()
        ladder = parent is not None and parent.scoring.method == "ladder"
        return ladder and any(o.not_applicable for o in options)

    def _needs_three(self, path: Path, name: str) -> Found:
        """Fields that change what a result means exist from format 3 on: older files keep theirs."""
        if not self.q.strict_na:
            yield path, msg("check.needs_format", field=name, format="diagnosis-questionnaire/3")

    def _choice(self, question: ChoiceQuestion, path: Path) -> Found:
        if question.answers is not None and question.answers not in self.q.answer_sets:
            yield (*path, "answers"), msg("check.unknown_answer_set", name=question.answers)
            return
        options = list(self.index.options[question.id].values())
        for dup in _repeated([o.id for o in (question.options or [])]):
            yield (*path, "options"), msg("check.duplicate_option", id=dup)
        if question.kind == "level" and any(o.level is None for o in options if not o.not_applicable):
            yield path, msg("check.level_options")
        if question.kind == "yesno" and not {"yes", "no"} <= {o.id for o in options}:
            yield path, msg("check.yesno")
        if question.kind != "multiple" and any(o.exclusive for o in options):
            yield path, msg("check.exclusive")

    def _number(self, question: NumberQuestion | DerivedQuestion, path: Path) -> Found:
        low, high = question.min, question.max
        if question.kind == "percentage":
            low, high = (0.0 if low is None else low), (100.0 if high is None else high)
        if low is not None and high is not None and low >= high:
            yield path, msg("check.min_max", low=f"{low:g}", high=f"{high:g}")
        bounds = [b.upto if b.upto is not None else b.below for b in question.bands or []]
        for i, bound in enumerate(bounds):
            where = (*path, "bands", i)
            if bound is None and i != len(bounds) - 1:
                yield where, msg("check.band_unbounded")
            elif bound is not None and i and bounds[i - 1] is not None and bound < bounds[i - 1]:  # type: ignore[operator]
                yield where, msg("check.band_order")
            elif bound is not None and (
                (low is not None and bound < low) or (high is not None and bound > high)
            ):
                yield where, msg("check.band_range", bound=f"{bound:g}")
        if bounds and bounds[-1] is not None and (high is None or bounds[-1] < high):
            yield (
                (*path, "bands"),
                msg("check.band_end"),
            )

    def _formula(self, question: DerivedQuestion, path: Path) -> Found:
        if question.rounding is not None and not self.q.exact:
            yield (
                (*path, "rounding"),
                msg("check.needs_format", field="rounding", format="diagnosis-questionnaire/2"),
            )
        try:
            names = compile_formula(question.formula).names
        except FormulaError as error:
            yield (*path, "formula"), error.args[0]
            return
        for name in names:
            source = self.index.questions.get(name)
            if source is None:
                yield (*path, "formula"), msg("check.formula_unknown", id=name)
            elif not isinstance(source, NUMERIC) or name == question.id:
                yield (*path, "formula"), msg("check.formula_other", id=name)

    # -- conditions -----------------------------------------------------------------------

    def _visible(self, cond: Any, path: Path, in_check: bool = False) -> Found:
        if isinstance(cond, AnswerCondition):
            yield from self._answer_test(cond.answer, (*path, "answer"))
        elif isinstance(cond, ValueCondition):
            yield from self._value_formula(cond.value.formula, (*path, "value", "formula"), in_check)
        elif isinstance(cond, EnterpriseCondition) and not in_check:
            yield (*path, "enterprise"), msg("check.enterprise_condition")
        elif isinstance(cond, EnterpriseCondition) and cond.enterprise.in_ is None:
            yield from self._needs_three((*path, "enterprise"), "contains' or 'given")
        elif isinstance(cond, AllVisible | AnyVisible):
            key = "all" if isinstance(cond, AllVisible) else "any"
            for i, part in enumerate(getattr(cond, key)):
                yield from self._visible(part, (*path, key, i), in_check)
        elif isinstance(cond, NotVisible):
            yield from self._visible(cond.not_, (*path, "not"), in_check)

    def _value_formula(self, source: str, path: Path, in_check: bool) -> Found:
        try:
            names = compile_formula(source).names
        except FormulaError as error:
            yield path, error.args[0]
            return
        for name in names:
            if name == "assessment_year" and in_check:
                continue
            if not isinstance(self.index.questions.get(name), NUMERIC):
                yield path, msg("check.formula_numbers", id=name)

    def _kpis(self) -> Found:
        for dup in _repeated([kpi.id for kpi in self.q.kpis]):
            yield ("kpis",), msg("check.duplicate_kpi", id=dup)
        for i, kpi in enumerate(self.q.kpis):
            yield from self._value_formula(kpi.formula, ("kpis", i, "formula"), False)

    def _checks(self) -> Found:
        """Plausibility checks: unique ids, known questions, conditions as for visibility."""
        for dup in _repeated([check.id for check in self.q.checks]):
            yield ("checks",), msg("check.duplicate_check", id=dup)
        for i, check in enumerate(self.q.checks):
            yield from self._visible(check.warn_if, ("checks", i, "warn_if"), in_check=True)
            for qid in check.questions:
                if qid not in self.index.questions:
                    yield ("checks", i, "questions"), msg("check.unknown_question", id=qid)
            if check.hard:
                yield from self._needs_three(("checks", i, "hard"), "hard")
            if check.voids and not check.hard:
                yield ("checks", i, "voids"), msg("check.voids")
            for qid in check.voids:
                if qid not in self.index.questions:
                    yield ("checks", i, "voids"), msg("check.unknown_question", id=qid)

    def _level_rule(self) -> Found:
        rule = self.q.level_rule
        if rule is None:
            return
        yield from self._needs_three(("level_rule",), "level_rule")
        if rule.weakest is not None and rule.weakest.of not in self.q.question_sets:
            yield ("level_rule", "weakest", "of"), msg("check.unknown_set", name=rule.weakest.of)

    def _rule(self, rule: Any, path: Path) -> Found:
        if isinstance(rule, ValueCondition):
            yield from self._value_formula(rule.value.formula, (*path, "value", "formula"), False)
        elif isinstance(rule, ScoreCondition):
            dim = rule.score.dimension
            if dim is not None and dim not in self.index.dimensions:
                yield (*path, "score", "dimension"), msg("check.unknown_dimension", id=dim)
        elif isinstance(rule, CountCondition):
            if rule.count.of not in self.q.question_sets:
                yield (*path, "count", "of"), msg("check.unknown_set", name=rule.count.of)
        elif isinstance(rule, AnswerCondition):
            yield from self._answer_test(rule.answer, (*path, "answer"))
        elif isinstance(rule, AllRule | AnyRule):
            key = "all" if isinstance(rule, AllRule) else "any"
            for i, part in enumerate(getattr(rule, key)):
                yield from self._rule(part, (*path, key, i))
        elif isinstance(rule, NotRule):
            yield from self._rule(rule.not_, (*path, "not"))

    def _answer_test(self, test: AnswerTest, path: Path) -> Found:
        question = self.index.questions.get(test.question)
        if question is None:
            yield (*path, "question"), msg("check.unknown_question", id=test.question)
            return
        op = test.operator
        options = self.index.options.get(test.question, {})
        if op in ("gte", "lte") and not isinstance(question, NUMERIC):
            yield (*path, op), msg("check.needs_number", op=op, question=test.question, kind=question.kind)
        if op == "includes" and question.kind != "multiple":
            yield (
                (*path, op),
                msg("check.needs_multiple", question=test.question, kind=question.kind),
            )
        if isinstance(question, ChoiceQuestion):
            tested: dict[str, list[Any]] = {
                "equals": [test.equals],
                "in_": test.in_ or [],
                "includes": [test.includes],
            }
            wanted = tested.get(op, [])
            for value in wanted:
                if str(value) not in options:
                    yield (
                        (*path, "in" if op == "in_" else op),
                        msg("check.no_option", question=test.question, option=value),
                    )

    # -- shared lists and carry-over ------------------------------------------------------

    def _shared_lists(self) -> Found:
        """Duplicate ids inside answer sets and level sets, used or not."""
        for name, answer_set in self.q.answer_sets.items():
            for dup in _repeated([o.id for o in answer_set.options]):
                yield ("answer_sets", name, "options"), msg("check.duplicate_option", id=dup)
        for name, levels in self.q.level_sets.items():
            for dup in _repeated([level.id for level in levels]):
                yield ("level_sets", name), msg("check.duplicate_level", id=dup)

    def _carry_over(self) -> Found:
        """What can be checked without the earlier file: the new side of every mapping."""
        own = [int(part) for part in self.q.version.split(".")]
        for dup in _repeated([c.from_ for c in self.q.carry_over]):
            yield ("carry_over",), msg("check.carry_twice", version=dup)
        for i, block in enumerate(self.q.carry_over):
            path: Path = ("carry_over", i)
            if [int(part) for part in block.from_.split(".")] >= own:
                yield (*path, "from"), msg("check.carry_earlier", version=self.q.version)
            for old, new in block.questions.items():
                for target in new if isinstance(new, list) else ([] if new is None else [new]):
                    if target not in self.index.questions:
                        yield (*path, "questions", old), msg("check.unknown_here", id=target)
            for qid, renames in block.options.items():
                if qid not in self.index.questions:
                    yield (*path, "options", qid), msg("check.unknown_here", id=qid)
                    continue
                for old, new in renames.items():
                    if new is not None and new not in self.index.options[qid]:
                        yield (*path, "options", qid, old), msg("check.no_option", question=qid, option=new)
            for qid in block.fresh:
                if qid not in self.index.questions:
                    yield (*path, "fresh"), msg("check.unknown_here", id=qid)

    def _target_level(self) -> Found:
        target = self.q.target_level
        if target is None:
            return
        question = self.index.questions.get(target)
        if question is None:
            yield ("target_level",), msg("check.unknown_question", id=target)
        elif question.kind != "level" or question.level is not None:
            yield ("target_level",), msg("check.target_level", id=target)

    # -- question sets --------------------------------------------------------------------

    def _sets(self) -> Found:
        known = self.index.questions.keys() | self.index.dimensions.keys()
        tags = {tag for q in self.index.questions.values() for tag in q.tags}
        for name, qset in self.q.question_sets.items():
            path: Path = ("question_sets", name)
            members = list(qset.members or [])
            if qset.tag is not None and qset.tag not in tags:
                yield (*path, "tag"), msg("check.no_tag", tag=qset.tag)
            if qset.children_of is not None and qset.children_of not in self.index.dimensions:
                yield (*path, "children_of"), msg("check.unknown_dimension", id=qset.children_of)
            if by := qset.by_answer:
                question = self.index.questions.get(by.question)
                if not isinstance(question, ChoiceQuestion):
                    yield (*path, "by_answer", "question"), msg("check.not_choice", id=by.question)
                for case in by.cases:
                    if case not in self.index.options.get(by.question, {}):
                        yield (
                            (*path, "by_answer", "cases", case),
                            msg("check.no_option", question=by.question, option=case),
                        )
                members += by.default + [m for case in by.cases.values() for m in case]
            for member in dict.fromkeys(members):
                if member not in known:
                    yield path, msg("check.unknown_member", id=member)


def _repeated(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})
