"""XLSX exports read back with openpyxl (layout, formats, print set-up), and formula-injection
neutralisation in XLSX and in the existing CSV exports."""

from __future__ import annotations

import csv
import io
from datetime import date, time
from pathlib import Path

import openpyxl
import pytest

from flexdesk.db.engine import Database
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import Cancelled
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.cell_safety import is_risky, neutralise_csv, unneutralise
from flexdesk.services.evaluation.types import PeriodRef
from flexdesk.services.outputs import recap
from flexdesk.services.outputs.logs import LogFilter
from flexdesk.services.schedule import export as schedule_export
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.services.transfer import ekinerja, exports
from flexdesk.services.transfer.xlsx import Column, SheetSpec, write_table_file
from tests.support.helpers import Staff
from tests.support.outputs import add_log, log_input, make_skp

DDE = "=cmd|' /C calc'!A0"
NOV = (2026, 11)


@pytest.mark.parametrize("text", [DDE, "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_risky_text_is_neutralised_for_csv_and_undone_on_import(text: str) -> None:
    assert is_risky(text)
    assert neutralise_csv(text) == "'" + text
    assert unneutralise(str(neutralise_csv(text))) == text


@pytest.mark.parametrize("text", ["Siti", "12", "'quoted", "a=b", ""])
def test_plain_text_is_left_alone(text: str) -> None:
    assert neutralise_csv(text) == text and unneutralise(text) == text


def test_xlsx_writes_risky_text_as_quoted_strings_never_formulas(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    spec = SheetSpec("T", "Judul", (Column("Teks"), Column("Angka", "number"), Column("Tgl", "date")),
                     cover=("Sampul",), paper="F4")  # fmt: skip
    write_table_file(out, spec, [(DDE, 1.5, date(2026, 3, 12)), ("=1+1", -2, None)])
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    cell = ws["A5"]
    assert cell.value == DDE and cell.data_type == "s" and cell.quotePrefix
    assert ws["A6"].data_type == "s" and ws["B6"].value == -2
    assert ws["C5"].number_format == "[$-421]d mmmm yyyy"
    assert ws.freeze_panes == "A5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 14
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0


def _month(db: Database, staff: Staff) -> None:
    admin = Services(db, staff.admin)
    admin.call(schedule.apply_pattern, *NOV, employee_ids=[staff.member.id],
               start=date(2026, 11, 1), end=date(2026, 11, 30), pattern="O O H O A",
               location=DDE)  # fmt: skip
    admin.call(schedule.set_entries, *NOV, [CellChange(staff.colleague.id, date(2026, 11, 2), "O")])


def test_schedule_month_xlsx_grid_colours_cover_and_print_setup(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    _month(db, staff)
    out = tmp_path / "jadwal.xlsx"
    assert Services(db, staff.admin).read(exports.export_schedule_xlsx, *NOV, out) == 3
    ws = openpyxl.load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(values) if r[:3] == ["No", "NIP", "Nama"])
    assert values[header][3] == "1\nMin" or values[header][3].startswith("1")
    member_row = next(i for i, r in enumerate(values) if r[2] and "Dewi" in str(r[2])) + 1
    monday = ws.cell(member_row, 5)  # 2 November 2026, a Monday
    assert monday.value == "WFO" and monday.fill.fgColor.rgb.endswith("C8E6C9")
    cover = next(r for r in values if r[2] == "Di kantor (WFO)")
    assert cover[4] == 2  # both on site on Monday the 2nd
    assert ws.freeze_panes == f"D{header + 2}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9


def test_schedule_csv_neutralises_the_wfa_location(db: Database, staff: Staff) -> None:
    _month(db, staff)
    text = Services(db, staff.admin).read(schedule_export.schedule_csv, *NOV)
    locations = {row["lokasi"] for row in csv.DictReader(io.StringIO(text))}
    assert "'" + DDE in locations and DDE not in locations


def _logs(db: Database, staff: Staff, data_paths: DataPaths) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id, '=HYPERLINK("x")', year=2026)
    store = AttachmentStore(data_paths.attachments)
    for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 2, 2)):
        add_log(db, staff.member_actor, store,
                log_input(staff.member.id, detail.rhk[0].id, day=day, activity="+tambah kegiatan",
                          start_time=time(8), end_time=time(10)))  # fmt: skip


