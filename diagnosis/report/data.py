"""Stage one: plain report data (localised strings and numbers), testable with ordinary asserts.
The layout only arranges what is here; every number is already formatted for people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from diagnosis.answer_text import answer_label
from diagnosis.localtime import local, local_date, offset
from diagnosis.model import Lang, Questionnaire
from diagnosis.model.index import index_of
from diagnosis.numbers import figure, share
from diagnosis.outcome import weakest_members
from diagnosis.report import appendix, nature, plan_data
from diagnosis.report.charts import PERCENT, Point, Scale
from diagnosis.report.conditions import (
    PartGap,
    aside,
    decided,
    part_gaps,
    part_levels,
    to_close,
    unmet,
)
from diagnosis.report.labels import LABELS, label
from diagnosis.report.rows import SceneRow, scenes, short_name, target_level, tree
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
from diagnosis.scoring.result import Check, NodeResult, ScoreResult

STRONG = 0.6  # a part is a strength from 60 % of its maximum (of the target level, where scores are levels)


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
    title: str  # the questionnaire as this report names it (an on-site one is no 自评估)
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
    radar: list[Point]
    scenes: list[SceneRow]
    scene_note: str
    part_levels: list[tuple[str, str]]  # dimensions with levels of their own (e.g. a compliance part)
    dimensions: list[DimensionRow]
    extremes: list[tuple[str, str, str]]
    extremes_rule: str  # what makes a part a strength or a weakness
    next_level: str | None
    top_note: str
    unmet: list[str]
    improvements: list[list[str]]
    advice: list[str]
    caveat: str = ""  # next to the level: indicative, not a formal rating
    score_note: str = ""  # where scores are levels: what the figures mean against the target
    levels_scored: bool = False  # scores are levels against a chosen target (DCMM): no rates
    scale: Scale = PERCENT  # the charts' gridlines
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
    statement: list[str] = field(default_factory=list)  # the report's own word on what it is
    method: list[str] = field(default_factory=list)  # quoted from the questionnaire
    confirmation: list[tuple[str, str]] = field(default_factory=list)
    # What an on-site diagnosis still lacks, by report section: the section stays (its number
    # too) and says so, instead of vanishing.
    missing: dict[str, list[str]] = field(default_factory=dict)
    verification: list[str] = field(default_factory=list)
    signer: str = ""
    signature: list[tuple[str, str]] = field(default_factory=list)  # the visible signature block
    qr: str = ""  # what the QR code on every page holds
    author: str = ""  # the PDF's author: the provider, or the enterprise of a self-assessment
    stamp: str = ""  # the report's time (ISO 8601, local): the PDF's creation date
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
    target = target_level(source, lang)
    report = ReportData(
        lang=lang,
        title=nature.titled(q.title.get(lang), onsite, lang),
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
        score=figure(result.score) if target else f"{figure(result.score)} / {figure(result.max_score)}",
        decided_by=[(decided(q, result, c, lang), c.met) for c in _deciding(result)],
        radar=[
            _point(node, node.name.get(lang), bool(target)) for node in result.root.children if node.max_score
        ],
        scenes=[],
        scene_note="",
        part_levels=part_levels(result, lang),
        dimensions=_dimensions(result, lang, q.strict_na, bool(target)),
        extremes=_extremes(q, result, lang, bool(target)),
        extremes_rule=_extremes_rule(result, lang, bool(target)),
        next_level=result.next_level.level.name.get(lang) if result.next_level else None,
        top_note=label("top.target" if target else "top", lang),
        unmet=[
            unmet(q, result, c, lang, True) for c in (result.next_level.unmet if result.next_level else [])
        ],
        improvements=_improvements(q, result, lang),
        advice=[text.get(lang) for text in (result.next_level.recommendations if result.next_level else [])],
        caveat=nature.caveat(q, lang),
        digest=full,
        code=verification_code(full),
        payload=data,
    )
    if target:
        report.levels_scored, report.scale = True, [(k / target[0], str(k)) for k in range(1, target[0] + 1)]
        report.score += aside(label("target_level", lang).format(level=target[1], value=target[0]), lang)
        report.score_note = _level_scale(q, target[0], lang)
    report.scenes, report.scene_note = scenes(q, result, lang)
    report.parts = part_gaps(q, result, source.answers, lang, listed=True)
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
    report.statement = nature.statement(q, onsite, lang)
    report.method = appendix.method(source, lang)
    report.confirmation = plan_data.confirmation(plan, lang)
    report.signer = (signer.organisation or signer.name) if signer else ""
    report.signature = _signature(signer, source.timezone, lang) if signer else []
    report.verification = appendix.verification(source, data, full, signer, lang)
    report.qr = _qr_text(report, signer)
    report.author = (meta.get("provider") if onsite else None) or report.enterprise
    moment = local(stamp, source.timezone)
    report.stamp = moment.isoformat() if moment else ""
    return report


def _point(node: NodeResult, name: str, levels: bool) -> Point:
    """A dimension on the charts: its rate, or where scores are levels its score."""
    score = node.score or 0.0
    shown = figure(score) if levels else share(score, node.max_score)
    return Point(name, score / node.max_score if node.max_score else 0.0, shown)


def _level_scale(q: Questionnaire, most: int, lang: Lang) -> str:
    """'1 = 初始级，2 = 受管理级' under a score that is a level."""
    index = index_of(q)
    names = [
        (lv.value, lv.name.get(lang)) for lv in index.levels(index.root) if lv.value and lv.value <= most
    ]
    separator = "，" if lang == "zh" else ", "
    scale = separator.join(f"{value} = {name}" for value, name in names)
    return label("level_scale", lang).format(scale=scale, most=most)


def _signature(signer: Signer, timezone: str, lang: Lang) -> list[tuple[str, str]]:
    """Who signed, when, and the certificate's fingerprint, for the signature block."""
    who = signer.organisation or signer.name
    if signer.uscc:
        who = label("provider_with_uscc", lang).format(name=who, uscc=signer.uscc)
    moment = local(signer.signed_at, timezone)
    when = "—"
    if moment is not None:
        when = moment.strftime("%Y-%m-%d %H:%M") + aside(offset(moment), lang)
    fingerprint = signer.fingerprint.upper()
    grouped = " ".join(fingerprint[i : i + 4] for i in range(0, 64, 4))
    return [
        (label("signature.by", lang), who),
        (label("signature.at", lang), when),
        (label("signature.fingerprint", lang), grouped),
    ]


