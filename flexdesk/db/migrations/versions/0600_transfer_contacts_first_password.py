"""Import/export (the "transfer" branch): ``employee_contacts`` (optional e-mail and phone an
employee import brings) and ``first_passwords`` (accounts that must choose a new password at
their next sign-in, set on accounts created with a one-time password).

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


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "employee_contacts",
        sa.Column("employee_id", sa.String(length=36), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_employee_contacts_employee_id_employees"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_contacts")),
        sa.UniqueConstraint("employee_id", name=op.f("uq_employee_contacts_employee_id")),
    )
    with op.batch_alter_table("employee_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employee_contacts_change_seq"), ["change_seq"], unique=False
        )
    op.create_table(
        "first_passwords",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_first_passwords_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_first_passwords")),
        sa.UniqueConstraint("user_id", name=op.f("uq_first_passwords_user_id")),
    )
    with op.batch_alter_table("first_passwords", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_first_passwords_change_seq"), ["change_seq"], unique=False
        )


def downgrade() -> None:
    op.drop_table("first_passwords")
    op.drop_table("employee_contacts")
