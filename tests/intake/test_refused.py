"""What the intake refuses, and how a refusal leaves the rest: a revision beyond the bound, a
finalized date in the future, a newer revision signed by another provider, a report of the older
format and a document that breaks a reader — each refused with its reason, the others stored."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from diagnosis.intake.checks import Checker
from diagnosis.intake.current import counted
from diagnosis.intake.db import database_url
from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import Spec, detached_signature, package
from diagnosis.intake.schema import assessments, documents, refusals
from diagnosis.intake.workers import ingest_files
from diagnosis.records import MAX_REVISION
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, QUESTIONNAIRE_NAME
from diagnosis.report.source import canonical, digest, verification_code
from diagnosis.scoring.engine import score
from diagnosis.signing.keys import ProviderKey
from diagnosis.storage.package import SIGNATURE
from tests.hostile.conftest import edit_json, members, pack
from tests.intake.conftest import PROVIDER, ROGUE, TODAY, SpecMaker


def _rows(intake: Intake, table: Any = assessments) -> int:
    with intake.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _counted(intake: Intake) -> list[tuple[int, str | None]]:
    with intake.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(select(assessments.c.revision, assessments.c.signer).where(counted()))
        ]


def _with_revision(spec: Spec, revision: int) -> bytes:
    """The spec's package claiming `revision`, re-signed by its provider (the records refuse it,
    not the signature)."""
    content = edit_json(
        members(package(replace(spec, signer=None))), "assessment.json", lambda d: _revise(d, revision)
    )
    raw = pack(content)
    assert spec.signer is not None
    manifest = members(raw)["manifest.json"]
    return pack({**members(raw), SIGNATURE: detached_signature(manifest, spec.signer)}, fix_manifest=False)


def _revise(data: Any, revision: int) -> None:
    data["assessment"]["revision"] = revision


@pytest.mark.parametrize("revision", [2**63 - 1, MAX_REVISION + 1])
def test_a_revision_beyond_the_bound_is_refused(intake: Intake, make_spec: SpecMaker, revision: int) -> None:
    spec = make_spec(1)
    assert intake.add(package(spec), "r1").status == "received"
    outcome = intake.add(_with_revision(spec, revision), "huge revision")
    assert outcome.status == "refused"
    assert "revision" in outcome.message and f"less than or equal to {MAX_REVISION}" in outcome.message
    assert _rows(intake) == 1 and _counted(intake) == [(1, PROVIDER)]
    fine = intake.add(_with_revision(spec, MAX_REVISION), "the last revision")
    assert fine.status == "received", fine.message


def test_a_finalized_date_in_the_future_is_refused(intake: Intake, make_spec: SpecMaker) -> None:
    spec = make_spec(1)
    # Unsigned: a sample signs now, and a signature before the finalized time is refused first.
    ahead = replace(spec, created=TODAY.replace(year=2029), signer=None)
    outcome = intake.add(package(ahead), "from the future")
    assert outcome.status == "refused"
    assert outcome.message == (
        "revision 1 of assessment uid00001 says it was finalized on 2029-01-01, which is in the future; "
        "refused"
    )
    assert _rows(intake) == 0 and _rows(intake, refusals) == 1


def _by_rogue(spec: Spec, keys: dict[str, ProviderKey], **changes: Any) -> Spec:
    """The same assessment signed by another provider naming itself (a signer must be the
    provider the document names, or the package is refused for that first)."""
    return replace(spec, signer=keys[ROGUE], provider=ROGUE, provider_uscc=None, **changes)


def test_a_newer_revision_signed_by_another_provider_never_supersedes(
    intake: Intake, make_spec: SpecMaker, keys: dict[str, ProviderKey]
) -> None:
    first = make_spec(1)
    rogue = _by_rogue(first, keys, revision=2, report_number="20260301-ABCD-XAB123-R00002")
    assert intake.add(package(first), "r1").status == "received"
    outcome = intake.add(package(rogue), "r2 by another")
    assert outcome.status == "refused"
    assert outcome.message == (
        f"assessment uid00001 was received signed by {PROVIDER}, but this revision is signed by {ROGUE}: "
        "a revision never changes who signed; refused"
    )
    assert _counted(intake) == [(1, PROVIDER)]


def test_whichever_arrives_first_the_other_signer_is_refused(
    intake: Intake, make_spec: SpecMaker, keys: dict[str, ProviderKey]
) -> None:
    first = make_spec(1)
    rogue = _by_rogue(first, keys, revision=2, report_number="20260301-ABCD-XAB123-R00002")
    assert intake.add(package(rogue), "r2 by another").status == "received"
    outcome = intake.add(package(first), "r1")
    assert outcome.status == "refused" and "a revision never changes who signed" in outcome.message
    assert _rows(intake) == 1  # one provider's revisions only, never both


def test_an_unsigned_copy_of_a_revision_is_still_added(intake: Intake, make_spec: SpecMaker) -> None:
    spec = make_spec(1)
    assert intake.add(package(spec), "signed").status == "received"
    assert intake.add(package(replace(spec, signer=None)), "unsigned").status == "added"


def _legacy_report(spec: Spec) -> bytes:
    """A report as version 0.1 made them (report data format 1): its data, digest and code hold."""
    loaded = spec.loaded
    result = score(loaded.questionnaire, spec.answers, sha256=loaded.sha256, strict=False)
    payload = {
        "format": "diagnosis-report-data/1",
        "questionnaire": {
            "id": loaded.questionnaire.id,
            "version": loaded.questionnaire.version,
            "sha256": loaded.sha256,
        },
        "answers": spec.answers,
        "result": {
            "score": round(result.score, 4),
            "max_score": round(result.max_score, 4),
            "level": result.level.id if result.level else None,
        },
    }
    code = verification_code(digest(payload))
    page = io.BytesIO()
    sheet = canvas.Canvas(page)
    sheet.drawString(72, 720, f"Verification code {code}")
    sheet.save()
    writer = PdfWriter(io.BytesIO(page.getvalue()))
    writer.add_attachment(PAYLOAD_NAME, canonical(payload))
    writer.add_attachment(QUESTIONNAIRE_NAME, loaded.raw)
    writer.add_metadata({DIGEST_KEY: digest(payload)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_older_report_and_a_broken_file_in_a_folder_are_refused_and_the_rest_stored(
    db_url: str, make_spec: SpecMaker, trust_folder: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(3):
        (inbox / f"{n}.diagpkg").write_bytes(package(make_spec(n)))
    (inbox / "old.pdf").write_bytes(_legacy_report(make_spec(3)))
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    tally = ingest_files(database_url(db_url), sorted(inbox.iterdir()), trust_path=trust_folder)
    assert tally.counts == {"received": 3, "refused": 2}
    reasons = {Path(o.name).name: o.message for o in tally.refused}
    assert reasons["old.pdf"] == (  # what the clerk can do about it
        "a report in the older format diagnosis-report-data/1: the intake takes reports made by this "
        "version; hand in the assessment's package instead"
    )
    assert reasons["broken.pdf"]  # the reader's own sentence


def test_a_document_that_breaks_a_reader_is_refused_with_its_reason(
    intake: Intake, make_spec: SpecMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Checker.check

    def fragile(self: Checker, raw: bytes, name: str) -> Any:
        if name == "odd":
            raise RecursionError("maximum recursion depth exceeded while parsing")
        return real(self, raw, name)

    monkeypatch.setattr(Checker, "check", fragile)
    outcomes = intake.add_batch(
        [("a", package(make_spec(0))), ("odd", b"PK\x03\x04odd"), ("b", package(make_spec(1)))]
    )
    assert [o.status for o in outcomes] == ["received", "refused", "received"]
    assert outcomes[1].message == (
        "the document cannot be read (RecursionError: maximum recursion depth exceeded while parsing)"
    )
    with intake.engine.connect() as conn:
        assert conn.execute(select(refusals.c.reason)).scalars().all() == [outcomes[1].message]
    assert _rows(intake, documents) == 2


def test_a_report_signed_by_another_provider_is_not_added_to_a_revision(
    intake: Intake, make_spec: SpecMaker, keys: dict[str, ProviderKey]
) -> None:
    spec = make_spec(1)
    assert intake.add(package(spec), "package").status == "received"
    other = intake.add(package(_by_rogue(spec, keys)), "same revision, other signer")
    assert other.status == "refused" and "a revision never changes who signed" in other.message
    assert _counted(intake) == [(1, PROVIDER)]


def test_revisions_two_clerks_took_in_at_once_from_two_signers_are_flagged(
    intake: Intake, make_spec: SpecMaker, keys: dict[str, ProviderKey], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clerks each checking one revision at the very same moment both pass the signer check
    (neither sees the other's row yet): the flag finds them."""
    from diagnosis.intake import flags, ingest

    first = make_spec(1)
    rogue = _by_rogue(first, keys, revision=2, report_number="20260301-ABCD-XAB123-R00002")
    monkeypatch.setattr(ingest, "_refuse_another", lambda *a: None)  # as if the rows were not yet seen
    assert [intake.add(package(s), s.uid).status for s in (first, rogue)] == ["received", "received"]
    [flag] = [f for f in flags.find_flags(intake.engine) if f.kind == "different_signer"]
    assert flag.evidence == f"signed by {PROVIDER}、{ROGUE}"
    assert flag.assessments == [  # every revision, by its own report number
        f"芜湖某汽配有限公司（{first.report_number}）",
        "芜湖某汽配有限公司（20260301-ABCD-XAB123-R00002）",
    ]
