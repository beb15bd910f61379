"""Importing SKP plans (RHK with their indicators) for many employees from one XLSX/CSV file.

One row per indicator: ``NIP``, ``Tahun``, ``Jenis RHK``, ``RHK Atasan yang Diintervensi``,
``Rencana Hasil Kerja``, ``Aspek``, ``Indikator Kinerja Individu``, ``Target``, ``Satuan``.
Rows with the same NIP, year and RHK text are one RHK. The rules are the SKP editor's
(``services.skp``): one indicator per aspect, a kuantitas indicator with a target and a unit,
texts up to 2,000 characters, an intervened RHK from the direct supervisor's SKP of the same
year (in the database or in the same file), and only a *draft* SKP changes. An RHK already in
the SKP (same text) is updated; RHK not in the file are left alone. The preview, the
all-or-nothing commit and the audit trail work as for employees (``employee_import``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.base import new_uuid
from flexdesk.db.models import Employee
from flexdesk.db.models_outputs import Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import Aspect, SkpStatus
from flexdesk.services.outputs.skp_checks import skp_period_type
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.transfer.cells import header_score, match_headers
from flexdesk.services.transfer.preview import (
    ImportPreview,
    PreviewRow,
    RowStatus,
    count_statuses,
    refuse_commit,
)
from flexdesk.services.transfer.skp_rows import (
    SKP_ALIASES,
    SKP_FIELDS,
    SKP_LABELS,
    RhkGroup,
    SkpLine,
    check_group,
    group_lines,
    parse_skp_line,
)
from flexdesk.services.transfer.tabular import Table, fail, read_table


@dataclass(frozen=True)
class SkpImportResult:
    """What a committed SKP import wrote."""

    skp_created: int
    rhk_created: int
    rhk_updated: int
    rhk_unchanged: int


@dataclass
class _Plans:
    """The SKPs the file touches, as stored: by (employee id, year)."""

    employees: dict[str, Employee]  #: by NIP
    skps: dict[tuple[str, int], Skp]
    rhk: dict[str, list[Rhk]]  #: by SKP id
    indicators: dict[str, list[RhkIndicator]]  #: by RHK id
    rhk_text: dict[str, str]  #: RHK id -> text (the intervened RHK of an existing one)


def _load(session: Session, lines: list[SkpLine]) -> _Plans:
    employees = {
        e.nip: e for e in session.scalars(select(Employee).where(Employee.nip.is_not(None)))
    }
    years = {ln.year for ln in lines if ln.year}
    skps: dict[tuple[str, int], Skp] = {}
    if years:
        for skp in session.scalars(select(Skp).where(Skp.year.in_(years))):
            skps[(skp.employee_id, skp.year)] = skp
    rhk: dict[str, list[Rhk]] = {}
    indicators: dict[str, list[RhkIndicator]] = {}
    ids = [s.id for s in skps.values()]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for item in session.scalars(select(Rhk).where(Rhk.skp_id.in_(chunk))):
            rhk.setdefault(item.skp_id, []).append(item)
        for ind in session.scalars(
            select(RhkIndicator)
            .join(Rhk, RhkIndicator.rhk_id == Rhk.id)
            .where(Rhk.skp_id.in_(chunk))
        ):
            indicators.setdefault(ind.rhk_id, []).append(ind)
    texts = {r.id: r.text for rows in rhk.values() for r in rows}
    parents = {r.parent_rhk_id for rows in rhk.values() for r in rows if r.parent_rhk_id}
    missing = [p for p in parents if p not in texts]
    for start in range(0, len(missing), 500):
        texts.update(
            session.execute(
                select(Rhk.id, Rhk.text).where(Rhk.id.in_(missing[start : start + 500]))
            ).tuples()
        )
    return _Plans({k: v for k, v in employees.items() if k}, skps, rhk, indicators, texts)


def _existing_rhk(plans: _Plans, employee_id: str, year: int, text: str) -> Rhk | None:
    skp = plans.skps.get((employee_id, year))
    if skp is None:
        return None
    return next(
        (r for r in plans.rhk.get(skp.id, []) if r.text.casefold() == text.casefold()), None
    )


def _parent_texts(
    plans: _Plans, in_file: dict[tuple[str, int], set[str]], sup_id: str, year: int
) -> set[str]:
    """RHK texts of the supervisor's SKP of ``year``: stored and in the file."""
    skp = plans.skps.get((sup_id, year))
    stored = {r.text.casefold() for r in plans.rhk.get(skp.id, [])} if skp else set()
    return stored | in_file.get((sup_id, year), set())


