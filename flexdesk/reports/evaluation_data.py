"""Input of the printed evaluation form: plain dataclasses, no database objects.

The service layer fills :class:`EvaluationFormData` from an evaluation and hands it to
:mod:`flexdesk.reports.evaluation_form`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from flexdesk.domain.people import EmployeeType, format_nip
from flexdesk.domain.performance import CORE_VALUES, Predikat, Rating, predikat_kinerja
from flexdesk.reports.layout import Letterhead, PaperName

DEFAULT_TITLE: Final = "EVALUASI KINERJA PEGAWAI"


@dataclass(frozen=True, slots=True)
class Person:
    """One identity block: name as printed (with gelar), NIP, pangkat, jabatan, unit kerja.

    ``nip`` may be raw digits or already grouped; it is printed grouped. Non-ASN staff have no
    NIP or pangkat: leave them empty and they stay blank on the form.
    """

    nama: str
    nip: str = ""
    pangkat_golongan: str = ""
    jabatan: str = ""
    unit_kerja: str = ""
    employee_type: EmployeeType = EmployeeType.PNS

    @property
    def nip_label(self) -> str:
        return "NI PPPK" if self.employee_type is EmployeeType.PPPK else "NIP"

    @property
    def nip_display(self) -> str:
        if self.employee_type is EmployeeType.NON_ASN or not self.nip.strip():
            return ""
        return format_nip(self.nip.strip(), self.employee_type)


@dataclass(frozen=True, slots=True)
class Indikator:
    """One indikator kinerja individu of an RHK, with its aspect, target and realisation."""

    indikator: str
    target: str = ""
    aspek: str = ""  # Kuantitas / Kualitas / Waktu / Biaya
    realisasi: str = ""


@dataclass(frozen=True, slots=True)
class RhkRow:
    """One Rencana Hasil Kerja: the supervisor's RHK it intervenes, its indicators, feedback."""

    rhk: str
    indikator: Sequence[Indikator] = ()
    rhk_atasan: str = ""
    umpan_balik: str = ""


@dataclass(frozen=True, slots=True)
class PerilakuRow:
    """One BerAKHLAK core value on the form, with its indicators and the supervisor's words."""

    name: str
    indicators: Sequence[str] = ()
    ekspektasi_khusus: str = ""
    umpan_balik: str = ""


def default_perilaku_rows() -> tuple[PerilakuRow, ...]:
    """The seven BerAKHLAK values with the seed indicator text and no feedback yet."""
    return tuple(PerilakuRow(cv.name, cv.indicators) for cv in CORE_VALUES)


@dataclass(frozen=True, slots=True)
class EvaluationFormData:
    """Everything printed on one evaluation form. Plain data; no database objects."""

    letterhead: Letterhead
    periode: str  # e.g. "1 Oktober – 31 Oktober 2026" (see flexdesk.domain.dates)
    pegawai: Person
    pejabat_penilai: Person
    hasil_kerja_utama: Sequence[RhkRow] = ()
    hasil_kerja_tambahan: Sequence[RhkRow] = ()
    perilaku: Sequence[PerilakuRow] = field(default_factory=default_perilaku_rows)
    rating_hasil_kerja: Rating | None = None
    rating_perilaku: Rating | None = None
    #: None: computed from the two ratings by the PermenPANRB 6/2022 matrix when both are set
    predikat: Predikat | None = None
    atasan_pejabat_penilai: Person | None = None
    capaian_kinerja_organisasi: str = ""
    catatan: str = ""
    place: str = ""
    sign_date: date | None = None
    title: str = DEFAULT_TITLE
    paper: PaperName = "A4"

    @property
    def effective_predikat(self) -> Predikat | None:
        if self.predikat is not None:
            return self.predikat
        if self.rating_hasil_kerja is None or self.rating_perilaku is None:
            return None
        return predikat_kinerja(self.rating_hasil_kerja, self.rating_perilaku)

    @property
    def footer_text(self) -> str:
        return f"{self.title.title()} · {self.pegawai.nama} · {self.periode}"
