"""Idempotency and supersession, by constraint: the same document twice, another document of the
same revision, newer and older revisions in any order, a draft then its finalized version."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from diagnosis.intake.current import counted
from diagnosis.intake.db import database_url
from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import package
from diagnosis.intake.schema import assessments, dimensions, documents, refusals, scenes
from diagnosis.intake.workers import ingest_files
from tests.intake.conftest import SpecMaker


def _count(intake: Intake, table: object, *where: object) -> int:
    with intake.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())  # type: ignore[arg-type]


def _counted_revisions(intake: Intake) -> list[tuple[str, int]]:
    with intake.engine.connect() as conn:
        rows = conn.execute(select(assessments.c.uid, assessments.c.revision).where(counted()))
        return sorted((r.uid, r.revision) for r in rows)


def test_the_same_package_again_is_already_received(intake: Intake, make_spec: SpecMaker) -> None:
    raw = package(make_spec(1))
    assert intake.add(raw, "a.diagpkg").status == "received"
    again = intake.add(raw, "copy of a.diagpkg")
    assert again.status == "already"
    assert again.message == "already received (芜湖某汽配有限公司 uid00001 r1)"
    assert _count(intake, assessments) == 1 and _count(intake, documents) == 1
    assert _count(intake, dimensions) > 0 and _count(intake, scenes) > 0


def test_the_same_file_twice_in_one_batch_is_stored_once(intake: Intake, make_spec: SpecMaker) -> None:
    raw = package(make_spec(1))
    outcomes = intake.add_batch([("a", raw), ("b", raw)])
    assert [o.status for o in outcomes] == ["received", "already"]
    assert _count(intake, documents) == 1


def test_another_document_of_the_same_revision_is_added_to_it(intake: Intake, make_spec: SpecMaker) -> None:
    spec = make_spec(1)
    assert intake.add(package(replace(spec, signer=None)), "unsigned").status == "received"
    added = intake.add(package(spec), "signed")
    assert added.status == "added" and added.message.endswith("also received as a package")
    assert _count(intake, assessments) == 1 and _count(intake, documents) == 2
    with intake.engine.connect() as conn:
        assert conn.execute(select(assessments.c.signed, assessments.c.trusted)).one() == (True, True)


def test_the_same_revision_with_other_answers_is_refused(intake: Intake, make_spec: SpecMaker) -> None:
    spec = make_spec(1)
    assert intake.add(package(spec), "first").status == "received"
    other = replace(spec, answers={k: v for k, v in spec.answers.items() if k != next(iter(spec.answers))})
    outcome = intake.add(package(other), "second")
    assert outcome.status == "refused"
    assert outcome.message == (
        "revision 1 of assessment uid00001 was already received with other content (answers_digest differ)"
    )
    assert _count(intake, refusals) == 1 and _count(intake, documents) == 1


def test_a_newer_revision_supersedes_and_both_are_kept(intake: Intake, make_spec: SpecMaker) -> None:
    first = make_spec(1)
    second = replace(first, revision=2, report_number="20260301-ABCD-XAB123-R00002")
    assert intake.add(package(first), "r1").message.endswith("r1: received")
    assert intake.add(package(second), "r2").message.endswith("r2: received; supersedes revision 1")
    assert _count(intake, assessments) == 2
    assert _counted_revisions(intake) == [("uid00001abcdef", 2)]


def test_an_older_revision_arriving_later_does_not_count(intake: Intake, make_spec: SpecMaker) -> None:
    first = make_spec(1)
    second = replace(first, revision=2, report_number="20260301-ABCD-XAB123-R00002")
    intake.add(package(second), "r2")
    late = intake.add(package(first), "r1")
    assert late.message.endswith("r1: received; revision 2 already here counts instead")
    assert _counted_revisions(intake) == [("uid00001abcdef", 2)]


def test_a_newer_draft_does_not_displace_the_finalized_revision(intake: Intake, make_spec: SpecMaker) -> None:
    first = make_spec(1)
    intake.add(package(first), "r1")
    intake.add(package(replace(first, revision=2, status="draft")), "r2 draft")
    assert _counted_revisions(intake) == [("uid00001abcdef", 1)]


def test_the_finalized_version_replaces_the_draft_of_the_same_revision(
    intake: Intake, make_spec: SpecMaker
) -> None:
    spec = make_spec(1)
    intake.add(package(replace(spec, status="draft")), "draft")
    assert _counted_revisions(intake) == []
    outcome = intake.add(package(spec), "final")
    assert outcome.message.endswith("received; replaces the draft received before")
    assert _count(intake, assessments) == 1 and _counted_revisions(intake) == [("uid00001abcdef", 1)]


def test_one_batch_keeps_track_of_its_own_revisions(intake: Intake, make_spec: SpecMaker) -> None:
    """A batch reads the stored revisions once: what it stores itself must count as stored."""
    spec = make_spec(1)
    second = replace(spec, revision=2, report_number="20260301-ABCD-XAB123-R00002")
    moved = replace(spec, revision=3, enterprise=make_spec(2).enterprise)
    batch = [replace(spec, status="draft"), spec, second, moved]
    outcomes = intake.add_batch([(f"d{n}", package(s)) for n, s in enumerate(batch)])
    assert [o.status for o in outcomes] == ["received", "received", "received", "refused"]
    assert outcomes[1].message.endswith("replaces the draft received before")
    assert outcomes[2].message.endswith("supersedes revision 1")
    assert "was received for another enterprise" in outcomes[3].message
    assert _count(intake, assessments) == 2 and _count(intake, documents) == 2
    assert _counted_revisions(intake) == [("uid00001abcdef", 2)]
    with intake.engine.connect() as conn:  # the draft's detail rows went with it
        kept = conn.execute(select(assessments.c.id)).scalars().all()
        owners = conn.execute(select(dimensions.c.assessment_id).distinct()).scalars().all()
        assert sorted(owners) == sorted(kept)


def test_a_revision_cannot_move_an_assessment_to_another_enterprise(
    intake: Intake, make_spec: SpecMaker
) -> None:
    first = make_spec(1)
    intake.add(package(first), "r1")
    moved = replace(first, revision=2, enterprise=make_spec(2).enterprise)
    outcome = intake.add(package(moved), "r2")
    assert outcome.status == "refused"
    assert "was received for another enterprise" in outcome.message


def test_folders_are_taken_in_recursively_and_a_second_run_receives_nothing_new(
    db_url: str, make_spec: SpecMaker, trust_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox" / "provider"
    folder.mkdir(parents=True)
    for n in range(10):
        (folder / f"{n}.diagpkg").write_bytes(package(make_spec(n)))
    (folder / "readme.txt").write_text("not a document")
    url = database_url(db_url)
    from diagnosis.intake.ingest import collect

    files = collect([tmp_path / "inbox"])
    assert len(files) == 10
    first = ingest_files(url, files, trust_path=trust_folder, workers=2)
    assert first.counts == {"received": 10}
    second = ingest_files(url, files, trust_path=trust_folder, workers=1)
    assert second.counts == {"already": 10}
