"""Fictitious documents for tests and the benchmark: one assessment described as a `Spec`, made
into a package (the same members and manifest as `diagnosis export`) or a signed report, and the
providers' keys, made once and kept in a folder (key generation and signing are the slow part).

Packages are assembled from the shared records rather than through a database of assessments:
ten thousand of them in minutes, with times, report numbers and answer pace under control.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from diagnosis.loading.load import Loaded
from diagnosis.plan.model import Plan
from diagnosis.records import ASSESSMENT_FIELDS, AssessmentRecord, travelling
from diagnosis.signing.keys import ProviderKey, new_keys, read_key
from diagnosis.storage.answers import ANSWERED, FROM_FILE
from diagnosis.storage.package import SIGNATURE, pack_members

PASSWORD = "intake-sample-keys"  # fictitious providers' keys, for sample data only
EXPLAINED = "已现场核实：该数据属实，系企业当年实际情况"  # a provider's note on a data warning


@dataclass
class Spec:
    """One assessment revision as a provider hands it in."""

    loaded: Loaded
    enterprise: dict[str, Any]
    uid: str
    answers: dict[str, Any]
    created: dt.datetime  # UTC; the first answer comes 30 minutes later
    revision: int = 1
    status: str = "finalized"
    mode: str = "onsite"
    provider: str | None = None
    provider_uscc: str | None = None
    assessor: str | None = None
    report_number: str | None = None
    answer_gap: float = 45.0  # seconds between answers in the history
    copied: dict[str, Any] = field(default_factory=dict)  # answers carried from an earlier one
    evidence: list[tuple[str, str, bytes]] = field(default_factory=list)  # question, name, bytes
    plan: Plan | None = None
    signer: ProviderKey | None = None
    notes: dict[str, str] = field(default_factory=dict)  # the answers' notes (reasons for 不适用)
    from_file: bool = False  # the answers loaded at once from an answers file (`answer --from`)

    @property
    def finalized(self) -> dt.datetime:
        return self._answered(len(self.answers)) + dt.timedelta(hours=1)

    def _answered(self, n: int) -> dt.datetime:
        return self.created + dt.timedelta(minutes=30, seconds=self.answer_gap * n)

    def assessment(self) -> dict[str, Any]:
        """`assessment.json`'s assessment record."""
        final = self.status == "finalized"
        record = {
            "uid": self.uid,
            "revision": self.revision,
            "status": self.status,
            "mode": self.mode,
            "provider": self.provider,
            "assessor": self.assessor,
            "created_at": _stamp(self.created),
            "updated_at": _stamp(self.finalized),
            "finalized_at": _stamp(self.finalized) if final else None,
            "created_by": self.assessor,
            "report_number": self.report_number if final else None,
            "carried_from": None,
            "provider_uscc": self.provider_uscc,
        }
        return travelling(AssessmentRecord.model_validate(record).model_dump())

    def evidence_records(self) -> list[dict[str, Any]]:
        return [
            {
                "question_id": qid,
                "sha256": hashlib.sha256(content).hexdigest(),
                "name": name,
                "media_type": "image/png" if name.endswith(".png") else "application/pdf",
                "size": len(content),
                "added_at": _stamp(self._answered(n)),
                "added_by": self.assessor,
            }
            for n, (qid, name, content) in enumerate(self.evidence)
        ]


def explained(spec: Spec) -> Spec:
    """The spec with the provider's note on each warning its answers and plan raise (format 3
    asks for one before finalizing; the report's cover counts those left open), as a provider who
    checked the figures on site hands it in."""
    from diagnosis.report.source import ReportInput
    from diagnosis.report.standing import checks

    if spec.plan is None:
        return spec
    plan = spec.plan.model_copy(update={"resolutions": {}})
    source = ReportInput(
        loaded=spec.loaded,
        answers=dict(spec.answers),
        notes=dict(spec.notes),
        enterprise=dict(spec.enterprise),
        assessment=spec.assessment(),
        plan=plan,
    )
    resolutions = {alert.id: EXPLAINED for alert in checks(source)}
    return replace(spec, plan=plan.model_copy(update={"resolutions": resolutions}))


