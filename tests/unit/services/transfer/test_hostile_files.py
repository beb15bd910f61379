"""Files nobody should trust: not a zip, zip bombs, a million rows, binary CSV, too many
columns, merged cells, hidden sheets, damaged archives; and a file LibreOffice wrote. A refused
file changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from flexdesk.db.engine import Database
from flexdesk.errors import ImportFileError
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor
from flexdesk.services.transfer import employee_import as imp
from flexdesk.services.transfer.preview import RowStatus
from flexdesk.services.transfer.tabular import MAX_COLUMNS, MAX_ROWS, read_table
from tests.unit.services.transfer.support import HEADER, counts, office_rows, write_csv


def _refused(db: Database, admin: Actor, path: Path, words: str) -> None:
    before = counts(db)
    with pytest.raises(ImportFileError, match=words):
        Services(db, admin).read(imp.preview_employee_import, path)
    with pytest.raises(ImportFileError, match=words):
        Services(db, admin).call(imp.commit_employee_import, path)
    assert counts(db) == before


def test_not_a_zip(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = tmp_path / "pegawai.xlsx"
    path.write_text("NIP;Nama\n1;2\n", encoding="utf-8")
    _refused(db, admin, path, "bukan arsip zip")


def test_a_zip_that_is_not_a_workbook(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = tmp_path / "foto.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8" * 100)
    _refused(db, admin, path, "bukan buku kerja")


def test_a_damaged_archive(db: Database, admin: Actor, tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    openpyxl.Workbook().save(good)
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(good.read_bytes()[:300])
    _refused(db, admin, bad, "rusak|tidak dapat dibaca")


def test_zip_bomb(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (16 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    _refused(db, admin, path, "bom zip")


def test_a_million_csv_rows_are_refused_with_the_limit(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "besar.csv"
    path.write_bytes(b"NIP;Nama\r\n" + b"1;a\r\n" * 1_000_000)
    _refused(db, admin, path, f"lebih dari {MAX_ROWS:,}".replace(",", "."))


def test_too_many_xlsx_rows_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "besar.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["NIP", "Nama"])
    for r in range(1, MAX_ROWS + 2):
        ws.write_row(r, 0, ["1", "a"])
    wb.close()
    with pytest.raises(ImportFileError, match="batasnya"):
        read_table(path)


def test_binary_csv_and_too_many_columns_and_empty(tmp_path: Path) -> None:
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"NIP;Nama\x00\x01\x02")
    with pytest.raises(ImportFileError, match="biner"):
        read_table(binary)
    wide = tmp_path / "wide.csv"
    wide.write_text(";".join(f"k{i}" for i in range(MAX_COLUMNS + 5)) + "\n1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="kolom"):
        read_table(wide)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportFileError, match="kosong"):
        read_table(empty)


def test_merged_cells_are_filled_from_their_top_left_cell(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "gabung.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(HEADER))
    for row in office_rows():
        ws.append(list(row))
    ws.merge_cells("H2:H3")  # "Pelayanan" for the head and the first staff member
    ws["H4"] = "Pelayanan"
    wb.save(path)
    preview = Services(db, admin).read(imp.preview_employee_import, path)
    unit = preview.fields.index("unit")
    assert [r.values[unit] for r in preview.rows] == ["Pelayanan"] * 3
    assert any("H2:H3" in note for note, _en in preview.notes)


def test_hidden_sheets_are_not_read(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = tmp_path / "tersembunyi.xlsx"
    wb = openpyxl.Workbook()
    secret = wb.active
    secret.title = "Rahasia"
    secret.append(list(HEADER))
    secret.append(["199001012015011001", "Tidak Boleh Masuk"])
    secret.sheet_state = "hidden"
    visible = wb.create_sheet("Pegawai")
    visible.append(list(HEADER))
    for row in office_rows():
        visible.append(list(row))
    wb.active = 1
    wb.save(path)
    preview = Services(db, admin).read(imp.preview_employee_import, path)
    assert len(preview.rows) == 3
    assert all("Tidak Boleh Masuk" not in r.values for r in preview.rows)
    assert any("Rahasia" in note for note, _en in preview.notes)


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "judul.csv"
    path.write_text(
        "DAFTAR PEGAWAI KECAMATAN\n\n" + ";".join(HEADER) + "\n1;Siti\n", encoding="utf-8"
    )
    table = read_table(path, score=lambda h: sum(x in ("NIP", "Nama") for x in h))
    assert table.header[:2] == ["NIP", "Nama"] and table.rows == [(4, ["1", "Siti"])]


def test_a_file_written_by_libreoffice_is_read_back(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    if shutil.which("soffice") is None:
        # .ci/run installs it (libreoffice-calc-nogui): in CI a missing LibreOffice is a failure
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) not installed (apt-get install libreoffice-calc-nogui)")
    source = write_csv(tmp_path / "pegawai.csv", office_rows(), delimiter=",", encoding="utf-8")
    subprocess.run(
        ["soffice", "--headless", "--infilter=CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2",
         "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    preview = Services(db, admin).read(imp.preview_employee_import, tmp_path / "pegawai.xlsx")
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * 3, preview.rows
    assert (
        Services(db, admin).call(imp.commit_employee_import, tmp_path / "pegawai.xlsx").created == 3
    )


def test_excel_unicode_text_utf16_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("NIP\tNama\r\n1\tSiti Ümmü\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.header == ["NIP", "Nama"] and table.rows == [(2, ["1", "Siti Ümmü"])]
