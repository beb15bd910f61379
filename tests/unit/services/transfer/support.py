"""Helpers for the import/export tests: files written the ways clerks' programs write them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_audit import AuditEntry
from flexdesk.domain.people import EmployeeType, Gender, make_nip

HEADER = ("NIP", "Nama", "Gelar Depan", "Gelar Belakang", "Jenis Pegawai", "Pangkat/Golongan",
          "Jabatan", "Unit Kerja", "NIP Atasan Langsung")  # fmt: skip


def nip(serial: int, employee_type: EmployeeType = EmployeeType.PNS) -> str:
    """A valid NIP / NI PPPK with ``serial`` (1..999) as its last digits."""
    return make_nip(
        date(1980 + serial % 15, 1 + serial % 12, 1 + serial % 27),
        date(2010 + serial % 10, 1 + serial % 12, 1),
        Gender.MALE if serial % 2 else Gender.FEMALE,
        serial,
        employee_type,
    )


HEAD = nip(1)
STAFF_A = nip(2)
STAFF_B = nip(3, EmployeeType.PPPK)


def office_rows() -> list[tuple[object, ...]]:
    """A small office: a head and two staff reporting to them, in two units."""
    return [
        (HEAD, "Bambang Hermawan", "", "S.Sos.", "PNS", "III/d", "Kepala Seksi", "Pelayanan", ""),
        (STAFF_A, "Dewi Lestari", "Dr.", "M.Si.", "PNS", "III/a", "Analis", "Pelayanan", HEAD),
        (STAFF_B, "Agus Saputra", "", "", "PPPK", "VII", "Pengadministrasi", "Sekretariat", HEAD),
    ]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
) -> Path:
    """A CSV as Excel saves it (semicolon and BOM by default)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path, rows: Sequence[Sequence[object]], *, header: Sequence[str] = HEADER
) -> Path:
    """An XLSX written by openpyxl (another program than the one FlexDesk exports with)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def counts(db: Database) -> tuple[int, int, int]:
    """(employees, units, audit rows): what 'nothing changed' compares."""
    with db.read_session() as session:
        return (
            int(session.scalar(select(func.count(Employee.id))) or 0),
            int(session.scalar(select(func.count(WorkUnit.id))) or 0),
            int(session.scalar(select(func.count(AuditEntry.seq))) or 0),
        )
