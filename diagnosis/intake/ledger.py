"""What each claim is paid under a policy: payable, held (with every reason, in Chinese and
English) or — for a document the intake did not take in — refused; the amount requested and the
amount payable; totals by provider, city, county and questionnaire; each provider's volume,
effect and reward. The one place these rules live: the claim tables, the command line and the
desktop's intake window all read a `Ledger`.

A claim is one assessment revision that counts (`current.counted`), finalized in the period. It
is payable only when its document verified (the intake stored it), it was signed by a trusted
signer who is the provider it names (the intake refused any other signer), its enterprise has a
valid credit code and is counted once, its questionnaire counts under the policy, and no holding
flag applies — or a reviewer released the holds that may be released (`releases`). Its kind:

- diagnosis: the enterprise's first assessment (each enterprise once, by credit code);
- effect: the latest re-assessment of a questionnaire the enterprise was diagnosed on (its effect
  measured, else held by the effect flags);
- repeat: any other assessment of an enterprise already diagnosed (held: already counted).

The maximum per enterprise is spent in the order the claims were finalized; a payable claim past
it is paid what is left (`capped`)."""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from sqlalchemy import Connection, Engine, select

from diagnosis.intake import effects
from diagnosis.intake.enterprises import identities
from diagnosis.intake.flags import KINDS, Flag, counted_rows, flags_in, title
from diagnosis.intake.policy import NEVER_RELEASED, Policy
from diagnosis.intake.schema import assessments, assessors, refusals, releases
from diagnosis.messages import Message, msg

Kind = Literal["diagnosis", "effect", "repeat"]
Status = Literal["payable", "held"]
A = assessments.c


@dataclass(frozen=True)
class Hold:
    """One reason a claim is held: a code (a flag's kind, or one of the policy's own), the
    sentence, and whether a reviewer's note can release it."""

    code: str
    reason: Message
    releasable: bool


@dataclass(frozen=True)
class Release:
    note: str
    by: str | None
    at: dt.datetime  # UTC
    reasons: tuple[str, ...]  # the codes it released


@dataclass
class Claim:
    """One claim as a bureau pays it (amounts in yuan)."""

    id: int
    row: dict[str, Any]  # its columns (`flags.ROW_COLUMNS`)
    kind: Kind
    assessors: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # every flag on it, holding or informing
    holds: list[Hold] = field(default_factory=list)  # what still holds it
    released: list[Hold] = field(default_factory=list)  # what a reviewer released
    releases: list[Release] = field(default_factory=list)
    first: str | None = None  # a repeat: the report number of the enterprise's diagnosis
    region: str | None = None  # the policy's region whose rate it gets
    requested: int = 0
    payable: int = 0
    capped: bool = False  # paid less than requested: the enterprise's maximum is reached

    @property
    def status(self) -> Status:
        return "held" if self.holds else "payable"

    @property
    def held(self) -> int:
        """The amount held back (what it requests, while held)."""
        return self.requested if self.holds else 0

    def place(self) -> tuple[str, str, str, str, str, int]:
        """Where a clerk looks for it: city, county, enterprise, then the day and report number."""
        row = self.row
        return (
            row["city"] or "",
            row["county"] or "",
            row["enterprise"],
            row["day"].isoformat(),
            row["report_number"] or "",
            self.id,
        )


@dataclass
class Total:
    """The claims of one group: how many, how many enterprises, and the amounts."""

    name: str
    city: str = ""  # a county's city
    claims: int = 0
    enterprises: int = 0
    payable_claims: int = 0
    held_claims: int = 0
    requested: int = 0
    payable: int = 0
    held: int = 0
    volume: int = 0  # a provider's enterprises with a payable diagnosis (the reward's volume)
    effect: int = 0  # … and its payable re-assessments with effect
    reward: int = 0


@dataclass(frozen=True)
class Refused:
    """A document the intake did not take in, with the reason in both languages."""

    name: str
    reason: str  # English
    reason_zh: str
    received_at: dt.datetime


@dataclass
class Ledger:
    policy: Policy
    start: dt.date | None
    end: dt.date | None
    claims: list[Claim]  # sorted by city, county, enterprise
    total: Total
    by_provider: list[Total]
    by_city: list[Total]
    by_county: list[Total]
    by_questionnaire: list[Total]
    reasons: list[tuple[str, Message, int]]  # code, the reason, held claims it holds
    refused: list[Refused]
    flags: list[Flag]  # every flag found (a claim's details explain those on it)

    def claim(self, claim_id: int) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)


