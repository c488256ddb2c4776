"""What looks wrong in what was received, each flag naming the claims (by enterprise and report
number) and its evidence: the same evidence file in different enterprises' assessments, identical
answer sets or findings text across enterprises, an implausible answering pace (answers loaded
from a file included), one assessor in two cities on one day, a report number seen twice,
questionnaires that are not an official version or are superseded, unsigned or untrusted
documents, plans whose budget is an outlier, data warnings left unexplained, evidence below the
minimum share, a provider naming itself the supplier of a project it recommended, re-assessments
whose figures were not measured again or that came too early to show effect, enterprises without
a valid credit code (never payable), possible duplicate enterprises, and revisions signed by
different providers. Only revisions that count are looked at (the last: every revision received).

A flag is data: its `kind` is a code (`KINDS`) on which holds can be declared; its name and a
one-line explanation in Chinese and English are in the catalogue (`title`, `about`); its evidence
is a catalogued sentence too. Flags come sorted as a clerk looks for them: by kind, then by city,
county and enterprise, the same from run to run."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    bindparam,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.schema import CreateTable, DropTable

from diagnosis.intake import effects
from diagnosis.intake.current import counted
from diagnosis.intake.enterprises import identities
from diagnosis.intake.official import newest_versions
from diagnosis.intake.schema import assessments, assessors, evidence, evidence_files, file_prefix, visits
from diagnosis.messages import Items, Message, msg
from diagnosis.model import semver_key
from diagnosis.numbers import figure, percent

PACE_LIMIT = 40  # answers inside the 5-minute window (columns.PACE_WINDOW): one every 7.5 s
NA_SHARE_LIMIT = 0.2  # more than one in five criteria 不适用 is unusual (DCMM, DSMM: a few at most)
OUTLIER_Z = 3.5  # robust z-score of log(budget) beyond which a plan's budget is an outlier
MIN_PLANS = 10  # budgets compared only within a questionnaire with at least this many plans
EVIDENCE_MINIMUM = 0.5  # the share of evidence below which a claim is flagged, unless a policy says
A = assessments.c


@dataclass
class Flag:
    kind: str  # the code (KINDS)
    title: Message  # what is wrong, in one line (the kind's name)
    evidence: Message  # the facts behind it
    assessments: list[str] = field(default_factory=list)  # "enterprise (report number)"
    ids: list[int] = field(default_factory=list)  # the rows of `assessments` it concerns


@cache  # one per kind: thousands of flags and holds share it
def title(kind: str) -> Message:
    """The flag's name, e.g. "possible duplicate enterprise"."""
    return msg(f"flag.{kind}")


def about(kind: str) -> Message:
    """What the flag means for the claim, in one line."""
    return msg(f"flag.{kind}.about")


@dataclass
class Known:
    """What every finder needs of the revisions that count: how to name them, the enterprise each
    counts for (see `enterprises.identities`), where they are (to sort by), and the settings."""

    rows: list[dict[str, Any]]  # every revision that counts (ROW_COLUMNS), by id
    labels: dict[int, str]
    enterprises: dict[int, str]
    places: dict[int, tuple[str, str, str, str, int]]  # city, county, enterprise, report, id
    evidence_minimum: float = EVIDENCE_MINIMUM
    newest: Mapping[str, str] = field(default_factory=dict)  # questionnaire id → newest version
    counted: ColumnElement[bool] = field(default_factory=counted)  # the revisions that count

    def flag(self, kind: str, evidence: Message, ids: list[int]) -> Flag:
        """A flag of `kind` on these rows, named and sorted by place."""
        ordered = sorted(dict.fromkeys(ids), key=lambda i: self.places.get(i, ("", "", "", "", i)))
        return Flag(kind, title(kind), evidence, [self.labels.get(i, f"#{i}") for i in ordered], ordered)


def find_flags(
    engine: Engine, evidence_minimum: float = EVIDENCE_MINIMUM, newest: Mapping[str, str] | None = None
) -> list[Flag]:
    """Every flag, by kind in the order of FINDERS, then by city, county and enterprise;
    `evidence_minimum` is the policy's minimum evidence share, `newest` each questionnaire's
    newest official version (default: the versions bundled with this app)."""
    with engine.connect() as conn:
        return flags_in(conn, counted_rows(conn), evidence_minimum, newest)


