"""Each enterprise counted once: the normalised name and region of every assessment (`name_key`),
and the key of an enterprise without a credit code made of it, so that spelling variants of one
name (a zero-width space, 機 for 机) are one enterprise."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from diagnosis.intake.enterprises import enterprise_key, name_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("assessments", sa.Column("name_key", sa.String(300), nullable=True))
    conn = op.get_bind()
    table = sa.table(
        "assessments",
        sa.column("id", sa.Integer),
        sa.column("uscc", sa.String),
        sa.column("enterprise", sa.Text),
        sa.column("province", sa.Text),
        sa.column("city", sa.Text),
        sa.column("name_key", sa.String),
        sa.column("enterprise_key", sa.String),
    )
    rows = conn.execute(
        sa.select(table.c.id, table.c.uscc, table.c.enterprise, table.c.province, table.c.city)
    )
    changes = []
    for row in rows.all():
        key = name_key(row.enterprise, row.province, row.city)
        changes.append({"row_id": row.id, "key": key, "new_key": enterprise_key(row.uscc, key)})
    if changes:
        conn.execute(
            table.update()
            .where(table.c.id == sa.bindparam("row_id"))
            .values(name_key=sa.bindparam("key"), enterprise_key=sa.bindparam("new_key")),
            changes,
        )
    with op.batch_alter_table("assessments") as batch:
        batch.alter_column("name_key", existing_type=sa.String(300), nullable=False)
    op.create_index("ix_assessments_name_key", "assessments", ["name_key"])


def downgrade() -> None:
    op.drop_index("ix_assessments_name_key", "assessments")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("name_key")
