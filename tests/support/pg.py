"""PostgreSQL for the test fixtures: set FLEXDESK_TEST_PG_URL (a database URL whose user may
create databases, e.g. ``postgresql+psycopg://postgres@127.0.0.1:54329/postgres``) and the
``db``/``admin``/``staff`` fixtures hand each test its own PostgreSQL database, cloned from
templates built once per run (``CREATE DATABASE ... TEMPLATE``), instead of a SQLite file.

Tests that need the SQLite file itself (the sqlite3 module, the backup API, file corruption,
start-up file checks) do not apply there. They are listed in ``SQLITE_ONLY`` below (or carry
``@pytest.mark.sqlite_only(reason=...)``) and are deselected on a PostgreSQL run, which
prints them with their reasons at the end (tests/conftest.py). .ci/run runs the service and
database tests this way after the main SQLite run; docs/postgresql.md explains the setup.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

ENV = "FLEXDESK_TEST_PG_URL"
_names = itertools.count()

# What a PostgreSQL run leaves out. Only tests that use the ``db`` fixture (directly or through
# ``admin``/``staff``) touch PostgreSQL at all; the others build their own SQLite file or none
# and already ran in the main run. Of those that do, these need the SQLite file itself (keyed
# by node-id prefix, with the reason). A key that matches no collected test is an error
# (tests/conftest.py), so the list cannot silently go stale.
_BACKUP = "SQLite online backup API and backup files; PostgreSQL is backed up with pg_dump"
SQLITE_ONLY: dict[str, str] = {
    "tests/unit/services/test_backup.py::test_backup_while_open": _BACKUP,
    "tests/unit/services/test_backup.py::test_restore_refuses_a_corrupt": _BACKUP,
    "tests/unit/services/test_backup.py::test_start_up_backup": _BACKUP,
    "tests/unit/services/test_backup.py::test_cli_backup": _BACKUP,
    "tests/unit/services/test_backup.py::test_quick_check": "PRAGMA quick_check of the file",
    "tests/unit/services/test_backup.py::test_damaged_database": "damages the SQLite file",
    "tests/unit/services/test_fuzz_importers.py::test_backup_file_import": _BACKUP,
    "tests/unit/services/test_fuzz_importers.py::test_backup_restore": _BACKUP,
    "tests/unit/services/test_fuzz_importers.py::test_restore_needs_backup_manage": _BACKUP,
    # the refused roles of backup.manage still run on PostgreSQL
    "tests/unit/services/test_permission_matrix.py::test_matrix_through_services[admin-backup.manage]": (
        _BACKUP
    ),
    "tests/unit/db/test_storage.py::test_every_connection_gets_the_pragmas": (
        "SQLite connection pragmas (foreign_keys, WAL, busy_timeout, synchronous)"
    ),
}
NEEDS_SERVER = "needs a PostgreSQL server (marker postgres); .ci/run's PostgreSQL run has one"
NOT_ON_DB_FIXTURE = (
    "does not use the db/admin/staff fixtures: its own SQLite file or no database, "
    "covered by the main run"
)


def pg_url() -> str | None:
    return os.environ.get(ENV) or None


def url_for(name: str) -> str:
    base = pg_url()
    assert base
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def new_name(kind: str) -> str:
    return f"fdtest_{kind}_{os.getpid()}_{next(_names)}"


@functools.cache
def _server() -> Engine:
    """One autocommit connection pool to the maintenance database for the whole run."""
    base = pg_url()
    assert base
    return create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def create_database(name: str, template: str | None = None) -> str:
    """(Re)create database ``name`` (as a copy of ``template``); returns its URL.

    FILE_COPY: for a database of a few MB, copying the files is faster than WAL-logging
    every block (the default strategy since PostgreSQL 15).
    """
    suffix = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
    with _server().connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    return url_for(name)


def drop_database(name: str) -> None:
    with _server().connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def drop_databases(names: Iterable[str]) -> None:
    for name in names:
        drop_database(name)


@contextmanager
def fresh_database(kind: str) -> Iterator[str]:
    """An empty database of its own on the test server, dropped afterwards; its URL."""
    name = new_name(kind)
    url = create_database(name)
    try:
        yield url
    finally:
        drop_database(name)


def sqlite_only_reason(item: pytest.Item) -> str | None:
    """Why ``item`` does not apply on PostgreSQL, or None when it runs there."""
    marker = item.get_closest_marker("sqlite_only")
    if marker is not None:
        return str(marker.kwargs.get("reason") or (marker.args[0] if marker.args else ""))
    for prefix, reason in SQLITE_ONLY.items():
        if item.nodeid.startswith(prefix):
            return reason
    return None
