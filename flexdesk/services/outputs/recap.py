"""Recap of one employee's outputs for a period: realisation against the SKP targets per RHK,
days logged against working days, hours per week, and wellbeing signals for the supervisor.

Realisation counts accepted entries only (PermenPANRB 6/2022 judges realisation on reviewed
evidence); entries still waiting for review are shown beside it. Hours and wellbeing use every
entry, reviewed or not: they are about the work done, not its approval.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from flexdesk.db.models_outputs import OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.dates import Lang, format_periode
from flexdesk.domain.outputs import (
    Aspect,
    LoggedDay,
    LogStatus,
    NationalCalendar,
    RhkKind,
    SkpStatus,
    WellbeingSignal,
    WellbeingThresholds,
    WorkingDays,
    WorkMode,
    count_working_days,
    period_target,
    weekly_hours,
    wellbeing_signals,
)
from flexdesk.domain.performance import PeriodType, period_label, period_range
from flexdesk.services.cell_safety import neutralise_csv
from flexdesk.services.office import get_setting
from flexdesk.services.outputs.schedule_bridge import office_working_days, planned_days
from flexdesk.services.permissions import Action, Actor
from flexdesk.services.staff_scope import display_name, require_view

#: fn(session) -> the office's working calendar (the schedule capability's, with the holidays
#: the admin keeps). The last one wins; with none, weekends and national holidays.
WorkingDaysSource = Callable[[Session], WorkingDays]
WORKING_DAYS_SOURCES: list[WorkingDaysSource] = [office_working_days]


def working_calendar(session: Session) -> WorkingDays:
    """The office's working calendar (from the last of :data:`WORKING_DAYS_SOURCES`)."""
    if WORKING_DAYS_SOURCES:
        return WORKING_DAYS_SOURCES[-1](session)
    return NationalCalendar()


def _float(session: Session, key: str) -> float:
    value = get_setting(session, key)
    return float(value) if isinstance(value, int | float | str) else 0.0


def wellbeing_thresholds(session: Session) -> WellbeingThresholds:
    """The office's wellbeing thresholds (hours a week, consecutive days, remote share)."""
    return WellbeingThresholds(
        weekly_hours=_float(session, "wellbeing_weekly_hours"),
        max_consecutive_days=int(_float(session, "wellbeing_max_consecutive_days")),
        max_remote_share=_float(session, "wellbeing_max_remote_share"),
    )


@dataclass(frozen=True)
class RecapRow:
    """Realisation of one RHK in the period against its share of the yearly target."""

    rhk_id: str
    position: int
    kind: RhkKind
    text: str
    annual_target: float
    target: float  # the share of the yearly target in the period
    unit: str
    realised: float  # accepted entries
    pending: float  # entries not reviewed yet (draft, submitted, returned)
    entries: int

    @property
    def percent(self) -> float:
        """Realisation as a percentage of the period target (0 without a target)."""
        return 100.0 * self.realised / self.target if self.target > 0 else 0.0


@dataclass(frozen=True)
class WeekHours:
    """Hours logged in the week starting ``monday``; ``over``: above the weekly threshold."""

    monday: date
    hours: float
    over: bool


@dataclass(frozen=True)
class Recap:
    """One employee's recap for a period (see the module docstring)."""

    employee_id: str
    employee_name: str
    year: int
    period_type: PeriodType
    period_index: int | None  # None: the whole year
    period_label: str
    start: date
    end: date
    skp_status: SkpStatus | None
    rows: tuple[RecapRow, ...]
    days_logged: int
    working_days: int  # working days from the start of the period up to today (or its end)
    weeks: tuple[WeekHours, ...]
    hours_total: float
    remote_days: int
    on_site_days: int
    signals: tuple[WellbeingSignal, ...]
    thresholds: WellbeingThresholds


