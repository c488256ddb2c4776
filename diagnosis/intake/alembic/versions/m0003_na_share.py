"""The share of 不适用 answers of each assessment, so that an unusual one can be flagged."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("na_share", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("na_share")
