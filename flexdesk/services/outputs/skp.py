"""SKP: an employee's yearly plan of results (RHK with indicators and targets).

PermenPANRB 6/2022: the employee drafts the SKP with the Pejabat Penilai Kinerja (the direct
supervisor), who approves it; each RHK may derive from an RHK of the supervisor's SKP
(intervensi). An SKP is edited only as a draft; the supervisor may reopen an approved SKP for a
revision. An RHK that daily outputs were logged against cannot be deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models import Employee
from flexdesk.db.models_outputs import OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import (
    SKP_SUPERVISOR_STEPS,
    Aspect,
    RhkKind,
    SkpStatus,
    SkpStep,
    next_skp_status,
)
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import ConflictError, NotFound, ValidationError
from flexdesk.services.office import get_setting
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.staff_scope import (
    display_name,
    get_employee_row,
    require_own,
    require_supervisor_of,
    require_view,
    visible_employees,
)

MAX_TEXT = 2000
#: period types an SKP can be evaluated by (the annual evaluation always happens too)
SKP_PERIOD_TYPES = (PeriodType.MONTHLY, PeriodType.QUARTERLY, PeriodType.SEMESTER)


@dataclass(frozen=True)
class IndicatorInput:
    aspect: Aspect
    text: str
    target_value: float
    target_unit: str = ""


@dataclass(frozen=True)
class RhkInput:
    text: str
    kind: RhkKind = RhkKind.UTAMA
    parent_rhk_id: str | None = None
    indicators: tuple[IndicatorInput, ...] = ()


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    aspect: Aspect
    text: str
    target_value: float
    target_unit: str

    @property
    def target_text(self) -> str:
        """ "12 dokumen", "100 %", "12 bulan"."""
        value = f"{self.target_value:g}".replace(".", ",")
        return f"{value} {self.target_unit}".strip()

    def to_input(self) -> IndicatorInput:
        return IndicatorInput(self.aspect, self.text, self.target_value, self.target_unit)


@dataclass(frozen=True)
class RhkRow:
    id: str
    position: int
    kind: RhkKind
    text: str
    parent_rhk_id: str | None
    parent_text: str
    indicators: tuple[IndicatorRow, ...]
    log_count: int

    @property
    def quantity(self) -> IndicatorRow | None:
        return next((i for i in self.indicators if i.aspect is Aspect.KUANTITAS), None)

    def to_input(self) -> RhkInput:
        return RhkInput(
            self.text, self.kind, self.parent_rhk_id, tuple(i.to_input() for i in self.indicators)
        )


@dataclass(frozen=True)
class SkpDetail:
    id: str
    employee_id: str
    employee_name: str
    supervisor_id: str | None
    supervisor_name: str
    year: int
    period_type: PeriodType
    status: SkpStatus
    review_note: str
    approver_name: str
    approved_at: datetime | None
    rhk: tuple[RhkRow, ...]

    @property
    def editable(self) -> bool:
        return self.status is SkpStatus.DRAFT


@dataclass(frozen=True)
class SkpSummary:
    employee_id: str
    employee_name: str
    skp_id: str | None
    status: SkpStatus | None
    rhk_count: int


@dataclass(frozen=True)
class CopyResult:
    skp: SkpDetail
    copied: int
    links_kept: int
    links_dropped: int
    source_year: int


# -- reading ----------------------------------------------------------------------------------


def _skp_or_404(session: Session, skp_id: str) -> Skp:
    skp = session.get(Skp, skp_id)
    if skp is None:
        raise NotFound("SKP tidak ditemukan.", message_en="SKP not found.")
    return skp


def _find_skp(session: Session, employee_id: str, year: int) -> Skp | None:
    return session.scalar(select(Skp).where(Skp.employee_id == employee_id, Skp.year == year))


def _detail(session: Session, skp: Skp) -> SkpDetail:
    emp = get_employee_row(session, skp.employee_id)
    sup = session.get(Employee, emp.supervisor_id) if emp.supervisor_id else None
    approver = session.get(Employee, skp.approver_employee_id) if skp.approver_employee_id else None
    items = list(session.scalars(select(Rhk).where(Rhk.skp_id == skp.id).order_by(Rhk.position)))
    ids = [r.id for r in items]
    indicators: dict[str, list[IndicatorRow]] = {}
    counts: dict[str, int] = {}
    parents: dict[str, str] = {}
    if ids:
        for ind in session.scalars(
            select(RhkIndicator).where(RhkIndicator.rhk_id.in_(ids)).order_by(RhkIndicator.position)
        ):
            indicators.setdefault(ind.rhk_id, []).append(
                IndicatorRow(
                    ind.id, Aspect(ind.aspect), ind.text, ind.target_value, ind.target_unit
                )
            )
        counts = {
            rid: int(n)
            for rid, n in session.execute(
                select(OutputLog.rhk_id, func.count(OutputLog.id))
                .where(OutputLog.rhk_id.in_(ids))
                .group_by(OutputLog.rhk_id)
            )
        }
        parent_ids = [r.parent_rhk_id for r in items if r.parent_rhk_id]
        if parent_ids:
            parents = {
                pid: text
                for pid, text in session.execute(
                    select(Rhk.id, Rhk.text).where(Rhk.id.in_(parent_ids))
                )
            }
    return SkpDetail(
        id=skp.id,
        employee_id=emp.id,
        employee_name=display_name(emp),
        supervisor_id=sup.id if sup else None,
        supervisor_name=display_name(sup) if sup else "",
        year=skp.year,
        period_type=PeriodType(skp.period_type),
        status=SkpStatus(skp.status),
        review_note=skp.review_note,
        approver_name=display_name(approver) if approver else "",
        approved_at=skp.approved_at,
        rhk=tuple(
            RhkRow(
                id=r.id,
                position=r.position,
                kind=RhkKind(r.kind),
                text=r.text,
                parent_rhk_id=r.parent_rhk_id,
                parent_text=parents.get(r.parent_rhk_id or "", ""),
                indicators=tuple(indicators.get(r.id, [])),
                log_count=counts.get(r.id, 0),
            )
            for r in items
        ),
    )


def get_skp(session: Session, actor: Actor, employee_id: str, year: int) -> SkpDetail | None:
    """The employee's SKP for ``year``, or None when there is none yet."""
    require_view(session, actor, employee_id, Action.SKP_VIEW)
    skp = _find_skp(session, employee_id, year)
    return None if skp is None else _detail(session, skp)


