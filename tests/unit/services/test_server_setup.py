"""Setting a PC up for the office's server: the URL from the wizard's fields, the private
``database-url.txt``, "Uji koneksi" in words, and opening the server (services/server.py)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths
from flexdesk.services import office, server
from flexdesk.services.storage.location import (
    DATABASE_URL_FILE,
    configured_database_url,
    forget_database_url,
    save_database_url,
    server_url,
)
from tests.support import pg as pg_support

SECRET = "ra:h@sia/1"


def test_server_url_escapes_the_password() -> None:
    url = server_url(" 192.168.1.10 ", 5432, "flexdesk", "flexdesk", SECRET)
    assert url == "postgresql+psycopg://flexdesk:ra%3Ah%40sia%2F1@192.168.1.10:5432/flexdesk"
    assert server.masked(url) == "postgresql+psycopg://flexdesk:***@192.168.1.10:5432/flexdesk"


def test_saved_url_is_private_and_read_back(data_paths: DataPaths) -> None:
    data_paths.ensure()
    url = server_url("192.168.1.10", 5432, "flexdesk", "flexdesk", SECRET)
    path = save_database_url(data_paths, url)
    assert path == data_paths.root / DATABASE_URL_FILE
    assert configured_database_url(data_paths) == url
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(data_paths.root.glob("*.tmp"))
    forget_database_url(data_paths)
    assert configured_database_url(data_paths) is None


def test_unreachable_server_is_explained_without_the_password() -> None:
    url = server_url("127.0.0.1", 1, "flexdesk", "flexdesk", SECRET)
    with pytest.raises(StorageError) as caught:
        server.check_server(url)
    for message in (caught.value.message, caught.value.message_en):
        assert SECRET not in message and "ra%3A" not in message
        assert "127.0.0.1:1" in message
    assert caught.value.message.startswith("Server tidak dapat dihubungi.")
    assert "Connection refused" in caught.value.message_en


def test_unreadable_address_is_refused() -> None:
    with pytest.raises(StorageError) as caught:
        server.check_server("postgresql+psycopg://flexdesk@host:notaport/flexdesk")
    assert "tidak dapat dibaca" in caught.value.message


@pytest.fixture
def server_db() -> Iterator[str]:
    """An empty database of its own on the test server; its URL."""
    with pg_support.fresh_database("srv") as url:
        yield url


def _profile() -> office.OfficeProfile:
    return office.OfficeProfile(
        code="O042",
        instansi="Pemerintah Kabupaten Kuningan",
        unit_kerja="Kantor Kecamatan Cigugur",
        address="Jl. Raya Cigugur No. 12",
        city="Kuningan",
        logo_png=None,
    )


@pytest.mark.postgres
def test_empty_server_then_set_up_then_second_pc(
    server_db: str, data_paths: DataPaths, tmp_path: os.PathLike[str]
) -> None:
    found = server.check_server(server_db)
    assert found.schema is server.Schema.EMPTY and found.office_name is None and found.usable
    assert found.server_version[0].isdigit()
    db, name = server.use_server(data_paths, server_db)
    try:
        assert name is None
        assert configured_database_url(data_paths) == server_db
        assert not db.is_sqlite
        with db.session() as session:
            office.first_run_setup(
                session,
                _profile(),
                admin_username="admin",
                admin_password="kuat-sekali-1",
                admin_name="Rina",
            )
    finally:
        db.dispose()
    again = server.check_server(server_db)
    assert again.schema is server.Schema.CURRENT
    assert again.office_name == "Kantor Kecamatan Cigugur — Pemerintah Kabupaten Kuningan"
    # the second PC: its own data folder, the same server, the office is found
    second = DataPaths(data_paths.root.parent / "pc2").ensure()
    db2, name2 = server.use_server(second, server_db)
    db2.dispose()
    assert name2 == again.office_name


@pytest.mark.postgres
def test_missing_database_and_foreign_tables(server_db: str) -> None:
    missing = server_db.rsplit("/", 1)[0] + "/tidak_ada_" + pg_support.new_name("x")
    with pytest.raises(StorageError) as caught:
        server.check_server(missing)
    assert "basis data itu belum ada" in caught.value.message
    engine = create_engine(server_db)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE payroll (id integer)"))
    engine.dispose()
    with pytest.raises(StorageError) as caught:
        server.check_server(server_db)
    assert "tabel program lain (1 tabel)" in caught.value.message


@pytest.mark.postgres
def test_failed_open_goes_back_to_the_local_file(data_paths: DataPaths, server_db: str) -> None:
    data_paths.ensure()
    bad = server_db.rsplit("/", 1)[0] + "/tidak_ada_" + pg_support.new_name("x")
    with pytest.raises(StorageError):
        server.use_server(data_paths, bad)
    assert configured_database_url(data_paths) is None
