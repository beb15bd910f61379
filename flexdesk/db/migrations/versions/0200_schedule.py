"""Flexible-work schedules: policy versions, office calendar, monthly periods with their
workflow history, schedule entries and per-employee flexible-work settings (the "schedule"
branch).

Revision ID: 0200
Revises: 0002
Create Date: 2026-11-23 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0200"
down_revision = "0002"
branch_labels = ("schedule",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_holidays",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_holidays")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_holidays_day")),
    )
    with op.batch_alter_table("calendar_holidays", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_holidays_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_calendar_holidays_year"), ["year"], unique=False)

    op.create_table(
        "employee_flex_settings",
        sa.Column("employee_id", sa.String(length=36), nullable=False),
        sa.Column("remote_exception", sa.Boolean(), nullable=False),
        sa.Column("exception_reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_employee_flex_settings_employee_id_employees"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_flex_settings")),
        sa.UniqueConstraint("employee_id", name=op.f("uq_employee_flex_settings_employee_id")),
    )
    with op.batch_alter_table("employee_flex_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employee_flex_settings_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "schedule_entries",
        sa.Column("employee_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code", sa.String(length=1), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("leave_kind", sa.String(length=32), nullable=True),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_schedule_entries_employee_id_employees"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_entries")),
        sa.UniqueConstraint("employee_id", "day", name=op.f("uq_schedule_entries_employee_id")),
    )
    with op.batch_alter_table("schedule_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_schedule_entries_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index("ix_schedule_entries_day", ["day"], unique=False)

    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("changed_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["changed_by_user_id"],
            ["users.id"],
            name=op.f("fk_calendar_years_changed_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_years")),
        sa.UniqueConstraint("year", name=op.f("uq_calendar_years_year")),
    )
    with op.batch_alter_table("calendar_years", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_years_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "flex_policies",
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("allowed_modes", sa.String(length=8), nullable=False),
        sa.Column("max_remote_days_per_week", sa.Integer(), nullable=True),
        sa.Column("max_remote_days_per_month", sa.Integer(), nullable=True),
        sa.Column("min_onsite_share", sa.Float(), nullable=True),
        sa.Column("min_onsite_headcount", sa.Integer(), nullable=True),
        sa.Column("core_hours_start", sa.Time(), nullable=False),
        sa.Column("core_hours_end", sa.Time(), nullable=False),
        sa.Column("week_type", sa.Integer(), nullable=False),
        sa.Column("weekly_hours_required", sa.Float(), nullable=False),
        sa.Column("ramadan_weekly_hours", sa.Float(), nullable=False),
        sa.Column("ramadan_periods", sa.JSON(), nullable=False),
        sa.Column("excluded_positions", sa.JSON(), nullable=False),
        sa.Column("remote_needs_approval", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_flex_policies_created_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flex_policies")),
        sa.UniqueConstraint("effective_from", name=op.f("uq_flex_policies_effective_from")),
    )
    with op.batch_alter_table("flex_policies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_flex_policies_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "schedule_periods",
        sa.Column("employee_id", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("submitted_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("approver_employee_id", sa.String(length=36), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("returned_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by_user_id", sa.String(length=36), nullable=True),
        sa.Column("policy_effective_from", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_user_id"],
            ["users.id"],
            name=op.f("fk_schedule_periods_approved_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["approver_employee_id"],
            ["employees.id"],
            name=op.f("fk_schedule_periods_approver_employee_id_employees"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_schedule_periods_employee_id_employees"),
        ),
        sa.ForeignKeyConstraint(
            ["reopened_by_user_id"],
            ["users.id"],
            name=op.f("fk_schedule_periods_reopened_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["returned_by_user_id"],
            ["users.id"],
            name=op.f("fk_schedule_periods_returned_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_user_id"],
            ["users.id"],
            name=op.f("fk_schedule_periods_submitted_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_periods")),
        sa.UniqueConstraint(
            "employee_id", "year", "month", name=op.f("uq_schedule_periods_employee_id")
        ),
    )
    with op.batch_alter_table("schedule_periods", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_schedule_periods_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index("ix_schedule_periods_year_month", ["year", "month"], unique=False)

    op.create_table(
        "schedule_period_events",
        sa.Column("period_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=False),
        sa.Column("to_status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["schedule_periods.id"],
            name=op.f("fk_schedule_period_events_period_id_schedule_periods"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_schedule_period_events_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_period_events")),
    )
    with op.batch_alter_table("schedule_period_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_schedule_period_events_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_schedule_period_events_period_id"), ["period_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("schedule_period_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedule_period_events_period_id"))
        batch_op.drop_index(batch_op.f("ix_schedule_period_events_change_seq"))

    op.drop_table("schedule_period_events")
    with op.batch_alter_table("schedule_periods", schema=None) as batch_op:
        batch_op.drop_index("ix_schedule_periods_year_month")
        batch_op.drop_index(batch_op.f("ix_schedule_periods_change_seq"))

    op.drop_table("schedule_periods")
    with op.batch_alter_table("flex_policies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flex_policies_change_seq"))

    op.drop_table("flex_policies")
    with op.batch_alter_table("calendar_years", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_years_change_seq"))

    op.drop_table("calendar_years")
    with op.batch_alter_table("schedule_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_schedule_entries_day")
        batch_op.drop_index(batch_op.f("ix_schedule_entries_change_seq"))

    op.drop_table("schedule_entries")
    with op.batch_alter_table("employee_flex_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_flex_settings_change_seq"))

    op.drop_table("employee_flex_settings")
    with op.batch_alter_table("calendar_holidays", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_holidays_year"))
        batch_op.drop_index(batch_op.f("ix_calendar_holidays_change_seq"))

    op.drop_table("calendar_holidays")
