"""Demo and synthetic offices: realistic staff with valid NIPs, supervisors and accounts.

``create_demo_office`` builds the office ``flexdesk --demo`` opens (about 40 people in four
units). ``generate_staff`` is the same generator at any size, used by the benchmarks
(300-employee start-up, 500-employee schedules, ...). Deterministic for a given seed.
``create_demo_office`` then calls each capability's generator (schedules, outputs,
evaluations) in turn.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import insert
from sqlalchemy.orm import Session

from flexdesk.db.audit import record_bulk_inserts
from flexdesk.db.base import new_uuid, take_sequence_numbers, utcnow
from flexdesk.db.models import Employee, WorkUnit
from flexdesk.domain.people import EmployeeType, Gender, make_nip
from flexdesk.services import auth, office
from flexdesk.services.demo_info import DEMO_PASSWORD, DemoInfo
from flexdesk.services.permissions import Role

__all__ = ["DEMO_PASSWORD", "DemoInfo", "create_demo_office", "generate_staff"]


FIRST_NAMES_M = (
    "Budi", "Agus", "Ahmad", "Dedi", "Eko", "Hendra", "Iwan", "Joko", "Rudi", "Asep", "Yusuf",
    "Made", "Wayan", "Fajar", "Rizki", "Taufik", "Bambang", "Dimas", "Arif", "Ujang",
)  # fmt: skip
FIRST_NAMES_F = (
    "Siti", "Dewi", "Sri", "Rina", "Nur", "Ani", "Lestari", "Yuni", "Ratna", "Fitri", "Euis",
    "Ni Luh", "Putri", "Wulan", "Intan", "Ayu", "Indah", "Nining", "Endang", "Rahmawati",
)  # fmt: skip
LAST_NAMES = (
    "Santoso", "Wijaya", "Kurniawan", "Hidayat", "Saputra", "Permana", "Suryadi", "Rahayu",
    "Lestari", "Nugroho", "Setiawan", "Maulana", "Hermawan", "Sukmawati", "Pratama",
    "Gunawan", "Susanti", "Mulyani", "Kusuma", "Firmansyah", "Anggraini", "Wibowo",
)  # fmt: skip
GELAR_BELAKANG = (
    "",
    "",
    "S.Kom.",
    "S.E.",
    "S.Sos.",
    "S.H.",
    "S.AP.",
    "S.Kep., Ns.",
    "A.Md.",
    "M.Si.",
    "S.IP., M.M.",
)
UNITS = (
    ("Sekretariat", "SEK"),
    ("Seksi Pelayanan Umum", "PEL"),
    ("Seksi Pemerintahan", "PEM"),
    ("Seksi Kesejahteraan Sosial", "KES"),
)
STAFF_POSITIONS = (
    "Analis Kebijakan", "Pengadministrasi Umum", "Pranata Komputer", "Pengelola Keuangan",
    "Arsiparis", "Pengolah Data", "Penyuluh Sosial", "Analis Pelayanan", "Pengelola Layanan Operasional",
)  # fmt: skip


def _person(rng: random.Random, used: set[str], etype: EmployeeType) -> dict[str, object]:
    gender = rng.choice((Gender.MALE, Gender.FEMALE))
    first = rng.choice(FIRST_NAMES_M if gender is Gender.MALE else FIRST_NAMES_F)
    nama = f"{first} {rng.choice(LAST_NAMES)}"
    birth = date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
    start_year = min(birth.year + rng.randint(21, 30), 2024)
    appointment = date(start_year, rng.choice((1, 3, 4, 12)), 1)
    while True:
        nip = make_nip(birth, appointment, gender, rng.randint(1, 999), etype)
        if nip not in used:
            used.add(nip)
            break
    return {
        "nama": nama,
        "gender": gender.value,
        "birth_date": birth,
        "nip": nip,
        "gelar_belakang": rng.choice(GELAR_BELAKANG),
        "employee_type": etype.value,
    }


def _unit_rows(n_units: int) -> list[dict[str, object]]:
    """The demo's four units first, then numbered "Unit Layanan" ones."""
    unit_rows: list[dict[str, object]] = []
    for i in range(n_units):
        name, code = UNITS[i] if i < len(UNITS) else (f"Unit Layanan {i + 1}", f"U{i + 1:02d}")
        unit_rows.append({"id": new_uuid(), "name": name, "code": code, "active": True})
    return unit_rows


def _golongan(rng: random.Random, is_head: bool, etype: EmployeeType) -> str:
    if is_head:
        return rng.choice(("III/d", "IV/a", "IV/b"))
    if etype is EmployeeType.PNS:
        return rng.choice(("II/c", "II/d", "III/a", "III/b", "III/c"))
    return rng.choice(("V", "VII", "IX"))  # PPPK


