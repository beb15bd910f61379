"""Reading the output log: the filtered, paged list of entries, one entry with its evidence,
the RHK an entry may point at, the planned day, and a verified copy of an evidence file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_outputs import OutputEvidence, OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import Aspect, LogStatus, PlannedDay, WorkMode
from flexdesk.domain.people import full_name
from flexdesk.errors import NotFound
from flexdesk.services.outputs.log_types import EvidenceRow, LogFilter, LogRow, RhkChoice
from flexdesk.services.outputs.schedule_bridge import planned_days
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.staff_scope import require_view, visible_employees
from flexdesk.services.storage.attachments import AttachmentStore, evidence_store

#: the default filter: every entry in the actor's scope
EVERYTHING = LogFilter()

_Q = TypeVar("_Q", bound=Select[Any])


def evidence_count_column() -> Any:
    """A correlated count of a log entry's evidence files, as a column of the log queries (also the XLSX export's)."""
    return (
        select(func.count(OutputEvidence.id))
        .where(OutputEvidence.log_id == OutputLog.id)
        .correlate(OutputLog)
        .scalar_subquery()
    )


def _select_rows() -> Select[Any]:
    return (
        select(
            OutputLog,
            Employee.gelar_depan,
            Employee.nama,
            Employee.gelar_belakang,
            WorkUnit.name,
            Rhk.text,
            evidence_count_column(),
        )
        .join(Employee, Employee.id == OutputLog.employee_id)
        .outerjoin(WorkUnit, WorkUnit.id == Employee.unit_id)
        .join(Rhk, Rhk.id == OutputLog.rhk_id)
    )


def apply_log_filter(query: _Q, actor: Actor, flt: LogFilter, *, joined: bool) -> _Q:
    """``query`` narrowed to the entries the actor may see that match ``flt`` (shared by the log
    page and the XLSX export). ``joined``: the query already joins Employee (list); a count
    joins it only if needed."""
    scope = visible_employees(actor)
    if scope is not None:
        query = query.where(OutputLog.employee_id.in_(scope))
    needs_employee = bool(flt.unit_id or flt.text.strip() or flt.staff_only)
    if needs_employee and not joined:
        query = query.join(Employee, Employee.id == OutputLog.employee_id)
    if flt.staff_only and actor.role is not Role.ADMIN:
        query = query.where(Employee.supervisor_id == actor.employee_id)
    if flt.employee_id:
        query = query.where(OutputLog.employee_id == flt.employee_id)
    if flt.unit_id:
        query = query.where(Employee.unit_id == flt.unit_id)
    if flt.date_from:
        query = query.where(OutputLog.day >= flt.date_from)
    if flt.date_to:
        query = query.where(OutputLog.day <= flt.date_to)
    if flt.status:
        query = query.where(OutputLog.status == LogStatus(flt.status).value)
    if flt.rhk_id:
        query = query.where(OutputLog.rhk_id == flt.rhk_id)
    for word in flt.text.split():
        # % and _ are searched for as themselves, not as LIKE wildcards
        escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{escaped}%"
        query = query.where(
            or_(
                func.lower(OutputLog.activity).like(like, escape="\\"),
                func.lower(Employee.nama).like(like, escape="\\"),
            )
        )
    return query


def _to_row(found: Any, evidence: tuple[EvidenceRow, ...] = ()) -> LogRow:
    log, gd, nama, gb, unit_name, rhk_text, ev_count = found
    return LogRow(
        id=log.id,
        employee_id=log.employee_id,
        employee_name=full_name(gd, nama, gb),
        unit_name=unit_name or "",
        day=log.day,
        rhk_id=log.rhk_id,
        rhk_text=rhk_text,
        activity=log.activity,
        quantity=log.quantity,
        unit=log.unit,
        start_time=log.start_time,
        end_time=log.end_time,
        minutes=log.minutes,
        work_mode=WorkMode(log.work_mode),
        location=log.location,
        planned_mode=WorkMode(log.planned_mode) if log.planned_mode else None,
        mode_mismatch=log.mode_mismatch,
        status=LogStatus(log.status),
        review_note=log.review_note,
        evidence_count=int(ev_count or 0),
        evidence=evidence,
        rev=log.rev,
    )


def count_logs(session: Session, actor: Actor, flt: LogFilter = EVERYTHING) -> int:
    """How many entries the filter finds within the actor's scope (the log page's row count)."""
    require(actor, Action.OUTPUT_VIEW)
    query = apply_log_filter(select(func.count(OutputLog.id)), actor, flt, joined=False)
    return int(session.scalar(query) or 0)


def list_logs(
    session: Session,
    actor: Actor,
    flt: LogFilter = EVERYTHING,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[LogRow]:
    """A page of entries, newest first (oldest first for the review queue).

    Two steps: the page's ids from ``output_logs`` alone (so the date index serves the order
    and the limit, even for the whole office), then those rows with their names and RHK.
    """
    require(actor, Action.OUTPUT_VIEW)
    ids = apply_log_filter(select(OutputLog.id), actor, flt, joined=False)
    if flt.oldest_first:
        ids = ids.order_by(OutputLog.day, OutputLog.start_time, OutputLog.id)
    else:
        ids = ids.order_by(OutputLog.day.desc(), OutputLog.start_time.desc(), OutputLog.id)
    ids = ids.offset(offset)
    if limit is not None:
        ids = ids.limit(limit)
    page = list(session.scalars(ids))
    if not page:
        return []
    found: dict[str, Any] = {}
    for start in range(0, len(page), 500):  # (bound parameters per statement are limited)
        chunk = page[start : start + 500]
        found.update(
            (r[0].id, r) for r in session.execute(_select_rows().where(OutputLog.id.in_(chunk)))
        )
    return [_to_row(found[i]) for i in page if i in found]


def log_or_404(session: Session, log_id: str) -> OutputLog:
    """The entry's row; NotFound when it does not exist (any more)."""
    log = session.get(OutputLog, log_id)
    if log is None:
        raise NotFound(
            "Entri log output tidak ditemukan (mungkin sudah dihapus).",
            message_en="Output log entry not found (it may have been deleted).",
        )
    return log


