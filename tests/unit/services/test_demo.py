"""The demo office (``flexdesk --demo``) and the synthetic staff generator behind it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from flexdesk.db.base import current_change_seq
from flexdesk.db.engine import Database
from flexdesk.db.models import Employee, User, WorkUnit
from flexdesk.domain.people import EmployeeType, find_golongan, parse_nip
from flexdesk.services import demo, employees, office
from flexdesk.services.app import Services, login
from flexdesk.services.auth import check_password_rules
from flexdesk.services.permissions import Role
from tests.support.fixtures import Template
from tests.support.helpers import restore_database


def _create(db: Database, **kw: int) -> demo.DemoInfo:
    with db.session() as session:
        return demo.create_demo_office(session, **kw)


@pytest.fixture(scope="module")
def _demo_template(
    db_template: Callable[..., tuple[Template, demo.DemoInfo]],
) -> tuple[Template, demo.DemoInfo]:
    """The default demo office, built once (two argon2 hashes); each test gets a copy."""
    return db_template("demo", _create)


@pytest.fixture
def demo_db(db: Database, _demo_template: tuple[Template, demo.DemoInfo]) -> demo.DemoInfo:
    template, info = _demo_template
    restore_database(db, template)
    return info


def test_demo_office_staff(db: Database, demo_db: demo.DemoInfo) -> None:
    info = demo_db
    assert (info.office_code, info.admin_username, info.password) == (
        "O042",
        "admin",
        demo.DEMO_PASSWORD,
    )
    assert info.employee_count == 40
    with db.read_session() as session:
        assert office.is_set_up(session)
        units = session.scalars(select(WorkUnit)).all()
        staff = session.scalars(select(Employee)).all()
        by_id = {e.id: e for e in staff}

        assert sorted(u.name for u in units) == sorted(name for name, _ in demo.UNITS)
        assert len(staff) == 40
        assert Counter(e.unit_id for e in staff) == dict.fromkeys((u.id for u in units), 10)

        min_age = office.get_int_setting(session, "nip_min_age_at_appointment")
        types = Counter(e.employee_type for e in staff)
        assert set(types) <= {"pns", "pppk"} and types["pns"] > types["pppk"] > 0
        for emp in staff:
            etype = EmployeeType(emp.employee_type)
            assert emp.nip is not None
            nip = parse_nip(emp.nip, etype, min_age_at_appointment=min_age)
            assert (nip.gender.value, nip.birth_date) == (emp.gender, emp.birth_date)
            gol = find_golongan(emp.golongan)
            assert gol is not None and gol.employee_type is etype
        assert len({e.nip for e in staff}) == 40

        heads = [e for e in staff if e.jabatan.startswith("Kepala ")]
        assert len(heads) == 4 and {h.unit_id for h in heads} == {u.id for u in units}
        chief = [h for h in heads if h.supervisor_id is None]
        assert len(chief) == 1, "one head (the camat) reports to nobody in the office"
        for head in heads:
            assert head.supervisor_id in (None, chief[0].id)
        for emp in staff:
            if emp in heads:
                continue
            boss = by_id[emp.supervisor_id]  # type: ignore[index]
            assert boss in heads and boss.unit_id == emp.unit_id

        # Bulk-inserted rows still carry distinct change numbers below the counter.
        seqs = [e.change_seq for e in staff] + [u.change_seq for u in units]
        assert len(set(seqs)) == len(seqs) and min(seqs) > 0
        assert current_change_seq(session) >= max(seqs)


def test_demo_accounts(db: Database, demo_db: demo.DemoInfo) -> None:
    info = demo_db
    with db.read_session() as session:
        users = {u.username: u for u in session.scalars(select(User))}
        session.expunge_all()  # keep the loaded values readable after the session ends
        heads = set(session.scalars(select(Employee.id).where(Employee.jabatan.like("Kepala %"))))
    assert len(users) == 41
    assert set(users) == {info.admin_username, *info.supervisor_usernames, *info.employee_usernames}
    assert len(info.supervisor_usernames) == 4 and len(info.employee_usernames) == 36
    for name, user in users.items():
        assert user.active
        if name == "admin":
            assert (user.role, user.employee_id) == ("admin", None)
        else:
            expected = "supervisor" if user.employee_id in heads else "employee"
            assert user.role == expected
    # Every staff account carries the one demo hash; signing in as one proves them all.
    assert len({u.password_hash for n, u in users.items() if n != "admin"}) == 1
    check_password_rules(demo.DEMO_PASSWORD)

    supervisor = login(db, info.supervisor_usernames[0], demo.DEMO_PASSWORD)
    assert supervisor.role is Role.SUPERVISOR and supervisor.employee_id in heads
    admin = login(db, "admin", demo.DEMO_PASSWORD)
    assert admin.role is Role.ADMIN
    assert Services(db, supervisor).read(employees.count_employees) == 40


def test_demo_works_for_other_seeds(db: Database) -> None:
    """Regression: names like "Ni Luh Sukmawati" once gave the 2-letter username "ni"."""
    info = _create(db, seed=0)
    with db.read_session() as session:
        assert session.scalar(select(func.count(User.id))) == 41
    assert all(len(u) >= 3 for u in info.employee_usernames + info.supervisor_usernames)


def test_generate_staff_sizes(db: Database) -> None:
    with db.session() as session:
        rows = demo.generate_staff(session, employees=130, seed=1)
    assert len(rows) == 130
    with db.read_session() as session:
        assert session.scalar(select(func.count(WorkUnit.id))) == 4  # about 40 a unit
        assert session.scalar(select(func.count(Employee.id))) == 130
    assert sum(1 for r in rows if r["is_head"]) == 4
