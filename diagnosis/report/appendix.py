"""Report data for the back of the report: plausibility notes, every answer, the evidence
register with what is still missing, the method, and what a reviewer needs to verify it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diagnosis import __version__
from diagnosis.answer_text import answer_label
from diagnosis.model import Lang
from diagnosis.model.index import index_of
from diagnosis.numbers import figure, share
from diagnosis.outcome import evidence_expected
from diagnosis.report.labels import label
from diagnosis.report.standing import checks as checks
from diagnosis.report.standing import standing
from diagnosis.scoring.result import ScoreResult

if TYPE_CHECKING:
    from diagnosis.report.source import ReportInput, Signer


@dataclass
class AnswerRow:
    section: str  # the dimension path, parents first
    question: str
    answer: str
    points: str
    note: str


def alerts(source: ReportInput, lang: Lang) -> list[tuple[str, str, bool]]:
    q = source.loaded.questionnaire
    index = index_of(q)
    rows = []
    for alert in checks(source):
        where = ("、" if lang == "zh" else "; ").join(
            # a criterion is a sentence: "…运行。、…" reads badly, so its full stop goes
            index.questions[qid].text.get(lang).rstrip("。")
            for qid in alert.questions
            if qid in index.questions
        )
        message = alert.message.get(lang)
        if alert.resolution:
            message += (
                ("（说明：" + alert.resolution + "）")
                if lang == "zh"
                else f" (explained: {alert.resolution})"
            )
        rows.append((message, where, alert.resolved))
    return rows


def evidence_share(source: ReportInput, lang: Lang) -> str:
    """How many of the shown questions that call for evidence have some attached."""
    found = standing(source)
    if found.evidence_share is None:
        return ""
    return label("evidence_share", lang).format(
        expected=found.evidence_expected,
        with_=found.evidence_attached,
        share=share(found.evidence_attached, found.evidence_expected),
    )


def answers(source: ReportInput, result: ScoreResult, lang: Lang) -> list[AnswerRow]:
    """Every visible question in questionnaire order, under its dimension path."""
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
            f"{figure(qr.points)} / {figure(qr.max_points)}"
            if qr.max_points
            else ("N/A" if qr.not_applicable else "—")
        )
        if qr.voided:  # format 3: said at the indicator, where a reader looks for its points
            points += label("voided", lang)
        text = question.text.get(lang)
        if question.deviation is not None:
            text += "\n" + label("deviation", lang) + question.deviation.get(lang)
        rows.append(AnswerRow(_path(index, qid, lang), text, shown, points, source.notes.get(qid, "")))
    return rows


def not_applicable(source: ReportInput, result: ScoreResult, lang: Lang) -> list[list[str]]:
    """Format 3: per item, how many criteria were answered 不适用 and the reasons given (each
    once; one without a reason counts as unanswered, and says so). Which criterion had which
    reason is in the answers, where each 不适用 shows its note."""
    q = source.loaded.questionnaire
    if not q.strict_na:
        return []
    index = index_of(q)
    items: dict[str, list[str]] = {}
    for qid, answer in result.questions.items():
        if answer.visible and (answer.not_applicable or answer.unexplained):
            reason = (
                (source.notes.get(qid) or "").strip() if answer.not_applicable else label("no_reason", lang)
            )
            items.setdefault(index.parent_of[qid], []).append(
                reason.rstrip("。.；;")
            )  # no "。；" when joined
    separator = "；" if lang == "zh" else "; "
    return [
        [index.dimensions[item].title.get(lang), str(len(reasons)), separator.join(dict.fromkeys(reasons))]
        for item, reasons in items.items()
    ]


def _path(index: Any, qid: str, lang: Lang) -> str:
    names = []
    node = index.parent_of.get(qid)
    while node is not None and node in index.dimensions and node != "total":
        names.append(index.dimensions[node].title.get(lang))
        node = index.parent_of.get(node)
    return " › ".join(reversed(names))


def evidence(source: ReportInput, lang: Lang) -> tuple[list[list[str]], list[list[str]]]:
    """The register (question, file, size, sha256 prefix) and what is still missing."""
    q = source.loaded.questionnaire
    index = index_of(q)
    register = [
        [
            index.questions[e["question_id"]].text.get(lang)
            if e.get("question_id") in index.questions
            else str(e.get("question_id")),
            str(e.get("name")),
            _size(int(e.get("size") or 0)),
            str(e.get("sha256"))[:12],
        ]
        for e in source.evidence
    ]
    missing = [
        [index.questions[qid].text.get(lang), _expected(index.questions[qid], lang)]
        for qid in missing_evidence(source)
    ]
    return register, missing


def missing_evidence(source: ReportInput) -> list[str]:
    """The answered questions whose answer calls for evidence and have none attached."""
    result = source.result()
    attached = {e.get("question_id") for e in source.evidence}
    expected = evidence_expected(source.loaded.questionnaire, result)
    return [qid for qid in expected if qid not in attached and result.questions[qid].answered]


def _expected(question: Any, lang: Lang) -> str:
    return str(question.evidence.get(lang)) if question.evidence else ""


def _size(size: int) -> str:
    return f"{figure(size / 2**20, 1)} MB" if size >= 2**20 else f"{figure(max(size / 1024, 0.1), 1)} KB"


def method(source: ReportInput, lang: Lang) -> list[str]:
    """How the result was made, in the questionnaire's words: its public method (never its
    authoring notes), its level rule, the carried-over answers, its disclaimer. The report says
    what it is itself (`nature.statement`): these texts serve self-assessments and providers alike."""
    q = source.loaded.questionnaire
    meta = source.assessment
    lines = []
    if q.method is not None:
        lines.append(q.method.get(lang))
    if q.level_rule is not None:  # the reading of the standard behind the level, as data
        lines.append(q.level_rule.text.get(lang))
    version = meta.get("carried_from")
    block = next((b for b in q.carry_over if b.from_ == version), None) if version else None
    if version:
        note = block.note.get(lang) if block and block.note else ""
        lines.append(label("carried", lang).format(version=version, note=note).strip())
    lines.append(q.disclaimer.get(lang))
    return lines


def verification(
    source: ReportInput, data: dict[str, Any], full: str, signer: Signer | None, lang: Lang
) -> list[str]:
    renderer = data["renderer"]
    lines = [
        f"{label('qsha', lang)}：{source.loaded.sha256}"
        if lang == "zh"
        else f"{label('qsha', lang)}: {source.loaded.sha256}",
        f"{label('digest', lang)}：{full}" if lang == "zh" else f"{label('digest', lang)}: {full}",
        label("generator", lang).format(version=__version__),
        label("renderer", lang).format(reportlab=renderer["reportlab"], pypdf=renderer["pypdf"]),
    ]
    if signer is not None:
        name = signer.organisation or signer.name
        lines.append(
            label("signer_line", lang).format(name=name, fingerprint=_spaced(signer.fingerprint, lang))
        )
    lines.append(label("verify_howto", lang))
    return lines


def _spaced(fingerprint: str, lang: Lang) -> str:
    """The first 16 digits in groups ('C0FC D028 D93D FB44 …'; the font's … is a CJK one, centred)."""
    upper = fingerprint.upper()
    return " ".join(upper[i : i + 4] for i in range(0, 16, 4)) + (" …" if lang == "zh" else " ...")