def summary(book: Ledger) -> Message:
    """The totals in one sentence: claims payable and held, with the amounts where the policy pays."""
    total = book.total
    if book.policy.pays:
        return msg(
            "pay.summary",
            claims=total.claims,
            payable=total.payable_claims,
            payable_amount=f"{total.payable:,}",
            held=total.held_claims,
            held_amount=f"{total.held:,}",
            requested=f"{total.requested:,}",
        )
    return msg(
        "pay.summary_unpaid", claims=total.claims, payable=total.payable_claims, held=total.held_claims
    )


def ledger(
    engine: Engine, policy: Policy, start: dt.date | None = None, end: dt.date | None = None
) -> Ledger:
    """Every claim of the period under `policy` (its period, narrowed by `start` and `end`)."""
    if policy.period is not None:
        start = max(start or policy.period.start, policy.period.start)
        end = min(end or policy.period.end, policy.period.end)
    with _uncollected():
        return _ledger(engine, policy, start, end)


@contextmanager
def _uncollected() -> Iterator[None]:
    """Python's cycle collector paused: a ledger allocates hundreds of thousands of objects and
    frees none of them while it is built, and each collection walks them all again (a sixth of
    the time at 10,000 claims). Nothing it builds is cyclic garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _ledger(engine: Engine, policy: Policy, start: dt.date | None, end: dt.date | None) -> Ledger:
    with _snapshot(engine) as conn:
        everything = counted_rows(conn)
        flags = flags_in(conn, everything, policy.evidence_minimum)
        rows = [dict(r) for r in everything if end is None or r["day"] <= end]  # its own: changed below
        found = _claims(rows, start)
        _attach(conn, found)
        refused = _refused(conn)
    by_id = {c.id: c for c in found}
    for flag in flags:
        for claim_id in dict.fromkeys(flag.ids):
            if claim_id in by_id and flag.kind not in by_id[claim_id].flags:
                by_id[claim_id].flags.append(flag.kind)
    for claim in found:
        claim.flags.sort(key=KINDS.index)
        _judge(claim, policy)
    _pay(found, policy)
    found.sort(key=Claim.place)
    return Ledger(
        policy,
        start,
        end,
        found,
        _total("合计", found),
        _providers(found, policy),
        _grouped(found, lambda c: c.row["city"]),
        _counties(found),
        _grouped(found, lambda c: f"{c.row['questionnaire_id']} {c.row['questionnaire_version']}"),
        _reasons(found),
        refused,
        flags,
    )


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One connection that sees the database as it was when it began, for the flags and the
    claims alike, while other clerks add documents: SQLite's transaction is such a snapshot;
    PostgreSQL's is, when it is REPEATABLE READ (only reading, it never has to be retried)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        yield conn


def _claims(rows: list[dict[str, Any]], start: dt.date | None) -> list[Claim]:
    """The claims of the period, each with its kind, decided over every row up to the end (a
    diagnosis before the period still counts the enterprise as diagnosed)."""
    counts_for = identities(rows)
    for row in rows:
        row["enterprise_key"] = counts_for[row["id"]]
    later = {last["id"] for _, last in effects.ends(rows)}
    first: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=effects.order):
        first.setdefault(row["enterprise_key"], row)
    found = []
    for row in rows:
        if start is not None and row["day"] < start:
            continue
        baseline = first[row["enterprise_key"]]
        kind: Kind = "diagnosis" if baseline is row else ("effect" if row["id"] in later else "repeat")
        named = str(baseline["report_number"] or baseline["day"]) if kind == "repeat" else None
        found.append(Claim(row["id"], row, kind, first=named))
    return found


def _attach(conn: Connection, found: list[Claim]) -> None:
    """Each claim's assessors and releases (read for the claims of the period only)."""
    by_id = {c.id: c for c in found}
    ids = sorted(by_id)
    for chunk in (ids[i : i + 5000] for i in range(0, len(ids), 5000)):
        named = select(assessors.c.assessment_id, assessors.c.name).where(
            assessors.c.assessment_id.in_(chunk)
        )
        for claim_id, name in conn.execute(named.order_by(assessors.c.assessment_id, assessors.c.position)):
            by_id[claim_id].assessors.append(name)
        kept = select(releases).where(releases.c.assessment_id.in_(chunk)).order_by(releases.c.id)
        for r in conn.execute(kept):
            reasons = tuple(code for code in r.reasons.split(",") if code)
            by_id[r.assessment_id].releases.append(Release(r.note, r.released_by, r.released_at, reasons))


def _refused(conn: Connection) -> list[Refused]:
    rows = conn.execute(select(refusals).order_by(refusals.c.name, refusals.c.received_at, refusals.c.id))
    return [Refused(r.name, r.reason, r.reason_zh or r.reason, r.received_at) for r in rows]


