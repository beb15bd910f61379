"""Who may do what: the role matrix exhaustively, then the record-level rules in services.

A refused action raises PermissionDenied and leaves the database exactly as it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee, Office, Setting, User, WorkUnit
from flexdesk.domain.people import EmployeeType, Gender
from flexdesk.errors import ConflictError, PermissionDenied
from flexdesk.services import auth, employees, office, units
from flexdesk.services.app import Services
from flexdesk.services.employees import EmployeeInput
from flexdesk.services.permissions import _ACTION_TEXT, PERMISSIONS, Action, Actor, Role, require
from tests.support.helpers import (
    DEFAULT_PROFILE,
    USER_PASSWORD,
    Staff,
    add_employee,
    add_user,
    next_nip,
)

# The foundation's part of the matrix, pinned: the core actions and who holds them. Later
# capabilities add their own actions (and test them); admin always holds every action.
CORE_ACTIONS = frozenset(
    {
        Action.OFFICE_VIEW,
        Action.OFFICE_EDIT,
        Action.UNIT_MANAGE,
        Action.EMPLOYEE_VIEW,
        Action.EMPLOYEE_CREATE,
        Action.EMPLOYEE_EDIT_ANY,
        Action.EMPLOYEE_EDIT_SELF,
        Action.USER_MANAGE,
        Action.SETTINGS_EDIT,
    }
)
_STAFF_CORE = {Action.OFFICE_VIEW, Action.EMPLOYEE_VIEW, Action.EMPLOYEE_EDIT_SELF}
EXPECTED_CORE: dict[Role, set[Action]] = {
    Role.ADMIN: set(CORE_ACTIONS),
    Role.SUPERVISOR: _STAFF_CORE,
    Role.EMPLOYEE: _STAFF_CORE,
}


def _actor(role: Role) -> Actor:
    return Actor(user_id=f"u-{role}", username=f"user-{role}", role=role)


@pytest.mark.parametrize(("role", "action"), list(itertools.product(Role, Action)))
def test_require_allows_exactly_the_matrix(role: Role, action: Action) -> None:
    actor = _actor(role)
    allowed = action in PERMISSIONS[role]
    if action in CORE_ACTIONS:
        assert allowed == (action in EXPECTED_CORE[role])
    if role is Role.ADMIN:
        assert allowed
    assert actor.can(action) == allowed
    if allowed:
        require(actor, action)
    else:
        with pytest.raises(PermissionDenied) as info:
            require(actor, action)
        assert role.label_id in str(info.value)
        assert role.label_en in info.value.message_en
        assert info.value.message_en != info.value.message


def test_matrix_covers_every_role_and_explains_every_action() -> None:
    assert set(PERMISSIONS) == set(Role)
    assert set(_ACTION_TEXT) == set(Action), "require() needs a text for every action"


# -- a snapshot of everything a refused call must leave alone -----------------------------------


def _snapshot(db: Database) -> dict[str, Any]:
    def rows(session: Session, model: type, *cols: str) -> list[tuple[Any, ...]]:
        order = model.__mapper__.primary_key[0]  # type: ignore[attr-defined]
        found: list[Any] = list(session.scalars(select(model).order_by(order)))
        return [tuple(getattr(r, c) for c in cols) for r in found]

    with db.read_session() as session:
        return {
            "employees": rows(
                session,
                Employee,
                "id",
                "nama",
                "gelar_depan",
                "gelar_belakang",
                "nip",
                "unit_id",
                "supervisor_id",
                "golongan",
                "jabatan",
                "active",
                "flex_eligible",
                "gender",
                "birth_date",
                "rev",
                "change_seq",
            ),
            "users": rows(
                session,
                User,
                "id",
                "username",
                "role",
                "active",
                "password_hash",
                "failed_attempts",
                "locked_until",
                "rev",
            ),
            "units": rows(session, WorkUnit, "id", "name", "code", "active", "rev"),
            "office": rows(session, Office, "id", "code", "instansi", "city", "rev"),
            "settings": rows(session, Setting, "key", "value"),
        }


def _refused(db: Database, actor: Actor, fn: Callable[..., Any], *args: Any, **kw: Any) -> None:
    before = _snapshot(db)
    with pytest.raises(PermissionDenied):
        Services(db, actor).call(fn, *args, **kw)
    assert _snapshot(db) == before


def _input(db: Database, actor: Actor, employee_id: str) -> EmployeeInput:
    with db.read_session() as session:
        return employees.get_employee(session, actor, employee_id).to_input()


ROLES = ["member", "head"]


def _who(staff: Staff, who: str) -> tuple[Actor, str]:
    """(actor, own employee id) for the employee or the supervisor account."""
    if who == "member":
        return staff.member_actor, staff.member.id
    return staff.head_actor, staff.head.id


# -- employees ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_staff_cannot_create_employees(db: Database, staff: Staff, who: str) -> None:
    actor, _ = _who(staff, who)
    _refused(db, actor, employees.create_employee, EmployeeInput(nama="Orang Baru", nip=next_nip()))


@pytest.mark.parametrize(
    ("who", "target"),
    [("member", "colleague"), ("member", "head"), ("head", "member"), ("head", "colleague")],
)
def test_staff_cannot_edit_another_employee(
    db: Database, staff: Staff, who: str, target: str
) -> None:
    actor, _ = _who(staff, who)
    other = getattr(staff, target)
    data = replace(_input(db, staff.admin, other.id), nama="Nama Diganti")
    _refused(db, actor, employees.update_employee, other.id, data)


@pytest.mark.parametrize("who", ROLES)
def test_staff_can_edit_own_name_and_titles(db: Database, staff: Staff, who: str) -> None:
    actor, own_id = _who(staff, who)
    current = _input(db, actor, own_id)
    data = replace(
        current,
        gelar_depan="Dr.",
        nama="  Nama   Baru ",
        gelar_belakang="M.Si.",
        nip=f" {current.nip[:8]}.{current.nip[8:]} ",  # same NIP, typed with separators
    )
    row = Services(db, actor).call(employees.update_employee, own_id, data)
    assert (row.gelar_depan, row.nama, row.gelar_belakang) == ("Dr.", "Nama Baru", "M.Si.")
    assert row.display_name == "Dr. Nama Baru, M.Si."
    assert row.nip == current.nip
    assert (row.unit_id, row.supervisor_id, row.golongan) == (
        current.unit_id,
        current.supervisor_id,
        current.golongan,
    )


PERSONNEL_CHANGES: dict[str, Callable[[EmployeeInput, Staff], EmployeeInput]] = {
    "unit": lambda d, s: replace(d, unit_id=s.other_unit.id),
    "no unit": lambda d, s: replace(d, unit_id=None),
    "nip": lambda d, s: replace(d, nip=next_nip()),
    "supervisor": lambda d, s: replace(d, supervisor_id=s.colleague.id),
    "golongan": lambda d, s: replace(d, golongan="IV/e"),
    "jabatan": lambda d, s: replace(d, jabatan="Camat"),
    "active": lambda d, s: replace(d, active=False),
    "flex": lambda d, s: replace(d, flex_eligible=not d.flex_eligible),
    "type": lambda d, s: replace(d, employee_type=EmployeeType.PPPK, golongan="IX"),
}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("change", list(PERSONNEL_CHANGES))
def test_staff_cannot_change_own_personnel_data(
    db: Database, staff: Staff, who: str, change: str
) -> None:
    actor, own_id = _who(staff, who)
    data = PERSONNEL_CHANGES[change](_input(db, actor, own_id), staff)
    with_name = replace(data, nama="Nama Sekalian Diganti")  # mixed with an allowed change
    _refused(db, actor, employees.update_employee, own_id, data)
    _refused(db, actor, employees.update_employee, own_id, with_name)


def test_non_asn_staff_cannot_change_own_birth_date_or_gender(db: Database, staff: Staff) -> None:
    honorer = add_employee(
        db,
        staff.admin,
        "Ujang Permana",
        employee_type=EmployeeType.NON_ASN,
        gender=Gender.MALE,
        birth_date=date(1995, 4, 2),
        unit_id=staff.unit.id,
        supervisor_id=staff.head.id,
    )
    actor = add_user(db, username="ujang", employee_id=honorer.id)
    data = replace(
        _input(db, actor, honorer.id),
        nama="Ujang Permana Putra",
        gender=Gender.FEMALE,
        birth_date=date(2001, 1, 1),
    )
    row = Services(db, actor).call(employees.update_employee, honorer.id, data)
    assert row.nama == "Ujang Permana Putra"
    assert (row.gender, row.birth_date) == (Gender.MALE, date(1995, 4, 2))


def test_admin_edits_anyone(db: Database, staff: Staff) -> None:
    data = replace(
        _input(db, staff.admin, staff.member.id), unit_id=staff.other_unit.id, supervisor_id=None
    )
    row = Services(db, staff.admin).call(employees.update_employee, staff.member.id, data)
    assert row.unit_name == "Sekretariat"


def test_everyone_signed_in_can_view_employees(db: Database, staff: Staff) -> None:
    for actor in (staff.admin, staff.head_actor, staff.member_actor):
        assert Services(db, actor).read(employees.count_employees) == 3


# -- user accounts ------------------------------------------------------------------------------

USER_OPERATIONS: dict[
    str, Callable[[Staff], tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]]
] = {
    "list": lambda s: (auth.list_users, (), {}),
    "create": lambda s: (
        auth.create_user,
        (),
        {"username": "baru", "password": USER_PASSWORD, "role": Role.ADMIN},
    ),
    "reset": lambda s: (auth.reset_password, (s.admin.user_id, "Sandi-Baru-2026"), {}),
    "unlock": lambda s: (auth.unlock_user, (s.member_actor.user_id,), {}),
    "promote self": lambda s: (
        auth.set_user_role,
        (s.member_actor.user_id, Role.ADMIN, True),
        {},
    ),
    "deactivate admin": lambda s: (auth.set_user_role, (s.admin.user_id, Role.ADMIN, False), {}),
}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("operation", list(USER_OPERATIONS))
def test_only_admin_manages_users(db: Database, staff: Staff, who: str, operation: str) -> None:
    actor, _ = _who(staff, who)
    fn, args, kwargs = USER_OPERATIONS[operation](staff)
    _refused(db, actor, fn, *args, **kwargs)


def test_admin_manages_users(db: Database, staff: Staff) -> None:
    services = Services(db, staff.admin)
    services.call(auth.set_user_role, staff.member_actor.user_id, Role.SUPERVISOR, True)
    services.call(auth.set_user_role, staff.head_actor.user_id, Role.ADMIN, False)
    rows = {r.username: r for r in services.read(auth.list_users)}
    assert (rows["dewi"].role, rows["dewi"].active) == (Role.SUPERVISOR, True)
    assert (rows["bambang"].role, rows["bambang"].active) == (Role.ADMIN, False)


@pytest.mark.parametrize(
    ("role", "active"), [(Role.EMPLOYEE, True), (Role.SUPERVISOR, True), (Role.ADMIN, False)]
)
def test_admin_cannot_demote_or_deactivate_themself(
    db: Database, staff: Staff, role: Role, active: bool
) -> None:
    before = _snapshot(db)
    with pytest.raises(ConflictError):
        Services(db, staff.admin).call(auth.set_user_role, staff.admin.user_id, role, active)
    assert _snapshot(db) == before


# -- office profile, units, settings ------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_only_admin_edits_office_units_and_settings(db: Database, staff: Staff, who: str) -> None:
    actor, _ = _who(staff, who)
    _refused(db, actor, office.update_office, replace(DEFAULT_PROFILE, city="Cirebon"))
    _refused(db, actor, units.create_unit, "Seksi Baru")
    _refused(db, actor, units.update_unit, staff.unit.id, name="Diganti", code="X", active=False)
    _refused(db, actor, office.set_setting, "paper_size", "F4")
    # ...but they may read the profile and the unit list.
    assert Services(db, actor).read(office.office_profile).city == "Kuningan"
    assert [u.name for u in Services(db, actor).read(units.list_units)] == [
        "Sekretariat",
        "Seksi Pelayanan Umum",
    ]


def test_admin_edits_office_units_and_settings(db: Database, staff: Staff) -> None:
    services = Services(db, staff.admin)
    services.call(office.update_office, replace(DEFAULT_PROFILE, city="Cirebon"))
    services.call(units.update_unit, staff.other_unit.id, name="Tata Usaha", code="TU", active=True)
    services.call(office.set_setting, "paper_size", "F4")
    assert services.read(office.office_profile).city == "Cirebon"
    assert {u.name for u in services.read(units.list_units)} == {
        "Tata Usaha",
        "Seksi Pelayanan Umum",
    }
    with db.read_session() as session:
        assert office.get_setting(session, "paper_size") == "F4"
