"""Indonesian date formatting as printed on forms and letters."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flexdesk.domain.dates import (
    MONTHS_ID,
    day_abbr,
    day_name,
    format_bulan_tahun,
    format_hari_tanggal,
    format_hari_tanggal_singkat,
    format_periode,
    format_place_date,
    format_rentang,
    format_tanggal,
    month_name,
)


def test_month_names_indonesian_and_english() -> None:
    assert [month_name(m) for m in range(1, 13)] == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ]  # fmt: skip
    assert month_name(5, "en") == "May"
    assert month_name(12, lang="en") == "December"


def test_day_names_follow_python_weekday() -> None:
    assert [day_name(i) for i in range(7)] == [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
    ]  # fmt: skip
    assert day_name(0, "en") == "Monday"
    assert day_abbr(0) == "Sn" and day_abbr(1) == "Sl" and day_abbr(6, "en") == "Su"


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_month_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError, match="month"):
        month_name(bad)


def test_day_out_of_range_and_bad_lang() -> None:
    with pytest.raises(ValueError, match="weekday"):
        day_name(7)
    with pytest.raises(ValueError, match="language"):
        month_name(1, "fr")  # type: ignore[arg-type]


def test_format_tanggal() -> None:
    assert format_tanggal(date(2026, 11, 28)) == "28 November 2026"
    assert format_tanggal(date(2026, 8, 3)) == "3 Agustus 2026"  # no leading zero
    assert format_tanggal(date(2026, 8, 3), "en") == "3 August 2026"
    assert format_tanggal(datetime(2026, 2, 1, 13, 45)) == "1 Februari 2026"


def test_format_hari_tanggal() -> None:
    assert format_hari_tanggal(date(2026, 11, 2)) == "Senin, 2 November 2026"
    assert format_hari_tanggal(date(2026, 11, 6)) == "Jumat, 6 November 2026"
    assert format_hari_tanggal(date(2026, 11, 6), "en") == "Friday, 6 November 2026"


def test_format_periode_same_year_across_years_and_single_day() -> None:
    assert format_periode(date(2026, 10, 1), date(2026, 10, 31)) == "1 Oktober – 31 Oktober 2026"
    assert (
        format_periode(date(2026, 12, 16), date(2027, 1, 15))
        == "16 Desember 2026 – 15 Januari 2027"
    )
    assert format_periode(date(2026, 1, 1), date(2026, 3, 31), "en") == "1 January – 31 March 2026"
    assert format_periode(date(2026, 5, 4), date(2026, 5, 4)) == "4 Mei 2026"
    with pytest.raises(ValueError, match="before"):
        format_periode(date(2026, 5, 4), date(2026, 5, 3))


def test_format_hari_tanggal_singkat() -> None:
    assert format_hari_tanggal_singkat(date(2026, 11, 6)) == "Jumat 6 November"
    assert format_hari_tanggal_singkat(date(2026, 11, 6), "en") == "Friday 6 November"


def test_format_rentang_compact() -> None:
    assert format_rentang(date(2026, 11, 3), date(2026, 11, 9)) == "3–9 November 2026"
    assert format_rentang(date(2026, 10, 27), date(2026, 11, 2)) == "27 Oktober – 2 November 2026"
    assert (
        format_rentang(date(2025, 12, 29), date(2026, 1, 4), "en")
        == "29 December 2025 – 4 January 2026"
    )
    assert format_rentang(date(2026, 5, 4), date(2026, 5, 4)) == "4 Mei 2026"
    with pytest.raises(ValueError, match="before"):
        format_rentang(date(2026, 5, 4), date(2026, 5, 3))


def test_format_place_date() -> None:
    assert format_place_date("Kuningan", date(2026, 11, 28)) == "Kuningan, 28 November 2026"
    assert (
        format_place_date("  Kuningan ", date(2026, 11, 28), "en") == "Kuningan, 28 November 2026"
    )
    assert format_place_date("", date(2026, 11, 28)) == "28 November 2026"


def test_format_bulan_tahun() -> None:
    assert format_bulan_tahun(2026, 1) == "Januari 2026"
    assert format_bulan_tahun(2026, 1, "en") == "January 2026"


@given(st.dates())
def test_format_tanggal_round_trips(d: date) -> None:
    day, month, year = format_tanggal(d).split(" ")
    assert date(int(year), MONTHS_ID.index(month) + 1, int(day)) == d