def measured_again(loaded: Loaded, answers: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The answers with the figures of the effect indicators (revenue, energy, yield …) measured
    again a year on: each within -5 % … +25 % of what it was, within the question's range."""
    from diagnosis.model import NumberQuestion
    from diagnosis.model.formula import compile_formula
    from diagnosis.model.index import index_of

    q = loaded.questionnaire
    index = index_of(q)
    figures = {name for spec in q.kpis for name in compile_formula(spec.formula).names}
    out = dict(answers)
    for qid in sorted(figures & set(answers)):
        question, value = index.questions.get(qid), answers[qid]
        if isinstance(question, NumberQuestion) and isinstance(value, int | float) and value:
            changed = value * rng.uniform(0.95, 1.25)
            if question.max is not None:
                changed = min(changed, question.max)
            out[qid] = round(changed) if question.integer else round(changed, 2)
    return out


def package(spec: Spec) -> bytes:
    """The spec as a `.diagpkg`, signed over its manifest when the spec has a signer."""
    q = spec.loaded.questionnaire
    history = [
        _change(qid, value, spec.created, f"copied from an earlier assessment of {spec.enterprise['name']}")
        for qid, value in spec.copied.items()
    ]
    changed = [(qid, v) for qid, v in spec.answers.items() if qid not in spec.copied or spec.copied[qid] != v]
    for n, (qid, value) in enumerate(changed):
        if spec.from_file:  # all at one moment, with the reason `answer --from` records
            history.append(_change(qid, value, spec._answered(0), FROM_FILE))
        else:
            history.append(_change(qid, value, spec._answered(n), ANSWERED))
    updated = _stamp(spec.finalized)
    members = {
        "assessment.json": _json(
            {
                "assessment": spec.assessment(),
                "questionnaire": {"id": q.id, "version": q.version, "sha256": spec.loaded.sha256},
                "enterprise": spec.enterprise,
                "evidence": spec.evidence_records(),
            }
        ),
        "questionnaire.yaml": spec.loaded.raw,
        "answers.json": _json(
            [
                {
                    "question_id": qid,
                    "value": json.dumps(value, ensure_ascii=False),
                    "note": spec.notes.get(qid),
                    "updated_at": updated,
                    "updated_by": spec.assessor,
                }
                for qid, value in spec.answers.items()
            ]
        ),
        "history.json": _json(history),
    }
    for _, _, content in spec.evidence:
        members[f"evidence/{hashlib.sha256(content).hexdigest()}"] = content
    if spec.plan is not None:
        plan = spec.plan.model_dump(mode="json")
        members["plan.json"] = _json(plan)
        members["plan_history.json"] = _json(
            [
                {
                    "old_content": None,
                    "new_content": json.dumps(plan, ensure_ascii=False, sort_keys=True),
                    "changed_at": updated,
                    "changed_by": spec.assessor,
                    "reason": "drafted",
                }
            ]
        )
    unsigned = pack_members(members, updated)
    return unsigned if spec.signer is None else _signed(unsigned, spec.signer)


def report(spec: Spec) -> bytes:
    """The spec as a PDF report, signed when the spec has a signer."""
    from diagnosis.report.pdf import build_pdf
    from diagnosis.report.signed import signed_report
    from diagnosis.report.source import ReportInput

    source = ReportInput(
        loaded=spec.loaded,
        answers=dict(spec.answers),
        notes=dict(spec.notes),
        enterprise=dict(spec.enterprise),
        assessment={k: spec.assessment().get(k) for k in ASSESSMENT_FIELDS},
        evidence=spec.evidence_records(),
        plan=spec.plan,
        timezone="Asia/Shanghai",
    )
    return signed_report(source, "zh", spec.signer) if spec.signer else build_pdf(source)


def _signed(raw: bytes, key: ProviderKey) -> bytes:
    """The package with the provider's detached signature over its manifest added."""
    buffer = io.BytesIO(raw)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        manifest = archive.read("manifest.json")
        archive.writestr(SIGNATURE, detached_signature(manifest, key))
    return buffer.getvalue()


def detached_signature(data: bytes, key: ProviderKey) -> bytes:
    """A detached CMS signature over `data`, as `diagnosis export --sign` makes with pyHanko
    (SHA-256, content type, signing time and message digest signed, the certificate included),
    built directly: pyHanko takes some 50 ms a signature, ten thousand packages take minutes.
    Only for sample data; the intake checks these with pyHanko like any other."""
    from asn1crypto import algos, cms
    from asn1crypto import tsp as _tsp  # adds attribute names to cms; before asn1crypto caches them
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding

    del _tsp
    if not isinstance(key.private_key, ec.EllipticCurvePrivateKey):
        from diagnosis.signing.cms import sign_bytes

        return sign_bytes(data, key)
    certificate = asn1_x509.Certificate.load(key.certificate.public_bytes(Encoding.DER))
    attributes = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
            cms.CMSAttribute(
                {"type": "signing_time", "values": [cms.Time({"utc_time": dt.datetime.now(dt.UTC)})]}
            ),
            cms.CMSAttribute({"type": "message_digest", "values": [hashlib.sha256(data).digest()]}),
        ]
    )
    value = key.private_key.sign(attributes.dump(), ec.ECDSA(hashes.SHA256()))
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                        {"issuer": certificate.issuer, "serial_number": certificate.serial_number}
                    )
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": attributes,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
            "signature": value,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {"content_type": "data"},
            "certificates": [certificate],
            "signer_infos": [signer],
        }
    )
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())


def provider_key(folder: Path, provider: str, uscc: str | None) -> ProviderKey:
    """The provider's key from `folder`, made there (with its certificate) the first time."""
    name = hashlib.sha256(provider.encode("utf-8")).hexdigest()[:12]
    path = folder / f"{name}.p12"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        new_keys(provider, uscc, path, PASSWORD)
    return read_key(path.read_bytes(), PASSWORD, str(path))


def _change(qid: str, value: Any, when: dt.datetime, reason: str) -> dict[str, Any]:
    return {
        "question_id": qid,
        "old_value": None,
        "new_value": json.dumps(value, ensure_ascii=False),
        "old_note": None,
        "new_note": None,
        "changed_at": _stamp(when),
        "changed_by": None,
        "reason": reason,
    }


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
