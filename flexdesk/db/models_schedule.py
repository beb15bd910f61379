"""Flexible-work schedules: policy versions, the office calendar, monthly periods and entries.

* ``flex_policies``: one row per version of the office's flexible-work policy
  (:class:`flexdesk.domain.schedule.FlexPolicy`), in force from ``effective_from`` until the
  next version starts, so a past schedule is judged by the version in force then.
* ``calendar_years`` / ``calendar_holidays``: a year the admin has edited or imported (SKB 3
  Menteri list, cuti bersama, local holidays). A year without a ``calendar_years`` row uses
  the ``holidays`` package's list; a year with one uses exactly its ``calendar_holidays``.
* ``schedule_periods``: one employee's schedule for one calendar month, with its workflow
  status (draft, submitted, approved, returned) and who moved it when;
  ``schedule_period_events`` keeps every transition (reopenings included) as a history.
* ``schedule_entries``: one grid cell, unique per employee and day.
* ``employee_flex_settings``: the PermenPANRB 4/2025 Pasal 13 exception of an employee (duty
  that must be done outside the office, keadaan khusus) with its reason. Remote-work
  exclusion uses the core ``employees.flex_eligible`` flag.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from flexdesk.db.base import Base, SyncedMixin, UTCDateTime


class FlexPolicyVersion(SyncedMixin, Base):
    """One version of the office's flexible-work policy (Pengaturan > Kebijakan kerja
    fleksibel). ``None`` in a limit column switches that limit off."""

    __tablename__ = "flex_policies"
    __entity__ = "flex_policy"

    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    #: day codes of the permitted modes, e.g. "OHA" (WFO is always among them)
    allowed_modes: Mapped[str] = mapped_column(String(8), default="OHA")
    max_remote_days_per_week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_remote_days_per_month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    min_onsite_share: Mapped[float | None] = mapped_column(Float, nullable=True)
    min_onsite_headcount: Mapped[int | None] = mapped_column(Integer, nullable=True)
    core_hours_start: Mapped[time] = mapped_column(Time)
    core_hours_end: Mapped[time] = mapped_column(Time)
    week_type: Mapped[int] = mapped_column(Integer, default=5)
    weekly_hours_required: Mapped[float] = mapped_column(Float, default=37.5)
    ramadan_weekly_hours: Mapped[float] = mapped_column(Float, default=32.5)
    #: [["YYYY-MM-DD", "YYYY-MM-DD"], ...] set by the admin; other years use the estimate
    ramadan_periods: Mapped[Any] = mapped_column(JSON, default=list)
    #: jabatan that must work on site (front-line services)
    excluded_positions: Mapped[Any] = mapped_column(JSON, default=list)
    remote_needs_approval: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class CalendarYear(SyncedMixin, Base):
    """A year whose holiday list the office keeps itself (edited or imported from CSV)."""

    __tablename__ = "calendar_years"
    __entity__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual | csv
    note: Mapped[str] = mapped_column(Text, default="")
    changed_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class CalendarHoliday(SyncedMixin, Base):
    """One non-working day of an office-kept year (:class:`CalendarYear`)."""

    __tablename__ = "calendar_holidays"
    __entity__ = "calendar_holiday"

    year: Mapped[int] = mapped_column(Integer, index=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # HolidayKind: national | cuti_bersama | local


class SchedulePeriod(SyncedMixin, Base):
    """One employee's schedule for one month and where it stands in the approval workflow.

    The ``*_at``/``*_by_user_id`` columns keep the latest of each transition (the account
    that acted: the admin may act on someone's behalf); every transition is also a row of
    :class:`SchedulePeriodEvent`. ``policy_effective_from`` is the policy version the period
    was approved under: a later policy change keeps it approved under that version.
    """

    __tablename__ = "schedule_periods"
    __entity__ = "schedule_period"
    __table_args__ = (
        UniqueConstraint("employee_id", "year", "month"),
        # the grid opens a month for everyone
        Index("ix_schedule_periods_year_month", "year", "month"),
    )

    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="draft")  # PeriodStatus
    note: Mapped[str] = mapped_column(Text, default="")  # the latest return/reopen note
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    submitted_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    approved_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    #: the supervisor (Employee) the approval is in the name of
    approver_employee_id: Mapped[str | None] = mapped_column(
        ForeignKey("employees.id"), nullable=True
    )
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    returned_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reopened_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    policy_effective_from: Mapped[date | None] = mapped_column(Date, nullable=True)


class SchedulePeriodEvent(SyncedMixin, Base):
    """One workflow step of a period: submit, withdraw, approve, return or reopen."""

    __tablename__ = "schedule_period_events"
    __entity__ = "schedule_period_event"

    period_id: Mapped[str] = mapped_column(ForeignKey("schedule_periods.id"), index=True)
    action: Mapped[str] = mapped_column(String(12))  # PeriodAction
    from_status: Mapped[str] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class ScheduleEntryRow(SyncedMixin, Base):
    """One grid cell: what an employee does on a day (a :class:`DayCode` letter)."""

    __tablename__ = "schedule_entries"
    __entity__ = "schedule_entry"
    __table_args__ = (
        UniqueConstraint("employee_id", "day"),
        # The grid opens a month for everyone: a range scan on the day that never visits the
        # table (a covering index). Without it the rows of a month lie on as many pages as
        # there are rows, and reading them was half the time of opening the grid.
        Index(
            "ix_schedule_entries_day",
            "day",
            "employee_id",
            "code",
            "location",
            "leave_kind",
            "hours",
        ),
    )

    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"))
    day: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(1))
    location: Mapped[str] = mapped_column(String(200), default="")
    leave_kind: Mapped[str | None] = mapped_column(String(32), nullable=True)
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)


class EmployeeFlexSetting(SyncedMixin, Base):
    """Per-employee flexible-work settings kept by the schedule capability."""

    __tablename__ = "employee_flex_settings"
    __entity__ = "employee_flex_setting"

    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), unique=True)
    #: PermenPANRB 4/2025 Pasal 13: the remote-day limits do not apply (with the reason)
    remote_exception: Mapped[bool] = mapped_column(Boolean, default=False)
    exception_reason: Mapped[str] = mapped_column(Text, default="")
