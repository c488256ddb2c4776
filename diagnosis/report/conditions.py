"""Level conditions told for a reader: each with where the assessment stands, the members that
hold a count back (with their own level), and the parts with a verdict of their own (a grade
readiness, a compliance check) with what their next level still needs, criterion by criterion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diagnosis.answer_text import answer_label
from diagnosis.model import Lang, Questionnaire
from diagnosis.model.index import ROOT_ID, index_of
from diagnosis.numbers import figure
from diagnosis.outcome import criteria_behind, member_level_name
from diagnosis.report.labels import label
from diagnosis.report.rows import short_name, short_names
from diagnosis.scoring.result import Check, ScoreResult


@dataclass
class PartGap:
    """A part with levels of its own and what its next level still needs."""

    name: str
    level: str
    next_level: str
    unmet: list[str]
    rows: list[list[str]]  # where (dimension and level), criterion, current answer, evidence


def with_now(check: Check, lang: Lang) -> str:
    """The condition and where it stands: '…（当前 65.55）', and for a count of how many
    ('…（当前 12 个，共 16 个）')."""
    text = check.text.get(lang)
    if check.current is not None and check.kind == "count" and check.total is not None:
        text += aside(label("now_of", lang).format(now=figure(check.current), of=check.total), lang)
    elif check.current is not None:
        text += aside(f"{label('now', lang)} {figure(check.current)}", lang)
    return text


def decided(q: Questionnaire, result: ScoreResult, check: Check, lang: Lang) -> str:
    """A condition that decided a level; a count of every member names the weakest ones."""
    text = with_now(check, lang)
    if check.met and check.weakest:
        text += _joined_after(label("weakest_of", lang), _members(q, result, check.weakest, lang), lang)
    return text


def unmet(q: Questionnaire, result: ScoreResult, check: Check, lang: Lang, listed: bool = False) -> str:
    """An unmet condition with where it stands, and for a count the members that hold it back
    (all of them must rise when every member counts) or those closest to passing. With `listed`
    (a table of them follows), members named by whole sentences are counted, not cut short."""
    text = with_now(check, lang)
    if check.candidates:
        key = "held_back" if check.every else "closest"
        shown = check.candidates[:6]
        if listed and any(len(short_name(q, m, "zh")) > NAME_CHARS for m in shown):  # sentences
            return (
                text
                + ("。" if lang == "zh" else ". ")
                + label(f"{key}.listed", lang).format(n=len(check.candidates))
            )
        text += _joined_after(label(key, lang), _members(q, result, shown, lang), lang)
    return text


def _joined_after(lead: str, names: list[str], lang: Lang) -> str:
    separator = "、" if lang == "zh" else ", "
    return ("。" if lang == "zh" else ". ") + lead + separator.join(names)


NAME_CHARS = 30  # a criterion named in a sentence is cut here; the table below gives it whole


def _members(q: Questionnaire, result: ScoreResult, members: list[str], lang: Lang) -> list[str]:
    """Members named without the words they share ('产品设计、工艺设计', not '产品设计场景的
    数字化等级、工艺设计场景的数字化等级'), each with its own level where it has one."""
    full = [short_name(q, member, lang).rstrip("。.") for member in members]
    index = index_of(q)
    ladders = all(getattr(index.questions.get(m), "kind", None) == "level" for m in members)
    shared = short_names(full) if ladders else full  # scenes share their wording; items do not
    names = []
    for member, name in zip(members, shared, strict=True):
        level = member_level_name(q, result, member)
        most = NAME_CHARS if lang == "zh" else 2 * NAME_CHARS  # English words are longer
        if len(name) > most:  # (the font's … is a CJK one, centred: English gets "...")
            name = name[: most - 1] + "…" if lang == "zh" else name[: most - 3] + "..."
        names.append(name + (aside(level.get(lang), lang) if level else ""))
    return names


def part_levels(result: ScoreResult, lang: Lang) -> list[tuple[str, str]]:
    """Unscored parts that reach a level of their own (e.g. a compliance check, a grade readiness)."""
    return [
        (node.name.get(lang), node.level.name.get(lang) if node.level else label("not_rated", lang))
        for node in result.nodes.values()
        if node.id != ROOT_ID
        and node.method == "none"
        and (node.level is not None or node.next_level is not None)
    ]


def part_gaps(
    q: Questionnaire, result: ScoreResult, answers: Mapping[str, Any], lang: Lang, listed: bool = False
) -> list[PartGap]:
    """Every unscored part that reaches levels of its own and has a next one: what it still needs
    (`listed`: as `unmet`, its criteria are listed after it)."""
    gaps = []
    for node in result.nodes.values():
        if node.id == ROOT_ID or node.method != "none" or node.next_level is None:
            continue
        gaps.append(
            PartGap(
                node.name.get(lang),
                node.level.name.get(lang) if node.level else label("not_rated", lang),
                node.next_level.name.get(lang),
                [unmet(q, result, check, lang, listed) for check in node.unmet],
                to_close(q, result, answers, node.unmet, lang),
            )
        )
    return gaps


def to_close(
    q: Questionnaire, result: ScoreResult, answers: Mapping[str, Any], checks: list[Check], lang: Lang
) -> list[list[str]]:
    """The criteria behind unmet conditions as table rows: where (dimension and level), the
    criterion, its answer now, the evidence it asks for."""
    index = index_of(q)
    rows = []
    for qid in criteria_behind(q, result, checks):
        question = index.questions[qid]
        parent = index.dimensions[index.parent_of[qid]]
        levels = index.levels(parent) if question.level is not None else []  # criteria of a ladder
        level = next((lv for lv in levels if lv.value == question.level), None)
        where = parent.title.get(lang) + (aside(level.name.get(lang), lang) if level else "")
        value = answer_label(index, question, answers.get(qid), lang) or label("unanswered", lang)
        evidence = question.evidence.get(lang) if question.evidence else ""
        rows.append([where, question.text.get(lang), value, evidence])
    return rows


def aside(text: str, lang: Lang) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"
