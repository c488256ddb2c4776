"""The intake's tables as SQLAlchemy Core metadata: one row per assessment revision received, with
columns fit for querying, and the documents (packages, signed reports) it arrived in.

Identity is enforced by the database, not by luck: a document's content hash is UNIQUE (the same
file twice is "already received"), and so is (uid, revision) (two processes ingesting the same
revision at once cannot both insert it). Which revision counts is not stored but derived when
querying (the highest revision of a uid), so concurrent arrivals of revisions 2 and 3 can never
leave two "current" rows behind. The Alembic migrations create exactly these tables.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)
SHA = 64


def _child(name: str, *columns: Any) -> Table:
    """A table of one assessment's details, deleted with it."""
    return Table(
        name,
        metadata,
        Column(
            "assessment_id",
            Integer,
            ForeignKey("assessments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("position", Integer, primary_key=True),
        *columns,
    )


assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uid", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("mode", String(16), nullable=False),
    # The enterprise as the document names it: its unified social credit code, else "name:" and
    # its name key; which enterprise a claim counts for is derived from both (intake.enterprises).
    Column("enterprise_key", String(300), nullable=False),
    Column("name_key", String(300), nullable=False),  # normalised province/city/name
    Column("uscc", String(18)),
    Column("enterprise", Text, nullable=False),
    Column("province", Text),
    Column("city", Text),
    Column("county", Text),
    Column("industry", Text),
    Column("size_class", String(8)),
    Column("provider", Text),
    Column("assessor", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finalized_at", DateTime(timezone=True)),
    Column("day", Date, nullable=False),  # local date of finalizing (else creation): the claim period
    Column("report_number", String(64)),
    Column("questionnaire_id", String(100), nullable=False),
    Column("questionnaire_version", String(40), nullable=False),
    Column("questionnaire_sha256", String(SHA), nullable=False),
    Column("questionnaire_status", String(16), nullable=False),  # official / altered / unknown
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("level_id", String(100)),
    Column("level_name", Text),
    Column("level_rank", Integer, nullable=False),  # 0 not rated, 1 the lowest level …
    Column("questions_visible", Integer, nullable=False),
    Column("questions_answered", Integer, nullable=False),
    Column("na_share", Float),  # of the questions offering 不适用, the share so answered; None: none
    Column("answers_digest", String(SHA), nullable=False),
    Column("answers_trivial", Boolean, nullable=False),  # all at the lowest, or scoring nothing
    Column("evidence_count", Integer, nullable=False),
    Column("evidence_expected", Integer, nullable=False),
    Column("evidence_covered", Integer, nullable=False),
    # What the cover states first (report.standing): warnings not explained, the evidence share.
    # None in rows received before schema 0004 (their documents were not measured so).
    Column("evidence_share", Float),  # None also where nothing calls for evidence
    Column("open_warnings", Integer),
    Column("history_count", Integer),  # None: the document carries no history (a report)
    Column("pace_peak", Integer),  # most answers given inside PACE_WINDOW
    Column("answers_from_file", Integer),  # history entries loaded from an answers file
    Column("plan_projects", Integer, nullable=False),
    Column("plan_budget", Float),  # 万元; None without a plan
    Column("planned_level_id", String(100)),
    Column("planned_level_name", Text),
    Column("planned_level_rank", Integer),
    Column("findings_digest", String(SHA)),  # the problems and needs, folded (None: too little text)
    Column("findings_count", Integer),
    Column("findings_drafted", Integer),  # … of which still read as drafted from the gaps
    Column("self_supplied", Text),  # projects the diagnosing provider names itself the supplier of
    Column("effect_basis", JSON),  # what the effect checks need (plan.effect.Basis.as_data)
    Column("first_visit", Date),
    Column("last_visit", Date),
    Column("visit_count", Integer, nullable=False),
    Column("signed", Boolean, nullable=False),  # any document of it signed …
    Column("trusted", Boolean, nullable=False),  # … by a signer on the trust list
    Column("signer", Text),
    Column("received_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("uid", "revision"),
    Index(None, "enterprise_key"),
    Index(None, "name_key"),
    Index(None, "answers_digest"),
    Index(None, "report_number"),
    Index(None, "day"),
    Index(None, "findings_digest"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(SHA), nullable=False, unique=True),
    Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # package / report
    Column("name", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("signed", Boolean, nullable=False),
    Column("signature_ok", Boolean, nullable=False),
    Column("trusted", Boolean, nullable=False),
    Column("signer_fingerprint", String(SHA)),
    Column("signer_organisation", Text),
    Column("signer_uscc", String(18)),
    Column("signature", Text, nullable=False),  # the one-line summary
    Column("signature_zh", Text),  # … in Chinese (None in rows received before schema 0004)
    Column("notes", Text),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("received_by", Text),
    Index(None, "assessment_id"),
)

refusals = Table(
    "refusals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(SHA)),
    Column("name", Text, nullable=False),
    Column("reason", Text, nullable=False),  # in English …
    Column("reason_zh", Text),  # … and in Chinese (None in rows refused before schema 0004)
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("received_by", Text),
)

# A reviewer's release of a held claim: the revision it releases, the reasons it held for then (a
# reason that arises later holds it again), the note, who and when. Kept, never edited.
releases = Table(
    "releases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False),
    Column("report_number", String(64)),
    Column("reasons", Text, nullable=False),  # codes, comma-separated
    Column("note", Text, nullable=False),
    Column("released_by", Text),
    Column("released_at", DateTime(timezone=True), nullable=False),
    Index(None, "assessment_id"),
)

dimensions = _child(
    "dimensions",
    Column("dimension_id", String(100), nullable=False),
    Column("name", Text, nullable=False),
    Column("depth", Integer, nullable=False),
    Column("score", Float),
    Column("max_score", Float),
    Column("level_id", String(100)),
    Column("level_name", Text),
)

scenes = _child(
    "scenes",
    Column("name", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("level_name", Text, nullable=False),
    Column("mandatory", Boolean, nullable=False),
)

kpis = _child(
    "kpis",
    Column("name", Text, nullable=False),
    Column("unit", Text),
    Column("baseline", Float),
    Column("target", Float),
    Column("question_id", String(100)),
)

visits = _child(
    "visits",
    Column("day", Date, nullable=False),
    Column("hours", Float),
)

assessors = _child(
    "assessors",
    Column("name", Text, nullable=False),
)

evidence = _child(
    "evidence",
    Column("question_id", String(100), nullable=False),
    Column("sha256", String(SHA), nullable=False),
    Column("name", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Index(None, "sha256"),
)

CHILDREN = (dimensions, scenes, kpis, visits, assessors, evidence)

# Every evidence file ever received, by content: whether it has come with more than one
# enterprise key (in any revisions, counted or not). Kept up to date as documents are stored (an
# upsert, safe with concurrent writers), so the shared-evidence flag looks at the few files marked
# shared instead of grouping the whole evidence table, the largest by far, on every ledger. Kept
# small, as it has a row per file: the first 64 bits of the file's sha256 and of the sha256 of the
# key it first came with (`file_number`, `key_number`). Two files alike in 64 bits share a row and
# are marked together (the flag then compares full hashes); two keys alike in 64 bits would be one
# key here, a chance of one in 2⁶⁴ per pair. Never unmarked: a file once shared stays a candidate,
# which the flag checks against the revisions that count.
evidence_files = Table(
    "evidence_files",
    metadata,
    # SQLite: the row id itself (the table is its own index); PostgreSQL: a bigint.
    Column("number", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("key_number", BigInteger, nullable=False),
    Column("shared", Boolean, nullable=False),
    # Only the few shared files, in an index of their own; its condition as SQLAlchemy writes
    # `evidence_files.c.shared` for each database.
    Index(
        "ix_evidence_files_shared",
        "number",
        sqlite_where=text("shared = 1"),
        postgresql_where=text("shared"),
    ),
)


def file_number(sha256: str) -> int:
    """The first 64 bits of a sha256 (hex), as a signed 64-bit integer."""
    return int.from_bytes(bytes.fromhex(sha256[:16]), "big", signed=True)


def key_number(key: str) -> int:
    """The first 64 bits of the sha256 of an enterprise key, as a signed 64-bit integer."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


def file_prefix(number: int) -> str:
    """The hex sha256 prefix of a file number (`file_number` undone)."""
    return f"{number % 2**64:016x}"
