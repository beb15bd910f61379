"""One row of an employee import file, read into clean values with a reason per bad cell.

The rules are the ones the employee form applies (``services.employees``): NIP / NI PPPK by
their own shapes (``domain.people.parse_nip``), golongan matching the employee type, the
column sizes of the ``employees`` table. Cross-row rules (duplicates, supervisors, loops) are
``employee_import``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from flexdesk.domain.people import (
    EmployeeType,
    Gender,
    find_golongan,
    normalize_nip,
    parse_nip,
)
from flexdesk.errors import ValidationError
from flexdesk.services.transfer.cells import CellProblem, date_of, nip_text, text_of
from flexdesk.services.transfer.preview import CellIssue
from flexdesk.services.transfer.tabular import CellValue

#: field -> header names accepted for it (see cells.py for where the SIASN names come from)
EMPLOYEE_ALIASES: dict[str, tuple[str, ...]] = {
    "nip": ("NIP / NI PPPK", "NIP", "NIP Baru", "NIP_BARU", "nipBaru", "NI PPPK", "NIPPPK",
            "Nomor Induk Pegawai", "NIP/NIPPPK"),
    "nama": ("Nama", "Nama Pegawai", "NAMA", "Nama Lengkap", "namaPegawai", "Nama Tanpa Gelar"),
    "gelar_depan": ("Gelar Depan", "GELAR_DEPAN", "gelarDepan"),
    "gelar_belakang": ("Gelar Belakang", "GELAR_BELAKANG", "gelarBelakang"),
    "jenis": ("Jenis Pegawai", "Jenis", "JENIS_PEGAWAI_NAMA", "Status Kepegawaian",
              "Status Pegawai", "statusPegawai", "STATUS_CPNS_PNS", "Jenis ASN"),
    "golongan": ("Pangkat/Golongan", "Golongan", "Pangkat Golongan", "Golongan Ruang", "Gol",
                 "Gol Ruang", "GOL_AKHIR_NAMA", "golRuangAkhir", "namaGolongan", "Golongan Akhir"),
    "jabatan": ("Jabatan", "JABATAN_NAMA", "Nama Jabatan", "nama_jabatan"),
    "unit": ("Unit Kerja", "Unit", "UNOR_NAMA", "Unit Organisasi", "UNOR", "Sub Unit", "nm_unor"),
    "nip_atasan": ("NIP Atasan Langsung", "NIP Atasan", "NIP_ATASAN", "nipAtasan",
                   "NIP Pejabat Penilai", "NIP Pejabat Penilai Kinerja", "Atasan NIP"),
    "email": ("Email", "E-mail", "EMAIL", "EMAIL_GOV", "Surel", "Alamat Email"),
    "phone": ("Nomor HP", "No HP", "NOMOR_HP", "HP", "No. HP", "Telepon", "No Telepon", "noHp",
              "Phone"),
    "tanggal_lahir": ("Tanggal Lahir", "TANGGAL_LAHIR", "Tgl Lahir", "tglLahir"),
    "jenis_kelamin": ("Jenis Kelamin", "JENIS_KELAMIN", "jenisKelamin", "L/P"),
}  # fmt: skip

EMPLOYEE_LABELS: dict[str, str] = {
    "nip": "NIP / NI PPPK",
    "nama": "Nama",
    "gelar_depan": "Gelar Depan",
    "gelar_belakang": "Gelar Belakang",
    "jenis": "Jenis Pegawai",
    "golongan": "Pangkat/Golongan",
    "jabatan": "Jabatan",
    "unit": "Unit Kerja",
    "nip_atasan": "NIP Atasan Langsung",
    "email": "Email",
    "phone": "Nomor HP",
    "tanggal_lahir": "Tanggal Lahir",
    "jenis_kelamin": "Jenis Kelamin",
}

#: column sizes of the employees table (db/models.py)
MAX_LEN = {"nama": 200, "gelar_depan": 60, "gelar_belakang": 100, "jabatan": 200, "unit": 200,
           "email": 200, "phone": 40}  # fmt: skip

_JENIS = {
    "pns": EmployeeType.PNS, "cpns": EmployeeType.PNS, "p": EmployeeType.PNS,
    "c": EmployeeType.PNS, "pnsd": EmployeeType.PNS, "pnsdaerah": EmployeeType.PNS,
    "pnspusat": EmployeeType.PNS, "pegawainegerisipil": EmployeeType.PNS,
    "pppk": EmployeeType.PPPK, "p3k": EmployeeType.PPPK,
    "pegawaipemerintahdenganperjanjiankerja": EmployeeType.PPPK,
    "nonasn": EmployeeType.NON_ASN, "nonpns": EmployeeType.NON_ASN,
    "honorer": EmployeeType.NON_ASN, "kontrak": EmployeeType.NON_ASN,
    "ptt": EmployeeType.NON_ASN, "ppnpn": EmployeeType.NON_ASN,
}  # fmt: skip
_GENDER = {"l": Gender.MALE, "lakilaki": Gender.MALE, "pria": Gender.MALE, "1": Gender.MALE,
           "m": Gender.MALE, "p": Gender.FEMALE, "perempuan": Gender.FEMALE,
           "wanita": Gender.FEMALE, "2": Gender.FEMALE, "f": Gender.FEMALE}  # fmt: skip
_GOL_CODE = re.compile(r"\b(IV|I{1,3})\s*/\s*([a-eA-E])\b")
_PPPK_TEXT = re.compile(r"^(?:gol(?:ongan)?\.?\s*)?([IVX]{1,5})$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-.]{5,}$")


@dataclass
class ParsedEmployee:
    """A row's clean values (only the columns the file has) and its problems."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    employee_type: EmployeeType = EmployeeType.PNS
    nip: str = ""
    gender: Gender | None = None
    birth_date: date | None = None
    issues: list[CellIssue] = field(default_factory=list)

    def refuse(self, fld: str, message: str, message_en: str) -> None:
        """Refuse the cell ``fld`` with a reason in both languages (the first reason per cell counts)."""
        if not self.has_issue(fld):  # one reason per cell
            self.issues.append(CellIssue(fld, message, message_en))

    def has_issue(self, fld: str) -> bool:
        """True when the cell ``fld`` is already refused."""
        return any(i.field == fld for i in self.issues)


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def golongan_code(text: str) -> str | None:
    """The golongan code in texts such as ``III/a``, ``Penata Muda, III/a``, ``Golongan IX``."""
    found = find_golongan(text)
    if found is not None:
        return found.code
    if (m := _GOL_CODE.search(text)) and (gol := find_golongan(f"{m[1]}/{m[2]}")) is not None:
        return gol.code
    if (m := _PPPK_TEXT.match(text.strip())) and (gol := find_golongan(m[1])) is not None:
        return gol.code
    return None


