"""PostgreSQL for the test fixtures: set FLEXDESK_TEST_PG_URL (a database URL whose user may
create databases, e.g. ``postgresql+psycopg://postgres@127.0.0.1:54329/postgres``) and the
``db``/``admin``/``staff`` fixtures hand each test its own PostgreSQL database, cloned from
templates built once per run (``CREATE DATABASE ... TEMPLATE``), instead of a SQLite file.

Tests that need the SQLite file itself (the sqlite3 module, backups, file corruption) do not
apply there; CI runs the service tests that do not (see docs/reliability.md).
"""

from __future__ import annotations

import itertools
import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

ENV = "FLEXDESK_TEST_PG_URL"
_names = itertools.count()


def pg_url() -> str | None:
    return os.environ.get(ENV) or None


def url_for(name: str) -> str:
    base = pg_url()
    assert base
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def new_name(kind: str) -> str:
    return f"fdtest_{kind}_{os.getpid()}_{next(_names)}"


def create_database(name: str, template: str | None = None) -> str:
    """(Re)create database ``name`` (as a copy of ``template``); returns its URL."""
    base = pg_url()
    assert base
    engine = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    finally:
        engine.dispose()
    return url_for(name)


def drop_database(name: str) -> None:
    base = pg_url()
    assert base
    engine = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
