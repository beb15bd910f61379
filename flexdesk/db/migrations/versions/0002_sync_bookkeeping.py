"""Sync bookkeeping: office-wide change counter and tombstones for deleted rows.

Rows written before this revision already carry a change_seq column; the counter starts
after the highest one, so the first bundle still includes every existing row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SYNCED_TABLES = ("offices", "work_units", "employees", "users")


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.create_table(
        "tombstones",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_tombstones")),
    )
    with op.batch_alter_table("tombstones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tombstones_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_tombstones_entity_id"), ["entity_id"], unique=False)

    conn = op.get_bind()
    highest = 0
    for table in SYNCED_TABLES:
        value = conn.execute(sa.text(f"SELECT MAX(change_seq) FROM {table}")).scalar()
        highest = max(highest, int(value or 0))
    # Rows from before the counter existed may all have change_seq 0: number them so an
    # incremental export ("change_seq > last acknowledged") still sees each one.
    for table in SYNCED_TABLES:
        ids = [r[0] for r in conn.execute(sa.text(f"SELECT id FROM {table} WHERE change_seq = 0"))]
        for row_id in ids:
            highest += 1
            conn.execute(
                sa.text(f"UPDATE {table} SET change_seq = :seq WHERE id = :id"),
                {"seq": highest, "id": row_id},
            )
    conn.execute(sa.text("INSERT INTO change_counter (id, value) VALUES (1, :v)"), {"v": highest})


def downgrade() -> None:
    with op.batch_alter_table("tombstones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tombstones_entity_id"))
        batch_op.drop_index(batch_op.f("ix_tombstones_change_seq"))
    op.drop_table("tombstones")
    op.drop_table("change_counter")
