"""``flexdesk import`` and ``flexdesk export`` from the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from flexdesk.cli import main
from flexdesk.paths import DataPaths
from tests.support.helpers import make_db, setup_office
from tests.unit.services.transfer.support import HEAD, nip, office_rows, write_csv


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office_dir(tmp_path: Path) -> Path:
    root = tmp_path / "kantor"
    db = make_db(root)
    setup_office(db)
    db.dispose()
    return root


def test_import_preview_apply_accounts_and_exports(
    office_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(office_dir)]
    path = write_csv(tmp_path / "p.csv", office_rows())
    code, out, _ = _run(capsys, "import", "employees", str(path), *data)
    assert code == 0 and "3 baru" in out and "--apply" in out
    slips = tmp_path / "slip.pdf"
    code, out, _ = _run(
        capsys, "import", "employees", str(path), "--apply", "--accounts", str(slips), *data
    )
    assert code == 0 and "Pegawai baru 3" in out and "Akun dibuat: 3" in out
    assert HEAD in "".join(p.extract_text() for p in PdfReader(slips).pages)
    code, out, _ = _run(capsys, "import", "employees", str(path), *data)
    assert "3 tetap" in out

    out_xlsx = tmp_path / "pegawai.xlsx"
    code, out, _ = _run(capsys, "export", "employees", str(out_xlsx), *data)
    assert code == 0 and "3 baris" in out
    assert openpyxl.load_workbook(out_xlsx).active.max_row >= 6
    for argv in (("schedule", "--month", "2026-11"), ("ekinerja", "--year", "2026"),
                 ("evaluation", "--year", "2026", "--period", "3", "--unit", "pelayanan"),
                 ("logs", "--from", "2026-01-01"), ("recap", "--year", "2026", "--employee", HEAD)):  # fmt: skip
        target = tmp_path / f"{argv[0]}.xlsx"
        code, out, err = _run(capsys, "export", *argv, str(target), *data)
        assert code == 0, err
        assert target.is_file()


def test_refused_rows_exit_1_and_template(
    office_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    data = ["--data-dir", str(office_dir)]
    bad = write_csv(tmp_path / "bad.csv", [(nip(5)[:10], "Siti", "", "", "PNS", "", "", "", "")])
    code, out, err = _run(capsys, "import", "employees", str(bad), "--apply", *data)
    assert code == 1 and "18 digit" in out and "Tidak ada yang disimpan" in err
    template = tmp_path / "templat-skp.xlsx"
    code, out, _ = _run(capsys, "import", "template", "skp", str(template))
    assert code == 0 and template.is_file()
    code, out, err = _run(
        capsys, "import", "copy-skp", "--unit", "Tidak Ada", "--year", "2027", *data
    )
    assert code == 2 and "tidak ditemukan" in err
