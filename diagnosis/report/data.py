"""Stage one: plain report data (localised strings and numbers), testable with ordinary asserts.
The layout only arranges what is here; every number is already formatted for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diagnosis.answer_text import answer_label
from diagnosis.localtime import local_date
from diagnosis.model import Lang, Questionnaire
from diagnosis.model.index import index_of
from diagnosis.numbers import figure, percent
from diagnosis.outcome import weakest_members
from diagnosis.report import appendix, plan_data
from diagnosis.report.conditions import (
    PartGap,
    aside,
    decided,
    part_gaps,
    part_levels,
    to_close,
    unmet,
)
from diagnosis.report.labels import label
from diagnosis.report.rows import SceneRow, scenes, short_name, tree
from diagnosis.report.source import (
    Renderer,
    ReportInput,
    Signer,
    digest,
    payload,
    report_number,
    verification_code,
)
from diagnosis.report.standing import standing
from diagnosis.scoring.result import Check, ScoreResult


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
    parts: list[PartGap] = field(default_factory=list)  # what the parts' next levels still need
    to_close: list[list[str]] = field(default_factory=list)  # criteria behind the next level's gaps
    evidence_share: str = ""
    answers: list[appendix.AnswerRow] = field(default_factory=list)
    na_reasons: list[list[str]] = field(default_factory=list)  # item, how many 不适用, the reasons
    evidence: list[list[str]] = field(default_factory=list)
    missing_evidence: list[list[str]] = field(default_factory=list)
    method: list[str] = field(default_factory=list)
    confirmation: list[tuple[str, str]] = field(default_factory=list)
    # What an on-site diagnosis still lacks, by report section: the section stays (its number
    # too) and says so, instead of vanishing.
    missing: dict[str, list[str]] = field(default_factory=dict)
    verification: list[str] = field(default_factory=list)
    signer: str = ""
    digest: str = ""
    code: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


def build(
    source: ReportInput, lang: Lang = "zh", signer: Signer | None = None, made_by: Renderer | None = None
) -> ReportData:
    """Everything the layout needs, in the report's language (`made_by`: see `source.payload`)."""
    q = source.loaded.questionnaire
    result = source.result()
    data = payload(source, lang, signer, made_by)
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
        decided_by=[(decided(q, result, c, lang), c.met) for c in _deciding(result)],
        radar=[
            (node.name.get(lang), (node.score or 0.0) / node.max_score)
            for node in result.root.children
            if node.max_score
        ],
        scenes=[],
        scene_note="",
        part_levels=part_levels(result, lang),
        dimensions=_dimensions(result, lang, q.strict_na),
        extremes=_extremes(q, result, lang),
        next_level=result.next_level.level.name.get(lang) if result.next_level else None,
        top_note=label("top.target" if _target_chosen(source) else "top", lang),
        unmet=[unmet(q, result, c, lang) for c in (result.next_level.unmet if result.next_level else [])],
        improvements=_improvements(q, result, lang),
        advice=[text.get(lang) for text in (result.next_level.recommendations if result.next_level else [])],
        digest=full,
        code=verification_code(full),
        payload=data,
    )
    report.scenes, report.scene_note = scenes(q, result, lang)
    report.parts = part_gaps(q, result, source.answers, lang)
    if result.next_level is not None:
        report.to_close = to_close(q, result, source.answers, result.next_level.unmet, lang)
    report.process = plan_data.process(plan, onsite, lang)
    report.findings = plan_data.findings(q, plan, lang) if plan else None
    report.plan = (
        plan_data.projects(q, source, plan, lang)
        if plan and (plan.projects or plan.no_project_reason)
        else None
    )
    report.effects = plan_data.effects(q, source, plan, lang) if plan or source.previous else None
    report.missing = plan_data.missing(plan, lang) if onsite else {}
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

    found = standing(source)
    share = found.evidence_share

    region = " ".join(p for p in (ent.get("province"), ent.get("city"), ent.get("county")) if p)
    contact = " ".join(p for p in (ent.get("contact_name"), ent.get("contact_phone")) if p)
    return [
        (t("enterprise"), ent.get("name") or ""),
        (t("uscc"), ent.get("uscc") or "—"),
        (t("industry"), ent.get("industry") or _industry_from_answers(q, result, lang) or "—"),
        (t("region"), region or "—"),
        (t("size"), ent.get("size_class") or "—"),
        (t("contact"), contact or "—"),
        (t("provider"), _provider(meta, lang)),
        (t("assessor"), meta.get("assessor") or "—"),
        (t("mode"), t("mode.onsite") if meta.get("mode") == "onsite" else t("mode.self")),
        (t("date"), date or "—"),
        (t("number"), report_number(source)),
        (t("questionnaire"), f"{q.title.get(lang)}  v{q.version}"),
        (t("basis"), q.standard.name.get(lang)),
        (t("status"), t("status.finalized") if meta.get("status") == "finalized" else t("status.draft")),
        (
            t("cover.warnings"),
            t("cover.warnings.open").format(n=found.open_warnings)
            if found.open_warnings
            else t("cover.warnings.none"),
        ),
        (
            t("cover.evidence"),
            t("cover.evidence.share").format(
                with_=found.evidence_attached, expected=found.evidence_expected, share=percent(share)
            )
            if share is not None
            else "—",
        ),
    ]


def _provider(meta: dict[str, Any], lang: Lang) -> str:
    """The provider, with its credit code when the assessment names one."""
    name, code = meta.get("provider") or "—", meta.get("provider_uscc")
    return label("provider_with_uscc", lang).format(name=name, uscc=code) if code else name


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
