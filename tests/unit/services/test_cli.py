"""The headless command line: ``flexdesk demo``, ``info``, ``migrate``, ``--version``."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from flexdesk import __version__
from flexdesk.cli import main
from flexdesk.db.migrate import describe, schema_heads
from flexdesk.paths import DataPaths
from flexdesk.services import demo


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """main() attaches a log file handler to the root logger; detach it after each test."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "demo-data"
    code, out, _ = _run(capsys, "demo", "--data-dir", str(data))
    assert code == 0
    assert f"Kantor demo dibuat di {data}" in out
    assert demo.DEMO_PASSWORD in out
    assert "admin: admin" in out
    assert DataPaths(data).database.is_file()
    assert (data / "logs" / "flexdesk.log").is_file(), "logs stay beside an overridden data dir"

    for argv in (("info", "--data-dir", str(data)), ("--data-dir", str(data), "info")):
        code, out, _ = _run(capsys, *argv)
        assert code == 0
        lines = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        assert lines["Folder data "].strip() == str(data)
        assert lines["Kantor      "].strip() == "Kantor Kecamatan Cigugur (O042)"
        assert lines["Pegawai     "].split() == ["40", "Akun:", "41"]
        heads = describe(schema_heads())
        assert lines["Skema       "].strip() == f"{heads} (terbaru {heads})"
        assert out.startswith(f"FlexDesk {__version__}\n")

    code, out, _ = _run(capsys, "--data-dir", str(data), "demo")
    assert code == 0
    assert f"Kantor demo sudah ada di {data}" in out


def test_info_uses_flexdesk_data_dir(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "info")
    assert code == 0
    assert f"Folder data : {data_paths.root}\n" in out
    assert "Kantor      : -\n" in out
    assert "Pegawai     : 0   Akun: 0\n" in out
    assert data_paths.database.is_file()


def test_migrate_command(data_paths: DataPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "migrate", "--data-dir", str(data_paths.root))
    assert code == 0
    assert out.strip() == f"Skema basis data: {describe(schema_heads())}"


def test_newer_database_is_reported_not_crashed_on(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "migrate")[0] == 0
    with closing(sqlite3.connect(data_paths.database)) as conn:
        conn.execute(
            "UPDATE alembic_version SET version_num = 'ffff'"
            " WHERE version_num = (SELECT MIN(version_num) FROM alembic_version)"
        )
        conn.commit()
    code, out, err = _run(capsys, "info")
    assert code == 2
    assert out == ""
    assert err.startswith("Galat: ") and "lebih baru" in err


@pytest.mark.parametrize("argv", [["--version"], ["info", "--help"]])
def test_version_and_help_exit_zero(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    out = capsys.readouterr().out
    if argv == ["--version"]:
        assert out.strip() == f"FlexDesk {__version__}"
    else:
        assert "--data-dir" in out


def test_database_urls_are_printed_without_their_password() -> None:
    from flexdesk.cli import display_url

    shown = display_url("postgresql+psycopg://flexdesk:rahasia-sekali@10.0.0.5:5432/kantor")
    assert "rahasia" not in shown
    assert shown == "postgresql+psycopg://flexdesk:***@10.0.0.5:5432/kantor"
    assert display_url("sqlite:////data/flexdesk.sqlite3") == "sqlite:////data/flexdesk.sqlite3"
