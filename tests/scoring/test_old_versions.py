"""Formats 1 and 2 keep their meaning: every released version scores sample answer sets (best,
worst, random with 不适用 among them, everything 不适用) exactly as before format 3 existed, with
or without notes and explanations beside them. The fingerprints in tests/fixtures/golden were
taken from the engine before format 3 (a change here changes stored assessments' results)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.model import Questionnaire
from diagnosis.model.index import index_of
from diagnosis.scoring.engine import score
from diagnosis.scoring.evaluation import Context
from diagnosis.scoring.result import ScoreResult
from diagnosis.scoring.sample import sample_answers

GOLDEN = json.loads((Path(__file__).parent.parent / "fixtures" / "golden" / "old-versions.json").read_text())
RELEASED = sorted({key.split()[0] for key in GOLDEN})


def cases(q: Questionnaire) -> dict[str, dict[str, Any]]:
    out = {"max": sample_answers(q, "max"), "min": sample_answers(q, "min")}
    for seed in range(1, 9):
        out[f"random{seed}"] = sample_answers(q, "random", seed)
    everything_na = dict(out["max"])
    for qid, options in index_of(q).options.items():
        na = next((o.id for o in options.values() if o.not_applicable), None)
        if na and qid in everything_na:
            everything_na[qid] = na
    out["all_na"] = everything_na
    return out


def fingerprint(result: ScoreResult) -> str:
    def r(x: float | None) -> float | None:
        return None if x is None else round(float(x), 6)

    data = {
        "score": r(result.score),
        "max": r(result.max_score),
        "level": result.level.id if result.level else None,
        "nodes": {
            k: [r(n.score), r(n.max_score), n.level.id if n.level else None, n.ladder_level]
            for k, n in sorted(result.nodes.items())
        },
        "questions": {
            k: [r(x.points), r(x.max_points), x.not_applicable, x.visible]
            for k, x in sorted(result.questions.items())
        },
        "next": result.next_level.level.id if result.next_level else None,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@pytest.mark.parametrize("ref", RELEASED)
def test_released_versions_score_as_they_always_did(ref: str) -> None:
    q = default_catalogue().get(ref).questionnaire
    assert q.generation < 3
    explained = {check.id: "说明" for check in q.checks}
    for name, answers in cases(q).items():
        noted = Context(assessment_year=2026, notes=dict.fromkeys(answers, "理由"), resolutions=explained)
        for context in (None, Context(), noted):
            assert fingerprint(score(q, answers, strict=False, context=context)) == GOLDEN[f"{ref} {name}"], (
                name
            )
