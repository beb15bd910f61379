"""Tests for flexdesk.domain.people: NIP / NI PPPK rules, golongan tables, names with gelar."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flexdesk.domain.people import (
    PNS_GOLONGAN,
    PPPK_GOLONGAN,
    EmployeeType,
    Gender,
    NipInfo,
    find_golongan,
    format_nip,
    full_name,
    golongan_for,
    make_nip,
    nip_validation_error,
    normalize_nip,
    pangkat_label,
    parse_nip,
)
from flexdesk.errors import ValidationError

TODAY = date(2026, 6, 15)
PNS = EmployeeType.PNS
PPPK = EmployeeType.PPPK


def _error(raw: str, employee_type: EmployeeType = PNS, **kw: int) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_nip(raw, employee_type, today=TODAY, **kw)
    assert info.value.field == "nip"
    assert info.value.message_en != info.value.message
    return info.value


# --- valid numbers ------------------------------------------------------------------------


def test_parses_valid_pns_nip() -> None:
    info = parse_nip("19850312 201001 1 003", today=TODAY)
    assert info == NipInfo(
        nip="198503122010011003",
        birth_date=date(1985, 3, 12),
        appointment=date(2010, 1, 1),
        gender=Gender.MALE,
        serial=3,
    )


def test_parses_valid_pns_nip_female_with_separators() -> None:
    info = parse_nip("19900228.201502.2.117", PNS, today=TODAY)
    assert info.birth_date == date(1990, 2, 28)
    assert info.appointment == date(2015, 2, 1)
    assert info.gender is Gender.FEMALE
    assert info.serial == 117


def test_leap_day_birth_is_valid() -> None:
    assert parse_nip("198402292008012001", today=TODAY).birth_date == date(1984, 2, 29)


def test_parses_valid_ni_pppk() -> None:
    info = parse_nip("19900913 2021 21 1 014", PPPK, today=TODAY)
    assert info == NipInfo(
        nip="199009132021211014",
        birth_date=date(1990, 9, 13),
        appointment=date(2021, 1, 1),
        gender=Gender.MALE,
        serial=14,
    )


def test_pppk_digits_9_to_14_are_not_a_tmt_month() -> None:
    # "202124" would be month 24 for a PNS; for PPPK it is year 2021 + agreement code 24.
    assert parse_nip("199009132021242014", PPPK, today=TODAY).gender is Gender.FEMALE
    assert "TMT CPNS" in _error("199009132021242014", PNS).message


def test_default_today_is_the_real_date() -> None:
    assert parse_nip("198503122010011003").serial == 3


def test_nip_validation_error_convenience() -> None:
    assert nip_validation_error("198503122010011003", PNS, today=TODAY) is None
    assert nip_validation_error("1985", PNS) == "NIP harus 18 digit angka (terisi 4)."
    assert nip_validation_error("x", EmployeeType.NON_ASN) is not None


# --- shape --------------------------------------------------------------------------------


def test_empty() -> None:
    assert _error("  ").message == "NIP belum diisi."
    assert _error("", PPPK).message == "NI PPPK belum diisi."


@pytest.mark.parametrize(("raw", "count"), [("19850312201001100", 17), ("1985031220100110031", 19)])
def test_wrong_length(raw: str, count: int) -> None:
    error = _error(raw)
    assert error.message == f"NIP harus 18 digit angka (terisi {count})."
    assert str(count) in error.message_en


def test_pppk_messages_name_the_ni_pppk() -> None:
    assert _error("1990", PPPK).message == "NI PPPK harus 18 digit angka (terisi 4)."


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("19850312 2010O1 1 003", "'O'"),  # letter O typed for zero
        ("1985031220100110a3", "'a'"),
        ("١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٣", "'١'"),  # Arabic-Indic digits are not NIP digits
    ],
)
def test_non_digits(raw: str, shown: str) -> None:
    error = _error(raw)
    assert error.message.startswith("NIP hanya boleh berisi angka")
    assert shown in error.message


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "birth",
    ["19850230", "19851332", "19850001", "19850100", "19850229", "00000101"],
)
def test_impossible_birth_date(birth: str) -> None:
    assert _error(f"{birth}2010011003").message == (
        f"Tanggal lahir dalam NIP (digit 1–8) tidak valid: {birth}."
    )


def test_birth_date_in_future() -> None:
    assert "masa depan: 20270101" in _error("202701012010011003").message


def test_birth_date_more_than_100_years_ago() -> None:
    assert "lebih dari 100 tahun" in _error("192506141944011001").message
    # exactly 100 years old today is still possible
    assert parse_nip("192606151946011001", today=TODAY).birth_date == date(1926, 6, 15)


@pytest.mark.parametrize("month", ["201013", "201000"])
def test_impossible_tmt_month(month: str) -> None:
    assert _error(f"19850312{month}1003").message == (
        f"Bulan TMT CPNS dalam NIP (digit 9–14) tidak valid: {month}."
    )


def test_tmt_in_future() -> None:
    assert "masa depan: 202607" in _error("198503122026071003").message
    assert parse_nip("198503122026061003", today=TODAY).appointment == date(2026, 6, 1)


def test_pppk_year_in_future_or_zero() -> None:
    assert "masa depan: 2027" in _error("199009132027211014", PPPK).message
    assert "tidak valid: 0000" in _error("199009130000211014", PPPK).message


def test_appointment_before_18_counts_whole_months() -> None:
    # born 20 May 2000: TMT 1 May 2018 is the month of the 18th birthday, accepted
    assert parse_nip("200005202018051001", today=TODAY).appointment == date(2018, 5, 1)
    error = _error("200005202018041001")
    assert "kurang dari 18 tahun" in error.message
    assert "17 tahun 11 bulan" in error.message
    assert "17 years 11 months" in error.message_en


def test_min_age_leniency() -> None:
    assert parse_nip("200005202017051001", min_age_at_appointment=17, today=TODAY)
    assert "kurang dari 20 tahun" in _error("200005202018051001", min_age_at_appointment=20).message


def test_appointment_before_birth_is_rejected_even_with_zero_min_age() -> None:
    assert "sebelum lahir" in _error("200005202000041001", min_age_at_appointment=0).message
    assert parse_nip("200005202000051001", min_age_at_appointment=0, today=TODAY)


def test_negative_min_age_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="min_age"):
        parse_nip("198503122010011003", min_age_at_appointment=-1, today=TODAY)


def test_pppk_age_uses_latest_month_of_the_year() -> None:
    # born May 2000: by December 2018 they were 18, by December 2017 not yet
    assert parse_nip("200005202018211001", PPPK, today=TODAY)
    assert "Tahun pengangkatan" in _error("200005202017211001", PPPK).message


# --- sex digit, serial, non-ASN -----------------------------------------------------------


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_gender_digit(digit: str) -> None:
    assert _error(f"19850312201001{digit}003").message == (
        "Digit jenis kelamin NIP (digit ke-15) harus 1 (laki-laki) atau 2 (perempuan), "
        f"bukan {digit}."
    )


def test_gender_digit_pppk() -> None:
    assert "digit ke-15" in _error("199009132021215014", PPPK).message


def test_serial_000() -> None:
    assert "tidak boleh 000" in _error("198503122010011000").message
    assert "tidak boleh 000" in _error("199009132021211000", PPPK).message


def test_non_asn_has_no_nip() -> None:
    error = _error("198503122010011003", EmployeeType.NON_ASN)
    assert "non-ASN tidak memiliki NIP" in error.message
    assert "Non-ASN staff have no NIP" in error.message_en


# --- normalising, formatting, building ----------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "19850312 201001 1 003",
        "19850312.201001.1.003",
        "19850312-201001-1-003",
        "19850312\u00a0201001\u00a01\u00a0003",  # non-breaking spaces pasted from a PDF
        " 19850312–201001–1–003 ",  # en dashes
        "198503122010011003",
    ],
)
def test_normalize_nip(raw: str) -> None:
    assert normalize_nip(raw) == "198503122010011003"


def test_normalize_does_not_validate() -> None:
    assert normalize_nip("12 ab-3") == "12ab3"


def test_format_nip() -> None:
    assert format_nip("198503122010011003") == "19850312 201001 1 003"
    assert format_nip("19850312-201001-1-003") == "19850312 201001 1 003"
    assert format_nip("199009132021211014", PPPK) == "19900913 2021 21 1 014"


@pytest.mark.parametrize("raw", ["", "1985", "19850312201001100x", "1985031220100110031"])
def test_format_nip_leaves_other_input_unchanged(raw: str) -> None:
    assert format_nip(raw) == raw
    assert format_nip(raw, PPPK) == raw


def test_format_nip_non_asn_unchanged() -> None:
    assert format_nip("198503122010011003", EmployeeType.NON_ASN) == "198503122010011003"


def test_make_nip() -> None:
    nip = make_nip(date(1985, 3, 12), date(2010, 1, 1), Gender.MALE, 3)
    assert nip == "198503122010011003"
    pppk = make_nip(date(1990, 9, 13), date(2021, 4, 1), Gender.FEMALE, 14, PPPK)
    assert pppk == "199009132021212014"
    coded = make_nip(date(1990, 9, 13), date(2025, 1, 1), Gender.MALE, 1, PPPK, agreement_code="24")
    assert coded == "199009132025241001"


@pytest.mark.parametrize("serial", [0, 1000, -1])
def test_make_nip_rejects_bad_serial(serial: int) -> None:
    with pytest.raises(ValueError, match="serial"):
        make_nip(date(1985, 3, 12), date(2010, 1, 1), Gender.MALE, serial)


def test_make_nip_rejects_non_asn_and_bad_agreement_code() -> None:
    with pytest.raises(ValueError, match="non-ASN"):
        make_nip(date(1985, 3, 12), date(2010, 1, 1), Gender.MALE, 1, EmployeeType.NON_ASN)
    with pytest.raises(ValueError, match="agreement_code"):
        make_nip(date(1985, 3, 12), date(2010, 1, 1), Gender.MALE, 1, PPPK, agreement_code="2")


# --- property: every well-formed number parses and round-trips ----------------------------


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


@st.composite
def _nip_parts(draw: st.DrawFn, employee_type: EmployeeType) -> tuple[date, date, Gender, int]:
    # born at most 100 years before TODAY and at least 18 years before it
    birth = draw(st.dates(min_value=date(1926, 6, 15), max_value=date(2008, 6, 15)))
    if employee_type is PNS:
        first = _month_index(birth) + 18 * 12
        index = draw(st.integers(min_value=first, max_value=_month_index(TODAY)))
        appointment = date(index // 12, index % 12 + 1, 1)
    else:
        year = draw(st.integers(min_value=birth.year + 18, max_value=TODAY.year))
        appointment = date(year, 1, 1)
    gender = draw(st.sampled_from(Gender))
    serial = draw(st.integers(min_value=1, max_value=999))
    return birth, appointment, gender, serial


@given(parts=_nip_parts(PNS))
def test_property_pns_nip_parses_and_round_trips(parts: tuple[date, date, Gender, int]) -> None:
    birth, appointment, gender, serial = parts
    nip = make_nip(birth, appointment, gender, serial)
    expected = NipInfo(nip, birth, appointment, gender, serial)
    assert parse_nip(nip, today=TODAY) == expected
    shown = format_nip(nip)
    assert len(shown.split()) == 4
    assert normalize_nip(shown) == nip
    assert parse_nip(shown, today=TODAY) == expected


@given(
    parts=_nip_parts(PPPK),
    code=st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}"),
)
def test_property_ni_pppk_parses_and_round_trips(
    parts: tuple[date, date, Gender, int], code: str
) -> None:
    birth, appointment, gender, serial = parts
    nip = make_nip(birth, appointment, gender, serial, PPPK, agreement_code=code)
    expected = NipInfo(nip, birth, appointment, gender, serial)
    assert parse_nip(nip, PPPK, today=TODAY) == expected
    shown = format_nip(nip, PPPK)
    assert len(shown.split()) == 5
    assert normalize_nip(shown) == nip
    assert parse_nip(shown, PPPK, today=TODAY) == expected


# --- golongan -----------------------------------------------------------------------------

PNS_TABLE = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]


def test_pns_golongan_table() -> None:
    assert len(PNS_GOLONGAN) == 17
    assert [(g.code, g.pangkat) for g in PNS_GOLONGAN] == PNS_TABLE
    assert [g.rank for g in PNS_GOLONGAN] == list(range(1, 18))
    assert all(g.employee_type is PNS for g in PNS_GOLONGAN)


def test_pppk_golongan_table() -> None:
    assert len(PPPK_GOLONGAN) == 17
    assert [g.code for g in PPPK_GOLONGAN][:5] == ["I", "II", "III", "IV", "V"]
    assert PPPK_GOLONGAN[-1].code == "XVII"
    assert PPPK_GOLONGAN[8].code == "IX"
    assert [g.rank for g in PPPK_GOLONGAN] == list(range(1, 18))
    assert all(g.pangkat == "" and g.employee_type is PPPK for g in PPPK_GOLONGAN)
    assert len({g.code for g in PPPK_GOLONGAN}) == 17


def test_golongan_for() -> None:
    assert golongan_for(PNS) is PNS_GOLONGAN
    assert golongan_for(PPPK) is PPPK_GOLONGAN
    assert golongan_for(EmployeeType.NON_ASN) == ()


@pytest.mark.parametrize(("code", "pangkat"), PNS_TABLE)
def test_pangkat_label_pns(code: str, pangkat: str) -> None:
    assert pangkat_label(code) == f"{pangkat}, {code}"


def test_pangkat_label() -> None:
    assert pangkat_label("III/a") == "Penata Muda, III/a"
    assert pangkat_label("IX") == "Golongan IX"
    assert pangkat_label("XVII") == "Golongan XVII"
    assert pangkat_label("") == ""
    assert pangkat_label("III/f") == ""
    assert pangkat_label("XVIII") == ""
    assert pangkat_label("Penata") == ""


@pytest.mark.parametrize("code", ["III/a", "iii/A", " III / a ", "III-a"])
def test_find_golongan_tolerates_case_and_spaces(code: str) -> None:
    found = find_golongan(code)
    assert found is not None
    assert found.code == "III/a"
    assert found.pangkat == "Penata Muda"


def test_find_golongan() -> None:
    pppk = find_golongan("ix")
    assert pppk is not None
    assert (pppk.code, pppk.employee_type, pppk.rank) == ("IX", PPPK, 9)
    assert find_golongan("I") is PPPK_GOLONGAN[0]
    assert find_golongan("I/a") is PNS_GOLONGAN[0]
    for unknown in ["", "V/a", "IIII", "3a", "III/"]:
        assert find_golongan(unknown) is None


def test_golongan_sort_by_rank() -> None:
    shuffled = sorted(PNS_GOLONGAN, key=lambda g: g.code, reverse=True)
    assert tuple(sorted(shuffled, key=lambda g: g.rank)) == PNS_GOLONGAN


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("depan", "nama", "belakang", "expected"),
    [
        ("Dr.", "Siti Aminah", "S.Kom., M.Si.", "Dr. Siti Aminah, S.Kom., M.Si."),
        ("", "Siti Aminah", "", "Siti Aminah"),
        ("Dr.", "Siti Aminah", "", "Dr. Siti Aminah"),
        ("", "Budi Santoso", "S.E.", "Budi Santoso, S.E."),
        (
            " Prof.  Dr. ",
            " Siti   Aminah ",
            " S.Kom.,M.Si. ",
            "Prof. Dr. Siti Aminah, S.Kom., M.Si.",
        ),
        ("Dr.", "Siti Aminah,", ", S.Kom.,, M.Si.,", "Dr. Siti Aminah, S.Kom., M.Si."),
        ("H.", "Ahmad", "S.Pd.I", "H. Ahmad, S.Pd.I"),
        ("", "", "", ""),
        ("", "Siti\u00a0Aminah", "", "Siti Aminah"),
        ("Dr.", "", "S.Kom.", "Dr., S.Kom."),
        ("", "", "S.Kom.", "S.Kom."),
    ],
)
def test_full_name(depan: str, nama: str, belakang: str, expected: str) -> None:
    assert full_name(depan, nama, belakang) == expected


# --- layer rule ---------------------------------------------------------------------------


def test_people_module_imports_no_qt_or_database() -> None:
    code = (
        "import sys, flexdesk.domain.people; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')]; "
        "sys.exit(', '.join(bad) or None)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
