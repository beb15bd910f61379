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
:data:`PLANNED_DAY_SOURCES` (``services.outputs_schedule``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_outputs import OutputEvidence, OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.dates import format_tanggal
from flexdesk.domain.outputs import (
    EDITABLE_LOG_STATUSES,
    LOG_SUPERVISOR_STEPS,
    Aspect,
    LogStatus,
    LogStep,
    PlannedDay,
    WorkMode,
    log_status_text,
    mode_mismatch,
    next_log_status,
)
from flexdesk.domain.people import full_name
from flexdesk.errors import ConflictError, NotFound, ValidationError
from flexdesk.services.outputs.schedule_bridge import approved_schedule_days
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.staff_scope import (
    require_own,
    require_supervisor_of,
    require_view,
    visible_employees,
)
from flexdesk.services.storage.attachments import (
    AttachmentStore,
    CheckedFile,
    attachment_limits,
    check_file,
    store_in_transaction,
)

MAX_ACTIVITY = 2000
MAX_EVIDENCE = 20
MAX_URL = 2000
_URL_RE = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)

#: fn(session, employee_id, first, last) -> {day: PlannedDay}: the approved schedule. Later
#: sources override earlier ones for the same day (tests add their own).
PlannedDaySource = Callable[[Session, str, date, date], Mapping[date, PlannedDay]]
PLANNED_DAY_SOURCES: list[PlannedDaySource] = [approved_schedule_days]


def planned_days(
    session: Session, employee_id: str, first: date, last: date
) -> dict[date, PlannedDay]:
    found: dict[date, PlannedDay] = {}
    for source in PLANNED_DAY_SOURCES:
        found.update(source(session, employee_id, first, last))
    return found


# -- data in and out --------------------------------------------------------------------------


@dataclass(frozen=True)
class LogInput:
    """What the entry dialog supplies. On update, ``add_*`` are new evidence and
    ``remove_evidence_ids`` the evidence to detach."""

    employee_id: str
    day: date
    rhk_id: str
    activity: str
    quantity: float
    unit: str
    start_time: time
    end_time: time
    work_mode: WorkMode = WorkMode.WFO
    location: str = ""
    add_files: tuple[Path, ...] = ()
    add_links: tuple[str, ...] = ()
    remove_evidence_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceRow:
    id: str
    kind: str  # file | link
    name: str
    size: int
    media_type: str
    sha256: str | None
    url: str


@dataclass(frozen=True)
class LogRow:
    id: str
    employee_id: str
    employee_name: str
    unit_name: str
    day: date
    rhk_id: str
    rhk_text: str
    activity: str
    quantity: float
    unit: str
    start_time: time
    end_time: time
    minutes: int
    work_mode: WorkMode
    location: str
    planned_mode: WorkMode | None
    mode_mismatch: bool
    status: LogStatus
    review_note: str
    evidence_count: int
    evidence: tuple[EvidenceRow, ...] = ()

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_LOG_STATUSES

    def to_input(self) -> LogInput:
        return LogInput(
            employee_id=self.employee_id,
            day=self.day,
            rhk_id=self.rhk_id,
            activity=self.activity,
            quantity=self.quantity,
            unit=self.unit,
            start_time=self.start_time,
            end_time=self.end_time,
            work_mode=self.work_mode,
            location=self.location,
        )


@dataclass(frozen=True)
class LogFilter:
    employee_id: str | None = None
    unit_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    status: LogStatus | None = None
    rhk_id: str | None = None
    text: str = ""
    #: the review queue: only entries of the actor's direct staff (the admin: everyone's)
    staff_only: bool = False
    oldest_first: bool = False


@dataclass(frozen=True)
class RhkChoice:
    id: str
    text: str
    unit: str  # the kuantitas target's unit: the default unit of a log entry
    position: int
    skp_status: str = field(default="draft")


# -- reading ----------------------------------------------------------------------------------

_Q = TypeVar("_Q", bound=Select[Any])


def _evidence_count() -> Any:
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
            _evidence_count(),
        )
        .join(Employee, Employee.id == OutputLog.employee_id)
        .outerjoin(WorkUnit, WorkUnit.id == Employee.unit_id)
        .join(Rhk, Rhk.id == OutputLog.rhk_id)
    )