def get_skp_by_id(session: Session, actor: Actor, skp_id: str) -> SkpDetail:
    skp = _skp_or_404(session, skp_id)
    require_view(session, actor, skp.employee_id, Action.SKP_VIEW)
    return _detail(session, skp)


def skp_overview(session: Session, actor: Actor, year: int) -> list[SkpSummary]:
    """Every employee the actor may see with the state of their SKP for ``year``."""
    require(actor, Action.SKP_VIEW)
    query = select(Employee).where(Employee.active.is_(True)).order_by(Employee.nama)
    scope = visible_employees(actor)
    if scope is not None:
        query = query.where(Employee.id.in_(scope))
    staff = list(session.scalars(query))
    skps = {
        s.employee_id: s
        for s in session.scalars(
            select(Skp).where(Skp.year == year, Skp.employee_id.in_([e.id for e in staff]))
        )
    }
    counts = {
        sid: int(n)
        for sid, n in session.execute(
            select(Rhk.skp_id, func.count(Rhk.id))
            .where(Rhk.skp_id.in_([s.id for s in skps.values()]))
            .group_by(Rhk.skp_id)
        )
    }
    out = []
    for emp in staff:
        skp = skps.get(emp.id)
        out.append(
            SkpSummary(
                emp.id,
                display_name(emp),
                skp.id if skp else None,
                SkpStatus(skp.status) if skp else None,
                counts.get(skp.id, 0) if skp else 0,
            )
        )
    return out


