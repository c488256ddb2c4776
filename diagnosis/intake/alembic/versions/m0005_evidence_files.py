"""Evidence files by content, marked when they come with more than one enterprise (the
shared-evidence flag reads the marked ones instead of grouping every evidence row)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_files",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("enterprise_key", sa.String(300), nullable=False),
        sa.Column("shared", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_evidence_files"),
    )
    op.create_index(
        "ix_evidence_files_shared",
        "evidence_files",
        ["sha256"],
        sqlite_where=sa.text("shared = 1"),  # as SQLAlchemy writes the condition for SQLite
        postgresql_where=sa.text("shared"),
    )
    op.execute(
        "INSERT INTO evidence_files (sha256, enterprise_key, shared) "
        "SELECT e.sha256, MIN(a.enterprise_key), COUNT(DISTINCT a.enterprise_key) > 1 "
        "FROM evidence e JOIN assessments a ON a.id = e.assessment_id GROUP BY e.sha256"
    )


def downgrade() -> None:
    op.drop_table("evidence_files")
