"""Report inputs a city reviewer would see: every bundled questionnaire answered at random (as
`diagnosis sample ID --strategy random --seed 3`), as a self-assessment or an on-site diagnosis."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.report.source import ReportInput
from diagnosis.scoring.sample import sample_answers, sample_notes

BUNDLED = ["sme-digital-2024", "dcmm", "dsmm", "lianghua", "lianghua-upgrade"]
PROVIDER = "示例数字化转型服务有限公司"

ONSITE: dict[str, Any] = {
    "uid": "reader0000000001",
    "revision": 1,
    "mode": "onsite",
    "status": "finalized",
    "provider": PROVIDER,
    "provider_uscc": "91340100MA2NX8K5TH",
    "assessor": "张工",
    "created_at": "2026-03-02T01:30:00+00:00",
    "updated_at": "2026-03-02T07:45:00+00:00",
    "finalized_at": "2026-03-02T08:00:00+00:00",
    "report_number": "20260302-5E1A-X8K5TH-Q7M3KD",
}


def sampled(qid: str, strategy: str = "random", seed: int = 3, onsite: bool = False) -> ReportInput:
    """A bundled questionnaire's newest version answered by the sampler."""
    loaded = default_catalogue().get(qid)
    answers = sample_answers(loaded.questionnaire, strategy, seed)  # type: ignore[arg-type]
    return ReportInput(
        loaded=loaded,
        answers=answers,
        notes=sample_notes(loaded.questionnaire, answers),
        enterprise={"name": "示例企业"},
        assessment=dict(ONSITE) if onsite else {},
        timezone="Asia/Shanghai",
    )


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
