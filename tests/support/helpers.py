"""Shared test helpers: a migrated database, an office with its admin, staff and accounts.

Plain functions, usable from any test (unit, GUI, e2e, benchmarks); tests/support/fixtures.py wraps
the common ones as pytest fixtures (``data_paths``, ``db``, ``admin``, ``staff``).

argon2 costs about 0.15 s per hash or check, so the factories here reuse one hash per
password (as the demo office does). Only tests about signing in pay for real hashing: call
``office.first_run_setup`` / ``app.login`` yourself when that is what you are testing.
"""

from __future__ import annotations

import functools
import itertools
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flexdesk.db.engine import Database
from flexdesk.db.models import Office
from flexdesk.domain.people import EmployeeType, Gender, make_nip
from flexdesk.paths import DataPaths
from flexdesk.services import auth, employees, office, units
from flexdesk.services.app import open_database
from flexdesk.services.employees import EmployeeInput, EmployeeRow
from flexdesk.services.permissions import Actor, Role
from flexdesk.services.units import UnitRow

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "Rahasia-Admin-1"
USER_PASSWORD = "Rahasia-Pegawai-1"

DEFAULT_PROFILE = office.OfficeProfile(
    code="O042",
    instansi="Pemerintah Kabupaten Kuningan",
    unit_kerja="Kantor Kecamatan Cigugur",
    address="Jl. Raya Cigugur No. 12, Kuningan",
    city="Kuningan",
)


def make_db(root: Path) -> Database:
    """A new database in the data folder ``root``, migrated to head the way the app does it.

    The caller disposes it (``db.dispose()``); the ``db`` fixture does that for you.
    """
    return open_database(DataPaths(root))


