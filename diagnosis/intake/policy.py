"""The subsidy policy as data: a YAML file, validated with pydantic, that says what a claim is paid
and when it is held — the claim period; the amount per diagnosis and per re-assessment with
measured effect; rates that differ by region (cities, or counties of a city); the maximum per
enterprise; the providers' reward by volume and effect; which flags hold a claim and which only
inform; the minimum evidence share; which questionnaires and versions count.

Changing a rate is editing the file: `diagnosis intake policy check FILE` validates it (a bad file
is refused in one located sentence) and `intake report --policy FILE` applies it. Examples with
every field explained: `resources/policies/`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from diagnosis.errors import DiagnosisError
from diagnosis.files import read_regular
from diagnosis.intake.flags import EVIDENCE_MINIMUM, KINDS
from diagnosis.messages import Items, Message, msg

POLICY_FORMAT = "diagnosis-policy/1"
MAX_POLICY = 1 << 20  # bytes: a policy is a page of YAML, a county list included
MAX_ITEMS = 2000
# Held whatever a policy says: payable only when signed by a trusted provider, the enterprise has
# a valid credit code and is counted once, and the effect paid for is measured (issues 20, 22).
ALWAYS_HOLD = (
    "unsigned",
    "untrusted",
    "no_credit_code",
    "possible_duplicate",
    "figures_not_updated",
    "too_early",
)
# … and of those, what no reviewer's note can release: the provider must hand in a signed document,
# the enterprise's code, or a re-assessment that measures the effect (late enough, figures afresh).
NEVER_RELEASED = ("unsigned", "untrusted", "no_credit_code", "figures_not_updated", "too_early")
DEFAULT_INFORM = ("superseded_questionnaire", "budget_outlier", "many_not_applicable")

Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Version = Annotated[str, StringConstraints(pattern=r"^\d{1,6}\.\d{1,6}\.\d{1,6}$")]
Yuan = Annotated[int, Field(ge=0, le=10**9)]  # whole yuan


class Rules(BaseModel):
    """Unknown fields are refused (a misspelt `maximum_per_enterprize` must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(Rules):
    """The claim period: assessments finalized from `start` to `end` (local dates, both included)."""

    start: dt.date
    end: dt.date


class Amounts(Rules):
    diagnosis: Yuan  # an enterprise's first diagnosis (each enterprise once)
    effect: Yuan = 0  # a re-assessment whose effect is measured (plan.effect.judge)
    maximum_per_enterprise: Yuan | None = None  # over the period; None: no maximum


class Place(Rules):
    city: Name
    counties: list[Name] | None = Field(default=None, max_length=MAX_ITEMS)  # None: the whole city


class Region(Rules):
    """Where a policy sets another rate (northern Anhui, former poverty counties): the first
    region listing a claim's city or county gives its amounts; what a region leaves out is the
    policy's."""

    name: Name
    places: list[Place] = Field(min_length=1, max_length=MAX_ITEMS)
    diagnosis: Yuan | None = None
    effect: Yuan | None = None
    maximum_per_enterprise: Yuan | None = None

    def covers(self, city: str | None, county: str | None) -> bool:
        return any(p.city == city and (p.counties is None or county in p.counties) for p in self.places)


class Reward(Rules):
    """The providers' reward by volume and effect. Volume: the enterprises whose diagnosis claim
    is payable, each once, counted for the provider that diagnosed it; effect: its payable
    re-assessments with measured effect. The reward is volume × `per_diagnosis` + effect ×
    `per_effect`, at most `maximum`, nothing below `minimum_diagnoses`."""

    per_diagnosis: Yuan = 0
    per_effect: Yuan = 0
    maximum: Yuan | None = None
    minimum_diagnoses: int = Field(default=0, ge=0, le=10**6)


class Flags(Rules):
    """Which flags hold a claim until a reviewer releases it, and which only inform. A flag named
    in neither informs; the flags that always hold need not be named."""

    hold: list[str] = Field(default=[], max_length=100)
    inform: list[str] = Field(default=[], max_length=100)


class Questionnaire(Rules):
    id: Name
    versions: list[Version] | None = Field(default=None, max_length=100)  # None: every official version


class Rates(NamedTuple):
    diagnosis: int
    effect: int
    maximum: int | None
    region: str | None  # the region they are of (None: the policy's own)


class Policy(Rules):
    """A subsidy policy. Amounts are in yuan."""

    format: Literal["diagnosis-policy/1"]
    name: Name
    source: str | None = Field(default=None, max_length=2000)  # the document it follows
    province: Name | None = None  # claims elsewhere are held
    cities: list[Name] | None = Field(default=None, max_length=MAX_ITEMS)  # a city's own policy
    period: Period | None = None  # required in a file; None only for the built-in default
    onsite_only: bool = True  # a self-assessment is no provider's diagnosis
    amounts: Amounts
    regions: list[Region] = Field(default=[], max_length=100)
    reward: Reward | None = None
    flags: Flags = Flags()
    evidence_minimum: float = Field(default=EVIDENCE_MINIMUM, ge=0, le=1, allow_inf_nan=False)
    questionnaires: list[Questionnaire] | None = Field(default=None, max_length=100)  # None: all

    @property
    def pays(self) -> bool:
        """Whether the policy names any amount (the built-in default names none)."""
        return bool(
            self.amounts.diagnosis
            or self.amounts.effect
            or any(r.diagnosis or r.effect for r in self.regions)
        )

    def holds(self, kind: str) -> bool:
        """Whether a flag of `kind` holds a claim under this policy."""
        return kind in ALWAYS_HOLD or kind in self.flags.hold

    def rates(self, city: str | None, county: str | None) -> Rates:
        """The amounts a claim there gets: the first region listing its city or county."""
        return self.rates_of(next((r for r in self.regions if r.covers(city, county)), None))

    def rates_of(self, region: Region | None) -> Rates:
        """A region's amounts, the policy's own for what it leaves out (None: the policy's)."""
        base = self.amounts
        if region is None:
            return Rates(base.diagnosis, base.effect, base.maximum_per_enterprise, None)
        return Rates(
            base.diagnosis if region.diagnosis is None else region.diagnosis,
            base.effect if region.effect is None else region.effect,
            base.maximum_per_enterprise
            if region.maximum_per_enterprise is None
            else region.maximum_per_enterprise,
            region.name,
        )

    def counts(self, questionnaire: str, version: str) -> bool:
        """Whether claims on this questionnaire version count under the policy."""
        if self.questionnaires is None:
            return True
        return any(
            q.id == questionnaire and (q.versions is None or version in q.versions)
            for q in self.questionnaires
        )

    def covers(self, province: str | None, city: str | None) -> bool:
        """Whether a claim from there falls under the policy."""
        return (self.province is None or province == self.province) and (
            self.cities is None or city in self.cities
        )


def default_policy() -> Policy:
    """What applies without a policy file: no amounts; every flag holds except those that only
    inform by default (a superseded version, a budget outlier, an unusual 不适用 share)."""
    hold = [k for k in KINDS if k not in DEFAULT_INFORM and k not in ALWAYS_HOLD]
    return Policy(
        format=POLICY_FORMAT,
        name="（未指定政策：只判断能否拨付，不计金额）",
        amounts=Amounts(diagnosis=0),
        flags=Flags(hold=hold, inform=list(DEFAULT_INFORM)),
    )


class PolicyError(DiagnosisError):
    """A policy file that cannot be used, with the reason in one located sentence."""


def load_policy(path: Path) -> Policy:
    """The policy in `path`, validated; PolicyError says what is wrong and where."""
    from diagnosis.loading.yamlsource import Locator, decode, parse

    name = str(path)
    raw = read_regular(path, MAX_POLICY, "policy file")
    text, problems = decode(name, raw)
    if text is None:
        raise PolicyError(str(problems[0]))
    data, problems = parse(name, text)
    if problems:
        raise PolicyError(str(problems[0]))
    locate = Locator(name, text)
    try:
        policy = Policy.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        path_ = [p for p in first["loc"] if isinstance(p, str | int)]
        raise PolicyError(str(locate.problem(path_, first["msg"]))) from None
    for where, problem in problems_of(policy):
        line, col = locate.position(where)
        raise PolicyError(msg("policy.problem", file=name, line=line, col=col, problem=problem))
    return policy


def problems_of(policy: Policy) -> list[tuple[list[str | int], Message]]:
    """What the schema cannot say: the period given and in order, flags that exist and are named
    once, flags that always hold not put under inform."""
    found: list[tuple[list[str | int], Message]] = []
    if policy.period is None:
        found.append((["period"], msg("policy.no_period")))
    elif policy.period.end < policy.period.start:
        found.append(
            (
                ["period"],
                msg("policy.period_order", start=str(policy.period.start), end=str(policy.period.end)),
            )
        )
    for part in ("hold", "inform"):
        for n, kind in enumerate(getattr(policy.flags, part)):
            if kind not in KINDS:
                found.append((["flags", part, n], msg("policy.unknown_flag", kind=kind, known=Items(KINDS))))
    both = sorted(set(policy.flags.hold) & set(policy.flags.inform))
    if both:
        found.append((["flags", "inform"], msg("policy.flag_twice", kind=both[0])))
    for n, kind in enumerate(policy.flags.inform):
        if kind in ALWAYS_HOLD:
            found.append((["flags", "inform", n], msg("policy.always_holds", kind=kind)))
    return found


def describe(policy: Policy) -> list[Message]:
    """What the policy pays and holds, a sentence a line (what `intake policy check` prints)."""
    from diagnosis.intake.flags import title
    from diagnosis.numbers import figure, percent

    def yuan(value: int | None) -> Message:
        return (
            msg("policy.says.no_maximum") if value is None else msg("policy.says.yuan", amount=figure(value))
        )

    amounts = policy.amounts
    lines = [msg("policy.says.name", name=policy.name)]
    if policy.period is not None:
        lines.append(msg("policy.says.period", start=str(policy.period.start), end=str(policy.period.end)))
    places = [p for p in (policy.province, *(policy.cities or [])) if p]
    lines.append(msg("policy.says.where", where=Items(places)) if places else msg("policy.says.everywhere"))
    lines.append(
        msg(
            "policy.says.amounts",
            diagnosis=figure(amounts.diagnosis),
            effect=figure(amounts.effect),
            maximum=yuan(amounts.maximum_per_enterprise),
        )
    )
    for region in policy.regions:
        rates = policy.rates_of(region)
        lines.append(
            msg(
                "policy.says.region",
                name=region.name,
                places=sum(len(p.counties or [p.city]) for p in region.places),
                diagnosis=figure(rates.diagnosis),
                effect=figure(rates.effect),
                maximum=yuan(rates.maximum),
            )
        )
    reward = policy.reward
    lines.append(
        msg(
            "policy.says.reward",
            per_diagnosis=figure(reward.per_diagnosis),
            per_effect=figure(reward.per_effect),
            maximum=yuan(reward.maximum),
            minimum=reward.minimum_diagnoses,
        )
        if reward is not None
        else msg("policy.says.no_reward")
    )
    hold = [k for k in KINDS if policy.holds(k)]
    inform = [k for k in KINDS if not policy.holds(k)]
    lines.append(msg("policy.says.holds", flags=Items([title(k) for k in hold])))
    lines.append(msg("policy.says.informs", flags=Items([title(k) for k in inform])))
    lines.append(msg("policy.says.evidence", share=percent(policy.evidence_minimum)))
    if policy.onsite_only:
        lines.append(msg("policy.says.onsite"))
    if policy.questionnaires is None:
        lines.append(msg("policy.says.all_questionnaires"))
    else:
        named = [
            f"{q.id} {'、'.join(q.versions)}" if q.versions else msg("policy.says.every_version", id=q.id)
            for q in policy.questionnaires
        ]
        lines.append(msg("policy.says.questionnaires", list=Items(named)))
    return lines