def _staff_row(
    rng: random.Random, used: set[str], unit: dict[str, object], is_head: bool
) -> dict[str, object]:
    """One employee of ``unit`` (its head: always PNS, a higher golongan); supervisors are
    linked once everyone exists."""
    etype = EmployeeType.PPPK if rng.random() < 0.15 else EmployeeType.PNS
    if is_head:
        etype = EmployeeType.PNS
    person = _person(rng, used, etype)
    golongan = _golongan(rng, is_head, etype)
    jabatan = f"Kepala {unit['name']}" if is_head else rng.choice(STAFF_POSITIONS)
    return {
        **person,
        "id": new_uuid(),
        "gelar_depan": "",
        "golongan": golongan,
        "jabatan": jabatan,
        "unit_id": unit["id"],
        "supervisor_id": None,
        "flex_eligible": rng.random() > 0.1,
        "active": True,
        "is_head": is_head,
    }


def _link_supervisors(rows: list[dict[str, object]], n_units: int) -> None:
    """Staff report to their unit's head; the heads to the head of the first unit (the camat
    / kepala kantor in the demo)."""
    heads = {row["unit_id"]: row["id"] for row in rows[:n_units]}
    for row in rows:
        if not row["is_head"]:
            row["supervisor_id"] = heads[row["unit_id"]]
    for row in rows[1:n_units]:
        row["supervisor_id"] = rows[0]["id"]


def _insert_staff(
    session: Session, unit_rows: list[dict[str, object]], rows: list[dict[str, object]]
) -> None:
    """Bulk inserts; the change sequence numbers are taken in one block so a bulk insert still
    feeds incremental sync correctly."""
    now = utcnow()
    seq = take_sequence_numbers(session, len(unit_rows) + len(rows))
    for row in (*unit_rows, *rows):
        row.update(created_at=now, updated_at=now, rev=1, change_seq=seq)
        seq += 1
    session.execute(insert(WorkUnit), unit_rows)
    session.execute(
        insert(Employee), [{k: v for k, v in r.items() if k != "is_head"} for r in rows]
    )
    # bulk inserts skip the audit hook: record them, or `flexdesk audit verify` reports them
    record_bulk_inserts(session, WorkUnit, [r["id"] for r in unit_rows])
    record_bulk_inserts(session, Employee, [r["id"] for r in rows])


def generate_staff(
    session: Session,
    *,
    employees: int,
    units: int | None = None,
    seed: int = 42,
) -> list[dict[str, object]]:
    """Insert ``employees`` people in work units with a head each; fast bulk insert.

    Returns the inserted rows (dicts) with an extra ``is_head`` key. Change sequence numbers
    are taken in one block so a bulk insert still feeds incremental sync correctly.
    """
    rng = random.Random(seed)
    # about 40 people a unit, at least one unit, never more units than people
    n_units = max(1, min(employees, units or max(len(UNITS), employees // 40)))
    unit_rows = _unit_rows(n_units)
    used: set[str] = set()
    # the first n_units people are the heads, one per unit in turn
    rows = [
        _staff_row(rng, used, unit_rows[i % n_units], is_head=i < n_units) for i in range(employees)
    ]
    _link_supervisors(rows, n_units)
    _insert_staff(session, unit_rows, rows)
    return rows


def create_demo_office(session: Session, *, employees: int = 40, seed: int = 7) -> DemoInfo:
    """A demo kecamatan office with staff, supervisors and accounts (password DEMO_PASSWORD)."""
    actor = office.first_run_setup(
        session,
        office.OfficeProfile(
            code="O042",
            instansi="Pemerintah Kabupaten Kuningan",
            unit_kerja="Kantor Kecamatan Cigugur",
            address="Jl. Raya Cigugur No. 12, Cigugur, Kuningan, Jawa Barat 45552",
            city="Kuningan",
        ),
        admin_username="admin",
        admin_password=DEMO_PASSWORD,
        admin_name="Admin Kepegawaian",
    )
    rows = generate_staff(session, employees=employees, units=4, seed=seed)
    info = DemoInfo(
        office_code="O042",
        admin_username=actor.username,
        password=DEMO_PASSWORD,
        employee_count=len(rows),
    )
    taken: set[str] = {actor.username}
    shared_hash = auth.hash_password(DEMO_PASSWORD)
    for row in rows:
        # The whole first name ("Ni Luh" -> "niluh"): "ni" alone is below the 3-character minimum.
        base = "".join(str(row["nama"]).split()[:-1]).lower()
        username = base
        n = 2
        while username in taken:
            username = f"{base}{n}"
            n += 1
        taken.add(username)
        role = Role.SUPERVISOR if row["is_head"] else Role.EMPLOYEE
        auth.create_user_unchecked(
            session,
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            display_name=str(row["nama"]),
            employee_id=str(row["id"]),
            password_hash=shared_hash,
        )
        (info.supervisor_usernames if row["is_head"] else info.employee_usernames).append(username)
    # imported here: the GUI imports this module at start-up for DEMO_PASSWORD, and the
    # capabilities' demo modules pull in most of the services (a fifth of the start-up imports)
    from flexdesk.services.evaluation.demo import create_demo_evaluations
    from flexdesk.services.outputs.demo import create_demo_outputs
    from flexdesk.services.schedule.demo import create_demo_schedules

    rng = random.Random(seed)
    create_demo_schedules(session, info.admin_username, random.Random(seed))
    create_demo_outputs(session, info, random.Random(seed))
    create_demo_evaluations(session, info, random.Random(rng.random()))
    return info