def _period_type(session: Session, skp: Skp | None) -> PeriodType:
    """The SKP's period type; without an SKP the office's ``evaluation_period`` setting."""
    if skp is not None:
        return PeriodType(skp.period_type)
    try:
        return PeriodType(str(get_setting(session, "evaluation_period")))
    except ValueError:
        return PeriodType.MONTHLY


def _rhk_rows(
    session: Session,
    skp: Skp | None,
    in_period: ColumnElement[bool],
    ptype: PeriodType,
    periods: int,
) -> list[RecapRow]:
    """Realisation per RHK of the SKP: accepted quantities against the period's share of the
    yearly kuantitas target, with what still waits for review beside it."""
    sums: dict[str, dict[str, tuple[float, int]]] = {}
    for rhk_id, status, qty, n in session.execute(
        select(OutputLog.rhk_id, OutputLog.status, func.sum(OutputLog.quantity), func.count())
        .where(in_period)
        .group_by(OutputLog.rhk_id, OutputLog.status)
    ):
        sums.setdefault(rhk_id, {})[status] = (float(qty or 0), int(n))
    rows: list[RecapRow] = []
    if skp is None:
        return rows
    for rhk, target_value, unit in session.execute(
        select(Rhk, RhkIndicator.target_value, RhkIndicator.target_unit)
        .outerjoin(
            RhkIndicator,
            (RhkIndicator.rhk_id == Rhk.id) & (RhkIndicator.aspect == Aspect.KUANTITAS.value),
        )
        .where(Rhk.skp_id == skp.id)
        .order_by(Rhk.position)
    ):
        by_status = sums.get(rhk.id, {})
        accepted = by_status.get(LogStatus.ACCEPTED.value, (0.0, 0))
        annual = float(target_value or 0)
        rows.append(
            RecapRow(
                rhk_id=rhk.id,
                position=rhk.position,
                kind=RhkKind(rhk.kind),
                text=rhk.text,
                annual_target=annual,
                target=period_target(annual, ptype, periods),
                unit=unit or "",
                realised=accepted[0],
                pending=sum(q for s, (q, _n) in by_status.items() if s != "accepted"),
                entries=sum(n for _q, n in by_status.values()),
            )
        )
    return rows


def _logged_days(
    session: Session, employee_id: str, in_period: ColumnElement[bool], start: date, end: date
) -> list[LoggedDay]:
    """Every day with entries (reviewed or not): minutes, work modes, and the schedule's
    leave on that day if any."""
    per_day: dict[date, tuple[int, set[WorkMode]]] = {}
    for day, mode, minutes in session.execute(
        select(OutputLog.day, OutputLog.work_mode, func.sum(OutputLog.minutes))
        .where(in_period)
        .group_by(OutputLog.day, OutputLog.work_mode)
    ):
        total, modes = per_day.setdefault(day, (0, set()))
        modes.add(WorkMode(mode))
        per_day[day] = (total + int(minutes or 0), modes)
    leave = (
        {d: p.leave for d, p in planned_days(session, employee_id, start, end).items() if p.leave}
        if per_day
        else {}
    )
    return [
        LoggedDay(d, minutes, frozenset(modes), leave.get(d, ""))
        for d, (minutes, modes) in sorted(per_day.items())
    ]


