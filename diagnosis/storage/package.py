"""Portable packages: one assessment as a zip file, to hand over between laptops and authorities.

Layout: `manifest.json` (format version and the sha256 of every other member),
`assessment.json` (metadata, enterprise, evidence list), `questionnaire.yaml` (the exact file),
`answers.json`, `history.json`, `evidence/<sha256>`, and when there is one `plan.json` with
`plan_history.json` (the diagnosis plan). A provider may sign the manifest: `signature.p7s`, a
detached CMS signature over `manifest.json`, which lists the hash of everything else.

A package comes from a stranger: it is read under limits counted while decompressing, every
record is validated (`diagnosis.records`) and every hash recomputed before anything is written,
and the write is one transaction — a refused package leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from diagnosis.errors import DiagnosisError
from diagnosis.files import write_atomic
from diagnosis.jsonio import parse_json
from diagnosis.loading.load import Loaded, load_bytes
from diagnosis.messages import msg
from diagnosis.model.index import index_of
from diagnosis.plan.model import Plan
from diagnosis.plan.projection import check_plan
from diagnosis.records import (
    ANSWER_FIELDS,
    ENTERPRISE_FIELDS,
    EVIDENCE_FIELDS,
    HISTORY_FIELDS,
    PLAN_HISTORY_FIELDS,
    AnswerRecord,
    AssessmentRecord,
    EnterpriseRecord,
    EvidenceRecord,
    HistoryRecord,
    PlanHistoryRecord,
    QuestionnaireRef,
    travelling,
)
from diagnosis.scoring.answers import check_value
from diagnosis.storage.answers import history_of
from diagnosis.storage.archive import MAX_MEMBERS, PackageError, read_members
from diagnosis.storage.assessments import get_assessment, keep_questionnaire, questionnaire_of, report_number
from diagnosis.storage.db import Store, inserted
from diagnosis.storage.enterprises import get_enterprise
from diagnosis.storage.evidence import evidence_bytes, evidence_of
from diagnosis.storage.plans import plan_history, plan_json
from diagnosis.validation import reason

FORMAT = "diagnosis-package/2"  # 2 adds the diagnosis plan and the provider's signature
READABLE = ("diagnosis-package/1", FORMAT)
SUFFIX = ".diagpkg"
SIGNATURE = "signature.p7s"
FIXED = ("manifest.json", "assessment.json", "questionnaire.yaml", "answers.json", "history.json")
OPTIONAL = ("plan.json", "plan_history.json", SIGNATURE)
EVIDENCE_NAME = re.compile(r"^evidence/[0-9a-f]{64}$")
MAX_DATA_MEMBER = 20 * 2**20  # each JSON or YAML member
IfExists = Literal["skip", "copy"]
QuestionnaireMemo = dict[str, Loaded]  # by the sha256 of the file's exact bytes

if TYPE_CHECKING:
    from diagnosis.signing.keys import ProviderKey
    from diagnosis.signing.result import SignatureCheck
    from diagnosis.signing.trust import TrustList


class PackageMeta(BaseModel):
    """`assessment.json`."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    assessment: AssessmentRecord
    questionnaire: QuestionnaireRef
    enterprise: EnterpriseRecord
    evidence: list[EvidenceRecord] = Field(default=[], max_length=MAX_MEMBERS)


def export_package(store: Store, assessment_id: int, target: Path, signer: ProviderKey | None = None) -> None:
    """Write the assessment, its questionnaire, answers, history, evidence and plan to one zip
    file, signed over its manifest when a provider key is given."""
    write_atomic(target, package_bytes(store, assessment_id, signer), "package")


