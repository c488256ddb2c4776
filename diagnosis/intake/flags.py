"""What looks wrong in what was received, each flag naming the assessments and its evidence:
the same evidence file in different enterprises' assessments, identical answer sets across
enterprises, an implausible answering pace, one assessor in two cities on one day, a report
number seen twice, questionnaires that are not an official version, unsigned or untrusted
documents, plans whose budget is an outlier, enterprises without a valid credit code (never
payable), possible duplicate enterprises, and revisions signed by different providers. Only
revisions that count are looked at (the last: every revision received).

A flag is data: its `kind` is a code (`KINDS`) on which holds can be declared; its name and a
one-line explanation in Chinese and English are in the catalogue (`title`, `about`)."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, func, or_, select

from diagnosis.intake.current import counted
from diagnosis.intake.enterprises import identities
from diagnosis.intake.schema import assessments, assessors, evidence, visits
from diagnosis.messages import Message, msg
from diagnosis.numbers import figure, percent

PACE_LIMIT = 40  # answers inside the 5-minute window (columns.PACE_WINDOW): one every 7.5 s
NA_SHARE_LIMIT = 0.2  # more than one in five criteria 不适用 is unusual (DCMM, DSMM: a few at most)
OUTLIER_Z = 3.5  # robust z-score of log(budget) beyond which a plan's budget is an outlier
MIN_PLANS = 10  # budgets compared only within a questionnaire with at least this many plans
A = assessments.c


@dataclass
class Flag:
    kind: str  # the code (KINDS)
    title: str  # what is wrong, in one line (the kind's name)
    evidence: str  # the facts behind it
    assessments: list[str] = field(default_factory=list)  # "enterprise uid rN (report number)"


def title(kind: str) -> Message:
    """The flag's name, e.g. "possible duplicate enterprise"."""
    return msg(f"flag.{kind}")


def about(kind: str) -> Message:
    """What the flag means for the claim, in one line."""
    return msg(f"flag.{kind}.about")


@dataclass
class Known:
    """What every finder needs of the revisions that count: how to name them, and the enterprise
    each counts for (see `enterprises.identities`)."""

    labels: dict[int, str]
    enterprises: dict[int, str]


def find_flags(engine: Engine) -> list[Flag]:
    """Every flag, by kind in the order of FINDERS, then by what they name."""
    with engine.connect() as conn:
        rows = conn.execute(
            _labelled().add_columns(A.uscc, A.name_key, A.enterprise_key).where(counted())
        ).all()
        known = Known({r.id: _label(r) for r in rows}, identities(dict(r._mapping) for r in rows))
        found: list[Flag] = []
        for finder in FINDERS.values():
            found += finder(conn, known)
    return found


def _labelled() -> Any:
    return select(A.id, A.enterprise, A.uid, A.revision, A.report_number)


def _label(row: Any) -> str:
    number = f" ({row.report_number})" if row.report_number else ""
    return f"{row.enterprise} {row.uid[:8]} r{row.revision}{number}"


def shared_evidence(conn: Connection, known: Known) -> list[Flag]:
    # Files seen more than once at all first (from the index alone), then only those joined to
    # the assessments that count: the evidence table is the largest, by far.
    repeated = select(evidence.c.sha256).group_by(evidence.c.sha256).having(func.count() > 1)
    rows = conn.execute(
        select(evidence.c.sha256, evidence.c.name, evidence.c.assessment_id)
        .join(assessments, assessments.c.id == evidence.c.assessment_id)
        .where(evidence.c.sha256.in_(repeated), counted())
        .order_by(evidence.c.sha256, evidence.c.assessment_id)
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.sha256].append(row)
    firms = known.enterprises
    groups = {sha: items for sha, items in groups.items() if len({firms[r.assessment_id] for r in items}) > 1}
    return [
        Flag(
            "shared_evidence",
            title("shared_evidence"),
            f"file sha256 {sha[:16]}… ({', '.join(sorted({r.name for r in items}))})",
            _named(known, [r.assessment_id for r in items]),
        )
        for sha, items in groups.items()
    ]


def identical_answers(conn: Connection, known: Known) -> list[Flag]:
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
            title("identical_answers"),
            f"{items[0].questions_answered} answers, all the same (digest {digest[:16]}…)",
            _named(known, [r.id for r in items]),
        )
        for digest, items in groups.items()
        if len({known.enterprises[r.id] for r in items}) > 1  # one enterprise under two spellings
    ]


def fast_pace(conn: Connection, known: Known) -> list[Flag]:
    rows = conn.execute(
        select(A.id, A.pace_peak, A.history_count).where(counted(), A.pace_peak >= PACE_LIMIT).order_by(A.id)
    ).all()
    return [
        Flag(
            "fast_pace",
            title("fast_pace"),
            f"{r.pace_peak} answers given within 5 minutes ({r.history_count} changes in the history)",
            _named(known, [r.id]),
        )
        for r in rows
    ]


def assessor_two_cities(conn: Connection, known: Known) -> list[Flag]:
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
            title("assessor_two_cities"),
            f"{name} on {day.isoformat()}: {'、'.join(sorted({r.city for r in items}))}",
            _named(known, [r.id for r in items]),
        )
        for (name, day), items in days.items()
        if len({r.city for r in items}) > 1
    ]


def repeated_report_number(conn: Connection, known: Known) -> list[Flag]:
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
            "repeated_report_number",
            title("repeated_report_number"),
            f"report number {n}",
            _named(known, ids),
        )
        for n, ids in groups.items()
    ]


