"""Import/export (the "transfer" branch): employees get optional e-mail and phone (the SIASN
columns an import brings), accounts get the "change the password at first sign-in" flag set on
accounts created with a one-time password.

Revision ID: 0600
Revises: 0002
Create Date: 2026-12-07 14:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0600"
down_revision = "0002"
branch_labels = ("transfer",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employees") as batch:
        batch.add_column(
            sa.Column("email", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("phone", sa.String(length=40), nullable=False, server_default=""))
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("must_change_password")
    with op.batch_alter_table("employees") as batch:
        batch.drop_column("phone")
        batch.drop_column("email")
