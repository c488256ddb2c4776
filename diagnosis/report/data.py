"""Stage one: plain report data (localised strings and numbers), testable with ordinary asserts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diagnosis.answer_text import answer_label
from diagnosis.model import ChoiceQuestion, Lang, Questionnaire
from diagnosis.model.index import ROOT_ID, index_of
from diagnosis.report.labels import label
from diagnosis.report.source import ReportInput, digest, payload, report_number, verification_code
from diagnosis.scoring.result import Check, NodeResult, ScoreResult


@dataclass
class DimensionRow:
    name: str
    depth: int
    score: float
    max_score: float
    level: str | None

    @property
    def rate(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0


@dataclass
class AnswerRow:
    dimension: str
    question: str
    answer: str
    points: str
    note: str


@dataclass
class ReportData:
    lang: Lang
    title: str
    subtitle: str
    cover: list[tuple[str, str]]
    number: str
    date: str
    enterprise: str
    finalized: bool
    level: str
    level_description: str
    score: float
    max_score: float
    decided_by: list[tuple[str, bool]]
    radar: list[tuple[str, float]]
    scenes: list[tuple[str, str, bool]]  # (scene, level label, mandatory)
    scene_note: str
    dimensions: list[DimensionRow]
    extremes: list[tuple[str, str, str]]  # (dimension, strongest, weakest)
    next_level: str | None
    unmet: list[str]
    improvements: list[tuple[str, str, str, str]]  # (question, points now/max, gain, advice)
    advice: list[str]
    comparison: list[tuple[str, str, str, str]] = field(default_factory=list)
    comparison_levels: tuple[str, str] | None = None
    answers: list[AnswerRow] = field(default_factory=list)
    evidence: list[tuple[str, str, str, str]] = field(default_factory=list)  # question, file, size, sha
    method: list[str] = field(default_factory=list)
    questionnaire_sha256: str = ""
    digest: str = ""
    code: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


def build(source: ReportInput, lang: Lang = "zh") -> ReportData:
    """Everything the layout needs, in the report's language."""
    q = source.loaded.questionnaire
    result = source.result()
    data = payload(source)
    full = digest(data)
    meta, ent = source.assessment, source.enterprise
    date = str(meta.get("finalized_at") or meta.get("updated_at") or meta.get("created_at") or "")[:10]

    def t(key: str) -> str:
        return label(key, lang)

    level_name = result.level.name.get(lang) if result.level else t("not_rated")
    report = ReportData(
        lang=lang,
        title=q.title.get(lang),
        subtitle=t("report"),
        cover=[
            (t("enterprise"), ent.get("name") or ""),
            (t("uscc"), ent.get("uscc") or "—"),
            (t("industry"), ent.get("industry") or "—"),
            (
                t("region"),
                " ".join(p for p in (ent.get("province"), ent.get("city"), ent.get("county")) if p) or "—",
            ),
            (t("provider"), meta.get("provider") or "—"),
            (t("assessor"), meta.get("assessor") or "—"),
            (t("mode"), t("mode.onsite") if meta.get("mode") == "onsite" else t("mode.self")),
            (t("date"), date or "—"),
            (t("number"), report_number(source)),
            (t("questionnaire"), f"{q.title.get(lang)}  v{q.version}"),
            (t("basis"), q.standard.name.get(lang)),
            (t("status"), t("status.finalized") if meta.get("status") == "finalized" else t("status.draft")),
        ],
        number=report_number(source),
        date=date,
        enterprise=ent.get("name") or "",
        finalized=meta.get("status") == "finalized",
        level=level_name,
        level_description=(
            result.level.description.get(lang) if result.level and result.level.description else ""
        ),
        score=round(result.score, 2),
        max_score=round(result.max_score, 2),
        decided_by=[
            (
                c.text.get(lang) + _aside(f"{t('now')} {_n(c.current)}", lang)
                if c.current is not None
                else c.text.get(lang),
                c.met,
            )
            for c in _deciding(result)
        ],
        radar=[
            (node.name.get(lang), (node.score or 0.0) / node.max_score if node.max_score else 0.0)
            for node in result.root.children
            if node.max_score
        ],
        scenes=[],
        scene_note="",
        dimensions=[
            DimensionRow(
                n.name.get(lang),
                depth,
                round(n.score or 0, 2),
                round(n.max_score or 0, 2),
                n.level.name.get(lang) if n.level else None,
            )
            for n, depth in _tree(result.root, 0)
            if n.max_score
        ],
        extremes=_extremes(q, result, lang),
        next_level=result.next_level.level.name.get(lang) if result.next_level else None,
        unmet=[_unmet(q, c, lang) for c in (result.next_level.unmet if result.next_level else [])],
        improvements=_improvements(q, result, lang),
        advice=[text.get(lang) for text in (result.next_level.recommendations if result.next_level else [])],
        answers=_answers(source, result, lang),
        evidence=[
            (
                _question_text(q, e["question_id"], lang),
                str(e["name"]),
                _size(int(e["size"] or 0)),
                str(e["sha256"])[:12],
            )
            for e in source.evidence
        ],
        method=[t("method_text"), *([q.notes.get(lang)] if q.notes else []), q.disclaimer.get(lang)],
        questionnaire_sha256=source.loaded.sha256,
        digest=full,
        code=verification_code(full),
        payload=data,
    )
    report.scenes, report.scene_note = _scenes(q, result, lang)
    if source.previous is not None:
        _compare(report, source.previous.result(), result, lang)
    return report


