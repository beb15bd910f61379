"""Performance management rules for ASN (PermenPANRB 6/2022), kept as plain tables.

What lives here:

- the two rating scales (hasil kerja and perilaku kerja) and the predikat kinerja they give
  through the official matrix (:data:`PREDIKAT_MATRIX`, :func:`predikat_kinerja`);
- the BerAKHLAK core values with their behaviour indicators, the seed for the perilaku part of
  the form (:data:`CORE_VALUES`; offices may edit the printed text);
- evaluation periods (monthly, quarterly, semester, annual) and their Indonesian labels;
- the kurva distribusi of SE MenPANRB 3/2023: how an organisation's result bounds the spread
  of its employees' predikat (:data:`DEFAULT_BOUNDS`, :func:`check_distribution`). It warns;
  it never blocks a supervisor's rating.

Nothing here touches the database or Qt; the bounds are plain data so an office can edit them
as settings.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from flexdesk.domain.dates import Lang, format_bulan_tahun
from flexdesk.errors import ValidationError

# --------------------------------------------------------------------------------------------
# Ratings and predikat


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
        return _RATING_LABELS[self][1]

    def label_for(self, lang: Lang = "id") -> str:
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
        return _PREDIKAT_LABELS[self][1]

    def label_for(self, lang: Lang = "id") -> str:
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


# --------------------------------------------------------------------------------------------
# BerAKHLAK core values


class CoreValue(NamedTuple):
    """One BerAKHLAK core value: a stable code, its name and its behaviour indicators."""

    code: str
    name: str
    indicators: tuple[str, ...]


CORE_VALUES: Final[tuple[CoreValue, ...]] = (
    CoreValue(
        "berorientasi_pelayanan",
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    CoreValue(
        "akuntabel",
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, "
            "dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, "
            "dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    CoreValue(
        "kompeten",
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    CoreValue(
        "harmonis",
        "Harmonis",
        (
            "Menghargai setiap orang apa pun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    CoreValue(
        "loyal",
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia "
            "Tahun 1945, setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan "
            "yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    CoreValue(
        "adaptif",
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    CoreValue(
        "kolaboratif",
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ),
    ),
)
"""The seven BerAKHLAK core values of ASN with their behaviour indicators.

Core values from UU 20/2023 on ASN and SE MenPANRB 20/2021 (the BerAKHLAK panduan
perilaku); the perilaku kerja part of the evaluation (PermenPANRB 6/2022) rates them. This is
the seed text: the printed form uses the office's configured wording.
"""


# --------------------------------------------------------------------------------------------
# Evaluation periods


class PeriodType(StrEnum):
    """How often an office evaluates (PermenPANRB 6/2022 leaves it to the instansi)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMESTER = "semester"
    ANNUAL = "annual"

    @property
    def periods_per_year(self) -> int:
        return _PERIODS_PER_YEAR[self]


_PERIODS_PER_YEAR: Final[Mapping[PeriodType, int]] = MappingProxyType(
    {
        PeriodType.MONTHLY: 12,
        PeriodType.QUARTERLY: 4,
        PeriodType.SEMESTER: 2,
        PeriodType.ANNUAL: 1,
    }
)
_ROMAN: Final = ("I", "II", "III", "IV")


def _check_period(period_type: PeriodType, index: int) -> int:
    count = PeriodType(period_type).periods_per_year
    if not 1 <= index <= count:
        raise ValueError(f"{period_type} period index must be 1–{count}, got {index}")
    return count


def period_range(period_type: PeriodType, year: int, index: int = 1) -> tuple[date, date]:
    """First and last day (inclusive) of period ``index`` (1-based) of ``year``.

    Monthly 1–12, quarterly (triwulan) 1–4, semester 1–2, annual 1.
    """
    count = _check_period(period_type, index)
    months = 12 // count
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def period_index(period_type: PeriodType, d: date) -> int:
    """The 1-based index of the period of ``period_type`` that contains ``d``."""
    months = 12 // PeriodType(period_type).periods_per_year
    return (d.month - 1) // months + 1


