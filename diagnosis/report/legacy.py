"""Reports made by version 0.1 of the app (report data format 1): their data is checked against
its digest and a fresh scoring, and the code on every page; their pages cannot be re-rendered."""

from __future__ import annotations

from typing import Any

from pypdf import PdfReader

from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import load_bytes
from diagnosis.report.source import digest, verification_code
from diagnosis.report.verdict import Verdict
from diagnosis.scoring.engine import score


def verify(reader: PdfReader, payload: dict[str, Any], questionnaire: bytes) -> Verdict:
    from diagnosis.report.pdf import DIGEST_KEY

    verdict = Verdict(notes=["made by an earlier version of this app: its pages cannot be re-rendered"])
    full = digest(payload)
    code = verification_code(full)
    if (reader.metadata.get(DIGEST_KEY) if reader.metadata else None) != full:
        verdict.problems.append("the embedded data does not match the report's digest")
    pages = [page.extract_text() or "" for page in reader.pages]
    unmarked = [n for n, text in enumerate(pages, start=1) if code not in text]
    if unmarked:
        verdict.problems.append(
            f"the verification code {code} is missing from page(s) {', '.join(map(str, unmarked[:10]))}"
        )
    pinned = _section(payload, "questionnaire")
    try:
        loaded = load_bytes("embedded questionnaire", questionnaire)
        answers = _section(payload, "answers")
        result = score(loaded.questionnaire, answers, sha256=loaded.sha256, strict=False)
    except DiagnosisError as error:
        verdict.problems.append(f"the embedded data does not fit its questionnaire: {error.lines[0]}")
        return verdict
    if loaded.sha256 != pinned.get("sha256"):
        verdict.problems.append("the embedded questionnaire is not the one the answers were given against")
    declared = _section(payload, "result")
    fresh = {
        "score": round(result.score, 4),
        "max_score": round(result.max_score, 4),
        "level": result.level.id if result.level else None,
    }
    for key, value in fresh.items():
        if declared.get(key) != value:
            verdict.problems.append(f"re-scoring gives {key} {value}, the report states {declared.get(key)}")
    verdict.summary = (
        f"OK {code}  {pinned.get('id')}@{pinned.get('version')}  score {fresh['score']:g} / "
        f"{fresh['max_score']:g}  level {fresh['level'] or '—'}"
    )
    return verdict


def _section(payload: dict[str, Any], key: str) -> dict[str, Any]:
    value = payload.get(key)
    return value if isinstance(value, dict) else {}
