"""The records that travel — in packages, in a report's embedded data, in `diagnosis show` and
answers files — as strict pydantic models, defined once. Anything that arrives from outside is
validated against them before a single byte is written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import PureWindowsPath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from diagnosis.messages import msg
from diagnosis.model.base import Id

SIZE_CLASSES = ("大型", "中型", "小型", "微型")
INT64 = 2**63 - 1
# Revisions count reopenings of one assessment (each one a finalize, a reopen and a new report):
# thousands are no real use, and a bound keeps "the highest revision counts" meaningful — a
# revision of 2**63 - 1 could never be superseded.
MAX_REVISION = 9999
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NAME_CHAR = r"[^\x00-\x1f\x7f/\\:]"  # no control, folder or drive separator
_PLAIN_NAME = re.compile(rf"(?!\.\Z)(?!\s){_NAME_CHAR}(?:{_NAME_CHAR}{{0,253}}{_NAME_CHAR}(?<!\s))?")
_STORED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", re.ASCII)


def _no_control(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError(msg("records.control"))
    return text


def _uscc(code: str) -> str:
    from stdnum.cn import uscc as uscc_number  # python-stdnum loads ssl and pydoc: only when used

    if not uscc_number.is_valid(code):
        raise ValueError(msg("records.uscc", code=repr(code)))
    return code


def _utc(text: str) -> str:
    """An ISO 8601 time with its offset, normalised to UTC seconds (the storage form)."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(msg("records.not_moment", text=repr(text[:40]))) from None
    if _STORED.fullmatch(text):  # already the storage form (every time a package carries)
        return text
    if moment.tzinfo is None:
        raise ValueError(msg("records.no_zone", text=repr(text[:40])))
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _base_name(text: object) -> object:
    """A file name as given by a stranger, reduced to its last part (no folders, no drive)."""
    if not isinstance(text, str):
        return text  # the type check that follows refuses it
    if _PLAIN_NAME.fullmatch(text):  # no folder, drive, control or edge space: the name itself
        return text
    name = PureWindowsPath(text.replace("\x00", "")).name.strip()
    return _CONTROL.sub("", name)[:255] or "file"


Line = Annotated[str, StringConstraints(max_length=10_000), AfterValidator(_no_control)]
Note = Annotated[str, StringConstraints(max_length=100_000)]  # notes keep newlines and tabs
Stamp = Annotated[str, StringConstraints(max_length=64), AfterValidator(_utc)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Uid = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{8,64}$")]
FileName = Annotated[str, StringConstraints(max_length=4096), BeforeValidator(_base_name)]
MediaType = Annotated[str, StringConstraints(pattern=r"^[\w.+-]+/[\w.+-]+$", max_length=255)]


class Record(BaseModel):
    """Strict: unknown fields and wrong types are refused, never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)  # built when used


Uscc = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{18}$"), AfterValidator(_uscc)]


class EnterpriseRecord(Record):
    name: Line = Field(min_length=1)
    uscc: Uscc | None = None
    industry: Line | None = None
    province: Line | None = None
    city: Line | None = None
    county: Line | None = None
    size_class: Literal["大型", "中型", "小型", "微型"] | None = None
    contact_name: Line | None = None
    contact_phone: Line | None = None


Version = Annotated[str, StringConstraints(pattern=r"^\d{1,9}\.\d{1,9}\.\d{1,9}$")]
ReportNumber = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z][0-9A-Z-]{5,63}$")]


class AssessmentRecord(Record):
    uid: Uid
    revision: int = Field(ge=1, le=MAX_REVISION)
    status: Literal["draft", "finalized"]
    mode: Literal["self", "onsite"]
    provider: Line | None = None
    assessor: Line | None = None
    created_at: Stamp
    updated_at: Stamp
    finalized_at: Stamp | None = None
    created_by: Line | None = None
    report_number: ReportNumber | None = None
    carried_from: Version | None = None
    provider_uscc: Uscc | None = None  # the provider's credit code: its signature must carry it


class EnterpriseSection(EnterpriseRecord):
    """The enterprise part of an answers file: every field optional, each as strict."""

    name: Line | None = None  # type: ignore[assignment]


class AssessmentSection(Record):
    """The assessment part of an answers file (`diagnosis show --json` writes it)."""

    id: int | None = Field(default=None, ge=1, le=INT64)
    uid: Uid | None = None
    revision: int | None = Field(default=None, ge=1, le=MAX_REVISION)
    status: Literal["draft", "finalized"] | None = None
    mode: Literal["self", "onsite"] | None = None
    provider: Line | None = None
    assessor: Line | None = None
    created_at: Stamp | None = None
    updated_at: Stamp | None = None
    finalized_at: Stamp | None = None
    created_by: Line | None = None
    report_number: ReportNumber | None = None
    carried_from: Version | None = None
    provider_uscc: Uscc | None = None
    based_on: int | None = Field(default=None, ge=1, le=INT64)


class AnswerRecord(Record):
    question_id: Id
    value: Annotated[str, StringConstraints(max_length=1_000_000)] | None  # JSON text; None = cleared
    note: Note | None = None
    review: bool = False  # marked "needs review" by the assessor
    updated_at: Stamp
    updated_by: Line | None = None


class HistoryRecord(Record):
    question_id: Id
    old_value: Annotated[str, StringConstraints(max_length=1_000_000)] | None = None
    new_value: Annotated[str, StringConstraints(max_length=1_000_000)] | None = None
    old_note: Note | None = None
    new_note: Note | None = None
    changed_at: Stamp
    changed_by: Line | None = None
    reason: Line


class PlanHistoryRecord(Record):
    old_content: Annotated[str, StringConstraints(max_length=5_000_000)] | None = None
    new_content: Annotated[str, StringConstraints(max_length=5_000_000)] | None = None
    changed_at: Stamp
    changed_by: Line | None = None
    reason: Line


class EvidenceRecord(Record):
    question_id: Id
    sha256: Sha256
    name: FileName
    media_type: MediaType = "application/octet-stream"
    size: int = Field(ge=0, le=INT64)
    added_at: Stamp
    added_by: Line | None = None


class EvidenceRef(Record):
    """An evidence entry as a report lists it (no bytes, no times)."""

    question_id: Id
    name: FileName
    size: int = Field(ge=0, le=INT64)
    sha256: Sha256


class QuestionnaireRef(Record):
    id: Id
    version: Version
    sha256: Sha256


ENTERPRISE_FIELDS = tuple(EnterpriseRecord.model_fields)
ASSESSMENT_FIELDS = tuple(AssessmentRecord.model_fields)
# Fields added after packages and report data (format 2) first travelled: written only when set,
# so the same stored assessment still gives the same bytes, and an older app still reads them.
LATER_ASSESSMENT_FIELDS = ("provider_uscc",)
ANSWER_FIELDS = tuple(AnswerRecord.model_fields)
HISTORY_FIELDS = tuple(HistoryRecord.model_fields)
EVIDENCE_FIELDS = tuple(EvidenceRecord.model_fields)
PLAN_HISTORY_FIELDS = tuple(PlanHistoryRecord.model_fields)
EVIDENCE_REF_FIELDS = tuple(EvidenceRef.model_fields)


def travelling(assessment: Mapping[str, Any]) -> dict[str, Any]:
    """An assessment record as it travels (packages, report data, answers files): every field,
    except a later field (`LATER_ASSESSMENT_FIELDS`) that is not set."""
    return {
        k: assessment.get(k)
        for k in ASSESSMENT_FIELDS
        if k not in LATER_ASSESSMENT_FIELDS or assessment.get(k) is not None
    }
