"""People data rules: NIP / NI PPPK numbers, pangkat/golongan tables, names with academic titles.

Pure Python (no Qt, no database, no I/O) so the same rules check a form field, a CSV import
and a bundle arriving at the central receiver.

Sources:

- NIP PNS (18 digits): Peraturan Kepala BKN 22/2007 on the Nomor Identitas PNS and Perka BKN
  43/2007 on requesting, issuing and using it (BKN).
- NI PPPK (18 digits): issued by BKN under PP 49/2018 on PPPK management; layout as BKN
  describes it publicly (birth date, year of first appointment, number of work agreements, sex,
  serial).
- Pangkat/golongan PNS: PP 99/2000 on PNS promotion (as amended by PP 12/2002), Lampiran I.
- Golongan PPPK I–XVII: Perpres 98/2020 on PPPK salary and allowances, Lampiran.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from flexdesk.errors import ValidationError

__all__ = [
    "NIP_LENGTH",
    "PNS_GOLONGAN",
    "PPPK_GOLONGAN",
    "EmployeeType",
    "Gender",
    "Golongan",
    "NipInfo",
    "find_golongan",
    "format_nip",
    "full_name",
    "golongan_for",
    "make_nip",
    "nip_validation_error",
    "normalize_nip",
    "pangkat_label",
    "parse_nip",
]


class EmployeeType(StrEnum):
    """Kind of staff member: PNS, PPPK (both ASN, UU 20/2023) or non-ASN (honorer, contract)."""

    PNS = "pns"
    PPPK = "pppk"
    NON_ASN = "non_asn"


class Gender(StrEnum):
    """Sex as recorded in personnel data; values are the L/P letters used on Indonesian forms."""

    MALE = "L"
    FEMALE = "P"


#: NIP PNS and NI PPPK are both 18 digits (Perka BKN 22/2007; BKN for NI PPPK).
NIP_LENGTH = 18

# Digit 15 of both numbers: 1 = male, 2 = female (Perka BKN 22/2007; BKN for NI PPPK).
_GENDER_DIGITS: dict[str, Gender] = {"1": Gender.MALE, "2": Gender.FEMALE}
_DIGIT_FOR_GENDER: dict[Gender, str] = {g: d for d, g in _GENDER_DIGITS.items()}

# A birth date further back than this is a typing error, not an employee.
_MAX_AGE_YEARS = 100

# What people paste into a NIP field: spaces (incl. non-breaking ones from PDFs and Excel),
# dots and dashes of any kind used as group separators.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]+")
_ASCII_DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class NipInfo:
    """What an 18-digit NIP (PNS) or NI PPPK says about its holder.

    ``appointment`` is the first day of the TMT CPNS month for PNS, and 1 January of the year
    of first appointment for PPPK (the NI PPPK carries only the year).
    """

    nip: str
    birth_date: date
    appointment: date
    gender: Gender
    serial: int


def normalize_nip(raw: str) -> str:
    """Strip whitespace, dots and dashes from a typed or pasted NIP. Does not validate."""
    return _SEPARATORS.sub("", raw)


def _is_nip_shape(nip: str) -> bool:
    return len(nip) == NIP_LENGTH and set(nip) <= _ASCII_DIGITS


def format_nip(nip: str, employee_type: EmployeeType = EmployeeType.PNS) -> str:
    """Group a NIP for display.

    PNS: ``19850312 201001 1 003`` (birth date, TMT CPNS month, sex, serial; Perka BKN 22/2007).
    PPPK: ``19900913 2021 21 1 014`` (birth date, year, agreement code, sex, serial; BKN).
    Anything that is not 18 digits once separators are removed, or a non-ASN number, is returned
    unchanged so the user still sees what was typed.
    """
    digits = normalize_nip(nip)
    if not _is_nip_shape(digits):
        return nip
    groups: tuple[str, ...]
    if employee_type is EmployeeType.PNS:
        groups = (digits[:8], digits[8:14], digits[14], digits[15:])
    elif employee_type is EmployeeType.PPPK:
        groups = (digits[:8], digits[8:12], digits[12:14], digits[14], digits[15:])
    else:
        return nip
    return " ".join(groups)


def _label(employee_type: EmployeeType) -> str:
    return "NI PPPK" if employee_type is EmployeeType.PPPK else "NIP"


def _fail(message: str, message_en: str) -> ValidationError:
    return ValidationError(message, message_en=message_en, field="nip")


def _whole_years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _describe_months(months: int) -> tuple[str, str]:
    years, rest = divmod(months, 12)
    return f"{years} tahun {rest} bulan", f"{years} years {rest} months"


def parse_nip(
    raw: str,
    employee_type: EmployeeType = EmployeeType.PNS,
    *,
    min_age_at_appointment: int = 18,
    today: date | None = None,
) -> NipInfo:
    """Read and check an 18-digit NIP (PNS) or NI PPPK; raise ``ValidationError`` if wrong.

    NIP PNS (Perka BKN 22/2007): digits 1–8 birth date YYYYMMDD, 9–14 month of appointment as
    CPNS YYYYMM (TMT CPNS is always the 1st of the month), 15 sex (1 male, 2 female), 16–18
    serial from 001.

    NI PPPK (BKN, under PP 49/2018): digits 1–8 birth date, 9–12 year of first appointment,
    13–14 number of work agreements (issued numbers show codes such as 21 or 24, so these two
    digits are not checked further), 15 sex, 16–18 serial. Digits 9–14 are never read as a TMT
    CPNS month.

    The age check counts whole months between the birth month and the appointment month
    (for PPPK, December of the appointment year, since only the year is known), so an employee
    appointed on the 1st of the month of the 18th birthday passes. PP 11/2017 Pasal 23 sets 18
    as the minimum age to apply as CPNS (PP 49/2018 Pasal 16: 20 for PPPK); lower
    ``min_age_at_appointment`` for old records converted from the 9-digit NIP.

    Non-ASN staff have no NIP: asking to parse one for them is itself a validation error.
    """
    if min_age_at_appointment < 0:
        raise ValueError("min_age_at_appointment must not be negative")
    today = today or date.today()
    label = _label(employee_type)

    if employee_type is EmployeeType.NON_ASN:
        raise _fail(
            "Pegawai non-ASN tidak memiliki NIP; kosongkan NIP atau ubah jenis pegawai "
            "menjadi PNS atau PPPK.",
            "Non-ASN staff have no NIP; leave the NIP empty or change the employee type "
            "to PNS or PPPK.",
        )

    nip = normalize_nip(raw)
    if not nip:
        raise _fail(f"{label} belum diisi.", f"The {label} is empty.")
    bad = sorted(set(nip) - _ASCII_DIGITS)
    if bad:
        shown = ", ".join(f"'{c}'" for c in bad)
        raise _fail(
            f"{label} hanya boleh berisi angka; ditemukan {shown}.",
            f"The {label} may contain digits only; found {shown}.",
        )
    if len(nip) != NIP_LENGTH:
        raise _fail(
            f"{label} harus {NIP_LENGTH} digit angka (terisi {len(nip)}).",
            f"The {label} must have {NIP_LENGTH} digits (got {len(nip)}).",
        )

    birth_text = nip[:8]
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:8]))
    except ValueError:
        raise _fail(
            f"Tanggal lahir dalam {label} (digit 1–8) tidak valid: {birth_text}.",
            f"The birth date in the {label} (digits 1–8) is not a real date: {birth_text}.",
        ) from None
    if birth > today:
        raise _fail(
            f"Tanggal lahir dalam {label} (digit 1–8) ada di masa depan: {birth_text}.",
            f"The birth date in the {label} (digits 1–8) is in the future: {birth_text}.",
        )
    if _whole_years(birth, today) > _MAX_AGE_YEARS:
        raise _fail(
            f"Tanggal lahir dalam {label} (digit 1–8) lebih dari {_MAX_AGE_YEARS} tahun yang "
            f"lalu: {birth_text}. Periksa kembali {label}.",
            f"The birth date in the {label} (digits 1–8) is more than {_MAX_AGE_YEARS} years "
            f"ago: {birth_text}. Check the {label}.",
        )

    if employee_type is EmployeeType.PNS:
        appointment, latest_month = _pns_appointment(nip, birth, today)
    else:
        appointment, latest_month = _pppk_appointment(nip, birth, today)

    months = _month_index(latest_month) - _month_index(birth)
    if months < min_age_at_appointment * 12:
        age_id, age_en = (
            _describe_months(months) if months >= 0 else ("sebelum lahir", "before birth")
        )
        what_id, what_en, digits, shown = (
            ("TMT CPNS", "The TMT CPNS", "9–14", nip[8:14])
            if employee_type is EmployeeType.PNS
            else ("Tahun pengangkatan", "The appointment year", "9–12", nip[8:12])
        )
        raise _fail(
            f"{what_id} dalam {label} (digit {digits}: {shown}) kurang dari "
            f"{min_age_at_appointment} tahun setelah tanggal lahir ({birth_text}); usia saat "
            f"diangkat {age_id}. Periksa kembali {label}.",
            f"{what_en} in the {label} (digits {digits}: {shown}) is less than "
            f"{min_age_at_appointment} years after the birth date ({birth_text}); age at "
            f"appointment {age_en}. Check the {label}.",
        )

    gender_digit = nip[14]
    gender = _GENDER_DIGITS.get(gender_digit)
    if gender is None:
        raise _fail(
            f"Digit jenis kelamin {label} (digit ke-15) harus 1 (laki-laki) atau 2 "
            f"(perempuan), bukan {gender_digit}.",
            f"The sex digit of the {label} (digit 15) must be 1 (male) or 2 (female), "
            f"not {gender_digit}.",
        )

    serial = int(nip[15:])
    if serial == 0:
        raise _fail(
            f"Nomor urut {label} (digit 16–18) tidak boleh 000; nomor urut dimulai dari 001.",
            f"The serial number of the {label} (digits 16–18) cannot be 000; serials start at 001.",
        )

    return NipInfo(nip=nip, birth_date=birth, appointment=appointment, gender=gender, serial=serial)


def _pns_appointment(nip: str, birth: date, today: date) -> tuple[date, date]:
    """TMT CPNS month from digits 9–14 (Perka BKN 22/2007); returns (appointment, same)."""
    text = nip[8:14]
    try:
        appointment = date(int(text[:4]), int(text[4:6]), 1)
    except ValueError:
        raise _fail(
            f"Bulan TMT CPNS dalam NIP (digit 9–14) tidak valid: {text}.",
            f"The TMT CPNS month in the NIP (digits 9–14) is not a real month: {text}.",
        ) from None
    if _month_index(appointment) > _month_index(today):
        raise _fail(
            f"TMT CPNS dalam NIP (digit 9–14) ada di masa depan: {text}.",
            f"The TMT CPNS in the NIP (digits 9–14) is in the future: {text}.",
        )
    return appointment, appointment


def _pppk_appointment(nip: str, birth: date, today: date) -> tuple[date, date]:
    """Year of first appointment from digits 9–12 of the NI PPPK (BKN).

    Returns (1 January of that year, 1 December of that year): the latter is the latest the
    appointment could have been, used for the age check since the month is unknown.
    """
    text = nip[8:12]
    year = int(text)
    if year < 1 or year > today.year:
        reason_id, reason_en = (
            ("ada di masa depan", "is in the future")
            if year > today.year
            else ("tidak valid", "is not a real year")
        )
        raise _fail(
            f"Tahun pengangkatan dalam NI PPPK (digit 9–12) {reason_id}: {text}.",
            f"The appointment year in the NI PPPK (digits 9–12) {reason_en}: {text}.",
        )
    return date(year, 1, 1), date(year, 12, 1)


def nip_validation_error(
    raw: str,
    employee_type: EmployeeType,
    *,
    min_age_at_appointment: int = 18,
    today: date | None = None,
) -> str | None:
    """The Indonesian message explaining what is wrong with ``raw``, or None if it is valid.

    The keyword arguments mean the same as in :func:`parse_nip`.
    """
    try:
        parse_nip(raw, employee_type, min_age_at_appointment=min_age_at_appointment, today=today)
    except ValidationError as error:
        return error.message
    return None


def make_nip(
    birth: date,
    appointment: date,
    gender: Gender,
    serial: int,
    employee_type: EmployeeType = EmployeeType.PNS,
    *,
    agreement_code: str = "21",
) -> str:
    """Build an 18-digit NIP (PNS) or NI PPPK with the layout :func:`parse_nip` reads.

    For demo data and tests. PNS uses the year and month of ``appointment`` (TMT CPNS); PPPK
    uses its year and the two-digit ``agreement_code`` (digits 13–14). Checks only the parts
    that cannot be encoded; age and "not in the future" are left to :func:`parse_nip`.
    """
    if not 1 <= serial <= 999:
        raise ValueError(f"serial must be 1..999, got {serial}")
    if employee_type is EmployeeType.PNS:
        middle = f"{appointment.year:04d}{appointment.month:02d}"
    elif employee_type is EmployeeType.PPPK:
        if len(agreement_code) != 2 or not set(agreement_code) <= _ASCII_DIGITS:
            raise ValueError(f"agreement_code must be two digits, got {agreement_code!r}")
        middle = f"{appointment.year:04d}{agreement_code}"
    else:
        raise ValueError("non-ASN staff have no NIP")
    return f"{birth:%Y%m%d}{middle}{_DIGIT_FOR_GENDER[gender]}{serial:03d}"


# --- Pangkat / golongan ---------------------------------------------------------------------


@dataclass(frozen=True)
class Golongan:
    """One golongan ruang: PNS ``III/a`` with its pangkat name, or PPPK ``IX`` (no pangkat).

    ``rank`` orders golongan within one employee type (1 = lowest).
    """

    code: str
    pangkat: str
    employee_type: EmployeeType
    rank: int


_PNS_PANGKAT: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)

#: PNS pangkat and golongan ruang I/a–IV/e, lowest first (PP 99/2000 Lampiran I, as amended by
#: PP 12/2002).
PNS_GOLONGAN: tuple[Golongan, ...] = tuple(
    Golongan(code=code, pangkat=pangkat, employee_type=EmployeeType.PNS, rank=rank)
    for rank, (code, pangkat) in enumerate(_PNS_PANGKAT, start=1)
)

_ROMAN = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip

#: PPPK golongan I–XVII, lowest first; PPPK have no pangkat (Perpres 98/2020 Lampiran).
PPPK_GOLONGAN: tuple[Golongan, ...] = tuple(
    Golongan(code=code, pangkat="", employee_type=EmployeeType.PPPK, rank=rank)
    for rank, code in enumerate(_ROMAN, start=1)
)

_BY_CODE: dict[str, Golongan] = {g.code: g for g in (*PNS_GOLONGAN, *PPPK_GOLONGAN)}
_CODE_SHAPE = re.compile(r"^([IVXivx]+)\s*(?:[/\-]\s*([A-Ea-e]))?$")


def golongan_for(employee_type: EmployeeType) -> tuple[Golongan, ...]:
    """The golongan table for an employee type; non-ASN staff have none (empty tuple)."""
    if employee_type is EmployeeType.PNS:
        return PNS_GOLONGAN
    if employee_type is EmployeeType.PPPK:
        return PPPK_GOLONGAN
    return ()


def find_golongan(code: str) -> Golongan | None:
    """Look up a golongan by code, tolerating case and spaces (``"iii / A"`` → III/a).

    Codes with a letter are PNS (``III/a``), bare roman numerals are PPPK (``IX``).
    """
    match = _CODE_SHAPE.match(code.strip())
    if match is None:
        return None
    roman, letter = match.groups()
    canonical = roman.upper() + (f"/{letter.lower()}" if letter else "")
    return _BY_CODE.get(canonical)


def pangkat_label(code: str) -> str:
    """Text for the Pangkat/Golongan Ruang line of a form.

    ``"Penata Muda, III/a"`` for PNS, ``"Golongan IX"`` for PPPK, ``""`` when empty or unknown
    (the field stays blank, as for non-PNS staff on the printed evaluation form).
    """
    golongan = find_golongan(code)
    if golongan is None:
        return ""
    if golongan.employee_type is EmployeeType.PNS:
        return f"{golongan.pangkat}, {golongan.code}"
    return f"Golongan {golongan.code}"


# --- Names ------------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def full_name(gelar_depan: str, nama: str, gelar_belakang: str) -> str:
    """Join a name with its academic titles for printing.

    ``("Dr.", "Siti Aminah", "S.Kom., M.Si.")`` → ``"Dr. Siti Aminah, S.Kom., M.Si."``: gelar
    depan before the name with a space, gelar belakang after a comma, several back titles
    separated by ", " (the usual way titles are written on Indonesian personnel documents).
    Whitespace is collapsed, stray commas are dropped and empty parts are skipped.
    """
    front = _squash(gelar_depan).strip(" ,")
    name = _squash(nama).strip(" ,")
    back_parts = [_squash(part) for part in gelar_belakang.split(",")]
    back = ", ".join(part for part in back_parts if part)
    head = " ".join(part for part in (front, name) if part)
    if head and back:
        return f"{head}, {back}"
    return head or back
