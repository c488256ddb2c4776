"""Portable packages: one assessment as a zip file, to hand over between laptops and authorities.

Layout: `manifest.json` (format version and the sha256 of every other member),
`assessment.json` (metadata, enterprise, evidence list), `questionnaire.yaml` (the exact file),
`answers.json`, `history.json`, `evidence/<sha256>`. A package comes from a stranger: it is read
under limits counted while decompressing, every record is validated (`diagnosis.records`) and
every hash recomputed before anything is written, and the write is one transaction — a refused
package leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from diagnosis.errors import DiagnosisError
from diagnosis.files import read_regular, write_atomic
from diagnosis.jsonio import parse_json
from diagnosis.loading.load import Loaded, load_bytes
from diagnosis.model.index import index_of
from diagnosis.records import (
    ANSWER_FIELDS,
    ASSESSMENT_FIELDS,
    ENTERPRISE_FIELDS,
    EVIDENCE_FIELDS,
    HISTORY_FIELDS,
    AnswerRecord,
    AssessmentRecord,
    EnterpriseRecord,
    EvidenceRecord,
    HistoryRecord,
    QuestionnaireRef,
)
from diagnosis.scoring.answers import check_value
from diagnosis.storage.answers import history_of
from diagnosis.storage.assessments import get_assessment, keep_questionnaire, questionnaire_of
from diagnosis.storage.db import Store, inserted
from diagnosis.storage.enterprises import get_enterprise
from diagnosis.storage.evidence import evidence_bytes, evidence_of

FORMAT = "diagnosis-package/1"
SUFFIX = ".diagpkg"
FIXED = ("manifest.json", "assessment.json", "questionnaire.yaml", "answers.json", "history.json")
EVIDENCE_NAME = re.compile(r"^evidence/[0-9a-f]{64}$")
MAX_DATA_MEMBER = 20 * 2**20  # each JSON or YAML member
MAX_TOTAL = 2 * 2**30  # everything a package may expand to, counted while reading
MAX_MEMBERS = 5000
MAX_RATIO = 200  # uncompressed / compressed, for every member: beyond this it is a zip bomb
RATIO_SLACK = 4096  # tiny members compress oddly; a bomb needs far more than this
CHUNK = 2**16
IfExists = Literal["skip", "copy"]


class PackageError(DiagnosisError):
    """The package is broken or hostile; nothing was imported."""


class PackageMeta(BaseModel):
    """`assessment.json`."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    assessment: AssessmentRecord
    questionnaire: QuestionnaireRef
    enterprise: EnterpriseRecord
    evidence: list[EvidenceRecord] = Field(default=[], max_length=MAX_MEMBERS)


def export_package(store: Store, assessment_id: int, target: Path) -> None:
    """Write the assessment, its questionnaire, answers, history and evidence to one zip file."""
    write_atomic(target, package_bytes(store, assessment_id), "package")


