"""The daily output log (Log Output): entries against RHK, evidence, and supervisor review.

An employee logs what they produced on a day against an RHK of their SKP for that year, with
times, the work mode and location actually used (pre-filled from the approved schedule; a
different mode is flagged, never refused) and evidence files or links. Entries go DRAFT ->
SUBMITTED -> ACCEPTED (locked) or RETURNED with a note (the employee fixes and resubmits);
the transitions are :data:`flexdesk.domain.outputs.LOG_TRANSITIONS`.

Evidence files are checked (type, size, readable, not twice on one entry) before anything is
written; they are then stored in the content-addressed store inside the same unit of work, so
a failure leaves neither a half-saved entry nor a stray file.

Planned days (mode, location, leave) come from the approved schedule through
:data:`PLANNED_DAY_SOURCES` (:mod:`flexdesk.services.outputs.schedule_bridge`).

This module holds the writing (create, update, delete, and the review steps); the data types
(:mod:`.log_types`), the reading (:mod:`.log_query`) and the checks of an entry
(:mod:`.log_checks`) live beside it and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models_outputs import OutputEvidence, OutputLog
from flexdesk.domain.outputs import (
    EDITABLE_LOG_STATUSES,
    LOG_SUPERVISOR_STEPS,
    LogStatus,
    LogStep,
    log_status_text,
    mode_mismatch,
    next_log_status,
)
from flexdesk.errors import ConflictError
from flexdesk.services.concurrency import check_rev
from flexdesk.services.outputs.log_checks import (
    MAX_ACTIVITY,
    MAX_EVIDENCE,
    MAX_URL,
    CleanLog,
    check_log,
    invalid,
)
from flexdesk.services.outputs.log_query import (
    count_logs,
    evidence_copy,
    get_log,
    list_logs,
    log_or_404,
    planned_day,
    rhk_choices,
)
from flexdesk.services.outputs.log_types import (
    EvidenceRow,
    LogFilter,
    LogInput,
    LogRow,
    RhkChoice,
)
from flexdesk.services.outputs.schedule_bridge import (
    PLANNED_DAY_SOURCES,
    PlannedDaySource,
    planned_days,
)
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.staff_scope import require_own, require_supervisor_of
from flexdesk.services.storage.attachments import (
    AttachmentStore,
    attachment_limits,
    store_in_transaction,
)
from flexdesk.services.validation import clean_text

__all__ = [
    "MAX_ACTIVITY",
    "MAX_EVIDENCE",
    "MAX_URL",
    "PLANNED_DAY_SOURCES",
    "EvidenceRow",
    "LogFilter",
    "LogInput",
    "LogRow",
    "PlannedDaySource",
    "RhkChoice",
    "accept_logs",
    "count_logs",
    "create_log",
    "delete_log",
    "evidence_copy",
    "get_log",
    "list_logs",
    "planned_day",
    "planned_days",
    "return_log",
    "review_queue",
    "rhk_choices",
    "submit_logs",
    "update_log",
    "withdraw_log",
]


def _apply(log: OutputLog, data: LogInput, clean: CleanLog) -> None:
    mode = clean.mode
    log.day = data.day
    log.rhk_id = data.rhk_id
    log.activity = clean.activity
    log.quantity = clean.quantity
    log.unit = clean.unit
    log.start_time = data.start_time.replace(second=0, microsecond=0)
    log.end_time = data.end_time.replace(second=0, microsecond=0)
    log.minutes = clean.minutes
    log.work_mode = mode.value
    log.location = clean.location
    planned = clean.planned
    log.planned_mode = planned.mode.value if planned is not None and planned.mode else None
    log.mode_mismatch = mode_mismatch(planned, mode)


def _attach(session: Session, store: AttachmentStore, log: OutputLog, clean: CleanLog) -> None:
    count = (
        session.scalar(select(func.count(OutputEvidence.id)).where(OutputEvidence.log_id == log.id))
        or 0
    )
    if count + len(clean.files) + len(clean.links) > MAX_EVIDENCE:
        raise invalid(
            f"Paling banyak {MAX_EVIDENCE} bukti per entri.",
            f"At most {MAX_EVIDENCE} pieces of evidence per entry.",
            "evidence",
        )
    for url in clean.links:
        session.add(OutputEvidence(log_id=log.id, kind="link", url=url, original_name=url[:255]))
    limits = attachment_limits(session)
    for cf in clean.files:
        stored = store_in_transaction(session, store, cf, limits)
        session.add(
            OutputEvidence(
                log_id=log.id,
                kind="file",
                sha256=stored.sha256,
                original_name=stored.name,
                size=stored.size,
                media_type=stored.media_type,
                url="",
            )
        )


def create_log(
    session: Session,
    actor: Actor,
    data: LogInput,
    *,
    store: AttachmentStore,
    today: date | None = None,
) -> LogRow:
    """A new draft entry with its evidence."""
    require_own(session, actor, data.employee_id, Action.OUTPUT_LOG)
    clean = check_log(session, data, today=today or date.today())
    log = OutputLog(
        employee_id=data.employee_id,
        status=LogStatus.DRAFT.value,
        review_note="",
        created_by_user_id=actor.user_id,
    )
    _apply(log, data, clean)
    session.add(log)
    session.flush()
    _attach(session, store, log, clean)
    session.flush()
    return get_log(session, actor, log.id)


def _locked_message(log: OutputLog) -> ConflictError:
    status = LogStatus(log.status)
    if status is LogStatus.ACCEPTED:
        return ConflictError(
            "Entri ini sudah diterima atasan dan terkunci; tidak dapat diubah atau dihapus.",
            message_en="This entry was accepted by the supervisor and is locked; it cannot be "
            "changed or deleted.",
        )
    id_, en = log_status_text(status)
    return ConflictError(
        f"Entri ini {id_}; tarik kembali pengajuannya sebelum mengubah.",
        message_en=f"This entry is {en}; withdraw it before making changes.",
    )


def _editable_log(session: Session, actor: Actor, log_id: str) -> OutputLog:
    log = log_or_404(session, log_id)
    require_own(session, actor, log.employee_id, Action.OUTPUT_LOG)
    if LogStatus(log.status) not in EDITABLE_LOG_STATUSES:
        raise _locked_message(log)
    return log


def update_log(
    session: Session,
    actor: Actor,
    log_id: str,
    data: LogInput,
    *,
    store: AttachmentStore,
    today: date | None = None,
    expected_rev: int | None = None,
) -> LogRow:
    """Change a draft or returned entry (a returned one keeps its note until resubmitted).

    ``expected_rev``: the entry's revision the dialog read; a save against an entry changed
    since (on another PC) is refused with StaleEdit carrying the current entry (its LogRow).
    """
    log = log_or_404(session, log_id)
    require_own(session, actor, log.employee_id, Action.OUTPUT_LOG)
    check_rev(
        session,
        log,
        expected_rev,
        "log kerja",
        label_en="work log",
        current=lambda: get_log(session, actor, log_id),
    )
    log = _editable_log(session, actor, log_id)
    if data.employee_id != log.employee_id:
        raise invalid(
            "Entri tidak dapat dipindahkan ke pegawai lain.",
            "An entry cannot be moved to another employee.",
            "employee",
        )
    clean = check_log(session, data, today=today or date.today(), existing=log)
    _apply(log, data, clean)
    if data.remove_evidence_ids:
        for ev in session.scalars(
            select(OutputEvidence).where(
                OutputEvidence.log_id == log.id, OutputEvidence.id.in_(data.remove_evidence_ids)
            )
        ):
            session.delete(ev)
        session.flush()
    _attach(session, store, log, clean)
    session.flush()
    return get_log(session, actor, log.id)


def delete_log(session: Session, actor: Actor, log_id: str) -> None:
    """Delete a draft or returned entry; its files stay in the store until orphan clean-up
    (another entry may use the same file)."""
    log = _editable_log(session, actor, log_id)
    for ev in session.scalars(select(OutputEvidence).where(OutputEvidence.log_id == log.id)):
        session.delete(ev)
    session.flush()
    session.delete(log)
    session.flush()


def _step(
    session: Session, actor: Actor, log_ids: Iterable[str], step: LogStep, note: str = ""
) -> list[LogRow]:
    ids = list(dict.fromkeys(log_ids))
    if not ids:
        raise invalid("Pilih sedikitnya satu entri.", "Select at least one entry.", "selection")
    note = clean_text(note, "note", MAX_ACTIVITY, multiline=True, label=("Catatan", "The note"))
    if step is LogStep.RETURN and not note:
        raise invalid(
            "Tuliskan catatan untuk pegawai: apa yang perlu diperbaiki.",
            "Write a note for the employee: what needs fixing.",
            "note",
        )
    now = utcnow()
    for log_id in ids:
        log = log_or_404(session, log_id)
        if step in LOG_SUPERVISOR_STEPS:
            require_supervisor_of(session, actor, log.employee_id, Action.OUTPUT_REVIEW)
        else:
            require_own(session, actor, log.employee_id, Action.OUTPUT_LOG)
        log.status = next_log_status(LogStatus(log.status), step).value
        if step is LogStep.SUBMIT:
            log.submitted_at = now
        elif step in LOG_SUPERVISOR_STEPS:
            log.reviewed_at = now
            log.reviewed_by_user_id = actor.user_id
            log.review_note = note  # an accepted entry drops the old return note
    session.flush()
    return [get_log(session, actor, i) for i in ids]


def submit_logs(session: Session, actor: Actor, log_ids: Iterable[str]) -> list[LogRow]:
    """Hand draft/returned entries to the supervisor (all or none)."""
    return _step(session, actor, log_ids, LogStep.SUBMIT)


def withdraw_log(session: Session, actor: Actor, log_id: str) -> LogRow:
    """Take a submitted entry back before the supervisor reviews it."""
    return _step(session, actor, [log_id], LogStep.WITHDRAW)[0]


def accept_logs(session: Session, actor: Actor, log_ids: Iterable[str]) -> list[LogRow]:
    """Accept submitted entries of one's direct staff: they count and are locked."""
    return _step(session, actor, log_ids, LogStep.ACCEPT)


def return_log(session: Session, actor: Actor, log_id: str, note: str) -> LogRow:
    """Send a submitted entry back to the employee with a note."""
    return _step(session, actor, [log_id], LogStep.RETURN, note)[0]


def review_queue(session: Session, actor: Actor, *, limit: int = 500) -> list[LogRow]:
    """Submitted entries of the actor's direct staff (the admin: everyone's), oldest first."""
    require(actor, Action.OUTPUT_REVIEW)
    flt = LogFilter(status=LogStatus.SUBMITTED, staff_only=True, oldest_first=True)
    return list_logs(session, actor, flt, limit=limit)