def _read_cells(row: ParsedEmployee, cells: dict[str, CellValue]) -> None:
    for fld, value in cells.items():
        try:
            if fld in ("nip", "nip_atasan"):
                row.values[fld] = normalize_nip(nip_text(value))
            elif fld == "tanggal_lahir":
                born = date_of(value)
                row.values[fld] = born.isoformat() if born else ""
            else:
                row.values[fld] = text_of(value, max_len=MAX_LEN.get(fld))
        except CellProblem as problem:
            row.values[fld] = " ".join(str(value).split())
            row.refuse(fld, problem.message, problem.message_en)


def _employee_type(row: ParsedEmployee) -> EmployeeType:
    raw = row.values.get("jenis", "")
    if raw:
        found = _JENIS.get(_key(raw))
        if found is None:
            row.refuse(
                "jenis",
                f"Jenis pegawai '{raw}' tidak dikenal; pilih PNS, PPPK atau Non-ASN.",
                f"Unknown employee type '{raw}'; use PNS, PPPK or Non-ASN.",
            )
            return EmployeeType.PNS
        return found
    gol = find_golongan(golongan_code(row.values.get("golongan", "")) or "")
    if gol is not None:
        return gol.employee_type
    return EmployeeType.PNS if row.values.get("nip") else EmployeeType.NON_ASN


