"""Verification outcomes: every document is checked as `diagnosis verify` checks it; what fails is
refused with its reason and recorded, what passes is stored with its signature status."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from sqlalchemy import select

from diagnosis.intake.ingest import Intake
from diagnosis.intake.samples import Spec, package, report
from diagnosis.intake.schema import assessments, documents, refusals
from diagnosis.signing.keys import ProviderKey
from tests.intake.conftest import PROVIDER, PROVIDER_USCC, ROGUE, SpecMaker


def _row(intake: Intake) -> dict[str, object]:
    with intake.engine.connect() as conn:
        return dict(conn.execute(select(assessments)).one()._mapping)


def _refused(intake: Intake) -> list[str]:
    with intake.engine.connect() as conn:
        return [r.reason for r in conn.execute(select(refusals))]


def test_a_signed_package_is_received_with_its_columns(intake: Intake, make_spec: SpecMaker) -> None:
    outcome = intake.add(package(make_spec(1)), "a.diagpkg")
    assert outcome.status == "received", outcome.message
    row = _row(intake)
    assert row["uscc"] == "91340200MA2XAB123T" and row["city"] == "芜湖市"
    assert row["provider"] == PROVIDER and row["assessor"] == "评估师1"
    assert row["questionnaire_status"] == "official" and row["questionnaire_version"] == "1.2.0"
    assert row["signed"] and row["trusted"] and row["signer"] == PROVIDER
    assert row["level_name"] in ("一级", "二级", "三级", "四级") and row["level_rank"] >= 1
    assert row["plan_projects"] > 0 and row["plan_budget"] == pytest.approx(21.0 * row["plan_projects"])
    spec = make_spec(1)
    assert row["evidence_count"] == len(spec.evidence) and row["evidence_covered"] == row["evidence_expected"]
    assert row["evidence_share"] == 1.0 and row["open_warnings"] == 0  # as the report's cover states them
    assert (
        row["findings_count"] == len(spec.plan.findings) > 0
        and row["findings_drafted"] == row["findings_count"]
    )
    assert row["self_supplied"] is None and row["answers_from_file"] == 0
    assert row["effect_basis"]["day"] == "2026-03-02" and row["effect_basis"]["figures"]
    assert row["visit_count"] == 1 and str(row["first_visit"]) == "2026-03-02"
    assert row["pace_peak"] is not None and row["pace_peak"] < 10


def test_unsigned_and_untrusted_packages_are_received_and_marked(
    intake: Intake, make_spec: SpecMaker, keys: dict[str, ProviderKey]
) -> None:
    assert intake.add(package(make_spec(1, signer=None)), "unsigned").status == "received"
    rogue = intake.add(package(make_spec(2, signer=keys[ROGUE], provider=ROGUE, provider_uscc=None)), "rogue")
    assert rogue.status == "received", rogue.message
    with intake.engine.connect() as conn:
        rows = {r.uid: r for r in conn.execute(select(assessments))}
        notes = [d.signature for d in conn.execute(select(documents).order_by(documents.c.id))]
    assert not rows["uid00001abcdef"].signed
    assert rows["uid00002abcdef"].signed and not rows["uid00002abcdef"].trusted
    assert notes[0] == "not signed" and "not in your trust list" in notes[1]


def test_a_document_signed_by_another_than_the_provider_it_names_is_refused(
    intake: Intake, make_spec: SpecMaker, keys: dict[str, ProviderKey]
) -> None:
    # The rogue signs packages and reports naming the trusted provider: refused, with the reason.
    spec = make_spec(3, signer=keys[ROGUE])
    forged_report = _forger_signs_report(spec, keys[ROGUE])
    outcomes = intake.add_batch([("p.diagpkg", package(spec)), ("r.pdf", forged_report)])
    assert [o.status for o in outcomes] == ["refused", "refused"]
    signer = f"signed by {ROGUE} but"
    assert outcomes[0].message == f"{signer} the package names {PROVIDER} (USCC {PROVIDER_USCC})"
    assert outcomes[1].message == f"{signer} the report names {PROVIDER} (USCC {PROVIDER_USCC})"
    assert _refused(intake) == [outcomes[0].message, outcomes[1].message]
    with intake.engine.connect() as conn:
        assert conn.execute(select(assessments)).all() == []


def test_a_package_signed_before_its_assessment_was_finalized_is_refused(
    intake: Intake, make_spec: SpecMaker
) -> None:
    import datetime as dt

    from diagnosis.signing.cms import sign_bytes
    from diagnosis.storage.package import SIGNATURE
    from tests.signing.certificates import make, name

    # The provider's key valid since 2025; the signature dated two hours before the finalizing.
    key = make(name(PROVIDER, PROVIDER_USCC), start=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), days=3650)
    spec = make_spec(1, signer=None)
    when = spec.finalized - dt.timedelta(hours=2)
    buffer = io.BytesIO(package(spec))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(SIGNATURE, sign_bytes(archive.read("manifest.json"), key.provider_key(), now=when))
    outcome = intake.add(buffer.getvalue(), "backdated.diagpkg")
    assert (outcome.status, outcome.message) == (
        "refused",
        f"signed before the report existed: the signature says {when:%Y-%m-%d %H:%M} UTC, the assessment "
        f"was finalized {spec.finalized:%Y-%m-%d %H:%M} UTC",
    )


def _forger_signs_report(spec: Spec, key: ProviderKey) -> bytes:
    """A report naming the spec's provider, signed by `key` with a forger's own tool."""
    from diagnosis.report.pdf import build_pdf
    from diagnosis.report.signed import signer_of
    from diagnosis.report.source import ReportInput
    from diagnosis.signing.pdf import sign_pdf

    source = ReportInput(
        loaded=spec.loaded,
        answers=dict(spec.answers),
        enterprise=dict(spec.enterprise),
        assessment=spec.assessment(),
        evidence=spec.evidence_records(),
        plan=spec.plan,
        timezone="Asia/Shanghai",
    )
    return sign_pdf(build_pdf(source, "zh", signer_of(key)), key)


def _altered(raw: bytes, member: str, change: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data + change if info.filename == member else data)
    return out.getvalue()


def test_a_tampered_package_is_refused_with_the_reason_and_kept_out(
    intake: Intake, make_spec: SpecMaker
) -> None:
    raw = _altered(package(make_spec(1)), "answers.json", b" ")
    outcome = intake.add(raw, "tampered.diagpkg")
    assert outcome.status == "refused"
    assert (
        outcome.message == "answers.json does not match its sha256 in the manifest: the package was altered"
    )
    assert _refused(intake) == [outcome.message]
    with intake.engine.connect() as conn:
        assert conn.execute(select(assessments)).all() == []


def test_a_package_changed_after_signing_is_refused(intake: Intake, make_spec: SpecMaker) -> None:
    # The manifest is re-made to match the changed answers, but the signature covers the old one.
    spec = make_spec(1)
    signed = package(spec)
    with zipfile.ZipFile(io.BytesIO(signed)) as archive:
        signature = archive.read("signature.p7s")
    other = package(
        replace(spec, answers={**spec.answers, "network": spec.answers.get("network")}, signer=None)
    )
    changed = package(replace(spec, report_number="20260301-ABCD-XAB123-CHANGE", signer=None))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(changed)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("signature.p7s", signature)
    del other
    outcome = intake.add(out.getvalue(), "resigned.diagpkg")
    assert outcome.status == "refused"
    assert outcome.message.startswith("the signature does not hold: the signed data was changed")


def test_what_is_neither_a_package_nor_a_report_is_refused(intake: Intake) -> None:
    outcome = intake.add(b"hello", "notes.txt")
    assert (outcome.status, outcome.message) == (
        "refused",
        "neither an assessment package (.diagpkg) nor a PDF report",
    )


def test_an_unofficial_questionnaire_is_received_and_marked(intake: Intake, make_spec: SpecMaker) -> None:
    from diagnosis.loading.load import load_bytes

    spec = make_spec(1)
    raw = spec.loaded.raw.replace(b"\nversion: 1.2.0\n", b"\nversion: 1.2.7\n", 1)
    unofficial = load_bytes("sme 1.2.7", raw, use_cache=False)
    assert intake.add(package(replace(spec, loaded=unofficial)), "x").status == "received"
    assert _row(intake)["questionnaire_status"] == "unknown"


def test_an_altered_copy_of_an_official_version_is_marked_altered(
    intake: Intake, make_spec: SpecMaker
) -> None:
    from diagnosis.loading.load import load_bytes

    spec = make_spec(1)
    raw = spec.loaded.raw.replace(
        "zh: 中小企业数字化水平评测\n".encode(), "zh: 中小企业数字化水平评测（改）\n".encode(), 1
    )
    altered = load_bytes("altered", raw, use_cache=False)
    assert altered.sha256 != spec.loaded.sha256
    assert intake.add(package(replace(spec, loaded=altered)), "x").status == "received"
    assert _row(intake)["questionnaire_status"] == "altered"


@pytest.fixture(scope="module")
def signed_pdf(keys: dict[str, ProviderKey]) -> bytes:
    import datetime as dt

    from diagnosis.intake.samples import Spec
    from tests.intake.conftest import FIRMS, _drafted, questionnaire

    answers, plan = _drafted("sme-digital-2024@1.1.0", 3)
    name, code, city = FIRMS[3]
    spec = Spec(
        questionnaire("sme-digital-2024@1.1.0"),
        {"name": name, "uscc": code, "city": city, "province": "安徽省"},
        "uid00003abcdef",
        dict(answers),
        dt.datetime(2026, 3, 4, 1, tzinfo=dt.UTC),
        provider=PROVIDER,
        assessor="评估师3",
        report_number="20260301-ABCD-XAB123-N00003",
        plan=plan,
        signer=keys[PROVIDER],
    )
    return report(spec)


def test_a_signed_report_is_verified_by_re_rendering_and_received(intake: Intake, signed_pdf: bytes) -> None:
    outcome = intake.add(signed_pdf, "report.pdf")
    assert outcome.status == "received", outcome.message
    row = _row(intake)
    assert row["signed"] and row["trusted"] and row["history_count"] is None
    assert row["uscc"] == "91340400MA2XAB1235"
    with intake.engine.connect() as conn:
        assert conn.execute(select(documents.c.kind)).scalar_one() == "report"


def test_a_report_changed_after_signing_is_refused(intake: Intake, signed_pdf: bytes) -> None:
    outcome = intake.add(signed_pdf + b"\n% appended\n", "changed.pdf")
    assert outcome.status == "refused"
    assert "signature does not hold" in outcome.message