def parent_rhk_choices(
    session: Session, actor: Actor, employee_id: str, year: int
) -> list[tuple[str, str]]:
    """(id, text) of the RHK in the direct supervisor's SKP for ``year``: what this employee's
    RHK may derive from (intervensi)."""
    require_view(session, actor, employee_id, Action.SKP_VIEW)
    emp = get_employee_row(session, employee_id)
    if emp.supervisor_id is None:
        return []
    sup_skp = _find_skp(session, emp.supervisor_id, year)
    if sup_skp is None:
        return []
    return [
        (r.id, r.text)
        for r in session.scalars(select(Rhk).where(Rhk.skp_id == sup_skp.id).order_by(Rhk.position))
    ]


# -- writing ----------------------------------------------------------------------------------


def _period_type(value: PeriodType | str | None, session: Session) -> PeriodType:
    raw = value if value is not None else get_setting(session, "evaluation_period")
    try:
        period = PeriodType(str(raw))
    except ValueError:
        period = PeriodType.MONTHLY
    if period not in SKP_PERIOD_TYPES:
        raise ValidationError(
            "Periode evaluasi harus bulanan, triwulanan atau semesteran.",
            message_en="The evaluation period must be monthly, quarterly or semester.",
            field="period_type",
        )
    return period


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(
            f"Tahun SKP {year} tidak masuk akal.",
            message_en=f"SKP year {year} is out of range.",
            field="year",
        )


def create_skp(
    session: Session,
    actor: Actor,
    employee_id: str,
    year: int,
    period_type: PeriodType | str | None = None,
) -> SkpDetail:
    """A new, empty draft SKP (period type from the office setting unless given)."""
    require_own(session, actor, employee_id, Action.SKP_EDIT)
    _check_year(year)
    if _find_skp(session, employee_id, year) is not None:
        raise ConflictError(
            f"SKP tahun {year} sudah ada.", message_en=f"The {year} SKP already exists."
        )
    skp = Skp(
        employee_id=employee_id,
        year=year,
        period_type=_period_type(period_type, session).value,
        status=SkpStatus.DRAFT.value,
        review_note="",
    )
    session.add(skp)
    session.flush()
    return _detail(session, skp)


def _editable_skp(session: Session, actor: Actor, skp_id: str) -> Skp:
    skp = _skp_or_404(session, skp_id)
    require_own(session, actor, skp.employee_id, Action.SKP_EDIT)
    if skp.status != SkpStatus.DRAFT.value:
        raise ConflictError(
            "SKP sudah diajukan atau disetujui sehingga tidak dapat diubah. Tarik kembali "
            "pengajuan, atau minta atasan membuka kembali SKP untuk revisi.",
            message_en="The SKP has been submitted or approved and cannot change. Withdraw it, "
            "or ask the supervisor to reopen it for a revision.",
        )
    return skp


def set_period_type(
    session: Session, actor: Actor, skp_id: str, period_type: PeriodType | str
) -> SkpDetail:
    skp = _editable_skp(session, actor, skp_id)
    skp.period_type = _period_type(period_type, session).value
    session.flush()
    return _detail(session, skp)


