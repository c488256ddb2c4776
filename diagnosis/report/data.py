"""Stage one: plain report data (localised strings and numbers), testable with ordinary asserts.
The layout only arranges what is here; every number is already formatted for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diagnosis.answer_text import answer_label
from diagnosis.localtime import local_date
from diagnosis.model import Lang, Questionnaire
from diagnosis.model.index import ROOT_ID, index_of
from diagnosis.numbers import figure, percent
from diagnosis.outcome import ladder_table, weakest_members
from diagnosis.report import appendix, plan_data
from diagnosis.report.labels import label
from diagnosis.report.source import ReportInput, Signer, digest, payload, report_number, verification_code
from diagnosis.scoring.result import Check, NodeResult, ScoreResult


@dataclass
class DimensionRow:
    name: str
    depth: int
    score: str
    max_score: str
    rate: str
    level: str
    parent: bool  # has scored children: printed as a heading row
    na: str = ""  # format 3: how many of its criteria were answered 不适用 ("" for none)


@dataclass
class SceneRow:
    name: str
    level: str
    value: int  # 0 … for the chart
    mandatory: bool


@dataclass
class ReportData:
    lang: Lang
    title: str
    subtitle: str
    self_assessment: bool
    number: str
    date: str
    enterprise: str
    finalized: bool
    cover: list[tuple[str, str]]
    level: str
    level_description: str
    level_rule: str  # how the level follows from the scores (format 3, as the questionnaire declares)
    weakest: str  # the weakest members the level rule names, with their scores
    score: str
    decided_by: list[tuple[str, bool]]
    radar: list[tuple[str, float]]
    scenes: list[SceneRow]
    scene_note: str
    part_levels: list[tuple[str, str]]  # dimensions with levels of their own (e.g. a compliance part)
    dimensions: list[DimensionRow]
    extremes: list[tuple[str, str, str]]
    next_level: str | None
    top_note: str
    unmet: list[str]
    improvements: list[list[str]]
    advice: list[str]
    process: plan_data.ProcessData | None = None
    findings: plan_data.FindingsData | None = None
    plan: plan_data.PlanData | None = None
    effects: plan_data.EffectsData | None = None
    comparison: plan_data.ComparisonData | None = None
    alerts: list[tuple[str, str, bool]] = field(default_factory=list)  # message, where, resolved
    evidence_share: str = ""
    answers: list[appendix.AnswerRow] = field(default_factory=list)
    na_reasons: list[list[str]] = field(default_factory=list)  # item, how many 不适用, the reasons
    evidence: list[list[str]] = field(default_factory=list)
    missing_evidence: list[list[str]] = field(default_factory=list)
    method: list[str] = field(default_factory=list)
    confirmation: list[tuple[str, str]] = field(default_factory=list)
    verification: list[str] = field(default_factory=list)
    signer: str = ""
    digest: str = ""
    code: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


def build(source: ReportInput, lang: Lang = "zh", signer: Signer | None = None) -> ReportData:
    """Everything the layout needs, in the report's language."""
    q = source.loaded.questionnaire
    result = source.result()
    data = payload(source, lang, signer)
    full = digest(data)
    meta = source.assessment
    stamp = meta.get("finalized_at") or meta.get("updated_at") or meta.get("created_at")
    date = local_date(stamp, source.timezone)
    onsite = meta.get("mode") == "onsite"
    plan = source.plan if source.plan is not None and not source.plan.empty else None
    level_name = result.level.name.get(lang) if result.level else label("not_rated", lang)
    report = ReportData(
        lang=lang,
        title=q.title.get(lang),
        subtitle=label("report" if onsite else "report.self", lang),
        self_assessment=not onsite,
        number=report_number(source),
        date=date,
        enterprise=source.enterprise.get("name") or "",
        finalized=meta.get("status") == "finalized",
        cover=_cover(source, result, lang, date),
        level=level_name,
        level_description=(
            result.level.description.get(lang) if result.level and result.level.description else ""
        ),
        level_rule=q.level_rule.text.get(lang) if q.level_rule else "",
        weakest=_weakest(q, result, lang),
        score=f"{figure(result.score)} / {figure(result.max_score)}",
        decided_by=[(_with_now(c, lang), c.met) for c in _deciding(result)],
        radar=[
            (node.name.get(lang), (node.score or 0.0) / node.max_score)
            for node in result.root.children
            if node.max_score
        ],
        scenes=[],
        scene_note="",
        part_levels=_part_levels(result, lang),
        dimensions=_dimensions(result, lang, q.strict_na),
        extremes=_extremes(q, result, lang),
        next_level=result.next_level.level.name.get(lang) if result.next_level else None,
        top_note=label("top.target" if _target_chosen(source) else "top", lang),
        unmet=[_unmet(q, c, lang) for c in (result.next_level.unmet if result.next_level else [])],
        improvements=_improvements(q, result, lang),
        advice=[text.get(lang) for text in (result.next_level.recommendations if result.next_level else [])],
        digest=full,
        code=verification_code(full),
        payload=data,
    )
    report.scenes, report.scene_note = scenes(q, result, lang)
    report.process = plan_data.process(plan, onsite, lang)
    report.findings = plan_data.findings(q, plan, lang) if plan else None
    report.plan = (
        plan_data.projects(q, source.answers, plan, lang, source.context())
        if plan and plan.projects
        else None
    )
    report.effects = plan_data.effects(q, source, plan, lang) if plan else None
    if source.previous is not None:
        report.comparison = plan_data.comparison(source.previous, source, lang)
    report.alerts = appendix.alerts(source, lang)
    report.evidence_share = appendix.evidence_share(source, lang)
    report.answers = appendix.answers(source, result, lang)
    report.na_reasons = appendix.not_applicable(source, result, lang)
    report.evidence, report.missing_evidence = appendix.evidence(source, lang)
    report.method = appendix.method(source, lang)
    report.confirmation = plan_data.confirmation(plan, lang)
    report.signer = (signer.organisation or signer.name) if signer else ""
    report.verification = appendix.verification(source, data, full, signer, lang)
    return report