def package_bytes(store: Store, assessment_id: int, signer: ProviderKey | None = None) -> bytes:
    """The package as bytes; the same stored assessment always gives the same bytes (apart from
    the signature, which carries its signing time). A key signs only a package that names its
    provider (refused before anything is written)."""
    row = get_assessment(store, assessment_id)
    if signer is not None:
        from diagnosis.signing.binding import require_provider

        require_provider(signer.identity, row, msg("binding.the_package"))
    loaded = questionnaire_of(store, assessment_id)
    enterprise = get_enterprise(store, row["enterprise_id"])
    evidence = evidence_of(store, assessment_id)
    answers = store.db.table("answers").rows_where("assessment_id = ?", [assessment_id], order_by="rowid")
    members: dict[str, bytes] = {
        "assessment.json": _json(
            {
                "assessment": travelling(row),
                "questionnaire": {
                    "id": row["questionnaire_id"],
                    "version": row["questionnaire_version"],
                    "sha256": row["questionnaire_sha256"],
                },
                "enterprise": {k: enterprise[k] for k in ENTERPRISE_FIELDS},
                "evidence": [{k: e[k] for k in EVIDENCE_FIELDS} for e in evidence],
            }
        ),
        "questionnaire.yaml": loaded.raw,
        "answers.json": _json(
            [{k: a[k] for k in ANSWER_FIELDS} | {"review": bool(a["review"])} for a in answers]
        ),
        "history.json": _json([{k: h[k] for k in HISTORY_FIELDS} for h in history_of(store, assessment_id)]),
    }
    for sha in sorted({e["sha256"] for e in evidence}):
        members[f"evidence/{sha}"] = evidence_bytes(store, sha)
    plan = store.db.execute("SELECT content FROM plans WHERE assessment_id = ?", [assessment_id]).fetchone()
    if plan is not None:
        members["plan.json"] = _json(json.loads(plan[0]))
        members["plan_history.json"] = _json(
            [{k: h[k] for k in PLAN_HISTORY_FIELDS} for h in plan_history(store, assessment_id)]
        )
    return pack_members(members, row["updated_at"], signer)