def _check_nip(row: ParsedEmployee, min_age: int, today: date | None) -> None:
    nip = row.values.get("nip", "")
    if row.has_issue("nip"):
        return
    if row.employee_type is EmployeeType.NON_ASN:
        if nip:
            row.refuse(
                "nip",
                "Pegawai non-ASN tidak memiliki NIP; kosongkan NIP atau ubah jenis pegawai.",
                "Non-ASN staff have no NIP; leave it empty or change the employee type.",
            )
        return
    try:
        info = parse_nip(nip, row.employee_type, min_age_at_appointment=min_age, today=today)
    except ValidationError as exc:
        row.refuse("nip", exc.message, exc.message_en)
        return
    row.nip, row.gender, row.birth_date = info.nip, info.gender, info.birth_date
    row.values["nip"] = info.nip
    stated = row.values.get("tanggal_lahir", "")
    if stated and stated != info.birth_date.isoformat():
        row.refuse(
            "tanggal_lahir",
            f"Tanggal lahir {stated} tidak cocok dengan NIP ({info.birth_date.isoformat()}).",
            f"Birth date {stated} does not match the NIP ({info.birth_date.isoformat()}).",
        )


def _check_golongan(row: ParsedEmployee) -> None:
    raw = row.values.get("golongan", "")
    if not raw or row.has_issue("golongan"):
        return
    code = golongan_code(raw)
    gol = find_golongan(code or "")
    if gol is None:
        row.refuse(
            "golongan",
            f"Golongan '{raw}' tidak dikenal (PNS: I/a–IV/e, PPPK: I–XVII).",
            f"Unknown golongan '{raw}' (PNS: I/a–IV/e, PPPK: I–XVII).",
        )
    elif gol.employee_type is not row.employee_type:
        row.refuse(
            "golongan",
            f"Golongan {gol.code} tidak sesuai dengan jenis pegawai {row.employee_type.name}.",
            f"Golongan {gol.code} does not match the employee type {row.employee_type.name}.",
        )
    else:
        row.values["golongan"] = gol.code


def _check_contacts(row: ParsedEmployee) -> None:
    email = row.values.get("email", "")
    if email and not _EMAIL.match(email):
        row.refuse("email", f"Alamat email '{email}' tidak sah.", f"Invalid e-mail '{email}'.")
    phone = row.values.get("phone", "")
    if phone and not _PHONE.match(phone):
        row.refuse("phone", f"Nomor HP '{phone}' tidak sah.", f"Invalid phone number '{phone}'.")


def _check_personal(row: ParsedEmployee) -> None:
    raw = row.values.get("jenis_kelamin", "")
    if raw and row.employee_type is EmployeeType.NON_ASN:
        row.gender = _GENDER.get(_key(raw))
        if row.gender is None:
            row.refuse(
                "jenis_kelamin",
                f"Jenis kelamin '{raw}' tidak dikenal; tulis L atau P.",
                f"Unknown sex '{raw}'; write L or P.",
            )
    born = row.values.get("tanggal_lahir")
    if row.employee_type is EmployeeType.NON_ASN and born and not row.has_issue("tanggal_lahir"):
        row.birth_date = date.fromisoformat(row.values["tanggal_lahir"])


def parse_employee_row(
    line: int, cells: dict[str, CellValue], *, min_age: int = 18, today: date | None = None
) -> ParsedEmployee:
    """Read one row (field -> raw cell, only the columns the file has) and check it alone."""
    row = ParsedEmployee(line)
    _read_cells(row, cells)
    if not row.values.get("nama") and not row.has_issue("nama"):
        row.refuse("nama", "Nama wajib diisi.", "The name is required.")
    row.employee_type = _employee_type(row)
    row.values["jenis"] = {
        EmployeeType.PNS: "PNS",
        EmployeeType.PPPK: "PPPK",
        EmployeeType.NON_ASN: "Non-ASN",
    }[row.employee_type]
    _check_nip(row, min_age, today)
    _check_golongan(row)
    _check_contacts(row)
    _check_personal(row)
    return row
