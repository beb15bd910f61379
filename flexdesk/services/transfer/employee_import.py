"""Importing employees, work units and the supervisor hierarchy from an XLSX or CSV file.

``preview_employee_import`` reads the file and says, per row, what would happen;
``commit_employee_import`` repeats that inside its transaction (the database may have changed
since the preview) and writes everything or nothing. Every write goes through the ORM, so the
audit trail records each new and changed row (``flexdesk.db.audit``).

Rules beyond the employee form's (``employee_rows``):

* An employee is matched by NIP / NI PPPK; non-ASN staff (no NIP) by name and unit.
* A column missing from the file leaves that field as it is; a column present but empty clears
  it (so re-importing an export gives back exactly the same data, and changes nothing).
* Employees in the database but not in the file are left alone (never deactivated).
* Units are matched by name (case-insensitive) and created when new.
* The supervisor is named by NIP (``NIP Atasan Langsung``) and must be in the file or in the
  database; a chain that comes back to an employee (A → B → A) refuses every row on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_transfer import EmployeeContact
from flexdesk.domain.people import EmployeeType, format_nip
from flexdesk.services.office import get_int_setting
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.transfer.cells import header_score, match_headers
from flexdesk.services.transfer.employee_rows import (
    EMPLOYEE_ALIASES,
    EMPLOYEE_LABELS,
    ParsedEmployee,
    parse_employee_row,
)
from flexdesk.services.transfer.preview import (
    ImportPreview,
    PreviewRow,
    RowStatus,
    count_statuses,
    refuse_commit,
)
from flexdesk.services.transfer.tabular import Table, fail, read_table

ProgressFn = Callable[[int, int, str], None]

#: fields compared with (and written to) an Employee, with the attribute they map to
_STORED = ("nama", "gelar_depan", "gelar_belakang", "jenis", "golongan", "jabatan", "unit",
           "nip_atasan", "email", "phone")  # fmt: skip
_TYPE_TEXT = {"pns": "PNS", "pppk": "PPPK", "non_asn": "Non-ASN"}


@dataclass(frozen=True)
class ImportResult:
    """What a committed import wrote."""

    created: int
    updated: int
    unchanged: int
    units_created: int
    employee_ids: tuple[str, ...]  #: created and updated employees, in file order


@dataclass
class _Office:
    """The database as the import needs it: employees by key, units by name."""

    by_key: dict[str, Employee]
    nip_of: dict[str, str]  #: employee id -> NIP
    contacts: dict[str, EmployeeContact]  #: by employee id
    sup_of: dict[str, str | None]  #: key -> supervisor key
    units: dict[str, WorkUnit]


def _key_of(row: ParsedEmployee) -> str:
    if row.employee_type is EmployeeType.NON_ASN:
        return (
            "name:"
            + row.values.get("nama", "").casefold()
            + "|"
            + row.values.get("unit", "").casefold()
        )
    return row.nip or row.values.get("nip", "")


def _load_office(session: Session) -> _Office:
    units = {u.name.casefold(): u for u in session.scalars(select(WorkUnit))}
    unit_name = {u.id: u.name for u in units.values()}
    staff = list(session.scalars(select(Employee)))
    nip_of = {e.id: e.nip for e in staff if e.nip}
    by_key: dict[str, Employee] = {}
    for emp in staff:
        if emp.nip:
            by_key[emp.nip] = emp
        else:
            unit = unit_name.get(emp.unit_id or "", "")
            by_key.setdefault("name:" + emp.nama.casefold() + "|" + unit.casefold(), emp)
    sup_of = {
        key: nip_of.get(emp.supervisor_id) if emp.supervisor_id else None
        for key, emp in by_key.items()
    }
    contacts = {c.employee_id: c for c in session.scalars(select(EmployeeContact))}
    return _Office(by_key, nip_of, contacts, sup_of, units)


def _stored_values(emp: Employee, office: _Office) -> dict[str, str]:
    unit = next((u.name for u in office.units.values() if u.id == emp.unit_id), "")
    contact = office.contacts.get(emp.id)
    return {
        "nama": emp.nama,
        "gelar_depan": emp.gelar_depan,
        "gelar_belakang": emp.gelar_belakang,
        "jenis": _TYPE_TEXT.get(emp.employee_type, emp.employee_type),
        "golongan": emp.golongan,
        "jabatan": emp.jabatan,
        "unit": unit,
        "nip_atasan": office.nip_of.get(emp.supervisor_id or "", ""),
        "email": contact.email if contact else "",
        "phone": contact.phone if contact else "",
    }


def _check_duplicates(rows: list[ParsedEmployee]) -> None:
    """Every row of a NIP (or non-ASN name and unit) that appears more than once is refused:
    which one is right is the clerk's call, not ours."""
    lines: dict[str, list[int]] = {}
    for row in rows:
        key = _key_of(row)
        if key and not row.has_issue("nip"):
            lines.setdefault(key, []).append(row.line)
    for row in rows:
        key = _key_of(row)
        others = [n for n in lines.get(key, []) if n != row.line] if key else []
        if not others or row.has_issue("nip"):
            continue
        fld = "nama" if key.startswith("name:") else "nip"
        shown = format_nip(key) if fld == "nip" else row.values.get("nama", "")
        where = ", ".join(str(n) for n in others)
        row.refuse(
            fld,
            f"{shown} ganda dalam berkas: juga di baris {where}.",
            f"{shown} appears more than once in the file: also on line {where}.",
        )


