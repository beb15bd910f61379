"""Dates written the way Indonesian offices write them on paper.

Official letters and forms (Tata Naskah Dinas) spell the month out in Indonesian and never
abbreviate it: "28 November 2026", "Senin, 3 November 2026", "Kuningan, 28 November 2026".
Python's ``strftime`` depends on the machine's locale (which on a Windows office PC is rarely
``id_ID``), so the names live here as plain tables instead.

Every function takes ``lang`` ("id", the default, or "en") so the English UI can show the same
shapes with English names.
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

Lang = Literal["id", "en"]

MONTHS_ID: Final[tuple[str, ...]] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN: Final[tuple[str, ...]] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Indexed by ``date.weekday()``: 0 is Monday, as in Python.
DAYS_ID: Final[tuple[str, ...]] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
DAYS_EN: Final[tuple[str, ...]] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
#: Two-letter day abbreviations for narrow grid columns (Senin and Selasa both start with S).
DAYS_SHORT_ID: Final[tuple[str, ...]] = ("Sn", "Sl", "Rb", "Km", "Jm", "Sb", "Mg")
DAYS_SHORT_EN: Final[tuple[str, ...]] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

#: En dash with spaces, the separator of a date range on Indonesian forms.
RANGE_SEPARATOR: Final = " – "


def _check_lang(lang: str) -> None:
    if lang not in ("id", "en"):
        raise ValueError(f"unsupported language {lang!r}; use 'id' or 'en'")


def month_name(month: int, lang: Lang = "id") -> str:
    """Full month name for ``month`` 1–12 ("Januari" … "Desember")."""
    _check_lang(lang)
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, got {month}")
    return (MONTHS_ID if lang == "id" else MONTHS_EN)[month - 1]


def day_name(weekday: int, lang: Lang = "id") -> str:
    """Full day name for ``weekday`` 0–6 (0 = Monday, like ``date.weekday()``)."""
    _check_lang(lang)
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0–6 (Monday = 0), got {weekday}")
    return (DAYS_ID if lang == "id" else DAYS_EN)[weekday]


def day_abbr(weekday: int, lang: Lang = "id") -> str:
    """Two-letter day name for narrow columns ("Sn", "Sl", "Rb", …)."""
    _check_lang(lang)
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0–6 (Monday = 0), got {weekday}")
    return (DAYS_SHORT_ID if lang == "id" else DAYS_SHORT_EN)[weekday]


def format_bulan_tahun(year: int, month: int, lang: Lang = "id") -> str:
    """Month and year: "November 2026"."""
    return f"{month_name(month, lang)} {year}"


def format_tanggal(d: date, lang: Lang = "id") -> str:
    """Day, month name, year: "28 November 2026" (no leading zero, month never abbreviated)."""
    return f"{d.day} {month_name(d.month, lang)} {d.year}"


def format_hari_tanggal(d: date, lang: Lang = "id") -> str:
    """Day name and date: "Senin, 3 November 2026"."""
    return f"{day_name(d.weekday(), lang)}, {format_tanggal(d, lang)}"


def format_hari_tanggal_singkat(d: date, lang: Lang = "id") -> str:
    """Day name and date without comma or year, for dates listed inside a sentence:
    "Jumat 7 November"."""
    return f"{day_name(d.weekday(), lang)} {d.day} {month_name(d.month, lang)}"


def format_periode(start: date, end: date, lang: Lang = "id") -> str:
    """A date range as printed on evaluation forms.

    The year is written once when both ends share it ("1 Oktober – 31 Oktober 2026"), and on
    both sides otherwise ("16 Desember 2026 – 15 Januari 2027"). A one-day range is just the
    date.
    """
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    if start == end:
        return format_tanggal(start, lang)
    if start.year == end.year:
        head = f"{start.day} {month_name(start.month, lang)}"
    else:
        head = format_tanggal(start, lang)
    return f"{head}{RANGE_SEPARATOR}{format_tanggal(end, lang)}"


def format_place_date(city: str, d: date, lang: Lang = "id") -> str:
    """The place-and-date line above a signature: "Kuningan, 28 November 2026".

    With no city (not configured yet) only the date is printed rather than a stray comma.
    """
    city = city.strip()
    when = format_tanggal(d, lang)
    return f"{city}, {when}" if city else when


def format_rentang(start: date, end: date, lang: Lang = "id") -> str:
    """A compact date range for running text, each part written once.

    Within a month "3–9 November 2026" (en dash, no spaces), across months "27 Oktober –
    2 November 2026", across years "29 Desember 2025 – 4 Januari 2026"; a one-day range is
    just the date.
    """
    if end < start:
        raise ValueError(f"range ends ({end}) before it starts ({start})")
    if start == end:
        return format_tanggal(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_tanggal(end, lang)}"
    if start.year == end.year:
        head = f"{start.day} {month_name(start.month, lang)}"
    else:
        head = format_tanggal(start, lang)
    return f"{head}{RANGE_SEPARATOR}{format_tanggal(end, lang)}"
