"""What both halves of the report data build on (the assessment's and the plan's): the dimension
tree, the scene table with short names, and a dimension or question by its short name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from diagnosis.model import Lang, Questionnaire
from diagnosis.model.index import index_of
from diagnosis.outcome import ladder_table
from diagnosis.report.labels import label
from diagnosis.scoring.result import NodeResult, ScoreResult

if TYPE_CHECKING:
    from diagnosis.report.source import ReportInput


@dataclass
class SceneRow:
    name: str
    level: str
    value: int  # 0 … for the chart
    mandatory: bool


def short_name(q: Questionnaire, member: str, lang: Lang) -> str:
    index = index_of(q)
    if member in index.dimensions:
        return index.dimensions[member].title.get(lang)
    question = index.questions.get(member)
    return question.text.get(lang) if question else member


def tree(node: NodeResult, depth: int) -> list[tuple[NodeResult, int]]:
    return [pair for child in node.children for pair in [(child, depth), *tree(child, depth + 1)]]


def scenes(q: Questionnaire, result: ScoreResult, lang: Lang) -> tuple[list[SceneRow], str]:
    """The scene table (see `outcome.ladder_table`) in `lang`, with short names, and the note
    saying what the ★ marks."""
    table = ladder_table(q, result)
    names = short_names([row.text.get(lang) for row in table.rows])
    rows = [
        SceneRow(
            name,
            row.option.label.get(lang) if row.option else label("unanswered", lang),
            (row.option.level or 0) if row.option else 0,
            row.marked,
        )
        for row, name in zip(table.rows, names, strict=True)
    ]
    separator = "、" if lang == "zh" else ", "
    note = f"★ = {separator.join(n.get(lang) for n in table.marker)}" if table.marker else ""
    return rows, note


def short_names(names: list[str]) -> list[str]:
    """Names without the words they all share ("产品设计场景的数字化等级" → "产品设计",
    "Digital level of quality management" → "quality management")."""
    if len(names) < 2:
        return names
    prefix = _shared_start(names)
    suffix = _shared_start([n[::-1] for n in names])[::-1]
    cut = [n[len(prefix) : len(n) - len(suffix)].strip(" :：-") for n in names]
    return cut if all(cut) else names


def _shared_start(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def target_level(source: ReportInput, lang: Lang) -> tuple[int, str] | None:
    """The target level chosen (value and name). Scores are then levels up to it and its value
    is every maximum, so a rate would only say how near the target is (100 %: reached)."""
    q = source.loaded.questionnaire
    chosen = source.answers.get(q.target_level) if q.target_level else None
    index = index_of(q)
    option = index.options.get(q.target_level or "", {}).get(chosen) if isinstance(chosen, str) else None
    if option is None or option.level is None:
        return None
    named = {lv.value: lv.name.get(lang) for lv in index.levels(index.root)}
    return option.level, named.get(option.level, str(option.level))