def _cover(source: ReportInput, result: ScoreResult, lang: Lang, date: str) -> list[tuple[str, str]]:
    q, ent, meta = source.loaded.questionnaire, source.enterprise, source.assessment

    def t(key: str) -> str:
        return label(key, lang)

    region = " ".join(p for p in (ent.get("province"), ent.get("city"), ent.get("county")) if p)
    contact = " ".join(p for p in (ent.get("contact_name"), ent.get("contact_phone")) if p)
    return [
        (t("enterprise"), ent.get("name") or ""),
        (t("uscc"), ent.get("uscc") or "—"),
        (t("industry"), ent.get("industry") or _industry_from_answers(q, result, lang) or "—"),
        (t("region"), region or "—"),
        (t("size"), ent.get("size_class") or "—"),
        (t("contact"), contact or "—"),
        (t("provider"), meta.get("provider") or "—"),
        (t("assessor"), meta.get("assessor") or "—"),
        (t("mode"), t("mode.onsite") if meta.get("mode") == "onsite" else t("mode.self")),
        (t("date"), date or "—"),
        (t("number"), report_number(source)),
        (t("questionnaire"), f"{q.title.get(lang)}  v{q.version}"),
        (t("basis"), q.standard.name.get(lang)),
        (t("status"), t("status.finalized") if meta.get("status") == "finalized" else t("status.draft")),
    ]


def _industry_from_answers(q: Questionnaire, result: ScoreResult, lang: Lang) -> str:
    """The answer of the most specific question tagged `industry` (e.g. the sub-sector)."""
    index = index_of(q)
    found = ""
    for qid, question in index.questions.items():
        if "industry" in question.tags and result.questions[qid].answered:
            found = answer_label(index, question, result.questions[qid].value, lang) or found
    return found


def _target_chosen(source: ReportInput) -> bool:
    target = source.loaded.questionnaire.target_level
    return bool(target and source.answers.get(target))


