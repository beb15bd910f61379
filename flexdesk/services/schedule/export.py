"""Printing the approved schedule (landscape PDF) and exporting a month to CSV.

The PDF holds only approved periods (what the supervisor signed off); employees whose month is
not approved yet are listed in the note under the legend instead. The signature block names
the supervisor most of the printed periods were approved by, with the office's city and the
date of the latest approval. Both files are written atomically: a crash or a cancel leaves no
half-written file and keeps an older file of the same name.
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from flexdesk.db.models import Employee
from flexdesk.domain.dates import DAYS_ID, format_periode
from flexdesk.domain.people import full_name
from flexdesk.domain.schedule import DAY_CODE_INFO, LEAVE_KIND_LABELS, DayCode, LeaveKind
from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.errors import Cancelled, ValidationError
from flexdesk.reports.layout import Letterhead
from flexdesk.reports.pdfio import atomic_output
from flexdesk.reports.schedule_sheet import (
    LegendEntry,
    ScheduleDay,
    ScheduleRow,
    ScheduleSheetData,
    SignatureBlock,
    UnitGroup,
    build_schedule_pdf,
)
from flexdesk.services import office
from flexdesk.services.cell_safety import neutralise_csv
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.service import GridUnit, MonthGrid, month_grid

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]

TITLE = "Jadwal Kerja Fleksibel"
CSV_COLUMNS = (
    "unit_kerja",
    "nip",
    "nama",
    "tanggal",
    "hari",
    "kode",
    "keterangan",
    "lokasi",
    "jenis_cuti",
    "jam",
    "status_periode",
)


@dataclass(frozen=True)
class PrintResult:
    """What a printed schedule holds: its pages, who is on it and who was left out."""

    pages: int
    printed: int  #: employees on the sheet
    not_approved: tuple[str, ...]  #: names left out because their month is not approved


def _no_progress(done: int, total: int, text: str) -> None:
    return None


def _never() -> bool:
    return False


def _legend() -> list[LegendEntry]:
    return [
        LegendEntry(c.value, DAY_CODE_INFO[c].label_id, DAY_CODE_INFO[c].colour) for c in DayCode
    ]


def _days(grid: MonthGrid) -> list[ScheduleDay]:
    out = []
    for d in grid.days:
        holiday = d.kind in ("national", "cuti_bersama", "local")
        out.append(
            ScheduleDay(
                d.day,
                weekend=d.kind == "weekend" or (not d.is_working and not holiday),
                holiday=holiday,
                holiday_name=d.name or "",
            )
        )
    return out


def _signature(session: Session, grid: MonthGrid, printed: list[str]) -> SignatureBlock | None:
    approvers = Counter(
        p.approver_employee_id
        for e in printed
        if (p := grid.period(e)).approver_employee_id is not None
    )
    when = [a.date() for e in printed if (a := grid.period(e).approved_at) is not None]
    profile = office.get_office(session)
    place = profile.city if profile else ""
    if not approvers:
        return SignatureBlock(place, max(when) if when else None, "Atasan Langsung", "")
    approver = session.get(Employee, approvers.most_common(1)[0][0])
    if approver is None:  # pragma: no cover - foreign key keeps it
        return None
    return SignatureBlock(
        place=place,
        sign_date=max(when) if when else None,
        approver_title=approver.jabatan or "Atasan Langsung",
        approver_name=full_name(approver.gelar_depan, approver.nama, approver.gelar_belakang),
        approver_nip=approver.nip or "",
    )


def schedule_sheet(
    session: Session, actor: Actor, year: int, month: int, *, unit_id: str | None = None
) -> tuple[ScheduleSheetData, list[str], list[str]]:
    """The sheet data of a month's approved periods, the ids of the employees printed and the
    names of those left out."""
    require(actor, Action.SCHEDULE_VIEW)
    grid = month_grid(session, actor, year, month, unit_id=unit_id)
    profile = office.get_office(session)
    days = _days(grid)
    groups: list[UnitGroup] = []
    printed: list[str] = []
    left_out: list[str] = []
    for unit in grid.units:
        group, unit_printed, unit_left_out = _unit_group(grid, unit, days)
        printed += unit_printed
        left_out += unit_left_out
        if group is not None:
            groups.append(group)
    if not groups:
        raise ValidationError(
            f"Belum ada jadwal yang disetujui untuk {grid.label}; tidak ada yang dicetak.",
            message_en=f"No schedule is approved for {grid.year}-{grid.month:02d} yet; nothing "
            "was printed.",
        )
    note = ""
    if left_out:
        note = f"Belum disetujui (tidak dicetak): {', '.join(left_out)}."
    paper = office.get_setting(session, "paper_size")
    data = ScheduleSheetData(
        title=TITLE,
        letterhead=Letterhead(
            instansi=profile.instansi if profile else "",
            unit=profile.unit_kerja if profile else "",
            address=profile.address if profile else "",
        ),
        period_label=format_periode(grid.first, grid.last),
        days=days,
        units=groups,
        legend=_legend(),
        signature=_signature(session, grid, printed),
        paper="F4" if paper == "F4" else "A4",
        note=note,
    )
    return data, printed, left_out


def _unit_group(
    grid: MonthGrid, unit: GridUnit, days: list[ScheduleDay]
) -> tuple[UnitGroup | None, list[str], list[str]]:
    """The rows of one unit's approved periods with the daily on-site (WFO) totals (None when
    none is approved), the ids of the employees printed and the names of those left out."""
    rows = []
    printed: list[str] = []
    left_out: list[str] = []
    totals: list[int | None] = [None if d.off else 0 for d in days]
    for member in unit.members:
        if grid.period(member.id).status is not PeriodStatus.APPROVED:
            left_out.append(member.name)
            continue
        printed.append(member.id)
        codes = []
        for i, d in enumerate(days):
            entry = grid.entry(member.id, d.day)
            codes.append(entry.code.value if entry else "")
            current = totals[i]
            if current is not None and entry is not None and entry.code is DayCode.WFO:
                totals[i] = current + 1
        rows.append(ScheduleRow(member.name, member.nip, codes))
    if not rows:
        return None, printed, left_out
    name = unit.name or "Tanpa unit kerja"
    return UnitGroup(name, rows, totals, _minimum(grid, unit.id, len(rows))), printed, left_out


def _minimum(grid: MonthGrid, unit_id: str, rows: int) -> int | None:
    """The cover the policy asks of the unit when everyone printed is on duty (headcount or
    share): totals under it are flagged on paper. Days with leave may ask for less; the grid
    judges each day exactly."""
    policy = grid.policy
    share = math.ceil(policy.min_onsite_share * rows - 1e-9) if policy.min_onsite_share else 0
    head = policy.min_onsite_headcount or 0
    need = max(share, head)
    return need if unit_id and need else None


def print_schedule_pdf(
    session: Session,
    actor: Actor,
    year: int,
    month: int,
    out: Path | BinaryIO,
    *,
    unit_id: str | None = None,
    progress: ProgressFn = _no_progress,
    is_cancelled: CancelledFn = _never,
) -> PrintResult:
    """Print the month's approved schedule (landscape, A4 or F4 from the office setting)."""
    progress(0, 3, "Menyiapkan data jadwal…")
    data, printed, left_out = schedule_sheet(session, actor, year, month, unit_id=unit_id)
    if is_cancelled():
        raise Cancelled()
    profile = office.get_office(session)
    progress(1, 3, "Menyusun PDF…")
    with tempfile.TemporaryDirectory(prefix="flexdesk-logo-") as tmp:
        if profile is not None and profile.logo_png:
            logo = Path(tmp) / "logo.png"
            logo.write_bytes(profile.logo_png)
            data = _with_logo(data, logo)
        if is_cancelled():
            raise Cancelled()
        pages = build_schedule_pdf(data, out)
    progress(3, 3, "Selesai.")
    return PrintResult(pages, len(printed), tuple(left_out))