def _clean_rhk(session: Session, skp: Skp, data: RhkInput) -> RhkInput:
    text = " ".join(data.text.split())
    if not text:
        raise ValidationError(
            "Rumusan RHK wajib diisi.", message_en="The RHK statement is required.", field="text"
        )
    if len(text) > MAX_TEXT:
        raise ValidationError(
            f"Rumusan RHK terlalu panjang (maksimal {MAX_TEXT} karakter).",
            message_en=f"The RHK statement is too long (at most {MAX_TEXT} characters).",
            field="text",
        )
    kind = RhkKind(data.kind)
    seen: set[Aspect] = set()
    clean_ind: list[IndicatorInput] = []
    for ind in data.indicators:
        aspect = Aspect(ind.aspect)
        ind_text = " ".join(ind.text.split())
        unit = " ".join(ind.target_unit.split())
        if not ind_text:
            continue  # an empty row in the form
        if aspect in seen:
            raise ValidationError(
                f"Aspek {aspect.label} tercantum dua kali; satu indikator per aspek.",
                message_en=f"Aspect {aspect.value} appears twice; one indicator per aspect.",
                field="indicators",
            )
        seen.add(aspect)
        if not (ind.target_value >= 0) or ind.target_value > 1e9:
            raise ValidationError(
                f"Target indikator {aspect.label} harus angka 0 atau lebih.",
                message_en=f"The {aspect.value} target must be a number of 0 or more.",
                field=f"target_{aspect.value}",
            )
        if len(unit) > 40:
            raise ValidationError(
                "Satuan target maksimal 40 karakter.",
                message_en="The target unit is at most 40 characters.",
                field=f"unit_{aspect.value}",
            )
        clean_ind.append(IndicatorInput(aspect, ind_text, float(ind.target_value), unit))
    quantity = next((i for i in clean_ind if i.aspect is Aspect.KUANTITAS), None)
    if quantity is None or quantity.target_value <= 0 or not quantity.target_unit:
        raise ValidationError(
            "Setiap RHK memerlukan indikator kuantitas dengan target dan satuan (mis. 12 "
            "dokumen): output harian dijumlahkan terhadapnya.",
            message_en="Every RHK needs a quantity indicator with a target and a unit (e.g. "
            "12 documents): daily outputs add up against it.",
            field="target_kuantitas",
        )
    parent = data.parent_rhk_id or None
    if parent is not None:
        allowed = {rid for rid, _t in _parent_choices_unchecked(session, skp.employee_id, skp.year)}
        if parent not in allowed:
            raise ValidationError(
                "RHK atasan yang diintervensi harus berasal dari SKP atasan langsung pada tahun "
                "yang sama.",
                message_en="The supervisor RHK must come from the direct supervisor's SKP of "
                "the same year.",
                field="parent",
            )
    order = list(Aspect)
    clean_ind.sort(key=lambda i: order.index(i.aspect))
    return RhkInput(text, kind, parent, tuple(clean_ind))


def _parent_choices_unchecked(
    session: Session, employee_id: str, year: int
) -> list[tuple[str, str]]:
    emp = get_employee_row(session, employee_id)
    if emp.supervisor_id is None:
        return []
    sup_skp = _find_skp(session, emp.supervisor_id, year)
    if sup_skp is None:
        return []
    return [(r.id, r.text) for r in session.scalars(select(Rhk).where(Rhk.skp_id == sup_skp.id))]


def _write_indicators(session: Session, rhk: Rhk, indicators: tuple[IndicatorInput, ...]) -> None:
    existing = {
        i.aspect: i
        for i in session.scalars(select(RhkIndicator).where(RhkIndicator.rhk_id == rhk.id))
    }
    for pos, ind in enumerate(indicators):
        row = existing.pop(ind.aspect.value, None)
        if row is None:
            row = RhkIndicator(rhk_id=rhk.id, aspect=ind.aspect.value)
            session.add(row)
        row.position = pos
        row.text = ind.text
        row.target_value = ind.target_value
        row.target_unit = ind.target_unit
    for row in existing.values():
        session.delete(row)


def add_rhk(session: Session, actor: Actor, skp_id: str, data: RhkInput) -> SkpDetail:
    skp = _editable_skp(session, actor, skp_id)
    clean = _clean_rhk(session, skp, data)
    last = session.scalar(select(func.max(Rhk.position)).where(Rhk.skp_id == skp.id))
    rhk = Rhk(
        skp_id=skp.id,
        position=(last or 0) + 1,
        kind=clean.kind.value,
        text=clean.text,
        parent_rhk_id=clean.parent_rhk_id,
    )
    session.add(rhk)
    session.flush()
    _write_indicators(session, rhk, clean.indicators)
    session.flush()
    return _detail(session, skp)


def _rhk_or_404(session: Session, rhk_id: str) -> Rhk:
    rhk = session.get(Rhk, rhk_id)
    if rhk is None:
        raise NotFound("RHK tidak ditemukan.", message_en="RHK not found.")
    return rhk


def update_rhk(session: Session, actor: Actor, rhk_id: str, data: RhkInput) -> SkpDetail:
    rhk = _rhk_or_404(session, rhk_id)
    skp = _editable_skp(session, actor, rhk.skp_id)
    clean = _clean_rhk(session, skp, data)
    rhk.kind = clean.kind.value
    rhk.text = clean.text
    rhk.parent_rhk_id = clean.parent_rhk_id
    _write_indicators(session, rhk, clean.indicators)
    session.flush()
    return _detail(session, skp)


