"""Reports made by version 0.1 of the app (report data format 1). This version cannot render their
pages again, so it cannot tell a genuine page from an invented one printed over genuine data:
such a report is never OK here. Its data is still checked (digest, a fresh scoring, the code on
every page) so the verdict says what else is wrong."""

from __future__ import annotations

from typing import Any

from pypdf import PdfReader

from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import load_bytes
from diagnosis.messages import msg
from diagnosis.report.source import digest, verification_code
from diagnosis.report.verdict import Verdict
from diagnosis.scoring.engine import score


def verify(reader: PdfReader, payload: dict[str, Any], questionnaire: bytes) -> Verdict:
    from diagnosis.report.pdf import DIGEST_KEY

    verdict = Verdict([msg("legacy.pages_unchecked")])
    full = digest(payload)
    code = verification_code(full)
    if (reader.metadata.get(DIGEST_KEY) if reader.metadata else None) != full:
        verdict.problems.append(msg("legacy.digest"))
    pages = [page.extract_text() or "" for page in reader.pages]
    unmarked = [n for n, text in enumerate(pages, start=1) if code not in text]
    if unmarked:
        verdict.problems.append(
            msg("legacy.code_missing", code=code, pages=", ".join(map(str, unmarked[:10])))
        )
    pinned = _section(payload, "questionnaire")
    try:
        loaded = load_bytes("embedded questionnaire", questionnaire)
        answers = _section(payload, "answers")
        result = score(loaded.questionnaire, answers, sha256=loaded.sha256, strict=False)
    except DiagnosisError as error:
        verdict.problems.append(msg("verify.misfit", problem=error.lines[0]))
        return verdict
    if loaded.sha256 != pinned.get("sha256"):
        verdict.problems.append(msg("legacy.questionnaire"))
    declared = _section(payload, "result")
    fresh = {
        "score": round(result.score, 4),
        "max_score": round(result.max_score, 4),
        "level": result.level.id if result.level else None,
    }
    for key, value in fresh.items():
        if declared.get(key) != value:
            verdict.problems.append(
                msg(
                    "verify.rescored",
                    item=msg("verify.item", key=key),
                    fresh=str(value),
                    stated=str(declared.get(key)),
                )
            )
    return verdict


def _section(payload: dict[str, Any], key: str) -> dict[str, Any]:
    value = payload.get(key)
    return value if isinstance(value, dict) else {}