def package_bytes(store: Store, assessment_id: int) -> bytes:
    """The package as bytes; the same stored assessment always gives the same bytes."""
    row = get_assessment(store, assessment_id)
    loaded = questionnaire_of(store, assessment_id)
    enterprise = get_enterprise(store, row["enterprise_id"])
    evidence = evidence_of(store, assessment_id)
    answers = store.db.table("answers").rows_where("assessment_id = ?", [assessment_id], order_by="rowid")
    members: dict[str, bytes] = {
        "assessment.json": _json(
            {
                "assessment": {k: row[k] for k in ASSESSMENT_FIELDS},
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
        "answers.json": _json([{k: a[k] for k in ANSWER_FIELDS} for a in answers]),
        "history.json": _json([{k: h[k] for k in HISTORY_FIELDS} for h in history_of(store, assessment_id)]),
    }
    for sha in sorted({e["sha256"] for e in evidence}):
        members[f"evidence/{sha}"] = evidence_bytes(store, sha)
    manifest = {"format": FORMAT, "members": {name: _sha(data) for name, data in sorted(members.items())}}
    stamp = _zip_time(row["updated_at"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("manifest.json", _json(manifest)), *sorted(members.items())]:
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


def read_package_file(path: Path, evidence_limit: int) -> Unpacked:
    """Check a package file completely; a device, FIFO or oversized file is refused unread."""
    return read_package(read_regular(path, MAX_TOTAL, "package"), evidence_limit)


def read_package(raw: bytes, evidence_limit: int) -> Unpacked:
    """Check a package completely, in memory; any problem raises PackageError in one sentence."""
    data = _members(raw, evidence_limit)
    manifest = _parse(data, "manifest.json")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise PackageError(f"unsupported package format {str(found)[:40]!r}; this version reads {FORMAT}")
    listed = manifest.get("members")
    if (
        set(manifest) != {"format", "members"}
        or not isinstance(listed, dict)
        or set(listed) != set(data) - {"manifest.json"}
    ):
        raise PackageError("the manifest does not list exactly the files in the package")
    for name, sha in listed.items():
        if _sha(data[name]) != sha:
            raise PackageError(f"{name} does not match its sha256 in the manifest: the package was altered")
    return _contents(data, evidence_limit)


def _members(raw: bytes, evidence_limit: int) -> dict[str, bytes]:
    """Every member, decompressed under limits counted as the bytes come out."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise PackageError("not a diagnosis package (not a zip file, or a damaged one)") from None
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"the package has {len(infos)} files; at most {MAX_MEMBERS} are accepted")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        twice = next(name for name in names if names.count(name) > 1)
        raise PackageError(f"the package holds {twice!r} twice")
    data: dict[str, bytes] = {}
    budget = MAX_TOTAL
    for info in infos:
        _check_member(info, evidence_limit)
        limit = evidence_limit if info.filename.startswith("evidence/") else MAX_DATA_MEMBER
        data[info.filename] = _read_member(archive, info, min(limit, budget))
        budget -= len(data[info.filename])
    return data


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Decompress one member, stopping as soon as it exceeds its limit or the ratio."""
    name = info.filename
    ceiling = MAX_RATIO * max(info.compress_size, 1) + RATIO_SLACK
    chunks, size = [], 0
    try:
        with archive.open(info) as member:  # never trust the sizes the header claims
            while chunk := member.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise PackageError(f"{name} expands beyond what a package may hold ({limit} bytes)")
                if size > ceiling:
                    raise PackageError(f"{name} expands more than {MAX_RATIO}-fold: refusing a zip bomb")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise PackageError(f"{name} in the package is damaged ({_short(error)})") from None
    except NotImplementedError:
        raise PackageError(f"{name} in the package uses a compression this app cannot read") from None
    except RuntimeError:  # encrypted members
        raise PackageError(f"{name} in the package is encrypted") from None
    return b"".join(chunks)


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:80] if str(error) else type(error).__name__


def _check_member(info: zipfile.ZipInfo, evidence_limit: int) -> None:
    name = info.filename
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        raise PackageError(f"refusing absolute path {name[:80]!r} in the package")
    if ".." in name.split("/"):
        raise PackageError(f"refusing path {name[:80]!r} that leaves the package")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackageError(f"refusing symbolic link {name[:80]!r} in the package")
    if name not in FIXED and not EVIDENCE_NAME.match(name):
        raise PackageError(f"unexpected file {name[:80]!r} in the package")
    limit = evidence_limit if name.startswith("evidence/") else MAX_DATA_MEMBER
    if info.file_size > limit:
        raise PackageError(f"{name} is larger than allowed ({info.file_size} bytes)")


def _contents(data: dict[str, bytes], evidence_limit: int) -> Unpacked:
    for name in FIXED:
        if name not in data:
            raise PackageError(f"the package has no {name}")
    meta = _validated(PackageMeta, _parse(data, "assessment.json"), "assessment.json")
    answers = [_validated(AnswerRecord, a, "answers.json") for a in _list(data, "answers.json")]
    history = [_validated(HistoryRecord, h, "history.json") for h in _list(data, "history.json")]
    try:
        loaded = load_bytes("questionnaire.yaml", data["questionnaire.yaml"], use_cache=False)
    except DiagnosisError as error:
        raise PackageError(f"the package's questionnaire is not valid: {error.lines[0]}") from None
    pinned = meta.questionnaire
    if (loaded.sha256, loaded.questionnaire.id, loaded.questionnaire.version) != (
        pinned.sha256,
        pinned.id,
        pinned.version,
    ):
        raise PackageError(
            f"the package's questionnaire is not {pinned.id} {pinned.version} with sha256 "
            f"{pinned.sha256[:12]}…: it was altered"
        )
    _check_answers(loaded, answers, history, meta.evidence)
    evidence = {n.removeprefix("evidence/"): d for n, d in data.items() if n.startswith("evidence/")}
    _check_evidence(meta.evidence, evidence, evidence_limit)
    return Unpacked(meta, loaded, answers, history, evidence)


def _check_answers(
    loaded: Loaded, answers: list[AnswerRecord], history: list[HistoryRecord], evidence: list[EvidenceRecord]
) -> None:
    index = index_of(loaded.questionnaire)
    seen: set[str] = set()
    for row in answers:
        question = index.questions.get(row.question_id)
        if question is None:
            raise PackageError(f"answer to unknown question {row.question_id!r}")
        if row.question_id in seen:
            raise PackageError(f"two answers to {row.question_id}")
        seen.add(row.question_id)
        if row.value is not None:
            value = _parse_value(row.value, f"the answer to {row.question_id}")
            problem = check_value(question, index.options[question.id], value)[1]
            if problem:
                raise PackageError(f"answer to {question.id}: {problem}")
    for qid in [r.question_id for r in history] + [e.question_id for e in evidence]:
        if qid not in index.questions:
            raise PackageError(f"history or evidence for unknown question {qid!r}")


def _check_evidence(listed: list[EvidenceRecord], files: dict[str, bytes], limit: int) -> None:
    """Each file hashes to the name it travels under, and matches the size its record declares."""
    for sha, content in files.items():
        if _sha(content) != sha:
            raise PackageError(
                f"evidence file {sha[:12]}… does not hash to its name: the package was altered"
            )
    for item in listed:
        if item.sha256 not in files:
            raise PackageError(f"evidence {item.name!r} is listed but missing from the package")
        if len(files[item.sha256]) != item.size:
            raise PackageError(
                f"evidence {item.name!r} declares {item.size} bytes but holds {len(files[item.sha256])}"
            )
        if item.size > limit:
            raise PackageError(f"evidence {item.name!r} is larger than the {limit // 2**20} MB limit")
    unlisted = set(files) - {item.sha256 for item in listed}
    if unlisted:
        raise PackageError(f"evidence file {sorted(unlisted)[0][:12]}… is in the package but not listed")


def import_package(
    store: Store,
    raw: bytes,
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
    unpacked = read_package(raw, store.evidence_limit)
    if known is None:
        from diagnosis.loading.catalogue import default_catalogue

        known = {key: entry.sha256 for key, entry in default_catalogue().entries.items()}
    with store.write("import the package"):
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
        raise PackageError(
            f"this package continues an assessment that belongs to another enterprise here "
            f"({owner[0]}); refusing to mix them (import with --if-exists copy to keep it apart)"
        )
    existing = store.db.execute(
        "SELECT id FROM assessments WHERE uid = ? AND revision = ?", [row["uid"], row["revision"]]
    ).fetchone()
    if existing and if_exists is None:
        raise DiagnosisError(
            f"this assessment is already here as #{existing[0]}; import again choosing to "
            f"skip it or to keep both (--if-exists skip|copy)"
        )
    if existing and if_exists == "skip":
        return int(existing[0])
    if (existing or (owner and owner[1] != enterprise_id)) and if_exists == "copy":
        row |= {"uid": uuid.uuid4().hex, "revision": 1}
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
    # Finalize last: the lock triggers would refuse the answers otherwise.
    db.table("assessments").update(new_id, {"status": meta.assessment.status})
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
            f"the package's questionnaire {key[0]} {key[1]} (sha256 {loaded.sha256[:12]}…) differs "
            f"from the {key[0]} {key[1]} this app knows (sha256 {other[:12]}…): refusing an altered copy"
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


def _validated(model: type[Any], value: Any, name: str) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise PackageError(f"{name} in the package is not valid: {where}: {first['msg']}") from None


def _list(data: dict[str, bytes], name: str) -> list[Any]:
    value = _parse(data, name)
    if not isinstance(value, list) or len(value) > 1_000_000:
        raise PackageError(f"{name} in the package is not a list of records")
    return value


def _parse(data: dict[str, bytes], name: str) -> Any:
    if name not in data:
        raise PackageError(f"the package has no {name}")
    try:
        return parse_json(data[name], name)
    except DiagnosisError as error:
        raise PackageError(f"{error.lines[0]} (in the package)") from None


def _parse_value(text: str, what: str) -> Any:
    try:
        return parse_json(text, what)
    except DiagnosisError as error:
        raise PackageError(error.lines[0]) from None


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