# What the passes over every counted revision read (the finders that look at each, and the
# ledger's claims): read once, by `counted_rows`, instead of once a pass.
ROW_COLUMNS = (
    "id",
    "uid",
    "revision",
    "enterprise",
    "uscc",
    "name_key",
    "enterprise_key",
    "province",
    "city",
    "county",
    "provider",
    "mode",
    "report_number",
    "questionnaire_id",
    "questionnaire_version",
    "questionnaire_sha256",
    "questionnaire_status",
    "day",
    "first_visit",
    "last_visit",
    "score",
    "level_name",
    "evidence_share",
    "open_warnings",
    "plan_budget",
    "signed",
    "trusted",
    "signer",
)


def counted_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every revision that counts (`current.counted`), its ROW_COLUMNS, by id."""
    read = conn.execute(select(*[A[c] for c in ROW_COLUMNS]).where(counted()).order_by(A.id))
    return [dict(zip(ROW_COLUMNS, r, strict=True)) for r in read]


def flags_in(
    conn: Connection,
    rows: list[dict[str, Any]],
    evidence_minimum: float = EVIDENCE_MINIMUM,
    newest: Mapping[str, str] | None = None,
) -> list[Flag]:
    """`find_flags` on a connection already open, over `rows` read from it by `counted_rows` (the
    ledger reads its claims from the same rows)."""
    known = Known(
        rows,
        {r["id"]: label(r["enterprise"], r["report_number"], r["day"]) for r in rows},
        identities(rows),
        {r["id"]: _place(r) for r in rows},
        evidence_minimum,
        newest if newest is not None else newest_versions(),
        _counted_once(conn),
    )
    try:
        found = [flag for finder in FINDERS.values() for flag in finder(conn, known)]
    finally:
        if conn.dialect.name == "sqlite":
            conn.execute(DropTable(_COUNTED, if_exists=True))
    nowhere = ("", "", "", "", 0)
    return sorted(found, key=lambda f: (KINDS.index(f.kind), [known.places.get(i, nowhere) for i in f.ids]))


def _place(row: dict[str, Any]) -> tuple[str, str, str, str, int]:
    return row["city"] or "", row["county"] or "", row["enterprise"], row["report_number"] or "", row["id"]


def _counted_once(conn: Connection) -> ColumnElement[bool]:
    """Which revisions count, as a condition the finders can repeat cheaply. SQLite evaluates
    `counted()` row by row, a dozen milliseconds a query at 10,000 claims, and the finders ask
    twenty times: there the ids are found once, into a temporary table of this connection
    (dropped when the flags are found). PostgreSQL plans `counted()` as one anti-join."""
    if conn.dialect.name != "sqlite":
        return counted()
    conn.execute(DropTable(_COUNTED, if_exists=True))
    conn.execute(CreateTable(_COUNTED))
    conn.execute(insert(_COUNTED).from_select(["id"], select(A.id).where(counted())))
    return A.id.in_(select(_COUNTED.c.id))


# Not part of the intake's schema: a table of one connection, for one call of `flags_in`.
_COUNTED = Table("counted_now", MetaData(), Column("id", Integer, primary_key=True), prefixes=["TEMPORARY"])


def label(enterprise: str, report_number: str | None, day: Any) -> str:
    """How a clerk names a claim: the enterprise and its report number (else the day it counts for)."""
    return f"{enterprise}（{report_number or day}）"


def shared_evidence(conn: Connection, known: Known) -> list[Flag]:
    # Only the files the intake marked shared (seen under more than one enterprise key, in any
    # revision: `schema.evidence_files`, which knows a file by the start of its hash) can be; of
    # those, the ones in counted revisions (few rows: picked here, which keeps the database
    # looking files up by content) of more than one enterprise (one enterprise may have two keys,
    # so the identities decide).
    marked = conn.execute(select(evidence_files.c.number).where(evidence_files.c.shared)).scalars()
    # Each file's hash prefix a range of the evidence index (hex digits sort below "g"), one
    # query each: a database walks one range well, and many ORed together not at all.
    started = select(evidence.c.sha256, evidence.c.name, evidence.c.assessment_id).where(
        evidence.c.sha256 >= bindparam("low"), evidence.c.sha256 < bindparam("high")
    )
    rows = sorted(
        (
            row
            for p in map(file_prefix, marked.all())
            for row in conn.execute(started, {"low": p, "high": p + "g"})
        ),
        key=lambda r: (r.sha256, r.assessment_id),
    )
    firms = known.enterprises
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        if row.assessment_id in firms:  # a revision that counts
            groups[row.sha256].append(row)
    return [
        known.flag(
            "shared_evidence",
            msg("flag.evidence.shared_file", sha=sha[:16], names=Items(sorted({r.name for r in items}))),
            [r.assessment_id for r in items],
        )
        for sha, items in groups.items()
        if len({firms[r.assessment_id] for r in items}) > 1
    ]


def _alike(known: Known, rows: Sequence[Any], key: str) -> dict[str, list[Any]]:
    """Rows grouped by `key` where the group spans more than one enterprise (one enterprise
    under two spellings is one)."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return {k: items for k, items in groups.items() if len({known.enterprises[r.id] for r in items}) > 1}