def _check_against_data(plans: _Plans, groups: list[RhkGroup]) -> None:
    for group in groups:
        emp = plans.employees.get(group.nip)
        if emp is None:
            group.refuse_all("nip", f"Pegawai dengan NIP {group.nip} tidak ditemukan; impor data "
                             "pegawai lebih dulu.",
                             f"No employee with NIP {group.nip}; import the employees first.")  # fmt: skip
            continue
        group.employee_id = emp.id
    by_id = {e.id: e for e in plans.employees.values()}
    in_file: dict[tuple[str, int], set[str]] = {}
    for group in groups:
        if group.employee_id is not None:
            in_file.setdefault((group.employee_id, group.year), set()).add(group.text.casefold())
    for group in groups:
        if group.employee_id is None:
            continue
        emp = by_id[group.employee_id]
        skp = plans.skps.get((emp.id, group.year))
        if skp is not None and skp.status != SkpStatus.DRAFT.value:
            group.refuse_all("tahun", f"SKP {group.year} pegawai ini sudah diajukan atau disetujui; "
                             "minta atasan membukanya kembali untuk revisi.",
                             f"This employee's {group.year} SKP is submitted or approved; ask the "
                             "supervisor to reopen it for a revision.")  # fmt: skip
        if group.parent_text:
            if emp.supervisor_id is None:
                group.refuse_all("rhk_atasan", "Pegawai ini tidak memiliki atasan langsung, jadi "
                                 "tidak ada RHK atasan yang dapat diintervensi.",
                                 "This employee has no direct supervisor, so there is no "
                                 "supervisor RHK to derive from.")  # fmt: skip
            elif group.parent_text.casefold() not in _parent_texts(
                plans, in_file, emp.supervisor_id, group.year
            ):
                group.refuse_all("rhk_atasan", "RHK atasan ini tidak ada di SKP atasan langsung "
                                 f"tahun {group.year}.",
                                 f"This RHK is not in the direct supervisor's {group.year} SKP.")  # fmt: skip


def _status(plans: _Plans, group: RhkGroup) -> RowStatus:
    if group.refused:
        return RowStatus.REFUSED
    assert group.employee_id is not None
    existing = _existing_rhk(plans, group.employee_id, group.year, group.text)
    if existing is None:
        return RowStatus.NEW
    parent = plans.rhk_text.get(existing.parent_rhk_id or "", "")
    stored = {
        (i.aspect, i.text, float(i.target_value), i.target_unit)
        for i in plans.indicators.get(existing.id, [])
    }
    wanted = {(ln.aspect.value, ln.indicator, ln.target, ln.unit) for ln in group.lines}
    same = (
        existing.kind == group.kind.value
        and parent.casefold() == group.parent_text.casefold()
        and stored == wanted
    )
    return RowStatus.UNCHANGED if same else RowStatus.UPDATED


def plan_skp_import(session: Session, table: Table) -> tuple[ImportPreview, list[RhkGroup], _Plans]:
    """The preview of ``table`` against the stored SKPs, with the groups and data behind it."""
    columns = match_headers(table.header, SKP_ALIASES)
    missing = [
        SKP_LABELS[f] for f in ("nip", "tahun", "rhk", "aspek", "target") if f not in columns
    ]
    if missing:
        raise fail(
            "Kolom berikut tidak ditemukan di baris judul: " + ", ".join(missing) + ". Gunakan "
            "templat SKP FlexDesk.",
            "These columns are missing from the header row: " + ", ".join(missing) + ". Use the "
            "FlexDesk SKP template.",
        )
    lines = [
        parse_skp_line(line, {f: vals[i] if i < len(vals) else None for f, i in columns.items()})
        for line, vals in table.rows
    ]
    groups = group_lines(lines)
    for group in groups:
        check_group(group)
    plans = _load(session, lines)
    _check_against_data(plans, groups)
    status_of = {id(ln): _status(plans, g) for g in groups for ln in g.lines}
    rows = tuple(
        PreviewRow(
            ln.line,
            RowStatus.REFUSED if ln.issues else status_of[id(ln)],
            tuple(ln.values.get(f, "") for f in SKP_FIELDS),
            tuple(ln.issues),
        )
        for ln in lines
    )
    preview = ImportPreview(
        kind="skp",
        fields=SKP_FIELDS,
        labels=tuple(SKP_LABELS[f] for f in SKP_FIELDS),
        rows=rows,
        notes=tuple(table.notes),
        counts=count_statuses(list(rows)),
    )
    return preview, groups, plans


def _require(actor: Actor) -> None:
    require(actor, Action.EMPLOYEE_EDIT_ANY)  # other people's SKPs: the admin's
    require(actor, Action.SKP_EDIT)


