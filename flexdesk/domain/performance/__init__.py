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
as settings. Modules: :mod:`.ratings`, :mod:`.core_values`, :mod:`.periods`,
:mod:`.distribution`; everything is importable from here.
"""

from __future__ import annotations

from flexdesk.domain.performance.core_values import CORE_VALUES, CoreValue
from flexdesk.domain.performance.distribution import (
    DEFAULT_BOUNDS,
    DistributionBound,
    DistributionWarning,
    OrganisationResult,
    bounds_from_data,
    bounds_to_data,
    check_distribution,
    count_predikat,
)
from flexdesk.domain.performance.periods import (
    PeriodType,
    period_index,
    period_label,
    period_range,
)
from flexdesk.domain.performance.ratings import (
    PREDIKAT_MATRIX,
    Predikat,
    Rating,
    predikat_kinerja,
)

__all__ = [
    "CORE_VALUES",
    "DEFAULT_BOUNDS",
    "PREDIKAT_MATRIX",
    "CoreValue",
    "DistributionBound",
    "DistributionWarning",
    "OrganisationResult",
    "PeriodType",
    "Predikat",
    "Rating",
    "bounds_from_data",
    "bounds_to_data",
    "check_distribution",
    "count_predikat",
    "period_index",
    "period_label",
    "period_range",
    "predikat_kinerja",
]