def identical_answers(conn: Connection, known: Known) -> list[Flag]:
    digests = (
        select(A.answers_digest)
        .where(known.counted, ~A.answers_trivial)
        .group_by(A.answers_digest)
        .having(func.count(func.distinct(A.enterprise_key)) > 1)
    )
    rows = conn.execute(
        select(A.id, A.answers_digest, A.questions_answered)
        .where(known.counted, A.answers_digest.in_(digests))
        .order_by(A.answers_digest, A.id)
    ).all()
    return [
        known.flag(
            "identical_answers",
            msg("flag.evidence.identical_answers", count=items[0].questions_answered, digest=digest[:16]),
            [r.id for r in items],
        )
        for digest, items in _alike(known, rows, "answers_digest").items()
    ]


def identical_findings(conn: Connection, known: Known) -> list[Flag]:
    """The same problems and needs (spacing aside) in different enterprises' assessments; text
    still as drafted from the gaps counts too (alike gaps draft alike text, and nobody looked)."""
    digests = (
        select(A.findings_digest)
        .where(known.counted, A.findings_digest.is_not(None))
        .group_by(A.findings_digest)
        .having(func.count(func.distinct(A.enterprise_key)) > 1)
    )
    rows = conn.execute(
        select(A.id, A.findings_digest, A.findings_count, A.findings_drafted)
        .where(known.counted, A.findings_digest.in_(digests))
        .order_by(A.findings_digest, A.id)
    ).all()
    return [
        known.flag(
            "identical_findings",
            _findings(items, len({known.enterprises[r.id] for r in items})),
            [r.id for r in items],
        )
        for items in _alike(known, rows, "findings_digest").values()
    ]


def _findings(items: list[Any], enterprises: int) -> Message:
    drafted = max(r.findings_drafted or 0 for r in items)
    count = items[0].findings_count or 0
    if drafted:
        return msg("flag.evidence.findings_drafted", count=count, enterprises=enterprises, drafted=drafted)
    return msg("flag.evidence.findings", count=count, enterprises=enterprises)


def fast_pace(conn: Connection, known: Known) -> list[Flag]:
    """Too many answers inside five minutes, typed or loaded from an answers file at once."""
    rows = conn.execute(
        select(A.id, A.pace_peak, A.history_count, A.answers_from_file)
        .where(known.counted, A.pace_peak >= PACE_LIMIT)
        .order_by(A.id)
    ).all()
    return [
        known.flag(
            "fast_pace",
            msg(
                "flag.evidence.pace_file",
                peak=r.pace_peak,
                changes=r.history_count,
                loaded=r.answers_from_file,
            )
            if r.answers_from_file
            else msg("flag.evidence.pace", peak=r.pace_peak, changes=r.history_count),
            [r.id],
        )
        for r in rows
    ]


def assessor_two_cities(conn: Connection, known: Known) -> list[Flag]:
    rows = conn.execute(
        select(assessors.c.name, visits.c.day, A.city, A.id)
        .join(visits, visits.c.assessment_id == assessors.c.assessment_id)
        .join(assessments, assessments.c.id == assessors.c.assessment_id)
        .where(known.counted, A.city.is_not(None))
        .order_by(assessors.c.name, visits.c.day, A.city, A.id)
    ).all()
    days: dict[tuple[str, Any], list[Any]] = defaultdict(list)
    for row in rows:
        days[(row.name, row.day)].append(row)
    return [
        known.flag(
            "assessor_two_cities",
            msg(
                "flag.evidence.assessor",
                name=name,
                day=day.isoformat(),
                cities=Items(sorted({r.city for r in items})),
            ),
            [r.id for r in items],
        )
        for (name, day), items in days.items()
        if len({r.city for r in items}) > 1
    ]


def repeated_report_number(conn: Connection, known: Known) -> list[Flag]:
    """One report number on different assessments. Each assessment (uid) has one revision that
    counts, so the revisions `known` holds are as many assessments as rows."""
    groups: dict[str, list[int]] = defaultdict(list)
    for claim_id, (*_, number, _) in known.places.items():
        if number:
            groups[number].append(claim_id)
    return [
        known.flag("repeated_report_number", msg("flag.evidence.report_number", number=n), ids)
        for n, ids in sorted(groups.items())
        if len(ids) > 1
    ]