def _unmet(q: Questionnaire, check: Check, lang: Lang) -> str:
    """The condition with where it stands, and for a count the members closest to passing."""
    text = check.text.get(lang)
    if check.current is not None:
        text += _aside(f"{label('now', lang)} {_n(check.current)}", lang)
    if check.candidates:
        names = "、".join(_short_name(q, m, lang) for m in check.candidates[:6])
        text += f"{label('closest', lang)}{names}"
    return text


def _short_name(q: Questionnaire, member: str, lang: Lang) -> str:
    index = index_of(q)
    if member in index.dimensions:
        return index.dimensions[member].name.get(lang)
    return _question_text(q, member, lang)


def _deciding(result: ScoreResult) -> list[Any]:
    if result.level is not None:
        return list(result.decided_by)
    return list(result.next_level.unmet) if result.next_level else []


def _tree(node: NodeResult, depth: int) -> list[tuple[NodeResult, int]]:
    return [pair for child in node.children for pair in [(child, depth), *_tree(child, depth + 1)]]


def _extremes(q: Questionnaire, result: ScoreResult, lang: Lang) -> list[tuple[str, str, str]]:
    """For each top-level dimension: its best and worst part by score rate."""
    index = index_of(q)
    rows = []
    for top in result.root.children:
        if not top.max_score:
            continue
        parts = [(c.name.get(lang), (c.score or 0) / c.max_score) for c in top.children if c.max_score]
        if not parts:
            parts = [
                (
                    index.questions[qid].text.get(lang),
                    result.questions[qid].points / result.questions[qid].max_points,
                )
                for qid in top.questions
                if result.questions[qid].max_points
            ]
        if len(parts) < 2:
            continue
        best = max(parts, key=lambda p: p[1])
        worst = min(parts, key=lambda p: p[1])
        rows.append(
            (
                top.name.get(lang),
                best[0] + _aside(f"{best[1]:.0%}", lang),
                worst[0] + _aside(f"{worst[1]:.0%}", lang),
            )
        )
    return rows


def _improvements(q: Questionnaire, result: ScoreResult, lang: Lang) -> list[tuple[str, str, str, str]]:
    if result.next_level is None:
        return []
    return [
        (
            _question_text(q, i.question, lang),
            f"{_n(i.points)} / {_n(i.max_points)}",
            f"+{_n(i.gain)}",
            i.recommendation.get(lang) if i.recommendation else "",
        )
        for i in result.next_level.improvements
    ]


def _answers(source: ReportInput, result: ScoreResult, lang: Lang) -> list[AnswerRow]:
    """Every visible question in questionnaire order; hidden ones are left out."""
    q = source.loaded.questionnaire
    index = index_of(q)
    rows = []
    for qid, question in index.questions.items():
        qr = result.questions[qid]
        if not qr.visible:
            continue
        value = qr.derived if question.kind == "derived" else source.answers.get(qid)
        shown = answer_label(index, question, value, lang) if value is not None else label("unanswered", lang)
        points = (
            f"{_n(qr.points)} / {_n(qr.max_points)}"
            if qr.max_points
            else ("—" if not qr.not_applicable else "N/A")
        )
        dim = index.dimensions[index.parent_of[qid]]
        rows.append(
            AnswerRow(dim.name.get(lang), question.text.get(lang), shown, points, source.notes.get(qid, ""))
        )
    return rows


def _scenes(q: Questionnaire, result: ScoreResult, lang: Lang) -> tuple[list[tuple[str, str, bool]], str]:
    """The largest question set made of level questions (the scenes), marking members of the
    smaller sets inside it (e.g. the mandatory scenes of the sub-sector)."""
    index = index_of(q)
    ladders = {
        name: members
        for name, members in result.sets.items()
        if members
        and all(
            isinstance(index.questions.get(m), ChoiceQuestion) and index.questions[m].kind == "level"
            for m in members
        )
    }
    if not ladders:
        return [], ""
    main = max(ladders, key=lambda name: len(ladders[name]))
    marked = {m for name, members in ladders.items() if name != main for m in members}
    marker_sets = [q.question_sets[name].name.get(lang) for name in ladders if name != main]
    rows = []
    for member in ladders[main]:
        chosen = result.questions[member]
        option = index.options[member].get(str(chosen.value)) if chosen.answered else None
        shown = option.label.get(lang) if option else label("unanswered", lang)
        rows.append((index.questions[member].text.get(lang), shown, member in marked))
    note = f"★ = {'、'.join(marker_sets)}" if marker_sets else ""
    return rows, note


def _compare(report: ReportData, before: ScoreResult, after: ScoreResult, lang: Lang) -> None:
    for node, depth in _tree(after.root, 0):
        if not node.max_score or node.id == ROOT_ID:
            continue
        old = before.nodes.get(node.id)
        old_score = old.score if old and old.score is not None else None
        delta = "—" if old_score is None else f"{(node.score or 0) - old_score:+.2f}"
        report.comparison.append(("　" * depth + node.name.get(lang), _n(old_score), _n(node.score), delta))

    def name(r: ScoreResult) -> str:
        return r.level.name.get(lang) if r.level else label("not_rated", lang)

    report.comparison_levels = (
        name(before) + _aside(_n(before.score), lang),
        name(after) + _aside(_n(after.score), lang),
    )


def _question_text(q: Questionnaire, qid: str, lang: Lang) -> str:
    question = index_of(q).questions.get(qid)
    return question.text.get(lang) if question else qid


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(size / 1024, 0.1):.1f} KB"


def _aside(text: str, lang: Lang) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _n(value: float | None) -> str:
    return "—" if value is None else f"{round(value, 2):g}"
