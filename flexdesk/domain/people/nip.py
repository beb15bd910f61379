"""NIP PNS and NI PPPK, the 18-digit numbers BKN issues: normalize and group a typed number,
read and check what it says about its holder (:func:`parse_nip`), and build one for demo data.

Sources: Peraturan Kepala BKN 22/2007 on the Nomor Identitas PNS and Perka BKN 43/2007 (NIP
PNS); BKN under PP 49/2018 on PPPK management (NI PPPK).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flexdesk.domain.people.kinds import EmployeeType, Gender
from flexdesk.errors import ValidationError

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


def _eighteen_digits(raw: str, label: str) -> str:
    """The number without separators; empty, non-digit or not 18 digits long raises."""
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
    return nip


def _birth_date(nip: str, label: str, today: date) -> date:
    """The birth date of digits 1–8: a real date, not in the future, not implausibly old."""
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
    return birth


def _check_age_at_appointment(
    nip: str, employee_type: EmployeeType, birth: date, latest_month: date, min_age: int
) -> None:
    """The appointment (its latest possible month) comes ``min_age`` years after birth."""
    months = _month_index(latest_month) - _month_index(birth)
    if months >= min_age * 12:
        return
    label = _label(employee_type)
    age_id, age_en = _describe_months(months) if months >= 0 else ("sebelum lahir", "before birth")
    what_id, what_en, digits, shown = (
        ("TMT CPNS", "The TMT CPNS", "9–14", nip[8:14])
        if employee_type is EmployeeType.PNS
        else ("Tahun pengangkatan", "The appointment year", "9–12", nip[8:12])
    )
    raise _fail(
        f"{what_id} dalam {label} (digit {digits}: {shown}) kurang dari "
        f"{min_age} tahun setelah tanggal lahir ({nip[:8]}); usia saat "
        f"diangkat {age_id}. Periksa kembali {label}.",
        f"{what_en} in the {label} (digits {digits}: {shown}) is less than "
        f"{min_age} years after the birth date ({nip[:8]}); age at "
        f"appointment {age_en}. Check the {label}.",
    )


def _gender(nip: str, label: str) -> Gender:
    """Digit 15: 1 male, 2 female."""
    gender_digit = nip[14]
    gender = _GENDER_DIGITS.get(gender_digit)
    if gender is None:
        raise _fail(
            f"Digit jenis kelamin {label} (digit ke-15) harus 1 (laki-laki) atau 2 "
            f"(perempuan), bukan {gender_digit}.",
            f"The sex digit of the {label} (digit 15) must be 1 (male) or 2 (female), "
            f"not {gender_digit}.",
        )
    return gender


def _serial(nip: str, label: str) -> int:
    """Digits 16–18, from 001."""
    serial = int(nip[15:])
    if serial == 0:
        raise _fail(
            f"Nomor urut {label} (digit 16–18) tidak boleh 000; nomor urut dimulai dari 001.",
            f"The serial number of the {label} (digits 16–18) cannot be 000; serials start at 001.",
        )
    return serial


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
    nip = _eighteen_digits(raw, label)
    birth = _birth_date(nip, label, today)
    if employee_type is EmployeeType.PNS:
        appointment, latest_month = _pns_appointment(nip, birth, today)
    else:
        appointment, latest_month = _pppk_appointment(nip, birth, today)
    _check_age_at_appointment(nip, employee_type, birth, latest_month, min_age_at_appointment)
    gender = _gender(nip, label)
    serial = _serial(nip, label)
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
