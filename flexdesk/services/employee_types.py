"""The employee list's plain data: what the add/edit dialog supplies, one row as lists and
dialogs show it (with its ``rev`` for optimistic concurrency), and the list's filter. Apart
from flexdesk.services.employees, which re-exports them, to keep that module small."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flexdesk.domain.people import EmployeeType, Gender


@dataclass(frozen=True)
class EmployeeInput:
    """What the add/edit dialog (or an import) supplies."""

    nama: str
    employee_type: EmployeeType = EmployeeType.PNS
    nip: str = ""
    gelar_depan: str = ""
    gelar_belakang: str = ""
    golongan: str = ""
    jabatan: str = ""
    unit_id: str | None = None
    supervisor_id: str | None = None
    flex_eligible: bool = True
    active: bool = True
    gender: Gender | None = None  # taken from the NIP for PNS/PPPK
    birth_date: date | None = None  # taken from the NIP for PNS/PPPK


@dataclass(frozen=True)
class EmployeeRow:
    """One employee as lists and dialogs show it."""

    id: str
    nip: str | None
    nip_display: str
    employee_type: EmployeeType
    gelar_depan: str
    nama: str
    gelar_belakang: str
    display_name: str
    golongan: str
    pangkat: str
    jabatan: str
    unit_id: str | None
    unit_name: str
    supervisor_id: str | None
    supervisor_name: str
    flex_eligible: bool
    active: bool
    gender: Gender | None
    birth_date: date | None
    #: the row's revision when read: the edit dialog passes it back as ``expected_rev``
    rev: int = 0

    def to_input(self) -> EmployeeInput:
        """The row as the form's input, for editing."""
        return EmployeeInput(
            nama=self.nama,
            employee_type=self.employee_type,
            nip=self.nip or "",
            gelar_depan=self.gelar_depan,
            gelar_belakang=self.gelar_belakang,
            golongan=self.golongan,
            jabatan=self.jabatan,
            unit_id=self.unit_id,
            supervisor_id=self.supervisor_id,
            flex_eligible=self.flex_eligible,
            active=self.active,
            gender=self.gender,
            birth_date=self.birth_date,
        )


@dataclass(frozen=True)
class EmployeeFilter:
    """What the employee list is narrowed to: a search text, a unit, inactive staff or not."""

    text: str = ""
    unit_id: str | None = None
    include_inactive: bool = False
