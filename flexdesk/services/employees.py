"""Employees: the office's staff list (PNS, PPPK and non-ASN).

Permission rules (on top of the role matrix): the admin edits anyone; supervisors and employees
edit only their own record and only its personal fields (name and titles): the structural
fields (NIP, unit, supervisor, golongan, jabatan, eligibility, active) are the admin's.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.domain.people import (
    EmployeeType,
    Gender,
    find_golongan,
    format_nip,
    full_name,
    normalize_nip,
    pangkat_label,
    parse_nip,
)
from flexdesk.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from flexdesk.services.concurrency import check_rev
from flexdesk.services.employee_types import EmployeeFilter, EmployeeInput, EmployeeRow
from flexdesk.services.office import get_int_setting
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.validation import one_line, parse_enum

#: fields an employee may change on their own record
SELF_EDITABLE = frozenset({"gelar_depan", "nama", "gelar_belakang"})


NO_FILTER = EmployeeFilter()  # every active employee
_Supervisor = aliased(Employee)
_Q = TypeVar("_Q", bound=Select[*tuple[Any, ...]])


def _select_rows() -> Select[Employee, str, Employee]:
    return (
        select(Employee, WorkUnit.name, _Supervisor)
        .outerjoin(WorkUnit, Employee.unit_id == WorkUnit.id)
        .outerjoin(_Supervisor, Employee.supervisor_id == _Supervisor.id)
    )


def _apply_filter(query: _Q, flt: EmployeeFilter) -> _Q:
    if not flt.include_inactive:
        query = query.where(Employee.active.is_(True))
    if flt.unit_id:
        query = query.where(Employee.unit_id == flt.unit_id)
    for word in flt.text.split():
        # % and _ are searched for as themselves, not as LIKE wildcards
        escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{escaped}%"
        digits = normalize_nip(word)
        conds = [
            func.lower(column).like(like, escape="\\")
            for column in (
                Employee.nama,
                Employee.jabatan,
                Employee.gelar_depan,
                Employee.gelar_belakang,
            )
        ]
        if digits.isdigit():
            conds.append(Employee.nip.like(f"%{digits}%"))
        query = query.where(or_(*conds))
    return query


def _to_row(emp: Employee, unit_name: str | None, sup: Employee | None) -> EmployeeRow:
    etype = EmployeeType(emp.employee_type)
    return EmployeeRow(
        id=emp.id,
        nip=emp.nip,
        nip_display=format_nip(emp.nip, etype) if emp.nip else "",
        employee_type=etype,
        gelar_depan=emp.gelar_depan,
        nama=emp.nama,
        gelar_belakang=emp.gelar_belakang,
        display_name=full_name(emp.gelar_depan, emp.nama, emp.gelar_belakang),
        golongan=emp.golongan,
        pangkat=pangkat_label(emp.golongan),
        jabatan=emp.jabatan,
        unit_id=emp.unit_id,
        unit_name=unit_name or "",
        supervisor_id=emp.supervisor_id,
        supervisor_name=full_name(sup.gelar_depan, sup.nama, sup.gelar_belakang) if sup else "",
        flex_eligible=emp.flex_eligible,
        active=emp.active,
        gender=Gender(emp.gender) if emp.gender else None,
        birth_date=emp.birth_date,
        rev=emp.rev,
    )


def count_employees(session: Session, actor: Actor, flt: EmployeeFilter = NO_FILTER) -> int:
    """How many employees match the filter (for the lazy list's size)."""
    require(actor, Action.EMPLOYEE_VIEW)
    query = _apply_filter(select(func.count(Employee.id)).select_from(Employee), flt)
    return int(session.scalar(query) or 0)


def list_employees(
    session: Session,
    actor: Actor,
    flt: EmployeeFilter = NO_FILTER,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[EmployeeRow]:
    """A page of employees ordered by unit then name (lazy table models fetch page by page)."""
    require(actor, Action.EMPLOYEE_VIEW)
    query = _apply_filter(_select_rows(), flt).order_by(
        WorkUnit.name.is_(None), WorkUnit.name, Employee.nama, Employee.id
    )
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_to_row(e, u, s) for e, u, s in session.execute(query)]


def get_employee(session: Session, actor: Actor, employee_id: str) -> EmployeeRow:
    """One employee as the list and the form show it."""
    require(actor, Action.EMPLOYEE_VIEW)
    found = session.execute(_select_rows().where(Employee.id == employee_id)).first()
    if found is None:
        raise NotFound("Pegawai tidak ditemukan.", message_en="Employee not found.")
    emp, unit_name, sup = found
    return _to_row(emp, unit_name, sup)


def _checked_fields(data: EmployeeInput) -> EmployeeInput:
    """The input's text parsed (no broken or control characters, within the column lengths)
    and its enums as their types: what a form or an import hands in may be anything."""
    return replace(
        data,
        nama=one_line(data.nama, "nama", 200, label=("Nama", "The name")),
        employee_type=parse_enum(
            EmployeeType, data.employee_type, "employee_type", label=("Jenis pegawai", "The type")
        ),
        nip=one_line(data.nip, "nip", 40, label=("NIP", "The NIP")),
        gelar_depan=one_line(data.gelar_depan, "gelar_depan", 60, label=_GELAR_DEPAN),
        gelar_belakang=one_line(data.gelar_belakang, "gelar_belakang", 100, label=_GELAR_BLK),
        golongan=one_line(data.golongan, "golongan", 10, label=("Golongan", "The golongan")),
        jabatan=one_line(data.jabatan, "jabatan", 200, label=("Jabatan", "The position")),
        gender=None
        if data.gender is None
        else parse_enum(Gender, data.gender, "gender", label=("Jenis kelamin", "The gender")),
    )


_GELAR_DEPAN = ("Gelar depan", "The title before the name")
_GELAR_BLK = ("Gelar belakang", "The title after the name")


def _validated(session: Session, data: EmployeeInput, *, self_id: str | None) -> EmployeeInput:
    data = _checked_fields(data)
    nama = data.nama
    if not nama:
        raise ValidationError("Nama wajib diisi.", message_en="The name is required.", field="nama")
    nip = normalize_nip(data.nip)
    gender, birth = data.gender, data.birth_date
    if data.employee_type is EmployeeType.NON_ASN:
        if nip:
            raise ValidationError(
                "Pegawai non-ASN tidak memiliki NIP; kosongkan kolom NIP.",
                message_en="Non-ASN staff have no NIP; leave the NIP field empty.",
                field="nip",
            )
        nip_value: str | None = None
    else:
        min_age = get_int_setting(session, "nip_min_age_at_appointment")
        info = parse_nip(nip, data.employee_type, min_age_at_appointment=min_age)
        nip_value = info.nip
        gender, birth = info.gender, info.birth_date
        clash = session.scalar(select(Employee.id).where(Employee.nip == nip_value))
        if clash is not None and clash != self_id:
            raise ConflictError(
                f"NIP {format_nip(nip_value)} sudah terdaftar untuk pegawai lain.",
                message_en=f"NIP {format_nip(nip_value)} already belongs to another employee.",
                field="nip",
            )
    golongan = data.golongan.strip()
    if golongan:
        gol = find_golongan(golongan)
        if gol is None or gol.employee_type is not data.employee_type:
            raise ValidationError(
                f"Golongan '{golongan}' tidak sesuai dengan jenis pegawai.",
                message_en=f"Golongan '{golongan}' does not match the employee type.",
                field="golongan",
            )
        golongan = gol.code
    if data.unit_id is not None and session.get(WorkUnit, data.unit_id) is None:
        raise ValidationError(
            "Unit kerja tidak ditemukan.", message_en="Work unit not found.", field="unit"
        )
    if data.supervisor_id is not None:
        _check_supervisor(session, data.supervisor_id, self_id)
    return replace(
        data,
        nama=nama,
        nip=nip_value or "",
        gelar_depan=" ".join(data.gelar_depan.split()),
        gelar_belakang=" ".join(data.gelar_belakang.split()),
        golongan=golongan,
        jabatan=" ".join(data.jabatan.split()),
        gender=gender,
        birth_date=birth,
    )


def _check_supervisor(session: Session, supervisor_id: str, self_id: str | None) -> None:
    sup = session.get(Employee, supervisor_id)
    if sup is None:
        raise ValidationError(
            "Atasan tidak ditemukan.", message_en="Supervisor not found.", field="supervisor"
        )
    # Walk up the chain: an employee cannot (indirectly) supervise themself.
    seen: set[str] = set()
    current: Employee | None = sup
    while current is not None and current.id not in seen:
        if self_id is not None and current.id == self_id:
            raise ValidationError(
                "Atasan tidak boleh pegawai itu sendiri atau bawahannya.",
                message_en="The supervisor cannot be the employee or one of their staff.",
                field="supervisor",
            )
        seen.add(current.id)
        current = session.get(Employee, current.supervisor_id) if current.supervisor_id else None


def _apply(emp: Employee, data: EmployeeInput) -> None:
    emp.nama = data.nama
    emp.employee_type = data.employee_type.value
    emp.nip = data.nip or None
    emp.gelar_depan = data.gelar_depan
    emp.gelar_belakang = data.gelar_belakang
    emp.golongan = data.golongan
    emp.jabatan = data.jabatan
    emp.unit_id = data.unit_id
    emp.supervisor_id = data.supervisor_id
    emp.flex_eligible = data.flex_eligible
    emp.active = data.active
    emp.gender = data.gender.value if data.gender else None
    emp.birth_date = data.birth_date


def create_employee(session: Session, actor: Actor, data: EmployeeInput) -> EmployeeRow:
    """Add an employee after validating every field (NIP or NI PPPK by its own shape, titles, golongan, unit, supervisor)."""
    require(actor, Action.EMPLOYEE_CREATE)
    clean = _validated(session, data, self_id=None)
    emp = Employee()
    _apply(emp, clean)
    session.add(emp)
    session.flush()
    return get_employee(session, actor, emp.id)


def update_employee(
    session: Session,
    actor: Actor,
    employee_id: str,
    data: EmployeeInput,
    *,
    expected_rev: int | None = None,
) -> EmployeeRow:
    """Save an employee's changed data; staff may edit only their own contact fields, admins
    everything. A save from a dialog that read revision ``expected_rev`` of a record changed
    since is refused (StaleEdit with the current EmployeeRow)."""
    emp = session.get(Employee, employee_id)
    if emp is None:
        raise NotFound("Pegawai tidak ditemukan.", message_en="Employee not found.")
    if actor.can(Action.EMPLOYEE_EDIT_ANY) or actor.employee_id == employee_id:
        check_rev(
            session,
            emp,
            expected_rev,
            "pegawai",
            label_en="employee",
            current=lambda: get_employee(session, actor, employee_id),
        )
    if not actor.can(Action.EMPLOYEE_EDIT_ANY):
        if actor.employee_id != employee_id:
            require(actor, Action.EMPLOYEE_EDIT_ANY)  # raises with the role's message
        require(actor, Action.EMPLOYEE_EDIT_SELF)
        current = get_employee(session, actor, employee_id).to_input()
        changed = {
            f.name
            for f in fields(EmployeeInput)
            if f.name not in {"gender", "birth_date"}
            and getattr(current, f.name) != getattr(data, f.name)
            and not (f.name == "nip" and normalize_nip(data.nip) == current.nip)
        }
        if changed - SELF_EDITABLE:
            raise PermissionDenied(
                "Anda hanya dapat mengubah nama dan gelar Anda sendiri; data kepegawaian "
                "(NIP, unit, atasan, golongan, jabatan) diubah oleh admin.",
                message_en=(
                    "You may change only your own name and titles; personnel data is the "
                    "admin's to change."
                ),
            )
        # Gender and birth date are not compared above (for PNS/PPPK they come from the NIP),
        # so keep the recorded ones: a non-ASN employee must not change them on a self-edit.
        data = replace(data, gender=current.gender, birth_date=current.birth_date)
    clean = _validated(session, data, self_id=employee_id)
    _apply(emp, clean)
    session.flush()
    return get_employee(session, actor, employee_id)


def supervisor_choices(session: Session, actor: Actor) -> list[tuple[str, str]]:
    """(id, display name) of active employees, for the supervisor picker."""
    require(actor, Action.EMPLOYEE_VIEW)
    rows = session.execute(
        select(Employee.id, Employee.gelar_depan, Employee.nama, Employee.gelar_belakang)
        .where(Employee.active.is_(True))
        .order_by(Employee.nama)
    )
    return [(i, full_name(d, n, b)) for i, d, n, b in rows]


def nip_problem(raw: str, employee_type: EmployeeType) -> tuple[str, str] | None:
    """(Indonesian, English) message for a NIP as typed, or None when it is valid (live check
    in the dialog; the same rules run again on save)."""
    if employee_type is EmployeeType.NON_ASN:
        return None
    try:
        parse_nip(raw, employee_type)
    except ValidationError as exc:
        return exc.message, exc.message_en
    return None


def golongan_choices(employee_type: EmployeeType) -> list[tuple[str, str]]:
    """(code, label) for the golongan picker of an employee type."""
    from flexdesk.domain.people import golongan_for

    return [(g.code, pangkat_label(g.code)) for g in golongan_for(employee_type)]


__all__ = [
    "NO_FILTER",
    "SELF_EDITABLE",
    "EmployeeFilter",
    "EmployeeInput",
    "EmployeeRow",
    "count_employees",
    "create_employee",
    "get_employee",
    "golongan_choices",
    "list_employees",
    "nip_problem",
    "supervisor_choices",
    "update_employee",
]