def get_log(session: Session, actor: Actor, log_id: str) -> LogRow:
    """One entry with its evidence."""
    log = log_or_404(session, log_id)
    require_view(session, actor, log.employee_id, Action.OUTPUT_VIEW)
    found = session.execute(_select_rows().where(OutputLog.id == log_id)).one()
    evidence = tuple(
        EvidenceRow(e.id, e.kind, e.original_name, e.size, e.media_type, e.sha256, e.url)
        for e in session.scalars(
            select(OutputEvidence)
            .where(OutputEvidence.log_id == log_id)
            .order_by(OutputEvidence.created_at, OutputEvidence.id)
        )
    )
    return _to_row(found, evidence)


def rhk_choices(session: Session, actor: Actor, employee_id: str, year: int) -> list[RhkChoice]:
    """The RHK of the employee's SKP for ``year`` (what a log entry may point at)."""
    require_view(session, actor, employee_id, Action.OUTPUT_VIEW)
    rows = session.execute(
        select(Rhk.id, Rhk.text, Rhk.position, Skp.status, RhkIndicator.target_unit)
        .join(Skp, Skp.id == Rhk.skp_id)
        .outerjoin(
            RhkIndicator,
            (RhkIndicator.rhk_id == Rhk.id) & (RhkIndicator.aspect == Aspect.KUANTITAS.value),
        )
        .where(Skp.employee_id == employee_id, Skp.year == year)
        .order_by(Rhk.position)
    )
    return [RhkChoice(rid, text, unit or "", pos, status) for rid, text, pos, status, unit in rows]


def planned_day(session: Session, actor: Actor, employee_id: str, day: date) -> PlannedDay | None:
    """The approved schedule's plan for that day (to pre-fill the entry dialog)."""
    require_view(session, actor, employee_id, Action.OUTPUT_VIEW)
    return planned_days(session, employee_id, day, day).get(day)


def evidence_copy(
    session: Session, actor: Actor, evidence_id: str, store: AttachmentStore, dest_dir: Path
) -> Path:
    """A verified copy of an evidence file (hash checked) to open in a viewer, streamed from
    the office's store (the server database on PostgreSQL, so any PC opens any file)."""
    ev = session.get(OutputEvidence, evidence_id)
    if ev is None or ev.kind != "file" or not ev.sha256:
        raise NotFound("Berkas bukti tidak ditemukan.", message_en="Evidence file not found.")
    log = log_or_404(session, ev.log_id)
    require_view(session, actor, log.employee_id, Action.OUTPUT_VIEW)
    target = evidence_store(session, store)
    return target.export_copy(ev.sha256, dest_dir / ev.sha256[:16], ev.original_name)