def _qr_text(report: ReportData, signer: Signer | None) -> str:
    """What a phone shows a reviewer who scans any page: the report number, the verification
    code, the signer's certificate, and how to verify — plain text, no link."""
    lang = report.lang
    lines = [f"{label('number', lang)} {report.number}", f"{label('code', lang)} {report.code}"]
    if signer is not None:  # the name is on every page; the code stays small enough to scan
        lines.append(f"{label('qr.fingerprint', lang)} {signer.fingerprint[:16].upper()}")
    lines.append(label("qr.verify", lang))
    return "\n".join(lines)


def _cover(source: ReportInput, result: ScoreResult, lang: Lang, date: str) -> list[tuple[str, str]]:
    q, ent, meta = source.loaded.questionnaire, source.enterprise, source.assessment
    onsite = meta.get("mode") == "onsite"

    def t(key: str) -> str:
        return label(key, lang)

    found = standing(source)
    region = " ".join(p for p in (ent.get("province"), ent.get("city"), ent.get("county")) if p)
    contact = " ".join(p for p in (ent.get("contact_name"), ent.get("contact_phone")) if p)
    size = ent.get("size_class")
    separator = "、" if lang == "zh" else ", "
    visits = source.plan.process.visits if source.plan is not None else []
    rows = [
        (t("enterprise"), ent.get("name") or ""),
        (t("uscc"), ent.get("uscc") or "—"),
        (t("industry"), _industry(q, result, ent, lang)),
        (t("region"), region or "—"),
        (t("size"), t(f"size.{size}") if f"size.{size}" in LABELS else (size or "—")),
        (t("contact"), contact or "—"),
        (t("provider"), _provider(meta, lang)),
        (t("assessor"), separator.join(assessors(source)) or "—"),
        (t("mode"), t("mode.onsite") if onsite else t("mode.self")),
    ]
    if visits:
        rows.append((t("cover.visits"), separator.join(dict.fromkeys(v.date for v in visits))))
    title = nature.titled(q.title.get(lang), onsite, lang)
    share_text = (
        t("cover.evidence.share").format(
            with_=found.evidence_attached,
            expected=found.evidence_expected,
            share=share(found.evidence_attached, found.evidence_expected),
        )
        if found.evidence_expected
        else "—"
    )
    warnings = (
        t("cover.warnings.open").format(n=found.open_warnings)
        if found.open_warnings
        else t("cover.warnings.none")
    )
    return [
        *rows,
        (t("date"), date or "—"),
        (t("number"), report_number(source)),
        (t("questionnaire"), title + aside(f"{q.id} v{q.version}", lang)),
        (t("basis"), q.standard.name.get(lang)),
        (t("status"), t("status.finalized") if meta.get("status") == "finalized" else t("status.draft")),
        (t("cover.warnings"), warnings),
        (t("cover.evidence"), share_text),
    ]


