"""Installer tests build the frozen app and its packages (minutes): on demand only.

FLEXDESK_RUN_INSTALLER_TESTS=1 python -m pytest tests/installers      # Linux: bundle and .deb
FLEXDESK_RUN_WINDOWS_TESTS=1 python -m pytest tests/installers        # Windows build (Wine)

Both also connect the installed program to a PostgreSQL server: FLEXDESK_INSTALLER_PG_URL is a
URL whose user may create databases (.ci/run passes its throwaway cluster's). Not
FLEXDESK_TEST_PG_URL: that one turns a run into the PostgreSQL run of the database tests.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

_names = itertools.count()

RUN_ENV = "FLEXDESK_RUN_INSTALLER_TESTS"
WINDOWS_ENV = "FLEXDESK_RUN_WINDOWS_TESTS"
PG_ENV = "FLEXDESK_INSTALLER_PG_URL"


@pytest.fixture
def server_database() -> Iterator[str]:
    """A new database on the installer run's PostgreSQL server, dropped afterwards; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    base = os.environ.get(PG_ENV)
    assert base, (
        f"set {PG_ENV} to a PostgreSQL URL whose user may create databases "
        "(.ci/run passes its throwaway cluster's): the installed program must reach a server"
    )
    name = f"fdinst_{os.getpid()}_{next(_names)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    linux = os.environ.get(RUN_ENV) == "1"
    windows = os.environ.get(WINDOWS_ENV) == "1"
    skip_linux = pytest.mark.skip(reason=f"builds the installers: set {RUN_ENV}=1 to run")
    skip_windows = pytest.mark.skip(
        reason=f"builds the Windows program under Wine: set {WINDOWS_ENV}=1 to run"
    )
    for item in items:
        if "windows_build" in item.keywords:
            if not windows:
                item.add_marker(skip_windows)
        elif "installer" in item.keywords and not linux:
            item.add_marker(skip_linux)
