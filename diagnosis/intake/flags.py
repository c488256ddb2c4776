"""What looks wrong in what was received, each flag naming the assessments and its evidence:
the same evidence file in different enterprises' assessments, identical answer sets across
enterprises, an implausible answering pace, one assessor in two cities on one day, a report
number seen twice, questionnaires that are not an official version, unsigned or untrusted
documents, and plans whose budget is an outlier. Only revisions that count are looked at."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from diagnosis.intake.current import counted
from diagnosis.intake.schema import assessments, assessors, evidence, visits
from diagnosis.numbers import figure, percent

PACE_LIMIT = 40  # answers inside the 5-minute window (columns.PACE_WINDOW): one every 7.5 s
NA_SHARE_LIMIT = 0.2  # more than one in five criteria 不适用 is unusual (DCMM, DSMM: a few at most)
OUTLIER_Z = 3.5  # robust z-score of log(budget) beyond which a plan's budget is an outlier
MIN_PLANS = 10  # budgets compared only within a questionnaire with at least this many plans
A = assessments.c


@dataclass
class Flag:
    kind: str
    title: str  # what is wrong, in one line
    evidence: str  # the facts behind it
    assessments: list[str] = field(default_factory=list)  # "enterprise uid rN (report number)"


def find_flags(engine: Engine) -> list[Flag]:
    """Every flag, by kind in the order of FINDERS, then by what they name."""
    with engine.connect() as conn:
        labels = {r.id: _label(r) for r in conn.execute(_labelled().where(counted()))}
        found: list[Flag] = []
        for finder in FINDERS.values():
            found += finder(conn, labels)
    return found


def _labelled() -> Any:
    return select(A.id, A.enterprise, A.uid, A.revision, A.report_number)


def _label(row: Any) -> str:
    number = f" ({row.report_number})" if row.report_number else ""
    return f"{row.enterprise} {row.uid[:8]} r{row.revision}{number}"


def shared_evidence(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    # Files seen more than once at all first (from the index alone), then only those joined to
    # the assessments that count: the evidence table is the largest, by far.
    repeated = select(evidence.c.sha256).group_by(evidence.c.sha256).having(func.count() > 1)
    rows = conn.execute(
        select(evidence.c.sha256, evidence.c.name, evidence.c.assessment_id, A.enterprise_key)
        .join(assessments, assessments.c.id == evidence.c.assessment_id)
        .where(evidence.c.sha256.in_(repeated), counted())
        .order_by(evidence.c.sha256, evidence.c.assessment_id)
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.sha256].append(row)
    groups = {sha: items for sha, items in groups.items() if len({r.enterprise_key for r in items}) > 1}
    return [
        Flag(
            "shared_evidence",
            "the same evidence file in different enterprises' assessments",
            f"file sha256 {sha[:16]}… ({', '.join(sorted({r.name for r in items}))})",
            _named(labels, [r.assessment_id for r in items]),
        )
        for sha, items in groups.items()
    ]


def identical_answers(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    digests = (
        select(A.answers_digest)
        .where(counted(), ~A.answers_trivial)
        .group_by(A.answers_digest)
        .having(func.count(func.distinct(A.enterprise_key)) > 1)
    )
    rows = conn.execute(
        select(A.id, A.answers_digest, A.questions_answered)
        .where(counted(), A.answers_digest.in_(digests))
        .order_by(A.answers_digest, A.id)
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.answers_digest].append(row)
    return [
        Flag(
            "identical_answers",
            "identical answer sets in different enterprises' assessments",
            f"{items[0].questions_answered} answers, all the same (digest {digest[:16]}…)",
            _named(labels, [r.id for r in items]),
        )
        for digest, items in groups.items()
    ]


def fast_pace(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    rows = conn.execute(
        select(A.id, A.pace_peak, A.history_count).where(counted(), A.pace_peak >= PACE_LIMIT).order_by(A.id)
    ).all()
    return [
        Flag(
            "fast_pace",
            "an implausible pace in the answer history",
            f"{r.pace_peak} answers given within 5 minutes ({r.history_count} changes in the history)",
            _named(labels, [r.id]),
        )
        for r in rows
    ]


def assessor_two_cities(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    rows = conn.execute(
        select(assessors.c.name, visits.c.day, A.city, A.id)
        .join(visits, visits.c.assessment_id == assessors.c.assessment_id)
        .join(assessments, assessments.c.id == assessors.c.assessment_id)
        .where(counted(), A.city.is_not(None))
        .order_by(assessors.c.name, visits.c.day, A.city, A.id)
    ).all()
    days: dict[tuple[str, Any], list[Any]] = defaultdict(list)
    for row in rows:
        days[(row.name, row.day)].append(row)
    return [
        Flag(
            "assessor_two_cities",
            "one assessor on site in two different cities on the same day",
            f"{name} on {day.isoformat()}: {'、'.join(sorted({r.city for r in items}))}",
            _named(labels, [r.id for r in items]),
        )
        for (name, day), items in days.items()
        if len({r.city for r in items}) > 1
    ]


def repeated_report_number(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    numbers = (
        select(A.report_number)
        .where(counted(), A.report_number.is_not(None))
        .group_by(A.report_number)
        .having(func.count(func.distinct(A.uid)) > 1)
    )
    rows = conn.execute(
        select(A.id, A.report_number)
        .where(counted(), A.report_number.in_(numbers))
        .order_by(A.report_number, A.id)
    ).all()
    groups: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        groups[row.report_number].append(row.id)
    return [
        Flag(
            "repeated_report_number", "a report number seen twice", f"report number {n}", _named(labels, ids)
        )
        for n, ids in groups.items()
    ]


def unofficial_questionnaire(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    rows = conn.execute(
        select(
            A.id, A.questionnaire_id, A.questionnaire_version, A.questionnaire_sha256, A.questionnaire_status
        )
        .where(counted(), A.questionnaire_status != "official")
        .order_by(A.id)
    ).all()
    what = {"altered": "an altered copy of the official", "unknown": "not an official version:"}
    return [
        Flag(
            "unofficial_questionnaire",
            "a questionnaire that is not an official version",
            f"{what.get(r.questionnaire_status, r.questionnaire_status)} {r.questionnaire_id} "
            f"{r.questionnaire_version} (sha256 {r.questionnaire_sha256[:16]}…)",
            _named(labels, [r.id]),
        )
        for r in rows
    ]


def unsigned(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    rows = conn.execute(
        select(A.id, A.signed, A.signer).where(counted(), ~A.trusted).order_by(A.signed, A.id)
    ).all()
    return [
        Flag(
            "untrusted" if r.signed else "unsigned",
            "signed by a signer not on the trust list" if r.signed else "not signed",
            f"signed by {r.signer}" if r.signed else "no signature on any document received",
            _named(labels, [r.id]),
        )
        for r in rows
    ]


def budget_outliers(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    rows = conn.execute(
        select(A.id, A.questionnaire_id, A.plan_budget).where(counted(), A.plan_budget > 0).order_by(A.id)
    ).all()
    by_questionnaire: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_questionnaire[row.questionnaire_id].append(row)
    flags = []
    for questionnaire, items in sorted(by_questionnaire.items()):
        if len(items) < MIN_PLANS:
            continue
        logs = [math.log(r.plan_budget) for r in items]
        centre = statistics.median(logs)
        spread = statistics.median(abs(v - centre) for v in logs) * 1.4826 or 1e-9
        typical = math.exp(centre)
        for row, value in zip(items, logs, strict=True):
            z = (value - centre) / spread
            if abs(z) > OUTLIER_Z:
                flags.append(
                    Flag(
                        "budget_outlier",
                        "a plan whose budget is an outlier",
                        f"budget {figure(row.plan_budget)} 万元 against a median of {figure(typical)} 万元 "
                        f"in {len(items)} {questionnaire} plans (robust z {z:+.1f})",
                        _named(labels, [row.id]),
                    )
                )
    return flags


def many_not_applicable(conn: Connection, labels: dict[int, str]) -> list[Flag]:
    rows = conn.execute(
        select(A.id, A.na_share).where(counted(), A.na_share > NA_SHARE_LIMIT).order_by(A.id)
    ).all()
    return [
        Flag(
            "many_not_applicable",
            "an unusual share of criteria answered not applicable",
            f"{percent(r.na_share)} answered 不适用 (more than {percent(NA_SHARE_LIMIT)})",
            _named(labels, [r.id]),
        )
        for r in rows
    ]


def _named(labels: dict[int, str], ids: list[int]) -> list[str]:
    return [labels.get(i, f"#{i}") for i in dict.fromkeys(ids)]


Finder = Callable[[Connection, dict[int, str]], list[Flag]]
FINDERS: dict[str, Finder] = {
    "shared_evidence": shared_evidence,
    "identical_answers": identical_answers,
    "fast_pace": fast_pace,
    "assessor_two_cities": assessor_two_cities,
    "repeated_report_number": repeated_report_number,
    "unofficial_questionnaire": unofficial_questionnaire,
    "unsigned": unsigned,
    "budget_outlier": budget_outliers,
    "many_not_applicable": many_not_applicable,
}
