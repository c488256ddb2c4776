"""What paying a claim needs (issues 20 and 22): each assessment's unexplained warnings and
evidence share, its findings' fingerprint, projects its provider supplies itself, answers loaded
from a file, and the basis of its effect; refusals and signature lines in Chinese too; releases of
held claims."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("evidence_share", sa.Float),
    ("open_warnings", sa.Integer),
    ("answers_from_file", sa.Integer),
    ("findings_digest", sa.String(64)),
    ("findings_count", sa.Integer),
    ("findings_drafted", sa.Integer),
    ("self_supplied", sa.Text),
    ("effect_basis", sa.JSON),
)


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind))
    op.create_index("ix_assessments_findings_digest", "assessments", ["findings_digest"])
    with op.batch_alter_table("refusals") as batch:
        batch.add_column(sa.Column("reason_zh", sa.Text))
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("signature_zh", sa.Text))
    op.create_table(
        "releases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("assessments.id", ondelete="CASCADE", name="fk_releases_assessment_id_assessments"),
            nullable=False,
        ),
        sa.Column("report_number", sa.String(64)),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("released_by", sa.Text),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_releases"),
    )
    op.create_index("ix_releases_assessment_id", "releases", ["assessment_id"])


def downgrade() -> None:
    op.drop_index("ix_releases_assessment_id", "releases")
    op.drop_table("releases")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("signature_zh")
    with op.batch_alter_table("refusals") as batch:
        batch.drop_column("reason_zh")
    op.drop_index("ix_assessments_findings_digest", "assessments")
    with op.batch_alter_table("assessments") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
