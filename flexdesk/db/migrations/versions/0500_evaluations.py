"""Periodic and annual performance evaluations (the "evaluation" branch).

Evaluations per employee and period, feedback per RHK, realisation per indicator, the
BerAKHLAK behaviour rows and the workflow events. They refer to rows of the "outputs" branch
(SKP, RHK, indicators) by plain indexed id columns, not foreign keys, so this branch can be
applied before or after ``0100`` (see flexdesk/db/models_evaluation.py).

Revision ID: 0500
Revises: 0002
Create Date: 2026-11-23 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0500"
down_revision = "0002"
branch_labels = ("evaluation",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evaluations",
        sa.Column("employee_id", sa.String(length=36), nullable=False),
        sa.Column("skp_id", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period_type", sa.String(length=12), nullable=False),
        sa.Column("period_index", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("rating_hasil_kerja", sa.String(length=10), nullable=True),
        sa.Column("rating_perilaku", sa.String(length=10), nullable=True),
        sa.Column("predikat", sa.String(length=20), nullable=True),
        sa.Column("capaian_organisasi", sa.String(length=20), nullable=False),
        sa.Column("catatan", sa.Text(), nullable=False),
        sa.Column("evaluator_employee_id", sa.String(length=36), nullable=True),
        sa.Column("evaluator_user_id", sa.String(length=36), nullable=True),
        sa.Column("atasan_employee_id", sa.String(length=36), nullable=True),
        sa.Column("employee_comment", sa.Text(), nullable=False),
        sa.Column("commented_at", sa.DateTime(), nullable=True),
        sa.Column("shared_at", sa.DateTime(), nullable=True),
        sa.Column("finalised_at", sa.DateTime(), nullable=True),
        sa.Column("finalised_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["atasan_employee_id"],
            ["employees.id"],
            name=op.f("fk_evaluations_atasan_employee_id_employees"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employees.id"], name=op.f("fk_evaluations_employee_id_employees")
        ),
        sa.ForeignKeyConstraint(
            ["evaluator_employee_id"],
            ["employees.id"],
            name=op.f("fk_evaluations_evaluator_employee_id_employees"),
        ),
        sa.ForeignKeyConstraint(
            ["evaluator_user_id"], ["users.id"], name=op.f("fk_evaluations_evaluator_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["finalised_by_user_id"],
            ["users.id"],
            name=op.f("fk_evaluations_finalised_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluations")),
        sa.UniqueConstraint(
            "employee_id",
            "year",
            "period_type",
            "period_index",
            name=op.f("uq_evaluations_employee_id"),
        ),
    )
    with op.batch_alter_table("evaluations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluations_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(
            "ix_evaluations_period", ["year", "period_type", "period_index"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_evaluations_skp_id"), ["skp_id"], unique=False)

    op.create_table(
        "evaluation_behaviours",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ekspektasi_khusus", sa.Text(), nullable=False),
        sa.Column("umpan_balik", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluations.id"],
            name=op.f("fk_evaluation_behaviours_evaluation_id_evaluations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_behaviours")),
        sa.UniqueConstraint(
            "evaluation_id", "code", name=op.f("uq_evaluation_behaviours_evaluation_id")
        ),
    )
    with op.batch_alter_table("evaluation_behaviours", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_behaviours_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evaluation_behaviours_evaluation_id"), ["evaluation_id"], unique=False
        )

    op.create_table(
        "evaluation_events",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("step", sa.String(length=12), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("acting_as", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluations.id"],
            name=op.f("fk_evaluation_events_evaluation_id_evaluations"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_evaluation_events_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_events")),
    )
    with op.batch_alter_table("evaluation_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_events_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evaluation_events_evaluation_id"), ["evaluation_id"], unique=False
        )

    op.create_table(
        "evaluation_rhk",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("rhk_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("umpan_balik", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluations.id"],
            name=op.f("fk_evaluation_rhk_evaluation_id_evaluations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_rhk")),
        sa.UniqueConstraint(
            "evaluation_id", "rhk_id", name=op.f("uq_evaluation_rhk_evaluation_id")
        ),
    )
    with op.batch_alter_table("evaluation_rhk", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_rhk_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evaluation_rhk_evaluation_id"), ["evaluation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_evaluation_rhk_rhk_id"), ["rhk_id"], unique=False)

    op.create_table(
        "evaluation_indicators",
        sa.Column("evaluation_id", sa.String(length=36), nullable=False),
        sa.Column("rhk_id", sa.String(length=36), nullable=False),
        sa.Column("indicator_id", sa.String(length=36), nullable=False),
        sa.Column("prefilled", sa.Float(), nullable=True),
        sa.Column("realisasi", sa.Float(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluations.id"],
            name=op.f("fk_evaluation_indicators_evaluation_id_evaluations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_indicators")),
        sa.UniqueConstraint(
            "evaluation_id", "indicator_id", name=op.f("uq_evaluation_indicators_evaluation_id")
        ),
    )
    with op.batch_alter_table("evaluation_indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_indicators_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evaluation_indicators_evaluation_id"), ["evaluation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evaluation_indicators_indicator_id"), ["indicator_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("evaluation_indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_indicators_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_indicators_evaluation_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_indicators_change_seq"))

    op.drop_table("evaluation_indicators")
    with op.batch_alter_table("evaluation_rhk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_rhk_rhk_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_rhk_evaluation_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_rhk_change_seq"))

    op.drop_table("evaluation_rhk")
    with op.batch_alter_table("evaluation_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_events_evaluation_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_events_change_seq"))

    op.drop_table("evaluation_events")
    with op.batch_alter_table("evaluation_behaviours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_behaviours_evaluation_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_behaviours_change_seq"))

    op.drop_table("evaluation_behaviours")
    with op.batch_alter_table("evaluations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluations_skp_id"))
        batch_op.drop_index("ix_evaluations_period")
        batch_op.drop_index(batch_op.f("ix_evaluations_change_seq"))

    op.drop_table("evaluations")
