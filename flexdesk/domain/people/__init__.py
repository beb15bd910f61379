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

Modules: :mod:`.kinds` (employee type, sex), :mod:`.nip` (NIP PNS and NI PPPK),
:mod:`.golongan` (pangkat/golongan tables), :mod:`.names` (names with titles); everything is
importable from here.
"""

from __future__ import annotations

from flexdesk.domain.people.golongan import (
    PNS_GOLONGAN,
    PPPK_GOLONGAN,
    Golongan,
    find_golongan,
    golongan_for,
    pangkat_label,
)
from flexdesk.domain.people.kinds import EmployeeType, Gender
from flexdesk.domain.people.names import full_name
from flexdesk.domain.people.nip import (
    NIP_LENGTH,
    NipInfo,
    format_nip,
    make_nip,
    nip_validation_error,
    normalize_nip,
    parse_nip,
)

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
