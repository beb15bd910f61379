"""SKP (yearly plan of results) and the daily output log with its evidence.

An SKP belongs to one employee and one year and lists RHK items, each with indicators and
targets; an RHK may derive from ("intervensi") an RHK of the supervisor's SKP. Output-log
entries point at an RHK; evidence files live in the content-addressed attachment store (the
row keeps the SHA-256, the original name, size and type) or are links.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
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


class Skp(SyncedMixin, Base):
    """Sasaran Kinerja Pegawai: one employee's plan for one year."""

    __tablename__ = "skp"
    __entity__ = "skp"
    __table_args__ = (UniqueConstraint("employee_id", "year"),)

    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"))  # + year: unique
    year: Mapped[int] = mapped_column(Integer)
    period_type: Mapped[str] = mapped_column(String(12), default="monthly")  # PeriodType
    status: Mapped[str] = mapped_column(String(12), default="draft")  # SkpStatus
    review_note: Mapped[str] = mapped_column(Text, default="")
    #: the Pejabat Penilai Kinerja at approval, and the account that approved (admin on behalf)
    approver_employee_id: Mapped[str | None] = mapped_column(
        ForeignKey("employees.id"), nullable=True
    )
    approved_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Rhk(SyncedMixin, Base):
    """Rencana Hasil Kerja: one intended result in an SKP."""

    __tablename__ = "rhk"
    __entity__ = "rhk"

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10), default="utama")  # RhkKind
    text: Mapped[str] = mapped_column(Text)
    #: the supervisor's RHK this one derives from (intervensi / cascading)
    parent_rhk_id: Mapped[str | None] = mapped_column(
        ForeignKey("rhk.id"), nullable=True, index=True
    )


class RhkIndicator(SyncedMixin, Base):
    """Indikator kinerja individu of an RHK with its target (e.g. 12 dokumen)."""

    __tablename__ = "rhk_indicators"
    __entity__ = "rhk_indicator"

    rhk_id: Mapped[str] = mapped_column(ForeignKey("rhk.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    aspect: Mapped[str] = mapped_column(String(10))  # Aspect
    text: Mapped[str] = mapped_column(Text)
    target_value: Mapped[float] = mapped_column(Float, default=0.0)
    target_unit: Mapped[str] = mapped_column(String(40), default="")


class OutputLog(SyncedMixin, Base):
    """One logged output of one employee on one day."""

    __tablename__ = "output_logs"
    __entity__ = "output_log"
    __table_args__ = (
        # the log page (employee or unit + date range), recaps (employee + year)
        Index("ix_output_logs_employee_day", "employee_id", "day"),
        # the review queue (staff of a supervisor, status submitted)
        Index("ix_output_logs_employee_status", "employee_id", "status"),
    )

    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"))
    rhk_id: Mapped[str] = mapped_column(ForeignKey("rhk.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    activity: Mapped[str] = mapped_column(Text)
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    minutes: Mapped[int] = mapped_column(Integer)
    work_mode: Mapped[str] = mapped_column(String(1))  # WorkMode
    location: Mapped[str] = mapped_column(String(200), default="")
    #: the schedule's plan when the entry was saved; a different mode is flagged, not refused
    planned_mode: Mapped[str | None] = mapped_column(String(1), nullable=True)
    mode_mismatch: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # LogStatus
    review_note: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    reviewed_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    #: who typed it in (the admin may log on an employee's behalf)
    created_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class OutputEvidence(SyncedMixin, Base):
    """Bukti dukung of a log entry: a stored file (by SHA-256) or a link."""

    __tablename__ = "output_evidence"
    __entity__ = "output_evidence"

    log_id: Mapped[str] = mapped_column(ForeignKey("output_logs.id"), index=True)
    kind: Mapped[str] = mapped_column(String(4))  # file | link
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    media_type: Mapped[str] = mapped_column(String(100), default="")
    url: Mapped[str] = mapped_column(Text, default="")
