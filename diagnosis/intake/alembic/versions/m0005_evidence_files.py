"""Evidence files by content, marked when they come with more than one enterprise key (the
shared-evidence flag reads the marked ones instead of grouping every evidence row); the files
already received are entered from their evidence rows."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None
CHUNK = 5000


def upgrade() -> None:
    op.create_table(
        "evidence_files",
        sa.Column("number", sa.BigInteger().with_variant(sa.Integer, "sqlite"), autoincrement=False),
        sa.Column("key_number", sa.BigInteger, nullable=False),
        sa.Column("shared", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("number", name="pk_evidence_files"),
    )
    op.create_index(
        "ix_evidence_files_shared",
        "evidence_files",
        ["number"],
        sqlite_where=sa.text("shared = 1"),  # as SQLAlchemy writes the condition for SQLite
        postgresql_where=sa.text("shared"),
    )
    conn = op.get_bind()
    files: dict[int, tuple[int, bool]] = {}
    read = conn.execute(
        sa.text(
            "SELECT e.sha256, a.enterprise_key FROM evidence e JOIN assessments a ON a.id = e.assessment_id"
        )
    )
    for sha, key in read:
        number, mine = _number(bytes.fromhex(sha[:16])), _number(hashlib.sha256(key.encode()).digest()[:8])
        first, shared = files.get(number, (mine, False))
        files[number] = (first, shared or first != mine)
    table = sa.table("evidence_files", sa.column("number"), sa.column("key_number"), sa.column("shared"))
    rows = [{"number": n, "key_number": k, "shared": s} for n, (k, s) in sorted(files.items())]
    for start in range(0, len(rows), CHUNK):
        conn.execute(table.insert(), rows[start : start + CHUNK])


def _number(eight: bytes) -> int:
    # As `schema.file_number` and `schema.key_number` make them, written out here: a migration
    # keeps what it did, whatever the app's code becomes.
    return int.from_bytes(eight, "big", signed=True)


def downgrade() -> None:
    op.drop_table("evidence_files")
