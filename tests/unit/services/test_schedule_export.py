"""Printing the approved schedule (read back with pypdf) and the CSV export (read back)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from flexdesk.db.engine import Database
from flexdesk.errors import Cancelled, ValidationError
from flexdesk.services import office
from flexdesk.services.app import Services
from flexdesk.services.schedule import export as schedule_export
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from tests.support.helpers import Staff
from tests.support.pdf import page_sizes, page_texts

NOV = (2026, 11)
MON = date(2026, 11, 2)


def _approved_month(db: Database, staff: Staff) -> None:
    admin = Services(db, staff.admin)
    admin.call(
        schedule.apply_pattern,
        *NOV,
        employee_ids=[staff.member.id],
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        pattern="O O H O A",
        location="Perpustakaan Daerah",
    )
    admin.call(
        schedule.apply_pattern,
        *NOV,
        employee_ids=[staff.colleague.id],
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        pattern="O",
    )
    admin.call(
        schedule.set_entries,
        *NOV,
        [CellChange(staff.colleague.id, MON + timedelta(days=9), "C", leave_kind="tahunan")],
    )
    for emp in (staff.member.id, staff.colleague.id):
        admin.call(schedule_periods.submit_period, emp, *NOV)
    Services(db, staff.head_actor).call(schedule_periods.approve_period, staff.member.id, *NOV)
    Services(db, staff.head_actor).call(schedule_periods.approve_period, staff.colleague.id, *NOV)


def test_pdf_of_the_approved_month_is_landscape_with_names_legend_and_signature(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    _approved_month(db, staff)
    out = tmp_path / "jadwal.pdf"
    steps: list[int] = []
    result = Services(db, staff.member_actor).read(
        schedule_export.print_schedule_pdf,
        *NOV,
        out,
        progress=lambda done, total, text: steps.append(done),
    )
    assert result.pages >= 1 and result.printed == 2
    assert result.not_approved == ("Bambang Hermawan, S.Sos.",)
    assert steps == [0, 1, 3]
    (width, height), *_ = page_sizes(out)
    assert width > height and round(width) == 842  # A4 landscape
    text = " ".join(page_texts(out))
    for words in (
        "JADWAL KERJA FLEKSIBEL",
        "1 November – 30 November 2026",
        "Dewi Lestari",
        "Agus Saputra",
        "Seksi Pelayanan Umum",
        "Kantor (WFO)",
        "Lokasi lain (WFA)",
        "Cuti",
        "Jumlah di kantor",
        "Kuningan,",
        "Kepala Seksi Pelayanan Umum",
        "Bambang Hermawan, S.Sos.",
        "Belum disetujui (tidak dicetak): Bambang Hermawan, S.Sos.",
    ):
        assert words in text, words


def test_pdf_uses_the_office_paper_size(db: Database, staff: Staff, tmp_path: Path) -> None:
    _approved_month(db, staff)
    Services(db, staff.admin).call(office.set_setting, "paper_size", "F4")
    out = tmp_path / "jadwal-f4.pdf"
    Services(db, staff.admin).read(schedule_export.print_schedule_pdf, *NOV, out)
    (width, height), *_ = page_sizes(out)
    assert (round(width), round(height)) == (935, 609)  # 330 x 215 mm


def test_nothing_approved_prints_nothing(db: Database, staff: Staff, tmp_path: Path) -> None:
    out = tmp_path / "kosong.pdf"
    with pytest.raises(ValidationError, match="Belum ada jadwal yang disetujui"):
        Services(db, staff.admin).read(schedule_export.print_schedule_pdf, *NOV, out)
    assert not out.exists()


def test_cancelled_print_leaves_the_old_file(db: Database, staff: Staff, tmp_path: Path) -> None:
    _approved_month(db, staff)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "jadwal.pdf"
    out.write_bytes(b"old")
    with pytest.raises(Cancelled):
        Services(db, staff.admin).read(
            schedule_export.print_schedule_pdf, *NOV, out, is_cancelled=lambda: True
        )
    assert out.read_bytes() == b"old"
    assert [p.name for p in out.parent.iterdir()] == ["jadwal.pdf"]


def test_csv_export_reads_back(db: Database, staff: Staff, tmp_path: Path) -> None:
    _approved_month(db, staff)
    out = tmp_path / "jadwal.csv"
    count = Services(db, staff.member_actor).read(schedule_export.export_schedule_csv, *NOV, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    assert raw.count(b"\r\n") == raw.count(b"\n") > 1  # CRLF on every platform (Excel)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == count == 2 * 21  # two planned employees, 21 working days
    assert tuple(rows[0]) == schedule_export.CSV_COLUMNS
    leave = next(r for r in rows if r["kode"] == "C")
    assert leave["nama"] == "Agus Saputra" and leave["jenis_cuti"] == "Cuti tahunan"
    assert leave["tanggal"] == "2026-11-11" and leave["hari"] == "Rabu"
    wfa = next(r for r in rows if r["kode"] == "A")
    assert (wfa["lokasi"], wfa["keterangan"]) == ("Perpustakaan Daerah", "Lokasi lain (WFA)")
    assert {r["status_periode"] for r in rows} == {"Disetujui"}
