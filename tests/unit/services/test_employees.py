"""Employees: validation (NIP per type, golongan, supervisor chain), search and paging."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.domain.people import EmployeeType, Gender, make_nip
from flexdesk.errors import ConflictError, NotFound, ValidationError
from flexdesk.services import employees, office
from flexdesk.services.app import Services
from flexdesk.services.employees import EmployeeFilter, EmployeeInput, EmployeeRow
from flexdesk.services.permissions import Actor
from tests.support.helpers import Staff, add_employee, add_unit, next_nip

PNS, PPPK, NON_ASN = EmployeeType.PNS, EmployeeType.PPPK, EmployeeType.NON_ASN
NIP_PNS = make_nip(date(1985, 3, 12), date(2010, 1, 1), Gender.MALE, 3, PNS)
NI_PPPK = make_nip(date(1990, 9, 13), date(2021, 1, 1), Gender.FEMALE, 14, PPPK)


def _count(db: Database) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count(Employee.id))) or 0)


def _create(db: Database, actor: Actor, data: EmployeeInput) -> EmployeeRow:
    return Services(db, actor).call(employees.create_employee, data)


def _update(db: Database, actor: Actor, employee_id: str, data: EmployeeInput) -> EmployeeRow:
    return Services(db, actor).call(employees.update_employee, employee_id, data)


def _refused(
    db: Database, actor: Actor, data: EmployeeInput, error: type[Exception], field: str
) -> Exception:
    before = _count(db)
    with pytest.raises(error) as info:
        _create(db, actor, data)
    assert getattr(info.value, "field", None) == field
    assert _count(db) == before, "a refused employee must not be saved"
    return info.value


# -- creating ------------------------------------------------------------------------------------


def test_create_pns_takes_gender_and_birth_date_from_the_nip(db: Database, admin: Actor) -> None:
    unit = add_unit(db, admin, "Sekretariat")
    row = _create(
        db,
        admin,
        EmployeeInput(
            nama="  Asep   Suryadi ",
            nip="19850312 201001 1 003",
            gelar_depan="Drs.",
            gelar_belakang="M.Si.",
            golongan="iv / a",
            jabatan="Sekretaris  Camat",
            unit_id=unit.id,
            gender=Gender.FEMALE,  # ignored: the NIP says male
            birth_date=date(2000, 1, 1),  # ignored: the NIP says 12 March 1985
        ),
    )
    assert row.nip == NIP_PNS
    assert row.nip_display == "19850312 201001 1 003"
    assert (row.gender, row.birth_date) == (Gender.MALE, date(1985, 3, 12))
    assert row.nama == "Asep Suryadi"
    assert row.display_name == "Drs. Asep Suryadi, M.Si."
    assert (row.golongan, row.pangkat) == ("IV/a", "Pembina, IV/a")
    assert row.jabatan == "Sekretaris Camat"
    assert (row.unit_id, row.unit_name) == (unit.id, "Sekretariat")
    assert row.employee_type is PNS and row.active and row.flex_eligible


def test_create_pppk(db: Database, admin: Actor) -> None:
    row = _create(
        db,
        admin,
        EmployeeInput(nama="Rina Wulandari", employee_type=PPPK, nip=NI_PPPK, golongan="ix"),
    )
    assert row.nip == NI_PPPK
    assert row.nip_display == "19900913 2021 21 2 014"
    assert (row.gender, row.birth_date) == (Gender.FEMALE, date(1990, 9, 13))
    assert (row.golongan, row.pangkat) == ("IX", "Golongan IX")


def test_non_asn_has_no_nip(db: Database, admin: Actor) -> None:
    row = _create(
        db,
        admin,
        EmployeeInput(
            nama="Ujang Permana",
            employee_type=NON_ASN,
            gender=Gender.MALE,
            birth_date=date(1996, 2, 29),
        ),
    )
    assert (row.nip, row.nip_display, row.golongan) == (None, "", "")
    assert (row.gender, row.birth_date) == (Gender.MALE, date(1996, 2, 29))
    # Two non-ASN staff without NIP do not clash on the unique NIP column.
    _create(db, admin, EmployeeInput(nama="Euis Rahayu", employee_type=NON_ASN))
    assert _count(db) == 2


def test_non_asn_with_a_nip_is_refused(db: Database, admin: Actor) -> None:
    error = _refused(
        db,
        admin,
        EmployeeInput(nama="Ujang", employee_type=NON_ASN, nip=NIP_PNS),
        ValidationError,
        "nip",
    )
    assert "non-ASN" in str(error)


@pytest.mark.parametrize(
    "nip",
    [
        "",  # PNS must have one
        "19850312201001100",  # 17 digits
        "1985031220100110031",  # 19 digits
        "19850231 201001 1 003",  # 31 February
        "19851312 201001 1 003",  # month 13
        "19850312 201013 1 003",  # TMT month 13
        "19850312 201001 3 003",  # gender digit must be 1 or 2
        "19850312 201001 1 000",  # serial starts at 001
        "19850312 200001 1 003",  # appointed at 14
        "1985O312 201001 1 003",  # letter O for zero
    ],
)
def test_invalid_nip_is_refused_and_nothing_saved(db: Database, admin: Actor, nip: str) -> None:
    error = _refused(db, admin, EmployeeInput(nama="Siti Aminah", nip=nip), ValidationError, "nip")
    assert "NIP" in str(error)


def test_pppk_number_checked_as_pppk(db: Database, admin: Actor) -> None:
    # Digits 9-14 of an NI PPPK are no TMT month: read as a PNS NIP, "202121" is month 21.
    assert NI_PPPK[8:14] == "202121"
    bad_year = NI_PPPK[:8] + "2099" + NI_PPPK[12:]
    _refused(
        db,
        admin,
        EmployeeInput(nama="Rina", employee_type=PPPK, nip=bad_year),
        ValidationError,
        "nip",
    )
    _refused(
        db,
        admin,
        EmployeeInput(nama="Rina", employee_type=PNS, nip=NI_PPPK),
        ValidationError,
        "nip",
    )


def test_minimum_age_setting_applies(db: Database, admin: Actor) -> None:
    young = make_nip(date(1990, 5, 1), date(2007, 6, 1), Gender.MALE, 1)  # appointed at 17
    _refused(db, admin, EmployeeInput(nama="Muda", nip=young), ValidationError, "nip")
    Services(db, admin).call(office.set_setting, "nip_min_age_at_appointment", 16)
    assert _create(db, admin, EmployeeInput(nama="Muda", nip=young)).nip == young


def test_duplicate_nip_is_a_conflict(db: Database, admin: Actor) -> None:
    first = _create(db, admin, EmployeeInput(nama="Asep Suryadi", nip=NIP_PNS))
    error = _refused(
        db,
        admin,
        EmployeeInput(nama="Orang Lain", nip="19850312.201001.1.003"),
        ConflictError,
        "nip",
    )
    assert "19850312 201001 1 003" in str(error)
    # Saving the holder again with their own NIP is not a clash.
    row = _update(db, admin, first.id, replace(first.to_input(), jabatan="Camat"))
    assert row.jabatan == "Camat"


@pytest.mark.parametrize(
    ("employee_type", "golongan"),
    [
        (PNS, "IX"),
        (PNS, "III/f"),
        (PNS, "V/a"),
        (PPPK, "III/a"),
        (PPPK, "XVIII"),
        (NON_ASN, "II/a"),
        (NON_ASN, "V"),
    ],
)
def test_golongan_must_match_the_employee_type(
    db: Database, admin: Actor, employee_type: EmployeeType, golongan: str
) -> None:
    nip = "" if employee_type is NON_ASN else next_nip(employee_type)
    _refused(
        db,
        admin,
        EmployeeInput(nama="Siti", employee_type=employee_type, nip=nip, golongan=golongan),
        ValidationError,
        "golongan",
    )


def test_other_field_errors(db: Database, admin: Actor) -> None:
    _refused(db, admin, EmployeeInput(nama="   ", nip=next_nip()), ValidationError, "nama")
    _refused(
        db,
        admin,
        EmployeeInput(nama="Siti", nip=next_nip(), unit_id="no-such-unit"),
        ValidationError,
        "unit",
    )
    _refused(
        db,
        admin,
        EmployeeInput(nama="Siti", nip=next_nip(), supervisor_id="nobody"),
        ValidationError,
        "supervisor",
    )


def test_get_and_update_unknown_employee(db: Database, admin: Actor) -> None:
    with pytest.raises(NotFound):
        Services(db, admin).read(employees.get_employee, "no-such-id")
    with pytest.raises(NotFound):
        _update(db, admin, "no-such-id", EmployeeInput(nama="Siti"))


# -- the supervisor chain ------------------------------------------------------------------------


def test_supervisor_cycle_is_refused(db: Database, admin: Actor) -> None:
    top = add_employee(db, admin, "Camat")
    middle = add_employee(db, admin, "Sekcam", supervisor_id=top.id)
    low = add_employee(db, admin, "Staf", supervisor_id=middle.id)
    assert low.supervisor_name == "Sekcam"

    for new_boss in (low, middle, top):  # indirect, direct, self
        with pytest.raises(ValidationError) as info:
            _update(db, admin, top.id, replace(top.to_input(), supervisor_id=new_boss.id))
        assert info.value.field == "supervisor"
    assert Services(db, admin).read(employees.get_employee, top.id).supervisor_id is None

    # Re-pointing down the chain without a loop is fine.
    row = _update(db, admin, low.id, replace(low.to_input(), supervisor_id=top.id))
    assert row.supervisor_name == "Camat"


# -- listing, searching, paging ------------------------------------------------------------------


def test_search_by_name_nip_fragment_jabatan_and_gelar(db: Database, staff: Staff) -> None:
    admin = staff.admin

    def names(text: str, **kw: object) -> list[str]:
        flt = EmployeeFilter(text=text, **kw)  # type: ignore[arg-type]
        rows = Services(db, admin).read(employees.list_employees, flt)
        assert Services(db, admin).read(employees.count_employees, flt) == len(rows)
        return [r.nama for r in rows]

    assert names("dewi") == ["Dewi Lestari"]
    assert names("LESTARI") == ["Dewi Lestari"]
    assert names("dewi lestari") == ["Dewi Lestari"]  # every word must match
    assert names("dewi saputra") == []
    assert names("s.sos") == ["Bambang Hermawan"]  # gelar belakang
    assert names("analis") == ["Dewi Lestari"]  # jabatan
    assert names("kepala seksi") == ["Bambang Hermawan"]
    nip = staff.colleague.nip
    assert nip is not None
    assert names(nip[:8]) == ["Agus Saputra"]
    assert names(nip[6:14]) == ["Agus Saputra"]  # a fragment from the middle
    assert names(staff.colleague.nip_display) == ["Agus Saputra"]  # typed with spaces
    assert names(f"{nip[:8]}.{nip[8:12]}") == ["Agus Saputra"]  # typed with dots
    assert names("") == ["Agus Saputra", "Bambang Hermawan", "Dewi Lestari"]
    assert names("", unit_id=staff.other_unit.id) == []
    assert names("dewi", unit_id=staff.unit.id) == ["Dewi Lestari"]


def test_inactive_employees_are_hidden_unless_asked(db: Database, staff: Staff) -> None:
    _update(db, staff.admin, staff.colleague.id, replace(staff.colleague.to_input(), active=False))
    services = Services(db, staff.admin)
    assert services.read(employees.count_employees) == 2
    assert services.read(employees.count_employees, EmployeeFilter(include_inactive=True)) == 3
    assert [
        r.nama
        for r in services.read(
            employees.list_employees, EmployeeFilter(text="agus", include_inactive=True)
        )
    ] == ["Agus Saputra"]
    assert staff.colleague.id not in {i for i, _ in services.read(employees.supervisor_choices)}


def test_paging_is_stable_and_ordered_by_unit_then_name(db: Database, admin: Actor) -> None:
    tata_usaha = add_unit(db, admin, "Tata Usaha")
    pelayanan = add_unit(db, admin, "Pelayanan")
    names = ["Yuni", "Agus", "Made", "Siti", "Budi", "Rina", "Agus", "Eko", "Nur", "Dedi", "Ani"]
    for i, nama in enumerate(names):
        unit_id = (tata_usaha.id, pelayanan.id, None)[i % 3]
        add_employee(db, admin, nama, unit_id=unit_id)
    services = Services(db, admin)
    everyone = services.read(employees.list_employees)
    assert services.read(employees.count_employees) == len(everyone) == 11
    keys = [(r.unit_name == "", r.unit_name, r.nama, r.id) for r in everyone]
    assert keys == sorted(keys), "ordered by unit, then name (no unit last), then id"
    assert [r.unit_name for r in everyone][-3:] == ["", "", ""]

    for size in (1, 3, 4, 11, 20):
        pages = []
        for offset in range(0, 12, size):
            pages += services.read(employees.list_employees, offset=offset, limit=size)
        assert [r.id for r in pages] == [r.id for r in everyone]
    assert services.read(employees.list_employees, offset=11, limit=5) == []
    # The same page twice is the same rows (two "Agus" in one unit included).
    assert services.read(employees.list_employees, offset=2, limit=4) == services.read(
        employees.list_employees, offset=2, limit=4
    )
    flt = EmployeeFilter(unit_id=pelayanan.id)
    assert services.read(employees.count_employees, flt) == 4
    assert {r.unit_name for r in services.read(employees.list_employees, flt)} == {"Pelayanan"}


def test_row_round_trips_through_to_input(db: Database, staff: Staff) -> None:
    row = Services(db, staff.admin).read(employees.get_employee, staff.member.id)
    assert row == staff.member
    assert row.supervisor_name == "Bambang Hermawan, S.Sos."
    again = _update(db, staff.admin, row.id, row.to_input())
    assert again == row


def test_search_treats_percent_and_underscore_literally(db, admin) -> None:  # type: ignore[no-untyped-def]
    from flexdesk.services import employees as svc
    from flexdesk.services.employees import EmployeeFilter, EmployeeInput

    with db.session() as session:
        svc.create_employee(
            session,
            admin,
            EmployeeInput(nama="Budi 100% Hadir", employee_type=svc.EmployeeType.NON_ASN),
        )
        svc.create_employee(
            session,
            admin,
            EmployeeInput(nama="Budi Santoso", employee_type=svc.EmployeeType.NON_ASN),
        )
    with db.read_session() as session:
        found = svc.list_employees(session, admin, EmployeeFilter(text="100%"))
        assert [e.nama for e in found] == ["Budi 100% Hadir"]
        assert svc.list_employees(session, admin, EmployeeFilter(text="Bud_")) == []
