"""The intake's first schema: assessments, the documents they came in, their details, refusals."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _child(name: str, *columns: sa.Column) -> None:  # type: ignore[type-arg]
    op.create_table(
        name,
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=f"fk_{name}_assessment_id_assessments",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", "position", name=f"pk_{name}"),
    )


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("enterprise_key", sa.String(300), nullable=False),
        sa.Column("uscc", sa.String(18)),
        sa.Column("enterprise", sa.Text, nullable=False),
        sa.Column("province", sa.Text),
        sa.Column("city", sa.Text),
        sa.Column("county", sa.Text),
        sa.Column("industry", sa.Text),
        sa.Column("size_class", sa.String(8)),
        sa.Column("provider", sa.Text),
        sa.Column("assessor", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finalized_at", sa.DateTime(timezone=True)),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("report_number", sa.String(64)),
        sa.Column("questionnaire_id", sa.String(100), nullable=False),
        sa.Column("questionnaire_version", sa.String(40), nullable=False),
        sa.Column("questionnaire_sha256", sa.String(64), nullable=False),
        sa.Column("questionnaire_status", sa.String(16), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("max_score", sa.Float, nullable=False),
        sa.Column("level_id", sa.String(100)),
        sa.Column("level_name", sa.Text),
        sa.Column("level_rank", sa.Integer, nullable=False),
        sa.Column("questions_visible", sa.Integer, nullable=False),
        sa.Column("questions_answered", sa.Integer, nullable=False),
        sa.Column("answers_digest", sa.String(64), nullable=False),
        sa.Column("answers_trivial", sa.Boolean, nullable=False),
        sa.Column("evidence_count", sa.Integer, nullable=False),
        sa.Column("evidence_expected", sa.Integer, nullable=False),
        sa.Column("evidence_covered", sa.Integer, nullable=False),
        sa.Column("history_count", sa.Integer),
        sa.Column("pace_peak", sa.Integer),
        sa.Column("plan_projects", sa.Integer, nullable=False),
        sa.Column("plan_budget", sa.Float),
        sa.Column("planned_level_id", sa.String(100)),
        sa.Column("planned_level_name", sa.Text),
        sa.Column("planned_level_rank", sa.Integer),
        sa.Column("first_visit", sa.Date),
        sa.Column("last_visit", sa.Date),
        sa.Column("visit_count", sa.Integer, nullable=False),
        sa.Column("signed", sa.Boolean, nullable=False),
        sa.Column("trusted", sa.Boolean, nullable=False),
        sa.Column("signer", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.UniqueConstraint("uid", "revision", name="uq_assessments_uid_revision"),
    )
    for column in ("enterprise_key", "answers_digest", "report_number", "day"):
        op.create_index(f"ix_assessments_{column}", "assessments", [column])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("signed", sa.Boolean, nullable=False),
        sa.Column("signature_ok", sa.Boolean, nullable=False),
        sa.Column("trusted", sa.Boolean, nullable=False),
        sa.Column("signer_fingerprint", sa.String(64)),
        sa.Column("signer_organisation", sa.Text),
        sa.Column("signer_uscc", sa.String(18)),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("notes", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("sha256", name="uq_documents_sha256"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_documents_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_documents_assessment_id", "documents", ["assessment_id"])
    op.create_table(
        "refusals",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_refusals"),
    )
    _child(
        "dimensions",
        sa.Column("dimension_id", sa.String(100), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("max_score", sa.Float),
        sa.Column("level_id", sa.String(100)),
        sa.Column("level_name", sa.Text),
    )
    _child(
        "scenes",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("level_name", sa.Text, nullable=False),
        sa.Column("mandatory", sa.Boolean, nullable=False),
    )
    _child(
        "kpis",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("unit", sa.Text),
        sa.Column("baseline", sa.Float),
        sa.Column("target", sa.Float),
        sa.Column("question_id", sa.String(100)),
    )
    _child("visits", sa.Column("day", sa.Date, nullable=False), sa.Column("hours", sa.Float))
    _child("assessors", sa.Column("name", sa.Text, nullable=False))
    _child(
        "evidence",
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
    )
    op.create_index("ix_evidence_sha256", "evidence", ["sha256"])


def downgrade() -> None:
    for name in ("evidence", "assessors", "visits", "kpis", "scenes", "dimensions", "refusals", "documents"):
        op.drop_table(name)
    op.drop_table("assessments")