def _check_supervisors(rows: list[ParsedEmployee], office: _Office) -> None:
    in_file = {_key_of(r): r for r in rows if not r.has_issue("nip")}
    graph = dict(office.sup_of)
    for row in rows:
        if "nip_atasan" not in row.values:
            continue
        sup = row.values["nip_atasan"]
        key = _key_of(row)
        if not sup:
            graph[key] = None
            continue
        if sup == key:
            row.refuse("nip_atasan", "Atasan tidak boleh pegawai itu sendiri.",
                       "The supervisor cannot be the employee themself.")  # fmt: skip
        elif sup not in in_file and sup not in office.by_key:
            row.refuse(
                "nip_atasan",
                f"Atasan dengan NIP {format_nip(sup)} tidak ditemukan di berkas maupun di data.",
                f"No supervisor with NIP {format_nip(sup)} in the file or in the data.",
            )
        else:
            graph[key] = sup
    for row in rows:
        chain = _loop_through(_key_of(row), graph)
        if chain:
            names = " → ".join(format_nip(k) for k in chain)
            row.refuse("nip_atasan", f"Lingkaran atasan: {names}.",
                       f"Supervisor loop: {names}.")  # fmt: skip


def _loop_through(start: str, graph: dict[str, str | None]) -> list[str]:
    """The loop ``start`` is on (start ... start), or [] when its chain ends."""
    chain = [start]
    current = graph.get(start)
    while current is not None and len(chain) <= len(graph):
        chain.append(current)
        if current == start:
            return chain
        if current in chain[:-1]:
            return []  # a loop further up, reported on its own rows
        current = graph.get(current)
    return []


def _status(row: ParsedEmployee, office: _Office) -> tuple[RowStatus, tuple[str, ...]]:
    if row.issues:
        return RowStatus.REFUSED, ()
    emp = office.by_key.get(_key_of(row))
    if emp is None:
        return RowStatus.NEW, ()
    stored = _stored_values(emp, office)
    changed = tuple(f for f in _STORED if f in row.values and row.values[f] != stored.get(f, ""))
    if not changed and row.birth_date and emp.birth_date != row.birth_date:
        changed = ("tanggal_lahir",)
    return (RowStatus.UPDATED, changed) if changed else (RowStatus.UNCHANGED, ())


def _parse_all(session: Session, table: Table, today: date | None) -> list[ParsedEmployee]:
    columns = match_headers(table.header, EMPLOYEE_ALIASES)
    if "nama" not in columns:
        raise fail(
            "Kolom Nama tidak ditemukan di baris judul. Gunakan templat FlexDesk atau beri judul "
            "kolom seperti: NIP, Nama, Jenis Pegawai, Pangkat/Golongan, Jabatan, Unit Kerja, "
            "NIP Atasan Langsung.",
            "No Nama column in the header row. Use the FlexDesk template or name the columns "
            "like: NIP, Nama, Jenis Pegawai, Pangkat/Golongan, Jabatan, Unit Kerja, NIP Atasan "
            "Langsung.",
        )
    min_age = get_int_setting(session, "nip_min_age_at_appointment")
    rows = []
    for line, values in table.rows:
        cells = {f: values[i] if i < len(values) else None for f, i in columns.items()}
        rows.append(parse_employee_row(line, cells, min_age=min_age, today=today))
    return rows


def plan_employee_import(
    session: Session, table: Table, *, today: date | None = None
) -> tuple[ImportPreview, list[ParsedEmployee]]:
    """The preview of ``table`` against the database, and the parsed rows behind it."""
    rows = _parse_all(session, table, today)
    office = _load_office(session)
    _check_duplicates(rows)
    _check_supervisors(rows, office)
    fields = tuple(f for f in EMPLOYEE_LABELS if any(f in r.values for r in rows)) or ("nama",)
    out: list[PreviewRow] = []
    for row in rows:
        status, changed = _status(row, office)
        values = tuple(row.values.get(f, "") for f in fields)
        out.append(PreviewRow(row.line, status, values, tuple(row.issues), changed))
    new_units = sorted(
        {
            r.values["unit"]
            for r in rows
            if r.values.get("unit") and r.values["unit"].casefold() not in office.units
        },
        key=str.casefold,
    )
    preview = ImportPreview(
        kind="employees",
        fields=fields,
        labels=tuple(EMPLOYEE_LABELS[f] for f in fields),
        rows=tuple(out),
        notes=tuple(table.notes),
        new_units=tuple(dict.fromkeys(new_units)),
        counts=count_statuses(out),
    )
    return preview, rows


