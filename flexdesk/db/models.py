"""Core tables: office, work units, employees, user accounts, settings.

Later capabilities (schedules, output logs, evaluations, bundles) add their own modules and
Alembic migrations; every schema change is a migration under ``flexdesk/db/migrations``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from flexdesk.db.base import Base, SyncedMixin, UTCDateTime


class Office(SyncedMixin, Base):
    """The office this FlexDesk installation serves (one row)."""

    __tablename__ = "offices"
    __entity__ = "office"

    code: Mapped[str] = mapped_column(String(20))  # e.g. "O042": bundle names, central registry
    instansi: Mapped[str] = mapped_column(String(200))  # e.g. "Pemerintah Kabupaten Kuningan"
    unit_kerja: Mapped[str] = mapped_column(String(200))  # e.g. "Kecamatan Cigugur"
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(100))  # place on signature lines
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class WorkUnit(SyncedMixin, Base):
    __tablename__ = "work_units"
    __entity__ = "work_unit"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    code: Mapped[str] = mapped_column(String(20), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    employees: Mapped[list[Employee]] = relationship(back_populates="unit")


class Employee(SyncedMixin, Base):
    __tablename__ = "employees"
    __entity__ = "employee"

    employee_type: Mapped[str] = mapped_column(String(10), default="pns")  # pns | pppk | non_asn
    nip: Mapped[str | None] = mapped_column(String(18), unique=True, nullable=True)
    gelar_depan: Mapped[str] = mapped_column(String(60), default="")
    nama: Mapped[str] = mapped_column(String(200), index=True)
    gelar_belakang: Mapped[str] = mapped_column(String(100), default="")
    gender: Mapped[str | None] = mapped_column(String(1), nullable=True)  # L | P
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    golongan: Mapped[str] = mapped_column(String(10), default="")  # "III/a", PPPK "IX"
    jabatan: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[str | None] = mapped_column(
        ForeignKey("work_units.id"), nullable=True, index=True
    )
    supervisor_id: Mapped[str | None] = mapped_column(
        ForeignKey("employees.id"), nullable=True, index=True
    )
    flex_eligible: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    unit: Mapped[WorkUnit | None] = relationship(back_populates="employees")
    supervisor: Mapped[Employee | None] = relationship(remote_side="Employee.id")


class User(SyncedMixin, Base):
    """A sign-in account. Passwords are argon2 hashes; accounts lock after repeated failures."""

    __tablename__ = "users"
    __entity__ = "user"

    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(12))  # admin | supervisor | employee
    employee_id: Mapped[str | None] = mapped_column(
        ForeignKey("employees.id"), nullable=True, unique=True
    )
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    employee: Mapped[Employee | None] = relationship()


class Setting(Base):
    """Office-wide settings as JSON values; defaults are declared in services.settings."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
