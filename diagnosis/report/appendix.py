"""Report data for the back of the report: plausibility notes, every answer, the evidence
register with what is still missing, the method, and what a reviewer needs to verify it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diagnosis import __version__
from diagnosis.answer_text import answer_label
from diagnosis.model import Lang
from diagnosis.model.index import index_of
from diagnosis.numbers import figure, percent
from diagnosis.report.labels import label
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.plausibility import Alert, context_of
from diagnosis.scoring.plausibility import alerts as plausibility
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


def context(source: ReportInput) -> Context:
    """What plausibility checks read beside the answers: the year of the assessment (local)."""
    return context_of(source.assessment.get("created_at"), source.timezone, source.enterprise)


def checks(source: ReportInput) -> list[Alert]:
    """The questionnaire's plausibility checks that warn on these answers (resolved ones carry
    the provider's note): what the report lists, `score` prints and the wizard shows."""
    resolutions = source.plan.resolutions if source.plan is not None else {}
    return plausibility(source.loaded.questionnaire, source.answers, context(source), resolutions)


def alerts(source: ReportInput, lang: Lang) -> list[tuple[str, str, bool]]:
    q = source.loaded.questionnaire
    index = index_of(q)
    rows = []
    for alert in checks(source):
        where = ("、" if lang == "zh" else "; ").join(
            index.questions[qid].text.get(lang) for qid in alert.questions if qid in index.questions
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
    result = source.result()
    index = index_of(source.loaded.questionnaire)
    expected = [qid for qid, q in index.questions.items() if _expects(q) and result.questions[qid].visible]
    attached = {e.get("question_id") for e in source.evidence}
    with_ = sum(qid in attached for qid in expected)
    if not expected:
        return ""
    return label("evidence_share", lang).format(
        expected=len(expected), with_=with_, share=percent(with_ / len(expected))
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
        rows.append(
            AnswerRow(
                _path(index, qid, lang), question.text.get(lang), shown, points, source.notes.get(qid, "")
            )
        )
    return rows


def _path(index: Any, qid: str, lang: Lang) -> str:
    names = []
    node = index.parent_of.get(qid)
    while node is not None and node in index.dimensions and node != "total":
        names.append(index.dimensions[node].name.get(lang))
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
    """The answered, shown questions that call for evidence and have none attached."""
    result = source.result()
    attached = {e.get("question_id") for e in source.evidence}
    return [
        qid
        for qid, question in index_of(source.loaded.questionnaire).questions.items()
        if _expects(question)
        and result.questions[qid].visible
        and qid not in attached
        and result.questions[qid].answered
    ]


def _expected(question: Any, lang: Lang) -> str:
    return str(question.evidence.get(lang)) if question.evidence else ""


def _expects(question: Any) -> bool:
    """A question that names its supporting material (a computed figure rests on its inputs')."""
    return question.evidence is not None and question.kind != "derived"


def _size(size: int) -> str:
    return f"{figure(size / 2**20, 1)} MB" if size >= 2**20 else f"{figure(max(size / 1024, 0.1), 1)} KB"


def method(source: ReportInput, lang: Lang) -> list[str]:
    """What the result is and how it was made: the questionnaire's public method (never its
    authoring notes), the carried-over answers, the disclaimer."""
    q = source.loaded.questionnaire
    meta = source.assessment
    lines = [label("method_text", lang)]
    if q.method is not None:
        lines.append(q.method.get(lang))
    kind = "result_kind.onsite" if meta.get("mode") == "onsite" else "result_kind.self"
    lines.append(label(kind, lang))
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
        lines.append(label("signer_line", lang).format(name=name, fingerprint=_spaced(signer.fingerprint)))
    lines.append(label("verify_howto", lang))
    return lines


def _spaced(fingerprint: str) -> str:
    upper = fingerprint.upper()
    return " ".join(upper[i : i + 4] for i in range(0, 16, 4)) + " …"