def _apply_filter(query: _Q, actor: Actor, flt: LogFilter, *, joined: bool) -> _Q:
    """``joined``: the query already joins Employee (list); a count joins it only if needed."""
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
    )


def count_logs(session: Session, actor: Actor, flt: LogFilter = LogFilter()) -> int:
    require(actor, Action.OUTPUT_VIEW)
    query = _apply_filter(select(func.count(OutputLog.id)), actor, flt, joined=False)
    return int(session.scalar(query) or 0)


def list_logs(
    session: Session,
    actor: Actor,
    flt: LogFilter = LogFilter(),
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[LogRow]:
    """A page of entries, newest first (oldest first for the review queue).

    Two steps: the page's ids from ``output_logs`` alone (so the date index serves the order
    and the limit, even for the whole office), then those rows with their names and RHK.
    """
    require(actor, Action.OUTPUT_VIEW)
    ids = _apply_filter(select(OutputLog.id), actor, flt, joined=False)
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


def _log_or_404(session: Session, log_id: str) -> OutputLog:
    log = session.get(OutputLog, log_id)
    if log is None:
        raise NotFound(
            "Entri log output tidak ditemukan (mungkin sudah dihapus).",
            message_en="Output log entry not found (it may have been deleted).",
        )
    return log


def get_log(session: Session, actor: Actor, log_id: str) -> LogRow:
    """One entry with its evidence."""
    log = _log_or_404(session, log_id)
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
    """A verified copy of an evidence file (hash checked) to open in a viewer."""
    ev = session.get(OutputEvidence, evidence_id)
    if ev is None or ev.kind != "file" or not ev.sha256:
        raise NotFound("Berkas bukti tidak ditemukan.", message_en="Evidence file not found.")
    log = _log_or_404(session, ev.log_id)
    require_view(session, actor, log.employee_id, Action.OUTPUT_VIEW)
    return store.export_copy(ev.sha256, dest_dir / ev.sha256[:16], ev.original_name)


# -- writing ----------------------------------------------------------------------------------


def _fail(message: str, message_en: str, field: str) -> ValidationError:
    return ValidationError(message, message_en=message_en, field=field)


@dataclass(frozen=True)
class _Clean:
    activity: str
    quantity: float
    unit: str
    minutes: int
    location: str
    planned: PlannedDay | None
    links: tuple[str, ...]
    files: tuple[CheckedFile, ...]


def _validated(
    session: Session,
    data: LogInput,
    *,
    today: date,
    existing: OutputLog | None = None,
) -> _Clean:
    if data.day > today:
        raise _fail(
            f"Tanggal {format_tanggal(data.day)} belum terjadi; output dicatat setelah dikerjakan.",
            f"{format_tanggal(data.day, 'en')} is in the future; log outputs after doing the work.",
            "day",
        )
    planned = planned_days(session, data.employee_id, data.day, data.day).get(data.day)
    if planned is not None and planned.is_leave:
        raise _fail(
            f"Pada {format_tanggal(data.day)} jadwal mencatat {planned.leave}; output tidak "
            "dicatat pada hari cuti/izin. Bila cuti batal, ubah jadwalnya lebih dulu.",
            f"On {format_tanggal(data.day, 'en')} the schedule records {planned.leave}; outputs are not "
            "logged on leave days. If the leave was cancelled, change the schedule first.",
            "day",
        )
    rhk_row = session.execute(
        select(Rhk.id, Skp.employee_id, Skp.year)
        .join(Skp, Skp.id == Rhk.skp_id)
        .where(Rhk.id == data.rhk_id)
    ).first()
    if rhk_row is None or rhk_row[1] != data.employee_id or rhk_row[2] != data.day.year:
        raise _fail(
            f"Pilih RHK dari SKP tahun {data.day.year} milik pegawai ini. Bila SKP belum ada, "
            "susun SKP lebih dulu.",
            f"Pick an RHK of this employee's {data.day.year} SKP. If there is no SKP yet, "
            "draft one first.",
            "rhk",
        )
    activity = data.activity.strip()
    if not activity:
        raise _fail("Uraian kegiatan wajib diisi.", "Describe the activity.", "activity")
    if len(activity) > MAX_ACTIVITY:
        raise _fail(
            f"Uraian kegiatan maksimal {MAX_ACTIVITY} karakter.",
            f"The activity is at most {MAX_ACTIVITY} characters.",
            "activity",
        )
    if not (0 < data.quantity <= 1_000_000):
        raise _fail(
            "Jumlah output harus lebih dari 0.",
            "The output quantity must be more than 0.",
            "quantity",
        )
    unit = " ".join(data.unit.split())
    if not unit or len(unit) > 40:
        raise _fail(
            "Satuan output wajib diisi (mis. dokumen, laporan), maksimal 40 karakter.",
            "The output unit is required (e.g. documents, reports), at most 40 characters.",
            "unit",
        )
    start = data.start_time.hour * 60 + data.start_time.minute
    end = data.end_time.hour * 60 + data.end_time.minute
    if end <= start:
        raise _fail(
            "Jam selesai harus setelah jam mulai. Pekerjaan yang melewati tengah malam "
            "dicatat sebagai dua entri.",
            "The end time must be after the start time. Work past midnight is logged as two "
            "entries.",
            "end_time",
        )
    mode = WorkMode(data.work_mode)
    location = " ".join(data.location.split())
    if mode is WorkMode.WFA and not location:
        raise _fail(
            "Tuliskan lokasi kerja untuk WFA (PermenPANRB 4/2025 Pasal 12).",
            "Give the work location for WFA (PermenPANRB 4/2025 art. 12).",
            "location",
        )
    if len(location) > 200:
        raise _fail(
            "Lokasi maksimal 200 karakter.", "The location is at most 200 characters.", "location"
        )
    links = []
    for raw in data.add_links:
        url = raw.strip()
        if not _URL_RE.fullmatch(url) or len(url) > MAX_URL:
            raise _fail(
                f"Tautan '{url[:60]}' tidak valid; gunakan alamat yang diawali http:// atau "
                "https://.",
                f"The link '{url[:60]}' is not valid; use an address starting with http:// "
                "or https://.",
                "evidence",
            )
        links.append(url)
    limits = attachment_limits(session)
    already: dict[str, str] = {}
    if existing is not None:
        removed = set(data.remove_evidence_ids)
        for ev in session.scalars(
            select(OutputEvidence).where(OutputEvidence.log_id == existing.id)
        ):
            if ev.id not in removed and ev.sha256:
                already[ev.sha256] = ev.original_name
    checked: list[CheckedFile] = []
    for path in data.add_files:
        cf = check_file(Path(path), limits)
        if cf.sha256 in already:
            raise _fail(
                f"Berkas '{cf.name}' sama isinya dengan '{already[cf.sha256]}' yang sudah "
                "dilampirkan pada entri ini.",
                f"The file '{cf.name}' has the same content as '{already[cf.sha256]}', "
                "already attached to this entry.",
                "evidence",
            )
        already[cf.sha256] = cf.name
        checked.append(cf)
    return _Clean(
        activity, float(data.quantity), unit, end - start, location, planned, tuple(links),
        tuple(checked),
    )  # fmt: skip


def _apply(log: OutputLog, data: LogInput, clean: _Clean) -> None:
    mode = WorkMode(data.work_mode)
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


def _attach(session: Session, store: AttachmentStore, log: OutputLog, clean: _Clean) -> None:
    count = (
        session.scalar(select(func.count(OutputEvidence.id)).where(OutputEvidence.log_id == log.id))
        or 0
    )
    if count + len(clean.files) + len(clean.links) > MAX_EVIDENCE:
        raise _fail(
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
    clean = _validated(session, data, today=today or date.today())
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
    log = _log_or_404(session, log_id)
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
) -> LogRow:
    """Change a draft or returned entry (a returned one keeps its note until resubmitted)."""
    log = _editable_log(session, actor, log_id)
    if data.employee_id != log.employee_id:
        raise _fail(
            "Entri tidak dapat dipindahkan ke pegawai lain.",
            "An entry cannot be moved to another employee.",
            "employee",
        )
    clean = _validated(session, data, today=today or date.today(), existing=log)
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
        raise _fail("Pilih sedikitnya satu entri.", "Select at least one entry.", "selection")
    note = note.strip()
    if step is LogStep.RETURN and not note:
        raise _fail(
            "Tuliskan catatan untuk pegawai: apa yang perlu diperbaiki.",
            "Write a note for the employee: what needs fixing.",
            "note",
        )
    now = utcnow()
    for log_id in ids:
        log = _log_or_404(session, log_id)
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