def delete_rhk(session: Session, actor: Actor, rhk_id: str) -> SkpDetail:
    """Delete an RHK of a draft SKP; refused while outputs are logged against it or a staff
    RHK derives from it."""
    rhk = _rhk_or_404(session, rhk_id)
    skp = _editable_skp(session, actor, rhk.skp_id)
    logs = session.scalar(select(func.count(OutputLog.id)).where(OutputLog.rhk_id == rhk.id)) or 0
    if logs:
        raise ConflictError(
            f"RHK ini tidak dapat dihapus: sudah ada {logs} entri log output yang mengacu "
            "padanya. Ubah rumusannya, atau pindahkan/hapus entri log itu lebih dulu.",
            message_en=f"This RHK cannot be deleted: {logs} output log entries refer to it. "
            "Reword it, or move/delete those entries first.",
        )
    children = session.scalar(select(func.count(Rhk.id)).where(Rhk.parent_rhk_id == rhk.id)) or 0
    if children:
        raise ConflictError(
            f"RHK ini tidak dapat dihapus: {children} RHK bawahan mengintervensinya. Lepaskan "
            "tautan di SKP bawahan lebih dulu.",
            message_en=f"This RHK cannot be deleted: {children} staff RHK derive from it. "
            "Unlink them in the staff SKPs first.",
        )
    for ind in session.scalars(select(RhkIndicator).where(RhkIndicator.rhk_id == rhk.id)):
        session.delete(ind)
    session.flush()  # children first: the models declare no relationship to order deletes by
    session.delete(rhk)
    session.flush()
    for pos, other in enumerate(
        session.scalars(select(Rhk).where(Rhk.skp_id == skp.id).order_by(Rhk.position)), 1
    ):
        if other.position != pos:
            other.position = pos
    session.flush()
    return _detail(session, skp)


def move_rhk(session: Session, actor: Actor, rhk_id: str, delta: int) -> SkpDetail:
    """Move an RHK up (-1) or down (+1) in its SKP."""
    rhk = _rhk_or_404(session, rhk_id)
    skp = _editable_skp(session, actor, rhk.skp_id)
    items = list(session.scalars(select(Rhk).where(Rhk.skp_id == skp.id).order_by(Rhk.position)))
    i = next(n for n, r in enumerate(items) if r.id == rhk.id)
    j = max(0, min(len(items) - 1, i + delta))
    items.insert(j, items.pop(i))
    for pos, item in enumerate(items, 1):
        if item.position != pos:
            item.position = pos
    session.flush()
    return _detail(session, skp)


def _step(session: Session, actor: Actor, skp_id: str, step: SkpStep, note: str = "") -> SkpDetail:
    skp = _skp_or_404(session, skp_id)
    if step in SKP_SUPERVISOR_STEPS:
        emp = require_supervisor_of(session, actor, skp.employee_id, Action.SKP_APPROVE)
    else:
        emp = require_own(session, actor, skp.employee_id, Action.SKP_EDIT)
    after = next_skp_status(SkpStatus(skp.status), step)
    note = note.strip()
    if step is SkpStep.RETURN and not note:
        raise ValidationError(
            "Tuliskan catatan untuk pegawai: apa yang perlu diperbaiki.",
            message_en="Write a note for the employee: what needs fixing.",
            field="note",
        )
    if step in (SkpStep.SUBMIT, SkpStep.APPROVE):
        count = session.scalar(select(func.count(Rhk.id)).where(Rhk.skp_id == skp.id)) or 0
        if not count:
            raise ValidationError(
                "SKP belum memiliki RHK; tambahkan sedikitnya satu RHK.",
                message_en="The SKP has no RHK yet; add at least one.",
            )
    skp.status = after.value
    if step is SkpStep.APPROVE:
        skp.approver_employee_id = emp.supervisor_id
        skp.approved_by_user_id = actor.user_id
        skp.approved_at = utcnow()
        skp.review_note = ""
    elif step in (SkpStep.RETURN, SkpStep.REOPEN):
        skp.review_note = note
        skp.approved_at = None
        skp.approver_employee_id = None
        skp.approved_by_user_id = None
    session.flush()
    return _detail(session, skp)