def preview_skp_import(session: Session, actor: Actor, path: Path) -> ImportPreview:
    """Read ``path`` and say what importing it would do; writes nothing (admin only)."""
    _require(actor)
    return plan_skp_import(session, read_table(Path(path), score=header_score(SKP_ALIASES)))[0]


def commit_skp_import(session: Session, actor: Actor, path: Path) -> SkpImportResult:
    """Import ``path`` in the caller's transaction: all of it, or nothing when a row is refused
    (ValidationError). Re-importing the same file writes nothing."""
    _require(actor)
    preview, groups, plans = plan_skp_import(
        session, read_table(Path(path), score=header_score(SKP_ALIASES))
    )
    if preview.refused:
        raise refuse_commit(preview)
    period_type = skp_period_type(None, session).value  # the office setting, read once
    supervisor_of = {e.id: e.supervisor_id for e in plans.employees.values()}
    changing = [g for g in groups if _status(plans, g) is not RowStatus.UNCHANGED]
    # Three flushes, not one per RHK (each flush writes its audit batch): SKPs, then RHK with
    # supervisors' first (a staff RHK points at its supervisor's, maybe new), then indicators.
    # The models declare no relationships, so the order of the flushes is the FK order.
    with session.no_autoflush:
        created_skp = _add_skps(session, plans, changing, period_type)
        session.flush()
        changing.sort(key=lambda g: _depth(g.employee_id, supervisor_of))
        written = [(g, _add_or_get_rhk(session, plans, g)) for g in changing]
        for group, (rhk, _new) in written:
            rhk.kind = group.kind.value
            rhk.parent_rhk_id = _parent_id(plans, group, supervisor_of)
        session.flush()
        for group, (rhk, _new) in written:
            _write_indicators(session, plans, rhk, group)
    session.flush()
    created = sum(1 for _g, (_r, new) in written if new)
    return SkpImportResult(created_skp, created, len(written) - created, len(groups) - len(written))


def _depth(employee_id: str | None, supervisor_of: dict[str, str | None]) -> int:
    depth, seen, current = 0, set(), supervisor_of.get(employee_id or "")
    while current is not None and current not in seen:
        seen.add(current)
        depth += 1
        current = supervisor_of.get(current)
    return depth


def _add_skps(session: Session, plans: _Plans, groups: list[RhkGroup], period_type: str) -> int:
    created = 0
    for group in groups:
        assert group.employee_id is not None
        if (group.employee_id, group.year) not in plans.skps:
            skp = Skp(id=new_uuid(), employee_id=group.employee_id, year=group.year,
                      status="draft", period_type=period_type, review_note="")  # fmt: skip
            session.add(skp)
            plans.skps[(group.employee_id, group.year)] = skp
            created += 1
    return created


def _add_or_get_rhk(session: Session, plans: _Plans, group: RhkGroup) -> tuple[Rhk, bool]:
    assert group.employee_id is not None
    rhk = _existing_rhk(plans, group.employee_id, group.year, group.text)
    if rhk is not None:
        return rhk, False
    skp = plans.skps[(group.employee_id, group.year)]
    rhk = Rhk(id=new_uuid(), skp_id=skp.id, text=group.text, kind=group.kind.value,
              position=len(plans.rhk.get(skp.id, [])) + 1)  # fmt: skip
    session.add(rhk)
    plans.rhk.setdefault(skp.id, []).append(rhk)
    return rhk, True


def _parent_id(plans: _Plans, group: RhkGroup, supervisor_of: dict[str, str | None]) -> str | None:
    if not group.parent_text or group.employee_id is None:
        return None
    sup = supervisor_of.get(group.employee_id)
    if sup is None:
        return None
    parent = _existing_rhk(plans, sup, group.year, group.parent_text)
    return parent.id if parent is not None else None


def _write_indicators(session: Session, plans: _Plans, rhk: Rhk, group: RhkGroup) -> None:
    existing = {i.aspect: i for i in plans.indicators.get(rhk.id, [])}
    order = list(Aspect)
    for pos, line in enumerate(sorted(group.lines, key=lambda ln: order.index(ln.aspect))):
        ind = existing.pop(line.aspect.value, None)
        if ind is None:
            ind = RhkIndicator(id=new_uuid(), rhk_id=rhk.id, aspect=line.aspect.value)
            session.add(ind)
        ind.position = pos
        ind.text = line.indicator
        ind.target_value = line.target
        ind.target_unit = line.unit
    for ind in existing.values():
        session.delete(ind)