def unofficial_questionnaire(conn: Connection, known: Known) -> list[Flag]:
    return [
        known.flag(
            "unofficial_questionnaire",
            msg(
                "flag.evidence.altered"
                if r["questionnaire_status"] == "altered"
                else "flag.evidence.unofficial",
                id=r["questionnaire_id"],
                version=r["questionnaire_version"],
                sha=r["questionnaire_sha256"][:16],
            ),
            [r["id"]],
        )
        for r in known.rows
        if r["questionnaire_status"] != "official"
    ]


def superseded_questionnaire(conn: Connection, known: Known) -> list[Flag]:
    """An official version of a questionnaire of which a newer official version exists."""
    newest = known.newest

    @cache
    def older(questionnaire: str, version: str) -> bool:  # a few versions for thousands of rows
        return questionnaire in newest and semver_key(version) < semver_key(newest[questionnaire])

    return [
        known.flag(
            "superseded_questionnaire",
            msg(
                "flag.evidence.superseded",
                id=r["questionnaire_id"],
                version=r["questionnaire_version"],
                newest=newest[r["questionnaire_id"]],
            ),
            [r["id"]],
        )
        for r in known.rows
        if r["questionnaire_status"] == "official"
        and older(r["questionnaire_id"], r["questionnaire_version"])
    ]


def unsigned(conn: Connection, known: Known) -> list[Flag]:
    return [
        known.flag(
            "untrusted" if r["signed"] else "unsigned",
            msg("flag.evidence.signed_by", signer=r["signer"] or "")
            if r["signed"]
            else msg("flag.evidence.not_signed"),
            [r["id"]],
        )
        for r in known.rows
        if not r["trusted"]
    ]


def budget_outliers(conn: Connection, known: Known) -> list[Flag]:
    by_questionnaire: dict[str, list[Any]] = defaultdict(list)
    for row in known.rows:
        if row["plan_budget"] is not None and row["plan_budget"] > 0:
            by_questionnaire[row["questionnaire_id"]].append(row)
    flags = []
    for questionnaire, items in sorted(by_questionnaire.items()):
        if len(items) < MIN_PLANS:
            continue
        logs = [math.log(r["plan_budget"]) for r in items]
        centre = statistics.median(logs)
        spread = statistics.median(abs(v - centre) for v in logs) * 1.4826 or 1e-9
        typical = math.exp(centre)
        for row, value in zip(items, logs, strict=True):
            z = (value - centre) / spread
            if abs(z) > OUTLIER_Z:
                evidence = msg(
                    "flag.evidence.budget",
                    budget=figure(row["plan_budget"]),
                    median=figure(typical),
                    count=len(items),
                    questionnaire=questionnaire,
                    z=f"{z:+.1f}",
                )
                flags.append(known.flag("budget_outlier", evidence, [row["id"]]))
    return flags


def unresolved_warnings(conn: Connection, known: Known) -> list[Flag]:
    """Data warnings the provider neither corrected nor explained (what the report's cover counts)."""
    return [
        known.flag(
            "unresolved_warnings", msg("flag.evidence.open_warnings", count=r["open_warnings"]), [r["id"]]
        )
        for r in known.rows
        if r["open_warnings"]
    ]


def evidence_below(conn: Connection, known: Known) -> list[Flag]:
    """Of the questions that call for evidence, a share with some attached below the minimum."""
    minimum = known.evidence_minimum
    return [
        known.flag(
            "evidence_below",
            msg("flag.evidence.evidence_share", share=percent(r["evidence_share"]), minimum=percent(minimum)),
            [r["id"]],
        )
        for r in known.rows
        if r["evidence_share"] is not None and r["evidence_share"] < minimum
    ]


def self_supplier(conn: Connection, known: Known) -> list[Flag]:
    """A provider named as the supplier of a project it recommended in its own diagnosis."""
    rows = conn.execute(
        select(A.id, A.provider, A.self_supplied)
        .where(known.counted, A.self_supplied.is_not(None))
        .order_by(A.id)
    ).all()
    return [
        known.flag(
            "self_supplier",
            msg("flag.evidence.self_supplier", provider=r.provider or "", projects=r.self_supplied),
            [r.id],
        )
        for r in rows
    ]