def test_output_log_xlsx_with_the_filters_applied(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    _logs(db, staff, data_paths)
    flt = LogFilter(
        employee_id=staff.member.id, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)
    )
    out = tmp_path / "log.xlsx"
    assert Services(db, staff.admin).read(exports.export_logs_xlsx, flt, out) == 2
    ws = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert any("Saringan:" in str(r[0]) for r in rows[:4])
    data = [r for r in rows if r[4] == "+tambah kegiatan"]
    assert [r[0].date() for r in data] == [date(2026, 3, 2), date(2026, 3, 3)]  # oldest first
    assert data[0][5] == 2 and data[0][9] == 120
    cells = [c for r in ws.iter_rows() for c in r if c.value == "+tambah kegiatan"]
    assert all(c.quotePrefix for c in cells)


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "batal.xlsx"
    spec = SheetSpec("T", "T", (Column("A"),))
    with pytest.raises(Cancelled):
        write_table_file(out, spec, [("a",)] * 1001, is_cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_recap_xlsx_one_sheet_per_employee_and_csv_neutralised(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    _logs(db, staff, data_paths)
    out = tmp_path / "rekap.xlsx"
    ids = [staff.member.id, staff.colleague.id]
    assert (
        Services(db, staff.admin).read(exports.export_recap_xlsx, ids, 2026, out, period_index=3)
        == 2
    )
    wb = openpyxl.load_workbook(out)
    assert [ws.title for ws in wb.worksheets] == ["Dewi Lestari", "Agus Saputra"]
    assert wb.worksheets[0].page_setup.orientation == "portrait"
    rc = Services(db, staff.admin).read(recap.recap, staff.member.id, 2026)
    assert "'=HYPERLINK" in recap.recap_csv(rc)


def test_evaluation_recap_and_ekinerja_layout(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    _logs(db, staff, data_paths)
    period = PeriodRef(2026, PeriodType.MONTHLY, 3)
    out = tmp_path / "evaluasi.xlsx"
    services = Services(db, staff.admin)
    assert services.read(ekinerja.export_evaluation_recap_xlsx, staff.unit.id, period, out) == 3
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out).active.iter_rows()]
    assert any(r[2] and "Sebaran predikat" in str(r[2]) for r in rows)
    assert any(r[5] == "belum" for r in rows)
    out2 = tmp_path / "ekinerja.xlsx"
    assert services.read(ekinerja.export_ekinerja_xlsx, period, out2, unit_id=staff.unit.id) == 3
    ws = openpyxl.load_workbook(out2).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "NIP")
    assert header == [c.header for c in ekinerja.EKINERJA_COLUMNS]
    member = next(r for r in rows if r[1] and "Dewi" in str(r[1]))
    assert member[9] == '=HYPERLINK("x")' and member[8] == "Utama"


def test_big_tables_stream_to_disk_and_a_cancel_closes_their_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flexdesk.services.transfer import xlsx

    monkeypatch.setattr(xlsx, "STREAM_ABOVE", 10)
    spec = SheetSpec("T", "T", (Column("A"), Column("N", "number")))
    out = tmp_path / "besar.xlsx"
    assert write_table_file(out, spec, [(DDE, i) for i in range(50)], total=50) == 50
    ws = openpyxl.load_workbook(out).active
    assert ws["A3"].value == DDE and ws["A3"].quotePrefix and ws["B52"].value == 49
    with pytest.raises(Cancelled):
        write_table_file(tmp_path / "batal.xlsx", spec, [("a", 1)] * 1001, total=1001,
                         is_cancelled=lambda: True)  # fmt: skip
    assert not (tmp_path / "batal.xlsx").exists()
