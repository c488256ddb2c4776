"""The generator: deterministic, every document it makes is received, re-assessments and revisions
among them, and the suspicious ones show up as flags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diagnosis.intake.claims import claim_tables
from diagnosis.intake.flags import find_flags
from diagnosis.intake.generate import generate
from diagnosis.intake.ingest import Intake, collect


def test_a_seed_makes_the_same_documents(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 12, seed=9, reports=0, keys=tmp_path / "keys")
    second = generate(tmp_path / "b", 12, seed=9, reports=0, keys=tmp_path / "keys")
    assert [p.name for p in first.files] == [p.name for p in second.files]


def test_every_generated_document_is_received(intake: Intake, tmp_path: Path) -> None:
    from diagnosis.signing.trust import load_trust

    made = generate(tmp_path / "g", 60, seed=11, reports=0.05, keys=tmp_path / "keys")
    assert made.trust is not None
    intake.checker.trust = load_trust(made.trust)
    intake.clock = lambda: dt.datetime.now(dt.UTC)  # today: nothing generated lies in the future
    outcomes = intake.add_files(collect([tmp_path / "g"]))
    assert {o.status for o in outcomes} <= {"received", "added"}, [o.message for o in outcomes][:3]
    assert any(p.suffix == ".pdf" for p in made.files)
    claims = claim_tables(intake.engine)
    assert 0 < claims.total.enterprises < claims.total.assessments  # re-assessments
    assert claims.total.with_effect > 0
    kinds = {f.kind for f in find_flags(intake.engine)}
    made_so = {k.removesuffix("_from_file") for k in made.suspicious}
    assert {k for k in made_so if k not in ("identical_answers", "shared_evidence")} <= kinds | {
        "budget_outlier",
        "identical_findings",  # the first of a questionnaire has nobody to copy from
        "unresolved_warnings",  # left open only where the answers raise one
    }