def effect_not_measured(conn: Connection, known: Known) -> list[Flag]:
    """Re-assessments whose effect does not count (`plan.effect.judge`): figures carried over
    unchanged from the baseline, or too early for the plan's projects to show."""
    mapped = [
        {c: r[c] for c in effects.COLUMNS} | {"enterprise_key": known.enterprises[r["id"]]}
        for r in known.rows
    ]
    flags = []
    for pair in effects.pairs(conn, mapped):
        baseline = known.labels.get(pair.before["id"], "")
        ids = [pair.after["id"]]  # the re-assessment; its baseline is named in the evidence
        if pair.effect.not_updated:
            reason = msg("effect.not_updated", figures=Items(pair.effect.not_updated))
            flags.append(known.flag("figures_not_updated", _effect(reason, baseline), ids))
        if pair.effect.too_early is not None:
            flags.append(known.flag("too_early", _effect(pair.effect.too_early, baseline), ids))
    return flags


def _effect(reason: Message, baseline: str) -> Message:
    return msg("flag.evidence.effect", reason=reason, baseline=baseline)


def many_not_applicable(conn: Connection, known: Known) -> list[Flag]:
    """A share of criteria answered 不适用 above NA_SHARE_LIMIT: a level may rest on what was
    left out (each 不适用 has its reason in the report's appendix)."""
    rows = conn.execute(
        select(A.id, A.na_share).where(known.counted, A.na_share > NA_SHARE_LIMIT).order_by(A.id)
    ).all()
    return [
        known.flag(
            "many_not_applicable",
            msg("flag.evidence.na_share", share=percent(r.na_share), limit=percent(NA_SHARE_LIMIT)),
            [r.id],
        )
        for r in rows
    ]


def no_credit_code(conn: Connection, known: Known) -> list[Flag]:
    """Every claim whose enterprise has no valid credit code: it cannot be told apart from
    another enterprise of a similar name, so it is never payable. (A stored code passed the
    records' check-digit test on the way in: missing is what remains.)"""
    rows = conn.execute(select(A.id).where(known.counted, A.uscc.is_(None)).order_by(A.id)).all()
    return [known.flag("no_credit_code", msg("flag.evidence.no_credit_code"), [r.id]) for r in rows]


def possible_duplicates(conn: Connection, known: Known) -> list[Flag]:
    """Claims of one normalised name and region whose credit codes differ or are missing: counted
    as one enterprise on the strength of a name, or as several under one name."""
    names = (
        select(A.name_key)
        .where(known.counted)
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
        .where(known.counted, A.name_key.in_(names))
        .order_by(A.name_key, A.id)
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.name_key].append(row)
    return [
        known.flag(
            "possible_duplicate",
            msg(
                "flag.evidence.duplicate",
                name=items[0].enterprise,
                region=" ".join(p for p in (items[0].province, items[0].city) if p),
                codes="、".join(sorted({r.uscc or msg("flag.evidence.no_code") for r in items})),
            ),
            [r.id for r in items],
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
        select(A.id, A.uid, A.revision, A.enterprise, A.report_number, A.day, A.signer)
        .where(A.uid.in_(uids))
        .order_by(A.uid, A.revision)
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.uid].append(row)
    return [
        Flag(  # every revision is named, counted or not: its own report number
            "different_signer",
            title("different_signer"),
            msg(
                "flag.evidence.signers", signers="、".join(dict.fromkeys(r.signer for r in items if r.signer))
            ),
            [label(r.enterprise, r.report_number, r.day) for r in items],
            [r.id for r in items],
        )
        for items in groups.values()
    ]


Finder = Callable[[Connection, Known], list[Flag]]
FINDERS: dict[str, Finder] = {
    "shared_evidence": shared_evidence,
    "identical_answers": identical_answers,
    "identical_findings": identical_findings,
    "fast_pace": fast_pace,
    "assessor_two_cities": assessor_two_cities,
    "repeated_report_number": repeated_report_number,
    "unofficial_questionnaire": unofficial_questionnaire,
    "superseded_questionnaire": superseded_questionnaire,
    "unsigned": unsigned,  # and "untrusted"
    "budget_outlier": budget_outliers,
    "unresolved_warnings": unresolved_warnings,
    "evidence_below": evidence_below,
    "self_supplier": self_supplier,
    "figures_not_updated": effect_not_measured,  # and "too_early"
    "many_not_applicable": many_not_applicable,
    "no_credit_code": no_credit_code,
    "possible_duplicate": possible_duplicates,
    "different_signer": different_signers,
}
SECOND = {"unsigned": "untrusted", "figures_not_updated": "too_early"}  # a finder's other kind
# Every code a flag can carry, in the order flags are listed (a finder's second kind after its first).
KINDS = tuple(kind for name in FINDERS for kind in (name, SECOND.get(name)) if kind)