def period_label(period_type: PeriodType, year: int, index: int = 1, lang: Lang = "id") -> str:
    """Human label: "Januari 2026", "Triwulan I 2026", "Semester II 2026", "Tahunan 2026"."""
    _check_period(period_type, index)
    match PeriodType(period_type):
        case PeriodType.MONTHLY:
            return format_bulan_tahun(year, index, lang)
        case PeriodType.QUARTERLY:
            word = "Triwulan" if lang == "id" else "Quarter"
            return f"{word} {_ROMAN[index - 1]} {year}"
        case PeriodType.SEMESTER:
            return f"Semester {_ROMAN[index - 1]} {year}"
        case PeriodType.ANNUAL:
            return f"{'Tahunan' if lang == 'id' else 'Annual'} {year}"
    raise AssertionError(period_type)  # pragma: no cover - match above is exhaustive


# --------------------------------------------------------------------------------------------
# Kurva distribusi (SE MenPANRB 3/2023)


class OrganisationResult(StrEnum):
    """Hasil kinerja organisasi, set first; it bounds how employees' predikat may spread."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"

    @property
    def label(self) -> str:
        return _ORG_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _ORG_LABELS[self][1]

    def label_for(self, lang: Lang = "id") -> str:
        return self.label if lang == "id" else self.label_en


_ORG_LABELS: Final[Mapping[OrganisationResult, tuple[str, str]]] = MappingProxyType(
    {
        OrganisationResult.ISTIMEWA: ("Istimewa", "Outstanding"),
        OrganisationResult.BAIK: ("Baik", "Good"),
        OrganisationResult.BUTUH_PERBAIKAN: ("Butuh Perbaikan", "Needs Improvement"),
        OrganisationResult.KURANG: ("Kurang", "Poor"),
        OrganisationResult.SANGAT_KURANG: ("Sangat Kurang", "Very Poor"),
    }
)


@dataclass(frozen=True, slots=True)
class DistributionBound:
    """One limit on the share of a unit's rated employees whose predikat is in ``predikat``.

    Shares are whole percentages (0–100) so the check is exact arithmetic: 10% of 30 employees
    is 3, not 3.0000000000000004. ``min_count`` expresses the regulation's "some" (at least
    that many employees, whatever the share).
    """

    predikat: frozenset[Predikat]
    max_percent: int | None = None
    min_percent: int | None = None
    min_count: int = 0

    def __post_init__(self) -> None:
        if not self.predikat:
            raise ValueError("a distribution bound needs at least one predikat")
        for value in (self.max_percent, self.min_percent):
            if value is not None and not 0 <= value <= 100:
                raise ValueError(f"percent must be 0–100, got {value}")
        if (
            self.max_percent is not None
            and self.min_percent is not None
            and self.min_percent > self.max_percent
        ):
            raise ValueError("min_percent is above max_percent")
        if self.min_count < 0:
            raise ValueError("min_count must not be negative")


def _bound(
    *predikat: Predikat,
    max_percent: int | None = None,
    min_percent: int | None = None,
    min_count: int = 0,
) -> DistributionBound:
    return DistributionBound(frozenset(predikat), max_percent, min_percent, min_count)


DEFAULT_BOUNDS: Final[Mapping[OrganisationResult, tuple[DistributionBound, ...]]] = (
    MappingProxyType(
        {
            OrganisationResult.ISTIMEWA: (_bound(Predikat.SANGAT_BAIK, max_percent=70),),
            OrganisationResult.BAIK: (
                _bound(Predikat.BAIK, max_percent=70),
                _bound(Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, min_count=1),
            ),
            OrganisationResult.BUTUH_PERBAIKAN: (
                _bound(Predikat.BUTUH_PERBAIKAN, min_percent=60),
                _bound(Predikat.SANGAT_BAIK, max_percent=10),
            ),
            OrganisationResult.KURANG: (
                _bound(Predikat.KURANG, min_percent=60),
                _bound(Predikat.BUTUH_PERBAIKAN, min_percent=10),
                _bound(Predikat.SANGAT_BAIK, max_percent=10),
            ),
            OrganisationResult.SANGAT_KURANG: (
                _bound(Predikat.SANGAT_KURANG, min_percent=60),
                _bound(Predikat.KURANG, Predikat.BUTUH_PERBAIKAN, min_percent=10),
                _bound(Predikat.SANGAT_BAIK, max_percent=0),
            ),
        }
    )
)
"""Kurva distribusi predikat kinerja pegawai by hasil kinerja organisasi.