def pack_members(members: dict[str, bytes], updated_at: str, signer: ProviderKey | None = None) -> bytes:
    """The zip of a package's members with its manifest (and signature), stamped `updated_at`."""
    manifest = {"format": FORMAT, "members": {name: _sha(data) for name, data in sorted(members.items())}}
    stamp = _zip_time(updated_at)
    listed = [("manifest.json", _json(manifest)), *sorted(members.items())]
    if signer is not None:
        from diagnosis.signing.cms import sign_bytes  # pyHanko loads only to sign

        listed.append((SIGNATURE, sign_bytes(listed[0][1], signer)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in listed:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


@dataclass
class Unpacked:
    meta: PackageMeta
    loaded: Loaded
    answers: list[AnswerRecord]
    history: list[HistoryRecord]
    evidence: dict[str, bytes]
    plan: Plan | None = None
    plan_history: list[PlanHistoryRecord] = field(default_factory=list)
    manifest: bytes = b""  # what a signature covers
    signature: bytes | None = None
    values: dict[str, Any] = field(default_factory=dict)  # the answers' values, parsed, by question

    def check_signature(self, trust: TrustList) -> SignatureCheck:
        """The provider's signature over the manifest (which lists the hash of every member)."""
        from diagnosis.signing.cms import check_bytes_signature
        from diagnosis.signing.result import NOT_SIGNED, SignatureCheck

        if self.signature is None:
            return SignatureCheck.failed(NOT_SIGNED)
        return check_bytes_signature(self.manifest, self.signature, trust)


def read_package(
    source: bytes | Path, evidence_limit: int, questionnaires: QuestionnaireMemo | None = None
) -> Unpacked:
    """Check a package (bytes, or a file read as it decompresses) completely; any problem raises
    PackageError in one sentence; a device, FIFO or oversized file is refused unread.

    `questionnaires` keeps questionnaires already checked, by the sha256 of their exact bytes:
    reading thousands of packages (the claims intake) parses each questionnaire file once."""
    data = read_members(source, lambda name: _allowed(name, evidence_limit))
    manifest = _parse(data, "manifest.json")
    if not isinstance(manifest, dict) or manifest.get("format") not in READABLE:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise PackageError(msg("pack.format", found=repr(str(found)[:40]), format=FORMAT))
    listed = manifest.get("members")
    if (
        set(manifest) != {"format", "members"}
        or not isinstance(listed, dict)
        or set(listed) != set(data) - {"manifest.json", SIGNATURE}
    ):
        raise PackageError(msg("pack.manifest_files"))
    hashes = {name: _sha(data[name]) for name in listed}  # each member hashed once, here
    for name, sha in listed.items():
        if hashes[name] != sha:
            raise PackageError(msg("pack.altered_member", name=name))
    return _contents(data, hashes, evidence_limit, questionnaires)


def _allowed(name: str, evidence_limit: int) -> int | None:
    """The size limit of a member, or None: no such member belongs in a package."""
    if name in FIXED or name in OPTIONAL:
        return MAX_DATA_MEMBER
    return evidence_limit if EVIDENCE_NAME.match(name) else None


def _contents(
    data: dict[str, bytes],
    hashes: dict[str, str],
    evidence_limit: int,
    questionnaires: QuestionnaireMemo | None = None,
) -> Unpacked:
    for name in FIXED:
        if name not in data:
            raise PackageError(msg("pack.missing", name=name))
    meta = _validated(PackageMeta, _parse(data, "assessment.json"), "assessment.json")
    answers = _records(AnswerRecord, data, "answers.json")
    history = _records(HistoryRecord, data, "history.json")
    loaded = _questionnaire(data["questionnaire.yaml"], hashes["questionnaire.yaml"], questionnaires)
    pinned = meta.questionnaire
    if (loaded.sha256, loaded.questionnaire.id, loaded.questionnaire.version) != (
        pinned.sha256,
        pinned.id,
        pinned.version,
    ):
        raise PackageError(
            msg("pack.questionnaire_altered", id=pinned.id, version=pinned.version, sha=pinned.sha256[:12])
        )
    values = _check_answers(loaded, answers, history, meta.evidence)
    evidence = {n.removeprefix("evidence/"): d for n, d in data.items() if n.startswith("evidence/")}
    _check_evidence(meta.evidence, evidence, hashes, evidence_limit)
    plan, plan_changes = _plan(data, loaded)
    return Unpacked(
        meta,
        loaded,
        answers,
        history,
        evidence,
        plan,
        plan_changes,
        data["manifest.json"],
        data.get(SIGNATURE),
        values,
    )


def _questionnaire(raw: bytes, key: str, memo: QuestionnaireMemo | None) -> Loaded:
    if memo is not None and key in memo:
        return memo[key]  # the same bytes passed every check before
    try:
        loaded = load_bytes("questionnaire.yaml", raw, use_cache=False)
    except DiagnosisError as error:
        raise PackageError(msg("pack.questionnaire_invalid", problem=error.lines[0])) from None
    if memo is not None:
        memo[key] = loaded
    return loaded


def _plan(data: dict[str, bytes], loaded: Loaded) -> tuple[Plan | None, list[PlanHistoryRecord]]:
    """The plan, validated as a record and against the questionnaire; its history with it."""
    if "plan.json" not in data:
        if "plan_history.json" in data:
            raise PackageError(msg("pack.history_without_plan"))
        return None, []
    plan = _validated(Plan, _parse(data, "plan.json"), "plan.json")
    problems = check_plan(plan, loaded.questionnaire)
    if problems:
        raise PackageError(msg("pack.plan_misfit", problem=problems[0]))
    return plan, _records(PlanHistoryRecord, data, "plan_history.json")


def _check_answers(
    loaded: Loaded, answers: list[AnswerRecord], history: list[HistoryRecord], evidence: list[EvidenceRecord]
) -> dict[str, Any]:
    """Each answer fits its question; returns the values parsed (by question id)."""
    index = index_of(loaded.questionnaire)
    seen: set[str] = set()
    values: dict[str, Any] = {}
    for row in answers:
        question = index.questions.get(row.question_id)
        if question is None:
            raise PackageError(msg("pack.unknown_answer", question=repr(row.question_id)))
        if row.question_id in seen:
            raise PackageError(msg("pack.two_answers", question=row.question_id))
        seen.add(row.question_id)
        if row.value is not None:
            value = _parse_value(row.value, row.question_id)
            problem = check_value(question, index.options[question.id], value)[1]
            if problem:
                raise PackageError(msg("pack.answer_problem", question=question.id, problem=problem))
            values[question.id] = value
    for qid in [r.question_id for r in history] + [e.question_id for e in evidence]:
        if qid not in index.questions:
            raise PackageError(msg("pack.unknown_history", question=repr(qid)))
    return values


def _check_evidence(
    listed: list[EvidenceRecord], files: dict[str, bytes], hashes: dict[str, str], limit: int
) -> None:
    """Each file hashes to the name it travels under, and matches the size its record declares."""
    for sha in files:
        if hashes[f"evidence/{sha}"] != sha:
            raise PackageError(msg("pack.evidence_hash", sha=sha[:12]))
    for item in listed:
        if item.sha256 not in files:
            raise PackageError(msg("pack.evidence_missing", name=repr(item.name)))
        if len(files[item.sha256]) != item.size:
            raise PackageError(
                msg(
                    "pack.evidence_size",
                    name=repr(item.name),
                    declared=item.size,
                    actual=len(files[item.sha256]),
                )
            )
        if item.size > limit:
            raise PackageError(msg("pack.evidence_too_large", name=repr(item.name), limit=limit // 2**20))
    unlisted = set(files) - {item.sha256 for item in listed}
    if unlisted:
        raise PackageError(msg("pack.evidence_unlisted", sha=sorted(unlisted)[0][:12]))


def import_package(
    store: Store,
    source: bytes | Path | Unpacked,
    if_exists: IfExists | None = None,
    known: dict[tuple[str, str], str] | None = None,
) -> int:
    """Import a package; returns the assessment id. All or nothing: a refusal leaves the
    database exactly as it was.

    An assessment already present is an error unless `if_exists` says to skip it (return the
    existing id) or keep both (a new copy). `known` maps (id, version) to the sha256 of every
    questionnaire this app already knows (bundled and user folder): a package carrying the same
    id and version with other content is refused.
    """
    unpacked = source if isinstance(source, Unpacked) else read_package(source, store.evidence_limit)
    if known is None:
        from diagnosis.loading.catalogue import default_catalogue

        known = {key: entry.sha256 for key, entry in default_catalogue().entries.items()}
    with store.write(msg("storage.act.import_package")):
        return _write(store, unpacked, if_exists, known)


def _write(
    store: Store, unpacked: Unpacked, if_exists: IfExists | None, known: dict[tuple[str, str], str]
) -> int:
    meta = unpacked.meta
    _check_questionnaire(store, unpacked.loaded, known)
    row = meta.assessment.model_dump()
    enterprise_id = _enterprise(store, meta.enterprise)
    owner = store.db.execute(
        "SELECT e.name, a.enterprise_id FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id "
        "WHERE a.uid = ? LIMIT 1",
        [row["uid"]],
    ).fetchone()
    if owner and owner[1] != enterprise_id and if_exists != "copy":
        raise PackageError(msg("pack.other_enterprise", owner=owner[0]))
    existing = store.db.execute(
        "SELECT id FROM assessments WHERE uid = ? AND revision = ?", [row["uid"], row["revision"]]
    ).fetchone()
    if existing and if_exists is None:
        raise DiagnosisError(msg("pack.already_here", id=existing[0]))
    if existing and if_exists == "skip":
        return int(existing[0])
    if (existing or (owner and owner[1] != enterprise_id)) and if_exists == "copy":
        # A copy is another assessment: its own identity and, when finalized, its own report number.
        row |= {"uid": uuid.uuid4().hex, "revision": 1, "report_number": None}
    keep_questionnaire(store, unpacked.loaded)
    db = store.db
    pinned = meta.questionnaire
    new_id = inserted(
        db.table("assessments").insert(
            row
            | {
                "enterprise_id": enterprise_id,
                "questionnaire_sha256": pinned.sha256,
                "questionnaire_id": pinned.id,
                "questionnaire_version": pinned.version,
                "status": "draft",
            }
        )
    )
    for answer in unpacked.answers:
        db.table("answers").insert(answer.model_dump() | {"assessment_id": new_id})
    for change in unpacked.history:
        db.table("answer_history").insert(change.model_dump() | {"assessment_id": new_id})
    for item in meta.evidence:
        db.execute(
            "INSERT OR IGNORE INTO blobs (sha256, content) VALUES (?, ?)",
            [item.sha256, unpacked.evidence[item.sha256]],
        )
        db.table("evidence").insert(item.model_dump() | {"assessment_id": new_id})
    if unpacked.plan is not None:
        db.execute(
            "INSERT INTO plans (assessment_id, content, updated_at, updated_by) VALUES (?, ?, ?, ?)",
            [new_id, plan_json(unpacked.plan), row["updated_at"], None],
        )
        for revision in unpacked.plan_history:
            db.table("plan_history").insert(revision.model_dump() | {"assessment_id": new_id})
    # Finalize last: the lock triggers would refuse the answers otherwise.
    status: dict[str, str] = {"status": meta.assessment.status}
    if meta.assessment.status == "finalized" and not row["report_number"]:
        status["report_number"] = report_number(
            store, get_assessment(store, new_id), row["finalized_at"] or store.now()
        )
    db.table("assessments").update(new_id, status)
    return new_id


def _check_questionnaire(store: Store, loaded: Loaded, known: dict[tuple[str, str], str]) -> None:
    """The same id and version must mean the same questionnaire everywhere."""
    key = loaded.key
    stored = store.db.execute(
        "SELECT sha256 FROM questionnaires WHERE id = ? AND version = ? AND sha256 != ?",
        [key[0], key[1], loaded.sha256],
    ).fetchone()
    other = known.get(key) if known.get(key) != loaded.sha256 else None
    other = other or (stored[0] if stored else None)
    if other:
        raise PackageError(
            msg("pack.other_copy", id=key[0], version=key[1], sha=loaded.sha256[:12], other=other[:12])
        )


def _enterprise(store: Store, data: EnterpriseRecord) -> int:
    """The enterprise with the package's code (or, without a code, its name), added when new."""
    if data.uscc:
        found = store.db.execute("SELECT id FROM enterprises WHERE uscc = ?", [data.uscc]).fetchone()
    else:
        found = store.db.execute(
            "SELECT id FROM enterprises WHERE name = ? AND uscc IS NULL ORDER BY id LIMIT 1", [data.name]
        ).fetchone()
    if found:
        return int(found[0])
    now = store.now()
    return inserted(
        store.db.table("enterprises").insert(data.model_dump() | {"created_at": now, "updated_at": now})
    )


def _validated(model: type[Any] | TypeAdapter[Any], value: Any, name: str) -> Any:
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(value)
        return model.model_validate(value)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or msg("storage.top_level")
        raise PackageError(
            msg("pack.invalid", name=name, where=where, problem=reason(first, as_pydantic=True))
        ) from None


def _records(model: type[Any], data: dict[str, bytes], name: str) -> list[Any]:
    """A member holding a list of records, validated in one call (thousands per package)."""
    value = _parse(data, name)
    if not isinstance(value, list) or len(value) > 1_000_000:
        raise PackageError(msg("pack.not_records", name=name))
    return list(_validated(_list_of(model), value, name))


_LISTS: dict[type[Any], TypeAdapter[list[Any]]] = {}


def _list_of(model: type[Any]) -> TypeAdapter[list[Any]]:
    if model not in _LISTS:  # made on first use: building a validator takes a few milliseconds
        _LISTS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _LISTS[model]


def _parse(data: dict[str, bytes], name: str) -> Any:
    if name not in data:
        raise PackageError(msg("pack.missing", name=name))
    try:
        return parse_json(data[name], name)
    except DiagnosisError as error:
        raise PackageError(msg("pack.in_package", problem=error.lines[0])) from None


def _parse_value(text: str, question: str) -> Any:
    try:
        return parse_json(text, question)
    except DiagnosisError:  # read again to be told by name: naming every answer cost ~4 µs each
        try:
            parse_json(text, msg("pack.the_answer", question=question))
        except DiagnosisError as error:
            raise PackageError(error.lines[0]) from None
        raise


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _zip_time(iso: str) -> tuple[int, int, int, int, int, int]:
    # The stored time, not the clock: exporting the same assessment twice gives the same bytes.
    date, _, time = iso.partition("T")
    year, month, day = (int(p) for p in date.split("-"))
    hour, minute, second = (int(p) for p in time[:8].split(":"))
    return max(year, 1980), month, day, hour, minute, second