def recap(
    session: Session,
    actor: Actor,
    employee_id: str,
    year: int,
    period_index: int | None = None,
    *,
    today: date | None = None,
    lang: Lang = "id",
) -> Recap:
    """Recap of ``year`` (or of period ``period_index`` of the SKP's period type)."""
    emp = require_view(session, actor, employee_id, Action.OUTPUT_VIEW)
    skp = session.scalar(select(Skp).where(Skp.employee_id == employee_id, Skp.year == year))
    ptype = _period_type(session, skp)
    if period_index is None:
        start, end = date(year, 1, 1), date(year, 12, 31)
        label = period_label(PeriodType.ANNUAL, year, 1, lang)
        periods = ptype.periods_per_year
    else:
        start, end = period_range(ptype, year, period_index)
        label = period_label(ptype, year, period_index, lang)
        periods = 1
    in_period = (
        (OutputLog.employee_id == employee_id) & (OutputLog.day >= start) & (OutputLog.day <= end)
    )
    rows = _rhk_rows(session, skp, in_period, ptype, periods)
    days = _logged_days(session, employee_id, in_period, start, end)
    calendar = working_calendar(session)
    thresholds = wellbeing_thresholds(session)
    last = min(end, today or date.today())
    weeks = tuple(
        WeekHours(monday, hours, hours > thresholds.weekly_hours + 1e-9)
        for monday, hours in weekly_hours(days).items()
    )
    return Recap(
        employee_id=employee_id,
        employee_name=display_name(emp),
        year=year,
        period_type=ptype,
        period_index=period_index,
        period_label=label,
        start=start,
        end=end,
        skp_status=SkpStatus(skp.status) if skp is not None else None,
        rows=tuple(rows),
        days_logged=len(days),
        working_days=count_working_days(calendar, start, last) if last >= start else 0,
        weeks=weeks,
        hours_total=sum(d.minutes for d in days) / 60,
        remote_days=sum(1 for d in days if any(m.is_remote for m in d.modes)),
        on_site_days=sum(1 for d in days if any(m.is_on_site for m in d.modes)),
        signals=tuple(wellbeing_signals(days, calendar, thresholds)),
        thresholds=thresholds,
    )


# -- CSV ---------------------------------------------------------------------------------------


def _num(value: float, lang: Lang) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


def recap_csv(rc: Recap, lang: Lang = "id") -> str:
    """The recap as CSV. Indonesian: ``;`` between fields and a decimal comma, as spreadsheet
    programs on an Indonesian-locale PC expect; English: ``,`` and a decimal point."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "id" else ",", lineterminator="\r\n")
    idn = lang == "id"
    writer.writerow(["Pegawai" if idn else "Employee", neutralise_csv(rc.employee_name)])
    writer.writerow(
        [
            "Periode" if idn else "Period",
            f"{rc.period_label} ({format_periode(rc.start, rc.end, lang)})",
        ]
    )
    writer.writerow([])
    writer.writerow(
        ["No", "Jenis", "RHK", "Target", "Satuan", "Realisasi", "Capaian (%)", "Belum direviu"]
        if idn
        else ["No", "Kind", "RHK", "Target", "Unit", "Realised", "Achieved (%)", "Not reviewed"]
    )
    for i, row in enumerate(rc.rows, 1):
        writer.writerow(
            [
                i,
                row.kind.value,
                neutralise_csv(row.text),  # user text: never a formula in a spreadsheet
                _num(row.target, lang),
                row.unit,
                _num(row.realised, lang),
                _num(row.percent, lang),
                _num(row.pending, lang),
            ]
        )
    writer.writerow([])
    writer.writerow(["Hari tercatat" if idn else "Days logged", rc.days_logged])
    writer.writerow(["Hari kerja" if idn else "Working days", rc.working_days])
    writer.writerow(["Jam tercatat" if idn else "Hours logged", _num(rc.hours_total, lang)])
    writer.writerow([])
    writer.writerow(["Minggu mulai" if idn else "Week of", "Jam" if idn else "Hours"])
    for week in rc.weeks:
        writer.writerow([week.monday.isoformat(), _num(week.hours, lang)])
    if rc.signals:
        writer.writerow([])
        writer.writerow(["Sinyal kesejahteraan" if idn else "Wellbeing signals"])
        for sig in rc.signals:
            writer.writerow([sig.message if idn else sig.message_en])
    return out.getvalue()


def write_recap_csv(rc: Recap, path: Path, lang: Lang = "id") -> Path:
    """Write the CSV (UTF-8 with BOM, so spreadsheet programs read the accents) atomically."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write(recap_csv(rc, lang))
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
    return path