def _deciding(result: ScoreResult) -> list[Check]:
    if result.level is not None:
        return list(result.decided_by)
    return list(result.next_level.unmet) if result.next_level else []


def _with_now(check: Check, lang: Lang) -> str:
    text = check.text.get(lang)
    if check.current is not None:
        text += aside(f"{label('now', lang)} {figure(check.current)}", lang)
    return text


def _unmet(q: Questionnaire, check: Check, lang: Lang) -> str:
    """The condition with where it stands, and for a count the members closest to passing."""
    text = _with_now(check, lang)
    if check.candidates:
        names = (
            "、".join(short_name(q, m, lang) for m in check.candidates[:6])
            if lang == "zh"
            else (", ".join(short_name(q, m, lang) for m in check.candidates[:6]))
        )
        text += ("。" if lang == "zh" else ". ") + label("closest", lang) + names
    return text


def short_name(q: Questionnaire, member: str, lang: Lang) -> str:
    index = index_of(q)
    if member in index.dimensions:
        return index.dimensions[member].title.get(lang)
    question = index.questions.get(member)
    return question.text.get(lang) if question else member


def _part_levels(result: ScoreResult, lang: Lang) -> list[tuple[str, str]]:
    """Unscored parts that reach a level of their own (e.g. a compliance check)."""
    return [
        (node.name.get(lang), node.level.name.get(lang) if node.level else label("not_rated", lang))
        for node in result.nodes.values()
        if node.id != ROOT_ID
        and node.method == "none"
        and (node.level is not None or node.next_level is not None)
    ]


def _dimensions(result: ScoreResult, lang: Lang, count_na: bool) -> list[DimensionRow]:
    """Every scored dimension; with `count_na` (format 3) how many of its criteria were 不适用."""
    rows = []
    for node, depth in tree(result.root, 0):
        if not node.max_score:
            continue
        rows.append(
            DimensionRow(
                node.name.get(lang),
                depth,
                figure(node.score),
                figure(node.max_score),
                percent((node.score or 0) / node.max_score),
                node.level.name.get(lang) if node.level else "",
                any(child.max_score for child in node.children),
                str(node.not_applicable) if count_na and node.not_applicable else "",
            )
        )
    return rows


def _weakest(q: Questionnaire, result: ScoreResult, lang: Lang) -> str:
    """'最薄弱的能力项：6.3 数据战略评估（1.2）、…' — the members the level rule names."""
    members = weakest_members(q, result)
    if not members or q.level_rule is None or q.level_rule.weakest is None:
        return ""
    qset = q.question_sets[q.level_rule.weakest.of]
    parts = []
    for member in members:
        node = result.nodes.get(member)
        points = node.score if node is not None else result.questions[member].points
        parts.append(short_name(q, member, lang) + aside(figure(points), lang))
    separator = "、" if lang == "zh" else ", "
    return label("weakest_members", lang).format(name=qset.name.get(lang)) + separator.join(parts)


def tree(node: NodeResult, depth: int) -> list[tuple[NodeResult, int]]:
    return [pair for child in node.children for pair in [(child, depth), *tree(child, depth + 1)]]


def _extremes(q: Questionnaire, result: ScoreResult, lang: Lang) -> list[tuple[str, str, str]]:
    """For each top-level dimension: its strongest and weakest part by score rate — only where they
    differ (a part fully met is never also called weak)."""
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
        if best[1] - worst[1] < 1e-9:
            continue  # all alike: no strongest or weakest to speak of
        rows.append(
            (
                top.name.get(lang),
                best[0] + aside(percent(best[1]), lang),
                worst[0] + aside(percent(worst[1]), lang),
            )
        )
    return rows


def _improvements(q: Questionnaire, result: ScoreResult, lang: Lang) -> list[list[str]]:
    if result.next_level is None:
        return []
    return [
        [
            short_name(q, i.question, lang),
            f"{figure(i.points)} / {figure(i.max_points)}",
            f"+{figure(i.gain)}",
            i.recommendation.get(lang) if i.recommendation else "",
        ]
        for i in result.next_level.improvements
    ]


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


def aside(text: str, lang: Lang) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"
