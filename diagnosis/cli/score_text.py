"""`diagnosis score` as text: the total and level, the dimension tree, the scenes (the core of
SME 2024), every question's result, plausibility notes and the way to the next level."""

from __future__ import annotations

from diagnosis.answer_text import answer_label
from diagnosis.cli.output import table
from diagnosis.loading.load import Loaded
from diagnosis.messages import msg, render
from diagnosis.model import Lang
from diagnosis.model.index import index_of
from diagnosis.numbers import figure, percent
from diagnosis.report.conditions import part_gaps, unmet
from diagnosis.report.rows import scenes, tree
from diagnosis.scoring.plausibility import Alert
from diagnosis.scoring.result import ScoreResult

LIMIT = 40  # characters of a question's text in a table cell


def render_text(result: ScoreResult, loaded: Loaded, lang: Lang, alerts: list[Alert]) -> str:
    q, zh = loaded.questionnaire, lang == "zh"
    level = result.level.name.get(lang) if result.level else ("未定级" if zh else "not rated")
    lines = [
        f"{q.title.get(lang)}  {q.id}@{q.version}  sha256 {loaded.sha256[:12]}",
        f"{'总分' if zh else 'Score'}: {figure(result.score)} / {figure(result.max_score)}    "
        f"{'等级' if zh else 'Level'}: {level}",
        "",
        _dimensions(result, lang),
    ]
    scene_rows, note = scenes(q, result, lang)
    if scene_rows:
        head = ["场景" if zh else "Scene", "等级" if zh else "Level", "约束性" if zh else "Mandatory"]
        lines += [
            table([head, *[[s.name, s.level, "★" if s.mandatory else ""] for s in scene_rows]]),
            note,
            "",
        ]
    lines.append(_questions(result, loaded, lang))
    c = result.completeness
    missing = (
        f"    {'必答未答' if zh else 'required missing'}: {len(c.required_missing)}"
        if c.required_missing
        else ""
    )
    lines.append(f"{'已回答' if zh else 'Answered'}: {c.answered} / {c.visible}{missing}")
    lines += _format3_lines(result, loaded, lang)
    if alerts:
        lines.append("数据核查提示:" if zh else "Plausibility notes:")
        lines += [
            f"  ! {a.message.get(lang)}" + (f" ({a.resolution})" if a.resolution else "") for a in alerts
        ]
    if result.next_level:
        texts = {qid: _short(question.text.get(lang)) for qid, question in index_of(q).questions.items()}
        nxt = result.next_level
        lines.append(f"{'距下一等级' if zh else 'To reach'} {nxt.level.name.get(lang)}:")
        lines += [f"  - {unmet(q, result, c, lang)}" for c in nxt.unmet if c.current is not None]
        lines += [f"  + {texts[i.question]} (+{figure(i.gain)})" for i in nxt.improvements[:5]]
    for part in part_gaps(q, result, {}, lang):  # the parts' own verdicts: what their next level needs
        lines.append(f"{part.name} → {part.next_level}:")
        lines += [f"  - {text}" for text in part.unmet]
    return "\n".join(lines) + "\n"


def _format3_lines(result: ScoreResult, loaded: Loaded, lang: Lang) -> list[str]:
    """What format 3 adds beside the table: 不适用 without a reason, the share of 不适用,
    indicators a hard check voids, and indicators whose bands depart from the references."""
    index = index_of(loaded.questionnaire)
    lines: list[str] = []
    if result.completeness.unexplained:
        lines.append(msg("score.unexplained", count=len(result.completeness.unexplained)))
    offering = [q for q in result.questions.values() if q.visible and q.id in index.offers_na]
    if loaded.questionnaire.strict_na and offering and result.na_share:
        count = sum(q.not_applicable for q in offering)
        lines.append(msg("score.na_share", share=percent(result.na_share), count=count, total=len(offering)))
    for qid, answer in result.questions.items():
        if answer.voided:
            lines.append(msg("score.voided", question=qid, check=answer.voided))
        deviation = index.questions[qid].deviation
        if deviation is not None and answer.visible:  # questionnaire text: in the language asked for
            lines.append(
                f"{qid} {'口径说明' if lang == 'zh' else 'note on the bands'}: {deviation.get(lang)}"
            )
    return [render(line, lang) for line in lines]


def _dimensions(result: ScoreResult, lang: Lang) -> str:
    zh = lang == "zh"
    rows = [["维度" if zh else "Dimension", "得分" if zh else "Score", "等级" if zh else "Level"]]
    for node, depth in tree(result.root, 0):
        if node.max_score is None and node.level is None:
            continue
        score = f"{figure(node.score)} / {figure(node.max_score)}" if node.max_score is not None else ""
        rows.append(
            ["  " * depth + node.name.get(lang), score, node.level.name.get(lang) if node.level else ""]
        )
    return table(rows)


def _questions(result: ScoreResult, loaded: Loaded, lang: Lang) -> str:
    """Every shown question: its answer, points of the maximum, and the level a level question gives."""
    zh = lang == "zh"
    index = index_of(loaded.questionnaire)
    head = [
        "题号" if zh else "Question",
        "回答" if zh else "Answer",
        "得分" if zh else "Points",
        "等级" if zh else "Level",
    ]
    rows = [head]
    for qid, qr in result.questions.items():
        if not qr.visible:
            continue
        question = index.questions[qid]
        value = qr.derived if question.kind == "derived" else qr.value
        shown = answer_label(index, question, value, lang) if value is not None else ("未作答" if zh else "—")
        points = (
            f"{figure(qr.points)} / {figure(qr.max_points)}"
            if qr.max_points
            else ("N/A" if qr.not_applicable else "")
        )
        rows.append([qid, _short(shown), points, "" if qr.level is None else str(qr.level)])
    return table(rows)


def _short(text: str, limit: int = LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
