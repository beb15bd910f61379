"""Import/export tables (migration 0600, branch ``transfer``).

Kept beside the core tables instead of adding columns to them, so the core schema (and every
migration test that writes core rows at an old revision) is untouched:

* ``employee_contacts``: the optional e-mail and phone an employee import brings (SIASN's
  ``EMAIL`` and ``NOMOR_HP``), one row per employee that has any.
* ``first_passwords``: accounts still on the one-time password an import printed for them;
  sign-in asks for a new password while the row exists. Audited like every synced table, but
  never sent in a sync bundle (accounts stay in the office).
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from flexdesk.db.base import Base, SyncedMixin


class EmployeeContact(SyncedMixin, Base):
    """E-mail and phone of one employee."""

    __tablename__ = "employee_contacts"
    __entity__ = "employee_contact"

    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), unique=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")


class FirstPassword(SyncedMixin, Base):
    """An account that must choose its own password at its next sign-in."""

    __tablename__ = "first_passwords"
    __entity__ = "first_password"
    __sync__ = False

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), unique=True)
