"""Office sync state: the audit head central acknowledged (bundle format 2 carries the audit
rows after it).

Revision ID: 0301
Revises: 0300
Create Date: 2026-11-23 11:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0301"
down_revision = "0300"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(
            sa.Column("audit_acked_seq", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("audit_acked_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("audit_acked_hash")
        batch.drop_column("audit_acked_seq")