SE MenPANRB 3/2023, as publicly reported (check the official text before calling a figure
final): Istimewa — at most 70% Sangat Baik; Baik — at most 70% Baik and some Butuh Perbaikan
and/or Kurang; Butuh Perbaikan — at least 60% Butuh Perbaikan, at most 10% Sangat Baik;
Kurang — at least 60% Kurang/Misconduct, at least 10% Butuh Perbaikan, at most 10% Sangat
Baik; Sangat Kurang — at least 60% Sangat Kurang, at least 10% Kurang and/or Butuh Perbaikan,
no Sangat Baik. This is the seed of an office setting (see :func:`bounds_to_data`).
"""


@dataclass(frozen=True, slots=True)
class DistributionWarning:
    """A unit's predikat spread breaks one bound of the kurva distribusi (warning only)."""

    org_result: OrganisationResult
    bound: DistributionBound
    count: int
    total: int
    message: str
    message_en: str


def count_predikat(values: Iterable[Predikat | None]) -> dict[Predikat, int]:
    """Count predikat, skipping employees not rated yet (``None``)."""
    counts = Counter(Predikat(v) for v in values if v is not None)
    return {p: counts.get(p, 0) for p in Predikat}


def _group_label(predikat: frozenset[Predikat], lang: Lang) -> str:
    ordered = [p for p in Predikat if p in predikat]  # fixed order, best first
    joiner = " dan/atau " if lang == "id" else " and/or "
    return joiner.join(p.label_for(lang) for p in ordered)


def _percent_text(count: int, total: int, lang: Lang) -> str:
    value = round(100 * count / total, 1)
    text = f"{value:.1f}".removesuffix(".0")
    return (text.replace(".", ",") if lang == "id" else text) + "%"


