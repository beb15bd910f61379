"""The two rating scales of an evaluation (hasil kerja, perilaku kerja) and the predikat kinerja
they give through the official matrix (PermenPANRB 6/2022)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from flexdesk.domain.dates import Lang


class Rating(StrEnum):
    """A supervisor's rating of hasil kerja or of perilaku kerja (PermenPANRB 6/2022)."""

    DI_ATAS = "di_atas"
    SESUAI = "sesuai"
    DI_BAWAH = "di_bawah"

    @property
    def label(self) -> str:
        """Indonesian label as printed on the form ("Di Atas Ekspektasi")."""
        return _RATING_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English wording."""
        return _RATING_LABELS[self][1]

    def label_for(self, lang: Lang = "id") -> str:
        """The wording in ``lang``."""
        return self.label if lang == "id" else self.label_en


_RATING_LABELS: Final[Mapping[Rating, tuple[str, str]]] = MappingProxyType(
    {
        Rating.DI_ATAS: ("Di Atas Ekspektasi", "Above Expectations"),
        Rating.SESUAI: ("Sesuai Ekspektasi", "Meets Expectations"),
        Rating.DI_BAWAH: ("Di Bawah Ekspektasi", "Below Expectations"),
    }
)


class Predikat(StrEnum):
    """Predikat kinerja pegawai, the outcome of an evaluation (PermenPANRB 6/2022)."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"

    @property
    def label(self) -> str:
        """Indonesian label as printed on the form ("Kurang/Misconduct")."""
        return _PREDIKAT_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English wording."""
        return _PREDIKAT_LABELS[self][1]

    def label_for(self, lang: Lang = "id") -> str:
        """The wording in ``lang``."""
        return self.label if lang == "id" else self.label_en


_PREDIKAT_LABELS: Final[Mapping[Predikat, tuple[str, str]]] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: ("Sangat Baik", "Very Good"),
        Predikat.BAIK: ("Baik", "Good"),
        Predikat.BUTUH_PERBAIKAN: ("Butuh Perbaikan", "Needs Improvement"),
        Predikat.KURANG: ("Kurang/Misconduct", "Poor/Misconduct"),
        Predikat.SANGAT_KURANG: ("Sangat Kurang", "Very Poor"),
    }
)

_A, _S, _B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

PREDIKAT_MATRIX: Final[Mapping[tuple[Rating, Rating], Predikat]] = MappingProxyType(
    {
        # (perilaku,  hasil kerja): predikat
        (_A, _B): Predikat.BUTUH_PERBAIKAN,
        (_A, _S): Predikat.BAIK,
        (_A, _A): Predikat.SANGAT_BAIK,
        (_S, _B): Predikat.BUTUH_PERBAIKAN,
        (_S, _S): Predikat.BAIK,
        (_S, _A): Predikat.BAIK,
        (_B, _B): Predikat.SANGAT_KURANG,
        (_B, _S): Predikat.KURANG,
        (_B, _A): Predikat.KURANG,
    }
)
"""Predikat kinerja from the two ratings: PermenPANRB 6/2022 on ASN performance management.

Keyed ``(rating perilaku kerja, rating hasil kerja)``, laid out like the regulation's table
(rows perilaku, columns hasil kerja Di Bawah / Sesuai / Di Atas). Behaviour weighs more than
output: good output with poor behaviour is Kurang/Misconduct, never Baik. Independent public
implementations agree with this table; the official annex is the final word.
"""

del _A, _S, _B


def predikat_kinerja(hasil_kerja: Rating, perilaku: Rating) -> Predikat:
    """Predikat kinerja for a rating of hasil kerja and a rating of perilaku kerja.

    PermenPANRB 6/2022, rating matrix (:data:`PREDIKAT_MATRIX`).
    """
    return PREDIKAT_MATRIX[(Rating(perilaku), Rating(hasil_kerja))]
