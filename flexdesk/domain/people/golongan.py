"""Pangkat and golongan ruang: the PNS table I/a–IV/e (PP 99/2000 Lampiran I, as amended by
PP 12/2002) and the PPPK golongan I–XVII (Perpres 98/2020 Lampiran), looked up by code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flexdesk.domain.people.kinds import EmployeeType


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