def check_distribution(
    org_result: OrganisationResult,
    counts: Mapping[Predikat, int],
    bounds: Mapping[OrganisationResult, Sequence[DistributionBound]] = DEFAULT_BOUNDS,
) -> list[DistributionWarning]:
    """Compare a unit's predikat counts with the kurva distribusi for ``org_result``.

    SE MenPANRB 3/2023 (kurva distribusi). Returns one warning per broken bound, with a
    sentence a supervisor understands; an empty list when the spread fits or nobody is rated
    yet. It never blocks: the supervisor decides and the instansi answers for the spread.
    """
    org_result = OrganisationResult(org_result)
    for p, n in counts.items():
        if n < 0:
            raise ValueError(f"negative count for {p}: {n}")
    total = sum(counts.values())
    if total == 0:
        return []
    warnings: list[DistributionWarning] = []
    org_id, org_en = org_result.label, org_result.label_en
    for bound in bounds.get(org_result, ()):
        count = sum(counts.get(p, 0) for p in bound.predikat)
        group_id, group_en = _group_label(bound.predikat, "id"), _group_label(bound.predikat, "en")
        share_id = f"{count} dari {total} pegawai ({_percent_text(count, total, 'id')})"
        share_en = f"{count} of {total} employees ({_percent_text(count, total, 'en')})"
        problems: list[tuple[str, str]] = []
        if bound.max_percent is not None and count * 100 > bound.max_percent * total:
            if bound.max_percent == 0:
                problems.append(
                    (
                        f"Predikat {group_id} semestinya tidak diberikan bila hasil kinerja "
                        f"organisasi {org_id}, tetapi diberikan kepada {share_id}.",
                        f"Predikat {group_en} should not be given when the organisation's "
                        f"result is {org_en}, but {share_en} have it.",
                    )
                )
            else:
                problems.append(
                    (
                        f"Predikat {group_id} diberikan kepada {share_id}, melebihi batas "
                        f"paling banyak {bound.max_percent}% untuk hasil kinerja organisasi "
                        f"{org_id}.",
                        f"{share_en} have predikat {group_en}, above the maximum "
                        f"of {bound.max_percent}% for an organisation result of {org_en}.",
                    )
                )
        if bound.min_percent is not None and count * 100 < bound.min_percent * total:
            problems.append(
                (
                    f"Predikat {group_id} baru diberikan kepada {share_id}, kurang dari batas "
                    f"paling sedikit {bound.min_percent}% untuk hasil kinerja organisasi "
                    f"{org_id}.",
                    f"Only {share_en} have predikat {group_en}, below the minimum of "
                    f"{bound.min_percent}% for an organisation result of {org_en}.",
                )
            )
        if count < bound.min_count:
            if count == 0:
                problems.append(
                    (
                        f"Belum ada pegawai dengan predikat {group_id}; kurva distribusi untuk "
                        f"hasil kinerja organisasi {org_id} mengharapkan paling sedikit "
                        f"{bound.min_count} pegawai berpredikat demikian.",
                        f"No employee has predikat {group_en}; the distribution curve for an "
                        f"organisation result of {org_en} expects at least {bound.min_count}.",
                    )
                )
            else:
                problems.append(
                    (
                        f"Predikat {group_id} baru diberikan kepada {share_id}; kurva "
                        f"distribusi untuk hasil kinerja organisasi {org_id} mengharapkan "
                        f"paling sedikit {bound.min_count} pegawai.",
                        f"Only {share_en} have predikat {group_en}; the distribution curve "
                        f"for an organisation result of {org_en} expects at least "
                        f"{bound.min_count}.",
                    )
                )
        warnings.extend(
            DistributionWarning(org_result, bound, count, total, msg_id, msg_en)
            for msg_id, msg_en in problems
        )
    return warnings


def bounds_to_data(
    bounds: Mapping[OrganisationResult, Sequence[DistributionBound]] = DEFAULT_BOUNDS,
) -> dict[str, list[dict[str, Any]]]:
    """JSON-ready form of the bounds, for storing them as an office setting."""
    return {
        str(org): [
            {
                "predikat": [str(p) for p in Predikat if p in b.predikat],
                "max_percent": b.max_percent,
                "min_percent": b.min_percent,
                "min_count": b.min_count,
            }
            for b in org_bounds
        ]
        for org, org_bounds in bounds.items()
    }


def bounds_from_data(
    data: Mapping[str, Any],
) -> dict[OrganisationResult, tuple[DistributionBound, ...]]:
    """Read bounds back from :func:`bounds_to_data` output; bad data raises ValidationError."""
    result: dict[OrganisationResult, tuple[DistributionBound, ...]] = {}
    try:
        for org_key, items in data.items():
            org = OrganisationResult(org_key)
            parsed: list[DistributionBound] = []
            for item in items:
                max_p, min_p = item.get("max_percent"), item.get("min_percent")
                parsed.append(
                    DistributionBound(
                        frozenset(Predikat(p) for p in item["predikat"]),
                        None if max_p is None else int(max_p),
                        None if min_p is None else int(min_p),
                        int(item.get("min_count", 0)),
                    )
                )
            result[org] = tuple(parsed)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(
            f"Pengaturan kurva distribusi tidak valid: {exc}",
            message_en=f"Invalid distribution curve setting: {exc}",
            field="kurva_distribusi",
        ) from exc
    return result
