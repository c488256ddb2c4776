"""The diagnosis plan as strict pydantic models: what a provider records after the review, what a
package carries and what the report prints. Amounts are in 万元 (10,000 CNY)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from diagnosis.messages import msg
from diagnosis.model.base import Id
from diagnosis.records import Line, Note, Record

PLAN_FORMAT = "diagnosis-plan/1"
METHODS = ("document_review", "site_inspection", "interview", "system_demo")
SOLUTIONS = (
    "cloud_saas",
    "software_package",
    "equipment_retrofit",
    "networking",
    "data_platform",
    "training_management",
    "other",
)
OPINIONS = ("agree", "agree_with_remarks", "disagree")
Month = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


def _day(text: str) -> str:
    dt.date.fromisoformat(text)  # a real calendar day, not just the shape of one
    return text


# Dates travel as text (YYYY-MM-DD), so the strict models read JSON and Python data alike.
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_day)]
Amount = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]
MAX_ITEMS = 500


class Person(Record):
    name: Line = Field(min_length=1)
    role: Line | None = None
    qualification: Line | None = None  # assessors: certificate or title


class Visit(Record):
    """One visit on site: when, where and who of the provider came."""

    date: Day
    hours: float | None = Field(default=None, gt=0, le=24, allow_inf_nan=False)
    place: Line | None = None
    assessors: list[Line] = Field(default=[], max_length=MAX_ITEMS)  # names, as in `Process.assessors`


class Process(Record):
    """评测过程: when, how and with whom the enterprise was assessed."""

    visits: list[Visit] = Field(default=[], max_length=MAX_ITEMS)
    methods: list[Literal["document_review", "site_inspection", "interview", "system_demo"]] = []
    participants: list[Person] = Field(default=[], max_length=MAX_ITEMS)  # the enterprise's people
    assessors: list[Person] = Field(default=[], max_length=MAX_ITEMS)
    remarks: Note | None = None


class Finding(Record):
    """One pain point or need, linked to the indicators and scenes it concerns."""

    kind: Literal["pain_point", "need"]
    text: Line = Field(min_length=1)
    refs: list[Id] = Field(default=[], max_length=MAX_ITEMS)
    drafted: Line | None = None  # the text as drafted from the gaps: a draft while `text` equals it

    @property
    def is_draft(self) -> bool:
        return self.drafted is not None and self.text == self.drafted


class Change(Record):
    """What a project changes: a question's answer once done (`goal` is a valid answer), or a
    ladder dimension's level (`goal` an integer: every criterion up to it met)."""

    target: Id
    goal: Any


class Funding(Record):
    enterprise: Amount | None = None
    subsidy: Amount | None = None
    other: Amount | None = None


class Project(Record):
    name: Line = Field(min_length=1)
    changes: list[Change] = Field(default=[], max_length=MAX_ITEMS)
    solution: (
        Literal[
            "cloud_saas",
            "software_package",
            "equipment_retrofit",
            "networking",
            "data_platform",
            "training_management",
            "other",
        ]
        | None
    ) = None
    phase: Line | None = None
    start: Month | None = None
    end: Month | None = None
    budget: Amount | None = None  # 万元
    funding: Funding | None = None
    supplier: Line | None = None
    description: Note | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Project:
        if self.start and self.end and self.end < self.start:
            raise ValueError(
                msg("plan.ends_before_start", name=self.name[:40], end=self.end, start=self.start)
            )
        return self


class Kpi(Record):
    """An expected result with its baseline and target (e.g. energy per unit of output)."""

    name: Line = Field(min_length=1)
    unit: Line | None = None
    baseline: float | None = Field(default=None, allow_inf_nan=False)
    target: float | None = Field(default=None, allow_inf_nan=False)
    question: Id | None = None  # the indicator of the questionnaire it follows, if any
    indicator: Id | None = None  # the questionnaire's effect indicator (`kpis:`) it measures, if any
    better: Literal["higher", "lower"] | None = None  # which way is an improvement


class Confirmation(Record):
    """确认: the enterprise's opinion of the diagnosis and its satisfaction with the service."""

    opinion: Literal["agree", "agree_with_remarks", "disagree"] | None = None
    remarks: Note | None = None
    satisfaction: int | None = Field(default=None, ge=1, le=5)
    confirmed_by: Line | None = None
    date: Day | None = None


class Plan(Record):
    """The whole diagnosis of one assessment."""

    format: Literal["diagnosis-plan/1"] = "diagnosis-plan/1"
    process: Process = Process()
    findings: list[Finding] = Field(default=[], max_length=MAX_ITEMS)
    needs_text: Note | None = None
    projects: list[Project] = Field(default=[], max_length=MAX_ITEMS)
    kpis: list[Kpi] = Field(default=[], max_length=MAX_ITEMS)
    confirmation: Confirmation = Confirmation()
    # Plausibility warnings (a questionnaire's checks, and the plan's own such as
    # `plan.no_effect`) the provider explained, with the note.
    resolutions: dict[Id, Note] = {}
    no_project_reason: Note | None = None  # why no project is proposed (instead of projects)

    @property
    def budget_total(self) -> float:
        return sum(p.budget or 0.0 for p in self.projects)

    @property
    def empty(self) -> bool:
        return self == Plan()