def unofficial_questionnaire(conn: Connection, known: Known) -> list[Flag]:
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
            title("unofficial_questionnaire"),
            f"{what.get(r.questionnaire_status, r.questionnaire_status)} {r.questionnaire_id} "
            f"{r.questionnaire_version} (sha256 {r.questionnaire_sha256[:16]}…)",
            _named(known, [r.id]),
        )
        for r in rows
    ]


def unsigned(conn: Connection, known: Known) -> list[Flag]:
    rows = conn.execute(
        select(A.id, A.signed, A.signer).where(counted(), ~A.trusted).order_by(A.signed, A.id)
    ).all()
    return [
        Flag(
            "untrusted" if r.signed else "unsigned",
            title("untrusted" if r.signed else "unsigned"),
            f"signed by {r.signer}" if r.signed else "no signature on any document received",
            _named(known, [r.id]),
        )
        for r in rows
    ]


def budget_outliers(conn: Connection, known: Known) -> list[Flag]:
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
                        title("budget_outlier"),
                        f"budget {figure(row.plan_budget)} 万元 against a median of {figure(typical)} 万元 "
                        f"in {len(items)} {questionnaire} plans (robust z {z:+.1f})",
                        _named(known, [row.id]),
                    )
                )
    return flags


def many_not_applicable(conn: Connection, known: Known) -> list[Flag]:
    """A share of criteria answered 不适用 above NA_SHARE_LIMIT: a level may rest on what was
    left out (each 不适用 has its reason in the report's appendix)."""
    rows = conn.execute(
        select(A.id, A.na_share).where(counted(), A.na_share > NA_SHARE_LIMIT).order_by(A.id)
    ).all()
    return [
        Flag(
            "many_not_applicable",
            title("many_not_applicable"),
            msg("flag.evidence.na_share", share=percent(r.na_share), limit=percent(NA_SHARE_LIMIT)),
            _named(known, [r.id]),
        )
        for r in rows
    ]


def no_credit_code(conn: Connection, known: Known) -> list[Flag]:
    """Every claim whose enterprise has no valid credit code: it cannot be told apart from
    another enterprise of a similar name, so it is never payable. (A stored code passed the
    records' check-digit test on the way in: missing is what remains.)"""
    rows = conn.execute(select(A.id).where(counted(), A.uscc.is_(None)).order_by(A.id)).all()
    evidence = msg("flag.evidence.no_credit_code")
    return [Flag("no_credit_code", title("no_credit_code"), evidence, _named(known, [r.id])) for r in rows]


def possible_duplicates(conn: Connection, known: Known) -> list[Flag]:
    """Claims of one normalised name and region whose credit codes differ or are missing: counted
    as one enterprise on the strength of a name, or as several under one name."""
    names = (
        select(A.name_key)
        .where(counted())
        .group_by(A.name_key)
        .having(func.count() > 1)
        .having(
            or_(
                func.count(func.distinct(A.uscc)) > 1,
                func.count(A.uscc) < func.count(),  # some without a code
            )
        )
    )
    rows = conn.execute(
        select(A.id, A.name_key, A.uscc, A.enterprise, A.province, A.city)
        .where(counted(), A.name_key.in_(names))
        .order_by(A.name_key, A.id)
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.name_key].append(row)
    return [
        Flag(
            "possible_duplicate",
            title("possible_duplicate"),
            msg(
                "flag.evidence.duplicate",
                name=items[0].enterprise,
                region=" ".join(p for p in (items[0].province, items[0].city) if p),
                codes="、".join(sorted({r.uscc or msg("flag.evidence.no_code") for r in items})),
            ),
            _named(known, [r.id for r in items]),
        )
        for items in groups.values()
    ]


def different_signers(conn: Connection, known: Known) -> list[Flag]:
    """Revisions of one assessment signed by different providers. The intake refuses such a
    revision; this finds any that two clerks took in at the very same moment."""
    uids = (
        select(A.uid)
        .where(A.signer.is_not(None))
        .group_by(A.uid)
        .having(func.count(func.distinct(A.signer)) > 1)
    )
    rows = conn.execute(
        _labelled().add_columns(A.signer).where(A.uid.in_(uids)).order_by(A.uid, A.revision)
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.uid].append(row)
    return [
        Flag(
            "different_signer",
            title("different_signer"),
            msg(
                "flag.evidence.signers", signers="、".join(dict.fromkeys(r.signer for r in items if r.signer))
            ),
            [_label(r) for r in items],
        )
        for items in groups.values()
    ]


def _named(known: Known, ids: list[int]) -> list[str]:
    return [known.labels.get(i, f"#{i}") for i in dict.fromkeys(ids)]


Finder = Callable[[Connection, Known], list[Flag]]
FINDERS: dict[str, Finder] = {
    "shared_evidence": shared_evidence,
    "identical_answers": identical_answers,
    "fast_pace": fast_pace,
    "assessor_two_cities": assessor_two_cities,
    "repeated_report_number": repeated_report_number,
    "unofficial_questionnaire": unofficial_questionnaire,
    "unsigned": unsigned,  # and "untrusted"
    "budget_outlier": budget_outliers,
    "many_not_applicable": many_not_applicable,
    "no_credit_code": no_credit_code,
    "possible_duplicate": possible_duplicates,
    "different_signer": different_signers,
}
KINDS = (*FINDERS, "untrusted")  # every code a flag can carry