def holds_of(claim: Claim, policy: Policy) -> list[Hold]:
    """Every reason the claim is held under `policy`, before any release: where it is from, what
    it was made with, whether the enterprise was counted already, and the holding flags."""
    row = claim.row
    found = []
    if not policy.covers(row["province"], row["city"]):
        where = " ".join(p for p in (row["province"], row["city"], row["county"]) if p) or "—"
        found.append(Hold("outside_policy", msg("pay.hold.outside", where=where), False))
    if not policy.counts(row["questionnaire_id"], row["questionnaire_version"]):
        ref = f"{row['questionnaire_id']} {row['questionnaire_version']}"
        found.append(Hold("questionnaire_not_counted", msg("pay.hold.questionnaire", ref=ref), False))
    if policy.onsite_only and row["mode"] != "onsite":
        found.append(Hold("not_onsite", msg("pay.hold.not_onsite"), False))
    if claim.kind == "repeat":
        found.append(Hold("already_counted", msg("pay.hold.counted", report=claim.first or "—"), True))
    found += [
        Hold(kind, title(kind), kind not in NEVER_RELEASED) for kind in claim.flags if policy.holds(kind)
    ]
    return found


def _judge(claim: Claim, policy: Policy) -> None:
    """The claim's holds, less those a reviewer released (a reason that arose after the release
    holds it again)."""
    released = {code for r in claim.releases for code in r.reasons}
    for hold in holds_of(claim, policy):
        (claim.released if hold.releasable and hold.code in released else claim.holds).append(hold)


def _pay(found: list[Claim], policy: Policy) -> None:
    """The region whose rate each claim gets, the amount requested by kind and region; payable
    ones within the enterprise's maximum, spent in the order the claims were finalized."""
    spent: dict[str, int] = defaultdict(int)
    rates_at = cache(policy.rates)  # a few hundred places for thousands of claims
    for claim in sorted(found, key=lambda c: effects.order(c.row)):
        rates = rates_at(claim.row["city"], claim.row["county"])
        claim.region = rates.region
        claim.requested = rates.effect if claim.kind == "effect" else rates.diagnosis
        if claim.holds:
            continue
        key, most = claim.row["enterprise_key"], rates.maximum
        claim.payable = claim.requested if most is None else max(0, min(claim.requested, most - spent[key]))
        claim.capped = claim.payable < claim.requested
        spent[key] += claim.payable


def _total(name: str, members: list[Claim], city: str = "") -> Total:
    total = Total(name, city, claims=len(members))
    firms = set()
    for claim in members:  # one pass: a ledger makes a few hundred totals of thousands of claims
        firms.add(claim.row["enterprise_key"])
        total.requested += claim.requested
        if claim.holds:
            total.held_claims += 1
            total.held += claim.requested
        else:
            total.payable += claim.payable
    total.enterprises = len(firms)
    total.payable_claims = total.claims - total.held_claims
    return total


NONE = "（未填）"


def _grouped(found: list[Claim], key: Callable[[Claim], str | None]) -> list[Total]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in found:
        groups[key(claim) or NONE].append(claim)
    return [_total(name, members) for name, members in sorted(groups.items())]


def _counties(found: list[Claim]) -> list[Total]:
    """By county, each with its city (two cities may have a county of the same name)."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in found:
        groups[(claim.row["city"] or NONE, claim.row["county"] or NONE)].append(claim)
    return [_total(county, members, city) for (city, county), members in sorted(groups.items())]


def _providers(found: list[Claim], policy: Policy) -> list[Total]:
    """By provider, with its volume, effect and reward under the policy (`policy.Reward`)."""
    totals = _grouped(found, lambda c: c.row["provider"])
    paid: dict[str, list[Claim]] = defaultdict(list)
    for claim in found:
        if claim.status == "payable":
            paid[claim.row["provider"] or NONE].append(claim)
    reward = policy.reward
    for total in totals:
        mine = paid[total.name]
        total.volume = len({c.row["enterprise_key"] for c in mine if c.kind == "diagnosis"})
        total.effect = sum(c.kind == "effect" for c in mine)
        if reward is not None and total.volume >= reward.minimum_diagnoses:
            earned = total.volume * reward.per_diagnosis + total.effect * reward.per_effect
            total.reward = earned if reward.maximum is None else min(earned, reward.maximum)
    return totals


def _reasons(found: list[Claim]) -> list[tuple[str, Message, int]]:
    """Each reason that holds claims, with how many it holds (a claim held for two counts twice),
    the most frequent first."""
    counts: dict[str, int] = defaultdict(int)
    said: dict[str, Message] = {}
    for claim in found:
        for hold in claim.holds:
            counts[hold.code] += 1
            said.setdefault(hold.code, hold.reason)
    return [(code, said[code], n) for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