def copy_database(src: Path, dest: Path) -> None:
    """Copy SQLite database ``src`` over ``dest`` (which may exist but must not be open).

    Used by the fixtures to hand each test its own copy of a database built once per run. A
    closed database (no ``-wal`` file left) is copied as a file, which is much faster than
    SQLite's backup API with its syncs; an open one goes through the backup API.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        dest.with_name(dest.name + suffix).unlink(missing_ok=True)
    if not src.with_name(src.name + "-wal").exists():
        shutil.copyfile(src, dest)
        return
    with closing(sqlite3.connect(src)) as source, closing(sqlite3.connect(dest)) as target:
        source.backup(target)


def restore_database(db: Database, src: Path | str) -> None:
    """Replace the contents of ``db`` (a SQLite file no session is using) with ``src``.

    On PostgreSQL (tests/support/pg.py) ``src`` names a template database to clone.
    """
    if db.engine.dialect.name == "postgresql":
        from tests.support import pg as pg_support

        assert isinstance(src, str), f"a PostgreSQL test database cannot be restored from {src}"
        db.engine.dispose()
        assert db.engine.url.database
        pg_support.create_database(db.engine.url.database, template=src)
        return
    assert db.is_sqlite and db.engine.url.database and isinstance(src, Path)
    db.engine.dispose()  # close pooled connections: none may keep old pages or schema
    copy_database(src, Path(db.engine.url.database))


@functools.cache
def password_hash(password: str) -> str:
    """One argon2 hash per password per test run (hashing is deliberately slow)."""
    return auth.hash_password(password)


def setup_office(
    db: Database,
    *,
    username: str = ADMIN_USERNAME,
    password: str = ADMIN_PASSWORD,
    admin_name: str = "Admin Kepegawaian",
    profile: office.OfficeProfile = DEFAULT_PROFILE,
) -> Actor:
    """The office profile and its first admin, as ``office.first_run_setup`` creates them.

    Mirrors first_run_setup with a cached password hash; tests/unit/services/test_office.py
    checks first_run_setup itself (and that both give the same result).
    """
    with db.session() as session:
        assert not office.is_set_up(session), "setup_office on an office that is set up"
        clean = office.validate_profile(profile)
        session.add(
            Office(
                code=clean.code,
                instansi=clean.instansi,
                unit_kerja=clean.unit_kerja,
                address=clean.address,
                city=clean.city,
                logo_png=clean.logo_png,
            )
        )
        user = auth.create_user_unchecked(
            session,
            username=username,
            password=password,
            role=Role.ADMIN,
            display_name=admin_name,
            password_hash=password_hash(password),
        )
        return auth.actor_for(user)


def add_user(
    db: Database,
    *,
    username: str,
    role: Role = Role.EMPLOYEE,
    employee_id: str | None = None,
    password: str = USER_PASSWORD,
    display_name: str = "",
) -> Actor:
    """An account (no permission check, cached hash); returns the Actor it signs in as."""
    with db.session() as session:
        user = auth.create_user_unchecked(
            session,
            username=username,
            password=password,
            role=role,
            display_name=display_name,
            employee_id=employee_id,
            password_hash=password_hash(password),
        )
        return auth.actor_for(user)


def add_unit(db: Database, actor: Actor, name: str, code: str = "") -> UnitRow:
    with db.session() as session:
        return units.create_unit(session, actor, name, code)


_nip_numbers = itertools.count()


def next_nip(
    employee_type: EmployeeType = EmployeeType.PNS, *, gender: Gender = Gender.FEMALE
) -> str:
    """A valid NIP (or NI PPPK) not handed out before in this test run."""
    n = next(_nip_numbers)
    birth = date(1970 + (n // 999) % 25, 1 + n % 12, 1 + n % 28)
    appointment = date(birth.year + 25, 3, 1)
    return make_nip(birth, appointment, gender, n % 999 + 1, employee_type)


def add_employee(
    db: Database,
    actor: Actor,
    nama: str = "Siti Aminah",
    *,
    employee_type: EmployeeType = EmployeeType.PNS,
    nip: str | None = None,
    **fields: Any,
) -> EmployeeRow:
    """Create an employee through the service; PNS/PPPK get a fresh valid NIP unless given."""
    if nip is None:
        nip = "" if employee_type is EmployeeType.NON_ASN else next_nip(employee_type)
    data = EmployeeInput(nama=nama, employee_type=employee_type, nip=nip, **fields)
    with db.session() as session:
        return employees.create_employee(session, actor, data)


def get_employee(db: Database, actor: Actor, employee_id: str) -> EmployeeRow:
    with db.read_session() as session:
        return employees.get_employee(session, actor, employee_id)


@dataclass(frozen=True)
class Staff:
    """A small office: two units; in the first a head (atasan) and two staff reporting to them."""

    admin: Actor
    unit: UnitRow
    other_unit: UnitRow
    head: EmployeeRow  # Kepala Seksi, signs in as a supervisor
    member: EmployeeRow  # staff with an employee account
    colleague: EmployeeRow  # staff without an account
    head_actor: Actor
    member_actor: Actor


def make_staff(db: Database, admin: Actor) -> Staff:
    unit = add_unit(db, admin, "Seksi Pelayanan Umum", "PEL")
    other = add_unit(db, admin, "Sekretariat", "SEK")
    head = add_employee(
        db,
        admin,
        "Bambang Hermawan",
        gelar_belakang="S.Sos.",
        golongan="III/d",
        jabatan="Kepala Seksi Pelayanan Umum",
        unit_id=unit.id,
    )
    member = add_employee(
        db,
        admin,
        "Dewi Lestari",
        golongan="III/a",
        jabatan="Analis Pelayanan",
        unit_id=unit.id,
        supervisor_id=head.id,
    )
    colleague = add_employee(
        db,
        admin,
        "Agus Saputra",
        employee_type=EmployeeType.PPPK,
        golongan="VII",
        jabatan="Pengadministrasi Umum",
        unit_id=unit.id,
        supervisor_id=head.id,
    )
    head_actor = add_user(db, username="bambang", role=Role.SUPERVISOR, employee_id=head.id)
    member_actor = add_user(db, username="dewi", role=Role.EMPLOYEE, employee_id=member.id)
    return Staff(admin, unit, other, head, member, colleague, head_actor, member_actor)
