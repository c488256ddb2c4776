"""Portable packages: one assessment as a zip file, to hand over between laptops and authorities.

Layout: `manifest.json` (format version and the sha256 of every other member),
`assessment.json` (metadata, enterprise, evidence list), `questionnaire.yaml` (the exact file),
`answers.json`, `history.json`, `evidence/<sha256>`. Import checks everything in memory first
and writes in one transaction, so a hostile or broken package leaves the database unchanged.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from diagnosis.errors import DiagnosisError
from diagnosis.loading.load import Loaded, load_bytes
from diagnosis.model.index import index_of
from diagnosis.records import ASSESSMENT_FIELDS, ENTERPRISE_FIELDS
from diagnosis.scoring.answers import check_value
from diagnosis.storage.answers import history_of
from diagnosis.storage.assessments import get_assessment, keep_questionnaire, questionnaire_of
from diagnosis.storage.db import Store, inserted
from diagnosis.storage.enterprises import check_uscc, find_by_uscc, get_enterprise
from diagnosis.storage.evidence import evidence_bytes, evidence_of

FORMAT = "diagnosis-package/1"
FIXED = ("manifest.json", "assessment.json", "questionnaire.yaml", "answers.json", "history.json")
EVIDENCE_NAME = re.compile(r"^evidence/[0-9a-f]{64}$")
MAX_DATA_MEMBER = 20 * 2**20
MAX_RATIO = 200  # uncompressed / compressed: beyond this a member is treated as a zip bomb
IfExists = Literal["skip", "copy"]


class PackageError(DiagnosisError):
    """The package is broken or hostile; nothing was imported."""


def export_package(store: Store, assessment_id: int, target: Path) -> None:
    """Write the assessment, its questionnaire, answers, history and evidence to one zip file."""
    row = get_assessment(store, assessment_id)
    loaded = questionnaire_of(store, assessment_id)
    enterprise = get_enterprise(store, row["enterprise_id"])
    evidence = evidence_of(store, assessment_id)
    answers = list(
        store.db.table("answers").rows_where("assessment_id = ?", [assessment_id], order_by="rowid")
    )
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
                "evidence": [
                    {
                        k: e[k]
                        for k in (
                            "question_id",
                            "sha256",
                            "name",
                            "media_type",
                            "size",
                            "added_at",
                            "added_by",
                        )
                    }
                    for e in evidence
                ],
            }
        ),
        "questionnaire.yaml": loaded.raw,
        "answers.json": _json(
            [{k: a[k] for k in ("question_id", "value", "note", "updated_at", "updated_by")} for a in answers]
        ),
        "history.json": _json(
            [
                {k: h[k] for k in h if k not in ("id", "assessment_id")}
                for h in history_of(store, assessment_id)
            ]
        ),
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
    try:
        target.write_bytes(buffer.getvalue())
    except OSError as error:
        raise DiagnosisError(f"{target}: cannot write the package ({error.strerror})") from None


@dataclass
class Unpacked:
    meta: dict[str, Any]
    loaded: Loaded
    answers: list[dict[str, Any]]
    history: list[dict[str, Any]]
    evidence: dict[str, bytes]


def read_package(raw: bytes, evidence_limit: int) -> Unpacked:
    """Check a package completely, in memory; any problem raises PackageError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        raise PackageError("not a diagnosis package (not a zip file)") from None
    data: dict[str, bytes] = {}
    for info in archive.infolist():
        _check_member(info, evidence_limit)
        with archive.open(info) as member:
            limit = evidence_limit if info.filename.startswith("evidence/") else MAX_DATA_MEMBER
            content = member.read(limit + 1)  # never trust the size the header claims
        if len(content) > limit:
            raise PackageError(f"member {info.filename} is larger than allowed")
        data[info.filename] = content
    manifest = _load_json(data, "manifest.json")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise PackageError(f"unsupported package format {found!r}; this version reads {FORMAT}")
    listed = manifest.get("members")
    if not isinstance(listed, dict) or set(listed) != set(data) - {"manifest.json"}:
        raise PackageError("the manifest does not list exactly the files in the package")
    for name, sha in listed.items():
        if _sha(data[name]) != sha:
            raise PackageError(f"{name} does not match its sha256 in the manifest: the package was altered")
    return _contents(data)


def _check_member(info: zipfile.ZipInfo, evidence_limit: int) -> None:
    name = info.filename
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        raise PackageError(f"refusing absolute path {name!r} in the package")
    if ".." in name.split("/"):
        raise PackageError(f"refusing path {name!r} that leaves the package")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackageError(f"refusing symbolic link {name!r} in the package")
    if name not in FIXED and not EVIDENCE_NAME.match(name):
        raise PackageError(f"unexpected file {name!r} in the package")
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 2**20:
        raise PackageError(
            f"member {name} expands {info.file_size // info.compress_size}-fold: refusing a zip bomb"
        )
    limit = evidence_limit if name.startswith("evidence/") else MAX_DATA_MEMBER
    if info.file_size > limit:
        raise PackageError(f"member {name} is larger than allowed ({info.file_size} bytes)")


