"""SKP: an employee's yearly plan of results (RHK with indicators and targets).

PermenPANRB 6/2022: the employee drafts the SKP with the Pejabat Penilai Kinerja (the direct
supervisor), who approves it; each RHK may derive from an RHK of the supervisor's SKP
(intervensi). An SKP is edited only as a draft; the supervisor may reopen an approved SKP for a
revision. An RHK that daily outputs were logged against cannot be deleted.

This module holds the writing (create, RHK add/update/delete/move, and the approval steps); the
data types (:mod:`.skp_types`), the reading (:mod:`.skp_query`), the checks
(:mod:`.skp_checks`) and the copy from an earlier year (:mod:`.skp_copy`) live beside it and
are re-exported here.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models_outputs import OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import SKP_SUPERVISOR_STEPS, SkpStatus, SkpStep, next_skp_status
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import ConflictError, NotFound, ValidationError
from flexdesk.services.concurrency import check_rev
from flexdesk.services.outputs.skp_checks import MAX_TEXT, check_year, clean_rhk, skp_period_type
from flexdesk.services.outputs.skp_copy import copy_previous_skp
from flexdesk.services.outputs.skp_query import (
    find_skp,
    get_skp,
    get_skp_by_id,
    parent_rhk_choices,
    skp_detail,
    skp_or_404,
    skp_overview,
)
from flexdesk.services.outputs.skp_types import (
    SKP_PERIOD_TYPES,
    CopyResult,
    IndicatorInput,
    IndicatorRow,
    RhkInput,
    RhkRow,
    SkpDetail,
    SkpSummary,
)
from flexdesk.services.permissions import Action, Actor
from flexdesk.services.staff_scope import require_own, require_supervisor_of
from flexdesk.services.validation import clean_text

__all__ = [
    "MAX_TEXT",
    "SKP_PERIOD_TYPES",
    "CopyResult",
    "IndicatorInput",
    "IndicatorRow",
    "RhkInput",
    "RhkRow",
    "SkpDetail",
    "SkpSummary",
    "add_rhk",
    "approve_skp",
    "copy_previous_skp",
    "create_skp",
    "delete_rhk",
    "get_skp",
    "get_skp_by_id",
    "move_rhk",
    "parent_rhk_choices",
    "reopen_skp",
    "return_skp",
    "set_period_type",
    "skp_overview",
    "submit_skp",
    "update_rhk",
    "withdraw_skp",
]


def create_skp(
    session: Session,
    actor: Actor,
    employee_id: str,
    year: int,
    period_type: PeriodType | str | None = None,
) -> SkpDetail:
    """A new, empty draft SKP (period type from the office setting unless given)."""
    require_own(session, actor, employee_id, Action.SKP_EDIT)
    check_year(year)
    if find_skp(session, employee_id, year) is not None:
        raise ConflictError(
            f"SKP tahun {year} sudah ada.", message_en=f"The {year} SKP already exists."
        )
    skp = Skp(
        employee_id=employee_id,
        year=year,
        period_type=skp_period_type(period_type, session).value,
        status=SkpStatus.DRAFT.value,
        review_note="",
    )
    session.add(skp)
    session.flush()
    return skp_detail(session, skp)


def _editable_skp(session: Session, actor: Actor, skp_id: str) -> Skp:
    skp = skp_or_404(session, skp_id)
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
    session: Session,
    actor: Actor,
    skp_id: str,
    period_type: PeriodType | str,
    *,
    expected_rev: int | None = None,
) -> SkpDetail:
    """Change the evaluation period type of a draft SKP. ``expected_rev``: the SKP's revision
    the tab read; a change against an SKP changed since (on another PC) is refused with
    StaleEdit carrying the current SkpDetail."""
    owner = skp_or_404(session, skp_id)
    require_own(session, actor, owner.employee_id, Action.SKP_EDIT)
    check_rev(session, owner, expected_rev, "SKP", current=lambda: skp_detail(session, owner))
    skp = _editable_skp(session, actor, skp_id)
    skp.period_type = skp_period_type(period_type, session).value
    session.flush()
    return skp_detail(session, skp)


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
    """Add an RHK (checked, with its indicators) at the end of a draft SKP."""
    skp = _editable_skp(session, actor, skp_id)
    clean = clean_rhk(session, skp, data)
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
    return skp_detail(session, skp)


def _rhk_or_404(session: Session, rhk_id: str) -> Rhk:
    rhk = session.get(Rhk, rhk_id)
    if rhk is None:
        raise NotFound("RHK tidak ditemukan.", message_en="RHK not found.")
    return rhk


def update_rhk(
    session: Session,
    actor: Actor,
    rhk_id: str,
    data: RhkInput,
    *,
    expected_rev: int | None = None,
) -> SkpDetail:
    """Change an RHK of a draft SKP and its indicators (checked like a new one).

    ``expected_rev``: the RHK's revision the dialog read; a save against an RHK changed since
    (on another PC) is refused with StaleEdit carrying the current RHK (its RhkRow). Every
    save bumps the RHK's revision, also when only its indicators changed.
    """
    rhk = _rhk_or_404(session, rhk_id)
    owner = skp_or_404(session, rhk.skp_id)
    require_own(session, actor, owner.employee_id, Action.SKP_EDIT)
    check_rev(
        session,
        rhk,
        expected_rev,
        "RHK",
        current=lambda: next(r for r in skp_detail(session, owner).rhk if r.id == rhk_id),
    )
    skp = _editable_skp(session, actor, rhk.skp_id)
    clean = clean_rhk(session, skp, data)
    rhk.kind = clean.kind.value
    rhk.text = clean.text
    rhk.parent_rhk_id = clean.parent_rhk_id
    rhk.updated_at = utcnow()  # a new revision also when only indicator rows changed
    _write_indicators(session, rhk, clean.indicators)
    session.flush()
    return skp_detail(session, skp)


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
    return skp_detail(session, skp)


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
    return skp_detail(session, skp)


def _step(session: Session, actor: Actor, skp_id: str, step: SkpStep, note: str = "") -> SkpDetail:
    skp = skp_or_404(session, skp_id)
    if step in SKP_SUPERVISOR_STEPS:
        emp = require_supervisor_of(session, actor, skp.employee_id, Action.SKP_APPROVE)
    else:
        emp = require_own(session, actor, skp.employee_id, Action.SKP_EDIT)
    after = next_skp_status(SkpStatus(skp.status), step)
    note = clean_text(note, "note", 4000, multiline=True, label=("Catatan", "The note"))
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
    return skp_detail(session, skp)


def submit_skp(session: Session, actor: Actor, skp_id: str) -> SkpDetail:
    """Hand the draft SKP (with at least one RHK) to the direct supervisor."""
    return _step(session, actor, skp_id, SkpStep.SUBMIT)


def withdraw_skp(session: Session, actor: Actor, skp_id: str) -> SkpDetail:
    """Take a submitted SKP back to draft before the supervisor decides."""
    return _step(session, actor, skp_id, SkpStep.WITHDRAW)


def approve_skp(session: Session, actor: Actor, skp_id: str) -> SkpDetail:
    """The direct supervisor approves the submitted SKP (it must have an RHK)."""
    return _step(session, actor, skp_id, SkpStep.APPROVE)


def return_skp(session: Session, actor: Actor, skp_id: str, note: str) -> SkpDetail:
    """The direct supervisor sends the submitted SKP back with a note (required)."""
    return _step(session, actor, skp_id, SkpStep.RETURN, note)


def reopen_skp(session: Session, actor: Actor, skp_id: str, note: str = "") -> SkpDetail:
    """The direct supervisor reopens an approved SKP as a draft for a revision."""
    return _step(session, actor, skp_id, SkpStep.REOPEN, note)