def assessors(source: ReportInput) -> list[str]:
    """Everyone who assessed: the assessor named when the assessment began, the plan's assessors
    and each visit's, once each in the order they appear."""
    named = re.split(r"[、，,；;/]", str(source.assessment.get("assessor") or ""))
    plan = source.plan
    people = [p.name for p in plan.process.assessors] if plan is not None else []
    visits = [name for v in plan.process.visits for name in v.assessors] if plan is not None else []
    return list(dict.fromkeys(n.strip() for n in [*named, *people, *visits] if n.strip()))


def _provider(meta: dict[str, Any], lang: Lang) -> str:
    """The provider, with its credit code when the assessment names one."""
    name, code = meta.get("provider") or "—", meta.get("provider_uscc")
    return label("provider_with_uscc", lang).format(name=name, uscc=code) if code else name


def _industry(q: Questionnaire, result: ScoreResult, ent: dict[str, Any], lang: Lang) -> str:
    """The enterprise's industry; an English report prefers the answers' (the questionnaire
    has it in English, the enterprise record in Chinese)."""
    given, answered = ent.get("industry"), _industry_from_answers(q, result, lang)
    return (answered or given if lang == "en" else given or answered) or "—"


def _industry_from_answers(q: Questionnaire, result: ScoreResult, lang: Lang) -> str:
    """The answer of the most specific question tagged `industry` (e.g. the sub-sector)."""
    index = index_of(q)
    found = ""
    for qid, question in index.questions.items():
        if "industry" in question.tags and result.questions[qid].answered:
            found = answer_label(index, question, result.questions[qid].value, lang) or found
    return found


def _deciding(result: ScoreResult) -> list[Check]:
    if result.level is not None:
        return list(result.decided_by)
    return list(result.next_level.unmet) if result.next_level else []


def _dimensions(result: ScoreResult, lang: Lang, count_na: bool, levels: bool) -> list[DimensionRow]:
    """Every scored dimension; with `count_na` (format 3) how many of its criteria were 不适用;
    where scores are `levels` against a target, no rate (the layout leaves the column out)."""
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
                "" if levels else share(node.score or 0, node.max_score),
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


def _extremes(q: Questionnaire, result: ScoreResult, lang: Lang, levels: bool) -> list[tuple[str, str, str]]:
    """For each top-level dimension: its strongest part, when it reaches the strength line
    (STRONG of its maximum), and its weakest, when below it — a part at 30 % is no strength."""
    index = index_of(q)
    rows = []
    for top in result.root.children:
        if not top.max_score:
            continue
        parts = [(c.name.get(lang), c.score or 0.0, c.max_score) for c in top.children if c.max_score]
        if not parts:
            parts = [
                (
                    index.questions[qid].text.get(lang).rstrip("。."),  # no "。（100%）"
                    result.questions[qid].points,
                    result.questions[qid].max_points,
                )
                for qid in top.questions
                if result.questions[qid].max_points
            ]
        if len(parts) < 2:
            continue
        best = max(parts, key=lambda p: p[1] / p[2])
        worst = min(parts, key=lambda p: p[1] / p[2])
        strong = best if best[1] / best[2] >= STRONG - 1e-9 else None
        weak = worst if worst[1] / worst[2] < STRONG - 1e-9 else None
        if strong is None and weak is None:
            continue

        def told(part: tuple[str, float, float] | None) -> str:
            if part is None:
                return "—"
            return part[0] + aside(figure(part[1]) if levels else share(part[1], part[2]), lang)

        rows.append((top.name.get(lang), told(strong), told(weak)))
    return rows


def _extremes_rule(result: ScoreResult, lang: Lang, levels: bool) -> str:
    """The line that makes a part a strength, as the table's note says it."""
    if levels:
        return label("strong_rule.levels", lang).format(bar=figure(STRONG * result.max_score))
    return label("strong_rule", lang).format(bar=share(STRONG, 1))


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
