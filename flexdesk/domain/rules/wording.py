"""How the rules write dates, numbers and work modes in their messages.

The dates come from :mod:`flexdesk.domain.dates`; they are cached here because an empty month
of 500 people yields 2,500 hours warnings built from the same few dates.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from flexdesk.domain.dates import (
    Lang,
    format_hari_tanggal,
    format_hari_tanggal_singkat,
    format_rentang,
)
from flexdesk.domain.schedule import DAY_CODE_INFO, DayCode

_MODES: dict[Lang, dict[DayCode, str]] = {
    "id": {DayCode.WFO: "WFO (kantor)", DayCode.WFH: "WFH (rumah)", DayCode.WFA: "WFA"},
    "en": {DayCode.WFO: "WFO (office)", DayCode.WFH: "WFH (home)", DayCode.WFA: "WFA"},
}


@lru_cache(maxsize=4096)
def long_day(d: date, lang: Lang) -> str:
    """'Senin, 3 November 2026'."""
    return format_hari_tanggal(d, lang)


@lru_cache(maxsize=4096)
def short_day(d: date, lang: Lang) -> str:
    """'Jumat 7 November'."""
    return format_hari_tanggal_singkat(d, lang)


@lru_cache(maxsize=4096)
def span(start: date, end: date, lang: Lang) -> str:
    """'3–9 November 2026', '27 Oktober – 2 November 2026', '29 Desember 2025 – 4 Januari 2026'."""
    return format_rentang(start, end, lang)


@lru_cache(maxsize=4096)
def number(x: float, lang: Lang) -> str:
    """37.5 -> '37,5' (Indonesian) or '37.5'; 30.0 -> '30'."""
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


def mode_name(code: DayCode, lang: Lang) -> str:
    """'WFH (rumah)' / 'WFH (home)'; other codes by their lower-case label."""
    known = _MODES[lang].get(code)
    if known:
        return known
    info = DAY_CODE_INFO[code]
    return (info.label_id if lang == "id" else info.label_en).lower()
