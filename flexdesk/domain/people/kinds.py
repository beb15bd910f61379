"""The kinds of staff (PNS, PPPK, non-ASN) and the sex as personnel data records it."""

from __future__ import annotations

from enum import StrEnum


class EmployeeType(StrEnum):
    """Kind of staff member: PNS, PPPK (both ASN, UU 20/2023) or non-ASN (honorer, contract)."""

    PNS = "pns"
    PPPK = "pppk"
    NON_ASN = "non_asn"


class Gender(StrEnum):
    """Sex as recorded in personnel data; values are the L/P letters used on Indonesian forms."""

    MALE = "L"
    FEMALE = "P"