def _require_import(actor: Actor) -> None:
    for action in (Action.EMPLOYEE_CREATE, Action.EMPLOYEE_EDIT_ANY, Action.UNIT_MANAGE):
        require(actor, action)


def preview_employee_import(
    session: Session, actor: Actor, path: Path, *, today: date | None = None
) -> ImportPreview:
    """Read ``path`` and say what importing it would do; writes nothing (admin only)."""
    _require_import(actor)
    preview, _rows = plan_employee_import(
        session, read_table(Path(path), score=header_score(EMPLOYEE_ALIASES)), today=today
    )
    return preview


def commit_employee_import(
    session: Session,
    actor: Actor,
    path: Path,
    *,
    today: date | None = None,
    progress: ProgressFn | None = None,
) -> ImportResult:
    """Import ``path`` in the caller's transaction: everything, or nothing when a row is
    refused (ValidationError). Re-importing the same file writes nothing."""
    _require_import(actor)
    preview, rows = plan_employee_import(
        session, read_table(Path(path), score=header_score(EMPLOYEE_ALIASES)), today=today
    )
    if preview.refused:
        raise refuse_commit(preview)
    office = _load_office(session)
    units_created = _create_units(session, preview.new_units, office)
    touched: list[tuple[ParsedEmployee, Employee]] = []
    for n, (row, shown) in enumerate(zip(rows, preview.rows, strict=True), 1):
        if shown.status in (RowStatus.NEW, RowStatus.UPDATED):
            touched.append((row, _write_employee(session, row, office)))
        if progress is not None and n % 50 == 0:
            progress(n, len(rows), "")
    session.flush()
    by_nip = {e.nip: e for e in session.scalars(select(Employee).where(Employee.nip.is_not(None)))}
    for row, emp in touched:
        if "nip_atasan" in row.values:
            sup = by_nip.get(row.values["nip_atasan"]) if row.values["nip_atasan"] else None
            emp.supervisor_id = sup.id if sup is not None else None
    _write_contacts(session, touched, office)
    session.flush()
    counts = preview.counts
    return ImportResult(
        created=counts[RowStatus.NEW],
        updated=counts[RowStatus.UPDATED],
        unchanged=counts[RowStatus.UNCHANGED],
        units_created=units_created,
        employee_ids=tuple(emp.id for _row, emp in touched),
    )


def _create_units(session: Session, names: tuple[str, ...], office: _Office) -> int:
    for name in names:
        unit = WorkUnit(name=name, code="", active=True)
        session.add(unit)
        office.units[name.casefold()] = unit
    session.flush()
    return len(names)


def _write_employee(session: Session, row: ParsedEmployee, office: _Office) -> Employee:
    emp = office.by_key.get(_key_of(row))
    if emp is None:
        emp = Employee(flex_eligible=True, active=True, gelar_depan="", gelar_belakang="",
                       golongan="", jabatan="")  # fmt: skip
        session.add(emp)
    values = row.values
    emp.employee_type = row.employee_type.value
    emp.nip = row.nip or None
    emp.nama = values["nama"]
    for fld in ("gelar_depan", "gelar_belakang", "golongan", "jabatan"):
        if fld in values:
            setattr(emp, fld, values[fld])
    if "unit" in values:
        unit = office.units.get(values["unit"].casefold()) if values["unit"] else None
        emp.unit_id = unit.id if unit is not None else None
    if row.employee_type is not EmployeeType.NON_ASN or row.gender is not None:
        emp.gender = row.gender.value if row.gender else None
    if row.employee_type is not EmployeeType.NON_ASN or row.birth_date is not None:
        emp.birth_date = row.birth_date
    return emp


def _write_contacts(
    session: Session, touched: list[tuple[ParsedEmployee, Employee]], office: _Office
) -> None:
    for row, emp in touched:
        if "email" not in row.values and "phone" not in row.values:
            continue
        contact = office.contacts.get(emp.id)
        email = row.values.get("email", contact.email if contact else "")
        phone = row.values.get("phone", contact.phone if contact else "")
        if contact is None and (email or phone):
            contact = EmployeeContact(employee_id=emp.id, email="", phone="")
            session.add(contact)
        if contact is not None:
            contact.email, contact.phone = email, phone
