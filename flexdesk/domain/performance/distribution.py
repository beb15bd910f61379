"""The kurva distribusi of SE MenPANRB 3/2023: how an organisation's result bounds the spread
of its employees' predikat (:data:`DEFAULT_BOUNDS`), the check that warns when a unit's spread
breaks a bound (:func:`check_distribution`), and the bounds as office-setting data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from flexdesk.domain.dates import Lang
from flexdesk.domain.performance.ratings import Predikat
from flexdesk.errors import ValidationError


class OrganisationResult(StrEnum):
    """Hasil kinerja organisasi, set first; it bounds how employees' predikat may spread."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"

    @property
    def label(self) -> str:
        """The Indonesian name."""
        return _ORG_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name."""
        return _ORG_LABELS[self][1]

    def label_for(self, lang: Lang = "id") -> str:
        """The name in ``lang``."""
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


class _Words(NamedTuple):
    """The parts every sentence about one bound is built from, in both languages."""

    group_id: str  #: the bound's predikat, "Baik dan/atau Butuh Perbaikan"
    group_en: str
    share_id: str  #: "3 dari 10 pegawai (30%)"
    share_en: str
    org_id: str  #: the organisation's result
    org_en: str


def _above_max(bound: DistributionBound, w: _Words) -> tuple[str, str]:
    if bound.max_percent == 0:
        return (
            f"Predikat {w.group_id} semestinya tidak diberikan bila hasil kinerja "
            f"organisasi {w.org_id}, tetapi diberikan kepada {w.share_id}.",
            f"Predikat {w.group_en} should not be given when the organisation's "
            f"result is {w.org_en}, but {w.share_en} have it.",
        )
    return (
        f"Predikat {w.group_id} diberikan kepada {w.share_id}, melebihi batas "
        f"paling banyak {bound.max_percent}% untuk hasil kinerja organisasi "
        f"{w.org_id}.",
        f"{w.share_en} have predikat {w.group_en}, above the maximum "
        f"of {bound.max_percent}% for an organisation result of {w.org_en}.",
    )


def _below_min(bound: DistributionBound, w: _Words) -> tuple[str, str]:
    return (
        f"Predikat {w.group_id} baru diberikan kepada {w.share_id}, kurang dari batas "
        f"paling sedikit {bound.min_percent}% untuk hasil kinerja organisasi "
        f"{w.org_id}.",
        f"Only {w.share_en} have predikat {w.group_en}, below the minimum of "
        f"{bound.min_percent}% for an organisation result of {w.org_en}.",
    )


def _too_few(bound: DistributionBound, count: int, w: _Words) -> tuple[str, str]:
    if count == 0:
        return (
            f"Belum ada pegawai dengan predikat {w.group_id}; kurva distribusi untuk "
            f"hasil kinerja organisasi {w.org_id} mengharapkan paling sedikit "
            f"{bound.min_count} pegawai berpredikat demikian.",
            f"No employee has predikat {w.group_en}; the distribution curve for an "
            f"organisation result of {w.org_en} expects at least {bound.min_count}.",
        )
    return (
        f"Predikat {w.group_id} baru diberikan kepada {w.share_id}; kurva "
        f"distribusi untuk hasil kinerja organisasi {w.org_id} mengharapkan "
        f"paling sedikit {bound.min_count} pegawai.",
        f"Only {w.share_en} have predikat {w.group_en}; the distribution curve "
        f"for an organisation result of {w.org_en} expects at least "
        f"{bound.min_count}.",
    )


def _bound_problems(
    bound: DistributionBound, count: int, total: int, w: _Words
) -> list[tuple[str, str]]:
    """What is wrong with ``count`` of ``total`` against one bound, as (Indonesian, English)."""
    problems: list[tuple[str, str]] = []
    if bound.max_percent is not None and count * 100 > bound.max_percent * total:
        problems.append(_above_max(bound, w))
    if bound.min_percent is not None and count * 100 < bound.min_percent * total:
        problems.append(_below_min(bound, w))
    if count < bound.min_count:
        problems.append(_too_few(bound, count, w))
    return problems


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
    for bound in bounds.get(org_result, ()):
        count = sum(counts.get(p, 0) for p in bound.predikat)
        words = _Words(
            _group_label(bound.predikat, "id"),
            _group_label(bound.predikat, "en"),
            f"{count} dari {total} pegawai ({_percent_text(count, total, 'id')})",
            f"{count} of {total} employees ({_percent_text(count, total, 'en')})",
            org_result.label,
            org_result.label_en,
        )
        warnings.extend(
            DistributionWarning(org_result, bound, count, total, msg_id, msg_en)
            for msg_id, msg_en in _bound_problems(bound, count, total, words)
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
