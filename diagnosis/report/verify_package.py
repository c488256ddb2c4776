"""`verify REPORT --package PKG`: the package must be the assessment the report shows — the same
assessment (uid), enterprise and provider, questionnaire, answers and evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diagnosis.messages import Message, msg


def check_package(payload: dict[str, Any], raw: bytes | Path) -> list[Message]:
    """Why the package does not back the report whose embedded data is `payload` (none: it does).
    An unreadable package raises its own one-sentence error."""
    from diagnosis.signing.binding import same_provider
    from diagnosis.storage.db import DEFAULT_EVIDENCE_LIMIT  # only with --package
    from diagnosis.storage.package import read_package

    unpacked = read_package(raw, DEFAULT_EVIDENCE_LIMIT)
    meta = unpacked.meta
    reported, enterprise = payload.get("assessment") or {}, payload.get("enterprise") or {}
    problems = []
    if meta.assessment.uid != reported.get("uid"):
        problems.append(
            msg("package.other_assessment", package=meta.assessment.uid, report=str(reported.get("uid")))
        )
    if meta.enterprise.uscc != enterprise.get("uscc"):
        problems.append(
            msg(
                "package.other_enterprise",
                package=meta.enterprise.uscc or "—",
                report=str(enterprise.get("uscc") or "—"),
            )
        )
    if not same_provider(meta.assessment.model_dump(), reported):
        problems.append(
            msg(
                "package.other_provider",
                package=meta.assessment.provider or "—",
                report=str(reported.get("provider") or "—"),
            )
        )
    if unpacked.loaded.sha256 != payload["questionnaire"]["sha256"]:
        problems.append(msg("package.other_questionnaire"))
    answers = dict(unpacked.values)
    stated = payload.get("answers", {})
    differing = sorted(k for k in set(answers) | set(stated) if answers.get(k) != stated.get(k))
    if differing:
        problems.append(msg("package.other_answers", first=differing[0]))
    in_package = sorted(e.sha256 for e in meta.evidence)
    in_report = sorted(e["sha256"] for e in payload.get("evidence", []))
    if in_package != in_report:
        problems.append(msg("package.other_evidence"))
    return problems
