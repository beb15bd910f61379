"""XLSX exports of the schedule month, the output log (with the page's filters) and recaps.

Each export checks the same permission as the page it mirrors (it calls the page's own
service: ``schedule.month_grid``, ``outputs.list_logs``, ``recap.recap``), writes atomically
(a cancel or a crash leaves no half-written file) and takes ``progress`` / ``is_cancelled``
callbacks for the GUI's progress dialog. Sheet layout and formula-injection guards: ``xlsx.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from flexdesk.domain.dates import day_abbr, format_periode, format_tanggal
from flexdesk.domain.people import full_name
from flexdesk.domain.schedule import DAY_CODE_INFO, ON_SITE_CODES, DayCode
from flexdesk.errors import Cancelled
from flexdesk.services import office
from flexdesk.services.outputs.logs import LogFilter, LogRow, count_logs
from flexdesk.services.outputs.recap import Recap, recap
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.service import MonthGrid, month_grid
from flexdesk.services.transfer.xlsx import (
    Book,
    CancelledFn,
    Column,
    ProgressFn,
    SheetSpec,
    _never,
    _no_progress,
    setup_print,
    start_sheet,
    write_rows,
    write_value,
    xlsx_output,
)

_STATUS_ID = {"draft": "Draf", "submitted": "Diajukan", "accepted": "Diterima",
              "returned": "Dikembalikan"}  # fmt: skip


def _office_line(session: Session) -> str:
    row = office.get_office(session)
    return f"{row.unit_kerja} — {row.instansi}" if row else ""


# -- schedule month ----------------------------------------------------------------------------


def _write_schedule_header(book: Book, sheet: Any, grid: MonthGrid, cover: list[str]) -> int:
    ws = sheet
    title = book.fmt("title", bold=True, font_size=13)
    ws.write_string(0, 0, f"Jadwal Kerja Fleksibel — {grid.label}", title)
    for n, line in enumerate(cover, 1):
        write_value(book, ws, n, 0, line)
    head = book.fmt("header", bold=True, bg_color="#E6E6E6", border=1, text_wrap=True,
                    valign="vcenter")  # fmt: skip
    off = book.fmt("header_off", bold=True, bg_color="#BDBDBD", border=1, text_wrap=True,
                   align="center", font_color="#7F0000")  # fmt: skip
    day_head = book.fmt("header_day", bold=True, bg_color="#E6E6E6", border=1, text_wrap=True,
                        align="center")  # fmt: skip
    row = len(cover) + 2
    for col, text in enumerate(("No", "NIP", "Nama")):
        ws.write_string(row, col, text, head)
    for i, day in enumerate(grid.days):
        text = f"{day.day.day}\n{day_abbr(day.day.weekday())}"
        ws.write_string(row, 3 + i, text, day_head if day.is_working else off)
    ws.set_row(row, 30)
    ws.freeze_panes(row + 1, 3)
    ws.repeat_rows(row)
    return row + 1


def _code_format(book: Book, code: DayCode) -> Any:
    info = DAY_CODE_INFO[code]
    return book.fmt(f"code_{code.value}", bg_color=info.colour, border=1, align="center",
                    font_size=8)  # fmt: skip


def export_schedule_xlsx(
    session: Session,
    actor: Actor,
    year: int,
    month: int,
    out: Path,
    *,
    unit_id: str | None = None,
    paper: str = "A4",
    progress: ProgressFn = _no_progress,
    is_cancelled: CancelledFn = _never,
) -> int:
    """The month's grid as on the Jadwal page: a block per unit, one row per employee with the
    day codes coloured by mode, and a cover row (people on site per day) under each unit.
    Every period status is included (the status is in the last column). Returns employees."""
    grid = month_grid(session, actor, year, month, unit_id=unit_id)
    legend = "Keterangan: " + ", ".join(
        f"{i.short_id} = {i.label_id}" for i in DAY_CODE_INFO.values()
    )
    cover = [_office_line(session), legend, f"Dicetak {format_tanggal(date.today())}"]
    total = sum(len(u.members) for u in grid.units)
    with xlsx_output(Path(out)) as book:
        ws = book.workbook.add_worksheet(f"Jadwal {month:02d}-{year}")
        ws.set_column(0, 0, 4)
        ws.set_column(1, 1, 20)
        ws.set_column(2, 2, 28)
        ws.set_column(3, 2 + len(grid.days), 5.2)
        ws.set_column(3 + len(grid.days), 3 + len(grid.days), 12)
        row = _write_schedule_header(book, ws, grid, cover)
        ws.write_string(row - 1, 3 + len(grid.days), "Status", book.fmt("header"))
        done = _write_schedule_units(
            book, ws, grid, row, total=total, progress=progress, is_cancelled=is_cancelled
        )
        setup_print(ws, paper, landscape=True)
    return done


def _write_schedule_units(
    book: Book, ws: Any, grid: MonthGrid, row: int, *, total: int,
    progress: ProgressFn, is_cancelled: CancelledFn,
) -> int:  # fmt: skip
    unit_fmt = book.fmt("unit", bold=True, bg_color="#F5F5F5")
    cover_fmt = book.fmt("cover", italic=True, align="center", font_size=8, top=1)
    done = 0
    for unit in grid.units:
        ws.write_string(row, 0, unit.name or "Tanpa unit", unit_fmt)
        row += 1
        on_site = [0] * len(grid.days)
        for n, member in enumerate(unit.members, 1):
            ws.write_number(row, 0, n)
            write_value(book, ws, row, 1, member.nip)
            write_value(book, ws, row, 2, member.name)
            for i, day in enumerate(grid.days):
                entry = grid.entry(member.id, day.day)
                if entry is None:
                    continue
                ws.write_string(
                    row, 3 + i, DAY_CODE_INFO[entry.code].short_id, _code_format(book, entry.code)
                )
                on_site[i] += entry.code in ON_SITE_CODES
            write_value(book, ws, row, 3 + len(grid.days), grid.period(member.id).status_label())
            row += 1
            done += 1
            if done % 100 == 0:
                if is_cancelled():
                    raise Cancelled()
                progress(done, total, member.name)
        ws.write_string(row, 2, "Di kantor (WFO)", cover_fmt)
        for i, count in enumerate(on_site):
            ws.write_number(row, 3 + i, count, cover_fmt)
        row += 2
    return done


# -- output log --------------------------------------------------------------------------------

LOG_COLUMNS = (
    Column("Tanggal", "date", 16), Column("Pegawai", "text", 26), Column("Unit Kerja", "text", 20),
    Column("RHK", "text", 34), Column("Kegiatan", "text", 40), Column("Jumlah", "number", 9),
    Column("Satuan", "text", 10), Column("Mulai", "text", 7), Column("Selesai", "text", 7),
    Column("Menit", "integer", 7), Column("Mode", "text", 6), Column("Lokasi", "text", 18),
    Column("Status", "text", 12), Column("Catatan reviu", "text", 24), Column("Bukti", "integer", 6),
)  # fmt: skip


def _log_values(row: LogRow) -> tuple[object, ...]:
    """One log entry as the sheet's cells (``LogRow``: the service's own rows)."""
    return (
        row.day, row.employee_name, row.unit_name, row.rhk_text, row.activity, row.quantity,
        row.unit, row.start_time.strftime("%H:%M"), row.end_time.strftime("%H:%M"), row.minutes,
        row.work_mode.value, row.location, _STATUS_ID.get(row.status.value, row.status.value),
        row.review_note, row.evidence_count,
    )  # fmt: skip


def _log_cells(session: Session, actor: Actor, flt: LogFilter) -> Iterator[tuple[object, ...]]:
    """The entries ``flt`` selects as sheet cells, oldest first, in one streamed query.

    The filter and the actor's scope are the log page's own (``outputs.apply_log_filter``), so the
    export holds exactly what the page lists; plain columns instead of ORM rows keep 100,000
    entries to a few seconds (``list_logs`` builds an object per row for the page).
    """
    from flexdesk.db.models import Employee, WorkUnit
    from flexdesk.db.models_outputs import OutputLog, Rhk
    from flexdesk.services.outputs.log_query import apply_log_filter, evidence_count_column

    require(actor, Action.OUTPUT_VIEW)
    query = cast(
        "Select[Any]",
        select(OutputLog.day, Employee.gelar_depan, Employee.nama, Employee.gelar_belakang,
               WorkUnit.name, Rhk.text, OutputLog.activity, OutputLog.quantity, OutputLog.unit,
               OutputLog.start_time, OutputLog.end_time, OutputLog.minutes, OutputLog.work_mode,
               OutputLog.location, OutputLog.status, OutputLog.review_note, evidence_count_column())
        .join(Employee, Employee.id == OutputLog.employee_id)
        .outerjoin(WorkUnit, WorkUnit.id == Employee.unit_id)
        .join(Rhk, Rhk.id == OutputLog.rhk_id),
    )  # fmt: skip
    query = apply_log_filter(query, actor, flt, joined=True)
    query = query.order_by(OutputLog.day, OutputLog.start_time, OutputLog.id)
    names: dict[tuple[str, str, str], str] = {}
    for (day, gd, nama, gb, unit, rhk, activity, qty, qty_unit, start, end, minutes, mode,
         location, status, note, evidence) in session.execute(query.execution_options(yield_per=5000)):  # fmt: skip
        key = (gd, nama, gb)
        name = names.get(key) or names.setdefault(key, full_name(gd, nama, gb))
        yield (day, name, unit or "", rhk, activity, qty, qty_unit, start.strftime("%H:%M"),
               end.strftime("%H:%M"), minutes, mode, location, _STATUS_ID.get(status, status),
               note, int(evidence or 0))  # fmt: skip


def _filter_lines(flt: LogFilter) -> str:
    parts = []
    if flt.date_from or flt.date_to:
        first = flt.date_from or date(1900, 1, 1)
        parts.append(format_periode(first, flt.date_to or date.today()))
    if flt.status is not None:
        parts.append("status " + _STATUS_ID.get(flt.status.value, flt.status.value))
    if flt.text:
        parts.append(f"teks '{flt.text}'")
    return "Saringan: " + (", ".join(parts) if parts else "semua entri")


def export_logs_xlsx(
    session: Session,
    actor: Actor,
    flt: LogFilter,
    out: Path,
    *,
    paper: str = "A4",
    progress: ProgressFn = _no_progress,
    is_cancelled: CancelledFn = _never,
) -> int:
    """The output log entries ``flt`` selects (the page's filters, the actor's scope), oldest
    first, read page by page; returns the number of rows."""
    total = count_logs(session, actor, flt)
    spec = SheetSpec("Log Output", "Log Output", LOG_COLUMNS,
                     cover=(_office_line(session), _filter_lines(flt)), paper=paper)  # fmt: skip
    with xlsx_output(Path(out), rows=total) as book:
        sheet, first = start_sheet(book, spec)
        count = write_rows(book, sheet, first, spec, _log_cells(session, actor, flt), total=total,
                           progress=progress, is_cancelled=is_cancelled)  # fmt: skip
    return count


# -- recap ---------------------------------------------------------------------------------------

RECAP_COLUMNS = (
    Column("No", "integer", 5), Column("Jenis", "text", 10), Column("RHK", "text", 44),
    Column("Target periode", "number", 12), Column("Satuan", "text", 10),
    Column("Realisasi", "number", 11), Column("Capaian", "percent", 10),
    Column("Belum direviu", "number", 12),
)  # fmt: skip


def _recap_rows(rc: Recap) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [
        (i, r.kind.value.capitalize(), r.text, r.target, r.unit, r.realised, r.percent / 100,
         r.pending)
        for i, r in enumerate(rc.rows, 1)
    ]  # fmt: skip
    rows.append(())
    rows.append(("", "", "Hari tercatat / hari kerja", rc.days_logged, "", rc.working_days))
    rows.append(("", "", "Jam tercatat", round(rc.hours_total, 2)))
    rows.extend(("", "", s.message) for s in rc.signals)
    return rows


def export_recap_xlsx(
    session: Session,
    actor: Actor,
    employee_ids: Sequence[str],
    year: int,
    out: Path,
    *,
    period_index: int | None = None,
    paper: str = "A4",
    progress: ProgressFn = _no_progress,
    is_cancelled: CancelledFn = _never,
) -> int:
    """One sheet per employee: realisation against the period's targets per RHK, days and
    hours logged, wellbeing signals (``recap.recap``); returns the number of sheets."""
    with xlsx_output(Path(out)) as book:
        used: set[str] = set()
        for n, employee_id in enumerate(employee_ids, 1):
            if is_cancelled():
                raise Cancelled()
            rc = recap(session, actor, employee_id, year, period_index)
            name = _sheet_name(rc.employee_name, used)
            spec = SheetSpec(name, f"Rekap Output — {rc.employee_name}", RECAP_COLUMNS,
                             cover=(f"{rc.period_label} ({format_periode(rc.start, rc.end)})",),
                             paper=paper, landscape=False)  # fmt: skip
            sheet, first = start_sheet(book, spec)
            write_rows(book, sheet, first, spec, _recap_rows(rc))
            progress(n, len(employee_ids), rc.employee_name)
    return len(employee_ids)


def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join(c for c in name if c not in "[]:*?/\\")[:28] or "Pegawai"
    candidate, n = clean, 2
    while candidate.casefold() in used:
        candidate, n = f"{clean[:25]} ({n})", n + 1
    used.add(candidate.casefold())
    return candidate