def _with_logo(data: ScheduleSheetData, logo: Path) -> ScheduleSheetData:
    return replace(data, letterhead=replace(data.letterhead, logo_path=logo))


def schedule_csv(
    session: Session, actor: Actor, year: int, month: int, *, unit_id: str | None = None
) -> str:
    """The month as CSV text: one line per planned cell, every period status."""
    require(actor, Action.SCHEDULE_VIEW)
    grid = month_grid(session, actor, year, month, unit_id=unit_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for unit in grid.units:
        for member in unit.members:
            status = grid.period(member.id).status_label()
            for d in grid.days:
                entry = grid.entry(member.id, d.day)
                if entry is None:
                    continue
                kind = LEAVE_KIND_LABELS[LeaveKind(entry.leave_kind)][0] if entry.leave_kind else ""
                # user text is neutralised: a location like =cmd|' /C calc'!A0 stays text
                writer.writerow(
                    (
                        neutralise_csv(unit.name),
                        member.nip,
                        neutralise_csv(member.name),
                        d.day.isoformat(),
                        DAYS_ID[d.day.weekday()],
                        entry.code.value,
                        DAY_CODE_INFO[entry.code].label_id,
                        neutralise_csv(entry.location),
                        kind,
                        "" if entry.hours is None else f"{entry.hours:g}",
                        status,
                    )
                )
    return buffer.getvalue()


def export_schedule_csv(
    session: Session,
    actor: Actor,
    year: int,
    month: int,
    out: Path,
    *,
    unit_id: str | None = None,
) -> int:
    """Write the month's CSV (UTF-8 with BOM, so spreadsheet programs read the names right)
    atomically; returns the number of data lines."""
    text = schedule_csv(session, actor, year, month, unit_id=unit_id)
    with atomic_output(Path(out)) as fh:
        fh.write(text.encode("utf-8-sig"))
    return max(text.count("\r\n") - 1, 0)
