"""Pytest fixtures over tests/support/helpers.py, loaded by tests/conftest.py (``pytest_plugins``).

All public fixtures are function-scoped: every test gets its own data folder and its own
database file. To keep hundreds of tests fast, the databases are built once per run (a
migrated empty one, one with the office and admin, one with staff) and each test receives a
fresh copy of the one it asks for. Migrations themselves are tested in tests/unit/db.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths, default_data_root, resolve_data_paths
from flexdesk.services.app import open_database
from flexdesk.services.permissions import Actor
from flexdesk.services.storage.location import DATABASE_URL_FILE
from tests.support import pg as pg_support
from tests.support.helpers import (
    Staff,
    copy_database,
    make_db,
    make_staff,
    restore_database,
    setup_office,
)

# A template is a SQLite file (copied per test) or, on a PostgreSQL run (tests/support/pg.py),
# the name of a template database (cloned per test); nothing of it lives in the working folder.
Template = Path | str
T = TypeVar("T")


@pytest.fixture(scope="session")
def _template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("db-templates")


@pytest.fixture(scope="session")
def _pg_templates() -> Iterator[list[str]]:
    """Names of the template databases this run created; dropped at the end of the run."""
    names: list[str] = []
    yield names
    if pg_support.pg_url():
        pg_support.drop_databases(names)


def _new_template(
    template_dir: Path, kind: str, pg_names: list[str], source: Template | None
) -> tuple[Template, Database]:
    """A new template of ``kind`` (a copy of ``source``, or migrated from nothing), open."""
    if pg_support.pg_url():
        name = pg_support.new_name(kind)
        pg_names.append(name)
        url = pg_support.create_database(name, template=None if source is None else str(source))
        if source is None:
            return name, open_database(DataPaths(template_dir / kind), database_url=url)
        return name, Database(url)
    if source is None:
        db = make_db(template_dir / kind)
        return DataPaths(template_dir / kind).database, db
    assert isinstance(source, Path)
    path = template_dir / f"{kind}.sqlite3"
    copy_database(source, path)
    return path, Database.for_file(path)


@pytest.fixture(scope="session")
def _empty_template(_template_dir: Path, _pg_templates: list[str]) -> Template:
    template, db = _new_template(_template_dir, "empty", _pg_templates, None)
    db.dispose()
    return template


@pytest.fixture(scope="session")
def _admin_template(
    _template_dir: Path, _pg_templates: list[str], _empty_template: Template
) -> tuple[Template, Actor]:
    template, db = _new_template(_template_dir, "admin", _pg_templates, _empty_template)
    try:
        actor = setup_office(db)
    finally:
        db.dispose()
    return template, actor


@pytest.fixture(scope="session")
def _staff_template(
    _template_dir: Path, _pg_templates: list[str], _admin_template: tuple[Template, Actor]
) -> tuple[Template, Staff]:
    admin_template, admin_actor = _admin_template
    # same admin account as the ``admin`` fixture
    template, db = _new_template(_template_dir, "staff", _pg_templates, admin_template)
    try:
        staff = make_staff(db, admin_actor)
    finally:
        db.dispose()
    return template, staff


@pytest.fixture(scope="session")
def db_template(
    _template_dir: Path, _pg_templates: list[str], _empty_template: Template
) -> Callable[[str, Callable[[Database], T]], tuple[Template, T]]:
    """Build a template of your own for a module: ``db_template("demo", build)`` copies the
    empty template, runs ``build(db)`` on it once and returns the template (hand it to
    tests.support.helpers.restore_database in a function fixture) and what ``build`` returned."""

    def make(kind: str, build: Callable[[Database], T]) -> tuple[Template, T]:
        template, db = _new_template(_template_dir, kind, _pg_templates, _empty_template)
        try:
            return template, build(db)
        finally:
            db.dispose()

    return make


# on PostgreSQL, the template each test database was cloned from (so ``admin``/``staff`` need
# not clone again: three CREATE DATABASE per test would double the run's time)
_cloned_from: dict[int, Template] = {}


@pytest.fixture
def data_paths() -> DataPaths:
    """This test's data folder (FLEXDESK_DATA_DIR, set by conftest's autouse fixture)."""
    paths = resolve_data_paths()
    assert paths.root != default_data_root(), "a test is about to use the real data folder"
    return paths


@pytest.fixture
def db(
    request: pytest.FixtureRequest, data_paths: DataPaths, _empty_template: Template
) -> Iterator[Database]:
    """The database of this test's data folder, at the newest schema, with no office yet."""
    data_paths.ensure()
    if pg_support.pg_url():
        # clone straight from the template the test ends up with (see ``admin``/``staff``)
        template = _empty_template
        if _uses_fixture(request, "staff"):
            template = request.getfixturevalue("_staff_template")[0]
        elif _uses_fixture(request, "admin"):
            template = request.getfixturevalue("_admin_template")[0]
        name = pg_support.new_name("t")
        url = pg_support.create_database(name, template=str(template))
        # what an office PC has: the server's URL in the data folder, so the CLI and the GUI
        # the test starts with only --data-dir use this test's database too
        (data_paths.root / DATABASE_URL_FILE).write_text(url + "\n", encoding="utf-8")
        database = open_database(data_paths)
        assert database.engine.url.database == name
        _cloned_from[id(database)] = template
        try:
            yield database
        finally:
            _cloned_from.pop(id(database), None)
            database.dispose()
            pg_support.drop_database(name)
        return
    assert isinstance(_empty_template, Path)
    copy_database(_empty_template, data_paths.database)
    database = open_database(data_paths)
    yield database
    database.dispose()


def _uses_fixture(request: pytest.FixtureRequest, name: str) -> bool:
    """Whether the test asks for fixture ``name`` (not a parametrize argument of that name)."""
    callspec = getattr(request.node, "callspec", None)
    return name in request.fixturenames and name not in (callspec.params if callspec else {})


def _restore(db: Database, template: Template) -> None:
    if _cloned_from.get(id(db)) == template:
        return  # PostgreSQL: ``db`` was cloned from this template already
    restore_database(db, template)
    if pg_support.pg_url():
        _cloned_from[id(db)] = template


@pytest.fixture
def admin(db: Database, _admin_template: tuple[Template, Actor]) -> Actor:
    """The office profile (tests.support.helpers.DEFAULT_PROFILE) and its first admin; the admin's Actor.

    The admin signs in as tests.support.helpers.ADMIN_USERNAME / ADMIN_PASSWORD.
    """
    template, actor = _admin_template
    _restore(db, template)
    return actor


@pytest.fixture
def staff(db: Database, admin: Actor, _staff_template: tuple[Template, Staff]) -> Staff:
    """Two units, a head with a supervisor account and two staff (one with an account).

    Accounts sign in with tests.support.helpers.USER_PASSWORD; ``staff.admin`` is the ``admin`` Actor.
    """
    template, staff = _staff_template
    _restore(db, template)
    assert staff.admin == admin
    return staff
