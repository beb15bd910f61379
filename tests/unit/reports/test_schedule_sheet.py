"""The landscape schedule sheet, read back with pypdf."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from flexdesk.errors import ValidationError
from flexdesk.reports.layout import Letterhead
from flexdesk.reports.samples import sample_schedule_sheet
from flexdesk.reports.schedule_sheet import (
    LegendEntry,
    ScheduleDay,
    ScheduleRow,
    ScheduleSheetData,
    SignatureBlock,
    UnitGroup,
    build_schedule_pdf,
    build_schedule_pdf_bytes,
)
from tests.support.pdf import fonts, page_sizes, page_texts


def week_sheet(**changes: object) -> ScheduleSheetData:
    days = [ScheduleDay(date(2026, 8, 10) + timedelta(days=i), weekend=i >= 5) for i in range(7)]
    rows = [
        ScheduleRow("Ni Luh Putu Ayu Wulandari, S.Kep., Ns.", "199003152015032004",
                    ["K", "R", "K", "K", "L", "", ""]),
        ScheduleRow("Dr. drg. Çağrı Öztürk, M.Kes.", "", ["K", "K", "C", "K", "K", "", ""]),
    ]  # fmt: skip
    data = ScheduleSheetData(
        title="Jadwal Kerja Fleksibel",
        letterhead=Letterhead("Pemerintah Kabupaten Kuningan", "UPTD Puskesmas Cigugur"),
        period_label="10 – 16 Agustus 2026",
        days=days,
        units=[UnitGroup("Tata Usaha", rows, [2, 1, 1, 2, 1, None, None], minimum_onsite=2)],
        legend=[
            LegendEntry("K", "Bekerja di kantor (WFO)", "#FFFFFF"),
            LegendEntry("R", "Bekerja dari rumah (WFH)", "#CFE2F3"),
            LegendEntry("L", "Bekerja dari lokasi lain (WFA)", "#D9EAD3"),
            LegendEntry("C", "Cuti tahunan", "#FCE5CD"),
        ],
        signature=SignatureBlock(
            "Kuningan", date(2026, 8, 7), "Kepala UPTD Puskesmas Cigugur",
            "Dr. drg. Çağrı Öztürk, M.Kes.", "198503122010011003",
        ),
    )  # fmt: skip
    return replace(data, **changes)  # type: ignore[arg-type]


def test_landscape_a4_with_names_legend_and_signature(tmp_path: Path) -> None:
    out = tmp_path / "jadwal.pdf"
    pages = build_schedule_pdf(week_sheet(), out)
    (size,) = page_sizes(out)
    assert pages == 1
    assert size[0] > size[1]
    assert size == pytest.approx((841.89, 595.28), abs=0.1)
    text = page_texts(out)[0]
    assert "Ni Luh Putu Ayu Wulandari, S.Kep., Ns." in text
    assert "Dr. drg. Çağrı Öztürk, M.Kes." in text
    assert "19900315 201503 2 004" in text
    for label in ("Bekerja di kantor (WFO)", "Bekerja dari rumah (WFH)", "Cuti tahunan"):
        assert label in text
    assert "JADWAL KERJA FLEKSIBEL" in text and "Periode: 10 – 16 Agustus 2026" in text
    assert "Tata Usaha" in text and "Jumlah di kantor" in text
    assert "Kuningan, 7 Agustus 2026" in text and "NIP. 19850312 201001 1 003" in text
    assert "Sn Sl Rb Km Jm Sb Mg" in text
    assert "Halaman 1 dari 1" in text
    assert all(f["embedded"] for f in fonts(out).values())


def test_f4_landscape(tmp_path: Path) -> None:
    (size,) = page_sizes(build_schedule_pdf_bytes(week_sheet(paper="F4")))
    assert size == pytest.approx((330 * mm, 215 * mm), abs=0.05)


def test_month_of_many_units_runs_over_pages_with_header_repeated() -> None:
    data = sample_schedule_sheet(units=4, per_unit=12)
    texts = page_texts(build_schedule_pdf_bytes(data))
    assert len(texts) > 2
    for page_text in texts:
        assert "Nama / NIP" in page_text and "29 30 31" in page_text
        assert f"dari {len(texts)}" in page_text
    whole = " ".join(texts)
    assert "Hari libur: 17 Agustus 2026: Hari Kemerdekaan RI." in whole
    assert "Dinas luar" in whole
    assert "Kepala UPTD Puskesmas Cigugur" in texts[-1]


def test_rows_must_match_the_days() -> None:
    data = week_sheet()
    unit = data.units[0]
    short = replace(unit, rows=[ScheduleRow("Pegawai A", "", ["K", "K"])])
    with pytest.raises(ValidationError, match="Pegawai A"):
        build_schedule_pdf_bytes(replace(data, units=[short]))
    with pytest.raises(ValidationError, match="Jumlah di kantor"):
        build_schedule_pdf_bytes(replace(data, units=[replace(unit, onsite_totals=[1])]))
    with pytest.raises(ValidationError, match="tidak memuat"):
        build_schedule_pdf_bytes(replace(data, days=[], units=[]))


def test_bad_legend_colour() -> None:
    data = week_sheet(legend=[LegendEntry("K", "Kantor", "hijau")])
    with pytest.raises(ValidationError, match="#RRGGBB"):
        build_schedule_pdf_bytes(data)


def test_without_signature_and_unknown_codes() -> None:
    data = week_sheet(signature=None)
    unit = data.units[0]
    odd = replace(unit, rows=[ScheduleRow("Pegawai B", "", ["X", "", "", "", "", "", ""])])
    text = page_texts(build_schedule_pdf_bytes(replace(data, units=[odd])))[0]
    assert "Pegawai B" in text and "X" in text
