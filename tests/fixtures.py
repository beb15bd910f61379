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
from tests import pg_support
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
def _empty_template(_template_dir: Path) -> Iterator[Path]:
    if pg_support.pg_url():  # PostgreSQL: templates are databases, named by a Path
        name = pg_support.new_name("empty")
        url = pg_support.create_database(name)
        open_database(DataPaths(_template_dir / "empty"), database_url=url).dispose()
        yield Path(name)
        pg_support.drop_database(name)
        return
    db = make_db(_template_dir / "empty")
    db.dispose()
    yield DataPaths(_template_dir / "empty").database


def _template_copy(src: Path, dest: Path) -> Database:
    """A copy of template ``src`` (a file, or a PostgreSQL database name) opened as ``dest``."""
    if pg_support.pg_url():
        return Database(pg_support.create_database(dest.stem, template=str(src)))
    copy_database(src, dest)
    return Database.for_file(dest)


@pytest.fixture(scope="session")
def _admin_template(_template_dir: Path, _empty_template: Path) -> tuple[Path, Actor]:
    path = _template_dir / (
        "admin.sqlite3" if not pg_support.pg_url() else pg_support.new_name("admin")
    )
    db = _template_copy(_empty_template, path)
    try:
        actor = setup_office(db)
    finally:
        db.dispose()
    return Path(path.name) if pg_support.pg_url() else path, actor


@pytest.fixture(scope="session")
def _staff_template(_template_dir: Path, _admin_template: tuple[Path, Actor]) -> tuple[Path, Staff]:
    admin_path, admin_actor = _admin_template
    path = _template_dir / (
        "staff.sqlite3" if not pg_support.pg_url() else pg_support.new_name("staff")
    )
    db = _template_copy(admin_path, path)  # same admin account as the ``admin`` fixture
    try:
        staff = make_staff(db, admin_actor)
    finally:
        db.dispose()
    return Path(path.name) if pg_support.pg_url() else path, staff


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
    if pg_support.pg_url():
        name = pg_support.new_name("t")
        url = pg_support.create_database(name, template=str(_empty_template))
        database = open_database(data_paths, database_url=url)
        yield database
        database.dispose()
        pg_support.drop_database(name)
        return
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