def _contents(data: dict[str, bytes]) -> Unpacked:
    for name in FIXED:
        if name not in data:
            raise PackageError(f"the package has no {name}")
    meta = _load_json(data, "assessment.json")
    answers, history = _load_json(data, "answers.json"), _load_json(data, "history.json")
    if not isinstance(meta, dict) or not isinstance(answers, list) or not isinstance(history, list):
        raise PackageError("assessment.json, answers.json or history.json has the wrong shape")
    try:
        loaded = load_bytes("questionnaire.yaml", data["questionnaire.yaml"], use_cache=False)
    except DiagnosisError as error:
        raise PackageError(f"the package's questionnaire is not valid: {error.lines[0]}") from None
    pinned = meta.get("questionnaire", {})
    if loaded.sha256 != pinned.get("sha256") or loaded.questionnaire.id != pinned.get("id"):
        raise PackageError(
            f"the package's questionnaire is not {pinned.get('id')} with sha256 "
            f"{str(pinned.get('sha256'))[:12]}…: unknown questionnaire"
        )
    _check_answers(loaded, answers)
    evidence = {n.removeprefix("evidence/"): d for n, d in data.items() if n.startswith("evidence/")}
    for item in meta.get("evidence", []):
        if item.get("sha256") not in evidence:
            raise PackageError(f"evidence {item.get('name')!r} is listed but missing from the package")
    return Unpacked(meta, loaded, answers, history, evidence)


def _check_answers(loaded: Loaded, answers: list[dict[str, Any]]) -> None:
    index = index_of(loaded.questionnaire)
    for row in answers:
        question = index.questions.get(str(row.get("question_id")))
        if question is None:
            raise PackageError(f"answer to unknown question {row.get('question_id')!r}")
        if row.get("value") is not None:
            try:
                value = json.loads(row["value"])
            except (TypeError, json.JSONDecodeError):
                raise PackageError(f"answer to {question.id} is not valid JSON") from None
            problem = check_value(question, index.options[question.id], value)[1]
            if problem:
                raise PackageError(f"answer to {question.id}: {problem}")


def import_package(store: Store, raw: bytes, if_exists: IfExists | None = None) -> int:
    """Import a package; returns the assessment id. An assessment already present is an error
    unless `if_exists` says to skip it (return the existing id) or keep both (a new copy)."""
    unpacked = read_package(raw, store.evidence_limit)
    row = dict(unpacked.meta.get("assessment", {}))
    existing = store.db.execute(
        "SELECT id FROM assessments WHERE uid = ? AND revision = ?", [row.get("uid"), row.get("revision")]
    ).fetchone()
    if existing and if_exists is None:
        raise DiagnosisError(
            f"this assessment is already here as #{existing[0]}; import again choosing to "
            f"skip it or to keep both (--if-exists skip|copy)"
        )
    if existing and if_exists == "skip":
        return int(existing[0])
    if existing:
        row |= {"uid": uuid.uuid4().hex, "revision": 1}
    keep_questionnaire(store, unpacked.loaded)
    with store.write("import the package") as db:
        enterprise_id = _enterprise(store, unpacked.meta.get("enterprise", {}))
        pinned = unpacked.meta["questionnaire"]
        new_id = inserted(
            db.table("assessments").insert(
                {k: row.get(k) for k in ASSESSMENT_FIELDS}
                | {
                    "enterprise_id": enterprise_id,
                    "questionnaire_sha256": pinned["sha256"],
                    "questionnaire_id": pinned["id"],
                    "questionnaire_version": pinned["version"],
                    "status": "draft",
                }
            )
        )
        for answer in unpacked.answers:
            db.table("answers").insert(
                {k: answer.get(k) for k in ("question_id", "value", "note", "updated_at", "updated_by")}
                | {"assessment_id": new_id}
            )
        for change in unpacked.history:
            db.table("answer_history").insert(
                {
                    k: change.get(k)
                    for k in (
                        "question_id",
                        "old_value",
                        "new_value",
                        "old_note",
                        "new_note",
                        "changed_at",
                        "changed_by",
                        "reason",
                    )
                }
                | {"assessment_id": new_id}
            )
        for item in unpacked.meta.get("evidence", []):
            db.table("blobs").insert(
                {"sha256": item["sha256"], "content": unpacked.evidence[item["sha256"]]}, ignore=True
            )
            db.table("evidence").insert(
                {
                    k: item.get(k)
                    for k in ("question_id", "sha256", "name", "media_type", "size", "added_at", "added_by")
                }
                | {"assessment_id": new_id}
            )
        # Finalize last: the lock triggers would refuse the answers otherwise.
        db.table("assessments").update(new_id, {"status": row.get("status", "draft")})
    return new_id


def _enterprise(store: Store, data: dict[str, Any]) -> int:
    if not str(data.get("name") or "").strip():
        raise PackageError("the package names no enterprise")
    if data.get("uscc"):
        found = find_by_uscc(store, check_uscc(str(data["uscc"])))
        if found:
            return int(found["id"])
    now = store.now()
    row = {k: data.get(k) for k in ENTERPRISE_FIELDS} | {"created_at": now, "updated_at": now}
    return inserted(store.db.table("enterprises").insert(row))


def _load_json(data: dict[str, bytes], name: str) -> Any:
    if name not in data:
        raise PackageError(f"the package has no {name}")
    try:
        return json.loads(data[name].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PackageError(f"{name} in the package is not valid JSON ({error})") from None


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
