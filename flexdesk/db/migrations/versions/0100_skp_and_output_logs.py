"""SKP, RHK with indicators, the daily output log and its evidence (the "outputs" branch).

Revision ID: 0100
Revises: 0002
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0100"
down_revision = "0002"
branch_labels = ("outputs",)
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
        "skp",
        sa.Column("employee_id", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period_type", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("approver_employee_id", sa.String(length=36), nullable=True),
        sa.Column("approved_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["approved_by_user_id"], ["users.id"], name=op.f("fk_skp_approved_by_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["approver_employee_id"],
            ["employees.id"],
            name=op.f("fk_skp_approver_employee_id_employees"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name=op.f("fk_skp_employee_id_employees")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skp")),
        sa.UniqueConstraint("employee_id", "year", name=op.f("uq_skp_employee_id")),
    )
    with op.batch_alter_table("skp", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skp_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "rhk",
        sa.Column("skp_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parent_rhk_id", sa.String(length=36), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["parent_rhk_id"], ["rhk.id"], name=op.f("fk_rhk_parent_rhk_id_rhk")
        ),
        sa.ForeignKeyConstraint(["skp_id"], ["skp.id"], name=op.f("fk_rhk_skp_id_skp")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rhk")),
    )
    with op.batch_alter_table("rhk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rhk_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_rhk_parent_rhk_id"), ["parent_rhk_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rhk_skp_id"), ["skp_id"], unique=False)

    op.create_table(
        "rhk_indicators",
        sa.Column("rhk_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("aspect", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=False),
        sa.Column("target_unit", sa.String(length=40), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["rhk_id"], ["rhk.id"], name=op.f("fk_rhk_indicators_rhk_id_rhk")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rhk_indicators")),
    )
    with op.batch_alter_table("rhk_indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rhk_indicators_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rhk_indicators_rhk_id"), ["rhk_id"], unique=False)

    op.create_table(
        "output_logs",
        sa.Column("employee_id", sa.String(length=36), nullable=False),
        sa.Column("rhk_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("activity", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("work_mode", sa.String(length=1), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("planned_mode", sa.String(length=1), nullable=True),
        sa.Column("mode_mismatch", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("reviewed_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("created_by_user_id", sa.String(length=36), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_output_logs_created_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name=op.f("fk_output_logs_employee_id_employees")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_user_id"],
            ["users.id"],
            name=op.f("fk_output_logs_reviewed_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(["rhk_id"], ["rhk.id"], name=op.f("fk_output_logs_rhk_id_rhk")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_output_logs")),
    )
    with op.batch_alter_table("output_logs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_output_logs_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_output_logs_day"), ["day"], unique=False)
        batch_op.create_index("ix_output_logs_employee_day", ["employee_id", "day"], unique=False)
        batch_op.create_index(
            "ix_output_logs_employee_status", ["employee_id", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_output_logs_rhk_id"), ["rhk_id"], unique=False)

    op.create_table(
        "output_evidence",
        sa.Column("log_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["log_id"], ["output_logs.id"], name=op.f("fk_output_evidence_log_id_output_logs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_output_evidence")),
    )
    with op.batch_alter_table("output_evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_output_evidence_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_output_evidence_log_id"), ["log_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_output_evidence_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("output_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_output_evidence_sha256"))
        batch_op.drop_index(batch_op.f("ix_output_evidence_log_id"))
        batch_op.drop_index(batch_op.f("ix_output_evidence_change_seq"))
    op.drop_table("output_evidence")
    with op.batch_alter_table("output_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_output_logs_rhk_id"))
        batch_op.drop_index("ix_output_logs_employee_status")
        batch_op.drop_index("ix_output_logs_employee_day")
        batch_op.drop_index(batch_op.f("ix_output_logs_day"))
        batch_op.drop_index(batch_op.f("ix_output_logs_change_seq"))
    op.drop_table("output_logs")
    with op.batch_alter_table("rhk_indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rhk_indicators_rhk_id"))
        batch_op.drop_index(batch_op.f("ix_rhk_indicators_change_seq"))
    op.drop_table("rhk_indicators")
    with op.batch_alter_table("rhk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rhk_skp_id"))
        batch_op.drop_index(batch_op.f("ix_rhk_parent_rhk_id"))
        batch_op.drop_index(batch_op.f("ix_rhk_change_seq"))
    op.drop_table("rhk")
    with op.batch_alter_table("skp", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skp_change_seq"))
    op.drop_table("skp")