def submit_skp(session: Session, actor: Actor, skp_id: str) -> SkpDetail:
    return _step(session, actor, skp_id, SkpStep.SUBMIT)


def withdraw_skp(session: Session, actor: Actor, skp_id: str) -> SkpDetail:
    return _step(session, actor, skp_id, SkpStep.WITHDRAW)


def approve_skp(session: Session, actor: Actor, skp_id: str) -> SkpDetail:
    return _step(session, actor, skp_id, SkpStep.APPROVE)


def return_skp(session: Session, actor: Actor, skp_id: str, note: str) -> SkpDetail:
    return _step(session, actor, skp_id, SkpStep.RETURN, note)


def reopen_skp(session: Session, actor: Actor, skp_id: str, note: str = "") -> SkpDetail:
    return _step(session, actor, skp_id, SkpStep.REOPEN, note)


def copy_previous_skp(session: Session, actor: Actor, employee_id: str, year: int) -> CopyResult:
    """Start ``year``'s SKP from the most recent earlier one: RHK, indicators and targets are
    copied into a draft; links to the supervisor's RHK are kept where the supervisor's new SKP
    has an RHK with the same wording."""
    require_own(session, actor, employee_id, Action.SKP_EDIT)
    _check_year(year)
    source = session.scalar(
        select(Skp)
        .where(Skp.employee_id == employee_id, Skp.year < year)
        .where(Skp.id.in_(select(Rhk.skp_id)))
        .order_by(Skp.year.desc())
        .limit(1)
    )
    if source is None:
        raise NotFound(
            "Belum ada SKP tahun sebelumnya yang dapat disalin.",
            message_en="There is no earlier SKP to copy.",
        )
    target = _find_skp(session, employee_id, year)
    if target is not None:
        has_rhk = session.scalar(select(func.count(Rhk.id)).where(Rhk.skp_id == target.id))
        if has_rhk or target.status != SkpStatus.DRAFT.value:
            raise ConflictError(
                f"SKP tahun {year} sudah berisi RHK; penyalinan hanya untuk SKP yang masih kosong.",
                message_en=f"The {year} SKP already has RHK; copying only fills an empty SKP.",
            )
    else:
        target = Skp(
            employee_id=employee_id,
            year=year,
            period_type=source.period_type,
            status=SkpStatus.DRAFT.value,
            review_note="",
        )
        session.add(target)
        session.flush()
    new_parents = {
        text.casefold(): rid for rid, text in _parent_choices_unchecked(session, employee_id, year)
    }
    old_rhk = list(
        session.scalars(select(Rhk).where(Rhk.skp_id == source.id).order_by(Rhk.position))
    )
    old_parent_text = {
        rid: text
        for rid, text in session.execute(
            select(Rhk.id, Rhk.text).where(
                Rhk.id.in_([r.parent_rhk_id for r in old_rhk if r.parent_rhk_id])
            )
        )
    }
    kept = dropped = 0
    for pos, old in enumerate(old_rhk, 1):
        parent = None
        if old.parent_rhk_id:
            parent = new_parents.get(old_parent_text.get(old.parent_rhk_id, "").casefold())
            kept += parent is not None
            dropped += parent is None
        new = Rhk(
            skp_id=target.id, position=pos, kind=old.kind, text=old.text, parent_rhk_id=parent
        )
        session.add(new)
        session.flush()
        for ind in session.scalars(
            select(RhkIndicator)
            .where(RhkIndicator.rhk_id == old.id)
            .order_by(RhkIndicator.position)
        ):
            session.add(
                RhkIndicator(
                    rhk_id=new.id,
                    position=ind.position,
                    aspect=ind.aspect,
                    text=ind.text,
                    target_value=ind.target_value,
                    target_unit=ind.target_unit,
                )
            )
    session.flush()
    return CopyResult(_detail(session, target), len(old_rhk), kept, dropped, source.year)
