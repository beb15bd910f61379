"""Working calendar: weekends, national holidays, cuti bersama, overrides and the CSV import."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from flexdesk.domain.calendar import (
    HolidayKind,
    HolidayRow,
    WorkingCalendar,
    estimate_ramadan,
    library_holidays,
    parse_holiday_csv,
)
from flexdesk.errors import ImportFileError, ValidationError


@pytest.fixture(scope="module")
def cal5() -> WorkingCalendar:
    return WorkingCalendar(5, years=[2025, 2026])


# -- library seed ----------------------------------------------------------------------------


def test_independence_day_is_a_national_holiday(cal5: WorkingCalendar) -> None:
    d = date(2026, 8, 17)
    assert not cal5.is_working_day(d)
    assert cal5.kind(d) == "national"
    assert "Kemerdekaan" in (cal5.holiday_name(d) or "")


def test_cuti_bersama_2026_come_from_the_government_category(cal5: WorkingCalendar) -> None:
    # holidays 0.99+ (2026 SKB) reports 16 Feb 2026 as "Cuti Bersama Tahun Baru Imlek" and
    # 24 Dec 2026 as "Cuti Bersama Hari Raya Natal" in its GOVERNMENT category
    for d in (date(2026, 2, 16), date(2026, 12, 24)):
        assert cal5.kind(d) == "cuti_bersama"
        assert not cal5.is_working_day(d)
        assert (cal5.holiday_name(d) or "").startswith("Cuti Bersama")
    kinds = {r.kind for r in library_holidays(2026)}
    assert kinds == {HolidayKind.NATIONAL, HolidayKind.CUTI_BERSAMA}


def test_plain_working_day(cal5: WorkingCalendar) -> None:
    d = date(2026, 11, 2)  # Monday
    assert cal5.is_working_day(d)
    assert cal5.kind(d) is None
    assert cal5.holiday_name(d) is None


# -- weekends by week type -------------------------------------------------------------------


def test_weekend_by_week_type(cal5: WorkingCalendar) -> None:
    saturday, sunday = date(2026, 11, 7), date(2026, 11, 8)
    cal6 = WorkingCalendar(6, years=[2026])
    assert cal5.kind(saturday) == "weekend" and not cal5.is_working_day(saturday)
    assert cal6.kind(saturday) is None and cal6.is_working_day(saturday)
    for cal in (cal5, cal6):
        assert cal.kind(sunday) == "weekend"
        assert not cal.is_working_day(sunday)


def test_holiday_on_a_sunday_keeps_its_name(cal5: WorkingCalendar) -> None:
    easter = date(2026, 4, 5)  # a Sunday, a public holiday in the package
    assert easter.weekday() == 6
    assert cal5.kind(easter) == "national"
    assert cal5.holiday_name(easter)


def test_working_days_of_november_2026(cal5: WorkingCalendar) -> None:
    days = cal5.working_days(date(2026, 11, 1), date(2026, 11, 30))
    assert len(days) == 21  # no holiday in November 2026; 9 weekend days
    assert days[0] == date(2026, 11, 2)
    assert all(d.weekday() < 5 for d in days)


def test_working_days_skip_holidays(cal5: WorkingCalendar) -> None:
    days = cal5.working_days(date(2026, 8, 17), date(2026, 8, 21))
    assert date(2026, 8, 17) not in days
    assert len(days) == 4


def test_month_is_cached_and_complete(cal5: WorkingCalendar) -> None:
    aug = cal5.month(2026, 8)
    assert len(aug) == 31
    assert cal5.month(2026, 8) is aug
    day17 = aug[16]
    assert (day17.day, day17.kind, day17.is_working) == (date(2026, 8, 17), "national", False)


def test_other_years_load_on_demand() -> None:
    cal = WorkingCalendar(5, years=[2026])
    assert cal.kind(date(2027, 8, 17)) == "national"


def test_invalid_week_type() -> None:
    with pytest.raises(ValidationError):
        WorkingCalendar(7)


# -- admin edits -----------------------------------------------------------------------------


def test_override_replaces_the_library_list_for_that_year() -> None:
    rows = [
        HolidayRow(date(2026, 8, 17), "HUT RI", HolidayKind.NATIONAL),
        HolidayRow(date(2026, 11, 10), "HUT Kabupaten", HolidayKind.LOCAL),
    ]
    cal = WorkingCalendar(5, overrides={2026: rows})
    assert cal.is_working_day(date(2026, 2, 16))  # the library's cuti bersama is gone
    assert cal.is_working_day(date(2026, 12, 25))
    assert cal.kind(date(2026, 11, 10)) == "local"
    assert cal.holiday_name(date(2026, 8, 17)) == "HUT RI"
    assert cal.holidays_in_year(2026) == rows
    # other years still come from the library
    assert cal.kind(date(2025, 8, 17)) == "national"


def test_override_rows_must_belong_to_the_year() -> None:
    with pytest.raises(ValidationError):
        WorkingCalendar(
            overrides={2026: [HolidayRow(date(2025, 8, 17), "HUT RI", HolidayKind.NATIONAL)]}
        )


def test_additions_and_removals() -> None:
    cal = WorkingCalendar(
        5,
        additions=[HolidayRow(date(2026, 11, 10), "HUT Kabupaten", HolidayKind.LOCAL)],
        removals=[date(2026, 12, 24)],
    )
    assert cal.kind(date(2026, 11, 10)) == "local"
    assert not cal.is_working_day(date(2026, 11, 10))
    assert cal.is_working_day(date(2026, 12, 24))  # a Thursday again
    assert cal.kind(date(2026, 12, 25)) == "national"


def test_with_year_returns_a_new_calendar(cal5: WorkingCalendar) -> None:
    edited = cal5.with_year(2026, [HolidayRow(date(2026, 3, 2), "Libur", HolidayKind.LOCAL)])
    assert not edited.is_working_day(date(2026, 3, 2))
    assert edited.is_working_day(date(2026, 8, 17))
    assert cal5.is_working_day(date(2026, 3, 2))
    assert not cal5.is_working_day(date(2026, 8, 17))


def test_no_library() -> None:
    cal = WorkingCalendar(5, use_library=False)
    assert cal.is_working_day(date(2026, 8, 17))  # a Monday with no holiday list


# -- Ramadan estimate ------------------------------------------------------------------------


def test_estimate_ramadan_2026() -> None:
    ((start, end),) = estimate_ramadan(2026)
    assert (end - start).days == 29
    assert date(2026, 2, 15) <= start <= date(2026, 2, 22)
    idul_fitri = end + timedelta(days=1)
    assert any(r.day == idul_fitri for r in library_holidays(2026))


def test_two_ramadan_periods_end_in_2033() -> None:
    assert len(estimate_ramadan(2033)) == 2


# -- CSV import ------------------------------------------------------------------------------


def test_csv_good_with_bom_semicolon_blank_lines_and_both_date_formats() -> None:
    text = (
        "\ufeffTanggal;Nama;Jenis;Keterangan\r\n"
        "\r\n"
        "2026-08-17;Hari Kemerdekaan;nasional;\r\n"
        "24/12/2026;Cuti Bersama Natal;cuti_bersama;SKB\r\n"
        '10/11/2026;"HUT Kabupaten; ke-60";LOKAL;\r\n'
        "   \r\n"
        "17/08/2026;Hari Kemerdekaan;nasional;ulang\r\n"  # exact repeat: kept once
    )
    rows = parse_holiday_csv(text)
    assert rows == [
        HolidayRow(date(2026, 8, 17), "Hari Kemerdekaan", HolidayKind.NATIONAL),
        HolidayRow(date(2026, 11, 10), "HUT Kabupaten; ke-60", HolidayKind.LOCAL),
        HolidayRow(date(2026, 12, 24), "Cuti Bersama Natal", HolidayKind.CUTI_BERSAMA),
    ]


def test_csv_comma_delimiter_and_cuti_bersama_with_space() -> None:
    rows = parse_holiday_csv('tanggal,nama,jenis\n2026-02-16,"Imlek, cuti",cuti bersama\n')
    assert rows == [HolidayRow(date(2026, 2, 16), "Imlek, cuti", HolidayKind.CUTI_BERSAMA)]


def test_csv_header_only_is_an_empty_list() -> None:
    assert parse_holiday_csv("tanggal;nama;jenis\n") == []


def _csv_error(text: str) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        parse_holiday_csv(text)
    return info.value


def test_csv_bad_date_names_the_line() -> None:
    err = _csv_error("tanggal;nama;jenis\n2026-08-17;HUT RI;nasional\n31/02/2026;Salah;lokal\n")
    assert "baris 3" in err.message and "31/02/2026" in err.message
    assert "line 3" in err.message_en


def test_csv_unknown_kind() -> None:
    err = _csv_error("tanggal;nama;jenis\n2026-08-17;HUT RI;nasional\n2026-08-18;X;regional\n")
    assert "baris 3" in err.message and "regional" in err.message


def test_csv_missing_header() -> None:
    err = _csv_error("2026-08-17;HUT RI;nasional\n")
    assert "baris 1" in err.message and "tanggal" in err.message


def test_csv_duplicate_date_with_different_names() -> None:
    err = _csv_error(
        "tanggal;nama;jenis\n2026-08-17;HUT RI;nasional\n\n17/08/2026;Kemerdekaan;nasional\n"
    )
    assert "baris 4" in err.message and "baris 2" in err.message


def test_csv_duplicate_date_with_different_kind() -> None:
    err = _csv_error("tanggal;nama;jenis\n2026-08-17;HUT RI;nasional\n2026-08-17;HUT RI;lokal\n")
    assert "baris 3" in err.message


def test_csv_missing_columns_and_empty_name() -> None:
    err = _csv_error("tanggal;nama;jenis\n2026-08-17;HUT RI\n2026-08-18;;lokal\n")
    assert "baris 2" in err.message and "baris 3" in err.message


def test_csv_empty_file() -> None:
    assert "kosong" in _csv_error("\ufeff\n  \n").message


def test_csv_all_or_nothing_lists_every_problem_up_to_ten() -> None:
    lines = ["tanggal;nama;jenis"] + [f"2026-13-{i:02d};X;nasional" for i in range(1, 15)]
    err = _csv_error("\n".join(lines))
    assert "baris 2" in err.message and "baris 11" in err.message
    assert "baris 12" not in err.message and "4 masalah lain" in err.message
