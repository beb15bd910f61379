"""Checking a log entry before it is written: the day (not in the future, not a leave day),
the RHK (of the employee's SKP of that year), the activity, quantity and unit, the times, the
work mode and location, and the evidence (links well formed, files readable, allowed and not
twice on one entry). Every check runs before anything is written, so a refused entry changes
nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_outputs import OutputEvidence, OutputLog, Rhk, Skp
from flexdesk.domain.dates import format_tanggal
from flexdesk.domain.outputs import PlannedDay, WorkMode
from flexdesk.errors import ValidationError
from flexdesk.services.outputs.log_types import LogInput
from flexdesk.services.outputs.schedule_bridge import planned_days
from flexdesk.services.storage.attachments import CheckedFile, attachment_limits, check_file
from flexdesk.services.validation import clean_text, finite_number, one_line, parse_enum

MAX_ACTIVITY = 2000
MAX_EVIDENCE = 20
MAX_URL = 2000
_URL_RE = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


def invalid(message: str, message_en: str, field: str) -> ValidationError:
    """A ValidationError of the log entry form, pointing at ``field``."""
    return ValidationError(message, message_en=message_en, field=field)


@dataclass(frozen=True)
class CleanLog:
    """A checked entry: the normalised values to write and the evidence to attach."""

    activity: str
    mode: WorkMode
    quantity: float
    unit: str
    minutes: int
    location: str
    planned: PlannedDay | None
    links: tuple[str, ...]
    files: tuple[CheckedFile, ...]


def _check_day(session: Session, data: LogInput, today: date) -> PlannedDay | None:
    """The planned day of the entry; refused for a future day or a day of leave."""
    if data.day > today:
        raise invalid(
            f"Tanggal {format_tanggal(data.day)} belum terjadi; output dicatat setelah dikerjakan.",
            f"{format_tanggal(data.day, 'en')} is in the future; log outputs after doing the work.",
            "day",
        )
    planned = planned_days(session, data.employee_id, data.day, data.day).get(data.day)
    if planned is not None and planned.is_leave:
        raise invalid(
            f"Pada {format_tanggal(data.day)} jadwal mencatat {planned.leave}; output tidak "
            "dicatat pada hari cuti/izin. Bila cuti batal, ubah jadwalnya lebih dulu.",
            f"On {format_tanggal(data.day, 'en')} the schedule records {planned.leave}; outputs are not "
            "logged on leave days. If the leave was cancelled, change the schedule first.",
            "day",
        )
    return planned


def _check_rhk(session: Session, data: LogInput) -> None:
    rhk_row = session.execute(
        select(Rhk.id, Skp.employee_id, Skp.year)
        .join(Skp, Skp.id == Rhk.skp_id)
        .where(Rhk.id == data.rhk_id)
    ).first()
    if rhk_row is None or rhk_row[1] != data.employee_id or rhk_row[2] != data.day.year:
        raise invalid(
            f"Pilih RHK dari SKP tahun {data.day.year} milik pegawai ini. Bila SKP belum ada, "
            "susun SKP lebih dulu.",
            f"Pick an RHK of this employee's {data.day.year} SKP. If there is no SKP yet, "
            "draft one first.",
            "rhk",
        )


def _check_output(data: LogInput) -> tuple[str, str]:
    """The activity and unit, whitespace normalised; the quantity must be positive."""
    activity = clean_text(
        data.activity, "activity", multiline=True, label=("Uraian kegiatan", "The activity")
    )
    if not activity:
        raise invalid("Uraian kegiatan wajib diisi.", "Describe the activity.", "activity")
    if len(activity) > MAX_ACTIVITY:
        raise invalid(
            f"Uraian kegiatan maksimal {MAX_ACTIVITY} karakter.",
            f"The activity is at most {MAX_ACTIVITY} characters.",
            "activity",
        )
    quantity = finite_number(data.quantity, "quantity", label=("Jumlah output", "The quantity"))
    if not (0 < quantity <= 1_000_000):
        raise invalid(
            "Jumlah output harus lebih dari 0.",
            "The output quantity must be more than 0.",
            "quantity",
        )
    unit = one_line(data.unit, "unit", label=("Satuan output", "The output unit"))
    if not unit or len(unit) > 40:
        raise invalid(
            "Satuan output wajib diisi (mis. dokumen, laporan), maksimal 40 karakter.",
            "The output unit is required (e.g. documents, reports), at most 40 characters.",
            "unit",
        )
    return activity, unit


def _check_minutes(data: LogInput) -> int:
    """The minutes from start to end (seconds ignored); the end must come after the start."""
    start = data.start_time.hour * 60 + data.start_time.minute
    end = data.end_time.hour * 60 + data.end_time.minute
    if end <= start:
        raise invalid(
            "Jam selesai harus setelah jam mulai. Pekerjaan yang melewati tengah malam "
            "dicatat sebagai dua entri.",
            "The end time must be after the start time. Work past midnight is logged as two "
            "entries.",
            "end_time",
        )
    return end - start


def _check_location(data: LogInput, mode: WorkMode) -> str:
    """The location, whitespace normalised; WFA needs one."""
    location = one_line(data.location, "location", label=("Lokasi", "The location"))
    if mode is WorkMode.WFA and not location:
        raise invalid(
            "Tuliskan lokasi kerja untuk WFA (PermenPANRB 4/2025 Pasal 12).",
            "Give the work location for WFA (PermenPANRB 4/2025 art. 12).",
            "location",
        )
    if len(location) > 200:
        raise invalid(
            "Lokasi maksimal 200 karakter.", "The location is at most 200 characters.", "location"
        )
    return location


def _check_links(data: LogInput) -> tuple[str, ...]:
    links = []
    for raw in data.add_links:
        url = clean_text(raw, "evidence", label=("Tautan bukti", "The evidence link"))
        if not _URL_RE.fullmatch(url) or len(url) > MAX_URL:
            raise invalid(
                f"Tautan '{url[:60]}' tidak valid; gunakan alamat yang diawali http:// atau "
                "https://.",
                f"The link '{url[:60]}' is not valid; use an address starting with http:// "
                "or https://.",
                "evidence",
            )
        links.append(url)
    return tuple(links)


def _check_files(
    session: Session, data: LogInput, existing: OutputLog | None
) -> tuple[CheckedFile, ...]:
    """The new files, checked; refused when one has the content of a file the entry keeps."""
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
            raise invalid(
                f"Berkas '{cf.name}' sama isinya dengan '{already[cf.sha256]}' yang sudah "
                "dilampirkan pada entri ini.",
                f"The file '{cf.name}' has the same content as '{already[cf.sha256]}', "
                "already attached to this entry.",
                "evidence",
            )
        already[cf.sha256] = cf.name
        checked.append(cf)
    return tuple(checked)


def check_log(
    session: Session,
    data: LogInput,
    *,
    today: date,
    existing: OutputLog | None = None,
) -> CleanLog:
    """Every check of an entry, in the order the form shows its fields; ValidationError with
    the field of the first problem. ``existing``: the entry being updated."""
    mode = parse_enum(WorkMode, data.work_mode, "work_mode", label=("Mode kerja", "The work mode"))
    planned = _check_day(session, data, today)
    _check_rhk(session, data)
    activity, unit = _check_output(data)
    minutes = _check_minutes(data)
    location = _check_location(data, mode)
    links = _check_links(data)
    files = _check_files(session, data, existing)
    quantity = float(data.quantity)
    return CleanLog(activity, mode, quantity, unit, minutes, location, planned, links, files)
