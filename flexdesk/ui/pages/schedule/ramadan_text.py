"""The policy form's "Periode Ramadan" field: one period per line, "YYYY-MM-DD – YYYY-MM-DD".

Its messages are translated in the policy tab's context ("PolicyTab"), where they always lived.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication

from flexdesk.errors import ValidationError

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

Period = tuple[date, date]


def format_periods(periods: Iterable[Period]) -> str:
    return "\n".join(f"{a.isoformat()} – {b.isoformat()}" for a, b in periods)


def parse_periods(text: str) -> tuple[Period, ...]:
    """The periods of the field's text; ValidationError (field ``ramadan_periods``) for a
    line that is not two valid dates."""
    periods = []
    for line in text.splitlines():
        found = _DATE.findall(line)
        if not line.strip():
            continue
        if len(found) != 2:
            raise ValidationError(
                QCoreApplication.translate(
                    "PolicyTab",
                    "Periode Ramadan: tulis dua tanggal per baris (YYYY-MM-DD – YYYY-MM-DD).",
                ),
                field="ramadan_periods",
            )
        try:
            a, b = (date(int(y), int(m), int(d)) for y, m, d in found)
        except ValueError:
            raise ValidationError(
                QCoreApplication.translate("PolicyTab", "Periode Ramadan: tanggal tidak valid."),
                field="ramadan_periods",
            ) from None
        periods.append((a, b))
    return tuple(periods)
