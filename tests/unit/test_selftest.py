"""``flexdesk self-test``: passes on a working installation, explains a failure in both
languages, touches no real data and never loads Qt."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from flexdesk import selftest
from flexdesk.cli import main
from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
from flexdesk.reports.samples import sample_evaluation_form


def test_self_test_passes_and_prints_each_check_with_its_time(
    capsys: pytest.CaptureFixture[str], _isolated_data_dir: Path
) -> None:
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("FlexDesk ")
    for name in ("sumber daya", "basis data", "PDF", "PDF banyak", "bundel"):
        line = next(line for line in lines if line.startswith(f"OK     {name:<12} "))
        assert line.split()[len(name.split()) + 2] == "s", line  # "OK name 0.12 s detail"
    assert "salinan rusak ditolak" in out
    assert "4 berkas dari 2 proses" in out
    assert "all 5 checks passed" in lines[-1]
    # the self-test works in a temporary folder, never in the configured data folder
    assert not (_isolated_data_dir / "flexdesk.sqlite3").exists()


def test_a_failed_check_is_explained_in_both_languages_and_exits_non_zero(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_ws: object) -> str:
        raise selftest.CheckFailed("PDF tanpa halaman", "the PDF has no pages")

    checks = tuple(
        (n, e, broken if e == "PDF" else fn) for n, e, fn in selftest.CHECKS
    )  # fmt: skip
    monkeypatch.setattr(selftest, "CHECKS", checks)
    assert main(["self-test"]) == 1
    out = capsys.readouterr().out
    assert "GAGAL  PDF" in out
    assert "PDF tanpa halaman" in out
    assert "FAILED PDF" in out
    assert "the PDF has no pages" in out
    assert "1 of 5 checks FAILED (PDF)" in out
    assert "OK     bundel" in out  # later checks still run and report


def test_an_unexpected_error_is_reported_not_raised(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(_ws: object) -> str:
        raise OSError("disk penuh")

    monkeypatch.setattr(selftest, "CHECKS", (("basis data", "database", crash),))
    assert main(["self-test"]) == 1
    out = capsys.readouterr().out
    assert "GAGAL  basis data" in out
    assert "OSError: disk penuh" in out
    assert "Traceback" in out


def test_page_count_agrees_with_a_pdf_reader() -> None:
    data = build_evaluation_pdf_bytes(sample_evaluation_form())
    assert selftest.count_pdf_pages(data) == len(pypdf.PdfReader(io.BytesIO(data)).pages) > 1


def test_self_test_loads_no_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from flexdesk.cli import main\n"
        "rc = main(['self-test'])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "sys.exit(rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_server_check_explains_an_unreachable_server_without_the_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "CHECKS", ())  # the server check alone
    url = "postgresql+psycopg://flexdesk:Rahasia-1@127.0.0.1:1/flexdesk"
    assert main(["self-test", "--database-url", url]) == 1
    out = capsys.readouterr().out
    assert "GAGAL  server" in out and "Server tidak dapat dihubungi." in out
    assert "FAILED server" in out and "The server cannot be reached." in out
    assert "flexdesk:***@127.0.0.1:1/flexdesk" in out and "Rahasia" not in out
    assert "Traceback" not in out
    assert "1 of 1 checks FAILED (server)" in out


@pytest.mark.postgres
def test_server_check_reaches_the_test_server(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support import pg as pg_support

    url = pg_support.pg_url()
    assert url
    monkeypatch.setattr(selftest, "CHECKS", ())
    assert main(["self-test", "--database-url", url]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("OK     server"))
    assert "PostgreSQL " in line and "psycopg 3." in line and "skema " in line, line
    assert "all 1 checks passed" in out
