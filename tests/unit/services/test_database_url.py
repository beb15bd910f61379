"""Choosing the database: the SQLite file, or a PostgreSQL server from ``--database-url`` or
``database-url.txt`` in the data folder, with errors in words (docs/postgresql.md)."""

from __future__ import annotations

import socket
import sys
import time

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import DATA_ROOT
from flexdesk.db.models import Office
from flexdesk.db.models_blobs import AttachmentBlob
from flexdesk.errors import StorageError
from flexdesk.paths import DataPaths
from flexdesk.services import demo
from flexdesk.services.app import open_database
from flexdesk.services.storage import attachments
from flexdesk.services.storage.location import DATABASE_URL_FILE, configured_database_url
from tests.support import pg as pg_support


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_url_file_first_line_that_is_not_a_comment(data_paths: DataPaths) -> None:
    data_paths.ensure()
    assert configured_database_url(data_paths) is None
    path = data_paths.root / DATABASE_URL_FILE
    path.write_text(
        "# server kantor\n\n  postgresql+psycopg://fd@10.0.0.5/flexdesk  \nx\n", "utf-8"
    )
    assert configured_database_url(data_paths) == "postgresql+psycopg://fd@10.0.0.5/flexdesk"
    path.write_text("# only a comment\n", "utf-8")
    assert configured_database_url(data_paths) is None
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(StorageError, match=DATABASE_URL_FILE):
        configured_database_url(data_paths)


@pytest.mark.parametrize(
    "url",
    ["not a url", "postgresql+psycopg://fd@host:notaport/db", "postgresql+nodriver://fd@h/db"],
)
def test_unreadable_url_is_refused_in_words(data_paths: DataPaths, url: str) -> None:
    with pytest.raises(StorageError) as err:
        open_database(data_paths, database_url=url)
    assert "postgresql+psycopg://flexdesk:PASSWORD@" in err.value.message_en
    assert not data_paths.database.exists()


def test_missing_driver_names_the_postgres_extra(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError
    (data_paths.root / DATABASE_URL_FILE).parent.mkdir(parents=True, exist_ok=True)
    (data_paths.root / DATABASE_URL_FILE).write_text("postgresql+psycopg://fd@10.0.0.5/x\n")
    with pytest.raises(StorageError) as err:
        open_database(data_paths)  # the URL comes from the data folder's file
    assert "flexdesk[postgres]" in err.value.message_en
    assert not data_paths.database.exists(), "no SQLite file instead of the server"


@pytest.mark.postgres
def test_unreachable_server_is_reported_without_the_password(data_paths: DataPaths) -> None:
    url = f"postgresql+psycopg://flexdesk:s3cret-pw@127.0.0.1:{_free_port()}/flexdesk"
    started = time.monotonic()
    with pytest.raises(StorageError) as err:
        open_database(data_paths, database_url=url)
    assert time.monotonic() - started < 15  # the connect timeout, not a hang
    for message in (str(err.value), err.value.message_en):
        assert "127.0.0.1" in message and "s3cret-pw" not in message
    assert "PostgreSQL server is running" in err.value.message_en
    assert not data_paths.database.exists()


@pytest.mark.postgres
def test_server_database_keeps_evidence_in_the_database(data_paths: DataPaths) -> None:
    """A fresh server database is migrated on first use; the demo office's evidence files go
    into the database (every PC of the office reads them there), none into this PC's data
    folder."""
    name = pg_support.new_name("url")
    url = pg_support.create_database(name)
    try:
        db = open_database(data_paths, database_url=url)
        try:
            assert db.engine.dialect.name == "postgresql"
            with db.session() as session:
                assert session.info[DATA_ROOT] == data_paths.root
                demo.create_demo_office(session, employees=8)
            with db.read_session() as session:
                assert session.scalar(select(Office.code)) == "O042"
                blobs = session.scalar(select(func.count()).select_from(AttachmentBlob))
                referenced = attachments.referenced_digests(session)
                assert blobs and blobs == len(referenced)
        finally:
            db.dispose()
        assert not any(p.is_file() for p in data_paths.attachments.rglob("*"))
        assert not data_paths.database.exists()
    finally:
        pg_support.drop_database(name)
