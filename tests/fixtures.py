"""Pytest fixtures over tests/helpers.py, loaded by tests/conftest.py (``pytest_plugins``).

All public fixtures are function-scoped: every test gets its own data folder and its own
database file. To keep hundreds of tests fast, the databases are built once per run (a
migrated empty one, one with the office and admin, one with staff) and each test receives a
fresh copy of the one it asks for. Migrations themselves are tested in tests/unit/db.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths, default_data_root, resolve_data_paths
from flexdesk.services.app import open_database
from flexdesk.services.permissions import Actor
from tests.helpers import (
    Staff,
    copy_database,
    make_db,
    make_staff,
    restore_database,
    setup_office,
)


@pytest.fixture(scope="session")
def _template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("db-templates")


@pytest.fixture(scope="session")
def _empty_template(_template_dir: Path) -> Path:
    db = make_db(_template_dir / "empty")
    db.dispose()
    return DataPaths(_template_dir / "empty").database


@pytest.fixture(scope="session")
def _admin_template(_template_dir: Path, _empty_template: Path) -> tuple[Path, Actor]:
    path = _template_dir / "admin.sqlite3"
    copy_database(_empty_template, path)
    db = Database.for_file(path)
    try:
        actor = setup_office(db)
    finally:
        db.dispose()
    return path, actor


@pytest.fixture(scope="session")
def _staff_template(_template_dir: Path, _admin_template: tuple[Path, Actor]) -> tuple[Path, Staff]:
    admin_path, admin_actor = _admin_template
    path = _template_dir / "staff.sqlite3"
    copy_database(admin_path, path)  # same admin account as the ``admin`` fixture
    db = Database.for_file(path)
    try:
        staff = make_staff(db, admin_actor)
    finally:
        db.dispose()
    return path, staff


@pytest.fixture
def data_paths() -> DataPaths:
    """This test's data folder (FLEXDESK_DATA_DIR, set by conftest's autouse fixture)."""
    paths = resolve_data_paths()
    assert paths.root != default_data_root(), "a test is about to use the real data folder"
    return paths


@pytest.fixture
def db(data_paths: DataPaths, _empty_template: Path) -> Iterator[Database]:
    """The database of this test's data folder, at the newest schema, with no office yet."""
    data_paths.ensure()
    copy_database(_empty_template, data_paths.database)
    database = open_database(data_paths)
    yield database
    database.dispose()


@pytest.fixture
def admin(db: Database, _admin_template: tuple[Path, Actor]) -> Actor:
    """The office profile (tests.helpers.DEFAULT_PROFILE) and its first admin; the admin's Actor.

    The admin signs in as tests.helpers.ADMIN_USERNAME / ADMIN_PASSWORD.
    """
    path, actor = _admin_template
    restore_database(db, path)
    return actor


@pytest.fixture
def staff(db: Database, admin: Actor, _staff_template: tuple[Path, Staff]) -> Staff:
    """Two units, a head with a supervisor account and two staff (one with an account).

    Accounts sign in with tests.helpers.USER_PASSWORD; ``staff.admin`` is the ``admin`` Actor.
    """
    path, staff = _staff_template
    restore_database(db, path)
    assert staff.admin == admin
    return staff
