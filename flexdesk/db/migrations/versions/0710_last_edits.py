"""Optimistic concurrency (the "concurrency" branch): ``last_edits``, who changed a row last,
on which PC and when, for the "changed by NAME on PC at TIME" of a refused stale save.

Empty after the upgrade: rows edited before it are answered from the audit trail (user and
time, PC unknown).

Revision ID: 0710
Revises: 0002
Create Date: 2026-12-07 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0710"
down_revision = "0002"
branch_labels = ("concurrency",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "last_edits",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("actor_name", sa.String(length=60), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_last_edits")),
    )


def downgrade() -> None:
    op.drop_table("last_edits")
