"""The import templates (employees, SKP) and the employee list export, as XLSX.

The employee list uses the template's columns, so an exported list imports back unchanged
(the round trip the tests check). NIP columns are formatted as text (``@``) so a spreadsheet
program never turns an 18-digit NIP into a rounded number.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_transfer import EmployeeContact
from flexdesk.domain.outputs import Aspect
from flexdesk.domain.people import PNS_GOLONGAN, PPPK_GOLONGAN, Gender
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.transfer.employee_rows import EMPLOYEE_LABELS
from flexdesk.services.transfer.skp_rows import SKP_FIELDS, SKP_LABELS
from flexdesk.services.transfer.xlsx import (
    Column,
    SheetSpec,
    start_sheet,
    write_rows,
    xlsx_output,
)

EMPLOYEE_FIELDS = tuple(EMPLOYEE_LABELS)
_WIDTHS = {"nip": 22, "nama": 28, "gelar_depan": 10, "gelar_belakang": 14, "jenis": 12,
           "golongan": 12, "jabatan": 30, "unit": 26, "nip_atasan": 22, "email": 26,
           "phone": 16, "tanggal_lahir": 16, "jenis_kelamin": 8}  # fmt: skip
_TYPE_TEXT = {"pns": "PNS", "pppk": "PPPK", "non_asn": "Non-ASN"}
EXAMPLE_ROW = ("198503122010011003", "Siti Aminah", "Dr.", "S.Kom., M.Si.", "PNS", "III/c",
               "Analis Kepegawaian", "Sekretariat", "", "siti.aminah@example.go.id",
               "081234567890", date(1985, 3, 12), "P")  # fmt: skip
SKP_EXAMPLE = (
    ("198503122010011003", 2027, "Utama", "", "Tersusunnya laporan kepegawaian bulanan",
     "Kuantitas", "Jumlah laporan yang disusun", 12, "laporan"),
    ("198503122010011003", 2027, "Utama", "", "Tersusunnya laporan kepegawaian bulanan",
     "Kualitas", "Laporan diterima tanpa revisi", 100, "%"),
    ("198503122010011003", 2027, "Utama", "", "Tersusunnya laporan kepegawaian bulanan",
     "Waktu", "Laporan selesai tiap bulan", 12, "bulan"),
)  # fmt: skip


def _employee_spec(title: str, cover: tuple[str, ...] = ()) -> SheetSpec:
    kinds = {"tanggal_lahir": "date"}
    return SheetSpec(
        name="Pegawai",
        title=title,
        cover=cover,
        columns=tuple(
            Column(EMPLOYEE_LABELS[f], kinds.get(f, "text"), _WIDTHS[f])  # type: ignore[arg-type]
            for f in EMPLOYEE_FIELDS
        ),
    )


def _text_columns(book: object, sheet: object, fields: Sequence[str], names: Sequence[str]) -> None:
    fmt = book.fmt("nip_text", num_format="@")  # type: ignore[attr-defined]
    for col, fld in enumerate(fields):
        if fld in names:
            sheet.set_column(col, col, _WIDTHS.get(fld, 22), fmt)  # type: ignore[attr-defined]


def write_employee_template(out: Path) -> Path:
    """The employee import template: header, one example row, drop-down lists for the
    employee type and the golongan (PNS I/a–IV/e, PPPK I–XVII), NIP columns as text."""
    spec = _employee_spec("Templat impor pegawai FlexDesk", cover=(
        "Satu baris per pegawai. Kolom NIP diformat Teks: jangan diubah menjadi angka. "
        "Timpa atau hapus baris contoh.",
    ))  # fmt: skip
    with xlsx_output(Path(out)) as book:
        sheet, first = start_sheet(book, spec)
        _text_columns(book, sheet, EMPLOYEE_FIELDS, ("nip", "nip_atasan"))
        write_rows(book, sheet, first, spec, [EXAMPLE_ROW])
        last = first + 1000
        jenis = EMPLOYEE_FIELDS.index("jenis")
        sheet.data_validation(first, jenis, last, jenis, {
            "validate": "list", "source": ["PNS", "PPPK", "Non-ASN"],
            "error_title": "Jenis pegawai", "error_message": "Pilih PNS, PPPK atau Non-ASN.",
        })  # fmt: skip
        gol = EMPLOYEE_FIELDS.index("golongan")
        codes = [g.code for g in (*PNS_GOLONGAN, *PPPK_GOLONGAN)]
        sheet.data_validation(first, gol, last, gol, {
            "validate": "list", "source": codes, "error_type": "warning",
            "error_title": "Golongan", "error_message": "PNS: I/a–IV/e, PPPK: I–XVII.",
        })  # fmt: skip
        sex = EMPLOYEE_FIELDS.index("jenis_kelamin")
        sheet.data_validation(first, sex, last, sex, {"validate": "list", "source": ["L", "P"]})
    return Path(out)


def write_skp_template(out: Path) -> Path:
    """The SKP import template: one row per indicator, an example RHK with three aspects,
    drop-down lists for the RHK kind and the aspect."""
    widths = {"nip": 22, "tahun": 8, "jenis_rhk": 11, "rhk_atasan": 34, "rhk": 40, "aspek": 12,
              "indikator": 36, "target": 10, "satuan": 12}  # fmt: skip
    kinds = {"tahun": "integer", "target": "number"}
    spec = SheetSpec(
        name="SKP",
        title="Templat impor SKP FlexDesk",
        cover=(
            "Satu baris per indikator; baris dengan NIP, tahun dan RHK yang sama membentuk satu "
            "RHK. Timpa atau hapus baris contoh.",
        ),
        columns=tuple(
            Column(SKP_LABELS[f], kinds.get(f, "text"), widths[f])  # type: ignore[arg-type]
            for f in SKP_FIELDS
        ),
    )
    with xlsx_output(Path(out)) as book:
        sheet, first = start_sheet(book, spec)
        _text_columns(book, sheet, SKP_FIELDS, ("nip",))
        write_rows(book, sheet, first, spec, SKP_EXAMPLE)
        col = SKP_FIELDS.index("jenis_rhk")
        sheet.data_validation(first, col, first + 5000, col,
                              {"validate": "list", "source": ["Utama", "Tambahan"]})  # fmt: skip
        col = SKP_FIELDS.index("aspek")
        sheet.data_validation(first, col, first + 5000, col,
                              {"validate": "list", "source": [a.label for a in Aspect]})  # fmt: skip
    return Path(out)


def employee_rows(
    session: Session, *, include_inactive: bool = False
) -> Iterator[tuple[object, ...]]:
    """The employee list in the template's column order, ordered by unit and name."""
    sup = aliased(Employee)
    query = (
        select(Employee, WorkUnit.name, sup.nip, EmployeeContact)
        .outerjoin(WorkUnit, Employee.unit_id == WorkUnit.id)
        .outerjoin(EmployeeContact, EmployeeContact.employee_id == Employee.id)
        .outerjoin(sup, Employee.supervisor_id == sup.id)
        .order_by(WorkUnit.name.is_(None), WorkUnit.name, Employee.nama, Employee.id)
    )
    if not include_inactive:
        query = query.where(Employee.active.is_(True))
    for emp, unit, sup_nip, contact in session.execute(query):
        yield (
            emp.nip or "", emp.nama, emp.gelar_depan, emp.gelar_belakang,
            _TYPE_TEXT.get(emp.employee_type, emp.employee_type), emp.golongan, emp.jabatan,
            unit or "", sup_nip or "", contact.email if contact else "",
            contact.phone if contact else "", emp.birth_date,
            Gender(emp.gender).value if emp.gender else "",
        )  # fmt: skip


def export_employees_xlsx(
    session: Session, actor: Actor, out: Path, *, include_inactive: bool = False
) -> int:
    """The employee list as XLSX (the import template's columns); returns the row count."""
    require(actor, Action.EMPLOYEE_VIEW)
    if not actor.can(Action.EMPLOYEE_EDIT_ANY):
        require(actor, Action.USER_MANAGE)  # a full staff list with contacts: the admin's
    from flexdesk.services.office import get_office

    office = get_office(session)
    cover = (f"{office.unit_kerja} — {office.instansi}",) if office else ()
    spec = _employee_spec("Daftar Pegawai", cover)
    rows = list(employee_rows(session, include_inactive=include_inactive))
    with xlsx_output(Path(out)) as book:
        sheet, first = start_sheet(book, spec)
        _text_columns(book, sheet, EMPLOYEE_FIELDS, ("nip", "nip_atasan"))
        count = write_rows(book, sheet, first, spec, rows, total=len(rows))
    return count
