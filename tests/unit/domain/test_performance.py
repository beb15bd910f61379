"""PermenPANRB 6/2022 rating matrix, BerAKHLAK seed, periods and the kurva distribusi."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flexdesk.domain.performance import (
    CORE_VALUES,
    DEFAULT_BOUNDS,
    PREDIKAT_MATRIX,
    DistributionBound,
    OrganisationResult,
    PeriodType,
    Predikat,
    Rating,
    bounds_from_data,
    bounds_to_data,
    check_distribution,
    count_predikat,
    period_index,
    period_label,
    period_range,
    predikat_kinerja,
)
from flexdesk.errors import ValidationError

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

# The regulation's table, row by row (perilaku), columns hasil kerja Di Bawah / Sesuai / Di Atas.
MATRIX_CASES = [
    (A, B, Predikat.BUTUH_PERBAIKAN),
    (A, S, Predikat.BAIK),
    (A, A, Predikat.SANGAT_BAIK),
    (S, B, Predikat.BUTUH_PERBAIKAN),
    (S, S, Predikat.BAIK),
    (S, A, Predikat.BAIK),
    (B, B, Predikat.SANGAT_KURANG),
    (B, S, Predikat.KURANG),
    (B, A, Predikat.KURANG),
]


@pytest.mark.parametrize(("perilaku", "hasil_kerja", "expected"), MATRIX_CASES)
def test_predikat_matrix_cell(perilaku: Rating, hasil_kerja: Rating, expected: Predikat) -> None:
    assert predikat_kinerja(hasil_kerja=hasil_kerja, perilaku=perilaku) is expected
    assert PREDIKAT_MATRIX[(perilaku, hasil_kerja)] is expected


def test_matrix_is_complete_and_immutable() -> None:
    assert len(PREDIKAT_MATRIX) == 9
    assert {k for k in PREDIKAT_MATRIX} == {(p, h) for p in Rating for h in Rating}
    with pytest.raises(TypeError):
        PREDIKAT_MATRIX[(A, A)] = Predikat.BAIK  # type: ignore[index]
    assert "PermenPANRB 6/2022" in (predikat_kinerja.__doc__ or "")


def test_predikat_accepts_stored_string_values() -> None:
    assert predikat_kinerja("di_atas", "di_atas") is Predikat.SANGAT_BAIK  # type: ignore[arg-type]


def test_labels() -> None:
    assert Rating.DI_ATAS.label == "Di Atas Ekspektasi"
    assert Rating.SESUAI.label == "Sesuai Ekspektasi"
    assert Rating.DI_BAWAH.label == "Di Bawah Ekspektasi"
    assert Rating.SESUAI.label_for("en") == "Meets Expectations"
    assert [p.label for p in Predikat] == [
        "Sangat Baik",
        "Baik",
        "Butuh Perbaikan",
        "Kurang/Misconduct",
        "Sangat Kurang",
    ]
    assert OrganisationResult.ISTIMEWA.label == "Istimewa"
    assert Predikat("kurang") is Predikat.KURANG


def test_core_values_seed() -> None:
    assert [cv.name for cv in CORE_VALUES] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    assert len({cv.code for cv in CORE_VALUES}) == 7
    for code, name, indicators in CORE_VALUES:  # plain tuples too
        assert code and name
        assert len(indicators) == 3 and all(indicators)


@pytest.mark.parametrize(
    ("ptype", "index", "start", "end", "label"),
    [
        (PeriodType.MONTHLY, 1, date(2026, 1, 1), date(2026, 1, 31), "Januari 2026"),
        (PeriodType.MONTHLY, 2, date(2026, 2, 1), date(2026, 2, 28), "Februari 2026"),
        (PeriodType.QUARTERLY, 1, date(2026, 1, 1), date(2026, 3, 31), "Triwulan I 2026"),
        (PeriodType.QUARTERLY, 4, date(2026, 10, 1), date(2026, 12, 31), "Triwulan IV 2026"),
        (PeriodType.SEMESTER, 2, date(2026, 7, 1), date(2026, 12, 31), "Semester II 2026"),
        (PeriodType.ANNUAL, 1, date(2026, 1, 1), date(2026, 12, 31), "Tahunan 2026"),
    ],
)
def test_periods(ptype: PeriodType, index: int, start: date, end: date, label: str) -> None:
    assert period_range(ptype, 2026, index) == (start, end)
    assert period_label(ptype, 2026, index) == label
    assert period_index(ptype, start) == index and period_index(ptype, end) == index


def test_period_leap_year_english_and_bad_index() -> None:
    assert period_range(PeriodType.MONTHLY, 2028, 2)[1] == date(2028, 2, 29)
    assert period_label(PeriodType.QUARTERLY, 2026, 2, "en") == "Quarter II 2026"
    assert period_label(PeriodType.MONTHLY, 2026, 3, "en") == "March 2026"
    assert period_label(PeriodType.ANNUAL, 2026, lang="en") == "Annual 2026"
    with pytest.raises(ValueError, match="1–4"):
        period_range(PeriodType.QUARTERLY, 2026, 5)
    with pytest.raises(ValueError):
        period_label(PeriodType.ANNUAL, 2026, 2)


@given(st.sampled_from(list(PeriodType)), st.dates(date(1990, 1, 1), date(2100, 12, 31)))
def test_every_date_lies_in_its_period(ptype: PeriodType, d: date) -> None:
    start, end = period_range(ptype, d.year, period_index(ptype, d))
    assert start <= d <= end


def counts(**kw: int) -> dict[Predikat, int]:
    return {Predikat[k.upper()]: v for k, v in kw.items()}


def test_distribution_within_bounds_gives_no_warning() -> None:
    assert check_distribution(OrganisationResult.ISTIMEWA, counts(sangat_baik=7, baik=3)) == []
    assert (
        check_distribution(OrganisationResult.BAIK, counts(sangat_baik=2, baik=7, kurang=1)) == []
    )
    assert check_distribution(OrganisationResult.BAIK, {}) == []  # nobody rated yet


def test_distribution_istimewa_too_many_sangat_baik() -> None:
    (warning,) = check_distribution(OrganisationResult.ISTIMEWA, counts(sangat_baik=8, baik=2))
    assert warning.count == 8 and warning.total == 10
    assert "Sangat Baik" in warning.message
    assert "8 dari 10 pegawai (80%)" in warning.message
    assert "paling banyak 70%" in warning.message and "Istimewa" in warning.message
    assert "above the maximum of 70%" in warning.message_en


def test_distribution_baik_needs_some_lower_predikat() -> None:
    warnings = check_distribution(OrganisationResult.BAIK, counts(sangat_baik=2, baik=8))
    messages = [w.message for w in warnings]
    assert len(warnings) == 2
    assert any("paling banyak 70%" in m for m in messages)
    assert any(
        "Belum ada pegawai" in m and "Butuh Perbaikan dan/atau Kurang" in m for m in messages
    )


def test_distribution_minimum_share_and_decimal_comma() -> None:
    (warning,) = check_distribution(
        OrganisationResult.BUTUH_PERBAIKAN, counts(butuh_perbaikan=1, baik=2)
    )
    assert "1 dari 3 pegawai (33,3%)" in warning.message
    assert "paling sedikit 60%" in warning.message
    assert "(33.3%)" in warning.message_en


def test_distribution_exact_boundaries_are_allowed() -> None:
    # 10% of 30 is exactly 3; float arithmetic would call this a shortfall.
    ok = counts(kurang=18, butuh_perbaikan=3, sangat_baik=3, baik=6)
    assert check_distribution(OrganisationResult.KURANG, ok) == []


def test_distribution_sangat_kurang_forbids_sangat_baik() -> None:
    warnings = check_distribution(
        OrganisationResult.SANGAT_KURANG, counts(sangat_kurang=6, kurang=3, sangat_baik=1)
    )
    (warning,) = warnings
    assert "semestinya tidak diberikan" in warning.message
    assert warning.bound.max_percent == 0


def test_distribution_custom_bounds_and_bad_counts() -> None:
    custom = {OrganisationResult.BAIK: (DistributionBound(frozenset({Predikat.BAIK}), 50),)}
    assert (
        len(check_distribution(OrganisationResult.BAIK, counts(baik=6, sangat_baik=4), custom)) == 1
    )
    assert check_distribution(OrganisationResult.ISTIMEWA, counts(sangat_baik=10), custom) == []
    with pytest.raises(ValueError):
        check_distribution(OrganisationResult.BAIK, counts(baik=-1))
    with pytest.raises(ValueError):
        DistributionBound(frozenset({Predikat.BAIK}), max_percent=10, min_percent=20)
    with pytest.raises(ValueError):
        DistributionBound(frozenset(), max_percent=10)


def test_count_predikat_skips_unrated() -> None:
    result = count_predikat([Predikat.BAIK, None, Predikat.BAIK, Predikat.KURANG])
    assert result[Predikat.BAIK] == 2 and result[Predikat.KURANG] == 1
    assert result[Predikat.SANGAT_BAIK] == 0 and len(result) == 5


def test_bounds_round_trip_through_json() -> None:
    data = json.loads(json.dumps(bounds_to_data()))
    assert bounds_from_data(data) == dict(DEFAULT_BOUNDS)
    with pytest.raises(ValidationError, match="kurva distribusi"):
        bounds_from_data({"istimewa": [{"predikat": ["luar_biasa"]}]})
    with pytest.raises(ValidationError):
        bounds_from_data({"istimewa": [{"predikat": ["baik"], "max_percent": 170}]})


@given(st.dictionaries(st.sampled_from(list(Predikat)), st.integers(0, 50)))
def test_every_warning_reports_real_counts(raw: dict[Predikat, int]) -> None:
    total = sum(raw.values())
    for org in OrganisationResult:
        for w in check_distribution(org, raw):
            assert w.total == total
            assert w.count == sum(raw.get(p, 0) for p in w.bound.predikat)
            assert w.message.endswith(".") and w.message_en.endswith(".")
